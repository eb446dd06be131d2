"""The DuckDB engine: a merge plan as SQL over tables in an embedded DuckDB database.

Row order is the tables' ``rowid`` (input order); the result is ordered like the pandas engine's and cast to the
same types, then either fetched as a pandas DataFrame (:func:`~multiaug.tabular.engines.finalize` applied) or
written straight to a file with ``COPY`` (the data never passes through Python).
"""

from __future__ import annotations

import math
from typing import Any

from ._deps import pandas
from .engines import dedup_columns, finalize, output_kinds
from .modality import copy_query
from .plan import ColumnPlan, Plan

SQL_TYPES = {"int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "str": "VARCHAR"}


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def literal(value: Any) -> str:
    """A SQL literal for a Python value (str, bool, int, float, None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def convert_sql(expr: str, how: str, value_map: list[tuple[Any, Any]] | None = None, *,
                same_kind: bool = True) -> str:
    """SQL for one conversion of :class:`~multiaug.tabular.plan.ColumnPlan` (mirrors ``convert_series``)."""
    if how == "none":
        return expr
    if how == "map":
        whens = " ".join(f"WHEN {expr} = {literal(a)} THEN {literal(b)}" for a, b in value_map or [])
        return f"(CASE {whens} ELSE {expr if same_kind else 'NULL'} END)"
    if how == "numeric":
        return f"TRY_CAST(trim(CAST({expr} AS VARCHAR)) AS DOUBLE)"
    if how == "string":
        return (f"(CASE WHEN typeof({expr}) IN ('DOUBLE', 'FLOAT') AND {expr} = floor({expr}) AND abs({expr}) < 1e15 "
                f"THEN CAST(CAST({expr} AS BIGINT) AS VARCHAR) ELSE CAST({expr} AS VARCHAR) END)")
    raise ValueError(how)


def _cast(expr: str, kind: str) -> str:
    t = SQL_TYPES.get(kind)
    return f"CAST({expr} AS {t})" if t else expr


def _map_same_kind(cp: ColumnPlan) -> bool:
    return all(type(a) is type(b) for a, b in cp.value_map)


def supplementary_sql(cp: ColumnPlan, expr: str) -> str:
    """The supplementary column ``expr`` converted as ``cp`` says."""
    return convert_sql(expr, cp.convert, cp.value_map, same_kind=_map_same_kind(cp))


def prepared_columns(plan: Plan, side: str, alias: str) -> list[str]:
    """``SELECT`` items of one side, renamed and converted like the pandas engine's ``_prepare``."""
    items = []
    for cp in plan.columns:
        if side == "p" and cp.primary is not None:
            items.append(f"{convert_sql(f'{alias}.{q(cp.primary)}', cp.convert_primary)} AS {q(cp.out)}")
        elif side == "s" and cp.supplementary is not None:
            expr = supplementary_sql(cp, f"{alias}.{q(cp.supplementary)}")
            items.append(f"{expr} AS {q('__s__' + cp.out)}")
    return items


def _register_key_map(con: Any, plan: Plan) -> None:
    pd = pandas()
    pairs = plan.key_pairs or []
    frame = pd.DataFrame({"__kp": pd.Series([p for p, _, _ in pairs]), "__ks": pd.Series([s for _, s, _ in pairs]),
                          "__score": pd.Series([sc for _, _, sc in pairs], dtype="float64")})
    con.register("__keymap_df", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE __keymap AS SELECT * FROM __keymap_df")
    con.unregister("__keymap_df")


def join_table(con: Any, plan: Plan, p: str, s: str) -> None:
    """Create the temp table ``__j``: one row per output row, primary and supplementary columns side by side."""
    kind = "LEFT" if plan.how == "primary" else "INNER"
    items = ["p.rowid AS __prow", "s.rowid AS __srow"] + prepared_columns(plan, "p", "p") + \
        prepared_columns(plan, "s", "s")
    if plan.key_pairs is None:
        cond = " AND ".join(f"p.{q(pk)} = s.{q(sk)}" for pk, sk in plan.keys)
        sql = f"SELECT {', '.join(items)} FROM {q(p)} p {kind} JOIN {q(s)} s ON {cond}"
    else:
        _register_key_map(con, plan)
        (pk, sk), = plan.keys
        items += ["m.__ks AS __ks", "m.__score AS __score"]
        sql = (f"SELECT {', '.join(items)} FROM {q(p)} p {kind} JOIN __keymap m ON p.{q(pk)} = m.__kp "
               f"{kind} JOIN {q(s)} s ON m.__ks = s.{q(sk)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE __j AS {sql}")


def output_select(plan: Plan) -> tuple[str, dict[str, str]]:
    """The final ``SELECT`` over ``__j`` (ordered) and the conflict-count expressions per overlapping column."""
    items, conflicts = [], {}
    keys_p = {pk for pk, _ in plan.keys}
    for cp in plan.columns:
        o, so = q(cp.out), q("__s__" + cp.out)
        if cp.out == plan.score_column:
            expr = "__score"
        elif cp.out == plan.matched_column:
            expr = "CASE WHEN __srow IS NOT NULL THEN __ks END"
        elif cp.primary is None:
            expr = so
        elif cp.supplementary is None or cp.primary in keys_p:
            expr = o
        else:
            conflicts[cp.out] = (f"sum(CASE WHEN __srow IS NOT NULL AND {o} IS NOT NULL AND {so} IS NOT NULL "
                                 f"AND {o} <> {so} THEN 1 ELSE 0 END)")
            expr = {"primary": o, "supplementary": f"COALESCE({so}, {o})", "coalesce": f"COALESCE({o}, {so})"}[
                plan.prefer]
        items.append(f"{_cast(expr, cp.kind)} AS {o}")
    return f"SELECT {', '.join(items)} FROM __j ORDER BY __prow, __srow NULLS FIRST", conflicts


def merge_counts(con: Any, conflicts: dict[str, str]) -> dict[str, Any]:
    row = con.execute(
        "SELECT count(*), count(DISTINCT __prow) FILTER (WHERE __srow IS NOT NULL), "
        "count(DISTINCT __srow) FROM __j").fetchall()[0]
    several = con.execute("SELECT count(*) FROM (SELECT __prow FROM __j WHERE __srow IS NOT NULL GROUP BY __prow "
                          "HAVING count(*) > 1)").fetchall()[0][0]
    out = {"output_rows": int(row[0]), "matched_primary_rows": int(row[1]),
           "primary_rows_with_several_matches": int(several), "supplementary_rows_used": int(row[2])}
    if conflicts:
        vals = con.execute("SELECT " + ", ".join(conflicts.values()) + " FROM __j").fetchall()[0]
        out["conflicts"] = {k: int(v or 0) for k, v in zip(conflicts, vals)}
    else:
        out["conflicts"] = {}
    return out


def append_select(plan: Plan, p: str, s: str) -> str:
    """Primary rows then supplementary rows, tagged, exact duplicates dropped (first kept), in input order."""

    names = dedup_columns(plan)
    sides = []
    for side, table, tag in (("p", p, plan.source_names[0]), ("s", s, plan.source_names[1])):
        prepared = {}
        for cp in plan.columns:
            if side == "p" and cp.primary is not None:
                prepared[cp.out] = convert_sql(q(cp.primary), cp.convert_primary)
            elif side == "s" and cp.supplementary is not None:
                prepared[cp.out] = supplementary_sql(cp, q(cp.supplementary))
        items = [f"{_cast(prepared.get(cp.out, 'NULL'), cp.kind)} AS {q(cp.out)}" for cp in plan.columns]
        items += [f"{literal(tag)} AS {q(plan.source_column)}", f"{0 if side == 'p' else 1} AS __side",
                  "rowid AS __row"]
        sides.append(f"SELECT {', '.join(items)} FROM {q(table)}")
    part = ", ".join(q(n) for n in names)
    return (f"SELECT *, row_number() OVER (PARTITION BY {part} ORDER BY __side, __row) AS __dup "
            f"FROM ({sides[0]} UNION ALL {sides[1]})")


def run_duckdb(con: Any, primary: Any, supplementary: Any, plan: Plan, out: tuple[str, str] | None
               ) -> tuple[Any, dict[str, Any]]:
    """Execute ``plan``; with ``out=(tmp_path, fmt)`` write the result there and return ``(None, counts)``."""

    p, s = primary.table, supplementary.table
    if plan.how == "append":
        con.execute(f"CREATE OR REPLACE TEMP TABLE __a AS {append_select(plan, p, s)}")
        row = con.execute("SELECT count(*) FILTER (WHERE __dup = 1), count(*) FILTER (WHERE __dup > 1), "
                          "count(*) FILTER (WHERE __dup > 1 AND __side = 0), "
                          "count(*) FILTER (WHERE __dup > 1 AND __side = 1) FROM __a").fetchall()[0]
        counts = {"output_rows": int(row[0]), "duplicates_dropped": int(row[1]),
                  "duplicates_dropped_from_primary": int(row[2]),
                  "duplicates_dropped_from_supplementary": int(row[3])}
        cols = ", ".join(q(c) for c in [cp.out for cp in plan.columns] + [plan.source_column])
        sql = f"SELECT {cols} FROM __a WHERE __dup = 1 ORDER BY __side, __row"
    else:
        join_table(con, plan, p, s)
        sql, conflicts = output_select(plan)
        counts = merge_counts(con, conflicts)
    if out is not None:
        copy_query(con, sql, out[0], out[1])
        return None, counts
    return finalize(con.execute(sql).df(), output_kinds(plan)), counts


__all__ = ["convert_sql", "literal", "q", "run_duckdb", "supplementary_sql"]
