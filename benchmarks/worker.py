"""Time one (library, transform) in this process and print one JSON line.

Run by ``run.py`` with the library's own interpreter, once per repeat (a fresh process each time)::

    python benchmarks/worker.py --lib albumentations --case blur --input /path/photo.jpg --budget 1.0

Steps: load the input in the library's native type and build the transform (import time), then one first call
(first-call latency), at least one warm-up call, then timed calls (each timed on its own with ``perf_counter``)
until the time budget is spent, then memory: the growth of the process's max RSS from just before the first call
(native allocations, lazy imports and JIT included) and the tracemalloc peak of one extra steady-state call
(allocations Python and numpy report to tracemalloc; Pillow's own image buffers are not among them).
Threads: OMP/OpenBLAS/MKL/NUMBA = 1 before any import, ``cv2.setNumThreads(1)``, ``torch.set_num_threads(1)``.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import cases as C  # noqa: E402
import inputs as I  # noqa: E402


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _single_thread() -> None:
    if "cv2" in sys.modules:
        sys.modules["cv2"].setNumThreads(1)
    if "torch" in sys.modules:
        with contextlib.suppress(RuntimeError):  # torch may refuse once its pool has started
            sys.modules["torch"].set_num_threads(1)


def version_of(lib: str) -> str:
    """Installed version of ``lib`` in this interpreter ("?" if unknown).

    Args:
        lib: library key of :data:`cases.VENV`.
    """
    if lib.startswith("multiaug"):
        import multiaug

        return multiaug.__version__
    if lib == "opencv":
        import cv2

        return cv2.__version__
    from importlib import metadata

    try:
        return metadata.version(C.DIST.get(lib, lib))
    except metadata.PackageNotFoundError:
        return "?"


def build(lib: str, case: C.Case) -> Callable[[Any], Any] | None:
    """The callable for ``lib`` on ``case``'s native input, or None when the library lacks the transform.

    Args:
        lib: library key.
        case: the benchmark case.
    """
    if lib.startswith("multiaug") and "multiaug-np" in case.peers:  # compositions and policies: their own call
        return case.peers["multiaug-np"](dict(case.params))
    if lib in ("multiaug", "multiaug-np", "augly"):
        import importlib

        mod = importlib.import_module(f"{lib.split('-')[0]}.{case.modality}")
        fn = getattr(mod, case.name, None)
        if fn is None:
            return None
        params = dict(case.params)
        if case.modality == "audio":
            return lambda y: fn(y, sample_rate=C.SR, **params)
        return lambda x: fn(x, **params)
    factory = case.peers.get(lib)
    if factory is None:
        return None
    return factory(dict(case.params))


def describe(out: Any) -> str:
    """Short description of a result (type and shape) for the details table.

    Args:
        out: what the transform returned.
    """
    if isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], int):
        return describe(out[0]) + f" @{out[1]} Hz"
    if hasattr(out, "size") and hasattr(out, "mode") and not hasattr(out, "shape"):
        return f"PIL {out.mode} {out.size[0]}x{out.size[1]}"
    if hasattr(out, "shape"):
        return f"{type(out).__name__}{tuple(out.shape)} {getattr(out, 'dtype', '')}"
    if isinstance(out, list):
        return f"list[{len(out)}]"
    if isinstance(out, str):
        return f"str[{len(out)}]"
    return type(out).__name__


def measure(lib: str, key: str, path: str, budget: float, min_calls: int, max_calls: int) -> dict[str, Any]:
    """Run the measurement and return the JSON-ready result.

    Args:
        lib: library key.
        key: case key (``name`` or ``name[label]``).
        path: input file prepared by ``inputs.resolve_inputs``.
        budget: seconds of timed calls to aim for (≥ min_calls calls are always made).
        min_calls: minimum number of timed calls.
        max_calls: maximum number of timed calls.
    """
    case = C.find(key)
    res: dict[str, Any] = {"lib": lib, "case": key, "modality": case.modality, "pid": os.getpid()}
    kind = C.NATIVE[case.modality].get(lib, "ndarray")
    data = I.load_native(case.modality, kind, path)
    t0 = time.perf_counter()
    try:
        call = build(lib, case)
    except ImportError as e:
        return {**res, "status": "unavailable", "reason": f"import failed: {e}"}
    res["import_s"] = time.perf_counter() - t0
    if call is None:
        return {**res, "status": "unavailable", "reason": f"{lib} has no {case.name}"}
    res["version"] = version_of(lib)
    _single_thread()
    rss0 = _maxrss_mb()
    t = time.perf_counter()
    out = call(data)
    res["first_call_ms"] = (time.perf_counter() - t) * 1e3
    res["output"] = describe(out)
    _single_thread()
    last = res["first_call_ms"] / 1e3
    warm_spent, warm_n = 0.0, 0
    # at least one warm-up call (the first call may include JIT / lazy loading), more while cheap
    while warm_n < 1 or (warm_n < 3 and warm_spent + last < 0.25 * budget):
        t = time.perf_counter()
        call(data)
        last = time.perf_counter() - t
        warm_spent += last
        warm_n += 1
    if last * min_calls <= 4 * budget:
        n = int(max(min_calls, min(max_calls, budget / max(last, 1e-6))))
    else:  # slow call: fewer timed calls per process (repeats still give separate-process samples)
        n = max(1, int(4 * budget / last))
    times, cpu = [], []
    for _ in range(n):
        c = time.process_time()
        t = time.perf_counter()
        call(data)
        times.append((time.perf_counter() - t) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    res["warmup_calls"] = warm_n + 1
    res["times_ms"] = times
    res["cpu_ms"] = cpu
    res["peak_rss_mb"] = max(0.0, _maxrss_mb() - rss0)
    times_sorted = sorted(times)
    if times_sorted[len(times) // 2] < 5000.0:
        import tracemalloc

        tracemalloc.start()
        call(data)
        res["py_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    res["status"] = "ok"
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--budget", type=float, default=1.0)
    ap.add_argument("--min-calls", type=int, default=3)
    ap.add_argument("--max-calls", type=int, default=200)
    a = ap.parse_args(argv)
    if a.lib.startswith("multiaug"):  # the worker owns its process, like the multiaug CLI and expand workers
        import multiaug.image

        multiaug.image.tune_pillow()
    try:
        res = measure(a.lib, a.case, a.input, a.budget, a.min_calls, a.max_calls)
    except Exception as e:  # noqa: BLE001 - reported as a row, never hides: the message goes into RESULTS.md
        tb = traceback.format_exc().strip().splitlines()
        res = {"lib": a.lib, "case": a.case, "status": "error", "reason": f"{type(e).__name__}: {e}"[:300],
               "traceback": tb[-6:]}
    print("@@RESULT@@" + json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
