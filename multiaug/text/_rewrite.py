"""Whole-text rewrites done a document (or a line / a stretch between protected tokens) at a time, with one
edit record each: the fast paths of ``unicode.py`` (bidirectional overrides, upside-down text, fun fonts).

Each loop handles *plain* documents inline and hands every other document to the engine (``generic``: the
augmentation's own per-document edits), drawing from the same stream in the same order, so the output text
never depends on which path a document took. Calls that carry ``spans=`` use word-level edits instead where
the coarse record would swallow a span (see ``_modality.fine_edits``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.registry import Out
from ._common import run_docs
from ._edits import (
    ASCII_WORD_SPLIT_RE,
    WORD_SPLIT_RE,
    Doc,
    Draws,
    Edit,
    _cluster_chars,
    apply_edits,
    may_protect,
    tokenize,
    whole_record,
)

RLO, PDF = "\u202e", "\u202c"


def plain(text: str, joiners: frozenset[str]) -> bool:
    """One line, one code point per grapheme, no character that may start a protected token."""
    return ((text.isascii() or joiners.isdisjoint(text)) and "\n" not in text and "\r" not in text
            and not may_protect(text))


def rewrite_lines(texts: list[str], protect: str | None, rewrite: Callable[[str], str], op: str,
                  generic: Callable[[Doc], list[Edit]], stretches: bool = True) -> Out:
    """Whole-line rewrites: a plain document (see :func:`plain`) is its own single segment, trimmed of
    surrounding whitespace, rewritten with ``rewrite`` (simple text only) and recorded as one edit.
    ``stretches``: a one-line simple document with protected tokens gets one edit per stretch between them
    (trimmed; what the engine's line segments give). Every other document goes through ``generic``."""
    joiners = _cluster_chars()

    def fast(text: str) -> tuple[str, list[dict[str, Any]]] | None:
        if protect is None and plain(text, joiners):
            core = text.strip()
            new_core = rewrite(core) if core else core
            if new_core == core:
                return text, []
            s = 0 if core is text else len(text) - len(text.lstrip())
            e = s + len(core)
            return (new_core if core is text else text[:s] + new_core + text[e:],
                    [{"start": s, "end": e, "new_start": s, "new_end": s + len(new_core), "old": core,
                      "new": new_core, "op": op}])
        if stretches and (text.isascii() or joiners.isdisjoint(text)) and "\n" not in text and "\r" not in text:
            return apply_edits(text, _stretch_edits(text, tokenize(text, protect).protected, rewrite, op))
        return None

    return run_docs(texts, protect, generic, fast=fast)


def _stretch_edits(text: str, prot: list[tuple[int, int]], rewrite: Callable[[str], str], op: str) -> list[Edit]:
    """``rewrite`` of every stretch between protected tokens, trimmed of surrounding whitespace."""
    out: list[Edit] = []
    last = 0
    for a, b in [*prot, (len(text), len(text))]:
        if a > last:
            seg = text[last:a]
            core = seg.strip()
            if core:
                s = last + len(seg) - len(seg.lstrip())
                out.append((s, s + len(core), rewrite(core), op))
        last = max(last, b)
    return out


def bidi_words(line: str) -> str:
    """Every word of a simple (one code point per grapheme) line reversed inside an override."""
    parts = (ASCII_WORD_SPLIT_RE if line.isascii() else WORD_SPLIT_RE).split(line)
    parts[1::2] = [RLO + w[::-1] + PDF for w in parts[1::2]]
    return "".join(parts)


def bidi_split_words(line: str) -> str:
    """Every word of 2+ characters of a simple line: first half kept, second half reversed in an override."""
    parts = (ASCII_WORD_SPLIT_RE if line.isascii() else WORD_SPLIT_RE).split(line)
    parts[1::2] = [w if len(w) < 2 else w[:len(w) // 2] + RLO + w[len(w) // 2:][::-1] + PDF for w in parts[1::2]]
    return "".join(parts)


def alnum_keys(font: dict[str, Any]) -> bool:
    """True when the font only maps letters/digits (every such character of a text is inside a word)."""
    ok = font.get("_alnum")
    if ok is None:
        ok = font["_alnum"] = all(isinstance(k, str) and len(k) == 1 and k.isalnum() for k in font["map"])
    return bool(ok)


def restyle_stretches(texts: list[str], protect: str | None, fonts: list[dict[str, Any]],
                      translation: Callable[[dict[str, Any]], dict[int, str]], draws: Draws,
                      generic: Callable[[Doc], list[Edit]]) -> Out:
    """granularity "all" with one font per document, on documents with one code point per grapheme: translate
    each stretch between protected tokens at once (the font maps letters/digits only, and every letter/digit
    outside protected tokens belongs to a word, so the text equals the word-by-word result), recorded as one
    edit per stretch. Other documents go through ``generic``. Both draw the document's font first and only.
    Calls that carry ``spans=`` never come here (their spans need word-level edits)."""
    joiners = _cluster_chars()
    u = draws.u
    nf = len(fonts)

    def fast(text: str) -> tuple[str, list[dict[str, Any]]] | None:
        if not (text.isascii() and "\r" not in text or joiners.isdisjoint(text)):
            return None
        font = fonts[int(u() * nf)]
        tt = translation(font)
        op = f"font:{font['name']}"
        if protect is None and not may_protect(text):
            new = text.translate(tt)
            return new, whole_record(text, new, op)
        cuts = tokenize(text, protect).protected
        stretches, last = [], 0
        for a, b in cuts:
            if a > last:
                stretches.append((last, a, text[last:a].translate(tt), op))
            last = b
        if last < len(text):
            stretches.append((last, len(text), text[last:].translate(tt), op))
        return apply_edits(text, stretches)

    return run_docs(texts, protect, generic, fast=fast)
