"""Tokenising a document into editable words and protected tokens, with exact character offsets.

* **words**: runs of letters/digits with inner apostrophes (``don't``), extended over combining marks, so
  ``cafe\u0301`` is one word and no grapheme is ever split;
* **protected tokens**: URLs, e-mail addresses, ``@mentions``, ``#hashtags`` and the matches of the caller's
  ``protect`` regex. They are atomic and never edited; emoji and punctuation are not words, so word-level
  augmentations never touch them either.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from ...core.errors import InvalidParameterError
from .graphemes import ZWJ, cluster_chars, grapheme_bounds, graphemes, is_extend, is_pictographic, simple_text

# --- token patterns (compiled once) ------------------------------------------------------------
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_TAGCHARS = (r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
             r"\u0900-\u0903\u093a-\u094f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
_MENTION = r"(?<![\w@])@" + _TAGCHARS
_HASHTAG = r"(?<![\w#])#" + _TAGCHARS
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
#: the same words, captured for ``re.split`` (words at odd indices) on text without cluster characters
WORD_SPLIT_RE = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)")
ASCII_WORD_SPLIT_RE = re.compile(r"([A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+)")  # the same on ASCII text, faster


@functools.lru_cache(maxsize=64)
def compile_protect(pattern: str | None) -> re.Pattern[str] | None:
    """Compile (once) the caller's ``protect`` regex."""
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InvalidParameterError(f"argument 'protect' is not a valid regular expression: {exc}",
                                    argument="protect") from None


def valid_regex(pattern: Any) -> bool:
    """``Check`` helper: None or a compilable regex string."""
    if pattern is None:
        return True
    if not isinstance(pattern, str):
        return False
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def may_protect(text: str) -> bool:
    """True when ``text`` has a character that may start an always-protected token (URL, e-mail, @mention,
    #hashtag): the cheap test the fast paths use to hand a document to the engine."""
    return "@" in text or "#" in text or "://" in text or "www." in text



# --- documents ---------------------------------------------------------------------------------
class Doc:
    """A tokenised document: editable word spans and protected spans, with exact offsets.

    ``words`` and the grapheme ``bounds`` are computed on first use (whole-text operations need neither).
    """

    __slots__ = ("_bounds", "_words", "protected", "text")

    def __init__(self, text: str, protected: list[tuple[int, int]], words: list[tuple[int, int]] | None = None):
        self.text = text
        self.protected = protected
        self._words = words
        self._bounds: list[int] | None = None

    @property
    def words(self) -> list[tuple[int, int]]:
        if self._words is None:
            text = self.text
            words = [m.span() for m in ASCII_WORD_RE.finditer(text)] if text.isascii() else _unicode_words(text)
            self._words = _drop_overlapping(words, self.protected) if self.protected else words
        return self._words

    def word(self, i: int) -> str:
        s, e = self.words[i]
        return self.text[s:e]

    @property
    def bounds(self) -> list[int]:
        """Grapheme boundaries (cached)."""
        if self._bounds is None:
            self._bounds = grapheme_bounds(self.text)
        return self._bounds

    def free_bounds(self) -> list[int]:
        """Grapheme boundaries not strictly inside a protected token (insertion points)."""
        b = self.bounds
        if not self.protected:
            return b
        out: list[int] = []
        last = 0
        for s, e in self.protected:  # sorted, disjoint: drop the bounds strictly inside each (slices, no loop)
            i = bisect.bisect_right(b, s)
            out.extend(b[last:i])
            last = max(last, bisect.bisect_left(b, e))
        out.extend(b[last:])
        return out


def tokenize(text: str, protect: str | None = None) -> Doc:
    """Tokenise ``text`` into editable words and protected spans (see module doc)."""
    prot: list[tuple[int, int]] = []
    at, hashed, url = "@" in text, "#" in text, "://" in text or "www." in text
    if at or hashed or url:
        prot = [m.span() for m in _protected_re(url, at, hashed).finditer(text)]
    if protect is not None:
        user = compile_protect(protect)
        extra = [m.span() for m in user.finditer(text) if m.end() > m.start()] if user is not None else []
        if extra:
            prot = _merge_spans(prot + extra)
    if prot and not simple_text(text):
        b = grapheme_bounds(text)
        doc = Doc(text, _merge_spans([_snap_out(b, s, e) for s, e in prot]))
        doc._bounds = b
        return doc
    return Doc(text, prot)


@functools.lru_cache(maxsize=8)
def _protected_re(url: bool, at: bool, hashed: bool) -> re.Pattern[str]:
    """The always-protected pattern (URL | e-mail | mention | hashtag) without the alternatives that cannot
    match (no "://"/"www." → no URL, no "@" → no e-mail or mention, no "#" → no hashtag): the same matches,
    without trying them at every position."""
    alts = ([_URL] if url else []) + ([_EMAIL, _MENTION] if at else []) + ([_HASHTAG] if hashed else [])
    return re.compile("|".join(alts))


def _snap_out(b: list[int], s: int, e: int) -> tuple[int, int]:
    """Widen [s, e) to the grapheme boundaries ``b`` (a protected token never cuts a cluster)."""
    i = bisect.bisect_right(b, s) - 1
    j = bisect.bisect_left(b, e)
    return b[i], b[min(j, len(b) - 1)]


def _unicode_words(text: str) -> list[tuple[int, int]]:
    if cluster_chars().isdisjoint(text):
        return [m.span() for m in WORD_RE.finditer(text)]
    spans = [list(m.span()) for m in WORD_RE.finditer(text)]
    n = len(text)
    out: list[list[int]] = []
    for s, e in spans:
        # a word never starts on a mark / joiner (it would split the preceding cluster)
        while s < e and s > 0 and (is_extend(text[s]) or (text[s - 1] == ZWJ and is_pictographic(text[s]))):
            s += 1
        if s >= e:
            continue
        while e < n and (is_extend(text[e]) or (text[e - 1] == ZWJ and is_pictographic(text[e]))):
            e += 1
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    out: list[list[int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _drop_overlapping(words: list[tuple[int, int]], prot: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    k = 0
    for s, e in words:
        while k < len(prot) and prot[k][1] <= s:
            k += 1
        if k < len(prot) and prot[k][0] < e:
            continue
        out.append((s, e))
    return out


def word_units(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of every grapheme inside a word."""
    out = []
    text = doc.text
    for s, e in doc.words:
        w = text[s:e]
        if w.isascii():
            out.extend((k, k + 1) for k in range(s, e))
        else:
            pos = s
            for g in graphemes(w):
                out.append((pos, pos + len(g)))
                pos += len(g)
    return out


_BREAKS = re.compile(r"[\r\n]")


def line_segments(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of the text without line breaks and protected tokens, trimmed of surrounding
    whitespace (for whole-text rewrites)."""
    text = doc.text
    if not doc.protected and "\n" not in text and "\r" not in text:
        core = text.strip()
        if not core:
            return []
        s = len(text) - len(text.lstrip())
        return [(s, s + len(core))]
    cuts = [m.span() for m in _BREAKS.finditer(text)] + list(doc.protected)
    cuts.sort()
    out, last = [], 0
    for s, e in cuts:
        if s > last:
            out.append((last, s))
        last = max(last, e)
    if last < len(text):
        out.append((last, len(text)))
    trimmed = []
    for s, e in out:
        seg = text[s:e]
        core = seg.strip()
        if core:
            s2 = s + (len(seg) - len(seg.lstrip()))
            trimmed.append((s2, s2 + len(core)))
    return trimmed
