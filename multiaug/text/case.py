"""Case changes (``change_case``)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

import numpy as np

from ..core.registry import augmentation
from ..core.spec import Range, Unit
from ._modality import TEXT

_WORD = re.compile(r"\S+")


def _char_insertion_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if granularity == "all", else 100 / cadence."""
    return 100.0 if params["granularity"] == "all" else 100.0 / params["cadence"]


def _apply_case(s: str, case: str, rng: np.random.Generator) -> str:
    if case == "lower":
        return s.lower()
    if case == "upper":
        return s.upper()
    if case == "title":
        return s.title()
    return s.upper() if rng.random() < 0.5 else s.lower()


@augmentation(TEXT, intensity=_char_insertion_intensity)
def change_case(
    texts: str | list[str],
    granularity: Literal["all", "word", "char"] = "word",
    cadence: Annotated[float, Range(1.0, None), Unit("units")] = 1.0,
    case: Literal["lower", "upper", "title", "random"] = "random",
    seed: Any = 10,
    metadata: list[dict[str, Any]] | None = None,
) -> list[str]:
    """Change the case of the whole text, or of every ``cadence``-th word or character.

    Only the chosen units change; whitespace and everything else stay byte-identical.

    Args:
        texts: a str or a list of str.
        granularity: "all" (whole text), "word" or "char".
        cadence: every ``cadence``-th unit is changed (>= 1; fractional cadences step by that many units).
        case: "lower", "upper", "title" or "random" (upper or lower per unit, drawn from ``seed``).
        seed: int, numpy Generator or None; only ``case="random"`` draws.
        metadata: list (or Tracker) that receives the record.
    """
    rng: np.random.Generator = seed
    out = []
    for text in texts:
        if granularity == "all":
            out.append(_apply_case(text, case, rng))
            continue
        if granularity == "word":
            spans = [m.span() for m in _WORD.finditer(text)]
        else:
            spans = [(i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
        chosen = set()
        pos = 0.0
        while int(pos) < len(spans):
            chosen.add(int(pos))
            pos += cadence
        pieces = []
        last = 0
        for k, (a, b) in enumerate(spans):
            if k in chosen:
                pieces.append(text[last:a])
                pieces.append(_apply_case(text[a:b], case, rng))
                last = b
        pieces.append(text[last:])
        out.append("".join(pieces))
    return out
