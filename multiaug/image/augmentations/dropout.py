"""Occlusion augmentations: CoarseDropout (albumentations) and random erasing (torchvision), kernels in
:mod:`multiaug.image.kernels.dropout`. Boxes are kept (the object is still there, partly hidden)."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Out, augmentation
from ...core.seeds import MAX_SEED
from ...core.spec import Check
from ..kernels import dropout as kd
from ..modality import ARRAY, IMAGE
from ..targets import box_rules as bb


def _area_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """Covered fraction of the image · 100."""
    return facts["info"]["covered"] * 100.0


def _pair(lo: float, hi: float | None, ints: bool = False) -> Check:
    kinds = (int,) if ints else (int, float)

    def ok(v: Any) -> bool:
        return (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, kinds) and not isinstance(x, bool) for x in v)
                and lo <= v[0] <= v[1] and (hi is None or v[1] <= hi))
    return Check(ok, f"must be (low, high) with {lo} ≤ low ≤ high" + (f" ≤ {hi}" if hi is not None else "")
                 + (", ints" if ints else ""))


def _is_fill(v: Any) -> bool:
    if v == "random":
        return True
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return 0 <= v <= 255
    return isinstance(v, (list, tuple)) and len(v) in (3, 4) and all(isinstance(x, int) and 0 <= x <= 255 for x in v)


Fill = Annotated[Any, Check(_is_fill, "must be a level 0–255, an (r, g, b) tuple, or 'random'")]


def _fill_value(image: np.ndarray, fill: Any) -> Any:
    if isinstance(fill, str) or np.ndim(fill) == 0:
        return fill
    bands = 1 if image.ndim == 2 else image.shape[2]
    vals = list(fill)[:3]
    if bands == 1:
        return int(round(0.299 * vals[0] + 0.587 * vals[1] + 0.114 * vals[2]))
    if bands == 2:
        return [int(round(0.299 * vals[0] + 0.587 * vals[1] + 0.114 * vals[2])), 255]
    return vals + ([255] if bands == 4 else [])


@augmentation(IMAGE, intensity=_area_intensity, bbox=bb.unchanged, kernel=ARRAY)
def coarse_dropout(
    image: Any,
    output_path: str | None = None,
    num_holes_range: Annotated[tuple[int, int], _pair(0, 10000, ints=True)] = (1, 1),
    hole_height_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.2),
    hole_width_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.2),
    fill: Fill = 0,
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Fill random rectangles (albumentations' CoarseDropout parameters, sizes as fractions of the image).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        num_holes_range: number of holes drawn uniformly (inclusive).
        hole_height_range: hole height as a fraction of the image height, drawn per hole.
        hole_width_range: hole width as a fraction of the image width, drawn per hole.
        fill: fill level (0–255), (r, g, b), or "random" (uniform noise).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    h, w = image.shape[:2]
    n = int(rng.integers(num_holes_range[0], num_holes_range[1] + 1))
    rects = []
    for _ in range(n):
        hh = max(1, int(round(rng.uniform(*hole_height_range) * h)))
        hw = max(1, int(round(rng.uniform(*hole_width_range) * w)))
        y1 = int(rng.integers(0, max(h - hh, 0) + 1))
        x1 = int(rng.integers(0, max(w - hw, 0) + 1))
        rects.append([x1, y1, x1 + hw, y1 + hh])
    noise_rng = np.random.default_rng(int(rng.integers(MAX_SEED)))
    out = kd.fill_rects(image, rects, _fill_value(image, fill), noise_rng)
    return Out(out, info={"holes": rects, "covered": kd.rects_area(rects, w, h)})


@augmentation(IMAGE, intensity=_area_intensity, bbox=bb.unchanged, kernel=ARRAY)
def random_erasing(
    image: Any,
    output_path: str | None = None,
    scale: Annotated[tuple[float, float], _pair(0, 1)] = (0.02, 0.33),
    ratio: Annotated[tuple[float, float], Check(lambda v: isinstance(v, (list, tuple)) and len(v) == 2 and 0 < v[0] <= v[1], "must be (low, high), 0 < low ≤ high")] = (0.3, 3.3),
    value: Fill = 0,
    mode: Literal["torchvision"] = "torchvision",
    seed: Any = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Erase one random rectangle (torchvision's RandomErasing: area fraction in ``scale``, log-uniform
    aspect in ``ratio``, 10 tries; nothing erased when none fits).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        scale: erased area as a fraction of the image, drawn uniformly.
        ratio: aspect ratio (height / width as torchvision) range, drawn log-uniformly.
        value: fill level (0–255), (r, g, b), or "random" (torchvision's ``value='random'``: noise).
        mode: sampling rule ("torchvision").
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    h, w = image.shape[:2]
    rects: list[list[int]] = []
    for _ in range(10):
        area = h * w * float(rng.uniform(scale[0], scale[1]))
        aspect = math.exp(float(rng.uniform(math.log(ratio[0]), math.log(ratio[1]))))
        eh, ew = int(round(math.sqrt(area * aspect))), int(round(math.sqrt(area / aspect)))
        if 0 < eh < h and 0 < ew < w:
            y1 = int(rng.integers(0, h - eh + 1))
            x1 = int(rng.integers(0, w - ew + 1))
            rects = [[x1, y1, x1 + ew, y1 + eh]]
            break
    noise_rng = np.random.default_rng(int(rng.integers(MAX_SEED)))
    out = kd.fill_rects(image, rects, _fill_value(image, value), noise_rng)
    return Out(out, info={"holes": rects, "covered": kd.rects_area(rects, w, h)})
