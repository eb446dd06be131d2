"""Occlusion augmentations: CoarseDropout (albumentations) and random erasing (torchvision), kernels in
:mod:`multiaug.image.kernels.dropout`. Boxes are kept (the object is still there, partly hidden).

The rectangles are drawn before the kernel runs; a "random" fill takes its noise from a Generator seeded by one more
draw (``noise_seed``), so the record lists every rectangle and the noise replays exactly."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.seeds import MAX_SEED
from ...core.spec import Check
from ..kernels import dropout as kd
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules
from .parameters import Seed, uniform


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


def _draw_holes(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The number of holes, then per hole its height, width, top and left; then the noise seed."""
    h, w = image.shape[:2]
    n = int(rng.integers(params["num_holes_range"][0], params["num_holes_range"][1] + 1))
    (hlo, hhi), (wlo, whi) = params["hole_height_range"], params["hole_width_range"]
    integers = rng.integers
    rects = []
    for _ in range(n):
        hh = max(1, int(round(uniform(rng, hlo, hhi) * h)))
        hw = max(1, int(round(uniform(rng, wlo, whi) * w)))
        y1 = int(integers(0, max(h - hh, 0) + 1))
        x1 = int(integers(0, max(w - hw, 0) + 1))
        rects.append([x1, y1, x1 + hw, y1 + hh])
    return {"holes": rects, "noise_seed": int(rng.integers(MAX_SEED))}


def _filled(image: np.ndarray, holes: list[list[int]], fill: Any, noise_seed: int) -> Out:
    """The image with ``holes`` filled; the noise generator is built only for a "random" fill, the covered fraction
    (a record fact) only when a record is built."""
    rng = np.random.default_rng(noise_seed) if isinstance(fill, str) else None
    out = kd.fill_rects(image, holes, fill, rng)
    return Out(out, info={"holes": holes}, lazy={"covered": lambda: kd.rects_area(holes, image.shape[1], image.shape[0])})


@augmentation(IMAGE, intensity=_area_intensity, bbox=box_rules.unchanged, draw=_draw_holes)
def coarse_dropout(
    image: ArrayImage,
    num_holes_range: Annotated[tuple[int, int], _pair(0, 10000, ints=True)] = (1, 1),
    hole_height_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.2),
    hole_width_range: Annotated[tuple[float, float], _pair(0, 1)] = (0.1, 0.2),
    fill: Fill = 0,
    seed: Seed = None,
    *,
    holes: Drawn,
    noise_seed: Drawn,
) -> Out:
    """Fill random rectangles (albumentations' CoarseDropout parameters, sizes as fractions of the image).

    Args:
        num_holes_range: number of holes drawn uniformly (inclusive).
        hole_height_range: hole height as a fraction of the image height, drawn per hole.
        hole_width_range: hole width as a fraction of the image width, drawn per hole.
        fill: fill level (0–255), (r, g, b), or "random" (uniform noise).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    return _filled(image, holes, kd.band_fill(image, fill), noise_seed)


def _draw_erased(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """Up to 10 tries of an area fraction in ``scale`` and a log-uniform aspect in ``ratio``, then its top and left
    when it fits (no rectangle when none fits); then the noise seed."""
    h, w = image.shape[:2]
    scale, ratio = params["scale"], params["ratio"]
    rects: list[list[int]] = []
    for _ in range(10):
        area = h * w * uniform(rng, scale[0], scale[1])
        aspect = math.exp(uniform(rng, math.log(ratio[0]), math.log(ratio[1])))
        eh, ew = int(round(math.sqrt(area * aspect))), int(round(math.sqrt(area / aspect)))
        if 0 < eh < h and 0 < ew < w:
            y1 = int(rng.integers(0, h - eh + 1))
            x1 = int(rng.integers(0, w - ew + 1))
            rects = [[x1, y1, x1 + ew, y1 + eh]]
            break
    return {"holes": rects, "noise_seed": int(rng.integers(MAX_SEED))}


def _is_ratio(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) == 2 and 0 < v[0] <= v[1]


@augmentation(IMAGE, intensity=_area_intensity, bbox=box_rules.unchanged, draw=_draw_erased)
def random_erasing(
    image: ArrayImage,
    scale: Annotated[tuple[float, float], _pair(0, 1)] = (0.02, 0.33),
    ratio: Annotated[tuple[float, float], Check(_is_ratio, "must be (low, high), 0 < low ≤ high")] = (0.3, 3.3),
    value: Fill = 0,
    mode: Literal["torchvision"] = "torchvision",
    seed: Seed = None,
    *,
    holes: Drawn,
    noise_seed: Drawn,
) -> Out:
    """Erase one random rectangle (torchvision's RandomErasing: area fraction in ``scale``, log-uniform
    aspect in ``ratio``, 10 tries; nothing erased when none fits).

    Args:
        scale: erased area as a fraction of the image, drawn uniformly.
        ratio: aspect ratio (height / width as torchvision) range, drawn log-uniformly.
        value: fill level (0–255), (r, g, b), or "random" (torchvision's ``value='random'``: noise).
        mode: sampling rule ("torchvision").
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    return _filled(image, holes, kd.band_fill(image, value), noise_seed)
