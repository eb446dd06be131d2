"""Encoding augmentations: JPEG re-compression in memory."""

from __future__ import annotations

import io
from typing import Annotated, Any

from PIL import Image

from ...core.registry import augmentation
from ...core.spec import Range
from ..targets import box_rules as bb
from ..modality import IMAGE
from ..kernels.modes import working


def _quality_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 − quality."""
    return 100.0 - params["quality"]


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    """Encode ``img`` (L/LA/RGB/RGBA) as JPEG at ``quality`` and decode it; alpha is carried over unchanged."""
    alpha = img.getchannel("A") if img.mode in ("RGBA", "LA") else None
    base = img.convert("RGB" if img.mode == "RGBA" else "L") if alpha is not None else img
    buf = io.BytesIO()
    base.save(buf, format="JPEG", quality=int(quality))
    buf.seek(0)
    with Image.open(buf) as decoded:
        out = decoded.copy()  # a plain Image, not a JpegImageFile tied to the buffer
    if alpha is not None:
        out = out.convert(img.mode)
        out.putalpha(alpha)
    return out


@augmentation(IMAGE, intensity=_quality_intensity, bbox=bb.unchanged)
def encoding_quality(
    image: Any,
    output_path: str | None = None,
    quality: Annotated[int, Range(0, 100)] = 50,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """JPEG round trip in memory at ``quality`` (block artefacts, colour subsampling).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        quality: JPEG quality in [0, 100]; 0 is the worst (libjpeg treats it as 1), 100 the best.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return jpeg_roundtrip(working(image), quality)
