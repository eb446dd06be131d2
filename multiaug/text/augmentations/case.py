"""Case changes (``change_case``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ...core.registry import Out, augmentation
from ..engine.draws import Draws
from ..engine.graphemes import graphemes
from ..engine.plan import run_docs
from ..engine.splice import Edit, coalesce_in_words
from ..engine.tokenize import Doc, may_protect
from ..modality import TEXT, fine_edits
from .parameters import Cadence, Protect, char_insertion_intensity


def _cased(s: str, case: str, draws: Draws | None) -> str:
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
    out = []
    pos = 0.0
    while int(pos) < n:
        out.append(int(pos))
        pos += cadence
    return out


@augmentation(TEXT, intensity=char_insertion_intensity)
def change_case(
    texts: str | list[str],
    granularity: Literal["all", "word", "char"] = "word",
    cadence: Cadence = 1.0,
    case: Literal["lower", "upper", "title", "random"] = "random",
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Change the case of the whole text, or of every ``cadence``-th word or character.

    Only words (runs of letters/digits) are changed: whitespace, punctuation, emoji, URLs,
    @mentions and #hashtags stay byte-identical. ``"title"`` capitalises each word (first letter
    upper, rest lower; unlike ``str.title`` it leaves ``don't`` alone). With ``granularity="all"``
    and ``case="random"`` one draw decides upper or lower for the whole document.

    Args:
        texts: a str or a list of str.
        granularity: "all" (whole text), "word" or "char" (characters of words, counted across the text).
        cadence: every ``cadence``-th unit is changed (>= 1; fractional cadences step by that many units).
        case: "lower", "upper", "title" or "random" (upper or lower per unit, drawn from ``seed``).
        seed: int, numpy Generator or None; only ``case="random"`` draws.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    draws = Draws(seed)

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

    if granularity == "all" and case != "title" and protect is None and not fine_edits(texts):
        return _whole_ascii_docs(texts, case, draws, edits)
    return run_docs(texts, protect, edits)


def _whole_ascii_docs(texts: list[str], case: str, draws: Draws, generic: Callable[[Doc], list[Edit]]) -> Out:
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

    return run_docs(texts, None, generic, fast=fast)
