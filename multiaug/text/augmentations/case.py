"""Case changes (``change_case``)."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ..engine.case_edits import plan_case_changes
from ..engine.draws import Draws
from ..engine.plan import drawn_plan
from ..engine.splice import apply_plan
from ..modality import TEXT, PlanArg, Texts, fine_edits
from .parameters import Cadence, Protect, char_insertion_intensity, shared_docs


def _draw_case(rng: np.random.Generator, params: dict[str, Any], texts: Texts) -> dict[str, Any]:
    """The case edits of each document (only ``case="random"`` draws: one draw per changed unit)."""
    return drawn_plan(plan_case_changes(texts, params["granularity"], params["cadence"], params["case"],
                                        params["protect"], Draws(rng), fine_edits(texts)))


@augmentation(TEXT, intensity=char_insertion_intensity, draw=_draw_case, seed_default=10)
@shared_docs
def change_case(
    texts: Texts,
    granularity: Literal["all", "word", "char"] = "word",
    cadence: Cadence = 1.0,
    case: Literal["lower", "upper", "title", "random"] = "random",
    *,
    protect: Protect = None,
    plan: PlanArg,
) -> Out:
    """Change the case of the whole text, or of every ``cadence``-th word or character.

    Only words (runs of letters/digits) are changed: whitespace, punctuation, emoji, URLs,
    @mentions and #hashtags stay byte-identical. ``"title"`` capitalises each word (first letter
    upper, rest lower; unlike ``str.title`` it leaves ``don't`` alone). With ``granularity="all"``
    and ``case="random"`` one draw decides upper or lower for the whole document.

    Args:
        granularity: "all" (whole text), "word" or "char" (characters of words, counted across the text).
        cadence: every ``cadence``-th unit is changed (>= 1; fractional cadences step by that many units).
        case: "lower", "upper", "title" or "random" (upper or lower per unit, drawn from ``seed``: the only
            case that draws).
    """
    return apply_plan(texts, plan)
