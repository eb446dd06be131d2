"""Convert arbitrary argument values into JSON-safe values for records and catalogues."""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np


class NotReplayable(str):
    """A JSON string standing in for a value that cannot be serialised faithfully (e.g. an image)."""


def describe_object(value: Any) -> str:
    mod = type(value).__module__
    name = type(value).__name__
    if mod.startswith("PIL"):
        size = getattr(value, "size", None)
        mode = getattr(value, "mode", None)
        return f"<PIL.Image mode={mode} size={size}>" if size else f"<{name}>"
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"<ndarray shape={tuple(value.shape)} dtype={value.dtype}>"
    if callable(value):
        return getattr(value, "__name__", None) or getattr(type(value), "__name__", repr(value))
    return f"<{name}>"


_SCALARS = frozenset({str, int, bool, type(None)})
_isfinite = math.isfinite


def is_plain(v: Any) -> bool:
    """True for a value ``to_jsonable`` returns unchanged: an exact JSON scalar or a finite exact float."""
    t = type(v)
    return t in _SCALARS or (t is float and _isfinite(v))


def _non_finite(value: float) -> str:
    if math.isnan(value):
        return "nan"
    return "inf" if value > 0 else "-inf"


def to_jsonable(value: Any, *, strict: bool = False) -> Any:
    """Return a JSON-serialisable version of ``value``.

    Tuples become lists, numpy scalars become Python numbers, paths become strings, NaN/inf floats
    become the strings ``"nan"``/``"inf"``/``"-inf"``. Objects that cannot be represented (images,
    arrays, functions) become a descriptive :class:`NotReplayable` string, or raise ``TypeError``
    when ``strict`` is true.
    """
    t = type(value)
    if t is str or t is int or t is bool or value is None:  # exact JSON scalars: the common case
        return value
    if t is float:
        return value if _isfinite(value) else _non_finite(value)
    if t is dict:
        for k, v in value.items():  # a loop, not all(<generator>): these dicts are small (facts, segments)
            if type(k) is not str or not is_plain(v):
                return {k if type(k) is str else str(k): to_jsonable(v, strict=strict) for k, v in value.items()}
        return dict(value)
    if t is list or t is tuple:
        return [v if is_plain(v) else to_jsonable(v, strict=strict) for v in value]
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if _isfinite(value) else _non_finite(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, strict=strict) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v, strict=strict) for v in value]
    if isinstance(value, np.generic):
        return to_jsonable(value.item(), strict=strict)
    if isinstance(value, np.ndarray) and value.ndim <= 1 and value.size <= 16:
        return [to_jsonable(v, strict=strict) for v in value.tolist()]
    if strict:
        raise TypeError(f"value of type {type(value).__name__} is not JSON-serialisable")
    return NotReplayable(describe_object(value))


def is_json_exact(value: Any) -> bool:
    """True when ``value`` survives ``to_jsonable`` without becoming a placeholder."""
    try:
        to_jsonable(value, strict=True)
        return True
    except TypeError:
        return False
