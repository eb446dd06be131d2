"""Benchmark runner: multiaug against AugLy, albumentations, audiomentations, nlpaug and raw primitives.

Usage::

    python benchmarks/run.py --modality image|text|audio|all --repeats 3 --out benchmarks/RESULTS.md

For every case of ``cases.py`` and every library that offers it, one fresh process per (library, transform,
repeat) runs ``worker.py`` under that library's interpreter (multiaug: this interpreter; AugLy:
``benchmarks/.venvs/augly``; the other peers: ``benchmarks/.venvs/peers``, made by ``setup_peers.sh``).
Repeats are interleaved (repeat 1 of everything, then repeat 2, ...) so machine noise spreads over all rows.
Rows are merged into one markdown table per modality. Libraries whose venv is missing are reported as
"not installed"; transforms multiaug does not have yet are reported as "not available", so the same command
fills the rows in once they exist.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import cases as C  # noqa: E402
import inputs as I  # noqa: E402

THREAD_ENV = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS",
                               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")}
MARK = "@@RESULT@@"


def interpreters(venvs: Path) -> dict[str, str | None]:
    """Interpreter path per venv name (None when the venv has not been created).

    Args:
        venvs: folder holding the peer venvs.
    """
    out: dict[str, str | None] = {"main": sys.executable}
    for name in ("augly", "peers", "torch"):
        py = venvs / name / "bin" / "python"
        out[name] = str(py) if py.exists() else None
    return out


def child_env(venv: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(THREAD_ENV)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if venv == "main":
        env["PYTHONPATH"] = str(ROOT)
    return env


def run_worker(py: str, venv: str, lib: str, key: str, path: str, budget: float, min_calls: int,
               timeout: float, nice: int = 0) -> dict[str, Any]:
    """One fresh process; returns the worker's JSON result (status error/timeout on failure).

    Args:
        py: interpreter.
        venv: venv name ("main" adds the project to PYTHONPATH).
        lib: library key.
        key: case key.
        path: input file.
        budget: seconds of timed calls.
        min_calls: minimum timed calls per process.
        timeout: seconds before the process is killed.
        nice: niceness increment of the worker (negative = higher priority; needs root).
    """
    cmd = [py, str(HERE / "worker.py"), "--lib", lib, "--case", key, "--input", path, "--budget", str(budget),
           "--min-calls", str(min_calls)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout, env=child_env(venv),
                           cwd=str(HERE), preexec_fn=(lambda: os.nice(nice)) if nice else None)
    except subprocess.TimeoutExpired:
        return {"lib": lib, "case": key, "status": "timeout", "reason": f"no result within {timeout:.0f} s"}
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    err = (p.stderr.strip().splitlines() or ["no output"])[-1]
    return {"lib": lib, "case": key, "status": "error", "reason": f"worker exit {p.returncode}: {err[:300]}"}


def _quantile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0]
    pos = q * (len(xs) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def aggregate(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Merge the repeats of one (case, library).

    Args:
        results: worker results of the repeats.
    """
    ok = [r for r in results if r.get("status") == "ok"]
    if not ok:
        r = results[0]
        return {"status": r.get("status", "error"), "reason": r.get("reason", "")}
    times = [t for r in ok for t in r["times_ms"]]
    med = statistics.median(times)
    cpu = [t for r in ok for t in r.get("cpu_ms", [])]
    q1, q3 = _quantile(times, 0.25), _quantile(times, 0.75)
    return {
        "status": "ok", "median_ms": med, "cpu_ms": statistics.median(cpu) if cpu else None, "q1_ms": q1, "q3_ms": q3, "n_calls": len(times), "n_procs": len(ok),
        "proc_medians_ms": [statistics.median(r["times_ms"]) for r in ok],
        "first_call_ms": statistics.median(r["first_call_ms"] for r in ok),
        "import_s": statistics.median(r["import_s"] for r in ok),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in ok),
        "py_peak_mb": max((r["py_peak_mb"] for r in ok if "py_peak_mb" in r), default=None),
        "version": ok[0].get("version", "?"), "output": ok[0].get("output", ""),
        "errors": [r.get("reason", "") for r in results if r.get("status") != "ok"],
    }


# --- extras: import time -------------------------------------------------------------------------------------------

