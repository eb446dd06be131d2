"""Encoding augmentations: JPEG re-compression in memory (boxes unchanged)."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from PIL import Image

from ...core.registry import augmentation
from ...core.spec import Range
from ..kernels.encoding import jpeg_roundtrip, jpeg_roundtrip_array
from ..kernels.modes import working
from ..modality import IMAGE, ArrayImage, PILImage
from ..targets import box_rules


def _quality_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 − quality."""
    return 100.0 - params["quality"]


@augmentation(IMAGE, intensity=_quality_intensity, bbox=box_rules.unchanged)
def encoding_quality(image: PILImage, quality: Annotated[int, Range(0, 100)] = 50) -> PILImage:
    """JPEG round trip in memory at ``quality`` (block artefacts, colour subsampling).

    Args:
        quality: JPEG quality in [0, 100]; 0 is the worst (libjpeg treats it as 1), 100 the best.
    """
    return jpeg_roundtrip(working(image), quality)


@encoding_quality.kernel_for(ArrayImage)
def _encoding_quality_array(image: np.ndarray, quality: int) -> np.ndarray | Image.Image:
    # RGB and grey arrays (the training loop's input) stay arrays; arrays with alpha go the PIL route
    if image.ndim == 2 or image.shape[2] == 3:
        return jpeg_roundtrip_array(image, quality)
    return jpeg_roundtrip(working(Image.fromarray(image)), quality)
