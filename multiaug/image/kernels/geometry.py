"""Geometry kernels: flips, crops, pads, rotation, perspective and shear, with the box facts of each map.

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
from .modes import DEEP_DTYPES, fill_for, mode_of, working
from .resample import BICUBIC, BILINEAR, border_colour, rotate_expand, rotation_canvas, warp

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
    """A border of the RGB ``color`` around a PIL image (in its working mode; high-bit-depth modes I;16, I, F as
    they are)."""
    img = image if image.mode in DEEP_DTYPES else working(image)
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


def crop(arr: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    """The pixels of the px ``rect`` (left, top, right, bottom), a new array."""
    return arr[rect[1] : rect[3], rect[0] : rect[2]].copy()


def crop_info(width: int, height: int, rect: tuple[int, int, int, int]) -> dict[str, Any]:
    """Box facts of a crop of a ``width``×``height`` image: identity map onto the input, then the crop."""
    return {"matrix": IDENTITY, "canvas": [width, height], "crop": list(rect)}


def pad_info(dx: int, dy: int, width: int, height: int) -> dict[str, Any]:
    """Box facts of a pad: the input moved by (dx, dy) px onto a ``width``×``height`` canvas."""
    return {"matrix": [1.0, 0.0, float(dx), 0.0, 1.0, float(dy), 0.0, 0.0, 1.0], "canvas": [width, height]}


def factor_padding(width: int, height: int, w_factor: float, h_factor: float) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) px: ``int(w_factor·W)`` on the left and right, ``int(h_factor·H)`` on top and
    bottom."""
    dw, dh = int(w_factor * width), int(h_factor * height)
    return dw, dh, dw, dh


def square_padding(width: int, height: int) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) px that make the image square; an odd difference puts the extra pixel on the
    right / bottom."""
    diff = abs(width - height)
    first, second = diff // 2, diff - diff // 2
    return (first, 0, second, 0) if width < height else (0, first, 0, second)


def pad_rgb(arr: np.ndarray, padding: tuple[int, int, int, int], color: Any) -> np.ndarray:
    """:func:`pad` with the RGB ``color`` expressed in the array's mode."""
    return pad(arr, *padding, fill_for(mode_of(arr), color))


def rotation(width: int, height: int, degrees: float, expand: bool) -> dict[str, Any]:
    """Box facts of a counter-clockwise rotation about the centre (nearest neighbour, as Pillow's ``rotate``):
    ``matrix`` (source px → expanded canvas px), ``canvas`` and, unless ``expand``, ``crop`` = the largest
    axis-aligned rectangle inside the rotated image (at least the centre pixel, which the rotated image covers)."""
    w, h = width, height
    angle = degrees % 360.0
    if angle in (90, 270):
        cw, ch = h, w
    elif angle in (0, 180):
        cw, ch = w, h
    else:
        cw, ch, _ = rotation_canvas(w, h, degrees)
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    # source px → canvas px: rotate about the image centre, counter-clockwise on screen (y down)
    matrix = [c, s, cw / 2 - c * w / 2 - s * h / 2, -s, c, ch / 2 + s * w / 2 - c * h / 2, 0.0, 0.0, 1.0]
    info: dict[str, Any] = {"matrix": matrix, "canvas": [cw, ch]}
    if expand:
        return info
    wr, hr = max_inscribed(w, h, a)
    x0, y0, x1, y1 = int(cw / 2 - wr / 2), int(ch / 2 - hr / 2), int(cw / 2 + wr / 2), int(ch / 2 + hr / 2)
    # an inscribed rectangle thinner than a pixel (a 1×1 or 4000×1 image at an oblique angle): keep the pixel at
    # the centre, which the rotated image covers (still no fill visible)
    if x1 <= x0:
        x0 = min(int(cw / 2), cw - 1)
        x1 = x0 + 1
    if y1 <= y0:
        y0 = min(int(ch / 2), ch - 1)
        y1 = y0 + 1
    info["crop"] = [x0, y0, x1, y1]
    return info


def rotate(arr: np.ndarray, degrees: float, expand: bool, fill_color: Any) -> tuple[np.ndarray, dict[str, Any]]:
    """Rotate counter-clockwise by ``degrees`` (nearest neighbour): the whole rotated image on a canvas filled with
    the RGB ``fill_color`` (None: 0, transparent with alpha) when ``expand``, else cropped to the inscribed
    rectangle (only that box is computed). Returns (image, :func:`rotation` facts)."""
    h, w = arr.shape[:2]
    fill = fill_for(mode_of(arr), fill_color) if fill_color is not None else None
    info = rotation(w, h, degrees, expand)
    box = None if expand else tuple(info["crop"])
    return rotate_expand(arr, degrees, fill, box), info  # type: ignore[arg-type]


def perspective(arr: np.ndarray, corners: list[tuple[float, float]], crop_out_black_border: bool,
                where: str = "perspective_transform") -> tuple[np.ndarray, dict[str, Any]]:
    """Warp (bicubic) so that the image corners (top-left, top-right, bottom-right, bottom-left) land on
    ``corners`` (px); with ``crop_out_black_border`` crop to the rectangle bounded by the moved corners. Raises
    :class:`InvalidParameterError` for degenerate corners or an empty crop. Returns (image, box facts)."""
    h, w = arr.shape[:2]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    dst = [(float(x), float(y)) for x, y in corners]
    try:
        forward = solve_perspective(src, dst)
        backward = solve_perspective(dst, src)
    except np.linalg.LinAlgError:
        raise InvalidParameterError(f"{where}: the drawn corners {dst} are degenerate; use a smaller sigma",
                                    function=where, argument="sigma") from None
    out = warp(arr, (w, h), backward[:8], BICUBIC)
    info: dict[str, Any] = {"matrix": forward, "canvas": [w, h], "corners": [list(p) for p in dst]}
    if crop_out_black_border:
        tl, tr, br, bl = dst
        box = (
            round(max(0.0, tl[0], bl[0])),
            round(max(0.0, tl[1], tr[1])),
            round(min(float(w), tr[0], br[0])),
            round(min(float(h), bl[1], br[1])),
        )
        if box[0] >= box[2] or box[1] >= box[3]:
            raise InvalidParameterError(
                f"{where}: cannot crop out the black border of a transform this strong (corners {dst}); lower "
                "sigma or set crop_out_black_border=False", function=where, argument="crop_out_black_border")
        out = out[box[1] : box[3], box[0] : box[2]].copy()
        info["crop"] = list(box)
    return out, info


def skew(arr: np.ndarray, skew_factor: float, axis: int) -> tuple[np.ndarray, dict[str, Any]]:
    """Shear about the image centre (bilinear), keeping the size: axis 0 moves each row horizontally by
    −skew_factor·(y − H/2), axis 1 each column vertically by −skew_factor·(x − W/2). Returns (image, box facts)."""
    h, w = arr.shape[:2]
    s = float(skew_factor)
    if axis == 0:
        data = (1.0, s, -s * h / 2.0, 0.0, 1.0, 0.0)
        matrix = [1.0, -s, s * h / 2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    else:
        data = (1.0, 0.0, 0.0, s, 1.0, -s * w / 2.0)
        matrix = [1.0, 0.0, 0.0, -s, 1.0, s * w / 2.0, 0.0, 0.0, 1.0]
    return warp(arr, (w, h), list(data), BILINEAR), {"matrix": matrix, "canvas": [w, h]}
