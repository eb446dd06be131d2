"""Unicode look and encoding tricks: bidirectional overrides, fun fonts, upside-down text, look-alike
characters (ASCII and Unicode homoglyphs), Base64 / leetspeak encoding."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import MediaReadError
from ...core.registry import Out, augmentation
from ...core.spec import Check
from ..engine.char_edits import plan_char_edits, substitute_from
from ..engine.draws import Draws, aug_count, select_words, word_set
from ..engine.graphemes import graphemes, simple_text
from ..engine.plan import drawn_plan, plan_docs, run_docs
from ..engine.rewrite import plan_line_rewrites, plan_restyled_stretches
from ..engine.splice import Edit, apply_plan, coalesce_in_words
from ..engine.tokenize import Doc, line_segments, word_units
from ..kernels.bidi import PDF, RLO, bidi_split_words, bidi_words
from ..kernels.fonts import FUN_FONT_NAMES, alnum_keys, builtin_fun_fonts, styled, translation  # noqa: F401 (EXPORTS)
from ..modality import TEXT, Metadata, PlanArg, Texts, fine_edits
from ..resources.tables import (
    ascii_lookalikes,
    asset_json,
    char_table,
    homoglyphs,
    mapping_file,
    unicode_lookalikes,
    upside_down_table,
    upside_down_translation,
)
from .parameters import (
    Count,
    MinChar,
    OneOutput,
    Prob,
    Protect,
    WordList,
    aug_p_intensity,
    char_word_intensity,
    replace_granularity_intensity,
    shared_docs,
)

EXPORTS = ("FUN_FONT_NAMES",)  # the built-in font names (kernels/fonts.py), exported by multiaug.text


def _path_arg(v: Any) -> bool:
    return v is None or isinstance(v, (str, os.PathLike))


PathArg = Annotated[Any, Check(_path_arg, "must be None or a path (str) to a JSON file")]


# --- bidirectional -------------------------------------------------------------------------------


def _bidi_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


def _reverse(s: str) -> str:
    if simple_text(s):
        return s[::-1]
    return "".join(reversed(graphemes(s)))


@augmentation(TEXT, intensity=_bidi_intensity)
@shared_docs
def replace_bidirectional(
    texts: Texts,
    granularity: Literal["all", "word"] = "all",
    split_word: bool = False,
    *,
    protect: Protect = None,
) -> Out:
    """Store text reversed inside a right-to-left override (U+202E … U+202C) so that it displays unchanged.

    ``"all"`` reverses each line (between line breaks and protected tokens, which stay as they are);
    ``"word"`` reverses each word; ``split_word=True`` reverses only the second half of each word.
    Grapheme clusters are reversed as units (combining marks stay on their letter).

    Args:
        granularity: "all" (each line) or "word" (each word).
        split_word: with "word", keep the first half of each word and override only the second half.
    """

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        out: list[Edit] = []
        units = line_segments(doc) if granularity == "all" else doc.words
        for s, e in units:
            w = text[s:e]
            if granularity == "word" and split_word:
                gs = graphemes(w)
                if len(gs) < 2:
                    continue
                half = len(gs) // 2
                out.append((s, e, "".join(gs[:half]) + RLO + "".join(reversed(gs[half:])) + PDF, "bidi"))
            else:
                out.append((s, e, RLO + _reverse(w) + PDF, "bidi"))
        return out

    if granularity == "all":
        return apply_plan(texts, plan_line_rewrites(texts, protect, lambda line: RLO + line[::-1] + PDF, "bidi",
                                                    edits))
    if not fine_edits(texts):  # every word: one edit per plain line (word edits when spans= are given)
        return apply_plan(texts, plan_line_rewrites(texts, protect, bidi_split_words if split_word else bidi_words,
                                                    "bidi", edits, stretches=False))
    return run_docs(texts, protect, edits)


# --- fun fonts -----------------------------------------------------------------------------------
def _load_fonts(fonts_path: Any) -> list[dict[str, Any]]:
    if fonts_path is None:
        return builtin_fun_fonts()
    raw = mapping_file(os.fspath(fonts_path), "fonts_path")
    fonts = [{"name": str(k), "map": v} for k, v in raw.items() if isinstance(v, dict) and v]
    if not fonts:
        raise MediaReadError(f"fonts_path: '{fonts_path}' holds no font ({{name: {{char: styled}}}})")
    return fonts


def _draw_fonts(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: its font, the units restyled ("word"/"char"), and a font per unit (``vary_fonts``)."""
    fonts = _load_fonts(params["fonts_path"])
    draws = Draws(rng)
    prio = word_set(params["priority_words"])
    granularity, vary, protect = params["granularity"], params["vary_fonts"], params["protect"]
    p, lo, hi = params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        doc_font = draws.pick(fonts)
        if granularity == "all":
            units = doc.words
        elif granularity == "word":
            units = [doc.words[i] for i in select_words(doc, draws, p, lo, hi, priority=prio)]
        else:
            cands = word_units(doc)
            units = sorted(draws.sample(cands, aug_count(len(cands), p, lo, hi)))
        out: list[Edit] = []
        for s, e in units:
            font = draws.pick(fonts) if vary else doc_font
            out.append((s, e, styled(text[s:e], font), f"font:{font['name']}"))
        return coalesce_in_words(doc, out) if granularity == "char" else out

    if granularity == "all" and not vary and not fine_edits(texts) and all(alnum_keys(f) for f in fonts):
        return drawn_plan(plan_restyled_stretches(texts, protect, fonts, translation, draws, edits))
    return drawn_plan(plan_docs(texts, protect, edits))


