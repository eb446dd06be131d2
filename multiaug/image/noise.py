"""Noise augmentations: additive Gaussian noise.

``random_noise`` draws from the seeded ``numpy.random.Generator`` the decorator passes in
(AugLy re-seeds NumPy's global RNG instead). Noise is added on the 0–1 scale to the colour
bands only (an alpha channel is kept), clipped, and rounded to the nearest integer level.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np
from PIL import Image

from ..core.registry import augmentation
from ..core.spec import Range, Unit
from . import bboxes as bb
from ._modality import IMAGE, to_array
from .color import working


def _noise_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max(|mean|/100, 0.01) · max(var/10, 0.01) · 100."""
    return max(abs(params["mean"]) / 100.0, 0.01) * max(params["var"] / 10.0, 0.01) * 100.0


@augmentation(IMAGE, intensity=_noise_intensity, bbox=bb.unchanged)
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
    img = working(image)
    arr = to_array(img)
    has_alpha = img.mode in ("RGBA", "LA")
    colour = arr[..., :-1] if has_alpha else arr
    noise = rng.standard_normal(colour.shape, dtype=np.float32)
    noise *= np.float32(255.0 * math.sqrt(var))
    noise += np.float32(255.0 * mean)
    noise += colour
    np.clip(noise, 0.0, 255.0, out=noise)
    np.rint(noise, out=noise)
    out = noise.astype(np.uint8)
    if has_alpha:
        out = np.concatenate([out, arr[..., -1:]], axis=-1)
    return Image.fromarray(out)
