"""Per-call overhead of multiaug's call path: cheap augmentations on tiny inputs, where the work is ~nothing and
the time is the decorator's (bind, validate, seed, load, invoke, restore, records).

Run by hand (never from tests)::

    flock /work/coord/bench.lock python benchmarks/call_overhead.py --json /tmp/after1.json
    python benchmarks/call_overhead.py --compare /tmp/before1.json,/tmp/before2.json /tmp/after1.json,/tmp/after2.json

Each case: batches of ~20 ms of calls, ``--repeats`` batches (default 15), the median µs per call of both the CPU
time of the process (``time.process_time``: what this code costs, less sensitive to other jobs on a shared machine)
and the wall time; cases are interleaved batch by batch (case 1..n, then again) so machine noise spreads over all
of them. One thread. ``--compare`` takes the median over several runs per side (alternate the before and after
runs in time) and prints the markdown table.

``--against DIR`` measures both sides in ONE process: the cases are also built on the multiaug of another checkout
``DIR`` (e.g. ``git archive <before> | tar -x -C DIR``), and each case's batches alternate before, after, before, …
(~10 ms each; which side goes first alternates, as the first batch after a case switch runs on colder caches), so
load that drifts during a run hits both sides alike (on the shared 2-core machine two separate runs of identical
numpy code differ by up to 1.5×)::

    flock /work/coord/bench.lock python benchmarks/call_overhead.py --against /tmp/before --json /tmp/ab.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import multiaug  # noqa: E402
import multiaug.audio as A  # noqa: E402
import multiaug.image as I  # noqa: E402
import multiaug.text as T  # noqa: E402


def cases(top: Any = None) -> dict[str, Callable[[], Any]]:
    """{label: zero-argument call}: every call works on the same tiny input each time. ``top``: the multiaug package
    to build them on (default this checkout's; its modules are bound now, not looked up at call time)."""
    top = multiaug if top is None else top
    A, I, T = top.audio, top.image, top.text  # noqa: N806  (the usual short names, local to these cases)
    arr = np.arange(8 * 8 * 3, dtype=np.uint8).reshape(8, 8, 3)
    pil = Image.fromarray(arr)
    sig = np.linspace(-0.5, 0.5, 16, dtype=np.float32)
    zeros = np.zeros(16, np.float32)
    words = ["hello"]
    hflip_cls, crop_cls, gain_cls = I.HFlip(), I.Crop(), A.Gain()
    composed = top.Compose([I.HFlip(), I.Crop()])
    tiny_train, photo_train = _training_pipeline(top, 4), _training_pipeline(top, 224)
    random_steps = top.Compose([I.HFlip(p=0.5), I.Crop(x1=(0.0, 0.2)), I.VFlip(p=0.5), I.Crop(y2=(0.8, 1.0))])
    photo = np.random.default_rng(0).integers(0, 256, (768, 1024, 3), dtype=np.uint8)
    ten_s = (np.random.default_rng(1).standard_normal(441000) * 0.1).astype(np.float32)
    out: dict[str, Callable[[], Any]] = {
        "numpy default_rng(int) (reference)": lambda: np.random.default_rng(12345),
        "numpy Generator(PCG64(int)) (reference)": lambda: np.random.Generator(np.random.PCG64(12345)),
        "image hflip ndarray 8x8x3": lambda: I.hflip(arr),
        "image crop ndarray 8x8x3": lambda: I.crop(arr),
        "image brightness ndarray 8x8x3": lambda: I.brightness(arr, factor=1.5),
        "image hflip PIL 8x8": lambda: I.hflip(pil),
        "image crop PIL 8x8": lambda: I.crop(pil),
        "image brightness PIL 8x8": lambda: I.brightness(pil, factor=1.5),
        "image hflip ndarray, metadata=[]": lambda: I.hflip(arr, metadata=[]),
        "audio gain 16 samples": lambda: A.gain(sig, gain_db=-6.0),
        "audio change_volume 16 samples": lambda: A.change_volume(sig, volume_db=-6.0),
        "audio change_volume 16 zeros, check_finite=False": lambda: A.change_volume(zeros, 44100, volume_db=-6,
                                                                                     check_finite=False),
        "audio reverse 16 samples": lambda: A.reverse(sig),
        "audio time_mask seed=int": lambda: A.time_mask(sig, seed=7),
        "audio time_mask seed=None": lambda: A.time_mask(sig, seed=None),
        "audio gain, metadata=[]": lambda: A.gain(sig, gain_db=-6.0, metadata=[]),
        "text replace_bidirectional 1 word": lambda: T.replace_bidirectional(words),
        "text change_case seed=int 1 word": lambda: T.change_case(words, seed=3),
        # the class forms and a composition (training loops call these)
        "image HFlip() class, ndarray 8x8x3": lambda: hflip_cls(arr),
        "image Crop() class, ndarray 8x8x3": lambda: crop_cls(arr),
        "audio Gain() class, 16 samples": lambda: gain_cls(sig),
        "image Compose([HFlip(), Crop()]), ndarray 8x8x3": lambda: composed(arr),
        "image Compose of 4 random cheap steps, ndarray 8x8x3": lambda: random_steps(arr),
        "image training pipeline (4 steps), ndarray 8x8x3": lambda: tiny_train(arr),
        # the benchmark inputs of RESULTS.md, where this overhead sits on top of the work
        "image hflip ndarray 1024x768x3": lambda: I.hflip(photo),
        "audio gain 10 s at 44.1 kHz": lambda: A.gain(ten_s, gain_db=-6.0),
        "audio time_mask seed=int, 10 s at 44.1 kHz": lambda: A.time_mask(ten_s, seed=7),
        "image training pipeline (4 steps), ndarray 1024x768x3": lambda: photo_train(photo),
    }
    return out


def _training_pipeline(top: Any, size: int) -> Any:
    """The standard training pipeline of RESULTS.md (RandomResizedCrop + HFlip(0.5) + ColorJitter + Normalize); on an
    8x8 input (``size`` 4) its time is nearly all per-step bookkeeping (seeds, validation, hooks)."""
    image = top.image
    return top.Compose([image.RandomResizedCrop(size=size), image.HFlip(p=0.5),
                        image.RandomColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1),
                        image.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))])


