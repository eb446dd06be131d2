"""Planners of whole-text rewrites done a line (or a stretch between protected tokens) at a time, with one edit
each: the fast paths of bidirectional overrides, upside-down text and fun fonts.

Each planner handles *plain* documents itself and hands every other document to the engine (``generic``: the
augmentation's own per-document edits), drawing from the same stream in the same order, so the plan's text never
depends on which path a document took. Calls that carry ``spans=`` (``fine`` edits) use word-level edits
instead where the coarse edit would swallow a span: their callers do not come here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .draws import Draws
from .graphemes import cluster_chars
from .plan import Plan, plan_docs
from .splice import Edit
from .tokenize import Doc, may_protect, tokenize


def plain(text: str, joiners: frozenset[str]) -> bool:
    """One line, one code point per grapheme, no character that may start a protected token."""
    return ((text.isascii() or joiners.isdisjoint(text)) and "\n" not in text and "\r" not in text
            and not may_protect(text))


def plan_line_rewrites(texts: Sequence[str], protect: str | None, rewrite: Callable[[str], str], op: str,
                       generic: Callable[[Doc], list[Edit]], stretches: bool = True) -> Plan:
    """Whole-line rewrites: a plain document (see :func:`plain`) is its own single segment, trimmed of
    surrounding whitespace, rewritten with ``rewrite`` (simple text only): one edit. ``stretches``: a one-line
    simple document with protected tokens gets one edit per stretch between them (trimmed; what the engine's
    line segments give). Every other document goes through ``generic``."""
    joiners = cluster_chars()

    def fast(text: str) -> list[Edit] | None:
        if protect is None and plain(text, joiners):
            core = text.strip()
            if not core:
                return []
            s = 0 if core is text else len(text) - len(text.lstrip())
            return [(s, s + len(core), rewrite(core), op)]
        if stretches and (text.isascii() or joiners.isdisjoint(text)) and "\n" not in text and "\r" not in text:
            return stretch_edits(text, tokenize(text, protect).protected, rewrite, op)
        return None

    return plan_docs(texts, protect, generic, fast=fast)


def stretch_edits(text: str, prot: list[tuple[int, int]], rewrite: Callable[[str], str], op: str) -> list[Edit]:
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


def plan_restyled_stretches(texts: Sequence[str], protect: str | None, fonts: list[dict[str, Any]],
                            translation: Callable[[dict[str, Any]], dict[int, str]], draws: Draws,
                            generic: Callable[[Doc], list[Edit]]) -> Plan:
    """granularity "all" with one font per document, on documents with one code point per grapheme: translate
    each stretch between protected tokens at once (the font maps letters/digits only, and every letter/digit
    outside protected tokens belongs to a word, so the text equals the word-by-word result): one edit per
    stretch. Other documents go through ``generic``. Both draw the document's font first and only."""
    joiners = cluster_chars()
    u = draws.u
    nf = len(fonts)

    def fast(text: str) -> list[Edit] | None:
        if not (text.isascii() and "\r" not in text or joiners.isdisjoint(text)):
            return None
        font = fonts[int(u() * nf)]
        tt = translation(font)
        op = f"font:{font['name']}"
        if protect is None and not may_protect(text):
            return [(0, len(text), text.translate(tt), op)]
        stretches, last = [], 0
        for a, b in tokenize(text, protect).protected:
            if a > last:
                stretches.append((last, a, text[last:a].translate(tt), op))
            last = b
        if last < len(text):
            stretches.append((last, len(text), text[last:].translate(tt), op))
        return stretches

    return plan_docs(texts, protect, generic, fast=fast)
