"""Synthetic rows for class balance — the tabular twin of ``multiaug expand --balance-to``.

Each function appends synthetic rows to a pandas DataFrame until every class of ``label`` has ``balance_to`` rows
(default: as many as the largest class). Synthetic rows are tagged ``True`` in ``tag_column`` (original rows
``False``), seeded by ``seed`` and recorded (per-class counts, parent rows); with ``split_column`` only rows of the
training split (``train_value``) seed synthesis, so no synthetic row is ever derived from — or placed in — a
declared test split. Identifier-like text columns (every value distinct) are left missing in synthetic rows.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.limits import output_cells
from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from .._deps import lazy_pandas as pandas  # noqa: F401  (resolves the public 'pandas.DataFrame' hints lazily)
from ..kernels.rows import assemble, parents_per_class, prepare, synthetic_share
from ..kernels.synthetic import class_deficits, jitter_rows, smote_rows, swap_rows
from ..modality import TABULAR

EXAMPLE = {"label": "label"}


def _balance_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_cells = (rows + Σ over classes of max(0, balance_to − class count)) · (columns + 1)."""
    table, target = size["table"], params["balance_to"]
    if target is None or params["label"] not in table.columns:
        return None  # at most doubles the table; a missing label is reported by the function
    counts = table[params["label"]].value_counts(dropna=True)
    added = float(np.maximum(0, target - counts.to_numpy()).sum())
    return output_cells(size["rows"] + added, size["columns"] + 1, "balance_to")


def _info(deficits: dict[Any, int], n0: int) -> dict[str, Any]:
    return {"added_per_class": {str(k): int(v) for k, v in deficits.items() if v > 0},
            "synthetic_rows": [n0, n0 + int(sum(v for v in deficits.values() if v > 0))]}


@augmentation(TABULAR, intensity=synthetic_share, example=EXAMPLE, cost=_balance_cost)
def smote(
    table: Any,
    label: str,
    balance_to: Annotated[int | None, Range(1, None), Unit("rows")] = None,
    k_neighbors: Annotated[int, Range(1, None)] = 5,
    split_column: str | None = None,
    train_value: str = "train",
    tag_column: str = "synthetic",
    output_path: str | os.PathLike[str] | None = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: int | np.random.Generator | None = None,
) -> Out:
    """Balance classes with SMOTE (numeric features), SMOTE-NC (mixed) or SMOTE-N (categorical), via
    imbalanced-learn.

    Args:
        label: the class column.
        balance_to: rows per class after balancing (default: the largest class's count); larger classes are kept.
        k_neighbors: same-class nearest neighbours a synthetic row interpolates towards (lowered to the smallest
            grown class's size − 1 when that is smaller).
        split_column: a column naming each row's split; only ``train_value`` rows seed synthesis and synthetic rows
            get ``train_value``.
        train_value: the training split's value in ``split_column``.
        tag_column: the boolean column marking synthetic rows (created if absent).
    """
    random_state = int(seed.integers(0, 2**31 - 1))
    rows = prepare(table, "smote", label, split_column, train_value, tag_column)
    deficits = class_deficits(rows.labels, balance_to)
    parents_per_class(rows, deficits, "smote", minimum=2)
    features = table.iloc[rows.eligible][rows.numeric + rows.categorical]
    if features.isna().any().any():
        bad = [c for c in features.columns if features[c].isna().any()]
        raise InvalidParameterError(f"smote: feature columns {bad} have missing values; fill or drop them first "
                                    "(SMOTE interpolates between complete rows)", function="smote", argument="table")
    if features.shape[1] == 0:
        raise InvalidParameterError("smote: the table has no feature column besides the label (and split/tag) "
                                    "columns; SMOTE needs at least one", function="smote", argument="table")
    infinite = [c for c in rows.numeric if not np.isfinite(features[c].to_numpy(dtype=float)).all()]
    if infinite:
        raise InvalidParameterError(f"smote: numeric feature columns {infinite} hold infinite values; SMOTE "
                                    "interpolates between finite rows", function="smote", argument="table")
    new, labels = smote_rows(features, rows.labels, deficits, rows.categorical, k_neighbors, random_state)
    out = assemble(table, new, label, labels, rows, split_column, train_value, tag_column)
    info = _info(deficits, len(table))
    info.update({"random_state": random_state, "categorical": rows.categorical, "numeric": rows.numeric,
                 "method": "smote-n" if not rows.numeric else ("smote-nc" if rows.categorical else "smote")})
    return Out(out, info=info)


