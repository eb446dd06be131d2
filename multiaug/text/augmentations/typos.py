"""Typos: ``simulate_typos`` (AugLy) and nlpaug's offline set — keyboard typos in 11 layouts, OCR errors,
random character insert/substitute/swap/delete, spelling mistakes. Each chosen word becomes one edit;
characters are handled as grapheme clusters, so combining marks and emoji sequences are never split."""

from __future__ import annotations

import math
import os
import re
import string
from collections.abc import Callable
from typing import Annotated, Any, Literal

from ...core.registry import Out, augmentation
from ...core.spec import Check, Range
from ..engine.draws import Draws, aug_count, select_words, word_set
from ..engine.graphemes import cluster_chars, graphemes
from ..engine.plan import run_docs
from ..engine.splice import Edit
from ..engine.tokenize import ASCII_WORD_RE, WORD_RE, Doc, may_protect, tokenize
from ..kernels.case import match_case
from ..modality import TEXT
from ..resources.nlpaug import KEYBOARD_LANGUAGES, keyboard, misspellings, ocr
from .parameters import (
    Count,
    MinChar,
    OneOutput,
    Prob,
    Protect,
    WordList,
    aug_p_intensity,
    char_word_intensity,
)

_LOWER = string.ascii_lowercase
_ALNUM = string.ascii_letters + string.digits


def _path_arg(v: Any) -> bool:
    return v is None or isinstance(v, (str, os.PathLike))


PathArg = Annotated[Any, Check(_path_arg, "must be None or a path (str) to a .json or .txt misspelling list")]
CharOp = Callable[[list[str], list[int], Draws], list[str]]


def _pick_positions(units: list[str], eligible: list[int], draws: Draws, p: float, lo: int, hi: int) -> list[int]:
    return sorted(draws.sample(eligible, aug_count(len(eligible), p, lo, hi)))


def _substitute_from(table: dict[str, tuple[str, ...]]) -> CharOp:
    def op(units: list[str], pos: list[int], draws: Draws) -> list[str]:
        for k in pos:
            units[k] = draws.pick(table[units[k]])
        return units

    return op


def _random_char_like(g: str, units: list[str], draws: Draws) -> str:
    if g.isascii():
        c = draws.pick(_LOWER) if g.isalpha() else draws.pick(_ALNUM)
        return c.upper() if g.isupper() else c
    return draws.pick(units)


def _charmix(action: str, max_len: int = 1) -> CharOp:
    def op(units: list[str], pos: list[int], draws: Draws) -> list[str]:
        out = list(units)
        # walk right to left so earlier positions stay valid after deletes/inserts
        for k in reversed(pos):
            if k >= len(out):
                continue
            act = action if action != "mix" else ("delete", "insert", "substitute", "swap")[draws.below(4)]
            length = 1 + draws.below(max_len) if max_len > 1 else 1
            if act == "delete":
                if len(out) - length >= 1:
                    del out[k:k + length]
            elif act == "insert":
                new = [_random_char_like(out[k], units, draws) for _ in range(length)]
                out[k + 1:k + 1] = new
            elif act == "substitute":
                for j in range(k, min(k + length, len(out))):
                    out[j] = _random_char_like(out[j], units, draws)
            elif k + length < len(out):
                out[k:k + 2 * length] = out[k + length:k + 2 * length] + out[k:k + length]
            elif k > 0:
                out[k - 1], out[k] = out[k], out[k - 1]
        return out

    return op