def _importtime(py: str, stmt: str, env: dict[str, str]) -> dict[str, int]:
    p = subprocess.run([py, "-X", "importtime", "-c", stmt], capture_output=True, text=True, check=False, env=env,
                       cwd=str(ROOT))
    tops: dict[str, int] = {}
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)", line)
        if m and m.group(3) == " ":
            tops[m.group(4)] = int(m.group(2))
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "import failed")
    return tops


def import_times(stmts: list[str], runs: int = 5) -> dict[str, float]:
    """Median seconds of ``-X importtime`` totals for each statement (startup imports excluded).

    The total is the sum of the cumulative times of the top-level imports the statement triggers (those
    not already imported by ``python -c pass``).

    Args:
        stmts: Python statements, e.g. ``"import multiaug"``.
        runs: fresh processes per statement.
    """
    env = child_env("main")
    base = set(_importtime(sys.executable, "pass", env))
    out: dict[str, float] = {}
    for stmt in stmts:
        vals = []
        for _ in range(runs):
            tops = _importtime(sys.executable, stmt, env)
            vals.append(sum(us for mod, us in tops.items() if mod not in base) / 1e6)
        out[stmt] = statistics.median(vals)
    return out


def expand_throughput(timeout: float) -> dict[str, Any]:
    """Run ``benchmarks/expand_throughput.py`` (1 and 2 workers) and return its JSON, or ``{"error": ...}``.

    Args:
        timeout: seconds before the run is abandoned.
    """
    script = HERE / "expand_throughput.py"
    if not script.is_file():
        return {"error": "not measured (benchmarks/expand_throughput.py missing)"}
    out = HERE / ".cache" / "expand_throughput.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        p = subprocess.run([sys.executable, str(script), "--json", str(out)], capture_output=True, text=True,
                           check=False, timeout=timeout, env=child_env("main"), cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"not measured (expand_throughput.py took more than {timeout:.0f} s)"}
    if not out.is_file():
        tail = (p.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"not measured (expand_throughput.py failed: {tail[:200]})"}
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return data


# --- report --------------------------------------------------------------------------------------------------------

def _sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, check=False, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - machine description is best effort
        return "?"


def machine() -> dict[str, str]:
    model = _sh("lscpu | sed -n 's/^Model name:[ ]*//p' | head -1") or platform.processor() or "?"
    mem = _sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    return {"cpu": model, "cores": str(os.cpu_count()), "memory": mem, "os": platform.platform(),
            "python": platform.python_version()}


