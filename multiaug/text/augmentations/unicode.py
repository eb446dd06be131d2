"""Unicode look and encoding tricks: bidirectional overrides, fun fonts, upside-down text, look-alike
characters (ASCII and Unicode homoglyphs), Base64 / leetspeak encoding."""

from __future__ import annotations

import base64
import os
from typing import Annotated, Any, Literal

from ...core.errors import MediaReadError
from ...core.registry import augmentation
from ...core.spec import Check
from ..engine.char_edits import plan_char_edits, substitute_from
from ..engine.draws import Draws, aug_count, select_words, word_set
from ..engine.graphemes import graphemes, simple_text
from ..engine.plan import run_docs
from ..engine.rewrite import plan_line_rewrites, plan_restyled_stretches
from ..engine.splice import Edit, apply_plan, coalesce_in_words
from ..engine.tokenize import Doc, line_segments, word_units
from ..kernels.bidi import PDF, RLO, bidi_split_words, bidi_words
from ..kernels.fonts import FUN_FONT_NAMES, alnum_keys, builtin_fun_fonts, styled, translation  # noqa: F401 (EXPORTS)
from ..modality import TEXT, fine_edits
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
    char_edit_params,
    char_word_intensity,
    replace_granularity_intensity,
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
def replace_bidirectional(
    texts: str | list[str],
    granularity: Literal["all", "word"] = "all",
    split_word: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Store text reversed inside a right-to-left override (U+202E … U+202C) so that it displays unchanged.

    ``"all"`` reverses each line (between line breaks and protected tokens, which stay as they are);
    ``"word"`` reverses each word; ``split_word=True`` reverses only the second half of each word.
    Grapheme clusters are reversed as units (combining marks stay on their letter).

    Args:
        texts: a str or a list of str.
        granularity: "all" (each line) or "word" (each word).
        split_word: with "word", keep the first half of each word and override only the second half.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
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


@augmentation(TEXT, intensity=replace_granularity_intensity)
def replace_fun_fonts(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 10000,
    granularity: Literal["all", "word", "char"] = "all",
    vary_fonts: bool = False,
    fonts_path: PathArg = None,
    n: OneOutput = 1,
    priority_words: WordList = None,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Write letters and digits in stylised Unicode alphabets (𝐛𝐨𝐥𝐝, 𝓈𝒸𝓇𝒾𝓅𝓉, s̶t̶r̶u̶c̶k̶ …).

    Built-in fonts (``FUN_FONT_NAMES``, 21): the 13 Mathematical Alphanumeric styles, circled,
    fullwidth, squared, negative circled/squared, and strikethrough/underline/slashed made with
    combining marks. Punctuation, whitespace, emoji and protected tokens are untouched.

    Args:
        texts: a str or a list of str.
        aug_p: share of the units (words or characters) restyled when granularity is "word"/"char", in [0, 1].
        aug_min: minimum number of units restyled per document.
        aug_max: maximum number of units restyled per document.
        granularity: "all" (every word), "word" (chosen words) or "char" (chosen characters).
        vary_fonts: draw a font per unit instead of one font per document.
        fonts_path: JSON file ``{font name: {char: styled char}}``; None = the built-in fonts.
        n: number of outputs per input; must be 1 (str in → str out).
        priority_words: words (case-insensitive) chosen before any others ("word" granularity).
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    fonts = _load_fonts(fonts_path)
    draws = Draws(seed)
    prio = word_set(priority_words)

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        doc_font = draws.pick(fonts)
        if granularity == "all":
            units = doc.words
        elif granularity == "word":
            units = [doc.words[i] for i in select_words(doc, draws, aug_p, aug_min, aug_max, priority=prio)]
        else:
            cands = word_units(doc)
            units = sorted(draws.sample(cands, aug_count(len(cands), aug_p, aug_min, aug_max)))
        out: list[Edit] = []
        for s, e in units:
            font = draws.pick(fonts) if vary_fonts else doc_font
            out.append((s, e, styled(text[s:e], font), f"font:{font['name']}"))
        return coalesce_in_words(doc, out) if granularity == "char" else out

    if granularity == "all" and not vary_fonts and not fine_edits(texts) and all(alnum_keys(f) for f in fonts):
        return apply_plan(texts, plan_restyled_stretches(texts, protect, fonts, translation, draws, edits))
    return run_docs(texts, protect, edits)


# --- upside down -----------------------------------------------------------------------------------
def _flip(s: str, table: dict[str, str], reverse: bool) -> str:
    if simple_text(s):
        t = s.translate(upside_down_translation())
        return t[::-1] if reverse else t
    gs = graphemes(s)
    flipped = [table.get(g[0], g[0]) + g[1:] for g in gs]
    return "".join(reversed(flipped) if reverse else flipped)


@augmentation(TEXT, intensity=replace_granularity_intensity, example={"granularity": "word"})
def replace_upside_down(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 1000,
    granularity: Literal["all", "word", "char"] = "all",
    n: OneOutput = 1,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Render text upside down (ʇxǝʇ uʍop ǝpᴉsdn): flipped glyphs in reversed order.

    ``"all"`` flips each line (line breaks and protected tokens stay in place); ``"word"`` flips
    chosen words; ``"char"`` flips chosen characters in place (no reversal).

    Args:
        texts: a str or a list of str.
        aug_p: share of the units (words or characters) flipped for "word"/"char", in [0, 1].
        aug_min: minimum number of units flipped per document.
        aug_max: maximum number of units flipped per document.
        granularity: "all", "word" or "char".
        n: number of outputs per input; must be 1 (str in → str out).
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = upside_down_table()
    draws = Draws(seed)

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        if granularity == "all":
            return [(s, e, _flip(text[s:e], table, True), "upside_down") for s, e in line_segments(doc)]
        if granularity == "word":
            return [(doc.words[i][0], doc.words[i][1], _flip(doc.word(i), table, True), "upside_down")
                    for i in select_words(doc, draws, aug_p, aug_min, aug_max)]
        cands = word_units(doc)
        return coalesce_in_words(doc, [(s, e, _flip(text[s:e], table, False), "upside_down")
                                       for s, e in sorted(draws.sample(cands, aug_count(len(cands), aug_p, aug_min,
                                                                                        aug_max)))])

    if granularity == "all":
        tt = upside_down_translation()
        return apply_plan(texts, plan_line_rewrites(texts, protect, lambda line: line.translate(tt)[::-1],
                                                    "upside_down", edits))
    return run_docs(texts, protect, edits)


# --- look-alike characters ---------------------------------------------------------------------------
def _similar(texts: list[str], table: dict[str, tuple[str, ...]], seed: Any, op: str, params: dict[str, Any]) -> Any:
    sub = substitute_from(table)
    plan = plan_char_edits(texts, params, Draws(seed), eligible=table.__contains__, choose_op=lambda w: (op, sub),
                           sub_table=table, const_op=True)
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=char_word_intensity)
def replace_similar_chars(
    texts: str | list[str],
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
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Replace letters by ASCII look-alike sequences (a → @, h → |-|, s → $) in chosen words.

    Args:
        texts: a str or a list of str.
        aug_char_p: share of the mappable characters of a chosen word replaced, in [0, 1].
        aug_word_p: share of the eligible words changed, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of characters replaced per chosen word.
        aug_char_max: maximum number of characters replaced per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        n: number of outputs per input; must be 1 (str in → str out).
        mapping_path: JSON file char → list of replacements; None = the shipped ASCII table.
        priority_words: words (case-insensitive) chosen before any others.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = ascii_lookalikes() if mapping_path is None else char_table(mapping_file(os.fspath(mapping_path),
                                                                                       "mapping_path"))
    return _similar(texts, table, seed, "similar_char", char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min,
                    aug_char_max, aug_word_min, aug_word_max, priority_words, None, protect))


@augmentation(TEXT, intensity=char_word_intensity)
def replace_similar_unicode_chars(
    texts: str | list[str],
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
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Replace letters by Unicode homoglyphs (a → а Cyrillic, o → ο Greek) in chosen words.

    Args:
        texts: a str or a list of str.
        aug_char_p: share of the mappable characters of a chosen word replaced, in [0, 1].
        aug_word_p: share of the eligible words changed, in [0, 1].
        min_char: minimum word length (characters) to be eligible.
        aug_char_min: minimum number of characters replaced per chosen word.
        aug_char_max: maximum number of characters replaced per chosen word.
        aug_word_min: minimum number of words changed per document.
        aug_word_max: maximum number of words changed per document.
        n: number of outputs per input; must be 1 (str in → str out).
        mapping_path: JSON file char → list of replacements; None = the 52 letters with up to 4 BMP
            homoglyphs each (from the shipped confusables table).
        priority_words: words (case-insensitive) chosen before any others.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = unicode_lookalikes() if mapping_path is None else char_table(mapping_file(os.fspath(mapping_path),
                                                                                         "mapping_path"))
    return _similar(texts, table, seed, "similar_unicode", char_edit_params(aug_char_p, aug_word_p, min_char, aug_char_min,
                    aug_char_max, aug_word_min, aug_word_max, priority_words, None, protect))


@augmentation(TEXT, intensity=aug_p_intensity)
def replace_homoglyphs(
    texts: str | list[str],
    aug_p: Prob = 0.3,
    aug_min: Count = 1,
    aug_max: Count = 1000,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Replace letters and digits anywhere in words by confusable characters from Unicode's confusables
    table (60 ASCII keys, all candidates including non-BMP ones) — wider than AugLy's 26-letter table.

    Args:
        texts: a str or a list of str.
        aug_p: share of the confusable characters replaced, in [0, 1].
        aug_min: minimum number of characters replaced per document.
        aug_max: maximum number of characters replaced per document.
        seed: int, numpy Generator or None.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    table = homoglyphs()
    draws = Draws(seed)

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        cands = [(s, e) for s, e in word_units(doc) if text[s:e] in table]
        chosen = sorted(draws.sample(cands, aug_count(len(cands), aug_p, aug_min, aug_max)))
        return coalesce_in_words(doc, [(s, e, draws.pick(table[text[s:e]]), "homoglyph") for s, e in chosen])

    return run_docs(texts, protect, edits)


# --- encode_text --------------------------------------------------------------------------------------
def _b64(s: str) -> str:
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def _leet(s: str, table: dict[str, Any], draws: Draws) -> str:
    out = []
    for g in graphemes(s):
        opts = table.get(g.lower())
        out.append(draws.pick(opts) if opts else g)
    return "".join(out)


@augmentation(TEXT, intensity=replace_granularity_intensity, class_name="EncodeTextTransform",
              example={"aug_min": 1, "aug_max": 10, "aug_p": 0.3, "granularity": "word", "encoder": "leetspeak"})
def encode_text(
    texts: str | list[str],
    aug_min: Count,
    aug_max: Count,
    aug_p: Prob,
    granularity: Literal["all", "word", "char"],
    encoder: Literal["base64", "leetspeak"],
    n: OneOutput = 1,
    p: float = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Encode the whole text, or chosen words or characters, as Base64 or leetspeak (e → 3, a → 4/@).

    ``"all"`` encodes each line (Base64) or every word (leetspeak); line breaks and protected
    tokens stay. ``p`` is accepted for AugLy compatibility and ignored by the function (the class's
    ``p`` is its application probability).

    Args:
        texts: a str or a list of str.
        aug_min: minimum number of units encoded per document (word/char granularity).
        aug_max: maximum number of units encoded per document (word/char granularity).
        aug_p: share of the units encoded (word/char granularity), in [0, 1].
        granularity: "all", "word" or "char".
        encoder: "base64" (UTF-8 bytes, standard alphabet) or "leetspeak" (shipped table).
        n: number of outputs per input; must be 1 (str in → str out).
        p: ignored (AugLy accepted it without using it).
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    leet = asset_json("leetspeak.json")
    draws = Draws(seed)

    def enc(s: str) -> str:
        return _b64(s) if encoder == "base64" else _leet(s, leet, draws)

    def edits(doc: Doc) -> list[Edit]:
        text = doc.text
        if granularity == "all":
            units = line_segments(doc) if encoder == "base64" else doc.words
        elif granularity == "word":
            units = [doc.words[i] for i in select_words(doc, draws, aug_p, aug_min, aug_max)]
        else:
            cands = word_units(doc)
            if encoder == "leetspeak":
                cands = [(s, e) for s, e in cands if text[s:e].lower() in leet]
            units = sorted(draws.sample(cands, aug_count(len(cands), aug_p, aug_min, aug_max)))
        out = [(s, e, enc(text[s:e]), f"encode:{encoder}") for s, e in units]
        return coalesce_in_words(doc, out) if granularity == "char" else out

    return run_docs(texts, protect, edits)
