"""Crop-and-resize kernels (RandomResizedCrop) and torchvision's crop sampler maths."""

from __future__ import annotations

import math

import numpy as np

from .area import integer_area
from .backends import cv2_module

INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "area")


def resized_crop(image: np.ndarray, rect: tuple[int, int, int, int], size: tuple[int, int],
                 interpolation: str = "bilinear", antialias: bool = True) -> np.ndarray:
    """Crop ``rect`` (x1, y1, x2, y2 px) and resize it to ``size`` (width, height) in one step.

    With ``antialias``, bilinear/bicubic reductions by more than 2× are antialiased by :func:`halving_shrink`
    (area-average halvings, then a bilinear step reducing by less than 2×; torchvision's ``antialias=True`` plays
    the same role); without it they are plain ``cv2.resize`` bilinear/bicubic at any scale (albumentations;
    torchvision's ``antialias=False``). The crop is a view.
    """
    cv2 = cv2_module()
    x1, y1, x2, y2 = (int(v) for v in rect)
    crop = image[y1:y2, x1:x2]
    cw, ch = x2 - x1, y2 - y1
    tw, th = int(size[0]), int(size[1])
    if (cw, ch) == (tw, th):
        return np.ascontiguousarray(crop).copy()
    shrink = min(tw / cw, th / ch)
    if interpolation in ("bilinear", "bicubic") and shrink < 0.5 and antialias:
        return halving_shrink(crop, (tw, th))
    if interpolation == "nearest":
        flag = cv2.INTER_NEAREST_EXACT
    elif interpolation == "area" or (shrink < 0.5 and antialias):
        flag = cv2.INTER_AREA
    else:
        flag = cv2.INTER_CUBIC if interpolation == "bicubic" else cv2.INTER_LINEAR
    out = cv2.resize(crop, (tw, th), interpolation=flag)
    return out.reshape((th, tw) + image.shape[2:]) if image.ndim == 3 else out


#: images up to this many pixels are reduced with the exact (non-integer) area average
EXACT_AREA_PIXELS = 256 * 256


def _rows_of_pixels(image: np.ndarray) -> bool:
    """Whether each row of ``image`` is contiguous bytes (a crop view of a C-contiguous image is): what OpenCV needs
    to read it without a copy."""
    item = image.itemsize
    if image.ndim == 2:
        return image.strides[1] == item
    return image.shape[2] <= 4 and image.strides[2] == item and image.strides[1] == image.shape[2] * item


def fast_shrink(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Antialiased reduction to ``size`` = (width, height) for factors beyond 2×, at a fraction of a
    non-integer area average's cost: OpenCV's fast integer area path by k = ⌊min(w/width, h/height)⌋, then a
    bilinear resample whose coordinates map back onto the original pixel grid (so the partial last block of
    the first pass does not shift the image)."""
    cv2 = cv2_module()
    h, w = image.shape[:2]
    tw, th = int(size[0]), int(size[1])
    k = min(w // tw, h // th)
    if w * h <= EXACT_AREA_PIXELS:  # small images: the exact area average is cheap
        out = cv2.resize(np.ascontiguousarray(image), (tw, th), interpolation=cv2.INTER_AREA)
        return out.reshape((th, tw) + image.shape[2:])
    if k < 2:  # a crop view is resampled where it lies (OpenCV reads row-strided views; no copy of the crop first)
        src = image if _rows_of_pixels(image) else np.ascontiguousarray(image)
        return cv2.resize(src, (tw, th), interpolation=cv2.INTER_LINEAR).reshape((th, tw) + image.shape[2:])
    if k >= 3:
        small = integer_area(image, k)  # = cv2.resize(fx=fy=1/k, INTER_AREA), vectorised for k ≥ 3
    else:  # k = 2: OpenCV's vectorised 2×2 path, reading a crop view where it lies (a copy first costs more)
        src = image if _rows_of_pixels(image) else np.ascontiguousarray(image)
        small = cv2.resize(src, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    sx, sy = w / (tw * k), h / (th * k)  # output px → first-pass px
    m = np.array([[sx, 0.0, 0.5 * sx - 0.5], [0.0, sy, 0.5 * sy - 0.5]])
    out = cv2.warpAffine(small, m, (tw, th), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)
    return out.reshape((th, tw) + image.shape[2:])


def halving_shrink(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Antialiased reduction to ``size`` = (width, height) for factors beyond 2× (RandomResizedCrop): p 2×2
    area-average halvings (p = the largest power of two ≤ k = ⌊min(w/width, h/height)⌋), then one bilinear
    resample whose coordinates map back onto the original pixel grid. The bilinear step reduces by less than 2× along
    the axis reduced least and by less than 2.7× along the other within RandomResizedCrop's default ratio range
    (3/4 … 4/3).

    OpenCV's 2×2 area path is vectorised, its k×k path for k ≥ 3 a scalar loop about 10× slower per pixel: one 3×3
    pass over a whole 1024×768 photo costs ~1.3 ms, a 2×2 halving ~0.1 ms. :func:`fast_shrink` (one k×k pass) stays
    for ``pixelization``'s outputs. Equal to :func:`fast_shrink` for small images and when k is 2 or below."""
    cv2 = cv2_module()
    h, w = image.shape[:2]
    tw, th = int(size[0]), int(size[1])
    k = min(w // tw, h // th)
    if w * h <= EXACT_AREA_PIXELS or k < 3:
        return fast_shrink(image, size)
    small, p = image, 1
    while 2 * p <= k:
        small = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        p *= 2
    sx, sy = w / (tw * p), h / (th * p)  # output px → halved px
    m = np.array([[sx, 0.0, 0.5 * sx - 0.5], [0.0, sy, 0.5 * sy - 0.5]])
    out = cv2.warpAffine(small, m, (tw, th), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)
    return out.reshape((th, tw) + image.shape[2:])


def centre_fallback(width: int, height: int, ratio: tuple[float, float]) -> tuple[int, int, int, int]:
    """torchvision's fallback crop when 10 draws fail: the centred crop of the whole image with its aspect
    ratio clamped to ``ratio``; returns (x1, y1, x2, y2)."""
    in_ratio = width / height
    if in_ratio < min(ratio):
        w = width
        h = int(round(w / min(ratio)))
    elif in_ratio > max(ratio):
        h = height
        w = int(round(h * max(ratio)))
    else:
        w, h = width, height
    x1, y1 = (width - w) // 2, (height - h) // 2
    return (x1, y1, x1 + w, y1 + h)


def crop_size(area: float, log_aspect: float) -> tuple[int, int]:
    """(w, h) of a crop of ``area`` px² and aspect ``exp(log_aspect)`` (torchvision's rounding)."""
    aspect = math.exp(log_aspect)
    return int(round(math.sqrt(area * aspect))), int(round(math.sqrt(area / aspect)))
