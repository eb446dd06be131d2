"""Resampling kernels: resize, affine/perspective warps and rotation with OpenCV, matching Pillow's geometry.

Every function takes and returns uint8 arrays of shape H×W (L), H×W×2 (LA), H×W×3 (RGB) or H×W×4 (RGBA) — and H×W
uint16 / float32 / float64 arrays (high-bit-depth images) in the same dtype — never
writes into its input, and reproduces the geometry of the Pillow operation it replaces (same output size, same
pixel-centre convention), so a PIL input and an ndarray input go through the same kernel and give the same pixels.
Images with alpha are filtered premultiplied, as Pillow does.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .backends import cv2_module

# Pillow resampling codes (PIL.Image.Resampling) as plain ints, to avoid importing PIL here.
NEAREST, LANCZOS, BILINEAR, BICUBIC, BOX, HAMMING = 0, 1, 2, 3, 4, 5


def _has_alpha(arr: np.ndarray) -> bool:
    return arr.ndim == 3 and arr.shape[2] in (2, 4)


def _premultiply(arr: np.ndarray) -> np.ndarray:
    """float32 copy with the colour bands multiplied by alpha/255 (Pillow's RGBa / La)."""
    out = arr.astype(np.float32)
    out[..., :-1] *= out[..., -1:] * np.float32(1.0 / 255.0)
    return out


def _unpremultiply(arr: np.ndarray) -> np.ndarray:
    """uint8 image from a premultiplied float32 one (colour = colour·255/alpha where alpha > 0)."""
    alpha = arr[..., -1:]
    scale = np.divide(np.float32(255.0), alpha, out=np.zeros_like(alpha), where=alpha > 0.5)
    arr[..., :-1] *= scale
    return np.clip(np.rint(arr), 0, 255).astype(np.uint8)


def _with_alpha_premultiplied(arr: np.ndarray, op: Any, smooth: bool) -> np.ndarray:
    """Run ``op`` on ``arr``; images with alpha are filtered premultiplied, as Pillow does."""
    if smooth and _has_alpha(arr):
        return _unpremultiply(op(_premultiply(arr)))
    return op(arr)


def _cv_interp(resample: int, up: bool) -> int:
    """OpenCV filter for Pillow's ``resample`` when no axis shrinks by more than 2× (``up``: none shrinks)."""
    cv2 = cv2_module()
    if resample in (NEAREST, BOX) and up:
        return cv2.INTER_NEAREST_EXACT  # Pillow's nearest: the source pixel under the output pixel's centre
    if resample == LANCZOS:
        return cv2.INTER_LANCZOS4 if up else cv2.INTER_CUBIC
    if resample == BICUBIC:
        return cv2.INTER_CUBIC
    return cv2.INTER_LINEAR


def resize(arr: np.ndarray, size: tuple[int, int], resample: int) -> np.ndarray:
    """Resize to ``size`` = (width, height) with the OpenCV filter closest to Pillow's ``resample``.

    Pillow widens its filters when it shrinks (antialiasing). Here: an exact integer reduction on both
    axes is an area average (OpenCV's fast path, what ``Image.reduce`` does); no axis shrinking by more
    than 2× uses the same filter family as Pillow (nearest, bilinear, bicubic, Lanczos upscale); a
    stronger reduction is an area average (``INTER_AREA``), done as a separate first pass on the
    shrinking axis when the other axis grows. Images with alpha are filtered premultiplied, as Pillow does.
    """
    cv2 = cv2_module()
    h, w = arr.shape[:2]
    nw, nh = int(size[0]), int(size[1])
    if (nw, nh) == (w, h):
        return arr.copy()
    sx, sy = nw / w, nh / h

    def op(a: np.ndarray) -> np.ndarray:
        if resample == NEAREST:
            return cv2.resize(a, (nw, nh), interpolation=cv2.INTER_NEAREST_EXACT)
        if sx < 1 and sy < 1 and w % nw == 0 and h % nh == 0:
            return cv2.resize(a, (nw, nh), interpolation=cv2.INTER_AREA)
        if min(sx, sy) >= 0.5:
            return cv2.resize(a, (nw, nh), interpolation=_cv_interp(resample, sx >= 1 and sy >= 1))
        if sx < 1 and sy < 1:
            return cv2.resize(a, (nw, nh), interpolation=cv2.INTER_AREA)
        mid = (nw if sx < 1 else w, nh if sy < 1 else h)  # shrink the shrinking axis first
        a = cv2.resize(a, mid, interpolation=cv2.INTER_AREA)
        return cv2.resize(a, (nw, nh), interpolation=_cv_interp(resample, True))

    return _with_alpha_premultiplied(arr, op, resample != NEAREST)


def border_colour(fill: Any, channels: int) -> tuple[float, float, float, float]:
    """OpenCV's border value (4 floats) for ``fill``: None is 0 in every band, a number fills every band, a tuple
    gives the first ``channels`` bands."""
    if fill is None:
        return (0.0, 0.0, 0.0, 0.0)
    if isinstance(fill, (int, float)):
        return (float(fill),) * 4
    vals = [float(v) for v in fill][:channels]
    return tuple((vals + [0.0] * 4)[:4])  # type: ignore[return-value]


def _pil_to_cv_matrix(m: list[float] | np.ndarray) -> np.ndarray:
    """Pillow's output→input map (pixel edges, sampled at centres x + 0.5) as OpenCV's (pixel centres)."""
    mat = np.asarray(m, dtype=np.float64).reshape(3, 3)
    to_edge = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]], dtype=np.float64)
    to_centre = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]], dtype=np.float64)
    return to_centre @ mat @ to_edge


