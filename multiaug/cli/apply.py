"""``multiaug apply``: a JSON pipeline over input files, one output per input (or ``--copies N``).

Everything that can be checked is checked before any work (exit 2, one line): the pipeline, every input (exists,
a file, of the pipeline's modality), the output names (:func:`output_plan`: unique, stable, never an input) and
that ``--out`` can be written. Then each output is written atomically; a failure on one output is reported and
the others still run (exit 1). Ctrl-C stops the run with ``metadata.jsonl`` listing the outputs written so far
(exit 130).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, MediaReadError, OutputPathError
from ..core.io import check_output_dir, write_jsonl
from ..core.pipeline import load_pipeline
from ..core.seeds import derive_seed
from ..media.extensions import modality_of_path, output_extension
from ..media.io import augment_to_file, read_media


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``apply`` on the ``multiaug`` sub-parsers and return its parser."""
    p = subparsers.add_parser("apply", help="apply a JSON pipeline to input files")
    p.add_argument("--pipeline", required=True, help="pipeline JSON file")
    p.add_argument("inputs", nargs="+", help="input files (one modality, matching the pipeline)")
    p.add_argument("--out", required=True, help="output folder (outputs keep their paths relative to the inputs' "
                                                "deepest common folder; writing onto an input is refused)")
    p.add_argument("--copies", type=int, default=1, metavar="N",
                   help="N augmented outputs per input, named STEM_0 … STEM_{N-1}, each with its own derived seed")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run)
    return p


def output_plan(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str],
                copies: int = 1) -> list[tuple[Path, str, int, Path]]:
    """Where ``multiaug apply`` writes each output: ``(input, key, copy index, destination)`` rows.

    Names are stable and unique: each input keeps its path relative to the inputs' deepest common folder
    (``a/img0.png`` and ``b/img0.png`` → ``OUT/a/img0.png``, ``OUT/b/img0.png``; inputs from one folder keep
    their plain names), and with ``copies`` > 1 copy *k* is ``stem_k.ext``. A source written in another format
    keeps its own extension in the name (``song.mp3`` → ``song.mp3.flac``, see
    :func:`multiaug.media.extensions.output_extension`), so ``song.mp3`` and ``song.ogg`` cannot collide. The key
    (the input's relative path) is what output seeds derive from, so an output does not depend on the other
    inputs or their order. Names come from the paths as given (a symbolic link keeps its own name); an input
    given twice (or two links to one file) is processed once. Refuses (:class:`OutputPathError`) a destination that is one of the inputs
    or that two outputs would share, before anything is written."""
    if copies < 1:
        raise InvalidParameterError(f"apply: --copies must be >= 1, got {copies}", argument="copies")
    seen: dict[Path, Path] = {}  # the file (symlinks resolved) -> the path as given
    for p in inputs:
        seen.setdefault(Path(p).resolve(), Path(p))
    if not seen:
        return []
    named = {given: Path(os.path.abspath(given)) for given in seen.values()}  # names keep the user's (link) names
    common = Path(os.path.commonpath([str(a.parent) for a in named.values()]))
    plan: list[tuple[Path, str, int, Path]] = []
    for given in seen.values():
        rel = named[given].relative_to(common)
        ext = output_extension(modality_of_path(given), rel.suffix)
        if ext != rel.suffix:  # written in another format (.mp3/.ogg/.au audio as .flac): song.mp3 -> song.mp3.flac
            rel_out = rel.with_name(rel.name + ext)
        else:
            rel_out = rel
        for k in range(copies):
            name = rel_out if copies == 1 else rel_out.with_name(f"{rel_out.stem}_{k}{rel_out.suffix}")
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


def check_inputs(inputs: Sequence[str], modality: str) -> None:
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


def run(args: argparse.Namespace) -> int:
    """Run ``multiaug apply``: the checks, then one atomic write per output and ``metadata.jsonl`` (one line per
    output: input, copy, output, seed, records). Returns 0, or 1 when some outputs failed."""
    pipeline = load_pipeline(args.pipeline)
    modality = pipeline._modality().name
    check_inputs(args.inputs, modality)
    plan = output_plan(args.inputs, args.out, args.copies)
    out = check_output_dir(args.out, "apply: --out")
    metadata = out / "metadata.jsonl"
    if metadata.resolve() in {Path(p).resolve() for p in args.inputs}:
        raise OutputPathError(f"apply: --out would overwrite the input '{metadata}'")
    out.mkdir(parents=True, exist_ok=True)
    lines: list[dict[str, Any]] = []
    failures = 0
    loaded: tuple[Path, tuple[str, Any, dict[str, Any]]] | None = None
    try:
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
    except KeyboardInterrupt:  # the outputs written so far stay listed (each file is whole: atomic writes)
        write_jsonl(metadata, lines)
        print(f"multiaug apply: interrupted after {len(lines)} of {len(plan)} outputs; {metadata} lists them",
              file=sys.stderr)
        return 130
    write_jsonl(metadata, lines)
    return 1 if failures else 0


__all__ = ["add_parser", "check_inputs", "output_plan", "run"]
