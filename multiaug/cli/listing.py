"""``multiaug list``: the catalogue (every augmentation, its parameters and ranges), or the shipped presets / suites."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..core.registry import catalogue
from ..data.presets import describe_presets
from ..robustness.suites import available_suites


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``list`` on the ``multiaug`` sub-parsers and return its parser."""
    p = subparsers.add_parser("list", help="list every augmentation (the catalogue), or the presets / suites")
    p.add_argument("--modality", choices=["image", "text", "audio", "tabular"])
    p.add_argument("--json", action="store_true", help="print the machine-readable catalogue")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--presets", action="store_true", help="list the shipped presets (name, modality, description)")
    what.add_argument("--suites", action="store_true", help="list the shipped robustness suites")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Print the catalogue as a table (or JSON with ``--json``); ``--presets`` / ``--suites`` list the documents."""
    if args.presets or args.suites:
        return _list_documents(args)
    rows = catalogue(args.modality)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(r["name"]) for r in rows), default=10)
    cwidth = max((len(r["class_name"]) for r in rows), default=10)
    print(f"{'modality':8s}  {'name':{width}s}  {'class':{cwidth}s}  random  parameters")
    for r in rows:
        params = ", ".join(
            p["name"] + (f"={p['default']!r}" if not p["required"] else "")
            + (f" {p['range_text']}" if p.get("range_text") else "")
            + (f" [{p['unit']}]" if p.get("unit") else "")
            for p in r["params"]
        )
        print(f"{r['modality']:8s}  {r['name']:{width}s}  {r['class_name']:{cwidth}s}  {'yes' if r['random'] else 'no ':6s}  {params}")
    print(f"{len(rows)} augmentations")
    return 0


def _list_documents(args: argparse.Namespace) -> int:
    """``multiaug list --presets`` / ``--suites``: the shipped JSON documents with their descriptions."""
    if args.presets:
        rows = [r for r in describe_presets() if args.modality in (None, r["modality"])]
        keys = ("preset", "modality")
    else:
        rows = [r for r in available_suites() if args.modality in (None, r["modality"])]
        keys = ("name", "modality")
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(r[keys[0]]) for r in rows), default=10)
    for r in rows:
        state = f"  (missing: {', '.join(r['missing'])})" if r["missing"] else ""
        print(f"{r[keys[0]]:{width}s}  {r[keys[1]]:6s}  {r['description']}{state}")
    print(f"{len(rows)} {'presets' if args.presets else 'suites'}")
    return 0


__all__ = ["add_parser", "run"]
