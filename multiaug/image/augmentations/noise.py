"""Noise augmentations: additive Gaussian noise (boxes unchanged).

``random_noise`` draws from the seeded ``numpy.random.Generator`` (AugLy re-seeds NumPy's global RNG instead):
one uniform 16-bit code per colour value, turned into exact rounded-Gaussian levels by
:func:`multiaug.image.kernels.noise.gaussian_noise`. Noise is added to the colour bands only (an alpha channel is
kept) and the result clipped to 0–255.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import Drawn, augmentation
from ...core.spec import Range, Unit
from ..kernels import noise
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules


def _noise_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max(|mean|/100, 0.01) · max(var/10, 0.01) · 100."""
    return max(abs(params["mean"]) / 100.0, 0.01) * max(params["var"] / 10.0, 0.01) * 100.0


def _draw_codes(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """One uniform 16-bit code per colour value (an alpha band gets none)."""
    return {"codes": rng.integers(0, 1 << 16, size=noise.colour_shape(image), dtype=np.uint16)}


@augmentation(IMAGE, intensity=_noise_intensity, bbox=box_rules.unchanged, draw=_draw_codes, seed_default=42)
def random_noise(
    image: ArrayImage,
    mean: Annotated[float, Unit("fraction of 255")] = 0.0,
    var: Annotated[float, Range(0, None), Unit("(fraction of 255)²")] = 0.01,
    *,
    codes: Drawn,
) -> ArrayImage:
    """Add Gaussian noise N(mean, var) on the 0–1 intensity scale, clipped to [0, 1].

    Args:
        mean: mean of the noise on the 0–1 scale (0.1 adds about 25.5 levels).
        var: variance of the noise on the 0–1 scale (≥ 0); the default 0.01 is a standard
            deviation of 0.1, about 25.5 levels.
    """
    return noise.gaussian_noise(image, mean, var, codes)