def _word_typos(texts: list[str], protect: str | None, draws: Draws, *, aug_word_p: float, aug_word_min: int,
                aug_word_max: int, min_char: int, aug_char_p: float, aug_char_min: int, aug_char_max: int,
                priority: frozenset[str], ignore: frozenset[str], eligible: Callable[[str], bool],
                choose_op: Callable[[str], tuple[str, CharOp | str]],
                sub_table: dict[str, tuple[str, ...]] | None = None,
                vocab: Any = None, const_op: bool = False) -> Any:
    """Pick words, then characters inside them; ``choose_op(word)`` gives (op name, char op or replacement);
    ``const_op``: the op does not depend on the word (called once)."""

    u = draws.u
    fast = sub_table is not None and aug_char_min <= 1 <= aug_char_max and aug_char_p > 0
    const = choose_op("") if const_op else None

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        words = doc.words
        out: list[Edit] = []
        for i in select_words(doc, draws, aug_word_p, aug_word_min, aug_word_max, min_char=min_char,
                              priority=priority, ignore=ignore, vocab=vocab):
            s, e = words[i]
            w = text[s:e]
            name, op = const if const is not None else choose_op(w)
            if isinstance(op, str):
                out.append((s, e, op, name))
                continue
            if fast and w.isascii():
                if aug_char_max == 1 and all(c in sub_table for c in w):  # common case: every char has a key
                    k = int(u() * len(w))
                else:
                    elig = [k for k, c in enumerate(w) if c in sub_table]
                    m = len(elig)
                    if not (m and (aug_char_max == 1 or math.ceil(aug_char_p * m) <= 1)):
                        elig = []
                    k = elig[int(u() * m)] if elig else -1
                if k >= 0:
                    opts = sub_table[w[k]]
                    out.append((s, e, w[:k] + opts[int(u() * len(opts))] + w[k + 1:], name))
                    continue
            units = list(w) if w.isascii() else graphemes(w)
            elig = [k for k, g in enumerate(units) if eligible(g)]
            pos = _pick_positions(units, elig, draws, aug_char_p, aug_char_min, aug_char_max)
            if not pos:
                continue
            new = "".join(op(units, pos, draws))
            out.append((s, e, new, name))
        return out

    if (sub_table is not None and const is not None and not isinstance(const[1], str) and protect is None
            and not priority and not ignore and vocab is None):
        return _table_subs(texts, draws, sub_table, const[0], min_char, aug_word_p, aug_word_min, aug_word_max,
                           aug_char_p, aug_char_min, aug_char_max, edits)
    return run_docs(texts, protect, edits)


