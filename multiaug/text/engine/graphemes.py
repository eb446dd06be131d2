"""Grapheme clusters: where a user-perceived character starts and ends.

An extended-grapheme-cluster approximation: base + combining marks, ZWJ sequences, variation selectors, emoji
modifiers, tag sequences, regional-indicator pairs, CR LF. Offsets are Python ``str`` indices (code points).
Text sharing no character with :func:`cluster_chars` (most text) has one grapheme per code point, which every
fast path checks first.
"""

from __future__ import annotations

import functools
import unicodedata

ZWJ = "\u200d"


def is_extend(ch: str) -> bool:
    """True if ``ch`` attaches to the preceding cluster (marks, ZWJ, selectors, modifiers, tags)."""
    o = ord(ch)
    if o == 0x200D or 0xFE00 <= o <= 0xFE0F or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F:
        return True
    if 0xE0100 <= o <= 0xE01EF or 0x1160 <= o <= 0x11FF or o == 0x20E3:
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def is_pictographic(ch: str) -> bool:
    """Approximation of Extended_Pictographic (what a ZWJ may join to)."""
    o = ord(ch)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2300 <= o <= 0x23FF or 0x2B00 <= o <= 0x2BFF
            or 0x2190 <= o <= 0x21FF or o in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D,
                                                0x3297, 0x3299))


def _is_ri(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


@functools.lru_cache(maxsize=1)
def cluster_chars() -> frozenset[str]:
    """Every character that can join a cluster (built once, on first non-ASCII text), plus CR.

    Text sharing no character with this set has one grapheme per code point. A frozenset checked with
    ``isdisjoint`` costs one hash per character (a regex character class of these ~250 ranges, many of
    them above the BMP, is scanned range by range: 30x slower)."""
    cat = unicodedata.category
    chars = {chr(cp) for cp in range(0x300, 0x20000) if cat(chr(cp))[0] == "M"}
    for a, b in ((0x200D, 0x200D), (0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
                 (0x1160, 0x11FF), (0x20E3, 0x20E3), (0x1F1E6, 0x1F1FF)):
        chars.update(chr(cp) for cp in range(a, b + 1))
    chars.add("\r")
    return frozenset(chars)


def simple_text(text: str) -> bool:
    """True when every code point of ``text`` is its own grapheme cluster."""
    if text.isascii():
        return "\r" not in text
    return cluster_chars().isdisjoint(text)



def grapheme_bounds(text: str) -> list[int]:
    """Start offsets of every grapheme cluster plus ``len(text)`` (always sorted, 0 first)."""
    n = len(text)
    if not text.isascii() and cluster_chars().isdisjoint(text):
        return list(range(n + 1))
    if text.isascii():
        if "\r\n" not in text:
            return list(range(n + 1))
        out = [i for i in range(n) if not (text[i] == "\n" and i > 0 and text[i - 1] == "\r")]
        out.append(n)
        return out
    joiners = cluster_chars()
    out = []
    prev = ""
    ri_run = 0
    for i, ch in enumerate(text):
        if i == 0:
            out.append(0)
        elif ch not in joiners and prev != ZWJ and prev != "\r":  # common case: ch cannot attach to prev
            out.append(i)
        elif prev == "\r" and ch == "\n" or is_extend(ch) or prev == ZWJ and is_pictographic(ch) or _is_ri(ch) and _is_ri(prev) and ri_run % 2 == 1:
            pass
        else:
            out.append(i)
        ri_run = ri_run + 1 if ch in joiners and _is_ri(ch) else 0
        prev = ch
    out.append(n)
    return out


def graphemes(text: str) -> list[str]:
    """Split ``text`` into grapheme clusters (see :func:`grapheme_bounds`)."""
    if simple_text(text):
        return list(text)
    b = grapheme_bounds(text)
    return [text[b[i]:b[i + 1]] for i in range(len(b) - 1)]