def _fmt_ms(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _row(key: str, lib: str, agg: dict[str, Any], ref: dict[str, Any] | None) -> str:
    if agg["status"] != "ok":
        why = "not available" if agg["status"] == "unavailable" else agg["status"]
        reason = agg.get("reason", "").replace("|", "/")
        return f"| {key} | {lib} | {why} | | | | | | | {reason} |"
    med = agg["median_ms"]
    spread = (agg["q3_ms"] - agg["q1_ms"]) / 2
    ratio = ""
    alloc = f"{agg['py_peak_mb']:.1f}" if agg.get("py_peak_mb") is not None else ""
    if ref and ref.get("status") == "ok":
        ratio = f"{med / ref['median_ms']:.2f}"
    cpu = _fmt_ms(agg["cpu_ms"]) if agg.get("cpu_ms") is not None else ""
    return (f"| {key} | {lib} | {_fmt_ms(med)} ± {_fmt_ms(spread)} | {cpu} | {1000.0 / med:,.1f} | {ratio} | "
            f"{alloc} | {agg['peak_rss_mb']:.1f} | {agg['n_calls']}/{agg['n_procs']} | {agg['output']} |")


def geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def _multiaug_ref(key: str, r: dict[str, dict[str, Any]], lib: str) -> tuple[str, dict[str, Any] | None]:
    """The multiaug row a peer is compared with: the one fed the same kind of input (PIL image for AugLy and
    Pillow; the ndarray, ``multiaug-np``, for albumentations, OpenCV and torchvision when it was measured), else
    whichever multiaug row succeeded.

    Args:
        key: case key.
        r: the case's aggregated rows by library.
        lib: the peer.
    """
    native = C.NATIVE.get(C.find(key).modality, {})
    order = ["multiaug", "multiaug-np"] if native.get(lib) == native.get("multiaug") else ["multiaug-np", "multiaug"]
    for name in order:
        if r.get(name, {}).get("status") == "ok":
            return name, r[name]
    return order[0], None


def _throughput_lines(tp: dict[str, Any] | None) -> list[str]:
    """Markdown lines for the ``expand_throughput.py`` JSON (best run per worker count).

    Args:
        tp: the script's JSON, ``{"error": ...}``, or None when not run.
    """
    if not tp or "workers_1" not in tp:
        return ["", "Throughput on a folder of images with 1 and 2 workers: "
                + (tp.get("error", "not measured") if tp else "not measured (run without --no-extras)") + ".", ""]
    L = ["", (f"`multiaug expand` throughput (`benchmarks/expand_throughput.py`: {tp['images']} JPEGs, "
              f"{tp['copies']} copies each, {tp['pipeline']}, best run per worker count, pool start-up included):"),
         "", "| workers | items/s | outputs/s | run s |", "|---|---|---|---|"]
    for w in (1, 2):
        b = tp[f"workers_{w}"]
        b = b.get("best", b)
        L.append(f"| {w} | {b['items_per_s']:.1f} | {b['outputs_per_s']:.1f} | {b['run_seconds']:.2f} |")
    sp = tp.get("speedup_median_pair", tp.get("speedup_best_vs_best", tp.get("speedup_2_vs_1")))
    L += ["", (f"Speed-up with 2 workers: {sp:.2f}× (goal ≥ 1.8×; median of interleaved pairs when available); "
               f"identical bytes with 1 and 2 workers: {tp.get('identical_outputs')}; load average before/after: "
               f"{tp.get('load_before', '?')} / {tp.get('load_after', '?')}."), ""]
    return L


def render(res: dict[str, dict[str, dict[str, Any]]], meta: dict[str, Any], extras: dict[str, Any]) -> str:
    """The RESULTS.md text.

    Args:
        res: case key → library → aggregate.
        meta: command, machine, inputs, interpreters.
        extras: import times and first-call latencies.
    """
    L: list[str] = ["# multiaug benchmarks", ""]
    L += [f"Generated {meta['date']} by `{meta['command']}`.", ""]
    m = meta["machine"]
    L += ["## Machine and setup", "",
          f"- CPU: {m['cpu']}, {m['cores']} cores visible, {m['memory']} RAM; {m['os']}",
          "- Interpreters: " + "; ".join(f"{k}: {v}" for k, v in meta["interpreters"].items()),
          "- Library versions: " + ", ".join(f"{k} {v}" for k, v in sorted(meta["versions"].items())),
          (f"- Inputs: image = {meta['inputs']['image_source']}; text = {meta['inputs']['text_source']} as one "
          f"batch; audio = {meta['inputs']['audio_source']}."),
          ("- Method: one fresh process per (library, transform, repeat), repeats interleaved; one thread per library "
          "(OMP/OpenBLAS/MKL/NUMBA threads = 1, `cv2.setNumThreads(1)`, `torch.set_num_threads(1)`); each library "
          "gets its native input (PIL image for multiaug/AugLy/Pillow, RGB uint8 ndarray for "
          "albumentations/OpenCV, uint8 C×H×W CPU tensor for torchvision v2, `list[str]` for text, float32 ndarray "
          "for audio) prepared outside the timed "
          f"region; warm-up calls, then timed calls for about {meta['budget']} s per process."),
          ("- Columns: **ms/call** = median over all timed calls of all repeats ± half the interquartile range; "
          "**CPU ms** = median process CPU time per call (less sensitive than wall time to other load on the "
          "machine); **calls/s** = 1000 / median; **ratio** = library ms / multiaug ms (> 1: multiaug is faster; "
          "a peer that takes ndarrays or tensors is compared with multiaug-np when it ran); "
          "**alloc MB** = tracemalloc peak of one steady-state call (what Python and numpy allocate; Pillow's own "
          "image buffers are invisible to it); **ΔRSS MB** = growth of the process's max RSS from just before the "
          "first call (native allocations, lazy imports and JIT included); **n** = timed calls / processes; "
          "**output** = what the call returned. multiaug-np = multiaug given the ndarray that albumentations gets."),
          ("- Shared 2-core machines are noisy: read ratios rather than absolute numbers. Load average (1 min) at "
           f"start / end of this run: {meta['load'][0]:.2f} / {meta['load'][1]:.2f}."), ""]
    # goals
    L += ["## Speed goals from the issues", "", "| goal | multiaug ms | peer ms | target | status |",
          "|---|---|---|---|---|"]
    for key, lib, target, ref_text in C.GOALS:
        r = res.get(key, {})
        mx, peer = r.get("multiaug-np" if key in C.NDARRAY_GOALS else "multiaug"), r.get(lib)
        mx_ms = mx["median_ms"] if mx and mx["status"] == "ok" else None
        peer_ms = peer["median_ms"] if peer and peer["status"] == "ok" else None
        ratio_goal = float(target[1:]) if isinstance(target, str) and target.startswith("x") else None
        if ratio_goal is not None:
            tgt = f"≤ {ratio_goal:g}× {lib}"
        else:
            tgt = f"≤ {target:g} ms" if target is not None else f"≤ {lib} (issue: {ref_text})"
        if mx_ms is None:
            status = "multiaug: not available"
        elif ratio_goal is not None:
            status = (f"{lib} not measured" if peer_ms is None else
                      f"{'met' if mx_ms <= ratio_goal * peer_ms else 'missed'} ({mx_ms / peer_ms:.2f}× {lib})")
        elif target is not None:
            status = "met" if mx_ms <= target else f"missed ({mx_ms / target:.1f}× the target)"
        elif peer_ms is None:
            status = f"{lib} not measured"
        else:
            status = "met" if mx_ms <= peer_ms else f"missed ({mx_ms / peer_ms:.1f}× {lib})"
        npr = r.get("multiaug-np")
        if key in C.NDARRAY_GOALS:
            status += " (multiaug on the ndarray)"
        elif npr and npr["status"] == "ok" and status != "multiaug: not available":
            status += f"; ndarray input: {_fmt_ms(npr['median_ms'])} ms"
        L.append(f"| {key} vs {lib} ({ref_text}) | {_fmt_ms(mx_ms) if mx_ms else '—'} | "
                 f"{_fmt_ms(peer_ms) if peer_ms else '—'} | {tgt} | {status} |")
    for mod in ("image", "text", "audio"):
        ratios = [r["augly"]["median_ms"] / r["multiaug"]["median_ms"] for key, r in res.items()
                  if C.find(key).modality == mod and C.find(key).augly_equivalent
                  and r.get("multiaug", {}).get("status") == "ok"
                  and r.get("augly", {}).get("status") == "ok"]
        if ratios:
            slower_keys = [key for key, r in res.items()
                           if C.find(key).modality == mod and C.find(key).augly_equivalent
                           and r.get("multiaug", {}).get("status") == "ok" and r.get("augly", {}).get("status") == "ok"
                           and r["augly"]["median_ms"] < r["multiaug"]["median_ms"]]
            slower = f"{len(slower_keys)}" + (f" ({', '.join(slower_keys)})" if slower_keys else "")
            goal = " (goal ≥ 5×, never slower)" if mod == "image" else " (goal: never slower)"
            L.append(f"| {mod}: geometric-mean speed-up vs AugLy over {len(ratios)} transforms{goal} | | | | "
                     f"{geomean(ratios):.1f}×; AugLy faster on {slower} |")
    # audio against audiomentations: every shared transform (issue 17: never slower)
    am_all = {key: r["audiomentations"]["median_ms"] / r["multiaug"]["median_ms"] for key, r in res.items()
              if C.find(key).modality == "audio" and r.get("multiaug", {}).get("status") == "ok"
              and r.get("audiomentations", {}).get("status") == "ok"}
    am = [(k, v) for k, v in am_all.items() if C.find(k).label != "unchecked"]  # default calls (NaN/inf refused)
    if am:
        slower = [k for k, v in am if v < 1.0]
        L.append(f"| audio: geometric-mean speed-up vs audiomentations over {len(am)} shared transforms (goal: never "
                 f"slower) | | | | {geomean([v for _, v in am]):.1f}×; audiomentations faster on {len(slower)}"
                 + (f" ({', '.join(slower)})" if slower else "") + " |")
        # the same transforms, each one's check_finite=False row where it was measured (issue 17's lead decision)
        unchecked = [(k, am_all.get(f"{k}[unchecked]", v)) for k, v in am]
        if any(f"{k}[unchecked]" in am_all for k, _ in am):
            slower = [k for k, v in unchecked if v < 1.0]
            swapped = sum(1 for k, _ in am if f"{k}[unchecked]" in am_all)
            L.append(f"| audio: the same {len(am)} transforms, {swapped} of them called with "
                     f"check_finite=False (their [unchecked] rows) | | | | "
                     f"{geomean([v for _, v in unchecked]):.1f}×; audiomentations faster on "
                     f"{len(slower)}" + (f" ({', '.join(slower)})" if slower else "") + " |")
    for mod, name in C.FIRST_CALL.items():
        key = next((k for k in res if C.find(k).name == name), None)
        agg = res.get(key, {}).get("multiaug") if key else None
        if agg and agg["status"] == "ok":
            total = agg["import_s"] + agg["first_call_ms"] / 1e3
            L.append(f"| {mod}: first {key} in a fresh process (import + first call; audio issue: < 1 s) | "
                     f"{total * 1e3:.0f} | | < 1000 ms | {'met' if total < 1.0 else 'missed'} |")
    L.append("")
    # tables
    for mod in ("image", "text", "audio"):
        keys = [k for k in res if C.find(k).modality == mod]
        if not keys:
            continue
        L += [f"## {mod.capitalize()}", "",
              "| transform | library | ms/call | CPU ms | calls/s | ratio | alloc MB | ΔRSS MB | n | output / note |",
              "|---|---|---|---|---|---|---|---|---|---|"]
        for key in keys:
            r = res[key]
            for lib, agg in r.items():
                L.append(_row(key, lib, agg, r.get("multiaug") if lib.startswith("multiaug") else _multiaug_ref(key, r, lib)[1]))
        notes = [f"- **{k}**: {C.find(k).note}" for k in keys if C.find(k).note]
        if notes:
            L += ["", "Equivalence notes:", *notes]
        L.append("")
    # extras
    L += ["## Start-up", ""]
    if extras.get("import"):
        L += [("`python -X importtime` totals (imports triggered by the statement; median of 5 fresh processes; "
               "budget for `import multiaug`: 0.2 s):"), "", "| statement | seconds |", "|---|---|"]
        for stmt, s in extras["import"].items():
            L.append(f"| `{stmt}` | {s:.3f} |")
        L.append("")
    elif extras.get("import_error"):
        L += [f"import time: {extras['import_error']}", ""]
    fc = [(mod, name) for mod, name in C.FIRST_CALL.items()]
    L += [("First call in a fresh process (import of the library's modality module + building the transform, "
           "then the first call, then the steady-state median; from the worker processes above; numpy and Pillow are "
           "already imported at that point because the input is prepared first):"), "",
          "| modality | transform | library | import + build s | first call ms | steady ms |", "|---|---|---|---|---|---|"]
    for mod, name in fc:
        keys = [k for k in res if C.find(k).name == name]
        for key in keys[:1]:
            for lib, agg in res[key].items():
                if agg["status"] == "ok":
                    L.append(f"| {mod} | {key} | {lib} | {agg['import_s']:.3f} | {_fmt_ms(agg['first_call_ms'])} | "
                             f"{_fmt_ms(agg['median_ms'])} |")
                elif lib == "multiaug":
                    L.append(f"| {mod} | {key} | {lib} | not available | | |")
    tp = extras.get("throughput")
    try:
        L += _throughput_lines(tp)
    except (KeyError, TypeError, ValueError) as e:  # the script's JSON changed shape: show it raw
        L += ["", f"`multiaug expand` throughput (raw JSON, unrecognised layout: {e!r}): `{json.dumps(tp)[:1500]}`", ""]
    # where multiaug is slower
    L += ["## Where multiaug is still slower than a peer", ""]
    L += [("Transform by transform, each peer whose median beats multiaug's (multiaug given the peer's kind of "
           "input: PIL image for AugLy/Pillow, the ndarray for albumentations/OpenCV/torchvision; ×: how many times "
           "slower multiaug is in wall time, and in CPU time, which other load on the machine disturbs less). "
           "Differences under 1.2× are within this machine's noise."), ""]
    slow = []
    for key, r in res.items():
        faster = []
        for lib, agg in r.items():
            if lib.startswith("multiaug") or agg["status"] != "ok":
                continue
            name, mx = _multiaug_ref(key, r, lib)
            if mx is None or agg["median_ms"] >= mx["median_ms"]:
                continue
            cpu = (f", CPU {mx['cpu_ms'] / agg['cpu_ms']:.1f}×" if mx.get("cpu_ms") and agg.get("cpu_ms") else "")
            faster.append(f"{lib} {_fmt_ms(agg['median_ms'])} ms vs {name} {_fmt_ms(mx['median_ms'])} ms "
                          f"({mx['median_ms'] / agg['median_ms']:.1f}×{cpu})")
        if faster:
            slow.append(f"- **{key}**: " + "; ".join(faster))
    L += slow or ["- none among the transforms measured"]
    not_eq = [c.key for c in C.CASES if not c.augly_equivalent and c.key in res]
    if not_eq:
        L += ["", ("Excluded from the geometric means because AugLy does not do the same work: "
                   + ", ".join(not_eq) + " (see the equivalence notes).")]
    missing = [k for k, r in res.items() if all(r.get(m, {}).get("status") != "ok" for m in ("multiaug", "multiaug-np"))]
    if missing:
        L += ["", "Not available in multiaug at the time of this run (re-run the command to fill in): "
              + ", ".join(missing) + "."]
    L.append("")
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time multiaug against its peers; write a markdown table.")
    ap.add_argument("--modality", default="all", choices=["image", "text", "audio", "all"])
    ap.add_argument("--repeats", type=int, default=3, help="fresh processes per (library, transform)")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--json", default=None, help="raw results (default: <out>.json)")
    ap.add_argument("--budget", type=float, default=1.0, help="seconds of timed calls per process")
    ap.add_argument("--min-calls", type=int, default=3)
    ap.add_argument("--libs", default=None, help="comma list of libraries (default: all)")
    ap.add_argument("--only", default=None, help="comma list of case keys, e.g. blur,resize[half]")
    ap.add_argument("--venvs", default=str(HERE / ".venvs"))
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per worker process")
    ap.add_argument("--nice", type=int, default=0,
                    help="niceness increment for worker processes (e.g. -10 as root on a busy machine)")
    ap.add_argument("--no-extras", action="store_true", help="skip the import-time measurement")
    ap.add_argument("--render-from", default=None, metavar="JSON",
                    help="only re-render --out from the JSON of a previous run")
    a = ap.parse_args(argv)
    if a.render_from:
        render_from(Path(a.render_from), Path(a.out))
        return 0

    py = interpreters(Path(a.venvs))
    libs = a.libs.split(",") if a.libs else None
    only = set(a.only.split(",")) if a.only else None
    cases = [c for c in C.CASES if (a.modality == "all" or c.modality == a.modality) and (not only or c.key in only)]
    if not cases:
        ap.error("no case selected")
    inputs = I.resolve_inputs()
    plan = []
    for c in cases:
        for lib in dict.fromkeys([*([] if c.ndarray_only else ["multiaug"]),
                                  *(["multiaug-np"] if c.modality == "image" else []), *c.peers]):
            if libs is None or lib in libs:
                plan.append((c, lib))
    raw: dict[tuple[str, str], list[dict[str, Any]]] = {(c.key, lib): [] for c, lib in plan}
    t_start = time.time()
    load_start = os.getloadavg()[0]
    for rep in range(a.repeats):
        for c, lib in plan:
            prev = raw[(c.key, lib)]
            if prev and prev[0].get("status") in ("unavailable", "not installed", "error", "timeout"):
                continue  # deterministic failure: do not repeat it
            venv = C.VENV[lib]
            if py.get(venv) is None:
                prev.append({"status": "not installed", "reason": f"run benchmarks/setup_peers.sh ({venv} venv)"})
                continue
            r = run_worker(py[venv], venv, lib, c.key, inputs[c.modality], a.budget, a.min_calls, a.timeout,
                           a.nice)
            prev.append(r)
            med = statistics.median(r["times_ms"]) if r.get("status") == "ok" else None
            print(f"[{time.time() - t_start:7.1f}s] rep {rep + 1}/{a.repeats} {c.key:32s} {lib:16s} "
                  + (f"{med:10.3f} ms" if med is not None else f"{r.get('status')}: {r.get('reason', '')[:120]}"),
                  file=sys.stderr, flush=True)
    res: dict[str, dict[str, dict[str, Any]]] = {}
    versions: dict[str, str] = {}
    for c, lib in plan:
        agg = aggregate(raw[(c.key, lib)])
        res.setdefault(c.key, {})[lib] = agg
        if agg["status"] == "ok" and lib != "multiaug-np":
            versions[lib] = agg["version"]
    extras: dict[str, Any] = {}
    if not a.no_extras:
        try:
            extras["import"] = import_times(["import multiaug", "import multiaug.image", "import multiaug.text",
                                             "import multiaug.audio"])
        except Exception as e:  # noqa: BLE001 - reported in the results file
            extras["import_error"] = f"{type(e).__name__}: {e}"
        if a.modality in ("image", "all"):
            extras["throughput"] = expand_throughput(a.timeout)
    pyver = {}
    for k, v in py.items():
        probe = ("import platform, numpy, PIL; print(f'Python {platform.python_version()}, numpy {numpy.__version__}, "
                 "Pillow {PIL.__version__}')")
        pyver[k] = _sh(f"{shlex.quote(v)} -c {shlex.quote(probe)}") if v else "not installed"
    meta = {"date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": "python benchmarks/run.py " + " ".join(shlex.quote(x) for x in (argv or sys.argv[1:])),
            "machine": machine(), "inputs": inputs, "load": (load_start, os.getloadavg()[0]), "versions": versions, "budget": a.budget,
            "interpreters": pyver}
    out = Path(a.out)
    write_outputs(out, Path(a.json) if a.json else out.with_suffix(".json"), res, meta, extras,
                  {f"{k}|{lib}": v for (k, lib), v in raw.items()})
    print(f"wrote {out} in {time.time() - t_start:.0f} s", file=sys.stderr)
    return 0


def _compact(proc: dict[str, Any]) -> dict[str, Any]:
    """A worker result without its per-call lists (kept: count, median, min, max)."""
    out = {k: v for k, v in proc.items() if k not in ("times_ms", "cpu_ms")}
    if proc.get("times_ms"):
        t = proc["times_ms"]
        out.update({"n_calls": len(t), "median_ms": statistics.median(t), "min_ms": min(t), "max_ms": max(t)})
    return out


def write_outputs(md: Path, js: Path, res: dict[str, Any], meta: dict[str, Any], extras: dict[str, Any],
                  raw: dict[str, list[dict[str, Any]]], extra_keys: tuple[str, ...] = ()) -> None:
    """Write RESULTS.md and the JSON (aggregates + one compact line per worker process).

    Args:
        md: markdown path.
        js: JSON path.
        res: aggregates (case → library → stats).
        meta: run description.
        extras: start-up and throughput numbers.
        raw: "case|library" → worker results.
        extra_keys: top-level keys of an existing ``js`` to keep (other runs spliced into it).
    """
    raw = {k: [_compact(p) for p in v] for k, v in raw.items()}
    kept = {}
    if js.exists() and extra_keys:  # other runs spliced into the JSON (e.g. "audio_issue17") survive a re-render
        kept = {k: v for k, v in json.loads(js.read_text(encoding="utf-8")).items() if k in extra_keys}
    js.write_text(json.dumps({"meta": meta, "extras": extras, "results": res, "raw": raw, **kept}, indent=1,
                             default=str),
                  encoding="utf-8")  # first, so a report bug never loses a run (re-render with --render-from)
    md.write_text(render(res, meta, extras), encoding="utf-8")


def render_from(js: Path, md: Path) -> None:
    """Re-render RESULTS.md from a saved JSON (e.g. after improving the report), compacting the JSON too.

    Args:
        js: JSON written by a previous run.
        md: markdown path to write.
    """
    data = json.loads(js.read_text(encoding="utf-8"))
    res = data["results"]
    data["meta"]["versions"].pop("multiaug-np", None)
    write_outputs(md, js, res, data["meta"], data["extras"], data["raw"],
                  tuple(k for k in data if k not in ("meta", "extras", "results", "raw")))


if __name__ == "__main__":
    sys.exit(main())
