"""Case changes (``change_case``)."""

from __future__ import annotations

from typing import Any, Literal

from ...core.registry import augmentation
from ..engine.case_edits import plan_case_changes
from ..engine.draws import Draws
from ..engine.splice import apply_plan
from ..modality import TEXT, fine_edits
from .parameters import Cadence, Protect, char_insertion_intensity


@augmentation(TEXT, intensity=char_insertion_intensity)
def change_case(
    texts: str | list[str],
    granularity: Literal["all", "word", "char"] = "word",
    cadence: Cadence = 1.0,
    case: Literal["lower", "upper", "title", "random"] = "random",
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
    protect: Protect = None,
) -> Any:
    """Change the case of the whole text, or of every ``cadence``-th word or character.

    Only words (runs of letters/digits) are changed: whitespace, punctuation, emoji, URLs,
    @mentions and #hashtags stay byte-identical. ``"title"`` capitalises each word (first letter
    upper, rest lower; unlike ``str.title`` it leaves ``don't`` alone). With ``granularity="all"``
    and ``case="random"`` one draw decides upper or lower for the whole document.

    Args:
        texts: a str or a list of str.
        granularity: "all" (whole text), "word" or "char" (characters of words, counted across the text).
        cadence: every ``cadence``-th unit is changed (>= 1; fractional cadences step by that many units).
        case: "lower", "upper", "title" or "random" (upper or lower per unit, drawn from ``seed``).
        seed: int, numpy Generator or None; only ``case="random"`` draws.
        metadata: list (or Tracker) that receives the record.
        protect: regular expression whose matches are never edited (URLs, e-mails, @mentions and
            #hashtags are always protected); None = only those.
    """
    return apply_plan(texts, plan_case_changes(texts, granularity, cadence, case, protect, Draws(seed),
                                                fine_edits(texts)))
