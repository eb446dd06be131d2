"""``multiaug robustness``: evaluate a classifier or matcher against a suite of augmentations.

Example::

    multiaug robustness photos/ --system multiaug.robustness.adapters:phash --kind matcher \\
        --suite moderation-image --out rob/ --seed 0 --workers 2

Writes ``report.json``, ``results.csv`` and ``report.html`` into ``--out`` and prints the summary table.
``multiaug robustness --list-suites`` lists the preset suites and which of their augmentations are registered.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, OutputPathError
from ..core.io import check_output_dir
from ..robustness import available_suites, run_robustness

#: the files a run writes into ``--out``
REPORT_FILES = ("report.json", "results.csv", "report.html")


def run(args: argparse.Namespace) -> int:
    """Run ``multiaug robustness`` (or ``--list-suites``) from parsed arguments; returns 0. ``--out`` is checked
    writable before the evaluation starts."""
    if args.list_suites:
        rows = available_suites()
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        for s in rows:
            state = "ready" if s["ready"] else f"missing: {', '.join(s['missing'])}"
            print(f"{s['name']:18s} {s['modality']:6s} {len(s['transforms'])} transforms ({state})")
            print(f"    {', '.join(f'{t}×{n}' for t, n in s['levels'].items())}")
        return 0
    missing = [name for name, v in (("INPUT", args.input), ("--system", args.system), ("--suite", args.suite),
                                    ("--out", args.out)) if not v]
    if missing:
        raise InvalidParameterError(f"robustness: missing {', '.join(missing)}", argument=missing[0])
    check_output_dir(args.out, "robustness: --out")  # before the evaluation, not after it
    inputs = Path(args.input).resolve()
    for name in REPORT_FILES:
        if (Path(args.out) / name).resolve() == inputs:
            raise OutputPathError(f"robustness: --out would overwrite the input '{args.input}' with the {name}")
    report = run_robustness(
        args.input, args.system, args.suite, kind=args.kind, seed=args.seed, workers=args.workers,
        threshold=args.threshold, skip_missing=args.skip_missing, examples_per_transform=args.examples,
        background=args.background, out=args.out,
    )
    if not args.quiet:
        print(report)
        print(f"{report.data['n_tasks']} augmented items, {len(report.data['errors'])} errors; report: "
              f"{args.out}/report.html")
    return 0


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``robustness`` sub-command on the ``multiaug`` CLI's subparsers."""
    p = subparsers.add_parser(
        "robustness", help="evaluate a classifier or matcher against a suite of augmentations",
        description="Apply every transform × level of a suite to every input item, run the system under test on the "
                    "original and augmented items, and write report.json, results.csv and report.html.")
    p.add_argument("input", nargs="?", metavar="INPUT", help="folder, manifest (.csv/.jsonl) or .txt file (text: one item per line)")
    p.add_argument("--system", help="system under test as module:function (or file.py:function); e.g. "
                                    "multiaug.robustness.adapters:phash")
    p.add_argument("--kind", choices=["classifier", "matcher"], help="needed when the system is a plain function")
    p.add_argument("--suite", help="preset name (see --list-suites) or a suite JSON file")
    p.add_argument("--out", help="output folder")
    p.add_argument("--seed", type=int, default=0, help="run seed (default 0)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (0 = one per CPU; default 1)")
    p.add_argument("--threshold", type=float, default=None,
                   help="matcher distance threshold or classifier score threshold (overrides the system's)")
    p.add_argument("--skip-missing", action="store_true", help="skip suite transforms that are not registered")
    p.add_argument("--examples", type=int, default=2, help="worst cases kept per transform (default 2)")
    p.add_argument("--background", default="white",
                   help="images: colour transparent images are composited onto before they are measured and shown "
                        "(a name, #rrggbb; default white). The built-in image adapters composite onto white")
    p.add_argument("--list-suites", action="store_true", help="list the preset suites and exit")
    p.add_argument("--json", action="store_true", help="with --list-suites: print JSON")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run)
    return p


__all__ = ["add_parser", "run"]
