"""The merge report (what was done, for review), the leakage check, and exact replay.

The report is JSON: parameters, input fingerprints, column pairings with scores, key matching, row counts, type
and category changes, conflicts, a leakage section and the output's fingerprint. :func:`replay_merge` re-runs a
merge from its report on the same inputs (the column pairings are pinned) and checks the output fingerprint.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .._version import __version__
from ..core.io import atomic_write_bytes
from ..core.jsonsafe import to_jsonable
from ._deps import duckdb
from .engine_duckdb import convert_sql, literal, q, supplementary_sql
from .modality import read_table
from .sources import file_sha256, frame_sha256

SCHEMA = "multiaug.tabular.merge/1"


def input_fingerprint(source: Any, read_options: dict[str, Any] | None = None) -> str:
    """sha256 of a file's bytes, or of a DataFrame's columns, dtypes and values."""
    if isinstance(source, (str, os.PathLike)):
        return file_sha256(source)
    return frame_sha256(read_table(source, **(read_options or {})))


def _describe(src: Any, sha: str | None) -> dict[str, Any]:
    return {**src.origin, "rows": src.n_rows, "columns": list(src.columns), "sha256": sha}


def build_report(params: dict[str, Any], p_src: Any, s_src: Any, plan: Any, counts: dict[str, Any], frame: Any,
                 out: Any, leak: dict[str, Any] | None, fingerprints: dict[str, str | None]) -> dict[str, Any]:
    """Assemble the JSON-safe report of one merge."""
    rows: dict[str, Any] = {"primary": p_src.n_rows, "supplementary": s_src.n_rows, "output": counts["output_rows"]}
    if plan.how == "append":
        rows.update({k: v for k, v in counts.items() if k.startswith("duplicates")})
        rows["added"] = counts["output_rows"] - p_src.n_rows + counts.get("duplicates_dropped_from_primary", 0)
    else:
        matched = counts["matched_primary_rows"]
        rows.update({
            "matched_primary": matched,
            "unmatched_primary": p_src.n_rows - matched,
            "kept_primary": matched if plan.how == "both" else p_src.n_rows,
            "dropped_primary": p_src.n_rows - matched if plan.how == "both" else 0,
            "primary_rows_with_several_matches": counts["primary_rows_with_several_matches"],
            "extra_rows_from_several_matches": counts["output_rows"] - (matched if plan.how == "both"
                                                                         else p_src.n_rows),
            "supplementary_used": counts["supplementary_rows_used"],
            "supplementary_unused": s_src.n_rows - counts["supplementary_rows_used"],
        })
    conflicts = counts.get("conflicts", {})
    added = [c.out for c in plan.columns if c.primary is None and c.out not in (plan.matched_column,
                                                                                plan.score_column)]
    columns = dict(plan.report["columns"])
    columns["added_from_supplementary"] = added
    out_cols = [c.out for c in plan.columns] + ([plan.source_column] if plan.source_column else [])
    output: dict[str, Any] = {"columns": out_cols, "path": str(out) if out is not None else None}
    if frame is not None:
        output["frame_sha256"] = frame_sha256(frame)
    if out is not None:
        output["sha256"] = file_sha256(out) if os.path.exists(out) else None
    pinned: dict[str, Any] = {c["primary"]: c["supplementary"] for c in columns["pairs"]}
    for name in columns["unmatched_primary"]:
        pinned.setdefault(name, None)
    report = {
        "schema": SCHEMA,
        "multiaug_version": __version__,
        "params": to_jsonable(params),
        "inputs": {"primary": _describe(p_src, fingerprints.get("primary")),
                   "supplementary": _describe(s_src, fingerprints.get("supplementary"))},
        "columns": columns,
        "keys": plan.report.get("keys"),
        "rows": rows,
        "type_changes": plan.report["type_changes"],
        "value_changes": plan.report["value_changes"],
        "conflicts": conflicts,
        "conflicts_total": int(sum(conflicts.values())),
        "leakage": leak,
        "output": output,
        "replay": {"columns": pinned},
    }
    return to_jsonable(report)


def write_report(report: dict[str, Any], path: str | os.PathLike[str]) -> None:
    atomic_write_bytes(path, (json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode())


# --- leakage -----------------------------------------------------------------------------------------------------
def leakage(test: Any, s_src: Any, plan: Any, read_options: dict[str, Any]) -> dict[str, Any]:
    """Count supplementary rows whose key, or whose values on every paired attribute column, appear in ``test``.

    ``test`` is the declared test split of the primary table (same column names as the primary)."""

    test_df = read_table(test, where="merge(test=...)", **{k: v for k, v in read_options.items()
                                                          if k in ("encoding", "delimiter", "sheet", "table")})
    tcols = {str(c) for c in test_df.columns}
    own = hasattr(s_src, "frame")
    con = duckdb().connect() if own else s_src.con
    supp = "__supp" if own else s_src.table
    try:
        con.register("__test", test_df)
        if own:
            con.register("__supp", s_src.frame)
        key_rows = 0
        keys = [(pk, sk) for pk, sk in plan.keys if pk in tcols]
        if keys and plan.key_pairs is None:
            cond = " AND ".join(f"t.{q(pk)} = s.{q(sk)}" for pk, sk in keys)
            key_rows = con.execute(f"SELECT count(*) FROM {q(supp)} s WHERE EXISTS (SELECT 1 FROM __test t WHERE "
                                   f"{cond})").fetchall()[0][0]
        elif keys:
            (pk, sk), = keys
            test_keys = set(test_df[pk].dropna().tolist())
            hit = sorted({s for p, s, _ in plan.key_pairs if p in test_keys}, key=str)
            if hit:
                vals = ", ".join(_lit(v) for v in hit)
                key_rows = con.execute(f"SELECT count(*) FROM {q(supp)} WHERE {q(sk)} IN ({vals})").fetchall()[0][0]
        attrs = [c for c in plan.columns if c.primary is not None and c.supplementary is not None
                 and (c.primary, c.supplementary) not in plan.keys and c.primary in tcols]
        row_dups = 0
        if attrs:
            sel = ", ".join(f"{supplementary_sql(c, q(c.supplementary))} AS {q(c.out)}" for c in attrs)
            tsel = ", ".join(f"{convert_sql(q(c.primary), c.convert_primary)} AS {q(c.out)}" for c in attrs)
            cond = " AND ".join(f"s.{q(c.out)} IS NOT DISTINCT FROM t.{q(c.out)}" for c in attrs)
            row_dups = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM {q(supp)}) s WHERE EXISTS (SELECT 1 FROM "
                                   f"(SELECT {tsel} FROM __test) t WHERE {cond})").fetchall()[0][0]
        con.unregister("__test")
    finally:
        if own:
            con.close()
    out = {"test_rows": int(len(test_df)), "keys_in_test": int(key_rows), "rows_duplicating_test": int(row_dups),
           "compared_columns": [c.out for c in attrs], "warning": None}
    if key_rows or row_dups:
        out["warning"] = (f"leakage: {key_rows} supplementary rows share a key with the test split and {row_dups} "
                          f"duplicate a test row on {len(attrs)} attribute columns; drop them before training or "
                          "the test score will be optimistic")
    return out


def _lit(v: Any) -> str:
    return literal(v.item() if hasattr(v, "item") else v)


__all__ = ["SCHEMA", "build_report", "input_fingerprint", "leakage", "write_report"]
