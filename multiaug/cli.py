"""The ``multiaug`` command line: list, demo, apply (and expand / robustness / evaluate when installed)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .core.errors import InvalidParameterError, MediaReadError, MultiaugError, OutputPathError
from .core.io import check_output_dir, write_jsonl
from .core.pipeline import load_pipeline
from .core.seeds import derive_seed
from .media_io import augment_to_file, modality_of_path, read_media


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

    check_output_dir(args.out, "demo: --out")
    run_demo(args.out, seed=args.seed, quiet=args.quiet)
    return 0


def output_plan(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str],
                copies: int = 1) -> list[tuple[Path, str, int, Path]]:
    """Where ``multiaug apply`` writes each output: ``(input, key, copy index, destination)`` rows.

    Names are stable and unique: each input keeps its path relative to the inputs' deepest common folder
    (``a/img0.png`` and ``b/img0.png`` → ``OUT/a/img0.png``, ``OUT/b/img0.png``; inputs from one folder keep
    their plain names), and with ``copies`` > 1 copy *k* is ``stem_k.ext``. The key (that relative path) is
    what output seeds derive from, so an output does not depend on the other inputs or their order. An input
    given twice is processed once. Refuses (:class:`OutputPathError`) a destination that is one of the inputs
    or that two outputs would share, before anything is written."""
    if copies < 1:
        raise InvalidParameterError(f"apply: --copies must be >= 1, got {copies}", argument="copies")
    seen: dict[Path, Path] = {}
    for p in inputs:
        seen.setdefault(Path(p).resolve(), Path(p))
    if not seen:
        return []
    common = Path(os.path.commonpath([str(r.parent) for r in seen]))
    plan: list[tuple[Path, str, int, Path]] = []
    for resolved, given in seen.items():
        rel = resolved.relative_to(common)
        for k in range(copies):
            name = rel if copies == 1 else rel.with_name(f"{rel.stem}_{k}{rel.suffix}")
            plan.append((given, rel.as_posix(), k, Path(out) / name))
    owners: dict[Path, Path] = {}
    for src, _, _, dest in plan:
        d = dest.resolve()
        if d in seen:
            raise OutputPathError(f"apply: output '{dest}' would overwrite the input '{seen[d]}'; choose another --out")
        if d in owners:
            raise OutputPathError(f"apply: inputs '{owners[d]}' and '{src}' would both write '{dest}'")
        owners[d] = src
    return plan


def _check_apply_inputs(inputs: Sequence[str], modality: str) -> None:
    """Every input exists, is a file, and is of the pipeline's modality (told by its extension)."""
    for path in inputs:
        src = Path(path)
        if src.is_dir():
            raise MediaReadError(f"apply: input '{src}' is a directory; give files (e.g. {src}/*.png)")
        if not src.is_file():
            raise MediaReadError(f"apply: input file not found: '{src}'")
        if modality_of_path(src) != modality:
            raise InvalidParameterError(f"apply: '{src}' is {modality_of_path(src)} but the pipeline is {modality}",
                                        argument="inputs")


def _cmd_apply(args: argparse.Namespace) -> int:
    """Checked before any work (exit 2, one line): the pipeline, every input (exists, a file, of the pipeline's
    modality), the output names (unique, never an input: :func:`output_plan`) and that ``--out`` can be
    written. Then each output is written atomically; a failure on one output is reported and the others still
    run (exit 1)."""
    pipeline = load_pipeline(args.pipeline)
    modality = pipeline._modality().name
    _check_apply_inputs(args.inputs, modality)
    plan = output_plan(args.inputs, args.out, args.copies)
    out = check_output_dir(args.out, "apply: --out")
    metadata = out / "metadata.jsonl"
    if metadata.resolve() in {Path(p).resolve() for p in args.inputs}:
        raise OutputPathError(f"apply: --out would overwrite the input '{metadata}'")
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    failures = 0
    loaded: tuple[Path, tuple[str, Any, dict[str, Any]]] | None = None
    for src, key, k, dest in plan:
        try:
            if loaded is None or loaded[0] != src:
                loaded = (src, read_media(src))
            mod, media, call = loaded[1]
            seed = derive_seed(args.seed, key) if k == 0 else derive_seed(args.seed, key, k)
            line = augment_to_file(pipeline, media, call, mod, dest, seed)
            lines.append({"input": str(src), "copy": k, **line})
            if not args.quiet:
                print(f"{src} -> {dest}")
        except Exception as exc:  # report and continue with the next output
            failures += 1
            print(f"error: {src}: {exc}", file=sys.stderr)
            lines.append({"input": str(src), "copy": k, "output": str(dest), "error": str(exc)})
    write_jsonl(metadata, lines)
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
    p.add_argument("--out", required=True, help="output folder (outputs keep their paths relative to the inputs' "
                                                "deepest common folder; writing onto an input is refused)")
    p.add_argument("--copies", type=int, default=1, metavar="N",
                   help="N augmented outputs per input, named STEM_0 … STEM_{N-1}, each with its own derived seed")
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
    except OSError as exc:  # a file-system refusal the checks could not foresee: one line, not a traceback
        print(f"multiaug: error: {exc.strerror or exc}: '{exc.filename}'" if exc.filename else
              f"multiaug: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
