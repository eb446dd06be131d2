"""Typos: ``simulate_typos`` (AugLy) and nlpaug's offline set — keyboard typos in 11 layouts, OCR errors,
random character insert/substitute/swap/delete, spelling mistakes. Each chosen word becomes one edit;
characters are handled as grapheme clusters, so combining marks and emoji sequences are never split."""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Check, Range
from ..engine.char_edits import CharOp, charmix, filtered, plan_char_edits, substitute_from
from ..engine.draws import Draws, select_words, word_set
from ..engine.plan import drawn_plan, plan_docs
from ..engine.splice import Edit, apply_plan
from ..engine.tokenize import Doc
from ..kernels.case import match_case
from ..modality import TEXT, Metadata, PlanArg, Texts
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
    shared_docs,
    typo_cost,
)


def _path_arg(v: Any) -> bool:
    return v is None or isinstance(v, (str, os.PathLike))


PathArg = Annotated[Any, Check(_path_arg, "must be None or a path (str) to a .json or .txt misspelling list")]


def _misspellings(path: Any) -> dict[str, Any]:
    return misspellings(os.fspath(path) if path is not None else None)


# --- simulate_typos (AugLy) ----------------------------------------------------------------------
def _draw_typos(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, then per word its typo kind ("all"), its characters and their typos."""
    draws = Draws(rng)
    typo_type = params["typo_type"]
    kb = keyboard("en")
    kb_op = substitute_from(kb)
    mix_op = charmix("mix", params["max_typo_length"])
    miss = _misspellings(params["misspelling_dict_path"]) if typo_type in ("all", "misspelling") else {}

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

    return drawn_plan(plan_char_edits(texts, params, draws, choose_op=picker,
                                      eligible=kb.__contains__ if typo_type == "keyboard" else lambda g: True,
                                      sub_table=kb if typo_type == "keyboard" else None,
                                      vocab=miss if typo_type == "misspelling" else None,
                                      const_op=typo_type in ("keyboard", "charmix")))


@augmentation(TEXT, intensity=char_word_intensity, cost=typo_cost, draw=_draw_typos)
@shared_docs
def simulate_typos(
    texts: Texts,
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
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Simulate typos in chosen words: misspellings, QWERTY neighbours, or character delete/insert/
    substitute/swap ("charmix"). Only the chosen words change.

    Args:
        aug_char_p: share of the characters of a chosen word that get a typo, in [0, 1].
        aug_char_min: minimum number of typos per chosen word.
        aug_char_max: maximum number of typos per chosen word.
        typo_type: "misspelling" (a listed misspelling of the word), "keyboard" (neighbouring key on an
            English QWERTY keyboard), "charmix" (random delete/insert/substitute/swap) or "all" (one of
            those per word, misspelling only when the word is listed).
        misspelling_dict_path: .json (word → list) or .txt (``word miss1 miss2 ...`` lines) file;
            None = nlpaug's English misspelling list (read from the installed nlpaug package).
        max_typo_length: longest run of characters affected by one charmix typo (>= 1).
    """
    return apply_plan(texts, plan)


# --- nlpaug-style extras -------------------------------------------------------------------------
def _draw_keyboard(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, their characters, and a neighbouring key for each."""
    table = _keyboard_filtered(params["language"], params["include_special_char"], params["include_numeric"],
                               params["include_upper_case"])
    return _table_plan(texts, params, rng, table, "typo:keyboard")


@augmentation(TEXT, intensity=char_word_intensity, draw=_draw_keyboard)
@shared_docs
def keyboard_typos(
    texts: Texts,
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
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace characters of chosen words by a neighbouring key (nlpaug's keyboard maps, 11 layouts).

    Args:
        language: keyboard layout: "de", "en", "es", "fr", "he", "it", "nl", "pl", "th", "tr" or "uk".
        include_special_char: allow neighbours that are punctuation/symbols.
        include_numeric: allow neighbours that are digits.
        include_upper_case: allow upper-case neighbours for lower-case keys.
    """
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


def _table_plan(texts: Texts, params: dict[str, Any], rng: np.random.Generator, table: dict[str, tuple[str, ...]],
                op_name: str) -> dict[str, Any]:
    """The plan of a table substitution: characters of ``table`` in chosen words replaced by a table entry."""
    op = substitute_from(table)
    return drawn_plan(plan_char_edits(texts, params, Draws(rng), eligible=table.__contains__,
                                      choose_op=lambda w: (op_name, op), sub_table=table, const_op=True))


def _draw_ocr(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, their confusable characters, and a confusion for each."""
    return _table_plan(texts, params, rng, ocr(), "ocr")


@augmentation(TEXT, intensity=char_word_intensity, draw=_draw_ocr)
@shared_docs
def ocr_errors(
    texts: Texts,
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 1,
    aug_char_min: Count = 1,
    aug_char_max: Count = 10,
    aug_word_min: Count = 1,
    aug_word_max: Count = 10,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace characters by typical OCR confusions (0 ↔ O, 1 ↔ l, rn → m ...; nlpaug's English OCR map).

    Args:
        aug_char_p: share of the confusable characters of a chosen word replaced, in [0, 1].
    """
    return apply_plan(texts, plan)


def _draw_char_edit(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, their characters, and the new characters ("insert"/"substitute")."""
    op, name = charmix(params["action"]), f"char:{params['action']}"
    return drawn_plan(plan_char_edits(texts, params, Draws(rng), eligible=lambda g: True,
                                      choose_op=lambda w: (name, op), const_op=True))


@augmentation(TEXT, intensity=char_word_intensity, draw=_draw_char_edit)
@shared_docs
def random_char_edit(
    texts: Texts,
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
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Random character insert / substitute / swap / delete inside chosen words (nlpaug's RandomCharAug
    actions). New characters are ASCII letters/digits for ASCII characters, otherwise graphemes of the
    same word (so scripts are not mixed).

    Args:
        action: "insert", "substitute", "swap" (with the next character) or "delete".
    """
    return apply_plan(texts, plan)


def _draw_misspellings(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the listed words replaced (priority words first), and a misspelling for each."""
    miss = _misspellings(params["misspelling_dict_path"])
    draws = Draws(rng)
    prio, ignore = word_set(params["priority_words"]), word_set(params["ignore_words"])
    p, lo, hi = params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        out: list[Edit] = []
        for i in select_words(doc, draws, p, lo, hi, priority=prio, ignore=ignore, vocab=miss):
            s, e = doc.words[i]
            w = doc.text[s:e]
            out.append((s, e, match_case(w, draws.pick(miss[w.lower()])), "misspelling"))
        return out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=aug_p_intensity, draw=_draw_misspellings)
@shared_docs
def spelling_mistakes(
    texts: Texts,
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10,
    misspelling_dict_path: PathArg = None,
    priority_words: WordList = None,
    ignore_words: WordList = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace words by a common misspelling of them (nlpaug's English spelling list; casing kept).

    Args:
        aug_p: share of the listed words replaced, in [0, 1].
        misspelling_dict_path: .json (word → list) or .txt (``word miss1 miss2 ...`` lines) file;
            None = nlpaug's English misspelling list.
    """
    return apply_plan(texts, plan)