def warp(
    arr: np.ndarray, size: tuple[int, int], inverse: list[float], resample: int, fill: Any = None
) -> np.ndarray:
    """Pillow's ``Image.transform`` (AFFINE with 6 / PERSPECTIVE with 8 coefficients) with OpenCV.

    Args:
        arr: the source image.
        size: output (width, height) in px.
        inverse: Pillow's coefficients mapping output pixel positions to source positions.
        resample: NEAREST, BILINEAR or BICUBIC (Pillow codes).
        fill: colour of the area outside the source (None: 0 in every band).
    """
    cv2 = cv2_module()
    coeffs = list(inverse)
    full = coeffs + [0.0, 0.0, 1.0] if len(coeffs) == 6 else coeffs + [1.0]
    mat = _pil_to_cv_matrix(full)
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    border = border_colour(fill, channels)
    if resample == NEAREST:
        # Pillow floors the edge-based position v; OpenCV rounds the centre-based one, v − 0.5: the same pixel
        interp = cv2.INTER_NEAREST
    else:
        interp = cv2.INTER_CUBIC if resample == BICUBIC else cv2.INTER_LINEAR
    flags = interp | cv2.WARP_INVERSE_MAP
    dsize = (int(size[0]), int(size[1]))
    affine = len(coeffs) == 6

    def op(a: np.ndarray) -> np.ndarray:
        if affine:
            return cv2.warpAffine(a, mat[:2], dsize, flags=flags, borderMode=cv2.BORDER_CONSTANT, borderValue=border)
        return cv2.warpPerspective(a, mat, dsize, flags=flags, borderMode=cv2.BORDER_CONSTANT, borderValue=border)

    if resample != NEAREST and _has_alpha(arr) and fill is not None:
        # premultiplied fill colour, as Pillow fills the RGBa image
        a = border[channels - 1] / 255.0
        border = tuple(v * a if i < channels - 1 else v for i, v in enumerate(border))  # type: ignore[assignment]
    return _with_alpha_premultiplied(arr, op, resample != NEAREST)


def rotate_expand(
    arr: np.ndarray, degrees: float, fill: Any = None, box: tuple[int, int, int, int] | None = None
) -> np.ndarray:
    """``Image.rotate(degrees, expand=True, fillcolor=fill)`` (nearest neighbour), same canvas and pixels.

    With ``box`` = (left, top, right, bottom) on that canvas only the box's rows are computed (the same pixels
    as cropping the full result, for less work). Whole rows, not just the box: OpenCV 4 rounds the row term and
    the column term of each source position to 1/1024 px separately, so shifting the column origin can move a
    nearest-neighbour tie to the next pixel; a row shift keeps every per-pixel sum the same.
    """
    angle = degrees % 360.0
    if angle in (0, 90, 180, 270):
        if angle == 0:
            out = arr
        elif angle == 180:
            out = arr[::-1, ::-1]
        else:
            out = np.rot90(arr, 1 if angle == 90 else 3)
        if box is not None:
            out = out[box[1] : box[3], box[0] : box[2]]
        return np.array(out, copy=True, order="C")
    nw, nh, m = rotation_canvas(arr.shape[1], arr.shape[0], degrees)
    if box is None:
        return warp(arr, (nw, nh), m, NEAREST, fill)
    # output row y of the band is canvas row y + top
    m = [m[0], m[1], m[1] * box[1] + m[2], m[3], m[4], m[4] * box[1] + m[5]]
    band = warp(arr, (nw, box[3] - box[1]), m, NEAREST, fill)
    return np.ascontiguousarray(band[:, box[0] : box[2]])


