"""Lazy access to the heavy table libraries.

``import multiaug`` stays ~1 ms and ``import multiaug.image`` never loads pandas: the tabular modules import
pandas, DuckDB, rapidfuzz and scikit-learn through these functions, at the first call that needs them. This is the
one place with function-level imports of heavy dependencies (the conventions allow them only for that reason).
"""

from __future__ import annotations

from types import ModuleType


def pandas() -> ModuleType:
    import pandas  # lazy heavy dependency (~0.5-2 s to import)

    return pandas


def duckdb() -> ModuleType:
    import duckdb  # lazy heavy dependency (~0.5 s to import)

    return duckdb


def rapidfuzz() -> ModuleType:
    import rapidfuzz.distance  # lazy dependency (~0.1 s): loads rapidfuzz.fuzz / process / distance
    import rapidfuzz.fuzz
    import rapidfuzz.process

    return rapidfuzz


def imblearn_over_sampling() -> ModuleType:
    import imblearn.over_sampling  # lazy heavy dependency (scikit-learn, scipy)

    return imblearn.over_sampling
