"""The format-preserving edit engine shared by every text augmentation.

A document is tokenised into units with exact character offsets:

* **words**: runs of letters/digits with inner apostrophes (``don't``), extended over combining marks,
  so ``cafe\u0301`` is one word and no grapheme is ever split;
* **protected tokens**: URLs, e-mail addresses, ``@mentions``, ``#hashtags`` and the matches of the
  caller's ``protect`` regex. They are atomic and never edited; emoji and punctuation are not words,
  so word-level augmentations never touch them either;
* **graphemes**: an extended-grapheme-cluster approximation (base + combining marks, ZWJ sequences,
  variation selectors, emoji modifiers, tag sequences, regional-indicator pairs, CR LF).

Augmentations choose units and produce non-overlapping edits ``(start, end, replacement, op)``;
:func:`apply_edits` splices them in, so every other character stays byte-identical, and returns the
edit records ``{"start", "end", "new_start", "new_end", "old", "new", "op"}`` that the modality uses
to re-align user spans (:func:`realign_spans`). Offsets are Python ``str`` indices (code points).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError

Edit = tuple[int, int, str, str]  # (start, end, replacement, op)

# --- token patterns (compiled once) ------------------------------------------------------------
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_TAGCHARS = (r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
             r"\u0900-\u0903\u093a-\u094f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
_MENTION = r"(?<![\w@])@" + _TAGCHARS
_HASHTAG = r"(?<![\w#])#" + _TAGCHARS
_PROTECTED_RE = re.compile(f"{_URL}|{_EMAIL}|{_MENTION}|{_HASHTAG}")
_URL_RE = re.compile(_URL)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORDISH = re.compile(r"\w{1,3}")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
#: the same words, captured for ``re.split`` (words at odd indices) on text without cluster characters
WORD_SPLIT_RE = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)")
ASCII_WORD_SPLIT_RE = re.compile(r"([A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+)")  # the same on ASCII text, faster

ZWJ = "\u200d"


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


# --- graphemes -----------------------------------------------------------------------------------
def _is_extend(ch: str) -> bool:
    """True if ``ch`` attaches to the preceding cluster (marks, ZWJ, selectors, modifiers, tags)."""
    o = ord(ch)
    if o == 0x200D or 0xFE00 <= o <= 0xFE0F or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F:
        return True
    if 0xE0100 <= o <= 0xE01EF or 0x1160 <= o <= 0x11FF or o == 0x20E3:
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _is_pictographic(ch: str) -> bool:
    """Approximation of Extended_Pictographic (what a ZWJ may join to)."""
    o = ord(ch)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2300 <= o <= 0x23FF or 0x2B00 <= o <= 0x2BFF
            or 0x2190 <= o <= 0x21FF or o in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D,
                                                0x3297, 0x3299))


def _is_ri(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


@functools.lru_cache(maxsize=1)
def _cluster_chars() -> frozenset[str]:
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
    return _cluster_chars().isdisjoint(text)


def may_protect(text: str) -> bool:
    """True when ``text`` has a character that may start an always-protected token (URL, e-mail, @mention,
    #hashtag): the cheap test the fast paths use to hand a document to the engine."""
    return "@" in text or "#" in text or "://" in text or "www." in text


def whole_record(text: str, new: str, op: str) -> list[dict[str, Any]]:
    """The edit record of a document rewritten as a whole (none when nothing changed)."""
    if new == text:
        return []
    return [{"start": 0, "end": len(text), "new_start": 0, "new_end": len(new), "old": text, "new": new, "op": op}]


def grapheme_bounds(text: str) -> list[int]:
    """Start offsets of every grapheme cluster plus ``len(text)`` (always sorted, 0 first)."""
    n = len(text)
    if not text.isascii() and _cluster_chars().isdisjoint(text):
        return list(range(n + 1))
    if text.isascii():
        if "\r\n" not in text:
            return list(range(n + 1))
        out = [i for i in range(n) if not (text[i] == "\n" and i > 0 and text[i - 1] == "\r")]
        out.append(n)
        return out
    joiners = _cluster_chars()
    out = []
    prev = ""
    ri_run = 0
    for i, ch in enumerate(text):
        if i == 0:
            out.append(0)
        elif ch not in joiners and prev != ZWJ and prev != "\r":  # common case: ch cannot attach to prev
            out.append(i)
        elif prev == "\r" and ch == "\n" or _is_extend(ch) or prev == ZWJ and _is_pictographic(ch) or _is_ri(ch) and _is_ri(prev) and ri_run % 2 == 1:
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
            words = [m.span() for m in _ASCII_WORD_RE.finditer(text)] if text.isascii() else _unicode_words(text)
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
    """``_PROTECTED_RE`` without the alternatives that cannot match (no "://"/"www." → no URL, no "@" → no
    e-mail or mention, no "#" → no hashtag): the same matches, without trying them at every position."""
    alts = ([_URL] if url else []) + ([_EMAIL, _MENTION] if at else []) + ([_HASHTAG] if hashed else [])
    return re.compile("|".join(alts))


def _snap_out(b: list[int], s: int, e: int) -> tuple[int, int]:
    """Widen [s, e) to the grapheme boundaries ``b`` (a protected token never cuts a cluster)."""
    i = bisect.bisect_right(b, s) - 1
    j = bisect.bisect_left(b, e)
    return b[i], b[min(j, len(b) - 1)]


def _unicode_words(text: str) -> list[tuple[int, int]]:
    if _cluster_chars().isdisjoint(text):
        return [m.span() for m in _WORD_RE.finditer(text)]
    spans = [list(m.span()) for m in _WORD_RE.finditer(text)]
    n = len(text)
    out: list[list[int]] = []
    for s, e in spans:
        # a word never starts on a mark / joiner (it would split the preceding cluster)
        while s < e and s > 0 and (_is_extend(text[s]) or (text[s - 1] == ZWJ and _is_pictographic(text[s]))):
            s += 1
        if s >= e:
            continue
        while e < n and (_is_extend(text[e]) or (text[e - 1] == ZWJ and _is_pictographic(text[e]))):
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


# --- applying edits ----------------------------------------------------------------------------
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


def map_start(pos: int, edits: Sequence[dict[str, Any]]) -> int:
    """New offset of a span start: an edit covering it pulls it to the edit's new start."""
    delta = 0
    for ed in edits:
        s, e = ed["start"], ed["end"]
        if e <= pos:
            delta = ed["new_end"] - e
            continue
        if s < pos < e:
            return ed["new_start"]
        break
    return pos + delta


def map_end(pos: int, edits: Sequence[dict[str, Any]]) -> int:
    """New offset of a span end: insertions exactly at the end stay outside the span."""
    delta = 0
    for ed in edits:
        s, e = ed["start"], ed["end"]
        if s < pos and e <= pos:
            delta = ed["new_end"] - e
            continue
        if s < pos < e:
            return ed["new_end"]
        break
    return pos + delta


def realign_spans(spans: Sequence[tuple[int, int, Any]], edits: Sequence[dict[str, Any]]) -> list[tuple[int, int, Any]]:
    """Move user spans ``(start, end, label)`` through ``edits`` (records from :func:`apply_edits`).

    A span keeps covering the same units: edits inside it grow/shrink it, an edit straddling one
    of its ends pulls that end out to the edit's edge, and insertions exactly at its edges stay
    outside it.
    """
    out = []
    for s, e, label in spans:
        ns = map_start(s, edits)
        ne = map_end(e, edits) if e > s else ns
        out.append((ns, max(ns, ne), label))
    return out


# --- random selection (one Generator, block-drawn floats) --------------------------------------
class Draws:
    """Fast scalar draws from a numpy Generator (floats drawn in blocks of 512; deterministic per seed).

    ``u()`` is the ``__next__`` of a C-level chain over the blocks (no Python frame per draw)."""

    __slots__ = ("_it", "rng", "u")

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self._it = itertools.chain.from_iterable(map(_block, itertools.repeat(rng)))
        #: ``u()``: a uniform float in [0, 1)
        self.u: Callable[[], float] = self._it.__next__

    def take(self, k: int) -> list[float]:
        """The next ``k`` floats of the stream (the same as ``k`` calls of ``u()``)."""
        return list(itertools.islice(self._it, k))

    def below(self, n: int) -> int:
        """A uniform int in [0, n)."""
        return int(self.u() * n)

    def pick(self, seq: Sequence[Any]) -> Any:
        """A uniformly chosen item of ``seq``."""
        return seq[int(self.u() * len(seq))]

    def sample(self, items: Sequence[Any], k: int) -> list[Any]:
        """``k`` distinct items in random order (partial Fisher-Yates)."""
        n = len(items)
        k = min(k, n)
        u = self.u
        if 4 * k <= n:  # few picks: rejection sampling, no copy
            seen: dict[int, None] = {}
            while len(seen) < k:
                seen.setdefault(int(u() * n))
            return [items[j] for j in seen]
        pool = list(items)
        for i in range(k):
            j = i + int(u() * (n - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def _block(rng: np.random.Generator) -> list[float]:
    return rng.random(512).tolist()


def aug_count(size: int, p: float, lo: int | None, hi: int | None) -> int:
    """How many of ``size`` units to augment: ceil(p·size) clamped to [lo, hi] and to size; 0 if p == 0."""
    if size <= 0 or p <= 0:
        return 0
    cnt = math.ceil(p * size)
    if lo is not None and cnt < lo:
        cnt = lo
    if hi is not None and cnt > hi:
        cnt = hi
    return max(0, min(cnt, size))


def choose(draws: Draws, candidates: Sequence[int], count: int, priority: Sequence[int] = ()) -> list[int]:
    """Pick ``count`` candidates: ``priority`` ones first (shuffled), then random others; sorted."""
    if count <= 0 or not candidates:
        return []
    if priority:
        pset = set(priority)
        first = draws.sample([c for c in candidates if c in pset], count)
        rest = draws.sample([c for c in candidates if c not in pset], count - len(first))
        return sorted(first + rest)
    return sorted(draws.sample(candidates, count))


def word_set(words: Sequence[str] | None) -> frozenset[str]:
    """Lower-cased set of ``priority_words`` / ``ignore_words``."""
    return frozenset(w.lower() for w in words) if words else frozenset()


def match_case(template: str, word: str) -> str:
    """Give ``word`` the casing pattern of ``template`` (UPPER, Title or as is)."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
