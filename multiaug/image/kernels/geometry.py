"""Geometry kernels: flips, crops, pads, the rotation crop, perspective and shear maps.

Array kernels take uint8 H×W / H×W×C arrays (OpenCV) and return new arrays; ``*_pil`` kernels do the same exact
operation on PIL images (identical pixels). Matrices are 3×3 row-major lists of 9 numbers mapping source pixels
to output pixels (see :mod:`multiaug.image.targets.box_rules`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from .backends import cv2_module
from .modes import fill_for, working
from .resample import border_colour

IDENTITY = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]


def flip(arr: np.ndarray, horizontal: bool) -> np.ndarray:
    """Mirror left–right (``horizontal``) or top–bottom; a new contiguous array."""
    return cv2_module().flip(np.ascontiguousarray(arr), 1 if horizontal else 0)


def pad(arr: np.ndarray, left: int, top: int, right: int, bottom: int, fill: Any) -> np.ndarray:
    """Constant border of ``fill`` (a pixel value of :func:`mode_of` ``arr``) around ``arr``."""
    cv2 = cv2_module()
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    border = border_colour(fill, channels)
    return cv2.copyMakeBorder(
        np.ascontiguousarray(arr), int(top), int(bottom), int(left), int(right), cv2.BORDER_CONSTANT, value=border
    )


def flip_pil(img: Image.Image, horizontal: bool) -> Image.Image:
    """Mirror a PIL image left–right (``horizontal``) or top–bottom."""
    return img.transpose(Image.Transpose.FLIP_LEFT_RIGHT if horizontal else Image.Transpose.FLIP_TOP_BOTTOM)


def pad_pil(image: Image.Image, left: int, top: int, right: int, bottom: int, color: Any) -> Image.Image:
    """A border of the RGB ``color`` around a PIL image (in its working mode)."""
    img = working(image)
    w, h = img.size
    canvas = Image.new(img.mode, (w + left + right, h + top + bottom), fill_for(img.mode, color))
    canvas.paste(img, (left, top))
    return canvas


def crop_rect(width: int, height: int, x1: float, y1: float, x2: float, y2: float) -> tuple[int, int, int, int]:
    """AugLy's pixel box ``(int(W·x1), int(H·y1), int(W·x2), int(H·y2))`` of the fractional corners; raises
    :class:`InvalidParameterError` when it is empty."""
    if x1 >= x2:
        raise InvalidParameterError(f"crop: argument 'x2' must be > x1 ({x1}), got {x2}", function="crop", argument="x2")
    if y1 >= y2:
        raise InvalidParameterError(f"crop: argument 'y2' must be > y1 ({y1}), got {y2}", function="crop", argument="y2")
    box = (int(width * x1), int(height * y1), int(width * x2), int(height * y2))
    if box[2] <= box[0] or box[3] <= box[1]:
        raise InvalidParameterError(
            f"crop: the region x1={x1}, y1={y1}, x2={x2}, y2={y2} is empty on a {width}x{height} image",
            function="crop",
            argument="x2" if box[2] <= box[0] else "y2",
        )
    return box


def max_inscribed(w: float, h: float, radians: float) -> tuple[float, float]:
    """Width and height of the largest axis-aligned rectangle inside a w×h rectangle rotated by ``radians``."""
    if w <= 0 or h <= 0:
        return 0.0, 0.0
    wide = w >= h
    long_side, short_side = (w, h) if wide else (h, w)
    s, c = abs(math.sin(radians)), abs(math.cos(radians))
    if short_side <= 2.0 * s * c * long_side or abs(s - c) < 1e-10:
        half = 0.5 * short_side
        return (half / s, half / c) if wide else (half / c, half / s)
    cos2 = c * c - s * s
    return (w * c - h * s) / cos2, (h * c - w * s) / cos2


def solve_perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 3×3 projective matrix (row-major, last entry 1) mapping each ``src[i]`` onto ``dst[i]``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    sol = np.linalg.solve(np.asarray(rows, dtype=np.float64), np.asarray(rhs, dtype=np.float64))
    return [float(v) for v in sol] + [1.0]