#: words of at least 2 characters (same matches as the word patterns filtered by length; possessive: no backtracking)
_ASCII_WORD2_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+|(?:'[A-Za-z0-9]++)++)")
_WORD2_RE = re.compile(r"[^\W_](?:[^\W_]++(?:['’][^\W_]++)*+|(?:['’][^\W_]++)++)")


def _table_subs(texts: list[str], draws: Draws, table: dict[str, tuple[str, ...]], name: str, min_char: int,
                p: float, lo: int, hi: int, cp: float, cmin: int, cmax: int,
                generic: Callable[[Doc], list[Edit]]) -> Out:
    """Batch loop for table substitutions inside chosen words (``simulate_typos`` keyboard, ``keyboard_typos``,
    ``ocr_errors``, ``replace_similar_chars`` …, without priority/ignore words or ``protect``).

    Documents with one code point per grapheme are handled inline: words from one regex scan (the tokeniser
    only when a protected token may be present), the chosen words' substitutions spliced and recorded in the
    same pass (no edit tuples). Documents with combining marks / emoji sequences go through ``generic`` (the
    full engine). Both consume the draws in the same order (word sample; then per word one draw for a single
    position, or a position sample; one draw per replaced character), so the output is the engine's."""
    one = cmin <= 1 and cmax == 1 and cp > 0  # exactly one character per word whenever any is eligible
    u = draws.u
    keys = frozenset(table)
    sample = draws.sample
    joiners = cluster_chars()
    if min_char == 2:  # words of 2+ characters straight from the regex (the default of simulate_typos)
        ascii_words, unicode_words = _ASCII_WORD2_RE.finditer, _WORD2_RE.finditer
    else:
        ascii_words, unicode_words = ASCII_WORD_RE.finditer, WORD_RE.finditer

    def fast(text: str) -> list[Edit] | None:
        if text.isascii():
            finditer = ascii_words
        elif joiners.isdisjoint(text):  # one code point per grapheme: a character is a unit
            finditer = unicode_words
        else:
            return None
        cands: list[Any]
        if may_protect(text):
            words = tokenize(text, None).words
            cands = [sp for sp in words if sp[1] - sp[0] >= min_char] if min_char > 1 else words
            spans = True
        else:  # match objects: only the chosen words' spans are ever asked for
            cands = list(finditer(text)) if min_char <= 2 else \
                [m for m in finditer(text) if m.end() - m.start() >= min_char]
            spans = False
        n = len(cands)
        count = aug_count(n, p, lo, hi)
        if count <= 0:
            return []
        chosen = sorted(sample(range(n), count))
        chosen_spans = [cands[i] for i in chosen] if spans else [cands[i].span() for i in chosen]
        out: list[Edit] = []
        for s, e in chosen_spans:
            w = text[s:e]
            if one and keys.issuperset(w):  # every character has a key: one draw picks the position
                k = int(u() * (e - s))
            else:
                elig = [j for j, c in enumerate(w) if c in keys]
                m = len(elig)
                cnt = aug_count(m, cp, cmin, cmax)
                if cnt <= 0:
                    continue
                if cnt > 1:  # several characters of this word
                    chars = list(w)
                    for k in sorted(sample(elig, cnt)):
                        opts = table[chars[k]]
                        chars[k] = opts[int(u() * len(opts))]
                    new = "".join(chars)
                    k = -1
                else:
                    k = elig[int(u() * m)]
            if k >= 0:
                opts = table[w[k]]
                new = w[:k] + opts[int(u() * len(opts))] + w[k + 1:]
            out.append((s, e, new, name))
        return out

    return run_docs(texts, None, generic, fast=fast)


# --- simulate_typos (AugLy) ----------------------------------------------------------------------
@augmentation(TEXT, intensity=char_word_intensity)
def simulate_typos(
    texts: str | list[str],
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 2,
    aug_char_min: Count = 1,
    aug_char_max: Count = 1,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    typo_type: Literal["all", "charmix", "keyboard", "misspelling"] = "all",
    misspelling_dict_path: PathArg = None,
    max_typo_length: Annotated[int, Range(1, None), ] = 1,
    priority_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Simulate typos in chosen words: misspellings, QWERTY neighbours, or character delete/insert/
    substitute/swap ("charmix"). Only the chosen words change.

    Args:
        texts: a str or a list of str.
        aug_char_p: share of the characters of a chosen word that get a typo, in [0, 1].
        aug_word_p: share of the eligible words that get typos, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of typos per chosen word.
        aug_char_max: maximum number of typos per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        n: number of outputs per input; must be 1 (str in → str out).
        typo_type: "misspelling" (a listed misspelling of the word), "keyboard" (neighbouring key on an
            English QWERTY keyboard), "charmix" (random delete/insert/substitute/swap) or "all" (one of
            those per word, misspelling only when the word is listed).
        misspelling_dict_path: .json (word → list) or .txt (``word miss1 miss2 ...`` lines) file;
            None = nlpaug's English misspelling list (read from the installed nlpaug package).
        max_typo_length: longest run of characters affected by one charmix typo (>= 1).
        priority_words: words (case-insensitive) chosen before any others.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    draws = Draws(seed)
    kb = keyboard("en")
    kb_op = _substitute_from(kb)
    mix_op = _charmix("mix", max_typo_length)
    miss = misspellings(os.fspath(misspelling_dict_path) if misspelling_dict_path is not None else None) \
        if typo_type in ("all", "misspelling") else {}

    def choose_op(w: str) -> tuple[str, CharOp | str]:
        t = typo_type
        if t == "all":
            opts = ("misspelling", "keyboard", "charmix") if w.lower() in miss else ("keyboard", "charmix")
            t = opts[draws.below(len(opts))]
        if t == "misspelling":
            cands = miss.get(w.lower())
            return ("typo:misspelling", match_case(w, draws.pick(cands))) if cands else ("typo:misspelling", w)
        if t == "keyboard":
            return "typo:keyboard", kb_op
        return "typo:charmix", mix_op

    kb_filtered = _filtered(kb_op, kb)

    def picker(w: str) -> tuple[str, CharOp | str]:
        name, op = choose_op(w)
        # with "all", keyboard typos only hit characters that have a key in the map
        return (name, kb_filtered) if typo_type == "all" and name == "typo:keyboard" else (name, op)

    def eligible(g: str) -> bool:
        return g in kb if typo_type == "keyboard" else True

    return _word_typos(texts, protect, draws, aug_word_p=aug_word_p, aug_word_min=aug_word_min,
                       aug_word_max=aug_word_max, min_char=min_char, aug_char_p=aug_char_p,
                       aug_char_min=aug_char_min, aug_char_max=aug_char_max, priority=word_set(priority_words),
                       ignore=frozenset(), eligible=eligible, choose_op=picker,
                       sub_table=kb if typo_type == "keyboard" else None,
                       vocab=miss if typo_type == "misspelling" else None,
                       const_op=typo_type in ("keyboard", "charmix"))


def _filtered(op: CharOp, table: dict[str, Any]) -> CharOp:
    def run(units: list[str], pos: list[int], draws: Draws) -> list[str]:
        return op(units, [k for k in pos if units[k] in table], draws)

    return run


# --- nlpaug-style extras -------------------------------------------------------------------------
@augmentation(TEXT, intensity=char_word_intensity)
def keyboard_typos(
    texts: str | list[str],
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 4,
    aug_char_min: Count = 1,
    aug_char_max: Count = 10,
    aug_word_min: Count = 1,
    aug_word_max: Count = 10,
    language: Literal[KEYBOARD_LANGUAGES] = "en",  # type: ignore[valid-type]
    include_special_char: bool = True,
    include_numeric: bool = True,
    include_upper_case: bool = True,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace characters of chosen words by a neighbouring key (nlpaug's keyboard maps, 11 layouts).

    Args:
        texts: a str or a list of str.
        aug_char_p: share of the characters of a chosen word replaced, in [0, 1].
        aug_word_p: share of the eligible words changed, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of characters replaced per chosen word.
        aug_char_max: maximum number of characters replaced per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        language: keyboard layout: "de", "en", "es", "fr", "he", "it", "nl", "pl", "th", "tr" or "uk".
        include_special_char: allow neighbours that are punctuation/symbols.
        include_numeric: allow neighbours that are digits.
        include_upper_case: allow upper-case neighbours for lower-case keys.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never changed.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = _keyboard_filtered(language, include_special_char, include_numeric, include_upper_case)
    op = _substitute_from(table)
    return _word_typos(texts, protect, Draws(seed), aug_word_p=aug_word_p, aug_word_min=aug_word_min,
                       aug_word_max=aug_word_max, min_char=min_char, aug_char_p=aug_char_p,
                       aug_char_min=aug_char_min, aug_char_max=aug_char_max, priority=word_set(priority_words),
                       ignore=word_set(ignore_words), eligible=table.__contains__,
                       choose_op=lambda w: ("typo:keyboard", op), sub_table=table, const_op=True)


_KB_CACHE: dict[tuple[str, bool, bool, bool], dict[str, tuple[str, ...]]] = {}


def _keyboard_filtered(language: str, special: bool, numeric: bool, upper: bool) -> dict[str, tuple[str, ...]]:
    key = (language, special, numeric, upper)
    if key not in _KB_CACHE:
        out = {}
        for k, vals in keyboard(language).items():
            keep = tuple(v for v in vals if (special or v.isalnum()) and (numeric or not v.isdigit())
                         and (upper or not v.isupper() or k.isupper()))
            if keep:
                out[k] = keep
        _KB_CACHE[key] = out
    return _KB_CACHE[key]


@augmentation(TEXT, intensity=char_word_intensity)
def ocr_errors(
    texts: str | list[str],
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 1,
    aug_char_min: Count = 1,
    aug_char_max: Count = 10,
    aug_word_min: Count = 1,
    aug_word_max: Count = 10,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace characters by typical OCR confusions (0 ↔ O, 1 ↔ l, rn → m ...; nlpaug's English OCR map).

    Args:
        texts: a str or a list of str.
        aug_char_p: share of the confusable characters of a chosen word replaced, in [0, 1].
        aug_word_p: share of the eligible words changed, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of characters replaced per chosen word.
        aug_char_max: maximum number of characters replaced per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never changed.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = ocr()
    op = _substitute_from(table)
    return _word_typos(texts, protect, Draws(seed), aug_word_p=aug_word_p, aug_word_min=aug_word_min,
                       aug_word_max=aug_word_max, min_char=min_char, aug_char_p=aug_char_p,
                       aug_char_min=aug_char_min, aug_char_max=aug_char_max, priority=word_set(priority_words),
                       ignore=word_set(ignore_words), eligible=table.__contains__,
                       choose_op=lambda w: ("ocr", op), sub_table=table, const_op=True)


@augmentation(TEXT, intensity=char_word_intensity)
def random_char_edit(
    texts: str | list[str],
    action: Literal["insert", "substitute", "swap", "delete"] = "substitute",
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 4,
    aug_char_min: Count = 1,
    aug_char_max: Count = 10,
    aug_word_min: Count = 1,
    aug_word_max: Count = 10,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Random character insert / substitute / swap / delete inside chosen words (nlpaug's RandomCharAug
    actions). New characters are ASCII letters/digits for ASCII characters, otherwise graphemes of the
    same word (so scripts are not mixed).

    Args:
        texts: a str or a list of str.
        action: "insert", "substitute", "swap" (with the next character) or "delete".
        aug_char_p: share of the characters of a chosen word edited, in [0, 1].
        aug_word_p: share of the eligible words changed, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of characters edited per chosen word.
        aug_char_max: maximum number of characters edited per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never changed.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    op = _charmix(action)
    return _word_typos(texts, protect, Draws(seed), aug_word_p=aug_word_p, aug_word_min=aug_word_min,
                       aug_word_max=aug_word_max, min_char=min_char, aug_char_p=aug_char_p,
                       aug_char_min=aug_char_min, aug_char_max=aug_char_max, priority=word_set(priority_words),
                       ignore=word_set(ignore_words), eligible=lambda g: True,
                       choose_op=lambda w: (f"char:{action}", op), const_op=True)


@augmentation(TEXT, intensity=aug_p_intensity)
def spelling_mistakes(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    misspelling_dict_path: PathArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace words by a common misspelling of them (nlpaug's English spelling list; casing kept).

    Args:
        texts: a str or a list of str.
        aug_p: share of the listed words replaced, in [0, 1].
        aug_min: minimum number of replacements per document.
        aug_max: maximum number of replacements per document.
        misspelling_dict_path: .json (word → list) or .txt (``word miss1 miss2 ...`` lines) file;
            None = nlpaug's English misspelling list.
        priority_words: words (case-insensitive) chosen before any others.
        ignore_words: words (case-insensitive) never replaced.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    miss = misspellings(os.fspath(misspelling_dict_path) if misspelling_dict_path is not None else None)
    draws = Draws(seed)
    prio, ignore = word_set(priority_words), word_set(ignore_words)

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, aug_p, aug_min, aug_max, priority=prio, ignore=ignore, vocab=miss):
            s, e = doc.words[i]
            w = doc.text[s:e]
            out.append((s, e, match_case(w, draws.pick(miss[w.lower()])), "misspelling"))
        return out

    return run_docs(texts, protect, edits)