@augmentation(TEXT, intensity=replace_granularity_intensity, draw=_draw_fonts)
@shared_docs
def replace_fun_fonts(
    texts: Texts,
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10000,
    granularity: Literal["all", "word", "char"] = "all",
    vary_fonts: bool = False,
    fonts_path: PathArg = None,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Write letters and digits in stylised Unicode alphabets (𝐛𝐨𝐥𝐝, 𝓈𝒸𝓇𝒾𝓅𝓉, s̶t̶r̶u̶c̶k̶ …).

    Built-in fonts (``FUN_FONT_NAMES``, 21): the 13 Mathematical Alphanumeric styles, circled,
    fullwidth, squared, negative circled/squared, and strikethrough/underline/slashed made with
    combining marks. Punctuation, whitespace, emoji and protected tokens are untouched.

    Args:
        aug_p: share of the units (words or characters) restyled when granularity is "word"/"char", in [0, 1].
        granularity: "all" (every word), "word" (chosen words) or "char" (chosen characters).
        vary_fonts: draw a font per unit instead of one font per document.
        fonts_path: JSON file ``{font name: {char: styled char}}``; None = the built-in fonts.
        priority_words: words (case-insensitive) chosen before any others ("word" granularity).
    """
    return apply_plan(texts, plan)


# --- upside down -----------------------------------------------------------------------------------
def _flip(s: str, table: dict[str, str], reverse: bool) -> str:
    if simple_text(s):
        t = s.translate(upside_down_translation())
        return t[::-1] if reverse else t
    gs = graphemes(s)
    flipped = [table.get(g[0], g[0]) + g[1:] for g in gs]
    return "".join(reversed(flipped) if reverse else flipped)


def _draw_upside_down(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the words ("word") or characters ("char") flipped; "all" draws nothing."""
    table = upside_down_table()
    draws = Draws(rng)
    granularity, p, lo, hi = params["granularity"], params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        if granularity == "all":
            return [(s, e, _flip(text[s:e], table, True), "upside_down") for s, e in line_segments(doc)]
        if granularity == "word":
            return [(doc.words[i][0], doc.words[i][1], _flip(doc.word(i), table, True), "upside_down")
                    for i in select_words(doc, draws, p, lo, hi)]
        cands = word_units(doc)
        chosen = sorted(draws.sample(cands, aug_count(len(cands), p, lo, hi)))
        return coalesce_in_words(doc, [(s, e, _flip(text[s:e], table, False), "upside_down") for s, e in chosen])

    if granularity == "all":
        tt = upside_down_translation()
        return drawn_plan(plan_line_rewrites(texts, params["protect"], lambda line: line.translate(tt)[::-1],
                                             "upside_down", edits))
    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=replace_granularity_intensity, example={"granularity": "word"},
              draw=_draw_upside_down)
