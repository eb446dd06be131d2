"""Re-measure issue 12: every registered augmentation × odd inputs, odd arguments, odd secondary media and odd
output paths, each call in a child process under a time and memory limit. Prints calls made and defects left.

    python scripts/hardening_sweep.py [--workers 2] [--json results.json] [--only image.blur,text.insert_text]
    python scripts/hardening_sweep.py --no-heavy      # skip the 6000×4000 image and 1 MB text inputs

A call is ``ok`` (sane output), ``typed`` (a multiaug error naming the problem) or a ``defect`` (a dependency's
exception, wrong type/mode, NaN from finite input, quantised bit depth, partial file, over 5 s of CPU (30 s for the
heavy inputs) or +1 GB, a crash or a hang). The case lists and the classification live in tests/hardening/.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from multiaug.core.registry import entries  # noqa: E402
from tests.hardening import cases as hc  # noqa: E402
from tests.hardening.runner import run_cases  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", help="write every result here")
    ap.add_argument("--only", help="comma-separated modality.name entries")
    ap.add_argument("--no-heavy", action="store_true")
    ap.add_argument("--heavy-only", action="store_true", help="only the 6000×4000 image and 1 MB text inputs")
    ap.add_argument("--kill-after", type=float, default=60.0, help="seconds before a silent call counts as a hang")
    args = ap.parse_args(argv)
    selection = entries()
    if args.only:
        wanted = set(args.only.split(","))
        selection = [e for e in selection if f"{e.modality.name}.{e.name}" in wanted]
    cases = hc.heavy_cases(selection) if args.heavy_only else hc.all_cases(selection, heavy=not args.no_heavy)
    chunks = [cases[i:: args.workers * 4] for i in range(args.workers * 4)]
    t0 = time.time()
    with ThreadPoolExecutor(args.workers) as pool:
        parts = list(pool.map(lambda c: run_cases(c, kill_after_s=args.kill_after, progress=True), chunks))
    results = [r for part in parts for r in part]
    elapsed = time.time() - t0
    status = collections.Counter(r["status"] for r in results)
    defects = [r for r in results if r["status"] == "defect"]
    print(f"\n{len(selection)} entries, {len(results)} calls in {elapsed:.0f} s: "
          f"{status['ok']} ok, {status['typed']} typed errors, {status['defect']} defects")
    kinds = collections.Counter(_kind(r["detail"]) for r in defects)
    for k, n in kinds.most_common():
        print(f"  {n:5d}  {k}")
    for r in sorted(defects, key=lambda r: r["case"]):
        print(f"DEFECT {r['case']}: {r['detail']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 1 if defects else 0


def _kind(detail: str) -> str:
    head = detail.split(":", 1)[0]
    return head if len(head) < 60 else head[:60]


if __name__ == "__main__":
    sys.exit(main())
