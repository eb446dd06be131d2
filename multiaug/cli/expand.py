"""``multiaug expand``: the command-line front end of :func:`multiaug.data.expand`.

:mod:`multiaug.cli` calls :func:`add_parser` to register the sub-command; :func:`run` runs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError
from ..core.io import check_output_dir
from ..data.expand import expand
from ..data.presets import PRESET_NAMES
from ..data.validation import RULES


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``expand`` on an ``argparse`` sub-parsers object and return its parser."""
    p = subparsers.add_parser(
        "expand",
        help="grow a labelled dataset with augmented copies (reproducible, parallel, resumable)",
        description="Augment a class-per-folder dataset (or a flat folder with --label, or a CSV/JSONL manifest) into "
                    "DIR: DIR/<class>/ holds the originals (hard links where possible, else copies) and the augmented "
                    "files, plus manifest.jsonl (one replayable line per file) and report.json.",
    )
    p.add_argument("input", help="folder with one sub-folder per class (INPUT/<class>/<files>), a flat folder of media "
                                 "files with --label NAME, or a .csv/.jsonl manifest")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (must be empty unless --resume/--overwrite)")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--copies", type=int, metavar="N", help="N augmented variants of every item")
    how.add_argument("--balance-to", type=int, metavar="N", help="expand classes with fewer than N items up to N")
    pipe = p.add_mutually_exclusive_group()
    pipe.add_argument("--pipeline", action="append", metavar="P.json",
                      help="pipeline JSON (repeat once per modality, or a {\"image\": ..., \"text\": ...} mapping)")
    pipe.add_argument("--preset", choices=PRESET_NAMES, help="named pipeline per modality (default: medium)")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="base seed (outputs depend only on it)")
    p.add_argument("--workers", type=int, default=1, metavar="W", help="worker processes (default 1)")
    p.add_argument("--label", metavar="NAME", help="INPUT is a flat folder (media files directly inside, no class "
                                                   "sub-folders): use them as one class called NAME")
    p.add_argument("--no-originals", action="store_true",
                   help="write only the augmented files (by default DIR also holds every readable original)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run in DIR")
    p.add_argument("--overwrite", action="store_true", help="replace a previous expansion in DIR")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary table")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local process pool (default) or dask.distributed (pip install 'multiaug[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address (default: a LocalCluster of W workers)")
    p.add_argument("--max-attempts", type=int, default=5, help="draws per output before it is dropped (default 5)")
    q = p.add_argument_group("near-duplicates")
    q.add_argument("--no-dedup", action="store_true", help="disable near-duplicate rejection")
    q.add_argument("--image-hash", choices=["phash", "dhash"], default="phash")
    q.add_argument("--image-max-bits", type=int, default=2,
                   help="image hash distance (bits of 64) at or below which outputs are near-duplicates (default 2)")
    q.add_argument("--text-min-distance", type=float, default=0.02,
                   help="normalised edit distance below which texts are near-duplicates (default 0.02)")
    q.add_argument("--audio-max-similarity", type=float, default=0.97,
                   help="spectral similarity above which audio outputs are near-duplicates (default 0.97)")
    v = p.add_argument_group("validation")
    v.add_argument("--rules", help=f"comma-separated validation rules to run (default all: {','.join(RULES)}); "
                                   "'none' disables validation")
    m = p.add_argument_group("manifest input")
    m.add_argument("--path-column", default="path")
    m.add_argument("--text-column", default="text")
    m.add_argument("--label-column", default="label")
    m.add_argument("--bboxes-column", default="bboxes")
    m.add_argument("--bbox-format", default="pascal_voc", choices=["pascal_voc", "pascal_voc_norm", "coco", "yolo"])
    p.add_argument("--stop-after", type=int, help=argparse.SUPPRESS)  # testing hook: simulate an interruption
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``multiaug expand`` from parsed arguments; returns the exit code (0 done, 3 interrupted)."""
    check_output_dir(args.out, "expand: --out")  # before any work: one line and exit 2, not a traceback later
    if args.rules is None:
        rules = None
    elif args.rules.strip().lower() == "none":
        rules = {"rules": ()}
    else:
        rules = {"rules": tuple(r.strip() for r in args.rules.split(",") if r.strip())}
    manifest_options = None
    if Path(args.input).is_file():
        manifest_options = {"path_column": args.path_column, "text_column": args.text_column,
                            "label_column": args.label_column, "bboxes_column": args.bboxes_column,
                            "bbox_format": args.bbox_format}
    engine_options: dict[str, Any] = {}
    if args.scheduler:
        if args.engine != "dask":
            raise InvalidParameterError("expand: --scheduler needs --engine dask", argument="scheduler")
        engine_options["address"] = args.scheduler
    try:
        report = _run(args, rules, manifest_options, engine_options)
    except KeyboardInterrupt:
        print(f"multiaug expand: interrupted; continue with the same command plus --resume (DIR: {args.out})",
              file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"manifest: {Path(args.out) / 'manifest.jsonl'}\nreport:   {Path(args.out) / 'report.json'}")
    elif report["run"]["interrupted"]:
        print(json.dumps({"interrupted": True, "outputs": report["totals"]["outputs"]}), file=sys.stderr)
    return 3 if report["run"]["interrupted"] else 0


def _run(args: argparse.Namespace, rules: dict[str, Any] | None, manifest_options: dict[str, Any] | None,
         engine_options: dict[str, Any]) -> dict[str, Any]:
    return expand(
        args.input, args.out,
        copies=args.copies, balance_to=args.balance_to,
        pipeline=args.pipeline, preset=args.preset, seed=args.seed, workers=args.workers,
        resume=args.resume, overwrite=args.overwrite, quiet=args.quiet,
        engine=args.engine, engine_options=engine_options or None,
        dedup={"enabled": not args.no_dedup, "image_hash": args.image_hash, "image_max_bits": args.image_max_bits,
               "text_min_distance": args.text_min_distance, "audio_max_similarity": args.audio_max_similarity},
        validation=rules, max_attempts=args.max_attempts, manifest_options=manifest_options,
        originals=not args.no_originals, label=args.label, stop_after=args.stop_after,
    )


__all__ = ["add_parser", "run"]
