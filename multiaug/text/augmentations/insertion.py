"""Character insertions: punctuation, whitespace and zero-width characters every ``cadence`` characters.
Insertion points are grapheme boundaries outside protected tokens, so clusters and URLs stay whole."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ...core.registry import augmentation
from ...core.spec import Check
from ..engine.draws import Draws
from ..engine.insertions import plan_char_insertions
from ..engine.splice import apply_plan
from ..modality import TEXT, fine_edits
from .parameters import Cadence, Protect, char_insertion_intensity

#: AugLy's sets (facts); ZWJ (U+200D) is left out of the zero-width set because it fuses neighbouring emoji
PUNCTUATION_CHARS = (".", "?", "!", ",", ";", ":", "-", "'", "...")
WHITESPACE_CHARS = (" ", "\t", "\n", "\r", "\x0b", "\x0c")
ZERO_WIDTH_CHARS = ("\u200b", "\u200c", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064")
EXPORTS = ("PUNCTUATION_CHARS", "WHITESPACE_CHARS", "ZERO_WIDTH_CHARS")


def _insert_chars(texts: list[str], chars: tuple[str, ...], granularity: str, cadence: float, vary: bool,
                  seed: Any, protect: str | None, op: str) -> Any:
    plan = plan_char_insertions(texts, chars, granularity, cadence, vary, protect, op, Draws(seed), fine_edits(texts))
    return apply_plan(texts, plan)


def _doc(summary: str) -> Any:
    def deco(fn: Any) -> Any:
        fn.__doc__ = summary + "\n" + _ARGS
        return fn

    return deco


_ARGS = """
    Args:
        texts: a str or a list of str.
        granularity: "all" (count characters across the text) or "word" (inside each word only).
        cadence: insert after every ``cadence``-th character (grapheme), >= 1; fractional cadences
            step by that many characters.
        vary_chars: draw a new character for every insertion instead of one per document.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy; AugLy used the global RNG).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
"""


@augmentation(TEXT, intensity=char_insertion_intensity)
@_doc("Insert punctuation (one of . ? ! , ; : - ' ...) after every ``cadence``-th character.")
def insert_punctuation_chars(
    texts: str | list[str],
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    return _insert_chars(texts, PUNCTUATION_CHARS, granularity, cadence, vary_chars, seed, protect, "insert_punct")


@augmentation(TEXT, intensity=char_insertion_intensity)
@_doc("Insert whitespace characters (space, tab, LF, CR, VT, FF) after every ``cadence``-th character.")
def insert_whitespace_chars(
    texts: str | list[str],
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    return _insert_chars(texts, WHITESPACE_CHARS, granularity, cadence, vary_chars, seed, protect, "insert_space")


@augmentation(TEXT, intensity=char_insertion_intensity)
@_doc("Insert zero-width characters (ZWSP, ZWNJ, word joiner, invisible operators U+2061-2064; never ZWJ, which would fuse emoji) after every ``cadence``-th character.")
def insert_zero_width_chars(
    texts: str | list[str],
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    return _insert_chars(texts, ZERO_WIDTH_CHARS, granularity, cadence, vary_chars, seed, protect, "insert_zw")


def _char_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(isinstance(c, str) and c for c in value)


@augmentation(TEXT, intensity=char_insertion_intensity, example={"chars": ["🔥", "💀"]})
def insert_chars(
    texts: str | list[str],
    chars: Annotated[list, Check(_char_list, "must be a non-empty list of non-empty str")],
    granularity: Literal["all", "word"] = "word",
    cadence: Cadence = 2.0,
    vary_chars: bool = True,
    metadata: list[dict[str, Any]] | None = None,
    seed: Any = None,
    protect: Protect = None,
) -> Any:
    """Insert characters of your choice (e.g. emoji between the letters of words) after every ``cadence``-th
    character: ``insert_punctuation_chars`` with your own list (``["🔥", "💀"]`` gives "id🔥io🔥t").

    Args:
        texts: a str or a list of str.
        chars: the strings to insert (each one emoji, letter or any short string); one is drawn per document,
            or per insertion with ``vary_chars``.
        granularity: "all" (count characters across the text) or "word" (inside each word only).
        cadence: insert after every ``cadence``-th character (grapheme), >= 1; fractional cadences
            step by that many characters.
        vary_chars: draw a new string for every insertion instead of one per document.
        metadata: list (or Tracker) that receives the record.
        seed: int, numpy Generator or None (fresh entropy).
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    return _insert_chars(texts, tuple(chars), granularity, cadence, vary_chars, seed, protect, "insert_chars")
