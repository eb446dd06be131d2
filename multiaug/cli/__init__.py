"""The ``multiaug`` command line: one module per sub-command; this package builds the parser and runs a command.

=============  =========================================================================================
module         sub-command
=============  =========================================================================================
``listing``    ``multiaug list``: the catalogue, the shipped presets and suites
``demo``       ``multiaug demo``: the shipped samples through a few pipelines
``apply``      ``multiaug apply``: a JSON pipeline over input files (stable unique names, never onto an input)
``expand``     ``multiaug expand``: grow a labelled dataset (:func:`multiaug.data.expand`)
``robustness`` ``multiaug robustness``: a system under test against a suite of augmentations
``merge``      ``multiaug merge``: merge a supplementary table into a primary one
``evaluate``   ``multiaug evaluate``: does an augmentation plan help? (proxy-model A/B)
=============  =========================================================================================

Each module has ``add_parser(subparsers)`` (registers its sub-command; the parsed arguments' ``func`` is its
``run(args) -> exit code``). The console script ``multiaug`` and ``python -m multiaug`` call :func:`main`: exit 0
done, 1 some inputs failed (apply), 2 bad input or arguments (one line ``multiaug: error: …``, checked before any
work), 3 interrupted (expand), 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from ..core.errors import MultiaugError
from . import apply, demo, evaluate, expand, listing, merge, robustness

#: the sub-command modules, in the order ``multiaug --help`` lists them
COMMANDS = (listing, demo, apply, expand, robustness, merge, evaluate)


def build_parser() -> argparse.ArgumentParser:
    """The ``multiaug`` argument parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="multiaug", description="Multimodal data augmentation (image, text, audio).")
    parser.add_argument("--version", action="version", version=f"multiaug {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``multiaug ARGV`` (``sys.argv[1:]`` when None) and return the exit code: a :class:`MultiaugError` (bad
    input, checked before any work) and any file-system refusal are one line on stderr with exit code 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if argv is None:  # the command line owns its process (not a call from a program)
        from ..image.modality import tune_pillow  # lazy: importing multiaug.cli must not load the image catalogue

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


__all__ = ["COMMANDS", "build_parser", "main"]
