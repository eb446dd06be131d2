"""Run many augmentation calls in child processes under time and memory limits, and classify each result.

A *case* is a small JSON dict: ``{"modality", "entry", "input", "args", "budget_s"}``; ``args`` values may be
``{"$input": "image:rgb_1x1"}`` (another odd input, e.g. an overlay) or ``{"$out": "noext"}`` (an
``output_path`` in a fresh folder). The child rebuilds inputs by name, runs the call and prints one JSON result
line per case; the parent kills a child that overruns a case (a hang) and restarts after it.

Each result is ``ok`` (sane output), ``typed`` (a multiaug error) or ``defect`` (anything else: a dependency's
exception, a wrong type or mode, NaN from finite input, quantised depth, a stray temp file, over the time or
memory budget, a crash or a hang).
"""

from __future__ import annotations

import json
import os
import resource
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: address-space limit of a child (bytes): a blow-up fails inside the child instead of taking the machine
CHILD_ADDRESS_SPACE = 4 * 1024**3
#: memory a single call may add to the child's peak RSS before it counts as a blow-up
CALL_MEMORY_BUDGET_MB = 1024


# ------------------------------------------------------------------------------------------------
# parent
# ------------------------------------------------------------------------------------------------


def run_cases(cases: list[dict[str, Any]], *, kill_after_s: float = 60.0, address_space: int = CHILD_ADDRESS_SPACE,
              progress: bool = False) -> list[dict[str, Any]]:
    """Run ``cases`` in one child process at a time; returns one result dict per case (same order)."""
    results: list[dict[str, Any] | None] = [None] * len(cases)
    start = 0
    while start < len(cases):
        start = _run_child(cases, start, results, kill_after_s, address_space, progress)
    missing = [case_id(c) for c, r in zip(cases, results) if r is None]
    if missing:
        raise RuntimeError(f"{len(missing)} cases got no result, first {missing[0]}")
    return [r for r in results if r is not None]


def _limit(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run_child(cases: list[dict[str, Any]], start: int, results: list[Any], kill_after_s: float,
               address_space: int, progress: bool) -> int:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               NUMBA_NUM_THREADS="1", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "tests.hardening.runner"], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            preexec_fn=lambda: _limit(address_space))
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(cases[start:]) + "\n")
    proc.stdin.close()
    current: int | None = None
    deadline = time.monotonic() + 120.0  # imports
    buf = ""
    fd = proc.stdout.fileno()
    while True:
        wait = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(wait, 0.0))
        if not ready:
            proc.kill()
            proc.wait()
            if current is None:
                raise RuntimeError("hardening child did not start")
            results[current] = _result(cases[current], "defect", f"hang: no answer within {kill_after_s:.0f} s",
                                       kill_after_s, 0.0)
            return current + 1
        chunk = os.read(fd, 65536).decode("utf-8", "replace")
        if not chunk:  # the child ended: after its last case, between cases, or inside one (a crash)
            code = proc.wait()
            if current is None:
                raise RuntimeError(f"hardening child exited with {code} before its first case")
            if results[current] is None:
                results[current] = _result(cases[current], "defect", f"crash: child exited with {code}", 0.0, 0.0)
            return current + 1
        buf += chunk
        while "\n" in buf:
            line, buf = buf.split("\n", 1)
            if line.startswith("S "):
                current = start + int(line[2:])
                deadline = time.monotonic() + kill_after_s
            elif line.startswith("R "):
                res = json.loads(line[2:])
                idx = start + res.pop("_i")
                results[idx] = res
                if progress:
                    _progress(idx, len(cases), res)


def _progress(i: int, n: int, res: dict[str, Any]) -> None:
    if res["status"] == "defect":
        print(f"[{i + 1}/{n}] DEFECT {res['case']}: {res['detail']}", file=sys.stderr, flush=True)
    elif (i + 1) % 200 == 0:
        print(f"[{i + 1}/{n}]", file=sys.stderr, flush=True)


def _result(case: dict[str, Any], status: str, detail: str, elapsed: float, mem_mb: float) -> dict[str, Any]:
    return {"case": case_id(case), "status": status, "detail": detail, "elapsed": round(elapsed, 3),
            "mem_mb": round(mem_mb, 1)}


def case_id(case: dict[str, Any]) -> str:
    args = ", ".join(f"{k}={_show(v)}" for k, v in case.get("args", {}).items())
    return f"{case['modality']}.{case['entry']}({case['input']}{', ' + args if args else ''})"


def _show(v: Any) -> str:
    if isinstance(v, dict) and len(v) == 1:
        return next(iter(v.values()))
    return repr(v)


# ------------------------------------------------------------------------------------------------
# child
# ------------------------------------------------------------------------------------------------


