"""Typos: ``simulate_typos`` (AugLy) and nlpaug's offline set — keyboard typos in 11 layouts, OCR errors,
random character insert/substitute/swap/delete, spelling mistakes. Each chosen word becomes one edit;
characters are handled as grapheme clusters, so combining marks and emoji sequences are never split."""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from ...core.registry import augmentation
from ...core.spec import Check, Range
from ..engine.char_edits import CharOp, charmix, filtered, plan_char_edits, substitute_from
from ..engine.draws import Draws, select_words, word_set
from ..engine.plan import run_docs
from ..engine.splice import Edit, apply_plan
from ..engine.tokenize import Doc
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
    char_edit_params,
    char_word_intensity,
    typo_cost,
)


def _path_arg(v: Any) -> bool:
    return v is None or isinstance(v, (str, os.PathLike))


PathArg = Annotated[Any, Check(_path_arg, "must be None or a path (str) to a .json or .txt misspelling list")]


# --- simulate_typos (AugLy) ----------------------------------------------------------------------
@augmentation(TEXT, intensity=char_word_intensity, cost=typo_cost)
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
    kb_op = substitute_from(kb)
    mix_op = charmix("mix", max_typo_length)
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

    kb_filtered = filtered(kb_op, kb)

    def picker(w: str) -> tuple[str, CharOp | str]:
        name, op = choose_op(w)
        # with "all", keyboard typos only hit characters that have a key in the map
        return (name, kb_filtered) if typo_type == "all" and name == "typo:keyboard" else (name, op)

    def eligible(g: str) -> bool:
        return g in kb if typo_type == "keyboard" else True

    params = char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min, aug_char_max, aug_word_min, aug_word_max,
                          priority_words, None, protect)
    return apply_plan(texts, plan_char_edits(texts, params, draws, eligible=eligible, choose_op=picker,
                                             sub_table=kb if typo_type == "keyboard" else None,
                                             vocab=miss if typo_type == "misspelling" else None,
                                             const_op=typo_type in ("keyboard", "charmix")))


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
    op = substitute_from(table)
    params = char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min, aug_char_max, aug_word_min, aug_word_max,
                          priority_words, ignore_words, protect)
    plan = plan_char_edits(texts, params, Draws(seed), eligible=table.__contains__,
                           choose_op=lambda w: ("typo:keyboard", op), sub_table=table, const_op=True)
    return apply_plan(texts, plan)


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
    op = substitute_from(table)
    params = char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min, aug_char_max, aug_word_min, aug_word_max,
                          priority_words, ignore_words, protect)
    plan = plan_char_edits(texts, params, Draws(seed), eligible=table.__contains__,
                           choose_op=lambda w: ("ocr", op), sub_table=table, const_op=True)
    return apply_plan(texts, plan)


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
    op = charmix(action)
    params = char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min, aug_char_max, aug_word_min, aug_word_max,
                          priority_words, ignore_words, protect)
    plan = plan_char_edits(texts, params, Draws(seed), eligible=lambda g: True,
                           choose_op=lambda w: (f"char:{action}", op),
                           const_op=True)
    return apply_plan(texts, plan)


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