@augmentation(TABULAR, intensity=synthetic_share, example=EXAMPLE, cost=_balance_cost)
def jitter(
    table: Any,
    label: str,
    balance_to: Annotated[int | None, Range(1, None), Unit("rows")] = None,
    scale: Annotated[float, Range(0, None), Unit("column std")] = 0.05,
    split_column: str | None = None,
    train_value: str = "train",
    tag_column: str = "synthetic",
    output_path: str | os.PathLike[str] | None = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: int | np.random.Generator | None = None,
) -> Out:
    """Balance classes with jittered copies of real rows: Gaussian noise on numeric columns, scaled per column.

    Args:
        label: the class column.
        balance_to: rows per class after balancing (default: the largest class's count).
        scale: noise standard deviation as a fraction of each numeric column's standard deviation over the eligible
            rows (>= 0; integer columns are rounded).
        split_column: a column naming each row's split; only ``train_value`` rows seed synthesis.
        train_value: the training split's value in ``split_column``.
        tag_column: the boolean column marking synthetic rows (created if absent).
    """
    rows = prepare(table, "jitter", label, split_column, train_value, tag_column)
    deficits = class_deficits(rows.labels, balance_to)
    members = parents_per_class(rows, deficits, "jitter")
    parents = np.concatenate([seed.choice(m, size=deficits[c]) for c, m in members.items()]) if members else \
        np.zeros(0, dtype=int)
    noise_rng = np.random.default_rng(int(seed.integers(0, 2**63 - 1)))
    base = table.iloc[rows.eligible]
    numeric = base[rows.numeric].to_numpy(dtype=float, na_value=np.nan) if rows.numeric else np.zeros((len(base), 0))
    std = np.nan_to_num(np.nanstd(numeric, axis=0)) if len(numeric) else np.zeros(numeric.shape[1])
    integer = np.array([table[c].dtype.kind in "iu" for c in rows.numeric], dtype=bool)
    values = jitter_rows(numeric, parents, scale * std, integer, noise_rng)
    new = base.iloc[parents][rows.categorical].reset_index(drop=True)
    for j, col in enumerate(rows.numeric):
        new[col] = values[:, j]
    labels = [rows.labels[i] for i in parents]
    out = assemble(table, new, label, labels, rows, split_column, train_value, tag_column)
    info = _info(deficits, len(table))
    info["parents"] = [int(rows.eligible[i]) for i in parents]
    return Out(out, info=info)


@augmentation(TABULAR, intensity=synthetic_share, example=EXAMPLE, cost=_balance_cost)
def category_swap(
    table: Any,
    label: str,
    balance_to: Annotated[int | None, Range(1, None), Unit("rows")] = None,
    swaps: Annotated[int, Range(1, None), Unit("cells per row")] = 1,
    split_column: str | None = None,
    train_value: str = "train",
    tag_column: str = "synthetic",
    output_path: str | os.PathLike[str] | None = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: int | np.random.Generator | None = None,
) -> Out:
    """Balance classes with copies of real rows whose categorical cells are swapped with another row of the same
    class.

    Args:
        label: the class column.
        balance_to: rows per class after balancing (default: the largest class's count).
        swaps: categorical cells replaced per synthetic row (capped at the number of categorical columns).
        split_column: a column naming each row's split; only ``train_value`` rows seed synthesis.
        train_value: the training split's value in ``split_column``.
        tag_column: the boolean column marking synthetic rows (created if absent).
    """
    rows = prepare(table, "category_swap", label, split_column, train_value, tag_column)
    deficits = class_deficits(rows.labels, balance_to)
    members = parents_per_class(rows, deficits, "category_swap")
    n_cat = len(rows.categorical)
    n_swaps = min(swaps, n_cat)
    parents, donors, columns = [], [], []
    for cls, m in members.items():
        k = deficits[cls]
        parents.append(seed.choice(m, size=k))
        donors.append(seed.choice(m, size=(k, n_swaps)))
        columns.append(np.array([seed.permutation(n_cat)[:n_swaps] for _ in range(k)], dtype=int).reshape(k, n_swaps))
    parents_a = np.concatenate(parents) if parents else np.zeros(0, dtype=int)
    donors_a = np.concatenate(donors) if donors else np.zeros((0, 0), dtype=int)
    columns_a = np.concatenate(columns) if columns else np.zeros((0, 0), dtype=int)
    base = table.iloc[rows.eligible].reset_index(drop=True)
    out_cells = swap_rows(base[rows.categorical].to_numpy(dtype=object), parents_a, donors_a, columns_a)
    new = base.iloc[parents_a][rows.numeric].reset_index(drop=True)
    for j, col in enumerate(rows.categorical):
        new[col] = out_cells[:, j]
    labels = [rows.labels[i] for i in parents_a]
    out = assemble(table, new, label, labels, rows, split_column, train_value, tag_column)
    info = _info(deficits, len(table))
    info["parents"] = [int(rows.eligible[i]) for i in parents_a]
    info["swapped_columns"] = [[rows.categorical[c] for c in row] for row in columns_a.tolist()]
    return Out(out, info=info)


__all__ = ["category_swap", "jitter", "smote"]
