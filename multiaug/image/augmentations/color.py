"""Colour augmentations: brightness, contrast, saturation, colour jitter, greyscale, mode conversion, opacity.

The maths is in :mod:`multiaug.image.kernels.color`: brightness and contrast are single look-up tables that
reproduce ``ImageEnhance`` exactly (arrays and PIL images give identical pixels); saturation reproduces Pillow's
blend with the grey image with byte operations (:mod:`multiaug.image.kernels.grey_blend`).
Alpha channels are never changed by the colour enhancements. Boxes are unchanged by every colour augmentation.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.registry import augmentation
from ...core.spec import Check, Range
from ..kernels import color
from ..kernels.modes import working
from ..modality import IMAGE, ArrayImage, PILImage
from ..targets import box_rules
from .intensity import always_100, mult_intensity, norm_factor
from .parameters import Factor


@augmentation(IMAGE, intensity=mult_intensity, bbox=box_rules.unchanged)
def brightness(image: ArrayImage, factor: Factor = 1.0) -> ArrayImage:
    """Change the brightness: every colour value is multiplied by ``factor`` (``ImageEnhance.Brightness``).

    Args:
        factor: multiplier (≥ 0); 1 leaves the image unchanged, < 1 darkens, > 1 brightens.
    """
    return color.brightness(image, factor)


@brightness.kernel_for(PILImage)
def _brightness_pil(image: Image.Image, factor: float) -> Image.Image:
    return color.brightness(working(image), factor)


@augmentation(IMAGE, intensity=mult_intensity, bbox=box_rules.unchanged)
def contrast(image: ArrayImage, factor: Factor = 1.0) -> ArrayImage:
    """Change the contrast around the mean grey level (``ImageEnhance.Contrast``).

    Args:
        factor: contrast multiplier (≥ 0); 0 gives a flat grey image, 1 leaves it unchanged.
    """
    return color.contrast(image, factor)


@contrast.kernel_for(PILImage)
def _contrast_pil(image: Image.Image, factor: float) -> Image.Image:
    return color.contrast(working(image), factor)


@augmentation(IMAGE, intensity=mult_intensity, bbox=box_rules.unchanged)
def saturation(image: ArrayImage, factor: Factor = 1.0) -> ArrayImage:
    """Change the colour saturation (``ImageEnhance.Color``); 0 gives grey.

    Args:
        factor: saturation multiplier (≥ 0); 0 is greyscale, 1 leaves the image unchanged.
    """
    return color.saturation(image, factor)


@saturation.kernel_for(PILImage)
def _saturation_pil(image: Image.Image, factor: float) -> Image.Image:
    return color.saturation_pil(working(image), factor)


def _jitter_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((norm(b) + norm(c) + norm(s)) / 30 · 100, 100)."""
    total = sum(norm_factor(params[k]) for k in ("brightness_factor", "contrast_factor", "saturation_factor"))
    return min(total / 30.0 * 100.0, 100.0)


@augmentation(IMAGE, intensity=_jitter_intensity, bbox=box_rules.unchanged)
def color_jitter(
    image: ArrayImage, brightness_factor: Factor = 1.0, contrast_factor: Factor = 1.0, saturation_factor: Factor = 1.0
) -> ArrayImage:
    """Brightness, then contrast, then saturation enhancement (AugLy's order).

    Args:
        brightness_factor: brightness multiplier (≥ 0); 1 = unchanged.
        contrast_factor: contrast multiplier (≥ 0); 1 = unchanged.
        saturation_factor: saturation multiplier (≥ 0); 1 = unchanged.
    """
    return color.jitter(image, brightness_factor, contrast_factor, saturation_factor)


