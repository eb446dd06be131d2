"""The merge plan: which columns pair up, how their values are reconciled, and which keys match.

:func:`make_plan` reads only what a source offers (names, kinds, a deterministic sample, distinct values), so the
plan — and therefore the output — is the same whatever engine executes it. The plan also carries the report's
column, type, value and key sections.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import InvalidParameterError
from .kernels.align import Alignment, align_columns
from .kernels.categories import ValueChange, boolean_changes, category_changes
from .kernels.evidence import ColumnProfile, is_missing, profile_values
from .kernels.keys import match_keys
from .kernels.names import normalise_name
from .sources import DISTINCT_LIMIT


@dataclass
class ColumnPlan:
    """One output column.

    Attributes:
        out: output column name.
        primary / supplementary: source column names (None when the column comes from one side only).
        kind: logical kind of the output (``int``, ``float``, ``bool``, ``datetime``, ``str``).
        convert: applied to the supplementary values: ``none``, ``map`` (``value_map``), ``numeric`` (text →
            number) or ``string``.
        convert_primary: applied to the primary values: ``none``, ``numeric`` or ``string``.
        value_map: ``(supplementary value, primary spelling)`` pairs for ``convert == "map"``.
    """

    out: str
    primary: str | None
    supplementary: str | None
    kind: str
    convert: str = "none"
    convert_primary: str = "none"
    value_map: list[tuple[Any, Any]] = field(default_factory=list)


@dataclass
class Plan:
    how: str
    prefer: str
    keys: list[tuple[str, str]]
    key_match: str
    #: (primary key value, supplementary key value, score) when keys are matched through a mapping table
    key_pairs: list[tuple[Any, Any, float]] | None
    columns: list[ColumnPlan]
    source_column: str | None = None
    source_names: tuple[str, str] = ("primary", "supplementary")
    matched_column: str | None = None
    score_column: str | None = None
    report: dict[str, Any] = field(default_factory=dict)

    def overlaps(self) -> list[ColumnPlan]:
        return [c for c in self.columns if c.primary is not None and c.supplementary is not None
                and (c.primary, c.supplementary) not in self.keys]


def _profiles(src: Any, names: Sequence[str]) -> list[ColumnProfile]:
    sample = src.sample()
    return [profile_values(n, sample[n].tolist(), src.kinds[n]) for n in names]


def _resolve_on(on: Any, primary: Any, match: str) -> list[str]:
    names = [on] if isinstance(on, str) else list(on or [])
    if not names or not all(isinstance(n, str) and n for n in names):
        raise InvalidParameterError(f"merge: argument 'on' must be a column name or a list of them, got {on!r}",
                                    argument="on")
    out = []
    for n in names:
        if n in primary.columns:
            out.append(n)
            continue
        same = [c for c in primary.columns if normalise_name(c) == normalise_name(n)] if match == "fuzzy" else []
        if len(same) == 1:
            out.append(same[0])
            continue
        raise InvalidParameterError(
            f"merge: key column '{n}' is not a column of the primary table; its columns are: "
            f"{', '.join(primary.columns)}", argument="on")
    return out


def _check_overrides(columns: Mapping[str, str | None] | None, primary: Any, supplementary: Any) -> dict[str, Any]:
    overrides = dict(columns or {})
    for p, s in overrides.items():
        if p not in primary.columns:
            raise InvalidParameterError(f"merge: columns={{{p!r}: ...}}: '{p}' is not a primary column; its columns "
                                        f"are: {', '.join(primary.columns)}", argument="columns")
        if s is not None and s not in supplementary.columns:
            raise InvalidParameterError(f"merge: columns={{{p!r}: {s!r}}}: '{s}' is not a supplementary column; its "
                                        f"columns are: {', '.join(supplementary.columns)}", argument="columns")
    return overrides


def _ambiguity_error(alignment: Alignment) -> InvalidParameterError:
    lines = []
    for key, cands in alignment.ambiguous:
        side, col = key.split(":", 1)
        opts = ", ".join(f"{c.supplementary if side == 'primary' else c.primary} ({c.score:.2f})" for c in cands)
        lines.append(f"{side} column '{col}' could pair with: {opts}")
    example = alignment.ambiguous[0][1][0]
    return InvalidParameterError(
        "merge: ambiguous column pairings refused (not guessed): " + "; ".join(lines)
        + f". Say which with columns={{'{example.primary}': '{example.supplementary}'}} (or None to keep a column "
          "unpaired).", argument="columns")


def _reconcile(cp: ColumnPlan, kp: str, ks: str, prof_p: ColumnProfile, prof_s: ColumnProfile, primary: Any,
               supplementary: Any, report: dict[str, Any]) -> None:
    """Decide how the supplementary values of a paired column become comparable with the primary's."""
    p, s = cp.primary, cp.supplementary
    changes: list[ValueChange] = []
    how = "same"
    if (prof_p.bool_like and prof_s.bool_like) and (kp != ks or prof_p.distinct != prof_s.distinct):
        got = boolean_changes(primary.distinct(p) or [], supplementary.distinct(s) or [])
        if got is not None:
            changes, how, cp.kind = got, "boolean", kp
    if how == "same" and kp == ks == "str":
        dp, ds = primary.distinct(p), supplementary.distinct(s)
        if dp is not None and ds is not None:
            changes = category_changes(dp, ds)
            how = "category" if changes else "same"
    elif how == "same" and kp != ks:
        if {kp, ks} == {"int", "float"}:
            cp.kind, how = "float", "int+float→float"
        elif {kp, ks} <= {"int", "float", "str"} and (prof_p.numeric_text or prof_s.numeric_text):
            cp.kind, how = "float", "numeric text→float"
            cp.convert = "numeric" if ks == "str" else "none"
            cp.convert_primary = "numeric" if kp == "str" else "none"
        else:
            cp.kind, how = "str", "compared as text"
            cp.convert = "string" if ks != "str" else "none"
            cp.convert_primary = "string" if kp != "str" else "none"
    if changes:
        cp.convert = "map"
        cp.value_map = [(c.source, c.target) for c in changes]
        report["value_changes"][cp.out] = [c.to_json() for c in changes]
    if how != "same" or kp != ks:
        report["type_changes"].append({"column": cp.out, "primary_column": p, "supplementary_column": s,
                                       "primary_kind": kp, "supplementary_kind": ks, "result_kind": cp.kind,
                                       "how": how})


