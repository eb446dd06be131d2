"""Character insertions: punctuation, whitespace and zero-width characters every ``cadence`` characters.
Insertion points are grapheme boundaries outside protected tokens, so clusters and URLs stay whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Check
from ..engine.draws import Draws
from ..engine.insertions import plan_char_insertions
from ..engine.plan import drawn_plan
from ..engine.splice import apply_plan
from ..modality import TEXT, Metadata, PlanArg, Texts, fine_edits
from .parameters import Cadence, Protect, char_insertion_intensity, shared_docs

#: AugLy's sets (facts); ZWJ (U+200D) is left out of the zero-width set because it fuses neighbouring emoji
PUNCTUATION_CHARS = (".", "?", "!", ",", ";", ":", "-", "'", "...")
WHITESPACE_CHARS = (" ", "\t", "\n", "\r", "\x0b", "\x0c")
ZERO_WIDTH_CHARS = ("\u200b", "\u200c", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064")
EXPORTS = ("PUNCTUATION_CHARS", "WHITESPACE_CHARS", "ZERO_WIDTH_CHARS")


def _inserting(chars: tuple[str, ...] | None, op: str) -> Callable[..., dict[str, Any]]:
    """The draw of an insertion augmentation: a character of ``chars`` (None: of the ``chars`` parameter) drawn
    per document, or per insertion point with ``vary_chars``."""

    def draw(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
        return drawn_plan(plan_char_insertions(texts, chars or tuple(params["chars"]), params["granularity"],
                                               params["cadence"], params["vary_chars"], params["protect"], op,
                                               Draws(rng), fine_edits(texts)))

    return draw


def _doc(summary: str) -> Any:
    def deco(fn: Any) -> Any:
        fn.__doc__ = summary + "\n" + _ARGS
        return fn

    return deco


_ARGS = """
    Args:
        granularity: "all" (count characters across the text) or "word" (inside each word only).
        cadence: insert after every ``cadence``-th character (grapheme), >= 1; fractional cadences
            step by that many characters.
        vary_chars: draw a new character for every insertion instead of one per document.
"""


@augmentation(TEXT, intensity=char_insertion_intensity, draw=_inserting(PUNCTUATION_CHARS, "insert_punct"))
@shared_docs
@_doc("Insert punctuation (one of . ? ! , ; : - ' ...) after every ``cadence``-th character.")
def insert_punctuation_chars(
    texts: Texts,
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=char_insertion_intensity, draw=_inserting(WHITESPACE_CHARS, "insert_space"))
@shared_docs
@_doc("Insert whitespace characters (space, tab, LF, CR, VT, FF) after every ``cadence``-th character.")
def insert_whitespace_chars(
    texts: Texts,
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    return apply_plan(texts, plan)


@augmentation(TEXT, intensity=char_insertion_intensity, draw=_inserting(ZERO_WIDTH_CHARS, "insert_zw"))
@shared_docs
@_doc("Insert zero-width characters (ZWSP, ZWNJ, word joiner, invisible operators U+2061-2064; never ZWJ, which would fuse emoji) after every ``cadence``-th character.")
def insert_zero_width_chars(
    texts: Texts,
    granularity: Literal["all", "word"] = "all",
    cadence: Cadence = 1.0,
    vary_chars: bool = False,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    return apply_plan(texts, plan)


def _char_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(isinstance(c, str) and c for c in value)


@augmentation(TEXT, intensity=char_insertion_intensity, example={"chars": ["🔥", "💀"]},
              draw=_inserting(None, "insert_chars"))
@shared_docs
def insert_chars(
    texts: Texts,
    chars: Annotated[list, Check(_char_list, "must be a non-empty list of non-empty str")],
    granularity: Literal["all", "word"] = "word",
    cadence: Cadence = 2.0,
    vary_chars: bool = True,
    metadata: Metadata = None,
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Insert characters of your choice (e.g. emoji between the letters of words) after every ``cadence``-th
    character: ``insert_punctuation_chars`` with your own list (``["🔥", "💀"]`` gives "id🔥io🔥t").

    Args:
        chars: the strings to insert (each one emoji, letter or any short string); one is drawn per document,
            or per insertion with ``vary_chars``.
        granularity: "all" (count characters across the text) or "word" (inside each word only).
        cadence: insert after every ``cadence``-th character (grapheme), >= 1; fractional cadences
            step by that many characters.
        vary_chars: draw a new string for every insertion instead of one per document.
    """
    return apply_plan(texts, plan)
