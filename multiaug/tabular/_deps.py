"""Lazy access to the heavy table libraries.

``import multiaug`` stays ~1 ms and ``import multiaug.image`` never loads pandas: the tabular modules import
pandas, DuckDB, rapidfuzz and scikit-learn through these functions, at the first call that needs them. This is the
one place with function-level imports of heavy dependencies (the conventions allow them only for that reason).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


def pandas() -> ModuleType:
    import pandas  # lazy: heavy table library, loaded at the first call that needs it

    return pandas


def duckdb() -> ModuleType:
    import duckdb  # lazy: heavy table library, loaded at the first call that needs it

    return duckdb


def rapidfuzz() -> ModuleType:
    import rapidfuzz.distance  # lazy: table library, loaded at the first call that needs it
    import rapidfuzz.fuzz  # lazy: table library, loaded at the first call that needs it
    import rapidfuzz.process  # lazy: table library, loaded at the first call that needs it

    return rapidfuzz


def imblearn_over_sampling() -> ModuleType:
    import imblearn.over_sampling  # lazy: heavy table library, loaded at the first call that needs it

    return imblearn.over_sampling


class LazyModule:
    """A stand-in for a heavy module that imports it at the first attribute access.

    The tabular public signatures name ``'pandas.DataFrame'`` by a forward reference (pandas is not imported by
    ``import multiaug.tabular``); the declaration modules bind ``pandas`` to ``LazyModule(pandas)`` so that
    ``typing.get_type_hints`` on a public function resolves the reference — importing pandas only then."""

    def __init__(self, load: Callable[[], ModuleType]) -> None:
        self._load = load

    def __getattr__(self, name: str) -> Any:
        return getattr(self._load(), name)


lazy_pandas = LazyModule(pandas)
