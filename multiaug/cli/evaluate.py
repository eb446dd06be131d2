"""``multiaug evaluate``: does an augmentation plan help? The command-line front end of :func:`multiaug.evaluate`.

Example::

    multiaug evaluate assets/datasets/pets --preset medium --copies 5 --folds 5 --repeats 3 --out ev/

Writes ``report.json``, ``results.csv``, ``report.html``, ``perturbed.jsonl`` and the expansion (``augmented/``)
into ``--out`` and prints the one-line verdict. ``multiaug evaluate EXPANSION_DIR --out DIR`` evaluates the output
of ``multiaug expand`` as it is (its originals vs originals + its copies); so does ``DATASET --augmented DIR``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError
from ..data.presets import PRESET_NAMES
from ..evaluate.api import evaluate, prepare_out
from ..evaluate.tables import evaluate_table


def _level(value: str) -> str | int:
    return int(value) if value.lstrip("-").isdigit() else value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``evaluate`` on the ``multiaug`` CLI's sub-parsers and return its parser."""
    p = subparsers.add_parser(
        "evaluate", help="does an augmentation plan help? a proxy-model A/B on the same folds, without leakage",
        description="Train a fast proxy model on the originals and on originals + augmented copies (same repeated "
                    "stratified group k-fold; copies stay in their original's fold), compare accuracy, macro-F1 and "
                    "per-class recall with intervals, score both on a perturbed copy of the test folds, and write "
                    "report.json, results.csv and report.html.")
    p.add_argument("dataset", metavar="DATASET", help="folder with one sub-folder per class, a .csv/.jsonl manifest, "
                                                      "or the output folder of `multiaug expand` (evaluated as it is)")
    plan = p.add_mutually_exclusive_group()
    plan.add_argument("--preset", choices=PRESET_NAMES, help="augment with a preset (default: medium)")
    plan.add_argument("--pipeline", action="append", metavar="P.json",
                      help="augment with a pipeline JSON (repeat once per modality)")
    plan.add_argument("--augmented", metavar="DIR", help="use the copies of an earlier `multiaug expand` of DATASET")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--copies", type=int, metavar="N", help="augmented copies per original (default 5)")
    how.add_argument("--balance-to", type=int, metavar="N", help="expand classes below N items up to N")
    p.add_argument("--model", default="auto", help="auto (a proxy per modality) or module:function returning an "
                                                   "object with fit(items, labels)/predict(items)")
    p.add_argument("--folds", type=int, default=5, help="k of the stratified group k-fold (default 5)")
    p.add_argument("--repeats", type=int, default=3, help="repeated k-fold rounds (default 3)")
    p.add_argument("--seed", type=int, default=0, help="seed of expansion, folds, models and perturbations")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (empty or absent unless --overwrite)")
    p.add_argument("--overwrite", action="store_true", help="replace an earlier evaluation in DIR")
    p.add_argument("--suite", default="auto", help="robustness suite for the perturbed test set: auto "
                                                   "(moderation-<modality>), a preset name, a JSON file, or none")
    p.add_argument("--robustness-level", type=_level, default="middle", metavar="LEVEL",
                   help="severity of the test perturbation: mild, middle (default), severe or a level index")
    p.add_argument("--primary", choices=["accuracy", "macro_f1"], default="accuracy", help="metric of the verdict")
    p.add_argument("--workers", type=int, default=1, help="worker processes of the expansion (default 1)")
    t = p.add_argument_group("tables (DATASET is the primary table)")
    t.add_argument("--target", metavar="COLUMN", help="class column: evaluate a table instead of media")
    t.add_argument("--merge", metavar="TABLE", help="supplementary table: before vs after `multiaug merge`")
    t.add_argument("--on", metavar="COLUMN", help="key column (merge key; rows with one key share a fold)")
    t.add_argument("--how", choices=["append", "primary", "both"], default="append", help="merge mode (default append)")
    t.add_argument("--synthetic", metavar="NAME", help="synthetic balancing of each training fold: smote, jitter, "
                                                       "category_swap")
    p.add_argument("--quiet", action="store_true", help="print only the verdict")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``multiaug evaluate`` from parsed arguments; prints the verdict; returns 0."""
    if not Path(args.dataset).exists():
        raise InvalidParameterError(f"evaluate: DATASET '{args.dataset}' does not exist", argument="dataset")
    prepare_out(args.out, args.overwrite)  # refuse an unwritable or occupied DIR before any work
    if args.target is not None:
        report = evaluate_table(args.dataset, target=args.target, supplementary=args.merge, on=args.on, how=args.how,
                                synthetic=args.synthetic, folds=args.folds, repeats=args.repeats, seed=args.seed,
                                out=args.out, primary_metric=args.primary)
        print(report.verdict)
        return 0
    if args.augmented is not None:
        if not (Path(args.augmented) / "manifest.jsonl").is_file():
            raise InvalidParameterError(f"evaluate: --augmented '{args.augmented}' is not a `multiaug expand` output "
                                        "(no manifest.jsonl)", argument="augmented")
        plan: Any = args.augmented
    else:
        plan = args.pipeline if args.pipeline else args.preset
    report = evaluate(args.dataset, plan, copies=args.copies, balance_to=args.balance_to, model=args.model,
                      folds=args.folds, repeats=args.repeats, seed=args.seed, out=args.out, overwrite=False,
                      suite=None if args.suite == "none" else args.suite, robustness_level=args.robustness_level,
                      primary=args.primary, workers=args.workers, quiet=args.quiet)
    print(report.verdict)
    if not args.quiet:
        print(f"report: {Path(args.out) / 'report.html'}")
    return 0


__all__ = ["add_parser", "run"]
