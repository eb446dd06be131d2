"""Geometric image augmentations (flips, ...)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from ..core.registry import augmentation
from . import bboxes as bb
from ._modality import IMAGE


def _always_100(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 (the transform is either applied fully or not at all)."""
    return 100.0


@augmentation(IMAGE, intensity=_always_100, bbox=bb.hflip_rule)
def hflip(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Mirror the image left to right.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format``.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)


@augmentation(IMAGE, intensity=_always_100, bbox=bb.vflip_rule)
def vflip(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Mirror the image top to bottom.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format``.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