def _key_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def make_plan(primary: Any, supplementary: Any, *, on: Any, how: str, match: str, key_match: str,
              threshold: float, key_threshold: float, columns: Mapping[str, str | None] | None, prefer: str,
              source_column: str | None, source_names: tuple[str, str],
              progress: Callable[[str, int, int], None] | None = None) -> Plan:
    """Build the :class:`Plan` of a merge (``how`` = ``primary`` / ``both``) or an append (``how="append"``)."""
    overrides = _check_overrides(columns, primary, supplementary)
    keys_p = _resolve_on(on, primary, match) if (on is not None or how != "append") else []
    excluded_p = {p for p, s in overrides.items() if s is None}
    pairs_fixed = {p: s for p, s in overrides.items() if s is not None}
    names_p = [c for c in primary.columns if c not in excluded_p]
    names_s = list(supplementary.columns)
    prof_p = {pr.name: pr for pr in _profiles(primary, names_p)}
    prof_s = {pr.name: pr for pr in _profiles(supplementary, names_s)}
    alignment = align_columns([prof_p[n] for n in names_p], [prof_s[n] for n in names_s], threshold=threshold,
                              exact_only=(match == "exact"), overrides=pairs_fixed)
    mapping = alignment.mapping()
    report: dict[str, Any] = {
        "columns": {"threshold": threshold, "match": match,
                    "pairs": [p.to_json() for p in alignment.pairs],
                    "candidates": [p.to_json() for p in alignment.candidates[:200]],
                    "unmatched_primary": alignment.unmatched_primary,
                    "unmatched_supplementary": alignment.unmatched_supplementary},
        "type_changes": [], "value_changes": {},
    }
    missing_keys = [k for k in keys_p if k not in mapping]
    if missing_keys:
        k = missing_keys[0]
        cands = [c for c in alignment.candidates if c.primary == k][:3]
        best = "; best candidates: " + ", ".join(f"'{c.supplementary}' ({c.score:.2f})" for c in cands) if cands \
            else "; no candidate at all"
        mode = "with the same name (match='exact')" if match == "exact" else f"scoring >= {threshold}"
        raise InvalidParameterError(
            f"merge: no supplementary column pairs with the key '{k}' {mode}{best}. Pass "
            f"columns={{'{k}': '<supplementary column>'}} or lower the threshold", argument="on")
    if alignment.ambiguous:
        raise _ambiguity_error(alignment)
    keys = [(k, mapping[k]) for k in keys_p]
    cols: list[ColumnPlan] = []
    for name in primary.columns:
        sname = mapping.get(name)
        cp = ColumnPlan(name, name, sname, primary.kinds[name])
        if sname is not None and (name, sname) not in keys:
            _reconcile(cp, primary.kinds[name], supplementary.kinds[sname], prof_p[name], prof_s[sname], primary,
                       supplementary, report)
        elif sname is not None and how == "append":
            _reconcile(cp, primary.kinds[name], supplementary.kinds[sname], prof_p[name], prof_s[sname], primary,
                       supplementary, report)
        cols.append(cp)
    used = {c.out for c in cols}
    key_s = {s for _, s in keys}
    for sname in names_s:
        if sname in mapping.values() or (how != "append" and sname in key_s):
            continue
        out = sname if sname not in used else f"{sname}_supplementary"
        cols.append(ColumnPlan(out, None, sname, supplementary.kinds[sname]))
        used.add(out)
    plan = Plan(how=how, prefer=prefer, keys=keys, key_match=key_match, key_pairs=None, columns=cols,
                report=report, source_names=source_names)
    if how == "append":
        plan.source_column = _free_name(source_column or "source", used)
        plan.keys = keys if on is not None else []
        if plan.keys:
            # keys and their columns are reconciled like any other pair when appending
            for cp in cols:
                if (cp.primary, cp.supplementary) in keys and cp.convert == "none" and cp.kind != \
                        supplementary.kinds[cp.supplementary]:
                    _reconcile(cp, primary.kinds[cp.primary], supplementary.kinds[cp.supplementary],
                               prof_p[cp.primary], prof_s[cp.supplementary], primary, supplementary, report)
        return plan
    _plan_keys(plan, primary, supplementary, key_threshold, progress, used)
    return plan


