"""What the merge planner knows about an input table, for in-memory frames and DuckDB tables alike.

A source gives the column names, logical kinds, the row count, a deterministic sample (evenly spaced rows) and the
distinct values of a column; :mod:`multiaug.tabular.plan` needs nothing else, so planning is the same for every
engine. A :class:`FrameSource` wraps a pandas DataFrame (pandas and Dask engines); a :class:`DuckSource` wraps a
table loaded into a DuckDB connection (DuckDB engine: the data never has to fit in memory).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..core.errors import MediaReadError
from ._deps import pandas
from .kernels.evidence import sample_rows
from .modality import file_format, is_frame, read_error_message, read_table, scan_sql

SAMPLE_ROWS = 20_000
DISTINCT_LIMIT = 2_000


def kind_of_dtype(dtype: Any) -> str:
    """Logical kind of a pandas dtype: ``int``, ``float``, ``bool``, ``datetime`` or ``str``."""
    kind = getattr(dtype, "kind", "O")
    name = str(dtype).lower()
    if name in ("boolean", "bool") or kind == "b":
        return "bool"
    if kind in "iu" or name.startswith(("int", "uint")):
        return "int"
    if kind == "f" or name.startswith("float"):
        return "float"
    if kind == "M" or name.startswith("datetime"):
        return "datetime"
    return "str"


def kind_of_sql(type_name: str) -> str:
    """Logical kind of a DuckDB column type."""
    t = type_name.upper()
    if t == "BOOLEAN":
        return "bool"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"):
        return "int"
    if t in ("FLOAT", "DOUBLE", "REAL") or t.startswith("DECIMAL"):
        return "float"
    if t.startswith(("TIMESTAMP", "DATE")):
        return "datetime"
    return "str"


def origin_of(source: Any) -> dict[str, Any]:
    """How a source is described in the report: a path (with format and size) or an in-memory frame."""
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        return {"path": str(p), "format": file_format(p), "bytes": p.stat().st_size if p.is_file() else None}
    return {"path": None, "format": "polars" if type(source).__module__.startswith("polars") else "pandas"}


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def frame_sha256(frame: Any) -> str:
    """A fingerprint of a pandas DataFrame's columns, dtypes and values (row order matters)."""
    pd = pandas()
    h = hashlib.sha256()
    h.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    if len(frame):
        h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return h.hexdigest()


class FrameSource:
    """A pandas DataFrame as a planning source."""

    def __init__(self, frame: Any, label: str, origin: dict[str, Any]):
        self.frame = frame
        self.label = label
        self.origin = origin
        self.columns = [str(c) for c in frame.columns]
        self.n_rows = int(len(frame))
        self.kinds = {str(c): kind_of_dtype(t) for c, t in frame.dtypes.items()}
        self._sample: Any = None

    def sample(self) -> Any:
        if self._sample is None:
            rows = sample_rows(self.n_rows, SAMPLE_ROWS)
            self._sample = self.frame if len(rows) == self.n_rows else self.frame.iloc[rows]
        return self._sample

    def distinct(self, column: str, limit: int = DISTINCT_LIMIT) -> list[Any] | None:
        """Distinct non-null values (None when there are more than ``limit``)."""
        vals = self.frame[column].dropna().unique()
        return None if len(vals) > limit else list(vals.tolist())

    def fingerprint(self) -> str:
        return frame_sha256(self.frame)


class DuckSource:
    """A table in a DuckDB connection (``rowid`` = input row order) as a planning source."""

    def __init__(self, con: Any, table: str, label: str, origin: dict[str, Any]):
        self.con = con
        self.table = table
        self.label = label
        self.origin = origin
        desc = con.execute(f'DESCRIBE "{table}"').fetchall()
        self.columns = [str(r[0]) for r in desc]
        self.kinds = {str(r[0]): kind_of_sql(str(r[1])) for r in desc}
        self.sql_types = {str(r[0]): str(r[1]) for r in desc}
        self.n_rows = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])
        self._sample: Any = None

    def sample(self) -> Any:
        """Rows ``rowid % step == 0`` (evenly spaced, deterministic), at most :data:`SAMPLE_ROWS`."""
        if self._sample is None:
            step = max(1, -(-self.n_rows // SAMPLE_ROWS))
            self._sample = self.con.execute(
                f'SELECT * FROM "{self.table}" WHERE rowid % {step} = 0 ORDER BY rowid LIMIT {SAMPLE_ROWS}').df()
        return self._sample

    def distinct(self, column: str, limit: int = DISTINCT_LIMIT) -> list[Any] | None:
        rows = self.con.execute(
            f'SELECT DISTINCT "{column}" FROM "{self.table}" WHERE "{column}" IS NOT NULL LIMIT {limit + 1}').fetchall()
        return None if len(rows) > limit else [r[0] for r in rows]

    def fingerprint(self) -> str:
        path = self.origin.get("path")
        if path:
            return file_sha256(path)
        return frame_sha256(self.con.execute(f'SELECT * FROM "{self.table}" ORDER BY rowid').df())


def load_frame_source(source: Any, label: str, read_options: dict[str, Any], where: str) -> FrameSource:
    """Read ``source`` into pandas (the one reader) and wrap it."""
    frame = read_table(source, where=where, **read_options)
    return FrameSource(frame, label, origin_of(source))


def load_duck_source(con: Any, source: Any, label: str, read_options: dict[str, Any], where: str) -> DuckSource:
    """Load ``source`` into a DuckDB table named ``label`` (files are parsed by DuckDB directly)."""
    table = f"__{label}"
    if is_frame(source):
        frame = read_table(source, where=where)
        con.register(f"{table}_df", frame)
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM "{table}_df"')
        con.unregister(f"{table}_df")
        return DuckSource(con, table, label, origin_of(source))
    path = Path(source) if isinstance(source, (str, os.PathLike)) else None
    fmt = file_format(path, where) if path is not None else None
    if path is None or fmt in ("excel", "sqlite", "duckdb"):
        frame = read_table(source, where=where, **read_options)
        con.register(f"{table}_df", frame)
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM "{table}_df"')
        con.unregister(f"{table}_df")
        return DuckSource(con, table, label, origin_of(source))
    if not path.is_file():
        raise MediaReadError(f"{where}: table file not found: '{path}'")
    opts = {k: v for k, v in read_options.items() if k in ("encoding", "delimiter")}
    try:
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM {scan_sql(path, fmt, **opts)}')
    except Exception as exc:
        raise MediaReadError(read_error_message(path, exc, where)) from exc
    return DuckSource(con, table, label, origin_of(source))


__all__ = ["DuckSource", "FrameSource", "file_sha256", "frame_sha256", "kind_of_dtype", "kind_of_sql",
           "load_duck_source", "load_frame_source", "origin_of"]
