"""Planner of case changes (``change_case``): the whole text, or every ``cadence``-th word or character (grapheme)
of the words; whitespace, punctuation, emoji and protected tokens are never touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .draws import Draws
from .graphemes import graphemes
from .plan import Plan, plan_docs
from .splice import Edit, coalesce_in_words
from .tokenize import Doc, may_protect


def _cased(s: str, case: str, draws: Draws | None) -> str:
    """``s`` in ``case`` ("random": upper or lower, one draw)."""
    if case == "lower":
        return s.lower()
    if case == "upper":
        return s.upper()
    if case == "title":
        return s[:1].upper() + s[1:].lower()
    if draws is None:  # "random" always comes with draws; resolved per document for "all"
        raise RuntimeError("change_case: random case needs a generator")
    return s.upper() if draws.u() < 0.5 else s.lower()


def _stepped(n: int, cadence: float) -> list[int]:
    """Indices 0, cadence, 2·cadence … (truncated) below n."""
    out = []
    pos = 0.0
    while int(pos) < n:
        out.append(int(pos))
        pos += cadence
    return out


def plan_case_changes(texts: Sequence[str], granularity: str, cadence: float, case: str, protect: str | None,
                      draws: Draws, fine: bool) -> Plan:
    """The case edits of each document: ``granularity`` "all", "word" or "char", ``case`` "lower", "upper",
    "title" or "random" (one draw per changed unit; per document for "all"). ``fine``: the call carries spans, so
    the edits stay word-level (otherwise a plain ASCII document may be one edit)."""

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        out: list[Edit] = []
        if granularity == "all":
            c = case if case != "random" else ("upper" if draws.u() < 0.5 else "lower")
            for s, e in doc.words:
                out.append((s, e, _cased(text[s:e], c, None), f"case:{c}"))
            return out
        if granularity == "word":
            for k in _stepped(len(doc.words), cadence):
                s, e = doc.words[k]
                out.append((s, e, _cased(text[s:e], case, draws), "case"))
            return out
        units: list[tuple[int, int]] = []
        for s, e in doc.words:
            pos = s
            for g in graphemes(text[s:e]):
                units.append((pos, pos + len(g)))
                pos += len(g)
        for k in _stepped(len(units), cadence):
            s, e = units[k]
            out.append((s, e, _cased(text[s:e], case, draws), "case"))
        return coalesce_in_words(doc, out)

    if granularity == "all" and case != "title" and protect is None and not fine:
        return _whole_ascii_docs(texts, case, draws, edits)
    return plan_docs(texts, protect, edits)


def _whole_ascii_docs(texts: Sequence[str], case: str, draws: Draws, generic: Callable[[Doc], list[Edit]]) -> Plan:
    """granularity "all" with upper/lower/random case: an ASCII document without protected tokens is cased
    at once (every ASCII letter is inside a word, so this equals the word-by-word result) and recorded as
    one edit; other documents go through ``generic``. Both draw "random"'s case first and only. Calls that
    carry ``spans=`` never come here (their spans need word-level edits)."""
    u = draws.u

    def fast(text: str) -> list[Edit] | None:
        if not text.isascii() or may_protect(text):
            return None
        c = case if case != "random" else ("upper" if u() < 0.5 else "lower")
        return [(0, len(text), text.upper() if c == "upper" else text.lower(), f"case:{c}")]

    return plan_docs(texts, None, generic, fast=fast)
