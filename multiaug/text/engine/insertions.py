"""Planners of insertions: strings at the start / end / before random words (``insert_text``, ``insert_emoji``),
and a character every ``cadence`` graphemes (punctuation, whitespace, zero-width characters). Insertion points are
grapheme boundaries outside protected tokens, so clusters and URLs stay whole. Fast paths handle plain documents
(one code point per grapheme, nothing that may be protected) and draw exactly like the engine path."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Sequence

from .draws import Draws
from .graphemes import cluster_chars, simple_text
from .plan import Plan, plan_docs
from .splice import Edit, coalesce_insertions
from .tokenize import ASCII_WORD_SPLIT_RE, WORD_SPLIT_RE, Doc, may_protect, tokenize


def insertion_edits(doc: Doc, pieces: list[str], location: str, draws: Draws, op: str) -> list[Edit]:
    """Insert each piece at the start, the end, or before a random word (after the last one = end)."""
    text = doc.text
    n = len(doc.words)
    out: list[Edit] = []
    for piece in pieces:
        if location == "prepend":
            out.append((0, 0, piece + " ", op))
        elif location == "append":
            out.append((len(text), len(text), " " + piece, op))
        else:
            k = draws.below(n + 1)
            if k < n:
                p = doc.words[k][0]
                out.append((p, p, piece + " ", op))
            else:
                p = doc.words[-1][1] if n else len(text)
                out.append((p, p, " " + piece, op))
    out.sort(key=lambda ed: ed[0])
    return out


def plan_piece_insertions(texts: Sequence[str], pool: Sequence[str], num_insertions: int, location: str,
                          draws: Draws, op: str) -> Plan:
    """``num_insertions`` strings drawn from ``pool`` per document (with replacement), placed by
    :func:`insertion_edits`."""

    def edits(doc: Doc) -> list[Edit]:
        pieces = [draws.pick(pool) for _ in range(num_insertions)]
        return insertion_edits(doc, pieces, location, draws, op)

    return plan_docs(texts, None, edits)


def _points(doc: Doc, granularity: str, cadence: float) -> list[int]:
    """Offsets after every ``cadence``-th grapheme (whole text, or inside each word)."""
    out: list[int] = []
    if granularity == "all":
        groups = [doc.free_bounds()]
    else:
        b = doc.bounds
        groups = []
        for s, e in doc.words:
            lo, hi = bisect.bisect_left(b, s), bisect.bisect_right(b, e)
            groups.append(b[lo:hi])
    for bounds in groups:
        inner = len(bounds) - 1  # graphemes in this group
        pos = cadence
        while pos < inner:
            out.append(bounds[int(pos)])
            pos += cadence
    return out


def _every_char(doc: Doc, granularity: str, piece: str, op: str) -> list[Edit]:
    """Fast path for cadence 1 with one character and one code point per grapheme: str.join per word/gap.

    Gives exactly what the general path gives (one edit per word and per gap, same text)."""
    text = doc.text
    n = len(text)
    out: list[Edit] = []
    if granularity == "word":
        return [(s, e, piece.join(text[s:e]), op) for s, e in doc.words if e - s > 1]
    prot = set(doc.protected)
    units = sorted(doc.words + doc.protected) if doc.protected else doc.words
    last = 0
    for s, e in units:
        _gap(out, text, last, s, n, piece, op)
        if e - s > 1 and (s, e) not in prot:
            out.append((s, e, piece.join(text[s:e]), op))
        last = e
    _gap(out, text, last, n, n, piece, op)
    return out


def _gap(out: list[Edit], text: str, a: int, b: int, n: int, piece: str, op: str) -> None:
    """The edit of the gap [a, b): ``piece`` between its characters and at its inner edges."""
    if a == b:
        if 0 < a < n:
            out.append((a, a, piece, op))
        return
    new = piece.join(text[a:b])
    if a > 0:
        new = piece + new
    if b < n:
        new = new + piece
    out.append((a, b, new, op))


def plan_char_insertions(texts: Sequence[str], chars: tuple[str, ...], granularity: str, cadence: float, vary: bool,
                         protect: str | None, op: str, draws: Draws, fine: bool) -> Plan:
    """A character from ``chars`` after every ``cadence``-th grapheme (whole text or inside each word): one
    character drawn per document, or (``vary``) one per insertion point in text order. ``fine``: the call carries
    spans, so the edits are word/gap-level; otherwise whole stretches may be one edit."""

    def edits(doc: Doc) -> list[Edit]:
        fixed = draws.pick(chars)
        if cadence == 1.0 and not vary and simple_text(doc.text):
            return _every_char(doc, granularity, fixed, op)
        points = _points(doc, granularity, cadence)
        pieces = [(p, draws.pick(chars)) for p in points] if vary else [(p, fixed) for p in points]
        return coalesce_insertions(doc, pieces, op)

    if granularity == "all" and not fine:
        return _whole_segments(texts, chars, draws, protect, op, cadence, vary)
    if protect is None and not fine:
        return _plain_words(texts, chars, draws, op, cadence, vary, edits)
    return plan_docs(texts, protect, edits)


def _plain_words(texts: Sequence[str], chars: tuple[str, ...], draws: Draws, op: str, cadence: float, vary: bool,
                 generic: Callable[[Doc], list[Edit]]) -> Plan:
    """granularity "word" on plain documents (one code point per grapheme, nothing that may be protected): one
    regex split, each word interleaved, one edit per document. Other documents go through ``generic`` (one
    edit per word). Both draw the document's character first, then (``vary``) one per point in text order.
    Calls that carry ``spans=`` never come here (their spans need word-level edits)."""
    joiners = cluster_chars()
    u = draws.u
    nc = len(chars)

    def fast(text: str) -> list[Edit] | None:
        ascii_text = text.isascii()
        if not (ascii_text or joiners.isdisjoint(text)) or may_protect(text):
            return None
        piece = chars[int(u() * nc)]
        parts = (ASCII_WORD_SPLIT_RE if ascii_text else WORD_SPLIT_RE).split(text)
        if cadence == 1.0 and not vary:
            parts[1::2] = [piece.join(w) for w in parts[1::2]]
        else:
            parts[1::2] = [_interleave(w, cadence, None if vary else piece, chars, draws) for w in parts[1::2]]
        return [(0, len(text), "".join(parts), op)]

    return plan_docs(texts, None, generic, fast=fast)


def _whole_segments(texts: Sequence[str], chars: tuple[str, ...], draws: Draws, protect: str | None, op: str,
                    cadence: float = 1.0, vary: bool = False) -> Plan:
    """granularity "all", recorded coarsely: one edit per stretch between protected tokens (one per document
    when it has none), holding the stretch's characters with the insertions between them.

    Plain documents (one code point per grapheme, nothing that may be protected) are interleaved directly;
    the others get the engine's insertion points (grapheme boundaries outside protected tokens). Every path
    draws the document's character first, then (``vary``) one per insertion point in text order: the text is
    the same as with word/gap edits. Calls that carry ``spans=`` never come here (their spans need word-level
    edits)."""
    joiners = cluster_chars()
    u = draws.u
    nc = len(chars)
    every = cadence == 1.0 and not vary

    def whole(text: str) -> list[Edit]:
        simple = text.isascii() and "\r" not in text or joiners.isdisjoint(text)
        if simple and protect is None and not may_protect(text):
            piece = chars[int(u() * nc)]
            new = piece.join(text) if every else _interleave(text, cadence, None if vary else piece, chars, draws)
            return [(0, len(text), new, op)]
        doc = tokenize(text, protect)
        fixed = chars[int(u() * nc)]
        if every and simple:
            return _between(text, doc.protected, fixed, op)
        points = _points(doc, "all", cadence)
        pieces = [(p, chars[int(u() * nc)]) for p in points] if vary else [(p, fixed) for p in points]
        return coalesce_insertions(Doc(text, doc.protected, []), pieces, op)  # stretches

    return plan_docs(texts, protect, lambda doc: [], fast=whole)  # ``whole`` takes every document


def _interleave(text: str, cadence: float, piece: str | None, chars: tuple[str, ...], draws: Draws) -> str:
    """``text`` with a character after every ``cadence``-th code point (the points of :func:`_points`);
    ``piece`` None: one drawn character per point, in text order."""
    n = len(text)
    if cadence == 1.0:
        segs: list[str] | str = text
    elif float(cadence).is_integer() and cadence < n:  # whole steps: the float accumulation is exact
        c = int(cadence)
        segs = [text[i:i + c] for i in range(0, n, c)]
    else:
        cuts = [0]
        pos = cadence
        while pos < n:  # the same float accumulation as _points
            cuts.append(int(pos))
            pos += cadence
        if len(cuts) == 1:
            return text
        cuts.append(n)
        segs = [text[cuts[i]:cuts[i + 1]] for i in range(len(cuts) - 1)]
    if piece is not None:
        return piece.join(segs)
    nc = float(len(chars))
    pieces = map(chars.__getitem__, map(int, map(nc.__mul__, draws.take(len(segs) - 1))))
    return segs[0] + "".join(map(operator.add, pieces, segs[1:]))


def _between(text: str, prot: list[tuple[int, int]], piece: str, op: str) -> list[Edit]:
    """One edit per stretch between protected tokens (``piece`` after every character, and at the stretch's
    edges except the text's ends): the same text as one edit per word and gap."""
    n = len(text)
    out: list[Edit] = []
    last = 0
    for s, e in prot:
        _gap(out, text, last, s, n, piece, op)
        last = e
    _gap(out, text, last, n, n, piece, op)
    return out
