"""torchvision's ColorJitter (with hue) as one seeded augmentation (kernel:
:func:`multiaug.image.kernels.color_ops.color_jitter`); AugLy's fixed-factor ``color_jitter`` stays as it is."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Check
from ..kernels import color_ops as kc
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules
from .parameters import Seed, uniform


def _is_spread(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return v >= 0
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v) and 0 <= v[0] <= v[1]


def _is_hue(v: Any) -> bool:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return 0 <= v <= 0.5
    return isinstance(v, (list, tuple)) and len(v) == 2 and -0.5 <= v[0] <= v[1] <= 0.5


Spread = Annotated[float | tuple[float, float], Check(_is_spread, "must be b ≥ 0 (factor in [max(0, 1 − b), 1 + b]) or (low, high)")]
Hue = Annotated[float | tuple[float, float], Check(_is_hue, "must be h in [0, 0.5] or (low, high) within [−0.5, 0.5]")]


def _factor_range(v: Any) -> tuple[float, float] | None:
    if isinstance(v, (list, tuple)):
        return (float(v[0]), float(v[1]))
    return None if v == 0 else (max(0.0, 1.0 - float(v)), 1.0 + float(v))


def _hue_range(v: Any) -> tuple[float, float] | None:
    if isinstance(v, (list, tuple)):
        return (float(v[0]), float(v[1]))
    return None if v == 0 else (-float(v), float(v))


def _jitter_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((|b − 1| + |c − 1| + |s − 1| + 2·|hue|) · 100, 100) of the drawn factors."""
    d = facts["info"]
    s = abs(d["brightness"] - 1) + abs(d["contrast"] - 1) + abs(d["saturation"] - 1) + 2 * abs(d["hue"])
    return min(s * 100.0, 100.0)


@functools.lru_cache(maxsize=64)
def _ranges(brightness: Any, contrast: Any, saturation: Any, hue: Any) -> dict[str, tuple[float, float] | None]:
    """Each operation's factor range (None: disabled), per parameter values (a pipeline step asks for the same ones on
    every call; the dict is shared, never modified)."""
    return {"brightness": _factor_range(brightness), "contrast": _factor_range(contrast),
            "saturation": _factor_range(saturation), "hue": _hue_range(hue)}


def _draw_jitter(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """A random order of the four operations, then each enabled factor uniformly from its range, in that order
    (disabled ones stay 1, hue 0)."""
    order = [kc.JITTER_OPS[i] for i in rng.permutation(4).tolist()]
    factors = {"brightness": 1.0, "contrast": 1.0, "saturation": 1.0, "hue": 0.0}
    spreads = (params["brightness"], params["contrast"], params["saturation"], params["hue"])
    try:
        ranges = _ranges(*spreads)
    except TypeError:  # a (low, high) given as a list: not hashable, not cached
        ranges = _ranges.__wrapped__(*spreads)
    for op in order:
        rg = ranges[op]
        if rg is not None:
            factors[op] = uniform(rng, rg[0], rg[1])
    return {"factors": factors, "order": order}


@augmentation(IMAGE, intensity=_jitter_intensity, bbox=box_rules.unchanged, draw=_draw_jitter,
              example={"brightness": 0.4, "contrast": 0.4, "saturation": 0.4, "hue": 0.1})
def random_color_jitter(
    image: ArrayImage,
    brightness: Spread = 0.0,
    contrast: Spread = 0.0,
    saturation: Spread = 0.0,
    hue: Hue = 0.0,
    seed: Seed = None,
    *,
    factors: Drawn,
    order: Drawn,
) -> Out:
    """torchvision's ColorJitter: factors drawn uniformly, applied in a random order, hue included.

    Args:
        brightness: b → factor in [max(0, 1 − b), 1 + b], or (low, high); 0: unchanged.
        contrast: the same for contrast (blend with the mean grey).
        saturation: the same for saturation (blend with each pixel's grey).
        hue: h → hue rotation in [−h, h] turns (h ≤ 0.5), or (low, high).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    out = kc.color_jitter(image, factors["brightness"], factors["contrast"], factors["saturation"], factors["hue"], order)
    return Out(out, info={**factors, "order": order})
