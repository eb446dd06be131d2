"""Splicing edits into a document: every character outside the edits stays byte-identical.

Augmentations (their planners) produce non-overlapping edits ``(start, end, replacement, op)``; :func:`apply_edits`
splices them in and returns the edit records ``{"start", "end", "new_start", "new_end", "old", "new", "op"}``
that the modality uses to re-align user spans (:mod:`.spans`). :func:`apply_plan` does it for a batch: the
body of every planned text augmentation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any

from ...core.registry import Out
from .tokenize import Doc

Edit = tuple[int, int, str, str]  # (start, end, replacement, op)
_WORDISH = re.compile(r"\w{1,3}")


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[dict[str, Any]]]:
    """Splice non-overlapping ``edits`` into ``text``; everything else stays byte-identical.

    Edits are sorted by position here; two edits may touch but not overlap (several insertions at
    one offset are kept in the given order). Returns the new text and the edit records.
    """
    ordered = edits if isinstance(edits, list) else list(edits)
    out = _splice(text, ordered)
    if out is None:  # not in order: sort (stable, so insertions at one offset keep their order) and retry
        out = _splice(text, sorted(ordered, key=lambda ed: (ed[0], ed[1])))
        if out is None:
            raise RuntimeError("overlapping text edits")
    return out


def _splice(text: str, ordered: list[Edit]) -> tuple[str, list[dict[str, Any]]] | None:
    parts: list[str] = []
    records: list[dict[str, Any]] = []
    add_part = parts.append
    add_record = records.append
    n = len(text)
    last = 0
    delta = 0
    for s, e, new, op in ordered:
        if s < last:
            return None
        if e < s or e > n:
            raise RuntimeError(f"invalid text edit ({s}, {e}) for a text of length {n}")
        old = text[s:e]
        if old == new:
            continue
        add_part(text[last:s])
        add_part(new)
        ns = s + delta
        add_record({"start": s, "end": e, "new_start": ns, "new_end": ns + len(new), "old": old, "new": new,
                    "op": op})
        delta += len(new) - e + s
        last = e
    if not records:
        return text, []
    add_part(text[last:])
    return "".join(parts), records


def coalesce_insertions(doc: Doc, inserts: Sequence[tuple[int, str]], op: str) -> list[Edit]:
    """Turn sorted insertions ``(offset, piece)`` into one replacement per word (for insertions strictly
    inside it) and one per gap between words/protected tokens (insertions at or between the gap's edges).

    Same output text, far fewer edit records. Spans aligned on words move exactly as with single
    insertions: a gap edit starts at the previous word's end and ends at the next word's start."""
    text = doc.text
    units = sorted(doc.words + doc.protected) if doc.protected else doc.words  # protected tokens bound gaps too
    nu = len(units)
    n = len(inserts)
    out: list[Edit] = []
    i = j = 0
    while i < n:
        p = inserts[i][0]
        while j < nu and units[j][1] <= p:
            j += 1
        if j < nu and units[j][0] < p:  # strictly inside unit j
            a, b = units[j]
            inside = True
        else:  # in the gap before unit j (edges included)
            a = units[j - 1][1] if j > 0 else 0
            b = units[j][0] if j < nu else len(text)
            inside = False
        parts = []
        last = a
        while i < n:
            q, piece = inserts[i]
            if q > b or (inside and q == b):
                break
            parts.append(text[last:q])
            parts.append(piece)
            last = q
            i += 1
        parts.append(text[last:b])
        out.append((a, b, "".join(parts), op))
    return out


def coalesce_in_words(doc: Doc, edits: Sequence[Edit]) -> list[Edit]:
    """Merge sorted character edits that fall inside the same word into one edit of that word (the
    op of its first edit); edits outside words are kept as they are. Same text, fewer records."""
    text, words = doc.text, doc.words
    out: list[Edit] = []
    j = 0
    nw = len(words)
    i = 0
    n = len(edits)
    while i < n:
        s, e, _, op = edits[i]
        while j < nw and words[j][1] <= s:
            j += 1
        if j >= nw or not (words[j][0] <= s and e <= words[j][1]):
            out.append(edits[i])
            i += 1
            continue
        a, b = words[j]
        parts = []
        last = a
        while i < n and edits[i][1] <= b:
            s2, e2, new2, _ = edits[i]
            parts.append(text[last:s2])
            parts.append(new2)
            last = e2
            i += 1
        parts.append(text[last:b])
        out.append((a, b, "".join(parts), op))
    return out


def diff_edits(old: str, new: str, op: str) -> list[Edit]:
    """Character-level edits turning ``old`` into ``new`` (for functions given as black boxes)."""
    if old == new:
        return []
    # trim the common prefix and suffix (cheap), diff only the middle
    lo = 0
    top = min(len(old), len(new))
    while lo < top and old[lo] == new[lo]:
        lo += 1
    hi = 0
    while hi < top - lo and old[len(old) - 1 - hi] == new[len(new) - 1 - hi]:
        hi += 1
    a, b = old[lo:len(old) - hi], new[lo:len(new) - hi]
    if not a or not b or len(a) * len(b) > _DIFF_LIMIT:  # pure insert/delete, or too big to diff: one edit
        return [(lo, len(old) - hi, b, op)]
    return [(i1 + lo, i2 + lo, new_piece, op) for i1, i2, new_piece, op in _diff_middle(a, b, op)]


_DIFF_LIMIT = 4_000_000  # characters² above which the middle is replaced as one edit (difflib is quadratic)


def _diff_middle(old: str, new: str, op: str) -> list[Edit]:
    sm = SequenceMatcher(None, old, new, autojunk=False)
    merged: list[list[int]] = []  # [i1, i2, j1, j2]
    last_equal: tuple[int, int] | None = None
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            last_equal = (i1, i2)
            continue
        # join edits separated only by a few word characters ("big" → "huge" is one edit, not "bi"+"e")
        if merged and last_equal is not None and _WORDISH.fullmatch(old, *last_equal):
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
        last_equal = None
    return [(i1, i2, new[j1:j2], op) for i1, i2, j1, j2 in merged]


def whole_record(text: str, new: str, op: str) -> list[dict[str, Any]]:
    """The edit record of a document rewritten as a whole (none when nothing changed)."""
    if new == text:
        return []
    return [{"start": 0, "end": len(text), "new_start": 0, "new_end": len(new), "old": text, "new": new, "op": op}]



def apply_plan(texts: Sequence[str], plan: Sequence[Sequence[Edit]], info: dict[str, Any] | None = None) -> Out:
    """Splice each document's planned edits in: the new documents, with their edit records in ``info["edits"]``."""
    outs: list[str] = []
    all_edits: list[list[dict[str, Any]]] = []
    for text, edits in zip(texts, plan):
        if edits:
            new, recs = apply_edits(text, edits if isinstance(edits, list) else list(edits))
        else:
            new, recs = text, []
        outs.append(new)
        all_edits.append(recs)
    return Out(outs, {**(info or {}), "edits": all_edits})
