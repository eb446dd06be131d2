"""Shared plumbing of the synthetic-row augmentations: which rows may seed synthesis, which columns are features,
and how synthetic rows are appended and tagged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...core.errors import InvalidParameterError
from .._deps import pandas
from ..sources import kind_of_dtype


@dataclass
class Rows:
    """The rows and columns a synthetic-row augmentation works on.

    Attributes:
        eligible: positions (into the table) of the rows that may seed synthesis (not in the test split).
        labels: the label of each eligible row.
        numeric / categorical: feature column names by kind.
        blank: identifier-like columns (all values distinct text): left missing in synthetic rows.
    """

    eligible: np.ndarray
    labels: list[Any]
    numeric: list[str]
    categorical: list[str]
    blank: list[str]


def prepare(table: Any, where: str, label: str, split_column: str | None, train_value: str,
            tag_column: str) -> Rows:
    if label not in table.columns:
        raise InvalidParameterError(f"{where}: argument 'label': column '{label}' not in the table; columns: "
                                    f"{', '.join(map(str, table.columns))}", function=where, argument="label")
    if split_column is not None and split_column not in table.columns:
        raise InvalidParameterError(f"{where}: argument 'split_column': column '{split_column}' not in the table",
                                    function=where, argument="split_column")
    mask = np.ones(len(table), dtype=bool)
    if split_column is not None:
        mask = np.array(table[split_column].astype(object) == train_value, dtype=bool)
    mask &= table[label].notna().to_numpy()
    eligible = np.flatnonzero(mask)
    skip = {label, split_column, tag_column}
    numeric, categorical, blank = [], [], []
    for col in table.columns:
        if col in skip:
            continue
        kind = kind_of_dtype(table[col].dtype)
        if kind in ("int", "float"):
            numeric.append(col)
        elif kind == "str" and len(table) > 20 and table[col].nunique(dropna=True) == len(table):
            blank.append(col)
        elif kind in ("str", "bool"):
            categorical.append(col)
        else:
            blank.append(col)
    return Rows(eligible, table[label].iloc[eligible].tolist(), numeric, categorical, blank)


def parents_per_class(rows: Rows, deficits: dict[Any, int], where: str, minimum: int = 1) -> dict[Any, np.ndarray]:
    """Positions (into ``rows.eligible``) of each class's eligible rows; refuses classes too small to grow."""
    labels = np.asarray([str(v) for v in rows.labels], dtype=object)
    out = {}
    for cls, need in deficits.items():
        if need <= 0:
            continue
        members = np.flatnonzero(labels == str(cls))
        if len(members) < minimum:
            raise InvalidParameterError(
                f"{where}: class {cls!r} has {len(members)} eligible rows; at least {minimum} are needed to synthesise "
                "rows from it", function=where, argument="label")
        out[cls] = members
    return out


def assemble(table: Any, new: Any, label: str, labels: list[Any], rows: Rows, split_column: str | None,
             train_value: str, tag_column: str) -> Any:
    """``table`` followed by the synthetic rows (same columns and dtypes where the values allow), tagged."""
    pd = pandas()
    new = new.copy()
    new[label] = labels
    for col in rows.blank:
        new[col] = None
    if split_column is not None:
        new[split_column] = train_value
    new[tag_column] = True
    old = table.copy()
    if tag_column not in old.columns:
        old[tag_column] = False
    new = new.reindex(columns=old.columns)
    for col in old.columns:
        dtype = old[col].dtype
        kind = kind_of_dtype(dtype)
        if kind == "int" and new[col].notna().all():
            new[col] = np.round(new[col].astype(float)).astype(dtype)
        elif kind in ("float", "str") or (kind == "bool" and new[col].notna().all()):
            new[col] = new[col].astype(dtype)
    n0 = len(old)
    if isinstance(old.index, pd.RangeIndex) and old.index.start == 0 and old.index.step == 1:
        new.index = pd.RangeIndex(n0, n0 + len(new))
        return pd.concat([old, new]) if len(new) else old
    return pd.concat([old, new], ignore_index=True) if len(new) else old.reset_index(drop=True)


def synthetic_share(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 × synthetic rows / output rows."""
    dst = facts.get("dst_rows") or 0
    return 100.0 * (dst - (facts.get("src_rows") or 0)) / dst if dst else 0.0
