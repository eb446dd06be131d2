"""Before/after timing of multiaug itself: two checkouts, the same cases, interleaved fresh processes.

Usage::

    python benchmarks/ab_compare.py --before /path/to/old/checkout --only brightness,contrast --repeats 3 \
        --out benchmarks/AB.md

For every case and repeat, one fresh process runs the *before* checkout's ``benchmarks/worker.py`` with that
checkout on ``PYTHONPATH``, then one runs this checkout's, alternating, so machine noise hits both sides alike
(the same method as ``run.py``: one thread, warm-up, timed calls for ``--budget`` seconds). Prints a markdown
table of wall and CPU medians and the after/before CPU ratio (< 1: faster now). Timings never become test
assertions; this script only reports them.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shlex
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import inputs as I  # noqa: E402
from run import MARK, THREAD_ENV  # noqa: E402


def run_side(root: Path, lib: str, key: str, path: str, budget: float, timeout: float) -> dict[str, Any]:
    """One fresh worker process of the checkout at ``root`` (its own worker.py, its own multiaug).

    Args:
        root: checkout folder.
        lib: library key (``multiaug`` or ``multiaug-np``).
        key: case key.
        path: input file.
        budget: seconds of timed calls.
        timeout: seconds before the process is killed.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(THREAD_ENV, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(root))
    cmd = [sys.executable, str(root / "benchmarks" / "worker.py"), "--lib", lib, "--case", key, "--input", path,
           "--budget", str(budget), "--min-calls", "3"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout, env=env,
                           cwd=str(root / "benchmarks"))
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    return {"status": "error", "reason": (p.stderr.strip().splitlines() or ["no output"])[-1][:200]}


def _median(results: list[dict[str, Any]], field: str) -> float | None:
    vals = [t for r in results if r.get("status") == "ok" for t in r.get(field, [])]
    return statistics.median(vals) if vals else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Interleaved before/after timing of two multiaug checkouts.")
    ap.add_argument("--before", required=True, help="the other checkout (its benchmarks/ and multiaug/)")
    ap.add_argument("--after", default=str(HERE.parent), help="default: this checkout")
    ap.add_argument("--only", required=True, help="comma list of case keys")
    ap.add_argument("--lib", default="multiaug-np")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--budget", type=float, default=0.3)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--out", default=None, help="markdown file (default: print)")
    a = ap.parse_args(argv)
    before, after = Path(a.before).resolve(), Path(a.after).resolve()
    keys = a.only.split(",")
    path = I.resolve_inputs()["image"]
    raw: dict[tuple[str, str], list[dict[str, Any]]] = {(k, s): [] for k in keys for s in ("before", "after")}
    load_start = os.getloadavg()[0]
    for rep in range(a.repeats):
        for key in keys:
            for side, root in (("before", before), ("after", after)) if rep % 2 == 0 else (("after", after), ("before", before)):
                r = run_side(root, a.lib, key, path, a.budget, a.timeout)
                raw[(key, side)].append(r)
                print(f"rep {rep + 1} {key:40s} {side:6s} {r.get('status')}", file=sys.stderr, flush=True)
    load_end = os.getloadavg()[0]
    cmd = "python benchmarks/ab_compare.py " + " ".join(shlex.quote(x) for x in (argv or sys.argv[1:]))
    L = [f"Generated {_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC by `{cmd}`: {a.lib} on the 1024×768 "
         f"photo, {a.repeats} fresh processes per side and case, sides alternating; load average (1 min) at start / "
         f"end {load_start:.2f} / {load_end:.2f}.", "",
         "| case | before ms | before CPU ms | after ms | after CPU ms | after / before (CPU) |", "|---|---|---|---|---|---|"]
    for key in keys:
        b, f = raw[(key, "before")], raw[(key, "after")]
        bw, bc, fw, fc = _median(b, "times_ms"), _median(b, "cpu_ms"), _median(f, "times_ms"), _median(f, "cpu_ms")
        if None in (bw, bc, fw, fc):
            why = next((r.get("reason") or r.get("status") for r in b + f if r.get("status") != "ok"), "no result")
            L.append(f"| {key} | | | | | {why} |")
            continue
        L.append(f"| {key} | {bw:.3g} | {bc:.3g} | {fw:.3g} | {fc:.3g} | {fc / bc:.2f} |")
    text = "\n".join(L) + "\n"
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
