"""The ``multiaug`` command line: list, demo, apply (and expand / robustness / evaluate when installed)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _list_documents(args: argparse.Namespace) -> int:
    """``multiaug list --presets`` / ``--suites``: the shipped JSON documents with their descriptions."""
    if args.presets:
        from .data.presets import describe_presets

        rows = [r for r in describe_presets() if args.modality in (None, r["modality"])]
        keys = ("preset", "modality")
    else:
        from .robustness.suites import available_suites

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


def _cmd_list(args: argparse.Namespace) -> int:
    from .core.registry import catalogue

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


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(args.out, seed=args.seed, quiet=args.quiet)
    return 0


def _cmd_apply(args: argparse.Namespace) -> int:
    from .core.io import write_jsonl
    from .core.pipeline import load_pipeline
    from .core.seeds import derive_seed
    from .media_io import augment_to_file, read_media

    pipeline = load_pipeline(args.pipeline)
    modality = pipeline._modality().name
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    failures = 0
    for path in args.inputs:
        src = Path(path)
        try:
            mod, media, call = read_media(src)
            if mod != modality:
                raise ValueError(f"'{src}' is {mod} but the pipeline is {modality}")
            line = augment_to_file(pipeline, media, call, mod, out / src.name, derive_seed(args.seed, src.name))
            lines.append({"input": str(src), **line})
            dest = line["output"]
            if not args.quiet:
                print(f"{src} -> {dest}")
        except Exception as exc:  # report and continue with the next input
            failures += 1
            print(f"error: {src}: {exc}", file=sys.stderr)
            lines.append({"input": str(src), "error": str(exc)})
    write_jsonl(out / "metadata.jsonl", lines)
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(prog="multiaug", description="Multimodal data augmentation (image, text, audio).")
    parser.add_argument("--version", action="version", version=f"multiaug {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list every augmentation (the catalogue), or the presets / suites")
    p.add_argument("--modality", choices=["image", "text", "audio", "tabular"])
    p.add_argument("--json", action="store_true", help="print the machine-readable catalogue")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--presets", action="store_true", help="list the shipped presets (name, modality, description)")
    what.add_argument("--suites", action="store_true", help="list the shipped robustness suites")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("demo", help="augment the shipped sample image, text and audio")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("apply", help="apply a JSON pipeline to input files")
    p.add_argument("--pipeline", required=True, help="pipeline JSON file")
    p.add_argument("inputs", nargs="+", help="input files (one modality, matching the pipeline)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_cmd_apply)

    for module, adder in (("multiaug.cli_expand", "add_expand_parser"), ("multiaug.cli_robustness", "add_robustness_parser"),
                          ("multiaug.cli_merge", "add_merge_parser"),
                          ("multiaug.cli_evaluate", "add_evaluate_parser")):
        import importlib
        import importlib.util

        if importlib.util.find_spec(module) is None:
            continue
        getattr(importlib.import_module(module), adder)(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .core.errors import MultiaugError

    parser = build_parser()
    args = parser.parse_args(argv)
    if argv is None:  # the command line owns its process (not a call from a program)
        from .image.modality import tune_pillow  # lazy: importing multiaug.cli must not load the image modality

        tune_pillow()
    try:
        return int(args.func(args) or 0)
    except MultiaugError as exc:
        print(f"multiaug: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
