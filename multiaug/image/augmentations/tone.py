"""Tone augmentations of the automatic policies and of albumentations: posterize, solarize, invert,
equalize, autocontrast, CLAHE (kernels in :mod:`multiaug.image.kernels.policy_ops` / ``histogram``)."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import histogram
from ..kernels import policy_ops as po
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules
from .intensity import always_100


def _posterize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(8 − bits) / 8 · 100."""
    return (8 - params["bits"]) / 8.0 * 100.0


@augmentation(IMAGE, intensity=_posterize_intensity, bbox=box_rules.unchanged)
def posterize(image: ArrayImage, bits: Annotated[int, Range(0, 8), Unit("bits")] = 4) -> ArrayImage:
    """Keep only the ``bits`` most significant bits of each colour value (torchvision/PIL ``posterize``).

    Args:
        bits: bits kept per colour value, 0–8 (8 = unchanged, 0 = black).
    """
    return po.posterize(image, bits)


def _solarize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(256 − threshold) / 256 · 100 (the share of levels inverted)."""
    return (256.0 - params["threshold"]) / 256.0 * 100.0


@augmentation(IMAGE, intensity=_solarize_intensity, bbox=box_rules.unchanged)
def solarize(image: ArrayImage, threshold: Annotated[float, Range(0, 256), Unit("level")] = 128.0) -> ArrayImage:
    """Invert every colour value at or above ``threshold`` (torchvision ``solarize``).

    Args:
        threshold: level from which values are inverted, 0–256 (256 = unchanged, 0 = full inversion).
    """
    return po.solarize(image, threshold)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def invert(image: ArrayImage) -> ArrayImage:
    """Invert the colours (``255 − v``; alpha kept)."""
    return po.invert(image)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def equalize(image: ArrayImage) -> ArrayImage:
    """Histogram-equalise each colour band (PIL ``ImageOps.equalize``, torchvision ``equalize``)."""
    return histogram.equalize(image)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def autocontrast(image: ArrayImage) -> ArrayImage:
    """Stretch each colour band from its min/max to 0–255 (torchvision ``autocontrast``)."""
    return histogram.autocontrast(image)


def _clahe_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(clip_limit · 10, 100)."""
    return min(params["clip_limit"] * 10.0, 100.0)


def _is_grid(value: Any) -> bool:
    return (isinstance(value, (tuple, list)) and len(value) == 2
            and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 1 <= v <= 256 for v in value))


@augmentation(IMAGE, intensity=_clahe_intensity, bbox=box_rules.unchanged)
def clahe(
    image: ArrayImage,
    clip_limit: Annotated[float, Range(0, None, low_open=True)] = 4.0,
    tile_grid_size: Annotated[tuple[int, int], Check(_is_grid, "must be (columns, rows), ints in [1, 256]")] = (8, 8),
) -> ArrayImage:
    """Contrast-limited adaptive histogram equalisation of the lightness (CIE L*; grey images directly).

    Args:
        clip_limit: histogram clip limit (> 0) in multiples of the mean bin count (albumentations: 4).
        tile_grid_size: (columns, rows) of the tiles equalised separately.
    """
    return histogram.clahe(image, clip_limit, tuple(tile_grid_size))
