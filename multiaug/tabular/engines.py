"""Engines that execute a merge :class:`~multiaug.tabular.plan.Plan`.

* ``pandas`` — in memory (small and medium tables).
* ``duckdb`` — embedded DuckDB (no server): the inputs are loaded into DuckDB tables, joined in SQL and written with
  ``COPY``; DuckDB spills to disk, so inputs larger than memory work. The default for large files.
* ``dask`` — the join runs as a Dask DataFrame merge (on a ``distributed`` cluster when a client or scheduler
  address is given, else on Dask's default scheduler); install with ``pip install "multiaug[dask]"``.

Every engine orders rows the same way (primary row order, then supplementary row order; appended rows after the
primary's) and ends with :func:`finalize`, so the outputs are identical (tested).
"""

from __future__ import annotations

from typing import Any

from ..core.errors import UnsupportedInputError
from ._deps import pandas
from .kernels.evidence import is_missing
from .plan import Plan

S = "__s__"  # prefix of supplementary columns inside a join


# --- shared value conversions (pandas side) ----------------------------------------------------------------------
def convert_series(series: Any, how: str, value_map: list[tuple[Any, Any]] | None = None) -> Any:
    """Apply one conversion of :class:`ColumnPlan` to a pandas Series (returns a new Series)."""
    pd = pandas()
    if how == "none":
        return series
    if how == "map":
        table = dict(value_map or [])
        obj = series.astype(object)
        mapped = obj.map(lambda v: table.get(v, v))
        return pd.Series(mapped.tolist(), index=series.index, dtype=_infer_dtype(mapped))
    if how == "numeric":
        text = series.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
        return pd.to_numeric(text, errors="coerce").astype("float64")
    if how == "string":
        obj = series.astype(object)
        return obj.map(lambda v: None if _missing(v) else _text(v))
    raise ValueError(how)


def _infer_dtype(values: Any) -> Any:
    vals = [v for v in values.tolist() if not _missing(v)]
    if vals and all(isinstance(v, bool) for v in vals):
        return "boolean"
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "Int64"
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "float64"
    return None


def _missing(v: Any) -> bool:

    return is_missing(v) if not isinstance(v, str) else False


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def finalize(frame: Any, kinds: dict[str, str]) -> Any:
    """Give every output column the same dtype whatever the engine: ``int`` → int64 (Int64 with missing values),
    ``float`` → float64, ``bool`` → bool (boolean with missing values), ``str`` → pandas' default string dtype,
    ``datetime`` → datetime64 as read."""
    pd = pandas()
    out = {}
    str_dtype = pd.Series(["a"]).dtype
    for name in frame.columns:
        col = frame[name]
        kind = kinds.get(name, "str")
        has_na = bool(col.isna().any())
        if kind == "int":
            col = col.astype("Int64" if has_na else "int64")
        elif kind == "float":
            col = col.astype("float64")
        elif kind == "bool":
            col = col.astype("boolean" if has_na else "bool")
        elif kind == "str":
            obj = col.astype(object)
            col = pd.Series([None if (not isinstance(v, str) and _missing(v)) else (v if isinstance(v, str) else
                                                                                     _text(v)) for v in obj],
                            index=col.index, dtype=str_dtype)
        out[name] = col
    return pd.DataFrame(out, columns=list(frame.columns)).reset_index(drop=True)


def output_kinds(plan: Plan) -> dict[str, str]:
    kinds = {c.out: c.kind for c in plan.columns}
    if plan.source_column:
        kinds[plan.source_column] = "str"
    return kinds


# --- pandas ------------------------------------------------------------------------------------------------------
def _prepare(frame: Any, plan: Plan, side: str) -> Any:
    """Columns of one side renamed for the join and converted as the plan says."""
    pd = pandas()
    cols: dict[str, Any] = {}
    for cp in plan.columns:
        name = cp.primary if side == "p" else cp.supplementary
        if name is None or (side == "s" and cp.primary is None and cp.supplementary is None):
            continue
        series = frame[name]
        if side == "p":
            cols[cp.out] = convert_series(series, cp.convert_primary)
        else:
            cols[S + cp.out] = convert_series(series, cp.convert, cp.value_map)
    for pk, sk in plan.keys:
        if side == "p":
            cols["__k_" + pk] = frame[pk]
        else:
            cols["__k_" + pk] = frame[sk]
    out = pd.DataFrame(cols, index=frame.index)
    out["__row"] = range(len(frame))
    return out.reset_index(drop=True)


def _key_frame(plan: Plan) -> Any:
    pd = pandas()
    (pk, _), = plan.keys
    pairs = plan.key_pairs or []
    return pd.DataFrame({"__kp": pd.Series([p for p, _, _ in pairs], dtype=object),
                         "__ks": pd.Series([s for _, s, _ in pairs], dtype=object),
                         "__score": pd.Series([sc for _, _, sc in pairs], dtype="float64")})


def join_frames(p: Any, s: Any, plan: Plan, merge: Any) -> Any:
    """Join prepared primary / supplementary frames with ``merge`` (pandas.merge or a dask equivalent)."""
    how = "left" if plan.how == "primary" else "inner"
    kcols = ["__k_" + pk for pk, _ in plan.keys]
    p = p.rename(columns={"__row": "__prow"})
    s = s.rename(columns={"__row": "__srow"}).dropna(subset=kcols)
    if plan.key_pairs is None:
        return merge(p, s, on=kcols, how=how)
    kcol = kcols[0]
    m = _key_frame(plan)
    p2 = p.assign(__kp=p[kcol].astype(object))
    s2 = s.assign(__ks=s[kcol].astype(object)).drop(columns=[kcol])
    j = merge(p2, m, on="__kp", how=how)
    j = merge(j, s2, on="__ks", how=how)
    return j.drop(columns=["__kp"])


