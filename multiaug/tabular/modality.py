"""Tables in and out: one reader and one writer for every engine, and the registry's tabular modality.

Readers (:func:`read_table`) accept CSV, TSV, Excel (``.xlsx``/``.xlsm``, via openpyxl), Parquet, JSON Lines,
a SQLite or DuckDB database file (with ``table=``), a pandas DataFrame, or a polars DataFrame (taken through its
``to_dict`` interface, so polars is never imported by multiaug). Text and Parquet files are parsed by DuckDB for
every engine, so the pandas, DuckDB and Dask engines see the same column types. Writers (:func:`write_table`)
write atomically (a temporary file renamed into place): a failed write never leaves a partial file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import atomic_write, check_output_path
from ..core.registry import Entry, Modality
from ._deps import duckdb, pandas

#: file suffix → format name
FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".xlsx": "excel", ".xlsm": "excel",
    ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".duckdb": "duckdb",
}
WRITABLE = ("csv", "tsv", "excel", "parquet", "jsonl")


def file_format(path: str | os.PathLike[str], where: str = "read_table") -> str:
    """The format name of ``path`` from its suffix; a typed error names the accepted suffixes."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UnsupportedInputError(
            f"{where}: cannot tell the table format of '{path}' from its suffix; accepted: "
            f"{', '.join(sorted(FORMATS))}")
    return fmt


def is_polars(obj: Any) -> bool:
    """A polars DataFrame, recognised without importing polars."""
    return type(obj).__module__.split(".")[0] == "polars" and hasattr(obj, "to_dict") and hasattr(obj, "columns")


def is_frame(obj: Any) -> bool:
    """A pandas or polars DataFrame."""
    return is_polars(obj) or type(obj).__name__ == "DataFrame" and type(obj).__module__.startswith("pandas")


def from_polars(frame: Any) -> Any:
    """A pandas copy of a polars DataFrame (column-wise Python lists; no pyarrow needed)."""
    pd = pandas()
    data = frame.to_dict(as_series=False)
    return pd.DataFrame({name: data[name] for name in frame.columns})


def scan_sql(path: str | os.PathLike[str], fmt: str, *, encoding: str | None = None, delimiter: str | None = None) -> str:
    """A DuckDB table expression that reads a CSV/TSV/Parquet/JSONL file (the one text/Parquet parser)."""
    p = str(path).replace("'", "''")
    if fmt in ("csv", "tsv"):
        delim = delimiter or ("\t" if fmt == "tsv" else ",")
        # no BOOLEAN candidate: "Yes"/"No" columns stay text as written (the merge reconciles boolean spellings)
        opts = ["header=true", f"delim='{delim}'",
                "auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIME', 'VARCHAR']"]
        if encoding:
            opts.append(f"encoding='{encoding}'")
        return f"read_csv('{p}', {', '.join(opts)})"
    if fmt == "parquet":
        return f"read_parquet('{p}')"
    if fmt == "jsonl":
        return f"read_json('{p}', format='newline_delimited')"
    raise UnsupportedInputError(f"read_table: no DuckDB scan for format '{fmt}'")


def read_table(source: Any, *, table: str | None = None, sheet: str | int | None = None,
               encoding: str | None = None, delimiter: str | None = None, where: str = "read_table") -> Any:
    """Read a table into a pandas DataFrame.

    Args:
        source: a path (CSV, TSV, Excel, Parquet, JSONL, SQLite ``.db``/``.sqlite``, DuckDB ``.duckdb``), a pandas
            DataFrame (returned as is: multiaug never modifies its inputs) or a polars DataFrame.
        table: the table name inside a SQLite / DuckDB file (required for those).
        sheet: Excel sheet name or index (default: the first sheet).
        encoding: text encoding of a CSV/TSV file (default UTF-8; e.g. ``"latin-1"``, ``"utf-16"``).
        delimiter: CSV field separator (default ``,``; ``\\t`` for ``.tsv``).
        where: the calling function's name, for error messages.
    """
    pd = pandas()
    if isinstance(source, pd.DataFrame):
        return source
    if is_polars(source):
        return from_polars(source)
    if not isinstance(source, (str, os.PathLike)):
        raise UnsupportedInputError(
            f"{where}: a table must be a path, a pandas or polars DataFrame, got {type(source).__name__}")
    path = Path(source)
    fmt = file_format(path, where)
    if not path.is_file():
        raise MediaReadError(f"{where}: table file not found: '{path}'")
    try:
        if fmt == "excel":
            return pd.read_excel(path, sheet_name=0 if sheet is None else sheet, engine="openpyxl")
        if fmt in ("sqlite", "duckdb"):
            return _read_database(path, fmt, table, where)
        con = duckdb().connect()
        try:
            return con.execute(f"SELECT * FROM {scan_sql(path, fmt, encoding=encoding, delimiter=delimiter)}").df()
        finally:
            con.close()
    except (MediaReadError, InvalidParameterError):
        raise
    except Exception as exc:
        raise MediaReadError(read_error_message(path, exc, where)) from exc


def read_error_message(path: Path, exc: BaseException, where: str) -> str:
    """One clear line for a file that could not be parsed (with a hint for encoding errors)."""
    text = str(exc).strip().splitlines()
    first = next((line for line in text if line.strip()), type(exc).__name__)
    hint = ""
    if "unicode" in str(exc).lower() or "utf-8" in str(exc).lower() or isinstance(exc, UnicodeError):
        hint = " (the file is not valid UTF-8, or mixes encodings: pass encoding='latin-1' or re-encode it)"
    return f"{where}: cannot read '{path}': {first}{hint}"


