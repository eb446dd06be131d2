"""Filter kernels: Gaussian blur, Pillow's sharpness enhancement, Pillow ``ImageFilter`` filters by name,
pixelisation.

Array kernels take uint8 H×W / H×W×C arrays (OpenCV, see :mod:`multiaug.image.kernels.backends`) and never write
into their input; :func:`pil_filter` works on PIL images.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

from .backends import cv2_module
from .crop_resize import fast_shrink
from .resample import BICUBIC, resize


#: above this sigma (px) :func:`gaussian_blur` uses three box passes (constant time per pixel)
BOX_BLUR_SIGMA = 16.0


def gaussian_blur(arr: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur with standard deviation ``sigma`` px (≥ 0), edges extended (as Pillow's GaussianBlur).

    Up to :data:`BOX_BLUR_SIGMA` an exact Gaussian kernel (OpenCV; its cost grows with sigma); above it three
    successive box filters whose widths give the same variance (the approximation Pillow's GaussianBlur uses at
    every radius), computed in float and rounded once, in constant time per pixel whatever sigma. uint8, uint16,
    float32 and float64 arrays come back in their dtype."""
    cv2 = cv2_module()
    if sigma <= 0:
        return arr.copy()
    if sigma <= BOX_BLUR_SIGMA:
        return cv2.GaussianBlur(arr, (0, 0), sigmaX=float(sigma), sigmaY=float(sigma),
                                borderType=cv2.BORDER_REPLICATE)
    work = arr.astype(np.float64 if arr.dtype == np.float64 else np.float32)
    for width in box_widths(sigma, 3):
        work = cv2.blur(work, (width, width), borderType=cv2.BORDER_REPLICATE)
    if arr.dtype.kind == "u":
        top = np.iinfo(arr.dtype).max
        return np.clip(np.rint(work), 0, top).astype(arr.dtype)
    return work.astype(arr.dtype, copy=False)


def box_widths(sigma: float, n: int) -> list[int]:
    """Odd widths of ``n`` successive box filters whose combined variance is closest to sigma² (a box of width w
    adds (w² − 1) / 12)."""
    ideal = math.sqrt(12.0 * sigma * sigma / n + 1.0)
    lower = int(ideal)
    if lower % 2 == 0:
        lower -= 1
    upper = lower + 2
    m = round((12.0 * sigma * sigma - n * lower * lower - 4 * n * lower - 3 * n) / (-4.0 * lower - 4.0))
    return [lower if i < m else upper for i in range(n)]


_SMOOTH = np.array([[1, 1, 1], [1, 5, 1], [1, 1, 1]], dtype=np.float32) / np.float32(13.0)


def sharpness(arr: np.ndarray, factor: float) -> np.ndarray:
    """``ImageEnhance.Sharpness``: blend Pillow's SMOOTH-filtered image (3×3 [1 1 1; 1 5 1; 1 1 1] / 13,
    border pixels left unfiltered) with the image: smooth + factor·(image − smooth), clipped to [0, 255].
    Alpha bands are kept."""
    cv2 = cv2_module()
    src = np.ascontiguousarray(arr)
    if factor == 1.0:
        return src.copy()
    smooth = cv2.filter2D(src, -1, _SMOOTH, borderType=cv2.BORDER_REPLICATE)
    smooth[0], smooth[-1], smooth[:, 0], smooth[:, -1] = src[0], src[-1], src[:, 0], src[:, -1]
    out = cv2.addWeighted(src, float(factor), smooth, 1.0 - float(factor), 0.0)
    if src.ndim == 3 and src.shape[2] in (2, 4):
        out[..., -1] = src[..., -1]
    return out


def _named_filters() -> dict[str, Any]:
    """Every ``PIL.ImageFilter`` filter that can be built without arguments, by attribute name."""
    out: dict[str, Any] = {}
    probe = Image.new("RGB", (8, 8), (10, 20, 30))
    for name in dir(ImageFilter):
        obj = getattr(ImageFilter, name)
        if not (isinstance(obj, type) and issubclass(obj, ImageFilter.Filter)) or name.startswith("_"):
            continue
        try:
            probe.filter(obj())
        except (TypeError, AttributeError, ValueError):  # abstract bases and filters that need arguments
            continue
        out[name] = obj
    return out


#: every argument-free ``PIL.ImageFilter`` filter class by attribute name ("BLUR", "EDGE_ENHANCE_MORE", ...)
FILTER_NAMES: dict[str, Any] = _named_filters()


def resolve_filter(value: Any) -> ImageFilter.Filter:
    """A filter instance from a name of :data:`FILTER_NAMES`, a filter class (built with its defaults) or an
    instance. Raises ``KeyError`` for an unknown name, ``TypeError`` for anything else."""
    if isinstance(value, str):
        return FILTER_NAMES[value]()
    if isinstance(value, type) and issubclass(value, ImageFilter.Filter):
        return value()
    if isinstance(value, ImageFilter.Filter):
        return value
    raise TypeError(value)


def is_filter(value: Any) -> bool:
    """True when :func:`resolve_filter` accepts ``value``."""
    try:
        resolve_filter(value)
        return True
    except (KeyError, TypeError):
        return False


def pil_filter(img: Image.Image, flt: ImageFilter.Filter) -> Image.Image:
    """``img.filter(flt)`` (``img`` in a working mode: L, LA, RGB or RGBA)."""
    return img.filter(flt)


def pixelate(arr: np.ndarray, ratio: float) -> np.ndarray:
    """Downscale to ``(int(W·ratio), int(H·ratio))`` (at least 1 px, an area average), then back up to W×H
    (bicubic, as AugLy). A ratio that keeps the size returns a copy."""
    h, w = arr.shape[:2]
    small = (max(1, int(w * ratio)), max(1, int(h * ratio)))
    if small == (w, h):
        return arr.copy()
    return resize(fast_shrink(arr, small), (w, h), BICUBIC)
