"""Bidirectional overrides: text stored reversed inside a right-to-left override (U+202E … U+202C) so that it
displays unchanged."""

from __future__ import annotations

from ..engine.graphemes import graphemes, simple_text
from ..engine.tokenize import ASCII_WORD_SPLIT_RE, WORD_SPLIT_RE

RLO, PDF = "\u202e", "\u202c"


def reverse_graphemes(s: str) -> str:
    """``s`` reversed cluster by cluster (combining marks stay on their letter)."""
    if simple_text(s):
        return s[::-1]
    return "".join(reversed(graphemes(s)))


def override(s: str) -> str:
    """``s`` reversed inside an override: displays as ``s``."""
    return RLO + reverse_graphemes(s) + PDF


def override_second_half(word: str) -> str | None:
    """The first half of ``word`` kept, the second half reversed inside an override; None below 2 graphemes."""
    gs = graphemes(word)
    if len(gs) < 2:
        return None
    half = len(gs) // 2
    return "".join(gs[:half]) + RLO + "".join(reversed(gs[half:])) + PDF


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
