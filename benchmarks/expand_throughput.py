"""Throughput of ``multiaug expand``: items/s with 1 and 2 local workers on a few hundred images.

Builds a deterministic input folder (``--images`` JPEGs, 320×240, crops/recolours of the shipped sample photos,
spread over 4 classes) in a temporary folder, then runs the same expansion (``--copies`` per item, the image
``medium`` preset or a fixed pipeline of always-present augmentations) with ``workers=1`` and ``workers=2``,
checks that both runs wrote identical bytes, and prints items/s and the speed-up. The ``run`` throughput counts
the whole processing phase including the worker pool's start-up (spawn).

    python benchmarks/expand_throughput.py [--images 200] [--copies 2] [--repeat 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FALLBACK_PIPELINE = {"multiaug_pipeline": True, "version": 1, "modality": "image", "pipeline": {
    "type": "Compose", "p": 1.0, "transforms": [
        {"type": "augmentation", "modality": "image", "name": "hflip", "params": {}, "p": 0.5},
        {"type": "augmentation", "modality": "image", "name": "vflip", "params": {}, "p": 0.5}]}}


def build_images(folder: Path, n: int) -> None:
    import numpy as np
    from PIL import Image, ImageEnhance

    samples = [p for p in sorted((ROOT / "assets" / "image" / "samples").glob("*"))
               if p.suffix in (".jpg", ".png") and "mask" not in p.name]
    rng = np.random.default_rng(2024)
    photos = [Image.open(p).convert("RGB") for p in samples]
    if not photos:  # no shipped photos: synthetic gradients + noise
        yy, xx = np.mgrid[0:480, 0:640]
        photos = [Image.fromarray(np.clip(np.stack([xx // 3, yy // 2, (xx + yy) // 5], -1)
                                          + rng.integers(0, 60, (480, 640, 3)), 0, 255).astype(np.uint8))]
    for i in range(n):
        img = photos[i % len(photos)]
        w, h = img.size
        x1, y1 = rng.uniform(0, 0.3) * w, rng.uniform(0, 0.3) * h
        x2, y2 = x1 + rng.uniform(0.5, 0.7) * w, y1 + rng.uniform(0.5, 0.7) * h
        out = img.crop((int(x1), int(y1), int(min(x2, w)), int(min(y2, h)))).resize((320, 240))
        out = ImageEnhance.Color(out).enhance(float(rng.uniform(0.6, 1.4)))
        d = folder / f"class_{i % 4}"
        d.mkdir(parents=True, exist_ok=True)
        out.save(d / f"img_{i:04d}.jpg", quality=90)


def tree_digest(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(out.rglob("*")):
        if p.is_file() and p.name != "report.json" and not p.name.startswith("."):
            h.update(p.relative_to(out).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--images", type=int, default=200)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2, help="runs per worker count (best is kept)")
    ap.add_argument("--pipeline", choices=["medium", "flips"], default="medium",
                    help="image preset 'medium' (default) or a flips-only pipeline")
    ap.add_argument("--json", help="also write the numbers to this file")
    args = ap.parse_args()

    from multiaug.data.expand import expand
    from multiaug.data.presets import missing_augmentations, preset_document

    kwargs: dict = {"copies": args.copies, "seed": 1}
    if args.pipeline == "medium" and not missing_augmentations(preset_document("medium", "image")):
        kwargs["preset"] = "medium"
        used = "preset medium"
    else:
        kwargs["pipeline"] = FALLBACK_PIPELINE
        used = "hflip/vflip"
    results: dict = {"images": args.images, "copies": args.copies, "pipeline": used, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        build_images(src, args.images)
        digests = {}
        for workers in (1, 2):
            best = None
            for r in range(args.repeat):
                out = Path(tmp) / f"out_{workers}_{r}"
                t0 = time.perf_counter()
                report = expand(src, out, workers=workers, quiet=True, **kwargs)
                wall = time.perf_counter() - t0
                run = report["run"]
                row = {"items_per_s": run["items_per_s"], "outputs_per_s": run["outputs_per_s"],
                       "run_seconds": run["seconds"], "wall_seconds": round(wall, 3),
                       "outputs": report["totals"]["outputs"]}
                if best is None or row["items_per_s"] > best["items_per_s"]:
                    best = row
                digests.setdefault(workers, set()).add(tree_digest(out))
            results[f"workers_{workers}"] = best
            print(f"workers={workers}: {best['items_per_s']:.1f} items/s ({best['outputs_per_s']:.1f} outputs/s, "
                  f"{best['run_seconds']:.2f} s run, {best['wall_seconds']:.2f} s wall)")
        identical = len(digests[1] | digests[2]) == 1
        ratio = results["workers_2"]["items_per_s"] / results["workers_1"]["items_per_s"]
        results.update({"speedup_2_vs_1": round(ratio, 3), "identical_outputs": identical})
        print(f"speed-up with 2 workers: {ratio:.2f}x (goal >= 1.8x); identical bytes across runs: {identical}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
