"""``multiaug demo``: the shipped sample image, text and audio through a few pipelines (:func:`multiaug.demo.run_demo`)."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.io import check_output_dir
from ..demo import run_demo


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``demo`` on the ``multiaug`` sub-parsers and return its parser."""
    p = subparsers.add_parser("demo", help="augment the shipped sample image, text and audio")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Write the demo outputs and ``metadata.jsonl`` into ``--out`` (checked writable first)."""
    check_output_dir(args.out, "demo: --out")
    run_demo(args.out, seed=args.seed, quiet=args.quiet)
    return 0


__all__ = ["add_parser", "run"]