def measure(calls: dict[str, Callable[[], Any]], repeats: int, batch_s: float = 0.02
            ) -> tuple[dict[str, float], dict[str, float]]:
    """Median µs per call of each case (interleaved rounds): (CPU time, wall time)."""
    numbers = {}
    for label, fn in calls.items():
        fn()  # warm (first-call imports, caches of the interpreter)
        n, took = timeit.Timer(fn).autorange()
        numbers[label] = max(1, int(n * batch_s / took))
    cpu: dict[str, list[float]] = {k: [] for k in calls}
    wall: dict[str, list[float]] = {k: [] for k in calls}
    for _ in range(repeats):
        for label, fn in calls.items():
            n = numbers[label]
            c0, w0 = time.process_time(), time.perf_counter()
            for _ in range(n):
                fn()
            w1, c1 = time.perf_counter(), time.process_time()
            cpu[label].append((c1 - c0) / n * 1e6)
            wall[label].append((w1 - w0) / n * 1e6)
    return ({k: statistics.median(v) for k, v in cpu.items()}, {k: statistics.median(v) for k, v in wall.items()})


def cases_of(tree: str) -> dict[str, Callable[[], Any]]:
    """:func:`cases` built on the multiaug of another checkout ``tree`` (``--against``): its modules are imported under
    the usual names, the cases built on them, then this checkout's modules are put back; each side's functions keep
    their own modules (a function-level import of multiaug at call time would see this checkout's: the call paths
    measured here have none)."""
    def loaded() -> list[str]:
        return [k for k in sys.modules if k == "multiaug" or k.startswith("multiaug.")]

    saved = {k: sys.modules.pop(k) for k in loaded()}
    sys.path.insert(0, tree)
    try:
        other = importlib.import_module("multiaug")
        if not os.path.abspath(other.__file__).startswith(os.path.abspath(tree)):
            raise SystemExit(f"--against {tree}: no multiaug package there")
        for m in ("audio", "image", "text"):
            importlib.import_module(f"multiaug.{m}")
        return cases(other)
    finally:
        sys.path.remove(tree)
        for k in loaded():
            del sys.modules[k]
        sys.modules.update(saved)


def measure_against(before: dict[str, Callable[[], Any]], after: dict[str, Callable[[], Any]], repeats: int,
                    batch_s: float = 0.01) -> dict[str, dict[str, list[float]]]:
    """CPU µs per call of every batch of each side, batches alternating before/after case by case."""
    numbers = {}
    for label in after:
        before[label]()
        after[label]()
        n, took = timeit.Timer(after[label]).autorange()
        numbers[label] = max(1, int(n * batch_s / took))
    out: dict[str, dict[str, list[float]]] = {k: {"before": [], "after": []} for k in after}
    for r in range(repeats):
        for label in after:
            pair = [("before", before[label]), ("after", after[label])]
            for side, fn in (pair if r % 2 == 0 else pair[::-1]):  # each side goes first (cache-cold) half the time
                n = numbers[label]
                c0 = time.process_time()
                for _ in range(n):
                    fn()
                out[label][side].append((time.process_time() - c0) / n * 1e6)
    return out