def _read_database(path: Path, fmt: str, table: str | None, where: str) -> Any:
    if not table:
        raise InvalidParameterError(f"{where}: reading '{path}' ({fmt}) needs table=<name of the table>",
                                    argument="table")
    if not table.replace("_", "").replace(".", "").isalnum():
        raise InvalidParameterError(f"{where}: argument 'table' must be a plain table name, got {table!r}",
                                    argument="table")
    if fmt == "sqlite":
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return pandas().read_sql_query(f'SELECT * FROM "{table}"', con)
        finally:
            con.close()
    dcon = duckdb().connect(str(path), read_only=True)
    try:
        return dcon.execute(f'SELECT * FROM "{table}"').df()
    finally:
        dcon.close()


# --- writing -----------------------------------------------------------------------------------------------
def check_writable(path: str | os.PathLike[str], where: str = "write_table") -> str:
    """Refuse an output path before any work: unknown format, a folder, or a folder we cannot write to.

    Returns the format name."""
    target = Path(path)
    fmt = file_format(target, where)
    if fmt not in WRITABLE:
        raise UnsupportedInputError(f"{where}: cannot write '{target}': writable formats are "
                                    f"{', '.join(WRITABLE)} (suffixes .csv .tsv .xlsx .parquet .jsonl)")
    if target.is_dir():
        raise InvalidParameterError(f"{where}: output '{target}' is a folder, not a file", argument="out")
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InvalidParameterError(f"{where}: cannot write to '{target}' (permission denied)", argument="out")
    return fmt


def copy_options(fmt: str) -> str:
    """DuckDB ``COPY ... TO`` options for a format."""
    return {"csv": "FORMAT csv, HEADER true", "tsv": "FORMAT csv, HEADER true, DELIMITER '\t'",
            "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}[fmt]


def write_table(frame: Any, path: str | os.PathLike[str], *, where: str = "write_table") -> None:
    """Write a pandas DataFrame atomically; the format comes from the suffix (CSV, TSV, Excel, Parquet, JSONL)."""
    fmt = check_writable(path, where)
    if fmt == "excel":
        atomic_write(path, lambda tmp: frame.to_excel(tmp, index=False, engine="openpyxl"))
        return
    con = duckdb().connect()
    try:
        con.register("__out", frame)
        atomic_write(path, lambda tmp: copy_query(con, "SELECT * FROM __out", tmp, fmt))
    finally:
        con.close()


def copy_query(con: Any, sql: str, tmp: str, fmt: str) -> None:
    """``COPY (sql) TO tmp`` with the options of ``fmt`` (the writer of every engine)."""
    target = tmp.replace("'", "''")
    con.execute(f"COPY ({sql}) TO '{target}' ({copy_options(fmt)})")


# --- the registry modality -------------------------------------------------------------------------------------
class TabularModality(Modality):
    """pandas DataFrame in → pandas DataFrame out (a polars DataFrame is accepted and returned as pandas)."""

    name = "tabular"
    media_arg = "table"
    #: public types (pandas loads on first use, so the DataFrame is named by a forward reference)
    public_annotations = {"output_path": str | os.PathLike[str] | None, "metadata": list[dict[str, Any]] | None,
                          "seed": int | np.random.Generator | None}
    return_annotation = "pandas.DataFrame"

    def media_annotation(self, name: str) -> Any:
        """A pandas DataFrame (a polars DataFrame is accepted too and converted; the result is pandas)."""
        return "pandas.DataFrame"

    def load(self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry) -> tuple[Any, dict[str, Any]]:
        pd = pandas()
        if isinstance(media, pd.DataFrame):
            return media, {}
        if is_polars(media):
            return from_polars(media), {}
        raise UnsupportedInputError(
            f"{entry.name}: argument 'table' must be a pandas or polars DataFrame, got {type(media).__name__}")

    def size(self, data: Any, ctx: dict[str, Any]) -> dict[str, Any]:
        """For cost rules (:mod:`multiaug.core.limits`): rows, columns and the table (to count classes)."""
        return {"rows": int(len(data)), "columns": int(data.shape[1]), "table": data}

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        return {f"{prefix}_rows": int(len(data)), f"{prefix}_columns": int(data.shape[1])}

    def check_output_path(self, path: Any, function: str) -> None:
        """Refuse, before any work, an ``output_path`` without a writable table suffix, a folder, a read-only
        file or an unwritable folder."""
        check_output_path(path, function, known=lambda ext: FORMATS.get(ext) in WRITABLE,
                          examples=".csv, .tsv, .xlsx, .parquet, .jsonl")

    def save(self, media: Any, path: Any, ctx: dict[str, Any]) -> None:
        write_table(media, path)

    def augly_keys(self, record: dict[str, Any]) -> list[str]:
        return ["name", "src_rows", "dst_rows", "src_columns", "dst_columns", "intensity", "output_path"]

    def equal(self, a: Any, b: Any) -> bool:
        return bool(a.equals(b)) and list(a.dtypes) == list(b.dtypes)


TABULAR = TabularModality()

__all__ = ["FORMATS", "TABULAR", "TabularModality", "check_writable", "copy_query", "file_format", "is_frame",
           "is_polars", "read_table", "write_table"]
