"""Shared declarations of the text families: parameter types, intensity rules, the per-document driver."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from ..core.registry import Out
from ..core.spec import Check, Range, Unit
from ._edits import Doc, Draws, Edit, aug_count, choose, tokenize, valid_regex, word_set


def _str_list(v: Any) -> bool:
    return v is None or (isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v))


Prob = Annotated[float, Range(0.0, 1.0), Unit("probability")]
Count = Annotated[int, Range(0, None), Unit("units")]
MinChar = Annotated[int, Range(0, None), Unit("chars")]
OneOutput = Annotated[int, Range(1, 1)]
Cadence = Annotated[float, Range(1.0, None), Unit("units")]
WordList = Annotated[list | None, Check(_str_list, "must be None or a list of str")]
Protect = Annotated[str | None, Check(valid_regex, "must be None or a valid regular expression (str)")]

PROTECT_DOC = ("regular expression whose matches are never edited (URLs, e-mails, @mentions and "
               "#hashtags are always protected); None = only those.")


# --- intensity rules (AugLy §7) ------------------------------------------------------------------
def char_insertion_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if granularity == "all", else 100 / cadence."""
    return 100.0 if params["granularity"] == "all" else 100.0 / params["cadence"]


def replace_word_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_word_max == 0, else aug_word_p * 100."""
    return 0.0 if params["aug_word_max"] == 0 else params["aug_word_p"] * 100.0


def replace_granularity_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if granularity == "all", else (0 if aug_max == 0 else aug_p * 100)."""
    if params["granularity"] == "all":
        return 100.0
    return 0.0 if params["aug_max"] == 0 else params["aug_p"] * 100.0


def char_word_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_word_max * aug_char_max == 0, else aug_word_p * aug_char_p * 100."""
    if params["aug_word_max"] * params["aug_char_max"] == 0:
        return 0.0
    return params["aug_word_p"] * params["aug_char_p"] * 100.0


def aug_p_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if aug_max == 0, else aug_p * 100."""
    return 0.0 if params.get("aug_max", 1) == 0 else params["aug_p"] * 100.0


# --- driver --------------------------------------------------------------------------------------
def run_docs(texts: list[str], protect: str | None, make_edits: Callable[[Doc], list[Edit]],
             info: dict[str, Any] | None = None,
             fast: Callable[[str], tuple[str, list[dict[str, Any]]] | None] | None = None) -> Out:
    """Tokenise each document, ask ``make_edits`` for edits, splice them in; empty docs stay empty.
    ``fast``: a per-document shortcut giving (new text, edit records), or None to hand the document to the
    engine; it must draw nothing before it decides."""
    from ._edits import apply_edits

    outs: list[str] = []
    all_edits: list[list[dict[str, Any]]] = []
    for text in texts:
        if not text:
            outs.append(text)
            all_edits.append([])
            continue
        if fast is not None:
            done = fast(text)
            if done is not None:
                outs.append(done[0])
                all_edits.append(done[1])
                continue
        doc = tokenize(text, protect)
        new, recs = apply_edits(text, make_edits(doc))
        outs.append(new)
        all_edits.append(recs)
    return Out(outs, {**(info or {}), "edits": all_edits})


def select_words(doc: Doc, draws: Draws, p: float, lo: int | None, hi: int | None, *, min_char: int = 0,
                 priority: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset(),
                 keep: Callable[[str], bool] | None = None, vocab: Any = None) -> list[int]:
    """Indices of the words to augment (nlpaug-style count; priority words first; ignore/min_char/keep filter;
    ``vocab``: only words whose lower-case form is in it)."""
    text = doc.text
    if vocab is not None:
        if not (ignore or priority or keep) and min_char <= 1:
            cands = [i for i, (s, e) in enumerate(doc.words) if text[s:e].lower() in vocab]
            return choose(draws, cands, aug_count(len(cands), p, lo, hi))
        inner = keep
        keep = (lambda w: w.lower() in vocab) if inner is None else (lambda w: w.lower() in vocab and inner(w))
    if not (ignore or priority or keep):
        cands = [i for i, (s, e) in enumerate(doc.words) if e - s >= min_char] if min_char > 1 else \
            list(range(len(doc.words)))
        return choose(draws, cands, aug_count(len(cands), p, lo, hi))
    cands = []
    prio = []
    for i, (s, e) in enumerate(doc.words):
        if e - s < min_char:
            continue
        w = text[s:e]
        if ignore or priority:
            lw = w.lower()
            if lw in ignore:
                continue
            if lw in priority:
                prio.append(i)
        if keep is not None and not keep(w):
            continue
        cands.append(i)
    return choose(draws, cands, aug_count(len(cands), p, lo, hi), prio)


__all__ = [
    "PROTECT_DOC",
    "Cadence",
    "Count",
    "Draws",
    "MinChar",
    "OneOutput",
    "Prob",
    "Protect",
    "WordList",
    "aug_count",
    "choose",
    "run_docs",
    "select_words",
    "word_set",
]