def _free_name(name: str, used: set[str]) -> str:
    out, i = name, 2
    while out in used:
        out, i = f"{name}_{i}", i + 1
    used.add(out)
    return out


def _plan_keys(plan: Plan, primary: Any, supplementary: Any, key_threshold: float,
               progress: Callable[[str, int, int], None] | None, used: set[str]) -> None:
    kinds = [(primary.kinds[p], supplementary.kinds[s]) for p, s in plan.keys]
    stats: dict[str, Any] = {"match": plan.key_match, "columns": [list(k) for k in plan.keys],
                             "compared_as_text": any(a != b for a, b in kinds)}
    if plan.key_match == "fuzzy" or stats["compared_as_text"]:
        if len(plan.keys) != 1:
            raise InvalidParameterError("merge: key_match='fuzzy' (and keys of different types) needs a single key "
                                        "column in on=", argument="on")
        (pk, sk), = plan.keys
        left = primary.distinct(pk, limit=10**9)
        right = supplementary.distinct(sk, limit=10**9)
        left = sorted(left, key=_key_text)
        right = sorted(right, key=_key_text)
        if plan.key_match == "fuzzy":
            cb = (lambda done, total: progress("fuzzy keys", done, total)) if progress else None
            found = match_keys([_key_text(v) for v in left], [_key_text(v) for v in right],
                               threshold=key_threshold, progress=cb)
            plan.key_pairs = [(left[m.left], right[m.right], m.score) for m in found]
            hows: dict[str, int] = {}
            for m in found:
                hows[m.how] = hows.get(m.how, 0) + 1
            per_left: dict[int, int] = {}
            per_right: dict[int, int] = {}
            for m in found:
                per_left[m.left] = per_left.get(m.left, 0) + 1
                per_right[m.right] = per_right.get(m.right, 0) + 1
            stats.update({
                "threshold": key_threshold, "distinct_primary": len(left), "distinct_supplementary": len(right),
                "matched_primary_keys": len(per_left), "by_how": hows,
                "one_to_many": [{"primary": _plain(left[i]), "supplementary": [_plain(right[m.right]) for m in found
                                                                               if m.left == i]}
                                for i, n in sorted(per_left.items()) if n > 1][:100],
                "one_to_many_count": sum(1 for n in per_left.values() if n > 1),
                "many_to_one_count": sum(1 for n in per_right.values() if n > 1),
                "fuzzy_examples": [{"primary": _plain(left[m.left]), "supplementary": _plain(right[m.right]),
                                    "score": m.score} for m in found if m.how == "fuzzy"][:50],
            })
            plan.matched_column = _free_name(f"{pk}_matched", used)
            plan.score_column = _free_name(f"{pk}_match_score", used)
            plan.columns.append(ColumnPlan(plan.matched_column, None, sk, supplementary.kinds[sk]))
            plan.columns.append(ColumnPlan(plan.score_column, None, None, "float"))
        else:
            by_text: dict[str, list[Any]] = {}
            for v in right:
                by_text.setdefault(_key_text(v), []).append(v)
            plan.key_pairs = [(v, w, 100.0) for v in left for w in by_text.get(_key_text(v), ())]
    plan.report["keys"] = stats


def _plain(v: Any) -> Any:
    if hasattr(v, "item") and callable(v.item):
        return v.item()
    if is_missing(v):
        return None
    return v if isinstance(v, (int, float, str, bool)) else str(v)


__all__ = ["ColumnPlan", "DISTINCT_LIMIT", "Plan", "make_plan"]
