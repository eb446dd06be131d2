"""Tone augmentations of the automatic policies and of albumentations: posterize, solarize, invert,
equalize, autocontrast, CLAHE (kernels in :mod:`multiaug.image.kernels.policy_ops` / ``histogram``)."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import histogram
from ..kernels import policy_ops as po
from ..modality import ARRAY, IMAGE
from ..targets import box_rules as bb
from .intensity import always_100


def _posterize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(8 − bits) / 8 · 100."""
    return (8 - params["bits"]) / 8.0 * 100.0


@augmentation(IMAGE, intensity=_posterize_intensity, bbox=bb.unchanged, kernel=ARRAY)
def posterize(
    image: Any,
    output_path: str | None = None,
    bits: Annotated[int, Range(0, 8), Unit("bits")] = 4,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Keep only the ``bits`` most significant bits of each colour value (torchvision/PIL ``posterize``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        bits: bits kept per colour value, 0–8 (8 = unchanged, 0 = black).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return po.posterize(image, bits)


def _solarize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(256 − threshold) / 256 · 100 (the share of levels inverted)."""
    return (256.0 - params["threshold"]) / 256.0 * 100.0


@augmentation(IMAGE, intensity=_solarize_intensity, bbox=bb.unchanged, kernel=ARRAY)
def solarize(
    image: Any,
    output_path: str | None = None,
    threshold: Annotated[float, Range(0, 256), Unit("level")] = 128.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Invert every colour value at or above ``threshold`` (torchvision ``solarize``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        threshold: level from which values are inverted, 0–256 (256 = unchanged, 0 = full inversion).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return po.solarize(image, threshold)


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged, kernel=ARRAY)
def invert(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Invert the colours (``255 − v``; alpha kept).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return po.invert(image)


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged, kernel=ARRAY)
def equalize(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Histogram-equalise each colour band (PIL ``ImageOps.equalize``, torchvision ``equalize``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return histogram.equalize(image)


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged, kernel=ARRAY)
def autocontrast(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Stretch each colour band from its min/max to 0–255 (torchvision ``autocontrast``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return histogram.autocontrast(image)


def _clahe_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(clip_limit · 10, 100)."""
    return min(params["clip_limit"] * 10.0, 100.0)


def _is_grid(value: Any) -> bool:
    return (isinstance(value, (tuple, list)) and len(value) == 2
            and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 1 <= v <= 256 for v in value))


@augmentation(IMAGE, intensity=_clahe_intensity, bbox=bb.unchanged, kernel=ARRAY)
def clahe(
    image: Any,
    output_path: str | None = None,
    clip_limit: Annotated[float, Range(0, None, low_open=True)] = 4.0,
    tile_grid_size: Annotated[tuple[int, int], Check(_is_grid, "must be (columns, rows), ints in [1, 256]")] = (8, 8),
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> np.ndarray:
    """Contrast-limited adaptive histogram equalisation of the lightness (CIE L*; grey images directly).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        clip_limit: histogram clip limit (> 0) in multiples of the mean bin count (albumentations: 4).
        tile_grid_size: (columns, rows) of the tiles equalised separately.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return histogram.clahe(image, clip_limit, tuple(tile_grid_size))
