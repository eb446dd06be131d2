"""Colour kernels: Pillow's ``ImageEnhance`` brightness/contrast/saturation (exactly, as look-up tables where
possible), greyscale, colour-mode conversion and opacity.

Brightness and contrast are single look-up tables that reproduce ``ImageEnhance`` exactly (same float32 blend and
truncation); saturation reproduces Pillow's blend with the grey image with byte operations
(:mod:`multiaug.image.kernels.grey_blend`). Alpha channels are never changed by the colour enhancements. The
table kernels accept a PIL image or a uint8 array (the same table through :func:`multiaug.image.kernels.lut.lut`:
identical pixels).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageEnhance

from ...core.errors import InvalidParameterError
from .backends import cv2_module
from .grey_blend import grey_blend
from .luma import luma_blocks, luma_sum
from .lut import clipped_table, lut, translate_inplace
from .modes import to_array, working


def colour_lut(img: Image.Image, table: np.ndarray) -> Image.Image:
    """Apply a 256-entry uint8 table to the colour bands of ``img`` (alpha untouched), in C.

    A uint8 array goes through :func:`multiaug.image.kernels.lut.lut`: the same table, identical pixels."""
    if isinstance(img, np.ndarray):
        return lut(img, table)
    bands = img.getbands()
    full: list[int] = []
    ident = list(range(256))
    for band in bands:
        full += ident if band == "A" else table.tolist()
    return img.point(full)


def _blend_lut(base: float, factor: float) -> np.ndarray:
    """``ImageEnhance``'s blend of a constant ``base`` image with the image by ``factor`` as a LUT.

    Pillow computes ``base + factor·(v − base)`` in float32, clips to [0, 255] and truncates."""
    v = np.arange(256, dtype=np.float32)
    out = np.float32(base) + np.float32(factor) * (v - np.float32(base))
    return clipped_table(out)


def grey_mean(img: Image.Image) -> int:
    """``ImageEnhance.Contrast``'s mean: the rounded mean of the image's L conversion.

    Pillow converts (its exact ``(19595·R + 38470·G + 7471·B + 2¹⁵) >> 16``; colour arrays block by block through
    :func:`multiaug.image.kernels.luma.luma_sum`); the sum of the L bytes is taken with ``cv2.sumElems`` instead of a
    256-bin histogram; grey arrays are summed directly."""
    if isinstance(img, np.ndarray):
        if img.ndim == 2 or img.shape[2] in (1, 2):
            band = img if img.ndim == 2 else np.ascontiguousarray(img[..., 0])
            return int(cv2_module().sumElems(band)[0] / band.size + 0.5) if band.size else 0
        h, w = img.shape[:2]
        if not h * w:
            return 0
        return int(luma_sum(img) / (w * h) + 0.5)
    grey = img.convert("L")
    w, h = grey.size
    if not w * h:
        return 0
    return int(cv2_module().sumElems(to_array(grey))[0] / (w * h) + 0.5)


def brightness(img: Image.Image, factor: float) -> Image.Image:
    """``ImageEnhance.Brightness``: every colour value times ``factor`` (≥ 0), truncated to [0, 255]."""
    if factor == 1.0:
        return img.copy()
    return colour_lut(img, _blend_lut(0.0, factor))


def contrast(img: Image.Image, factor: float) -> Image.Image:
    """``ImageEnhance.Contrast``: blend with the flat image of the mean grey level by ``factor`` (≥ 0)."""
    if factor == 1.0:
        return img.copy()
    return colour_lut(img, _blend_lut(float(grey_mean(img)), factor))


def saturation(arr: np.ndarray, factor: float, inplace: bool = False) -> np.ndarray:
    """``ImageEnhance.Color``: blend with the greyscale image by ``factor`` (≥ 0), on a uint8 H×W / H×W×C (C = 1…4)
    array; the same pixels as on the PIL image (grey and grey + alpha images are copied; an alpha band is kept).

    ``inplace``: write into ``arr`` (only for an array the caller owns, e.g. an intermediate result) when it is a
    C-contiguous RGB array; the result is returned either way."""
    if factor == 1.0 or arr.ndim == 2 or arr.shape[2] < 3 or not arr.size:
        return arr if inplace else arr.copy()
    if arr.shape[2] == 3 and arr.flags.c_contiguous:
        return grey_blend(arr, None, factor, out=arr if inplace else None)
    out = grey_blend(np.ascontiguousarray(arr[..., :3]), None, factor)
    if arr.shape[2] == 4:
        return np.concatenate([out, arr[..., 3:]], axis=-1)
    return out


def saturation_pil(img: Image.Image, factor: float) -> Image.Image:
    """:func:`saturation` of a PIL image in a working mode: Pillow's own ``ImageEnhance.Color`` (L/LA images are
    copied). PIL inputs stay in Pillow: converting to an array and back costs more than the blend saves."""
    if factor == 1.0 or img.mode in ("L", "LA"):
        return img.copy()
    return ImageEnhance.Color(img).enhance(factor)


def grayscale(img: Image.Image, mode: str) -> Image.Image:
    """Grey in the working mode of ``img`` (L/LA stay, RGB(A) becomes L(A)): "luminosity" (ITU-R 601-2 luma) or
    "average" ((R + G + B) / 3). Alpha is kept."""
    alpha = img.getchannel("A") if img.mode in ("RGBA", "LA") else None
    if img.mode in ("L", "LA"):
        grey = img.getchannel("L").copy()
    elif mode == "luminosity":
        grey = img.convert("RGB").convert("L") if alpha is not None else img.convert("L")
    else:
        rgb = img.convert("RGB") if alpha is not None else img
        third = 1.0 / 3.0
        grey = rgb.convert("L", matrix=(third, third, third, 0.0))
    if alpha is not None:
        grey = grey.convert("LA")
        grey.putalpha(alpha)
    return grey


def grayscale_rgb_array(arr: np.ndarray) -> np.ndarray:
    """:func:`grayscale` "luminosity" of an H×W×3 uint8 array, returned as H×W×3 with R = G = B = Pillow's L
    (the same pixels as the PIL route: convert("L"), then back to RGB)."""
    cv2 = cv2_module()
    out = np.empty(arr.shape[:2] + (3,), np.uint8)
    for y, grey in luma_blocks(arr):
        cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB, dst=out[y:y + grey.shape[0]])
    return out


def convert_color(image: Image.Image, mode: str | None, matrix: tuple[float, ...] | None, dither: int | None,
                  palette: int, colors: int) -> Image.Image:
    """``Image.convert(mode, matrix, dither, palette, colors)``; modes Pillow cannot reach directly go through RGB
    (alpha kept). Raises :class:`InvalidParameterError` when Pillow refuses the conversion."""
    src = image
    if matrix is not None and src.mode not in ("RGB", "L"):
        src = working(src).convert("RGB")
    args = (mode, tuple(float(v) for v in matrix) if matrix is not None else None, dither, palette, colors)
    try:
        try:
            return src.convert(*args)
        except ValueError:
            # Pillow has no direct path (e.g. LA → P, CMYK → P): go through RGB, keeping any alpha
            base = working(src)
            alpha = base.getchannel("A") if base.mode in ("RGBA", "LA") else None
            out = base.convert("RGB").convert(*args)
            if alpha is not None:
                out = out.convert("RGBA")
                out.putalpha(alpha)
            return out
    except (ValueError, TypeError) as exc:
        raise InvalidParameterError(
            f"convert_color: Pillow cannot convert {src.mode} with mode={mode!r}, matrix={matrix!r}: {exc}",
            function="convert_color",
            argument="mode" if matrix is None else "matrix",
        ) from None


def opacity_tables(level: float, alpha: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """(colour table, alpha table) of :func:`opacity`: with an alpha band the alpha is multiplied by ``level`` (floor)
    and the colours kept; without one, colours are shown over white at that opacity (round)."""
    v = np.arange(256, dtype=np.float64)
    if alpha:
        return np.arange(256, dtype=np.uint8), np.floor(v * level + 1e-9).astype(np.uint8)
    return np.clip(np.rint(v * level + 255.0 * (1.0 - level)), 0, 255).astype(np.uint8), None


def opacity(arr: np.ndarray, level: float) -> np.ndarray:
    """Opacity ``level`` in [0, 1] on a uint8 array: RGBA alpha multiplied by ``level``; other arrays (no alpha, or
    LA) shown over white."""
    if level == 1.0:
        return arr.copy()
    if arr.ndim == 3 and arr.shape[2] == 4:
        colour, alpha = opacity_tables(level, True)
        return lut(arr, colour, alpha)
    return lut(arr, opacity_tables(level, False)[0])


def opacity_pil(image: Image.Image, level: float) -> Image.Image:
    """:func:`opacity` on a PIL image (in its working mode; LA alpha is multiplied too)."""
    if level == 1.0:
        return image.copy()
    img = working(image)
    if img.mode in ("RGBA", "LA"):
        ident, alpha_lut = opacity_tables(level, True)
        table: list[int] = []
        for band in img.getbands():
            table += (alpha_lut if band == "A" else ident).tolist()
        return img.point(table)
    return colour_lut(img, opacity_tables(level, False)[0])


def jitter(arr: np.ndarray, brightness_factor: float, contrast_factor: float, saturation_factor: float) -> np.ndarray:
    """:func:`brightness`, then :func:`contrast`, then :func:`saturation` (AugLy's ``color_jitter`` order) on a
    uint8 array: the same pixels as the three ``ImageEnhance`` steps on the PIL image. RGB images get one new array
    that every later step changes in place."""
    out = brightness(arr, brightness_factor)  # a new array
    if contrast_factor != 1.0:
        table = _blend_lut(float(grey_mean(out)), contrast_factor)
        out = translate_inplace(out, table) if _is_rgb(out) else lut(out, table)
    return saturation(out, saturation_factor, inplace=True)


def _is_rgb(arr: np.ndarray) -> bool:
    return arr.ndim == 3 and arr.shape[2] == 3 and arr.flags.c_contiguous


def jitter_pil(img: Image.Image, brightness_factor: float, contrast_factor: float,
               saturation_factor: float) -> Image.Image:
    """:func:`jitter` of a PIL image in a working mode, in Pillow (the same pixels as the array form)."""
    return saturation_pil(contrast(brightness(img, brightness_factor), contrast_factor), saturation_factor)
