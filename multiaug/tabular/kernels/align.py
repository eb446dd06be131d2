"""Fuzzy column alignment: which supplementary column holds the same attribute as which primary column.

Every (primary, supplementary) pair gets a score in [0, 1] built from three pieces of evidence:

* **name** — :func:`~multiaug.tabular.kernels.names.name_similarity` (canonical tokens, token-set and edit ratio);
* **values** — :func:`~multiaug.tabular.kernels.evidence.value_overlap`, the share of distinct values the columns
  share; it can only raise the score: ``score = name + (1 - name) * VALUE_WEIGHT * overlap``;
* **types** — incompatible kinds (a date column vs a free-text column) multiply the score by ``TYPE_PENALTY``.

Pairs at or above ``threshold`` are accepted greedily, best first, one-to-one. A column whose two best candidates
are both above the threshold and within ``margin`` of each other is **ambiguous**: :func:`align_columns` lists it
instead of guessing, and the caller refuses it with a message asking for an explicit ``columns={...}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .evidence import ColumnProfile, compatible, value_overlap
from .names import name_similarity, normalise_name

VALUE_WEIGHT = 0.5
TYPE_PENALTY = 0.6


@dataclass(frozen=True)
class Pairing:
    """One scored candidate pairing (primary column ↔ supplementary column)."""

    primary: str
    supplementary: str
    score: float
    name: float
    overlap: float
    types: str
    how: str = "fuzzy"  # exact | normalised | fuzzy | override

    def to_json(self) -> dict[str, object]:
        return {"primary": self.primary, "supplementary": self.supplementary, "score": self.score,
                "name_similarity": self.name, "value_overlap": self.overlap, "types": self.types, "how": self.how}


@dataclass
class Alignment:
    """The result of :func:`align_columns`.

    Attributes:
        pairs: accepted pairings, in primary column order.
        candidates: every pairing scored at or above ``report_floor`` (for the report), best first.
        ambiguous: ``(column, [candidates])`` for columns refused as ambiguous.
        unmatched_primary / unmatched_supplementary: columns left without a partner.
    """

    pairs: list[Pairing] = field(default_factory=list)
    candidates: list[Pairing] = field(default_factory=list)
    ambiguous: list[tuple[str, list[Pairing]]] = field(default_factory=list)
    unmatched_primary: list[str] = field(default_factory=list)
    unmatched_supplementary: list[str] = field(default_factory=list)

    def mapping(self) -> dict[str, str]:
        """primary column → supplementary column."""
        return {p.primary: p.supplementary for p in self.pairs}


def score_pair(a: ColumnProfile, b: ColumnProfile) -> Pairing:
    """Score one (primary, supplementary) pairing; see the module docstring for the formula."""
    if a.name == b.name:
        how, name = "exact", 1.0
    else:
        name = name_similarity(a.name, b.name)
        how = "normalised" if name == 1.0 else "fuzzy"
    overlap = value_overlap(a, b)
    ok, types = compatible(a, b)
    score = name + (1.0 - name) * VALUE_WEIGHT * overlap
    if not ok:
        score *= TYPE_PENALTY
    return Pairing(a.name, b.name, round(score, 4), name, overlap, types, how)


def align_columns(
    primary: Sequence[ColumnProfile],
    supplementary: Sequence[ColumnProfile],
    *,
    threshold: float = 0.8,
    margin: float = 0.05,
    exact_only: bool = False,
    overrides: Mapping[str, str] | None = None,
    report_floor: float = 0.5,
) -> Alignment:
    """Pair primary columns with supplementary columns.

    Args:
        primary / supplementary: column profiles (:func:`~multiaug.tabular.kernels.evidence.profile_values`).
        threshold: minimum score in [0, 1] for a pairing to be accepted.
        margin: two candidates within this score distance (in [0, 1]) of each other make a column ambiguous.
        exact_only: pair only columns whose names are identical (``match="exact"``).
        overrides: primary → supplementary pairs fixed by the caller (accepted first, whatever their score).
        report_floor: candidates scoring below this are left out of ``candidates``.

    Returns:
        An :class:`Alignment`. Names in ``overrides`` must exist (the caller checks).
    """
    overrides = dict(overrides or {})
    out = Alignment()
    by_name_b = {b.name: b for b in supplementary}
    by_name_a = {a.name: a for a in primary}
    used_a: set[str] = set()
    used_b: set[str] = set()
    for pa, sb in overrides.items():
        pairing = score_pair(by_name_a[pa], by_name_b[sb])
        out.pairs.append(Pairing(pa, sb, pairing.score, pairing.name, pairing.overlap, pairing.types, "override"))
        used_a.add(pa)
        used_b.add(sb)
    scored: list[Pairing] = []
    for a in primary:
        if a.name in used_a:
            continue
        for b in supplementary:
            if b.name in used_b:
                continue
            if exact_only:
                if a.name == b.name:
                    scored.append(score_pair(a, b))
                continue
            scored.append(score_pair(a, b))
    scored.sort(key=lambda p: (-p.score, -(p.how == "exact"), p.primary, p.supplementary))
    out.candidates = [p for p in scored if p.score >= report_floor or p.how == "exact"]
    ambiguous: dict[str, list[Pairing]] = {}
    # stage 1: identical names, then identical canonical names (an identical spelling beats any look-alike)
    for stage in (("exact",), ("normalised",)):
        stage_pairs = [p for p in scored if p.how in stage and p.score >= threshold]
        _accept(stage_pairs, used_a, used_b, out.pairs, ambiguous, margin=1.0)
    # stage 2: fuzzy candidates among the columns still free
    fuzzy = [p for p in scored if p.how == "fuzzy" and p.score >= threshold]
    _accept(fuzzy, used_a, used_b, out.pairs, ambiguous, margin=margin)
    out.ambiguous = sorted(ambiguous.items())
    order = {a.name: i for i, a in enumerate(primary)}
    out.pairs.sort(key=lambda p: order[p.primary])
    out.unmatched_primary = [a.name for a in primary if a.name not in used_a]
    out.unmatched_supplementary = [b.name for b in supplementary if b.name not in used_b]
    return out


def _accept(pairs: list[Pairing], used_a: set[str], used_b: set[str], accepted: list[Pairing],
            ambiguous: dict[str, list[Pairing]], *, margin: float) -> None:
    """Accept ``pairs`` (sorted best first) greedily among free columns; a column whose two best free candidates
    are within ``margin`` is recorded in ``ambiguous`` and left unpaired (``margin=1.0``: any second candidate)."""
    free = [p for p in pairs if p.primary not in used_a and p.supplementary not in used_b]
    for side in ("primary", "supplementary"):
        groups: dict[str, list[Pairing]] = {}
        for p in free:
            groups.setdefault(getattr(p, side), []).append(p)
        for col, cands in groups.items():
            if len(cands) >= 2 and cands[0].score - cands[1].score < margin:
                ambiguous[f"{side}:{col}"] = cands[:4]
    for p in free:
        if p.primary in used_a or p.supplementary in used_b:
            continue
        if f"primary:{p.primary}" in ambiguous or f"supplementary:{p.supplementary}" in ambiguous:
            continue
        accepted.append(p)
        used_a.add(p.primary)
        used_b.add(p.supplementary)


def canonical_names(names: Sequence[str]) -> dict[str, str]:
    """name → canonical spelling (``normalise_name``), for reports."""
    return {n: normalise_name(n) for n in names}


__all__ = ["Alignment", "Pairing", "TYPE_PENALTY", "VALUE_WEIGHT", "align_columns", "canonical_names", "score_pair"]
