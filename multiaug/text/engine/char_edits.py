"""Planner of character edits inside chosen words: pick words, then characters inside them, then what replaces
them (a table substitution, a random insert / substitute / swap / delete, or a whole-word replacement). The draw
step of the typo and look-alike augmentations (``simulate_typos``, ``keyboard_typos``, ``ocr_errors``,
``random_char_edit``, ``replace_similar_chars``, ``replace_similar_unicode_chars``). Characters are grapheme
clusters, so combining marks and emoji sequences are never split."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Sequence
from typing import Any

from .draws import Draws, aug_count, select_words, word_set
from .graphemes import cluster_chars, graphemes
from .plan import Plan, plan_docs
from .splice import Edit
from .tokenize import ASCII_WORD_RE, WORD_RE, Doc, may_protect, tokenize

_LOWER = string.ascii_lowercase
_ALNUM = string.ascii_letters + string.digits
#: a character op: (graphemes of the word, chosen positions, draws) -> new graphemes
CharOp = Callable[[list[str], list[int], Draws], list[str]]


def _pick_positions(units: list[str], eligible: list[int], draws: Draws, p: float, lo: int, hi: int) -> list[int]:
    """The chosen character positions of a word (sorted)."""
    return sorted(draws.sample(eligible, aug_count(len(eligible), p, lo, hi)))


def substitute_from(table: dict[str, tuple[str, ...]]) -> CharOp:
    """The op replacing each chosen character by one of its ``table`` entries (drawn)."""

    def op(units: list[str], pos: list[int], draws: Draws) -> list[str]:
        for k in pos:
            units[k] = draws.pick(table[units[k]])
        return units

    return op


def random_char_like(g: str, units: list[str], draws: Draws) -> str:
    """A random ASCII letter (same case) / letter-or-digit for an ASCII ``g``, else a grapheme of the same word."""
    if g.isascii():
        c = draws.pick(_LOWER) if g.isalpha() else draws.pick(_ALNUM)
        return c.upper() if g.isupper() else c
    return draws.pick(units)


def charmix(action: str, max_len: int = 1) -> CharOp:
    """The op applying ``action`` ("delete", "insert", "substitute", "swap", or "mix": one of them drawn per
    position) to runs of 1 to ``max_len`` characters (the run length drawn when ``max_len`` > 1)."""

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
                new = [random_char_like(out[k], units, draws) for _ in range(length)]
                out[k + 1:k + 1] = new
            elif act == "substitute":
                for j in range(k, min(k + length, len(out))):
                    out[j] = random_char_like(out[j], units, draws)
            elif k + length < len(out):
                out[k:k + 2 * length] = out[k + length:k + 2 * length] + out[k:k + length]
            elif k > 0:
                out[k - 1], out[k] = out[k], out[k - 1]
        return out

    return op


def plan_char_edits(texts: Sequence[str], params: dict[str, Any], draws: Draws, *,
                    choose_op: Callable[[str], tuple[str, CharOp | str]], eligible: Callable[[str], bool],
                    sub_table: dict[str, tuple[str, ...]] | None = None, vocab: Any = None,
                    const_op: bool = False) -> Plan:
    """Pick words, then characters inside them; ``choose_op(word)`` gives (op name, char op or whole-word
    replacement); ``eligible(grapheme)``: which characters may change; ``const_op``: the op does not depend on the
    word (asked once). ``params``: the augmentation's ``aug_word_p/min/max``, ``min_char``, ``aug_char_p/min/max``,
    ``protect`` and (when it has them) ``priority_words`` / ``ignore_words``. ``sub_table``: the table of a
    table-substitution op (enables the fast paths); ``vocab``: only words whose lower-case form is in it."""
    protect = params["protect"]
    aug_word_p, aug_word_min, aug_word_max = params["aug_word_p"], params["aug_word_min"], params["aug_word_max"]
    aug_char_p, aug_char_min, aug_char_max = params["aug_char_p"], params["aug_char_min"], params["aug_char_max"]
    min_char = params["min_char"]
    priority, ignore = word_set(params.get("priority_words")), word_set(params.get("ignore_words"))
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
        return _plan_table_subs(texts, draws, sub_table, const[0], min_char, aug_word_p, aug_word_min,
                                aug_word_max, aug_char_p, aug_char_min, aug_char_max, edits)
    return plan_docs(texts, protect, edits)


#: words of at least 2 characters (same matches as the word patterns filtered by length; possessive: no backtracking)
_ASCII_WORD2_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+|(?:'[A-Za-z0-9]++)++)")
_WORD2_RE = re.compile(r"[^\W_](?:[^\W_]++(?:['’][^\W_]++)*+|(?:['’][^\W_]++)++)")


def _plan_table_subs(texts: Sequence[str], draws: Draws, table: dict[str, tuple[str, ...]], name: str, min_char: int,
                     p: float, lo: int, hi: int, cp: float, cmin: int, cmax: int,
                     generic: Callable[[Doc], list[Edit]]) -> Plan:
    """Batch loop for table substitutions inside chosen words (``simulate_typos`` keyboard, ``keyboard_typos``,
    ``ocr_errors``, ``replace_similar_chars`` …, without priority/ignore words or ``protect``).

    Documents with one code point per grapheme are handled inline: words from one regex scan (the tokeniser
    only when a protected token may be present), the chosen words' substitutions planned in the same pass.
    Documents with combining marks / emoji sequences go through ``generic`` (the full engine). Both consume the
    draws in the same order (word sample; then per word one draw for a single position, or a position sample; one
    draw per replaced character), so the output is the engine's."""
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

    return plan_docs(texts, None, generic, fast=fast)


def filtered(op: CharOp, table: dict[str, Any]) -> CharOp:
    """``op`` restricted to the chosen characters that are keys of ``table``."""

    def run(units: list[str], pos: list[int], draws: Draws) -> list[str]:
        return op(units, [k for k in pos if units[k] in table], draws)

    return run

