"""torchvision's ColorJitter (with hue) as one seeded augmentation (kernel:
:func:`multiaug.image.kernels.color_ops.color_jitter`); AugLy's fixed-factor ``color_jitter`` stays as it is."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import Out, augmentation
from ...core.spec import Check
from ..kernels import color_ops as kc
from ..modality import ARRAY, IMAGE
from ..targets import box_rules as bb


def _is_spread(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return v >= 0
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v) and 0 <= v[0] <= v[1]


Spread = Annotated[float | tuple[float, float], Check(_is_spread, "must be b ≥ 0 (factor in [max(0, 1 − b), 1 + b]) or (low, high)")]


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


@augmentation(IMAGE, intensity=_jitter_intensity, bbox=bb.unchanged, kernel=ARRAY,
              example={"brightness": 0.4, "contrast": 0.4, "saturation": 0.4, "hue": 0.1})
def random_color_jitter(
    image: Any,
    output_path: str | None = None,
    brightness: Spread = 0.0,
    contrast: Spread = 0.0,
    saturation: Spread = 0.0,
    hue: Annotated[float | tuple[float, float], Check(lambda v: (isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 0.5) or (isinstance(v, (list, tuple)) and len(v) == 2 and -0.5 <= v[0] <= v[1] <= 0.5), "must be h in [0, 0.5] or (low, high) within [−0.5, 0.5]")] = 0.0,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """torchvision's ColorJitter: factors drawn uniformly, applied in a random order, hue included.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        brightness: b → factor in [max(0, 1 − b), 1 + b], or (low, high); 0: unchanged.
        contrast: the same for contrast (blend with the mean grey).
        saturation: the same for saturation (blend with each pixel's grey).
        hue: h → hue rotation in [−h, h] turns (h ≤ 0.5), or (low, high).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    order = [kc.JITTER_OPS[int(i)] for i in rng.permutation(4)]
    drawn = {"brightness": 1.0, "contrast": 1.0, "saturation": 1.0, "hue": 0.0}
    ranges = {"brightness": _factor_range(brightness), "contrast": _factor_range(contrast),
              "saturation": _factor_range(saturation), "hue": _hue_range(hue)}
    for op in order:
        rg = ranges[op]
        if rg is not None:
            drawn[op] = float(rng.uniform(rg[0], rg[1]))
    out = kc.color_jitter(image, drawn["brightness"], drawn["contrast"], drawn["saturation"], drawn["hue"], order)
    return Out(out, info={**drawn, "order": order})