@shared_docs
def replace_upside_down(
    texts: Texts,
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 1000,
    granularity: Literal["all", "word", "char"] = "all",
    n: OneOutput = 1,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Render text upside down (ʇxǝʇ uʍop ǝpᴉsdn): flipped glyphs in reversed order.

    ``"all"`` flips each line (line breaks and protected tokens stay in place); ``"word"`` flips
    chosen words; ``"char"`` flips chosen characters in place (no reversal).

    Args:
        aug_p: share of the units (words or characters) flipped for "word"/"char", in [0, 1].
        granularity: "all", "word" or "char".
    """
    return apply_plan(texts, plan)


# --- look-alike characters ---------------------------------------------------------------------------
def _similar_plan(rng: np.random.Generator, params: dict[str, Any], texts: Texts,
                  table: dict[str, tuple[str, ...]], op: str) -> dict[str, Any]:
    """The plan of a look-alike substitution: mappable characters of chosen words replaced by a look-alike."""
    sub = substitute_from(table)
    return drawn_plan(plan_char_edits(texts, params, Draws(rng), eligible=table.__contains__,
                                      choose_op=lambda w: (op, sub), sub_table=table, const_op=True))


def _table(params: dict[str, Any], shipped: Callable[[], dict[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    """The ``mapping_path`` file's table, or the ``shipped`` one."""
    path = params["mapping_path"]
    return shipped() if path is None else char_table(mapping_file(os.fspath(path), "mapping_path"))


def _draw_similar(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, their mappable characters, and a look-alike for each."""
    return _similar_plan(rng, params, texts, _table(params, ascii_lookalikes), "similar_char")


@augmentation(TEXT, intensity=char_word_intensity, draw=_draw_similar)
@shared_docs
def replace_similar_chars(
    texts: Texts,
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 2,
    aug_char_min: Count = 1,
    aug_char_max: Count = 1000,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping_path: PathArg = None,
    priority_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace letters by ASCII look-alike sequences (a → @, h → |-|, s → $) in chosen words.

    Args:
        aug_char_p: share of the mappable characters of a chosen word replaced, in [0, 1].
        mapping_path: JSON file char → list of replacements; None = the shipped ASCII table.
    """
    return apply_plan(texts, plan)


def _draw_similar_unicode(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the chosen words, their mappable characters, and a homoglyph for each."""
    return _similar_plan(rng, params, texts, _table(params, unicode_lookalikes), "similar_unicode")


@augmentation(TEXT, intensity=char_word_intensity, draw=_draw_similar_unicode)
@shared_docs
def replace_similar_unicode_chars(
    texts: Texts,
    aug_char_p: Prob = 0.3,
    aug_word_p: Prob = 0.3,
    min_char: MinChar = 2,
    aug_char_min: Count = 1,
    aug_char_max: Count = 1000,
    aug_word_min: Count = 1,
    aug_word_max: Count = 1000,
    n: OneOutput = 1,
    mapping_path: PathArg = None,
    priority_words: WordList = None,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace letters by Unicode homoglyphs (a → а Cyrillic, o → ο Greek) in chosen words.

    Args:
        aug_char_p: share of the mappable characters of a chosen word replaced, in [0, 1].
        mapping_path: JSON file char → list of replacements; None = the 52 letters with up to 4 BMP
            homoglyphs each (from the shipped confusables table).
    """
    return apply_plan(texts, plan)


def _draw_homoglyphs(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the confusable characters replaced, and a confusable for each."""
    table = homoglyphs()
    draws = Draws(rng)
    p, lo, hi = params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        cands = [(s, e) for s, e in word_units(doc) if text[s:e] in table]
        chosen = sorted(draws.sample(cands, aug_count(len(cands), p, lo, hi)))
        return coalesce_in_words(doc, [(s, e, draws.pick(table[text[s:e]]), "homoglyph") for s, e in chosen])

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=aug_p_intensity, draw=_draw_homoglyphs)
@shared_docs
def replace_homoglyphs(
    texts: Texts,
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 1000,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Replace letters and digits anywhere in words by confusable characters from Unicode's confusables
    table (60 ASCII keys, all candidates including non-BMP ones) — wider than AugLy's 26-letter table.

    Args:
        aug_p: share of the confusable characters replaced, in [0, 1].
        aug_min: minimum number of characters replaced per document.
        aug_max: maximum number of characters replaced per document.
    """
    return apply_plan(texts, plan)


# --- encode_text --------------------------------------------------------------------------------------
def _b64(s: str) -> str:
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def _leet(s: str, table: dict[str, Any], draws: Draws) -> str:
    out = []
    for g in graphemes(s):
        opts = table.get(g.lower())
        out.append(draws.pick(opts) if opts else g)
    return "".join(out)


def _draw_encoding(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """Per document: the units encoded ("word"/"char"), then a leetspeak form per character (leetspeak)."""
    leet = asset_json("leetspeak.json")
    draws = Draws(rng)
    granularity, encoder = params["granularity"], params["encoder"]
    p, lo, hi = params["aug_p"], params["aug_min"], params["aug_max"]

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        if granularity == "all":
            units = line_segments(doc) if encoder == "base64" else doc.words
        elif granularity == "word":
            units = [doc.words[i] for i in select_words(doc, draws, p, lo, hi)]
        else:
            cands = word_units(doc)
            if encoder == "leetspeak":
                cands = [(s, e) for s, e in cands if text[s:e].lower() in leet]
            units = sorted(draws.sample(cands, aug_count(len(cands), p, lo, hi)))
        out = [(s, e, _b64(text[s:e]) if encoder == "base64" else _leet(text[s:e], leet, draws), f"encode:{encoder}")
               for s, e in units]
        return coalesce_in_words(doc, out) if granularity == "char" else out

    return drawn_plan(plan_docs(texts, params["protect"], edits))


@augmentation(TEXT, intensity=replace_granularity_intensity, class_name="EncodeTextTransform", draw=_draw_encoding,
              example={"aug_min": 1, "aug_max": 10, "aug_p": 0.3, "granularity": "word", "encoder": "leetspeak"})
@shared_docs
def encode_text(
    texts: Texts,
    aug_min: Count,
    aug_max: Count,
    aug_p: Prob,
    granularity: Literal["all", "word", "char"],
    encoder: Literal["base64", "leetspeak"],
    n: OneOutput = 1,
    p: float = 1.0,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Encode the whole text, or chosen words or characters, as Base64 or leetspeak (e → 3, a → 4/@).

    ``"all"`` encodes each line (Base64) or every word (leetspeak); line breaks and protected
    tokens stay. ``p`` is accepted for AugLy compatibility and ignored by the function (the class's
    ``p`` is its application probability).

    Args:
        aug_min: minimum number of units encoded per document (word/char granularity).
        aug_max: maximum number of units encoded per document (word/char granularity).
        aug_p: share of the units encoded (word/char granularity), in [0, 1].
        granularity: "all", "word" or "char".
        encoder: "base64" (UTF-8 bytes, standard alphabet) or "leetspeak" (shipped table).
        p: ignored (AugLy accepted it without using it).
    """
    return apply_plan(texts, plan)