@color_jitter.kernel_for(PILImage)
def _color_jitter_pil(image: Image.Image, brightness_factor: float, contrast_factor: float,
                      saturation_factor: float) -> Image.Image:
    return color.jitter_pil(working(image), brightness_factor, contrast_factor, saturation_factor)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def grayscale(image: PILImage, mode: Literal["luminosity", "average"] = "luminosity") -> PILImage:
    """Convert to grey, returned in the source mode (an RGB input stays RGB with R = G = B).

    Args:
        mode: "luminosity" (ITU-R 601-2 luma: 0.299 R + 0.587 G + 0.114 B) or "average" ((R + G + B) / 3).
    """
    return color.grayscale(working(image), mode)


@grayscale.kernel_for(ArrayImage)
def _grayscale_array(image: np.ndarray, mode: str) -> np.ndarray | Image.Image:
    # RGB luminosity (the training-loop case) stays an array: Pillow's exact L without the PIL round trip; every
    # other array goes the PIL route (the modality converts the result back to the source mode)
    if mode == "luminosity" and image.ndim == 3 and image.shape[2] == 3:
        return color.grayscale_rgb_array(image)
    return color.grayscale(working(Image.fromarray(image)), mode)


def _is_matrix(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and len(value) in (4, 12) and all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in value
    )


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def convert_color(
    image: PILImage,
    mode: Literal["1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV", "I", "F"]
    | None = None,
    matrix: Annotated[tuple[float, ...] | None, Check(_is_matrix, "must be a tuple of 4 or 12 numbers")] = None,
    dither: Annotated[int | None, Range(0, 3)] = None,
    palette: Annotated[int, Range(0, 1)] = 0,
    colors: Annotated[int, Range(1, 256)] = 256,
) -> PILImage:
    """Convert the colour mode with ``PIL.Image.convert`` semantics; the result comes back in the source mode.

    The visible effect of the conversion is kept (e.g. ``mode="L"`` gives grey, ``mode="P",
    palette=1, colors=8`` posterises, ``mode="1"`` dithers to black and white), but the returned
    image has the caller's mode, like every other multiaug image function.

    Args:
        mode: target Pillow mode (None: the mode that keeps all information without a palette).
        matrix: optional 4- or 12-number conversion matrix (RGB → L or RGB only).
        dither: 0 (NONE) or 3 (FLOYDSTEINBERG, Pillow's default when None); used for → "P" and → "1".
        palette: 0 (WEB) or 1 (ADAPTIVE); used for RGB → "P".
        colors: number of colours of the ADAPTIVE palette, in [1, 256].
    """
    return color.convert_color(image, mode, matrix, dither, palette, colors)


@convert_color.kernel_for(ArrayImage)
def _convert_color_array(image: np.ndarray, mode: str | None, matrix: tuple[float, ...] | None, dither: int | None,
                         palette: int, colors: int) -> np.ndarray | Image.Image:
    # RGB → L (grey, returned as RGB with R = G = B) stays an array: Pillow's exact L without the PIL round trip;
    # every other conversion goes the PIL route (the modality converts the result back to the source mode)
    if mode == "L" and matrix is None and image.ndim == 3 and image.shape[2] == 3:
        return color.grayscale_rgb_array(image)
    return color.convert_color(Image.fromarray(image), mode, matrix, dither, palette, colors)


def _opacity_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − level) · 100."""
    return (1.0 - params["level"]) * 100.0


@augmentation(IMAGE, intensity=_opacity_intensity, bbox=box_rules.unchanged)
def opacity(image: ArrayImage, level: Annotated[float, Range(0, 1)] = 1.0) -> ArrayImage:
    """Make the image more transparent.

    With an alpha channel (RGBA, LA, P with transparency) the alpha is multiplied by ``level`` and
    the colours are kept. Without one, the image is shown as it would look over white at that
    opacity (colour·level + 255·(1 − level)), which is what AugLy's result looks like once it is
    converted back to the source mode.

    Args:
        level: opacity in [0, 1]; 1 leaves the image unchanged, 0 is fully transparent (or white).
    """
    return color.opacity(image, level)


@opacity.kernel_for(PILImage)
def _opacity_pil(image: Image.Image, level: float) -> Image.Image:
    return color.opacity_pil(image, level)
