"""Value evidence about columns (pure functions on plain Python values).

A :class:`ColumnProfile` summarises one column from a sample of its values: its kind (``numeric``, ``bool``,
``datetime``, ``string``), whether it is boolean-like (``Yes``/``No``, ``true``/``false``, 0/1), and the set of its
distinct values in a normalised spelling, from which :func:`value_overlap` measures how many values two columns
share (the evidence that ``customerID`` and ``CustID`` hold the same keys).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

#: spellings read as True / False when a column holds nothing else (case-insensitive)
TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1", "si", "sí", "oui", "ja"})
FALSE_WORDS = frozenset({"no", "n", "false", "f", "0", "non", "nein"})

#: how many distinct values a profile keeps for overlap evidence
MAX_DISTINCT = 20_000

_NUMERIC_TEXT = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT, pandas NA and empty / blank strings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # NaT, pd.NA (raises TypeError: ambiguous) and numpy NaN
    except (TypeError, ValueError):
        return True


def normalise_value(value: object) -> str:
    """A spelling of a cell value that ignores case, accents, surrounding blanks and ``1`` vs ``1.0``."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    return " ".join(text.split())


def bool_word(value: object) -> bool | None:
    """True / False for a boolean-like value (see :data:`TRUE_WORDS`), None otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {1: True, 0: False}.get(value) if float(value).is_integer() else None  # type: ignore[call-overload]
    text = normalise_value(value)
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


@dataclass
class ColumnProfile:
    """What the alignment knows about one column.

    Attributes:
        name: the column name.
        kind: ``numeric``, ``bool``, ``datetime`` or ``string``.
        dtype: the source library's dtype name (for the report).
        bool_like: every non-missing value is a boolean word or 0/1.
        numeric_text: a string column whose values all parse as numbers.
        distinct: normalised distinct values (at most :data:`MAX_DISTINCT`).
        n_distinct: how many distinct values were seen (may exceed ``len(distinct)``).
        missing: fraction of missing values in the sample, in [0, 1].
    """

    name: str
    kind: str
    dtype: str = ""
    bool_like: bool = False
    numeric_text: bool = False
    distinct: frozenset[str] = field(default_factory=frozenset)
    n_distinct: int = 0
    missing: float = 0.0


def profile_values(name: str, values: Sequence[object], dtype: str = "") -> ColumnProfile:
    """Profile a column from a sample of its values (plain Python objects)."""
    present = [v for v in values if not is_missing(v)]
    missing = 1.0 - len(present) / len(values) if values else 0.0
    kinds = {_value_kind(v) for v in present}
    distinct_all = {normalise_value(v) for v in present}
    bool_like = bool(present) and all(bool_word(v) is not None for v in present) and len(distinct_all) <= 4
    numeric_text = False
    if kinds == {"string"} and present and all(_NUMERIC_TEXT.match(str(v).strip()) for v in present):
        numeric_text = True
    if bool_like and kinds <= {"string", "bool"}:
        kind = "bool"
    elif kinds == {"bool"}:
        kind = "bool"
    elif kinds and kinds <= {"numeric", "bool"}:
        kind = "numeric"
    elif kinds == {"datetime"}:
        kind = "datetime"
    elif not kinds:
        kind = "empty"
    else:
        kind = "string"
    distinct = frozenset(sorted(distinct_all)[:MAX_DISTINCT]) if len(distinct_all) > MAX_DISTINCT else frozenset(
        distinct_all)
    return ColumnProfile(name=str(name), kind=kind, dtype=dtype, bool_like=bool_like, numeric_text=numeric_text,
                         distinct=distinct, n_distinct=len(distinct_all), missing=round(missing, 6))


def _value_kind(value: object) -> str:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "bool"
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy" and hasattr(value, "dtype") and (
            value.dtype.kind in "iuf"):  # type: ignore[attr-defined]
        return "numeric"
    if isinstance(value, (datetime, date)) or type(value).__name__ in ("Timestamp", "datetime64"):
        return "datetime"
    return "string"


def value_overlap(a: ColumnProfile, b: ColumnProfile) -> float:
    """Share of the smaller column's distinct values found in the other column, in [0, 1] (0 when either is
    empty)."""
    if not a.distinct or not b.distinct:
        return 0.0
    small, large = (a.distinct, b.distinct) if len(a.distinct) <= len(b.distinct) else (b.distinct, a.distinct)
    return round(len(small & large) / len(small), 4)


def compatible(a: ColumnProfile, b: ColumnProfile) -> tuple[bool, str]:
    """Whether two columns can hold the same attribute, and how their values would be reconciled.

    Returns ``(ok, how)`` with ``how`` one of ``same``, ``bool`` (boolean words vs 0/1), ``numeric-text`` (numbers
    stored as text on one side), ``to-string`` (different kinds, compared as text) or ``incompatible``.
    """
    if "empty" in (a.kind, b.kind):
        return True, "same"
    if a.kind == b.kind:
        return True, "same"
    if a.bool_like and b.bool_like:
        return True, "bool"
    if {a.kind, b.kind} == {"numeric", "string"} and (a.numeric_text or b.numeric_text):
        return True, "numeric-text"
    if "datetime" in (a.kind, b.kind) and "string" in (a.kind, b.kind):
        return True, "to-string"
    if {a.kind, b.kind} <= {"numeric", "string"} and value_overlap(a, b) >= 0.5:
        return True, "to-string"
    return False, "incompatible"


def sample_rows(n_rows: int, limit: int) -> range:
    """Evenly spaced row indices ``0, step, 2·step, …`` with ``step = ceil(n_rows / limit)``: a deterministic
    sample of at most ``limit`` rows (every row when ``n_rows <= limit``)."""
    step = max(1, -(-n_rows // max(1, limit)))
    return range(0, n_rows, step)


__all__ = ["ColumnProfile", "FALSE_WORDS", "MAX_DISTINCT", "TRUE_WORDS", "bool_word", "compatible", "is_missing",
           "normalise_value", "profile_values", "sample_rows", "value_overlap"]