def against_table(batches: dict[str, dict[str, list[float]]]) -> str:
    rows = ["| case | CPU µs before | after | after / before | before, best batch | after, best batch |",
            "|---|---:|---:|---:|---:|---:|"]
    for k, sides in batches.items():
        b, a = statistics.median(sides["before"]), statistics.median(sides["after"])
        rows.append(f"| {k} | {b:.1f} | {a:.1f} | {a / b:.2f} | {min(sides['before']):.1f} | "
                    f"{min(sides['after']):.1f} |")
    return "\n".join(rows)


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "multiaug": multiaug.__version__, "load_avg_1_5_15": [round(x, 2) for x in load]}


def table(before: dict[str, dict[str, float]] | None, after: dict[str, dict[str, float]]) -> str:
    """Markdown rows: CPU and wall µs per call, or with ``before`` the before → after table (see :func:`merged`)."""
    if before is None:
        rows = ["| case | CPU µs/call | wall µs/call |", "|---|---:|---:|"]
        rows += [f"| {k} | {v:.1f} | {after['wall_us'][k]:.1f} |" for k, v in after["cpu_us"].items()]
        return "\n".join(rows)
    rows = ["| case | CPU µs before, best run | after, best run | after / before | CPU µs before, median run "
            "| after, median run | after / before |", "|---|---:|---:|---:|---:|---:|---:|"]
    for k in after["cpu_best"]:
        if k not in before["cpu_best"]:
            continue
        b, a, bm, am = before["cpu_best"][k], after["cpu_best"][k], before["cpu_us"][k], after["cpu_us"][k]
        rows.append(f"| {k} | {b:.1f} | {a:.1f} | {a / b:.2f} | {bm:.1f} | {am:.1f} | {am / bm:.2f} |")
    return "\n".join(rows)


def merged(paths: str) -> tuple[dict[str, dict[str, float]], list[dict[str, Any]]]:
    """Over the runs saved in the comma-separated ``--json`` files: per case the median of the runs' medians
    (``cpu_us``, ``wall_us``) and the smallest (``cpu_best``: the least disturbed run on a shared machine), and
    the runs' machine facts."""
    runs = [json.loads(Path(p).read_text()) for p in paths.split(",")]
    out: dict[str, dict[str, float]] = {}
    for kind in ("cpu_us", "wall_us"):
        keys = dict.fromkeys(k for r in runs for k in r[kind])
        out[kind] = {k: statistics.median(r[kind][k] for r in runs if k in r[kind]) for k in keys}
    out["cpu_best"] = {k: min(r["cpu_us"][k] for r in runs if k in r["cpu_us"]) for k in out["cpu_us"]}
    return out, [r["machine"] for r in runs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--json", help="also write {machine, median_us} to this file")
    ap.add_argument("--only", help="comma-separated substrings of case labels")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"),
                    help="comma-separated --json files of each side: print the before/after markdown table and exit")
    ap.add_argument("--against", metavar="DIR",
                    help="another checkout (the before side): both measured in this process, batches alternating")
    args = ap.parse_args(argv)
    if args.against:
        before, after = cases_of(args.against), cases()
        if args.only:
            keys = [s.strip() for s in args.only.split(",")]
            after = {k: v for k, v in after.items() if any(s in k for s in keys)}
        after = {k: v for k, v in after.items() if k in before}
        start = machine()
        batches = measure_against(before, after, args.repeats)
        facts = {**start, "load_avg_end": [round(x, 2) for x in os.getloadavg()]}
        print(facts)
        print(against_table(batches))
        if args.json:
            Path(args.json).write_text(json.dumps({"machine": facts, "batches": batches}, indent=1))
        return 0
    if args.compare:
        (before, bm), (after, am) = (merged(p) for p in args.compare)
        for side, machines in (("before", bm), ("after", am)):
            for m in machines:
                print(f"{side}: {m}")
        print()
        print(table(before, after))
        return 0
    calls = cases()
    if args.only:
        keys = [s.strip() for s in args.only.split(",")]
        calls = {k: v for k, v in calls.items() if any(s in k for s in keys)}
    start = machine()
    cpu, wall = measure(calls, args.repeats)
    result = {"machine": {**start, "load_avg_end": [round(x, 2) for x in os.getloadavg()]}, "cpu_us": cpu,
              "wall_us": wall}
    print(result["machine"])
    print(table(None, result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
