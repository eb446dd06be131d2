"""Colour augmentations: brightness, contrast, saturation, colour jitter, greyscale, mode conversion, opacity.

Speed: brightness and contrast are single Pillow ``point`` look-up tables that reproduce
``ImageEnhance`` exactly (same float32 blend and truncation); saturation and sharpness use
Pillow's C blend. Alpha channels are never changed by the colour enhancements.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.registry import augmentation
from ...core.spec import Check, Range
from ..targets import box_rules as bb
from ..modality import IMAGE, NATIVE
from ..kernels import color as kc
from ..kernels.modes import working
from .intensity import always_100, mult_intensity, norm_factor

_FACTOR = Annotated[float, Range(0, None)]

# ------------------------------------------------------------------------------------------------
# augmentations
# ------------------------------------------------------------------------------------------------


@augmentation(IMAGE, intensity=mult_intensity, bbox=bb.unchanged, kernel=NATIVE)
def brightness(
    image: Any,
    output_path: str | None = None,
    factor: _FACTOR = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Change the brightness: every colour value is multiplied by ``factor`` (``ImageEnhance.Brightness``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: multiplier (≥ 0); 1 leaves the image unchanged, < 1 darkens, > 1 brightens.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kc.brightness(image if isinstance(image, np.ndarray) else working(image), factor)


@augmentation(IMAGE, intensity=mult_intensity, bbox=bb.unchanged, kernel=NATIVE)
def contrast(
    image: Any,
    output_path: str | None = None,
    factor: _FACTOR = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Change the contrast around the mean grey level (``ImageEnhance.Contrast``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: contrast multiplier (≥ 0); 0 gives a flat grey image, 1 leaves it unchanged.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kc.contrast(image if isinstance(image, np.ndarray) else working(image), factor)


@augmentation(IMAGE, intensity=mult_intensity, bbox=bb.unchanged)
def saturation(
    image: Any,
    output_path: str | None = None,
    factor: _FACTOR = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Change the colour saturation (``ImageEnhance.Color``); 0 gives grey.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: saturation multiplier (≥ 0); 0 is greyscale, 1 leaves the image unchanged.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kc.saturation(working(image), factor)


def _jitter_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((norm(b) + norm(c) + norm(s)) / 30 · 100, 100)."""
    total = sum(norm_factor(params[k]) for k in ("brightness_factor", "contrast_factor", "saturation_factor"))
    return min(total / 30.0 * 100.0, 100.0)


@augmentation(IMAGE, intensity=_jitter_intensity, bbox=bb.unchanged)
def color_jitter(
    image: Any,
    output_path: str | None = None,
    brightness_factor: _FACTOR = 1.0,
    contrast_factor: _FACTOR = 1.0,
    saturation_factor: _FACTOR = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Brightness, then contrast, then saturation enhancement (AugLy's order).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        brightness_factor: brightness multiplier (≥ 0); 1 = unchanged.
        contrast_factor: contrast multiplier (≥ 0); 1 = unchanged.
        saturation_factor: saturation multiplier (≥ 0); 1 = unchanged.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    img = working(image)
    img = kc.brightness(img, brightness_factor)
    img = kc.contrast(img, contrast_factor)
    return kc.saturation(img, saturation_factor)


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged)
def grayscale(
    image: Any,
    output_path: str | None = None,
    mode: Literal["luminosity", "average"] = "luminosity",
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Convert to grey, returned in the source mode (an RGB input stays RGB with R = G = B).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        mode: "luminosity" (ITU-R 601-2 luma: 0.299 R + 0.587 G + 0.114 B) or "average" ((R + G + B) / 3).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kc.grayscale(working(image), mode)


_PIL_MODES = ("1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "I", "F")


def _is_matrix(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and len(value) in (4, 12) and all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in value
    )


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged)
def convert_color(
    image: Any,
    output_path: str | None = None,
    mode: Literal["1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "I", "F"]
    | None = None,
    matrix: Annotated[tuple[float, ...] | None, Check(_is_matrix, "must be a tuple of 4 or 12 numbers")] = None,
    dither: Annotated[int | None, Range(0, 3)] = None,
    palette: Annotated[int, Range(0, 1)] = 0,
    colors: Annotated[int, Range(1, 256)] = 256,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Convert the colour mode with ``PIL.Image.convert`` semantics; the result comes back in the source mode.

    The visible effect of the conversion is kept (e.g. ``mode="L"`` gives grey, ``mode="P",
    palette=1, colors=8`` posterises, ``mode="1"`` dithers to black and white), but the returned
    image has the caller's mode, like every other multiaug image function.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        mode: target Pillow mode (None: the mode that keeps all information without a palette).
        matrix: optional 4- or 12-number conversion matrix (RGB → L or RGB only).
        dither: 0 (NONE) or 3 (FLOYDSTEINBERG, Pillow's default when None); used for → "P" and → "1".
        palette: 0 (WEB) or 1 (ADAPTIVE); used for RGB → "P".
        colors: number of colours of the ADAPTIVE palette, in [1, 256].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kc.convert_color(image, mode, matrix, dither, palette, colors)


def _opacity_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − level) · 100."""
    return (1.0 - params["level"]) * 100.0


@augmentation(IMAGE, intensity=_opacity_intensity, bbox=bb.unchanged, kernel=NATIVE)
def opacity(
    image: Any,
    output_path: str | None = None,
    level: Annotated[float, Range(0, 1)] = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Make the image more transparent.

    With an alpha channel (RGBA, LA, P with transparency) the alpha is multiplied by ``level`` and
    the colours are kept. Without one, the image is shown as it would look over white at that
    opacity (colour·level + 255·(1 − level)), which is what AugLy's result looks like once it is
    converted back to the source mode.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        level: opacity in [0, 1]; 1 leaves the image unchanged, 0 is fully transparent (or white).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    if isinstance(image, np.ndarray):
        return kc.opacity(image, level)
    return kc.opacity_pil(image, level)
