"""Does an augmentation plan help? ``multiaug.evaluate(dataset, plan, ...)`` trains a fast proxy model on the
originals and on originals + augmented copies, on the same repeated stratified group k-fold (copies stay in their
original's fold), and reports accuracy, macro-F1 and per-class recall with intervals, the paired difference, the
accuracy of both models on a perturbed copy of the test folds (a ``multiaug robustness`` suite), and a one-line
verdict::

    import multiaug
    report = multiaug.evaluate("assets/datasets/pets", "medium", copies=5, seed=0, out="ev/")
    report.verdict

This package is itself callable (``multiaug.evaluate(...)`` is :func:`multiaug.evaluate.api.evaluate`), so
``import multiaug.evaluate`` and ``multiaug.evaluate(...)`` both work. scikit-learn is imported only when a model
is fitted. CLI: ``multiaug evaluate DATASET --preset medium --copies 5 --out DIR``; see docs/EVALUATE.md.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .api import EVALUATE_VERSION, evaluate, prepare_out
from .report import EvaluationReport
from .splits import LeakageError, check_fold, stratified_group_folds


def evaluate_table(*args: Any, **kwargs: Any) -> EvaluationReport:
    """Tables: before vs after a merge, or synthetic balancing (:func:`multiaug.evaluate.tables.evaluate_table`)."""
    from .tables import evaluate_table as run  # lazy: pandas and multiaug.tabular load only for tables

    return run(*args, **kwargs)


class _CallableModule(types.ModuleType):
    """The package module, callable as :func:`evaluate`."""

    def __call__(self, *args: Any, **kwargs: Any) -> EvaluationReport:
        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["EVALUATE_VERSION", "EvaluationReport", "LeakageError", "check_fold", "evaluate", "evaluate_table",
           "prepare_out", "stratified_group_folds"]
