"""Throughput of ``multiaug expand``: items/s with 1 and 2 local workers on a few hundred images.

Builds a deterministic input folder (``--images`` JPEGs, 640×480, crops/recolours of the shipped sample photos,
spread over 4 classes) in a temporary folder, then runs the same expansion (``--copies`` per item, the image
``medium`` preset or a fixed pipeline of always-present augmentations) with ``workers=1`` and ``workers=2``,
checks that both runs wrote identical bytes, and prints items/s and the speed-up. The ``run`` throughput counts
the whole processing phase including the worker pool's start-up (spawn).

    python benchmarks/expand_throughput.py [--images 200] [--copies 2] [--repeat 3] [--json out.json]

Runs are interleaved (1, 2, 1, 2, ...) so both worker counts see the same machine load; the script prints the
best run of each, the ratio of each adjacent pair, CPU seconds of the parent and of the workers, and the load
average (other processes on a 2-core machine cap the speed-up).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (640, 480)
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
        out = img.crop((int(x1), int(y1), int(min(x2, w)), int(min(y2, h)))).resize(SIZE)
        out = ImageEnhance.Color(out).enhance(float(rng.uniform(0.6, 1.4)))
        d = folder / f"class_{i % 4}"
        d.mkdir(parents=True, exist_ok=True)
        out.save(d / f"img_{i:04d}.jpg", quality=90)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


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
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs per worker count")
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
    results: dict = {"images": args.images, "copies": args.copies, "pipeline": used, "cpus": os.cpu_count(),
                     "load_before": [round(x, 2) for x in os.getloadavg()]}
    runs: dict[int, list[dict]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        build_images(src, args.images)
        digests = set()
        for r in range(args.repeat):  # interleaved 1, 2, 1, 2, ... so both see the same machine load
            for workers in (1, 2):
                out = Path(tmp) / f"out_{workers}_{r}"
                self0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                report = expand(src, out, workers=workers, quiet=True, **kwargs)
                wall = time.perf_counter() - t0
                run = report["run"]
                runs[workers].append({
                    "items_per_s": run["items_per_s"], "outputs_per_s": run["outputs_per_s"],
                    "run_seconds": run["seconds"], "wall_seconds": round(wall, 3),
                    "parent_cpu_s": round(_cpu(resource.RUSAGE_SELF) - self0, 3),
                    "workers_cpu_s": round(_cpu(resource.RUSAGE_CHILDREN) - kids0, 3),
                    "outputs": report["totals"]["outputs"]})
                digests.add(tree_digest(out))
                shutil.rmtree(out)
        ratios = sorted(b["items_per_s"] / a["items_per_s"] for a, b in zip(runs[1], runs[2]))
        for workers in (1, 2):
            best = max(runs[workers], key=lambda row: row["items_per_s"])
            results[f"workers_{workers}"] = {"best": best, "all": runs[workers]}
            print(f"workers={workers}: best {best['items_per_s']:.1f} items/s ({best['outputs_per_s']:.1f} outputs/s, "
                  f"{best['run_seconds']:.2f} s run; CPU parent {best['parent_cpu_s']:.2f} s, "
                  f"workers {best['workers_cpu_s']:.2f} s)")
        identical = len(digests) == 1
        best_ratio = results["workers_2"]["best"]["items_per_s"] / results["workers_1"]["best"]["items_per_s"]
        results.update({"speedup_best_vs_best": round(best_ratio, 3),
                        "speedup_pairs": [round(x, 3) for x in ratios],
                        "speedup_median_pair": round(ratios[len(ratios) // 2], 3),
                        "identical_outputs": identical, "load_after": [round(x, 2) for x in os.getloadavg()]})
        print(f"speed-up with 2 workers: best/best {best_ratio:.2f}x, interleaved pairs "
              f"{', '.join(f'{x:.2f}' for x in ratios)} (goal >= 1.8x); identical bytes across all runs: {identical}")
        print(f"load average before {results['load_before']}, after {results['load_after']} "
              f"({os.cpu_count()} CPUs; a loaded machine caps the speed-up)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
