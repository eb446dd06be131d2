"""Synthetic rows for class balance (pure functions; randomness only from explicit arguments).

* :func:`class_deficits` — how many rows each class lacks to reach a target count.
* :func:`smote_rows` — SMOTE (all features numeric), SMOTE-NC (mixed) or SMOTE-N (all categorical) through
  imbalanced-learn: ``x_new = x + u·(x_nn − x)``, ``u ~ U(0, 1)``, ``x_nn`` one of the ``k`` nearest same-class
  neighbours; SMOTE-NC takes the most frequent category among the neighbours for categorical columns.
* :func:`jitter_rows` — copies of parent rows with Gaussian noise on numeric columns, the standard deviation being
  ``scale`` × the column's standard deviation (integer columns rounded).
* :func:`swap_rows` — copies of parent rows where chosen categorical cells take the value of a donor row of the
  same class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._deps import imblearn_over_sampling, pandas


def class_deficits(labels: Sequence[Any], balance_to: int | None) -> dict[Any, int]:
    """Rows each class needs to reach ``balance_to`` (default: the largest class's count); classes already at or
    above it need 0. Classes are keyed by label, in sorted order of their string form."""
    values, counts = np.unique(np.asarray([str(v) for v in labels], dtype=object), return_counts=True)
    first = {}
    for v in labels:
        first.setdefault(str(v), v)
    target = int(counts.max()) if balance_to is None and len(counts) else int(balance_to or 0)
    return {first[v]: max(0, target - int(c)) for v, c in zip(values, counts)}


def jitter_rows(numeric: np.ndarray, parents: np.ndarray, scale: np.ndarray, integer: np.ndarray,
                rng: np.random.Generator) -> np.ndarray:
    """Jittered copies of ``numeric[parents]``.

    Args:
        numeric: (n, d) float array of the numeric columns (NaN allowed: stays NaN).
        parents: (k,) row indices into ``numeric``.
        scale: (d,) standard deviation of the noise per column, in the column's units (>= 0).
        integer: (d,) bool, columns whose values are rounded to integers after the noise.
        rng: the generator the noise field is drawn from (k × d standard normals, row-major).
    """
    base = numeric[parents]
    noise = rng.standard_normal(base.shape) * scale[None, :]
    out = base + noise
    out[:, integer] = np.round(out[:, integer])
    return out


def swap_rows(cells: np.ndarray, parents: np.ndarray, donors: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Copies of ``cells[parents]`` where, in row i and for each swap s, column ``columns[i, s]`` takes
    ``cells[donors[i, s], columns[i, s]]``.

    Args:
        cells: (n, c) object array of the categorical columns.
        parents: (k,) row indices; donors, columns: (k, s) row and column indices.
    """
    out = cells[parents].copy()
    rows = np.arange(len(parents))
    for s in range(donors.shape[1] if donors.ndim == 2 else 0):
        out[rows, columns[:, s]] = cells[donors[:, s], columns[:, s]]
    return out


def smote_rows(features: Any, labels: Sequence[Any], deficits: dict[Any, int], categorical: Sequence[str],
               k_neighbors: int, random_state: int) -> tuple[Any, list[Any]]:
    """Synthetic rows from imbalanced-learn's SMOTE / SMOTE-NC / SMOTE-N.

    Args:
        features: pandas DataFrame of the feature columns (no missing values).
        labels: class of each row.
        deficits: rows to add per class (:func:`class_deficits`); classes with 0 get none.
        categorical: names of the categorical feature columns.
        k_neighbors: neighbours per sample (>= 1; lowered to the smallest class size − 1 when needed).
        random_state: imbalanced-learn's seed (an int drawn by the caller).

    Returns:
        ``(new_features, new_labels)`` — only the synthetic rows, in imbalanced-learn's order.
    """

    over = imblearn_over_sampling()
    pd = pandas()
    y = pd.Series([str(v) for v in labels])
    back = {str(v): v for v in labels}
    counts = y.value_counts()
    strategy = {str(c): int(counts[str(c)]) + n for c, n in deficits.items() if n > 0}
    if not strategy:
        return features.iloc[:0].copy(), []
    smallest = min(int(counts[c]) for c in strategy)
    k = max(1, min(k_neighbors, smallest - 1))
    cats = [c for c in categorical if c in features.columns]
    if cats and len(cats) == features.shape[1]:
        sampler = over.SMOTEN(sampling_strategy=strategy, k_neighbors=k, random_state=random_state)
    elif cats:
        sampler = over.SMOTENC(categorical_features=[features.columns.get_loc(c) for c in cats],
                               sampling_strategy=strategy, k_neighbors=k, random_state=random_state)
    else:
        sampler = over.SMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=random_state)
    x = features.reset_index(drop=True)
    if cats:
        x = x.astype({c: object for c in cats})
    x_res, y_res = sampler.fit_resample(x, y)
    new = x_res.iloc[len(x):].reset_index(drop=True)
    return new, [back[v] for v in list(y_res[len(x):])]


__all__ = ["class_deficits", "jitter_rows", "smote_rows", "swap_rows"]
