"""Encoding augmentations: JPEG re-compression in memory (boxes unchanged)."""

from __future__ import annotations

from typing import Annotated, Any

from ...core.registry import augmentation
from ...core.spec import Range
from ..kernels.encoding import jpeg_roundtrip
from ..kernels.modes import working
from ..modality import IMAGE, PILImage
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
