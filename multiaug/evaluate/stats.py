"""Metrics of one fold, and intervals over the folds of a repeated k-fold.

The folds of a repeated k-fold share most of their training data, so their scores are correlated and the plain
t-interval (variance / J) is too narrow. The intervals here use the *corrected resampled t* of Nadeau & Bengio
(2003), as recommended for repeated k-fold by Bouckaert & Frank (2004): the variance of the mean of J fold
scores is taken as ``(1/J + n_test/n_train) · s²`` with ``s²`` the sample variance of the fold scores, and the
quantile is Student's t with J − 1 degrees of freedom. Differences between the two models are *paired* (both
models are scored on the same fold), so their interval uses the per-fold differences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

#: one-line verdicts, keyed by the sign of the interval of the difference
VERDICTS = ("helps", "no measurable effect", "hurts")


def fold_metrics(y_true: Sequence[str], y_pred: Sequence[str], classes: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class recall of one fold (a class absent from ``y_true`` has recall ``None``).

    Macro-F1 averages the F1 of the classes present in ``y_true`` or ``y_pred`` (a class never predicted and never
    present does not count; one never predicted but present counts as 0).
    """
    t = np.asarray([str(v) for v in y_true])
    p = np.asarray([str(v) for v in y_pred])
    recall: dict[str, float | None] = {}
    f1s = []
    for c in classes:
        tp = float(np.sum((t == c) & (p == c)))
        n_true = float(np.sum(t == c))
        n_pred = float(np.sum(p == c))
        recall[c] = tp / n_true if n_true else None
        if n_true or n_pred:
            f1s.append(2 * tp / (n_true + n_pred))
    return {"accuracy": float(np.mean(t == p)) if t.size else None,
            "macro_f1": float(np.mean(f1s)) if f1s else None, "recall": recall}


def t_quantile(confidence: float, dof: int) -> float:
    """The two-sided Student-t quantile for ``confidence`` with ``dof`` degrees of freedom."""
    from scipy.stats import t  # lazy: scipy.stats takes ~0.3 s to import

    return float(t.ppf(0.5 + confidence / 2, dof))


def interval(values: Sequence[float | None], test_train_ratio: float, confidence: float = 0.95,
             bounds: tuple[float, float] = (0.0, 1.0)) -> dict[str, Any]:
    """Mean of fold scores with the corrected resampled t-interval, clipped to the metric's range.

    Args:
        values: one score per fold (``None`` entries, e.g. recall of a class absent from a fold, are skipped).
        test_train_ratio: n_test / n_train of a fold (mean over folds).
        confidence: interval coverage in (0, 1).
        bounds: the values the quantity can take (scores: [0, 1]; differences of scores: [-1, 1]).

    Returns:
        ``{"mean", "low", "high", "sd", "n"}`` (``low``/``high`` are ``None`` with fewer than 2 values).
    """
    v = np.asarray([x for x in values if x is not None and not math.isnan(x)], dtype=float)
    if v.size == 0:
        return {"mean": None, "low": None, "high": None, "sd": None, "n": 0}
    mean = float(v.mean())
    if v.size < 2:
        return {"mean": _r(mean), "low": None, "high": None, "sd": None, "n": int(v.size)}
    sd = float(v.std(ddof=1))
    half = t_quantile(confidence, v.size - 1) * math.sqrt((1.0 / v.size + test_train_ratio) * sd * sd)
    return {"mean": _r(mean), "low": _r(max(bounds[0], mean - half)), "high": _r(min(bounds[1], mean + half)),
            "sd": _r(sd), "n": int(v.size)}


def paired(a: Sequence[float | None], b: Sequence[float | None], test_train_ratio: float,
           confidence: float = 0.95) -> dict[str, Any]:
    """Interval of the paired difference ``b − a`` (folds where either is missing are skipped)."""
    diffs = [y - x for x, y in zip(a, b) if x is not None and y is not None]
    return interval(diffs, test_train_ratio, confidence, bounds=(-1.0, 1.0))


def verdict(diff: dict[str, Any]) -> str:
    """``helps`` if the interval of the difference is above 0, ``hurts`` if below, else ``no measurable effect``."""
    if diff.get("low") is None or diff.get("high") is None:
        return VERDICTS[1]
    if diff["low"] > 0:
        return VERDICTS[0]
    if diff["high"] < 0:
        return VERDICTS[2]
    return VERDICTS[1]


def _r(x: float) -> float:
    return round(float(x), 6)


__all__ = ["VERDICTS", "fold_metrics", "interval", "paired", "t_quantile", "verdict"]
