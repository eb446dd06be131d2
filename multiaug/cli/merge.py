"""``multiaug merge``: the command-line front end of :func:`multiaug.tabular.merge`.

:mod:`multiaug.cli` calls :func:`add_parser` to register the sub-command. Outputs are checked before any work
and written atomically; a progress bar is drawn for inputs larger than 50 MB (or with ``--progress``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError
from ..tabular.merge import merge

PROGRESS_BYTES = 50 * 1024 * 1024


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``merge`` on an ``argparse`` sub-parsers object and return its parser."""
    p = subparsers.add_parser(
        "merge", help="merge a supplementary table into a primary one (new columns or new rows), fuzzily",
        description="Join (how=primary: keep every primary row; how=both: only rows in both) or append (how=append) "
                    "a supplementary table to a primary table. Inputs: CSV, TSV, Excel, Parquet, JSONL, SQLite or "
                    "DuckDB files (TABLE given with --table).")
    p.add_argument("primary", help="the primary table file")
    p.add_argument("supplementary", help="the supplementary table file")
    p.add_argument("--on", action="append", metavar="COL", help="primary column to match on (repeat for several)")
    p.add_argument("--how", choices=["primary", "both", "append"], default="primary")
    p.add_argument("--match", choices=["fuzzy", "exact"], default="fuzzy", help="column-name matching (default fuzzy)")
    p.add_argument("--key-match", choices=["exact", "fuzzy"], default="exact", help="key-value matching")
    p.add_argument("--column", action="append", default=[], metavar="PRIMARY=SUPPLEMENTARY",
                   help="pair two columns explicitly (PRIMARY= with nothing after keeps it unpaired); repeatable")
    p.add_argument("--prefer", choices=["primary", "supplementary", "coalesce"], default="primary",
                   help="value kept when a column exists on both sides (default primary)")
    p.add_argument("--threshold", type=float, default=0.8, help="column pairing score threshold in [0, 1]")
    p.add_argument("--key-threshold", type=float, default=90.0, help="fuzzy key similarity threshold in [0, 100]")
    p.add_argument("--engine", choices=["auto", "pandas", "duckdb", "dask"], default="auto",
                   help="auto: DuckDB for inputs over 256 MiB, else pandas")
    p.add_argument("--memory-limit", metavar="SIZE", help="DuckDB memory limit, e.g. 4GB")
    p.add_argument("--test", metavar="FILE", help="the declared test split: warn about supplementary rows found in it")
    p.add_argument("--table", metavar="NAME", help="table name inside SQLite/DuckDB inputs")
    p.add_argument("--encoding", help="text encoding of CSV/TSV inputs (default UTF-8)")
    p.add_argument("--out", required=True, metavar="FILE", help="merged table (.csv .tsv .xlsx .parquet .jsonl)")
    p.add_argument("--report", metavar="FILE", help="JSON report (default: OUT with .report.json)")
    p.add_argument("--progress", action="store_true", help="always draw the progress bar")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=run)
    return p


def _columns(pairs: list[str]) -> dict[str, str | None] | None:
    out: dict[str, str | None] = {}
    for item in pairs:
        if "=" not in item:
            raise InvalidParameterError(f"merge: --column must be PRIMARY=SUPPLEMENTARY, got {item!r}",
                                        argument="column")
        a, b = item.split("=", 1)
        out[a] = b or None
    return out or None


def run(args: argparse.Namespace) -> int:
    """Run ``multiaug merge`` from parsed arguments; returns the exit code."""
    report = args.report or str(Path(args.out).with_suffix("")) + ".report.json"
    size = sum(Path(f).stat().st_size for f in (args.primary, args.supplementary) if Path(f).is_file())
    bar = None
    if not args.quiet and (args.progress or size > PROGRESS_BYTES):
        from tqdm import tqdm  # lazy: only a visible progress bar needs it

        bar = tqdm(total=4, unit="step", desc="merge", file=sys.stderr)
    stages = {"read": 0, "align": 1, "fuzzy keys": 2, "join": 3}

    def progress(stage: str, done: int, total: int) -> None:
        if bar is None:
            return
        bar.set_description(f"merge: {stage}")
        target = stages.get(stage, 0) + (done / total if total else 1)
        bar.update(max(0.0, round(target - bar.n, 3)))

    read = {k: v for k, v in (("table", args.table), ("encoding", args.encoding)) if v}
    try:
        result = merge(args.primary, args.supplementary, args.on, how=args.how, match=args.match,
                       key_match=args.key_match, columns=_columns(args.column), prefer=args.prefer,
                       threshold=args.threshold, key_threshold=args.key_threshold, engine=args.engine,
                       engine_options={"memory_limit": args.memory_limit} if args.memory_limit else None,
                       test=args.test, out=args.out, report=report, read_options=read, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        rows = result.report["rows"]
        pairs = result.report["columns"]["pairs"]
        print(f"columns paired: {len(pairs)} ("
              + ", ".join(f"{p['primary']}~{p['supplementary']} {p['score']:.2f}" for p in pairs[:6])
              + (", ..." if len(pairs) > 6 else "") + ")")
        print("rows: " + json.dumps(rows))
        leak = result.report.get("leakage")
        if leak and leak.get("warning"):
            print(f"WARNING: {leak['warning']}", file=sys.stderr)
        print(f"output: {args.out}\nreport: {report}")
    return 0


__all__ = ["add_parser", "run"]
