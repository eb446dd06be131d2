"""``multiaug.tabular.merge``: add real data to a training table — new attributes (a join) or new rows (append).

The product brief's walkthrough: choose a **primary** and a **supplementary** table and the column to match on;
match sensitivity ``match="fuzzy"`` (default: column names need not be identical) or ``"exact"``; merge type
``how="primary"`` (keep every primary row, add the supplementary attributes where the key matches: a left join) or
``how="both"`` (keep only rows whose key is in both tables: an inner join). ``how="append"`` stacks the
supplementary rows under the primary ones (APAC + MENA), aligning columns the same way.

Every call returns a :class:`MergeResult` whose ``report`` lists what was done (column pairings with their scores,
row counts, type and category changes, conflicts, key matches, a leakage warning) and carries what
:func:`replay_merge` needs to reproduce the output exactly.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..core.errors import InvalidParameterError
from ..core.io import atomic_write
from ._deps import duckdb
from .engine_duckdb import run_duckdb
from .engines import run_dask, run_pandas
from .modality import check_writable, write_table
from .plan import make_plan
from .report import build_report, input_fingerprint, leakage, write_report
from .sources import load_duck_source, load_frame_source

#: inputs whose files add up to more than this many bytes use the DuckDB engine under ``engine="auto"``
AUTO_DUCKDB_BYTES = 256 * 1024 * 1024

HOWS = ("primary", "both", "append")
MATCHES = ("fuzzy", "exact")
KEY_MATCHES = ("exact", "fuzzy")
PREFERS = ("primary", "supplementary", "coalesce")
ENGINES = ("auto", "pandas", "duckdb", "dask")


class LeakageWarning(UserWarning):
    """Supplementary rows duplicate rows (or keys) of the declared test split."""


@dataclass
class MergeResult:
    """What :func:`merge` returns.

    Attributes:
        frame: the merged pandas DataFrame (None when the DuckDB engine wrote ``out`` directly, so a result larger
            than memory never has to be loaded).
        report: the JSON-safe report (see ``docs/TABULAR.md``).
    """

    frame: Any
    report: dict[str, Any]

    def __repr__(self) -> str:
        r = self.report["rows"]
        return (f"MergeResult(how={self.report['params']['how']!r}, rows={r.get('output')}, "
                f"columns={len(self.report['output']['columns'])})")


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidParameterError(f"merge: argument '{name}' must be one of {', '.join(map(repr, allowed))}, got "
                                    f"{value!r}", argument=name)
    return value


def _number(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise InvalidParameterError(f"merge: argument '{name}' must be a number in [{low}, {high}], got {value!r}",
                                    argument=name)
    return float(value)


def _file_bytes(*sources: Any) -> int:
    return sum(Path(s).stat().st_size for s in sources if isinstance(s, (str, os.PathLike)) and Path(s).is_file())


def merge(
    primary: Any,
    supplementary: Any,
    on: str | list[str] | None = None,
    *,
    how: Literal["primary", "both", "append"] = "primary",
    match: Literal["fuzzy", "exact"] = "fuzzy",
    key_match: Literal["exact", "fuzzy"] = "exact",
    columns: Mapping[str, str | None] | None = None,
    prefer: Literal["primary", "supplementary", "coalesce"] = "primary",
    threshold: float = 0.8,
    key_threshold: float = 90.0,
    engine: Literal["auto", "pandas", "duckdb", "dask"] = "auto",
    engine_options: Mapping[str, Any] | None = None,
    test: Any = None,
    out: str | os.PathLike[str] | None = None,
    report: str | os.PathLike[str] | None = None,
    source_column: str = "source",
    source_names: tuple[str, str] = ("primary", "supplementary"),
    read_options: Mapping[str, Any] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> MergeResult:
    """Merge a supplementary table into a primary table.

    Args:
        primary / supplementary: a path (CSV, TSV, Excel, Parquet, JSONL, SQLite/DuckDB file with
            ``read_options={"table": ...}``) or a pandas/polars DataFrame. Inputs are never modified.
        on: the primary column(s) to match on (required unless ``how="append"``); the supplementary partner is found
            by the column alignment (or given in ``columns``).
        how: ``"primary"`` keeps every primary row (left join: row count unchanged unless a key matches several
            supplementary rows); ``"both"`` keeps only rows whose key is in both (inner join: row count ≤ primary's,
            same caveat); ``"append"`` adds the supplementary rows below the primary's (row count = sum minus exact
            duplicates), tagged in ``source_column``.
        match: ``"fuzzy"`` pairs columns whose names differ (``customerID`` ↔ ``Cust ID``) by name similarity, value
            overlap and type compatibility; ``"exact"`` pairs identical names only.
        key_match: ``"exact"`` joins equal key values; ``"fuzzy"`` joins similar ones (``ACME Corp.`` ↔
            ``Acme Corporation``), see :func:`multiaug.tabular.kernels.keys.match_keys`.
        columns: explicit pairings ``{primary column: supplementary column}``; ``None`` as the value keeps a primary
            column unpaired. Overrides the alignment.
        prefer: for columns present on both sides: ``"primary"`` keeps the primary value, ``"supplementary"`` takes
            the supplementary value when it has one, ``"coalesce"`` fills only missing primary values. Differing
            values on matched rows are counted as conflicts.
        threshold: minimum column-pairing score in [0, 1].
        key_threshold: minimum key similarity in [0, 100] for ``key_match="fuzzy"``.
        engine: ``"pandas"``, ``"duckdb"``, ``"dask"`` (``pip install "multiaug[dask]"``) or ``"auto"`` (DuckDB when
            the input files exceed 256 MiB, else pandas). Outputs are identical across engines.
        engine_options: ``{"memory_limit": "4GB", "threads": 2, "temp_directory": ...}`` for DuckDB;
            ``{"client": Client, "address": "tcp://...", "npartitions": 2}`` for Dask.
        test: the declared test split (path or DataFrame, primary's columns): supplementary rows or keys found in it
            raise a :class:`LeakageWarning` and are counted in the report.
        out: write the merged table here (atomically; format from the suffix). Checked before any work.
        report: write the JSON report here (atomically). Checked before any work.
        source_column / source_names: the row tag column and its two values (``how="append"``).
        read_options: passed to the reader (``encoding``, ``delimiter``, ``sheet``, ``table``).
        progress: ``progress(stage, done, total)`` callback (the CLI draws a progress bar with it).
    """
    how = _choice("how", how, HOWS)
    match = _choice("match", match, MATCHES)
    key_match = _choice("key_match", key_match, KEY_MATCHES)
    prefer = _choice("prefer", prefer, PREFERS)
    engine = _choice("engine", engine, ENGINES)
    threshold = _number("threshold", threshold, 0.0, 1.0)
    key_threshold = _number("key_threshold", key_threshold, 0.0, 100.0)
    if how != "append" and on is None:
        raise InvalidParameterError("merge: argument 'on' (the column to match on) is required for how='primary' "
                                    "or 'both'", argument="on")
    if columns is not None and not isinstance(columns, Mapping):
        raise InvalidParameterError(f"merge: argument 'columns' must be a dict {{primary: supplementary}}, got "
                                    f"{type(columns).__name__}", argument="columns")
    if not (isinstance(source_names, (tuple, list)) and len(source_names) == 2):
        raise InvalidParameterError("merge: argument 'source_names' must be two strings", argument="source_names")
    out_fmt = check_writable(out, "merge") if out is not None else None
    if report is not None:
        _check_report_path(report)
    read_opts = dict(read_options or {})
    opts = dict(engine_options or {})
    if engine == "auto":
        engine = "duckdb" if _file_bytes(primary, supplementary) > AUTO_DUCKDB_BYTES else "pandas"
    stage = progress or (lambda name, done, total: None)
    params = {"on": on, "how": how, "match": match, "key_match": key_match, "columns": dict(columns or {}) or None,
              "prefer": prefer, "threshold": threshold, "key_threshold": key_threshold,
              "source_column": source_column, "source_names": list(source_names), "engine": engine}

    con = None
    spill = None
    try:
        stage("read", 0, 2)
        if engine == "duckdb":
            if opts.get("temp_directory") is None:
                # DuckDB would spill to ./.tmp in the caller's working directory: use a private temporary folder
                spill = tempfile.mkdtemp(prefix="multiaug-duckdb-")
                opts["temp_directory"] = spill
            con = _duck_connection(opts)
            p_src = load_duck_source(con, primary, "primary", read_opts, "merge")
            stage("read", 1, 2)
            s_src = load_duck_source(con, supplementary, "supplementary", read_opts, "merge")
        else:
            p_src = load_frame_source(primary, "primary", read_opts, "merge")
            stage("read", 1, 2)
            s_src = load_frame_source(supplementary, "supplementary", read_opts, "merge")
        stage("read", 2, 2)
        stage("align", 0, 1)
        plan = make_plan(p_src, s_src, on=on, how=how, match=match, key_match=key_match, threshold=threshold,
                         key_threshold=key_threshold, columns=columns, prefer=prefer, source_column=source_column,
                         source_names=tuple(source_names), progress=progress)
        stage("align", 1, 1)
        stage("join", 0, 1)
        frame, counts = _execute(engine, con, p_src, s_src, plan, opts, out, out_fmt)
        stage("join", 1, 1)
        leak = leakage(test, s_src, plan, read_opts) if test is not None else None
        fingerprints = {"primary": input_fingerprint(primary, read_opts),
                        "supplementary": input_fingerprint(supplementary, read_opts)}
        rep = build_report(params, p_src, s_src, plan, counts, frame, out, leak, fingerprints)
    finally:
        if con is not None:
            con.close()
        if spill is not None:
            shutil.rmtree(spill, ignore_errors=True)
    if leak and (leak["rows_duplicating_test"] or leak["keys_in_test"]):
        warnings.warn(leak["warning"], LeakageWarning, stacklevel=2)
    if report is not None:
        write_report(rep, report)
    return MergeResult(frame, rep)


def _check_report_path(path: Any) -> None:
    target = Path(path)
    if target.suffix.lower() != ".json":
        raise InvalidParameterError(f"merge: the report must be a .json file, got '{target}'", argument="report")
    if target.is_dir():
        raise InvalidParameterError(f"merge: report '{target}' is a folder", argument="report")
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InvalidParameterError(f"merge: cannot write the report to '{target}' (permission denied)",
                                    argument="report")


def _duck_connection(opts: dict[str, Any]) -> Any:

    con = duckdb().connect()
    con.execute("SET preserve_insertion_order = true")
    for key in ("memory_limit", "threads", "temp_directory"):
        if opts.get(key) is not None:
            value = opts[key]
            con.execute(f"SET {key} = " + (str(int(value)) if key == "threads" else "'" + str(value).replace("'", "''")
                                           + "'"))
    return con


def _execute(engine: str, con: Any, p_src: Any, s_src: Any, plan: Any, opts: dict[str, Any], out: Any,
             out_fmt: str | None) -> tuple[Any, dict[str, Any]]:

    if engine == "duckdb":

        if out is not None and out_fmt != "excel":
            box: dict[str, Any] = {}

            def write(tmp: str) -> None:
                box["result"] = run_duckdb(con, p_src, s_src, plan, (tmp, out_fmt))

            atomic_write(out, write)
            return box["result"]
        frame, counts = run_duckdb(con, p_src, s_src, plan, None)
    elif engine == "dask":
        frame, counts = run_dask(p_src, s_src, plan, opts)
    else:
        frame, counts = run_pandas(p_src, s_src, plan)
    if out is not None:
        write_table(frame, out, where="merge")
    return frame, counts


def append(primary: Any, supplementary: Any, on: str | list[str] | None = None, **kwargs: Any) -> MergeResult:
    """Stack the supplementary rows under the primary's: ``merge(..., how="append")`` (see :func:`merge`)."""
    return merge(primary, supplementary, on, how="append", **kwargs)


__all__ = ["AUTO_DUCKDB_BYTES", "LeakageWarning", "MergeResult", "append", "merge"]