def assemble(j: Any, plan: Plan) -> tuple[Any, dict[str, Any]]:
    """From the joined frame (sorted by primary then supplementary row) build the output and the join counts."""
    pd = pandas()
    j = j.sort_values(["__prow", "__srow"], na_position="first", kind="stable").reset_index(drop=True)
    matched = j["__srow"].notna()
    out: dict[str, Any] = {}
    conflicts: dict[str, int] = {}
    keys_p = {pk for pk, _ in plan.keys}
    for cp in plan.columns:
        if cp.out == plan.score_column:
            out[cp.out] = j["__score"] if "__score" in j else pd.Series([float("nan")] * len(j))
        elif cp.out == plan.matched_column:
            out[cp.out] = j["__ks"].where(matched, None) if "__ks" in j else j[S + cp.out]
        elif cp.primary is None:
            out[cp.out] = j[S + cp.out]
        elif cp.supplementary is None or cp.primary in keys_p:
            out[cp.out] = j[cp.out]
        else:
            pv, sv = j[cp.out], j[S + cp.out]
            both = matched & pv.notna() & sv.notna()
            diff = both & (pv.astype(object) != sv.astype(object))
            conflicts[cp.out] = int(diff.sum())
            if plan.prefer == "primary":
                out[cp.out] = pv
            elif plan.prefer == "supplementary":
                out[cp.out] = sv.astype(object).where(sv.notna(), pv.astype(object))
            else:
                out[cp.out] = pv.astype(object).where(pv.notna(), sv.astype(object))
    frame = pd.DataFrame(out, columns=[c.out for c in plan.columns])
    counts = join_counts(j["__prow"], j["__srow"])
    counts["conflicts"] = conflicts
    return finalize(frame, output_kinds(plan)), counts


def join_counts(prow: Any, srow: Any) -> dict[str, Any]:
    matched = srow.notna()
    per_p = prow[matched].value_counts()
    return {"output_rows": int(len(prow)), "matched_primary_rows": int(per_p.size),
            "primary_rows_with_several_matches": int((per_p > 1).sum()),
            "supplementary_rows_used": int(srow[matched].nunique())}


def append_frames(p: Any, s: Any, plan: Plan) -> tuple[Any, dict[str, Any]]:
    """Stack the prepared sides (primary first), tag the source, drop exact duplicate rows (first kept)."""
    pd = pandas()
    names = dedup_columns(plan)
    left = pd.DataFrame({c.out: (p[c.out] if c.primary is not None else pd.Series([None] * len(p), dtype=object))
                         for c in plan.columns})
    right = pd.DataFrame({c.out: (s[S + c.out] if c.supplementary is not None else
                                  pd.Series([None] * len(s), dtype=object)) for c in plan.columns})
    left[plan.source_column] = plan.source_names[0]
    right[plan.source_column] = plan.source_names[1]
    both = pd.concat([_objects(left), _objects(right)], ignore_index=True)
    both = finalize(both, output_kinds(plan))
    dup = both.duplicated(subset=names, keep="first")
    out = both[~dup].reset_index(drop=True)
    counts = {"output_rows": int(len(out)), "duplicates_dropped": int(dup.sum()),
              "duplicates_dropped_from_primary": int(dup[: len(left)].sum()),
              "duplicates_dropped_from_supplementary": int(dup[len(left):].sum())}
    return out, counts


def dedup_columns(plan: Plan) -> list[str]:
    """Columns compared to find duplicate rows when appending: those both tables have (all, if none)."""
    both = [c.out for c in plan.columns if c.primary is not None and c.supplementary is not None]
    return both or [c.out for c in plan.columns]


def _objects(frame: Any) -> Any:
    return frame.astype(object).where(frame.notna(), None)


def run_pandas(primary: Any, supplementary: Any, plan: Plan) -> tuple[Any, dict[str, Any]]:
    pd = pandas()
    p = _prepare(primary.frame, plan, "p")
    s = _prepare(supplementary.frame, plan, "s")
    if plan.how == "append":
        return append_frames(p, s, plan)
    return assemble(join_frames(p, s, plan, pd.merge), plan)


# --- dask --------------------------------------------------------------------------------------------------------
def run_dask(primary: Any, supplementary: Any, plan: Plan, options: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    try:
        import dask.dataframe as dd  # lazy: optional engine, pip install "multiaug[dask]"
    except ImportError:
        raise UnsupportedInputError('merge: engine "dask" needs dask.dataframe; install it with '
                                    'pip install "multiaug[dask]"') from None
    pd = pandas()
    npart = int(options.get("npartitions", 2))
    client = options.get("client")
    own = None
    if client is None and options.get("address"):
        from distributed import Client  # lazy: optional engine dependency (the [dask] extra)

        client = own = Client(options["address"])
    try:
        p = _prepare(primary.frame, plan, "p")
        s = _prepare(supplementary.frame, plan, "s")
        if plan.how == "append":
            return append_frames(p, s, plan)

        def dmerge(a: Any, b: Any, **kw: Any) -> Any:
            a = a if hasattr(a, "npartitions") else dd.from_pandas(_objects_keys(a), npartitions=npart)
            b = b if hasattr(b, "npartitions") else dd.from_pandas(_objects_keys(b), npartitions=npart)
            return dd.merge(a, b, **kw)

        j = join_frames(p, s, plan, dmerge)
        joined = j.compute() if client is None else client.compute(j).result()
        return assemble(pd.DataFrame(joined), plan)
    finally:
        if own is not None:
            own.close()


def _objects_keys(frame: Any) -> Any:
    return frame


__all__ = ["assemble", "convert_series", "finalize", "join_frames", "output_kinds", "run_dask", "run_pandas"]