def _peak_reset() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _rss_mb(key: str) -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child_main() -> None:
    import warnings

    warnings.simplefilter("ignore")
    cases = json.loads(sys.stdin.readline())
    import multiaug  # noqa: F401
    from multiaug.core.registry import load_all_modalities

    load_all_modalities()
    for i, case in enumerate(cases):
        built = _built(case["modality"], case["input"])  # before "S": building is not the call's time
        _warm_up(case["modality"], case["entry"])
        sys.stdout.write(f"S {i}\n")
        sys.stdout.flush()
        res = run_one(case, built)
        res["_i"] = i
        sys.stdout.write("R " + json.dumps(res) + "\n")
        sys.stdout.flush()


_CACHE: dict[tuple[str, str], tuple[Any, dict[str, Any]]] = {}
_WARM: set[tuple[str, str]] = set()


def _warm_up(modality: str, name: str) -> None:
    """One untimed call per entry and child on the baseline input: lazy imports (scipy.signal alone took 10 s
    on the loaded CI machine) and asset loading are one-off costs, not what an argument costs."""
    if (modality, name) in _WARM:
        return
    _WARM.add((modality, name))
    from multiaug.core.registry import get_entry

    from . import inputs as odd

    entry = get_entry(name, modality)
    media, call = _built(modality, odd.BASELINE[modality])
    try:
        entry.public(media, **{**entry.example_params(), **call})
    except Exception:  # noqa: BLE001 - the timed call reports problems
        pass


def _built(modality: str, name: str) -> tuple[Any, dict[str, Any]]:
    """Inputs are built once per child (a call that modifies its input is a defect and drops the copy)."""
    from . import inputs as odd

    key = (modality, name)
    if key not in _CACHE:
        if len(_CACHE) > 12:
            _CACHE.clear()
        _CACHE[key] = odd.build(modality, name)
    return _CACHE[key]