def rotation_canvas(w: int, h: int, degrees: float) -> tuple[int, int, list[float]]:
    """Pillow's expanded canvas size and its output→input affine coefficients for ``rotate(degrees, expand=True)``."""
    a = -math.radians(degrees % 360.0)
    m = [round(math.cos(a), 15), round(math.sin(a), 15), 0.0, round(-math.sin(a), 15), round(math.cos(a), 15), 0.0]

    def tr(x: float, y: float) -> tuple[float, float]:
        return m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]

    cx, cy = w / 2, h / 2
    m[2], m[5] = tr(-cx, -cy)
    m[2] += cx
    m[5] += cy
    pts = [tr(x, y) for x, y in ((0, 0), (w, 0), (w, h), (0, h))]
    nw = math.ceil(max(p[0] for p in pts)) - math.floor(min(p[0] for p in pts))
    nh = math.ceil(max(p[1] for p in pts)) - math.floor(min(p[1] for p in pts))
    m[2], m[5] = tr(-(nw - w) / 2.0, -(nh - h) / 2.0)
    return nw, nh, m


def resize_to(arr: np.ndarray, width: int | None, height: int | None, resample: int) -> np.ndarray:
    """:func:`resize` to ``width``×``height`` px; a side given as None keeps its size."""
    h, w = arr.shape[:2]
    return resize(arr, (width or w, height or h), int(resample))


def scale(arr: np.ndarray, factor: float, interpolation: int | None = None) -> np.ndarray:
    """Both sides times ``factor``: ``(int(W·factor), int(H·factor))``, at least 1 px; ``interpolation`` None is
    LANCZOS when shrinking, else BILINEAR."""
    if interpolation is None:
        interpolation = LANCZOS if factor < 1 else BILINEAR
    h, w = arr.shape[:2]
    return resize(arr, scaled_size(w, h, factor), int(interpolation))


def scaled_size(width: int, height: int, factor: float) -> tuple[int, int]:
    """``(int(W·factor), int(H·factor))``, each at least 1 px (the output size of :func:`scale`)."""
    return max(1, int(width * factor)), max(1, int(height * factor))


def aspect_size(width: int, height: int, ratio: float) -> tuple[int, int]:
    """The output size of :func:`to_aspect_ratio`: w = int(√(ratio·W·H)), h = int(W·H / w), each at least 1."""
    area = width * height
    new_w = max(1, int(math.sqrt(ratio * area)))
    return new_w, max(1, int(area / new_w))


def to_aspect_ratio(arr: np.ndarray, ratio: float) -> np.ndarray:
    """Bicubic resize to width/height ``ratio`` with about the same pixel count: w = int(√(ratio·area)),
    h = int(area / w), each at least 1."""
    h, w = arr.shape[:2]
    return resize(arr, aspect_size(w, h, ratio), BICUBIC)


def clip_resolution(arr: np.ndarray, min_resolution: int | None, max_resolution: int | None) -> np.ndarray:
    """:func:`scale` uniformly so that W·H is within [min_resolution, max_resolution] (None: no bound); a copy when
    it already is."""
    h, w = arr.shape[:2]
    factor = clip_factor(w, h, min_resolution, max_resolution)
    return arr.copy() if factor is None else scale(arr, factor)


def clip_factor(width: int, height: int, min_resolution: int | None, max_resolution: int | None) -> float | None:
    """The uniform scale factor :func:`clip_resolution` applies (None: the pixel count is already within bounds)."""
    count = width * height
    if min_resolution is not None and count < min_resolution:
        return math.sqrt(min_resolution / count)
    if max_resolution is not None and count > max_resolution:
        return math.sqrt(max_resolution / count)
    return None
