"""Noise augmentations: additive Gaussian noise.

``random_noise`` draws from the seeded ``numpy.random.Generator`` the decorator passes in
(AugLy re-seeds NumPy's global RNG instead). Noise is added to the colour bands only (an alpha
channel is kept) and the result clipped to 0–255. Because colour values are integers,
``round(v + n) = v + round(n)``: the noise is drawn directly as integer levels from the rounded
Gaussian's distribution, by looking up uniform 16-bit codes in its inverse CDF
(:func:`rounded_normal_table`), and added with one saturating add — about 8× cheaper than drawing
float normals, with each level's probability exact to within 2⁻¹⁶.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np
from PIL import Image

from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..targets import box_rules as bb
from ..kernels.backends import cv2_module
from ..modality import ARRAY, IMAGE


def _noise_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max(|mean|/100, 0.01) · max(var/10, 0.01) · 100."""
    return max(abs(params["mean"]) / 100.0, 0.01) * max(params["var"] / 10.0, 0.01) * 100.0


@augmentation(IMAGE, intensity=_noise_intensity, bbox=bb.unchanged, kernel=ARRAY)
def random_noise(
    image: Any,
    output_path: str | None = None,
    mean: Annotated[float, Unit("fraction of 255")] = 0.0,
    var: Annotated[float, Range(0, None), Unit("(fraction of 255)²")] = 0.01,
    seed: Any = 42,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Add Gaussian noise N(mean, var) on the 0–1 intensity scale, clipped to [0, 1].

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        mean: mean of the noise on the 0–1 scale (0.1 adds about 25.5 levels).
        var: variance of the noise on the 0–1 scale (≥ 0); the default 0.01 is a standard
            deviation of 0.1, about 25.5 levels.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    has_alpha = image.ndim == 3 and image.shape[2] in (2, 4)
    colour = image[..., :-1] if has_alpha else image
    u = rng.integers(0, 1 << 16, size=colour.shape, dtype=np.uint16)
    return add_level_noise(image, rounded_normal_table(255.0 * mean, 255.0 * math.sqrt(var)).take(u))


def rounded_normal_table(mean: float, std: float) -> np.ndarray:
    """The inverse CDF of round(N(mean, std²)) on 2¹⁶ equally likely codes: ``table[u]`` for a uniform 16-bit
    ``u`` is an integer level offset whose probability is P(round(mean + std·z) = k) to within 2⁻¹⁶ (tails
    beyond ±512 levels, which saturate anyway, are folded into the ends). int16, 65,536 entries."""
    if std <= 0:
        return np.full(1 << 16, int(np.clip(np.rint(mean), -512, 512)), dtype=np.int16)
    lo = int(max(math.floor(mean - 7 * std), -512))
    hi = int(min(math.ceil(mean + 7 * std), 512))
    if lo >= hi:
        return np.full(1 << 16, int(np.clip(np.rint(mean), -512, 512)), dtype=np.int16)
    ks = np.arange(lo, hi + 1)
    cdf = np.array([0.5 * math.erfc(-((k + 0.5 - mean) / std) / math.sqrt(2.0)) for k in ks[:-1]] + [1.0])
    edges = np.rint(cdf * (1 << 16)).astype(np.int64)
    counts = np.diff(np.concatenate([[0], edges]))
    return np.repeat(ks, counts).astype(np.int16)


def add_level_noise(image: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """``clip(colour + levels, 0, 255)`` on the colour bands (one saturating OpenCV add), alpha kept."""
    cv2 = cv2_module()
    has_alpha = image.ndim == 3 and image.shape[2] in (2, 4)
    colour = np.ascontiguousarray(image[..., :-1] if has_alpha else image)
    rows = colour.shape[0]
    out = cv2.add(colour.reshape(rows, -1), levels.reshape(rows, -1), dtype=cv2.CV_8U).reshape(colour.shape)
    if has_alpha:
        out = np.concatenate([out, image[..., -1:]], axis=-1)
    return out
