"""Fuzzy key matching with blocking: ``"ACME Corp."`` ↔ ``"Acme Corporation"``.

1. Every key gets a canonical form (:func:`canonical_key`): accents stripped, case folded, punctuation dropped,
   ``&`` → ``and``, company suffixes and common abbreviations expanded (:data:`KEY_WORDS`), tokens sorted.
2. Keys with the same canonical form match with score 100 (``normalised``).
3. The remaining primary keys are compared only with supplementary keys that share a **block**: the first
   ``block_chars`` or the last ``block_chars`` characters of the canonical form (two passes, so one typo at either
   end still meets its partner). Blocks larger than ``max_block`` are split by one more character.
   Inside a block, rapidfuzz's Indel ratio of the canonical forms (= ``token_sort_ratio`` of the keys) is computed
   in bulk (``process.cdist`` with a score cut-off); the best supplementary key(s) at or above ``threshold`` win.
   Several supplementary keys tied for best make a **one-to-many** match; all of them are returned.

A key whose both ends carry a typo is missed (recall < 1); the tests measure precision and recall on a known truth
table.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .._deps import rapidfuzz

#: whole-word rewrites applied to keys (company suffixes and frequent abbreviations)
KEY_WORDS: dict[str, str] = {
    "corp": "corporation", "co": "company", "cos": "companies", "inc": "incorporated", "incorp": "incorporated",
    "ltd": "limited", "ltda": "limited", "llc": "llc", "plc": "plc", "gmbh": "gmbh", "intl": "international",
    "int'l": "international", "mfg": "manufacturing", "bros": "brothers", "assoc": "associates",
    "assn": "association", "dept": "department", "univ": "university", "grp": "group", "hldgs": "holdings",
    "svcs": "services", "svc": "service", "tech": "technology", "techs": "technologies", "sys": "systems",
    "mgmt": "management", "natl": "national", "st": "saint", "mt": "mount", "ft": "fort", "&": "and",
}
_STOP = frozenset({"the"})
_PUNCT = str.maketrans({c: " " for c in string.punctuation if c not in "&'"})
_NON_WORD = re.compile(r"[^\w&']+")


def canonical_key(value: object) -> str:
    """The canonical form of a key (see the module docstring); ``""`` for an empty key."""
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
        text = _NON_WORD.sub(" ", "".join(c for c in text if not unicodedata.combining(c)))
    text = text.casefold().replace("&", " & ").translate(_PUNCT)
    tokens = []
    for tok in text.split():
        tok = tok.strip("'")
        if tok and tok not in _STOP:
            tokens.append(KEY_WORDS.get(tok, tok))
    return " ".join(sorted(tokens))


@dataclass(frozen=True)
class KeyMatch:
    """Primary key index ``left`` matched supplementary key index ``right`` with ``score`` (0–100) by ``how``
    (``exact``, ``normalised`` or ``fuzzy``)."""

    left: int
    right: int
    score: float
    how: str


def match_keys(
    left: Sequence[object],
    right: Sequence[object],
    *,
    threshold: float = 90.0,
    block_chars: int = 3,
    max_block: int = 4000,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[KeyMatch]:
    """Match distinct primary keys to distinct supplementary keys.

    Args:
        left: distinct primary key values.
        right: distinct supplementary key values.
        threshold: minimum similarity in [0, 100] for a fuzzy match.
        block_chars: characters of the canonical form's start / end that define a block (>= 1).
        max_block: blocks with more supplementary keys than this are split by one more character (>= 1).
        workers: threads rapidfuzz may use inside one block comparison (1 = deterministic single thread; the
            result does not depend on it).
        progress: ``progress(done, total)`` called as the primary keys left for fuzzy matching are processed.

    Returns:
        Matches sorted by (left, right); a left index appears once per tied best right key.
    """

    rf = rapidfuzz()
    canon_l = [canonical_key(v) for v in left]
    canon_r = [canonical_key(v) for v in right]
    raw_r: dict[str, list[int]] = {}
    for j, v in enumerate(right):
        raw_r.setdefault(str(v), []).append(j)
    by_canon: dict[str, list[int]] = {}
    for j, c in enumerate(canon_r):
        if c:
            by_canon.setdefault(c, []).append(j)
    matches: list[KeyMatch] = []
    pending: list[int] = []
    for i, (v, c) in enumerate(zip(left, canon_l)):
        if not c:
            continue
        hits = by_canon.get(c)
        if hits:
            raw = set(raw_r.get(str(v), ()))
            matches.extend(KeyMatch(i, j, 100.0, "exact" if j in raw else "normalised") for j in hits)
        else:
            pending.append(i)
    if pending and by_canon:
        best: dict[int, tuple[float, list[int]]] = {}
        right_ids = [j for j, c in enumerate(canon_r) if c]
        for ends in ("head", "tail"):
            blocks_l = _blocks(pending, canon_l, ends, block_chars)
            blocks_r = _blocks(right_ids, canon_r, ends, block_chars)
            for bkey in sorted(blocks_l):
                rj = blocks_r.get(bkey)
                if not rj:
                    continue
                for li, rjs in _split_large(blocks_l[bkey], rj, canon_l, canon_r, ends, block_chars, max_block):
                    _score_block(rf, li, rjs, canon_l, canon_r, threshold, workers, best)
            if progress is not None:
                progress(len(pending) if ends == "tail" else len(pending) // 2, len(pending))
        for i in pending:
            if i in best:
                score, js = best[i]
                matches.extend(KeyMatch(i, j, score, "fuzzy") for j in sorted(set(js)))
    matches.sort(key=lambda m: (m.left, m.right))
    return matches


def _blocks(ids: Sequence[int], canon: Sequence[str], ends: str, n: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in ids:
        c = canon[i].replace(" ", "")
        out.setdefault(c[:n] if ends == "head" else c[-n:], []).append(i)
    return out


def _split_large(li: list[int], rj: list[int], canon_l: Sequence[str], canon_r: Sequence[str], ends: str, n: int,
                 max_block: int) -> list[tuple[list[int], list[int]]]:
    """Split a block whose supplementary side exceeds ``max_block`` by one more character (recursively)."""
    if len(rj) <= max_block or n >= 12:
        return [(li, rj)]
    sub_l = _blocks(li, canon_l, ends, n + 1)
    sub_r = _blocks(rj, canon_r, ends, n + 1)
    out: list[tuple[list[int], list[int]]] = []
    for key in sorted(sub_l):
        if key in sub_r:
            out.extend(_split_large(sub_l[key], sub_r[key], canon_l, canon_r, ends, n + 1, max_block))
    return out


def _score_block(rf, li: list[int], rj: list[int], canon_l: Sequence[str], canon_r: Sequence[str], threshold: float,
                 workers: int, best: dict[int, tuple[float, list[int]]]) -> None:
    scores = rf.process.cdist([canon_l[i] for i in li], [canon_r[j] for j in rj], scorer=rf.fuzz.ratio,
                              score_cutoff=threshold, dtype=np.float32, workers=workers)
    top = scores.max(axis=1)
    for row in np.flatnonzero(top >= threshold):
        i = li[row]
        score = round(float(top[row]), 2)
        js = [rj[k] for k in np.flatnonzero(scores[row] == top[row])]
        old = best.get(i)
        if old is None or score > old[0]:
            best[i] = (score, js)
        elif score == old[0]:
            old[1].extend(js)


__all__ = ["KEY_WORDS", "KeyMatch", "canonical_key", "match_keys"]