def run_one(case: dict[str, Any], built: tuple[Any, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run one case in this process and classify it (see the module docstring)."""
    import tempfile

    from multiaug.core.errors import MultiaugError
    from multiaug.core.registry import get_entry

    entry = get_entry(case["entry"], case["modality"])
    media, call = built or _built(case["modality"], case["input"])
    outdir = tempfile.mkdtemp(prefix="multiaug-out-")
    args = {k: _resolve(v, outdir) for k, v in case.get("args", {}).items()}
    if entry.random and "seed" not in args:
        args["seed"] = 1
    kwargs = {**entry.example_params(), **call, **args}
    out_arg = case.get("args", {}).get("output_path")
    ro_target = kwargs.get("output_path") if isinstance(out_arg, dict) and out_arg["$out"].startswith("readonly") \
        else None
    snapshot = _snapshot(media)
    _peak_reset()
    base = _rss_mb("VmRSS")
    t0, c0 = time.perf_counter(), time.process_time()
    status, detail, out = "ok", "", None
    try:
        out = entry.public(media, **kwargs)
    except MultiaugError as exc:
        status, detail = "typed", f"{type(exc).__name__}: {exc}"[:300]
        if "output_path" in kwargs and ".tmp" in str(exc):
            status, detail = "defect", f"error names the internal temp file: {exc}"[:300]
    except BaseException as exc:  # noqa: BLE001 - classifying every escape is the point
        if isinstance(exc, KeyboardInterrupt):
            raise
        status, detail = "defect", f"{type(exc).__module__}.{type(exc).__name__}: {exc}"[:300]
    # the budget is on CPU time: wall time on a shared machine (8 sessions on 2 cores) says more about the
    # neighbours than about the call; a call that never returns is caught by the parent's wall-clock kill
    elapsed = time.process_time() - c0
    wall = time.perf_counter() - t0
    mem = max(0.0, _rss_mb("VmHWM") - base)
    if status == "ok":
        problem = check_output(case, entry, media, call, out)
        if problem:
            status, detail = "defect", problem
    if status != "defect" and _snapshot(media) != snapshot:
        status, detail = "defect", "the input was modified in place"
        _CACHE.pop((case["modality"], case["input"]), None)
    if status != "defect":
        stray = [n for n in os.listdir(outdir) if ".tmp" in n]
        if stray:
            status, detail = "defect", f"partial file left behind: {stray}"
    if status != "defect" and ro_target is not None and os.path.exists(ro_target):
        mode = os.stat(ro_target).st_mode & 0o777
        if mode != 0o444:
            status, detail = "defect", f"output_path over a 0444 file left it {oct(mode)}"
    budget = float(case.get("budget_s", 5.0))
    if status != "defect" and elapsed > budget:
        status, detail = "defect", f"slow: {elapsed:.1f} s CPU ({wall:.1f} s wall) > budget {budget:.1f} s"
    mem_budget = float(case.get("mem_mb", CALL_MEMORY_BUDGET_MB))
    if status != "defect" and mem > mem_budget:
        status, detail = "defect", f"memory: +{mem:.0f} MB > budget {mem_budget:.0f} MB"
    _cleanup(outdir)
    return _result(case, status, detail, elapsed, mem)


def _cleanup(path: str) -> None:
    import shutil

    for root, dirs, _files in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    shutil.rmtree(path, ignore_errors=True)


def _resolve(value: Any, outdir: str) -> Any:
    from . import inputs as odd

    if isinstance(value, dict) and "$input" in value:
        modality, name = value["$input"].split(":", 1)
        media, call = odd.build(modality, name)
        return media
    if isinstance(value, dict) and "$out" in value:
        name = value["$out"]
        path = os.path.join(outdir, name)
        if name.startswith("readonly"):
            with open(path, "wb") as fh:
                fh.write(b"old")
            os.chmod(path, 0o444)
        elif name == "existing_dir":
            os.mkdir(path)
        return path
    return value


def _snapshot(media: Any) -> Any:
    import numpy as np
    from PIL import Image

    if isinstance(media, Image.Image):
        return (media.mode, media.size, media.tobytes())
    if isinstance(media, np.ndarray):
        return (media.shape, media.dtype.str, media.tobytes())
    if isinstance(media, list):
        return list(media)
    if hasattr(media, "to_csv"):  # a DataFrame
        return media.to_csv()
    return media


def check_output(case: dict[str, Any], entry: Any, media: Any, call: dict[str, Any], out: Any) -> str | None:
    """A description of what is wrong with a returned result, or None when it is sane."""
    import numpy as np
    from PIL import Image

    from . import inputs as odd

    modality = case["modality"]
    if modality == "image":
        if isinstance(out, tuple):  # return_bboxes
            out = out[0]
        if isinstance(media, np.ndarray):
            if not isinstance(out, np.ndarray) or out.dtype != media.dtype:
                return f"ndarray input gave {type(out).__name__} {getattr(out, 'dtype', '')}"
            if out.ndim != media.ndim or (out.ndim == 3 and out.shape[2] != media.shape[2]):
                return f"ndarray input of shape {media.shape} gave shape {out.shape}"
        else:
            if not isinstance(out, Image.Image):
                return f"returned {type(out).__name__}, not a PIL image"
            src = media if isinstance(media, Image.Image) else Image.open(media)
            if out.mode != src.mode:
                return f"mode {src.mode} came back as {out.mode}"
            if src.mode in odd.DEEP_MODES or src.mode.startswith("I;16"):
                a_in = np.asarray(src, dtype=np.float64)
                a_out = np.asarray(out, dtype=np.float64)
                if src.mode == "F":
                    if np.isfinite(a_in).all() and not np.isfinite(a_out).all():
                        return "NaN/inf from a finite F image"
                    if len(np.unique(a_in)) > 2 and len(np.unique(a_out)) <= 2:
                        return f"F image quantised to {len(np.unique(a_out))} levels"
                elif a_in.max() > 255 and a_out.max() <= 255:
                    return f"{src.mode} image quantised to 8 bits (max {a_out.max():.0f})"
        size = out.size if isinstance(out, Image.Image) else (out.shape[1], out.shape[0])
        if entry.name == "rotate" and not case.get("args", {}).get("expand"):
            src_size = media.size if isinstance(media, Image.Image) else None
            if src_size and size[0] * size[1] > src_size[0] * src_size[1]:  # a crop inside the rotated image
                return f"rotate without expand grew {src_size} to {size} (fill visible)"
        return None
    if modality == "tabular":
        import pandas as pd

        if not isinstance(out, pd.DataFrame):
            return f"returned {type(out).__name__}, not a DataFrame"
        num_in = media.select_dtypes("number")
        if num_in.size and np.isfinite(num_in.to_numpy(dtype=float, na_value=0.0)).all():
            num_out = out[num_in.columns].to_numpy(dtype=float, na_value=0.0)
            if not np.isfinite(num_out).all():
                return "NaN/inf in a numeric column of a finite input"
        return None
    if modality == "text":
        if type(out) is not type(media):
            return f"{type(media).__name__} input gave {type(out).__name__}"
        if isinstance(out, list) and (len(out) != len(media) or not all(isinstance(t, str) for t in out)):
            return "list input gave a list of another length or with non-str items"
        return None
    if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[0], np.ndarray)):
        return f"returned {type(out).__name__}, not (ndarray, sample_rate)"
    audio, sr = out
    if not isinstance(sr, int) or sr <= 0:
        return f"sample rate {sr!r}"
    if isinstance(media, np.ndarray) and audio.dtype != media.dtype:
        return f"dtype {media.dtype} came back as {audio.dtype}"
    if odd.input_is_finite(modality, media) and audio.dtype.kind == "f" and not np.isfinite(audio).all():
        return "NaN/inf in the output of a finite input"
    if audio.shape[-1] == 0:
        return "empty output"
    return None


if __name__ == "__main__":
    child_main()
