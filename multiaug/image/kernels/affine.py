"""Keras ``ImageDataGenerator`` geometry: one affine matrix from rotation, shift, shear and zoom, one resampling.

Keras builds, in (x, y) pixel-centre coordinates about the image centre, the *output → input* matrix
``R(θ) · T(tx, ty) · Sh(shear) · Z(zx, zy)`` with ``R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]``,
``Sh(s) = [[1, −sin s], [0, cos s]]``, ``Z = diag(zx, zy)``, so a zoom factor > 1 zooms *out*, a positive
θ turns the content counter-clockwise on screen, and a positive tx moves the content left (output pixel x
samples input x + tx). multiaug applies the documented meanings: ``tx`` is horizontal and ``ty`` vertical,
``zx`` scales x and the centre is ((W − 1)/2, (H − 1)/2) (Keras' own code swaps the shift axes and centres
x on H/2 for non-square images: keras-team/keras#17398, tf-keras#310).

Fill modes (Keras/scipy names): ``constant`` (kkkk|abcd|kkkk, value ``cval``), ``nearest`` (aaaa|abcd|dddd),
``reflect`` (dcba|abcd|dcba, edge repeated) and ``wrap`` (abcd|abcd|abcd).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .backends import cv2_module
from .lut import byte_lut

FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def keras_inverse_matrix(width: int, height: int, theta: float = 0.0, tx: float = 0.0, ty: float = 0.0,
                         shear: float = 0.0, zx: float = 1.0, zy: float = 1.0) -> np.ndarray:
    """Keras' output → input 3×3 matrix in pixel-centre coordinates (pixel (i, j) centred at (i, j)).

    Args:
        width, height: image size in px.
        theta: rotation in degrees (counter-clockwise content rotation on screen).
        tx, ty: shift in px (output pixel x samples input x + tx: the content moves by −tx).
        shear: shear angle in degrees.
        zx, zy: zoom factors (> 0; > 1 zooms out).
    """
    t = math.radians(theta)
    s = math.radians(shear)
    rot = np.array([[math.cos(t), -math.sin(t), 0.0], [math.sin(t), math.cos(t), 0.0], [0.0, 0.0, 1.0]])
    shift = np.array([[1.0, 0.0, tx], [0.0, 1.0, ty], [0.0, 0.0, 1.0]])
    sh = np.array([[1.0, -math.sin(s), 0.0], [0.0, math.cos(s), 0.0], [0.0, 0.0, 1.0]])
    zoom = np.array([[zx, 0.0, 0.0], [0.0, zy, 0.0], [0.0, 0.0, 1.0]])
    m = rot @ shift @ sh @ zoom
    ox, oy = width / 2.0 - 0.5, height / 2.0 - 0.5
    offset = np.array([[1.0, 0.0, ox], [0.0, 1.0, oy], [0.0, 0.0, 1.0]])
    reset = np.array([[1.0, 0.0, -ox], [0.0, 1.0, -oy], [0.0, 0.0, 1.0]])
    return offset @ m @ reset


_TO_CENTRE = np.array([[1.0, 0.0, -0.5], [0.0, 1.0, -0.5], [0.0, 0.0, 1.0]])
_TO_EDGE = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.0, 0.0, 1.0]])
_TO_CENTRE.setflags(write=False)
_TO_EDGE.setflags(write=False)


def forward_edge_matrix(inverse_centre: np.ndarray) -> list[float]:
    """Source → output matrix in pixel-edge coordinates (pixel (i, j) covers [i, i+1)) from an output →
    input pixel-centre matrix: what bboxes, keypoints and masks follow. Row-major, 9 numbers."""
    fwd = _TO_EDGE @ np.linalg.inv(np.asarray(inverse_centre, dtype=np.float64)) @ _TO_CENTRE
    return fwd.ravel().tolist()


def _border(fill_mode: str) -> int:
    cv2 = cv2_module()
    try:
        return {"constant": cv2.BORDER_CONSTANT, "nearest": cv2.BORDER_REPLICATE,
                "reflect": cv2.BORDER_REFLECT, "wrap": cv2.BORDER_WRAP}[fill_mode]
    except KeyError:
        raise ValueError(f"fill_mode must be one of {FILL_MODES}, got {fill_mode!r}") from None


def warp_affine(image: np.ndarray, inverse_centre: np.ndarray, fill_mode: str = "nearest", cval: float = 0.0,
                order: int = 1, size: tuple[int, int] | None = None) -> np.ndarray:
    """Resample ``image`` through an output → input pixel-centre matrix (one ``cv2.warpAffine``).

    Args:
        image: uint8 (or uint16 / float32) H×W or H×W×C, C ≤ 4.
        inverse_centre: 3×3 output → input matrix (pixel-centre coordinates).
        fill_mode: one of :data:`FILL_MODES`.
        cval: value of every band outside the image with ``fill_mode="constant"``.
        order: 0 nearest, 1 bilinear (Keras' default ``interpolation_order``), 3 bicubic.
        size: output (width, height); default the input size.
    """
    cv2 = cv2_module()
    h, w = image.shape[:2]
    dsize = (w, h) if size is None else (int(size[0]), int(size[1]))
    interp = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}.get(int(order))
    if interp is None:
        raise ValueError(f"order must be 0, 1 or 3, got {order!r}")
    mat = np.asarray(inverse_centre, dtype=np.float64)[:2]
    src = np.ascontiguousarray(image)
    return cv2.warpAffine(src, mat, dsize, flags=interp | cv2.WARP_INVERSE_MAP, borderMode=_border(fill_mode),
                          borderValue=(float(cval),) * 4)


def channel_shift(image: np.ndarray, intensity: float) -> np.ndarray:
    """Keras' ``apply_channel_shift``: add ``intensity`` to every channel, clipped to the image's own
    [min, max] (over all bands), rounded to the nearest level for integer images."""
    if image.size == 0:
        return image.copy()
    lo, hi = float(image.min()), float(image.max())
    if image.dtype == np.uint8:
        v = np.arange(256, dtype=np.float64)
        table = np.clip(np.rint(v + intensity), lo, hi).astype(np.uint8)
        return byte_lut(image, table)
    out = np.clip(image.astype(np.float64) + intensity, lo, hi)
    if np.issubdtype(image.dtype, np.integer):
        out = np.rint(out)
    return out.astype(image.dtype)


def brightness_scale(image: np.ndarray, factor: float) -> np.ndarray:
    """Keras' ``brightness_range`` step (``ImageEnhance.Brightness``): ``v·factor`` clipped to [0, 255],
    truncated; uint8 only."""
    v = np.arange(256, dtype=np.float32)
    table = np.clip(v * np.float32(factor), 0, 255).astype(np.uint8)
    return byte_lut(image, table)



def shift_is_fraction(shift_range: float | Sequence[float]) -> bool:
    """Keras' rule: a shift range whose largest element is < 1 is in fractions of the size, else in px."""
    if isinstance(shift_range, (int, float)):  # the usual case, without numpy's array round trip
        return float(shift_range) < 1
    if isinstance(shift_range, list) and all(isinstance(v, (int, float)) for v in shift_range):
        return bool(shift_range) and max(float(v) for v in shift_range) < 1
    vals = np.atleast_1d(np.asarray(shift_range, dtype=np.float64))
    return bool(vals.size and float(np.max(vals)) < 1)


def zoom_bounds(zoom_range: float | Sequence[float]) -> tuple[float, float]:
    """Keras' ``zoom_range``: a float z → [1 − z, 1 + z]; a pair → itself."""
    if isinstance(zoom_range, (int, float, np.number)):
        return (1.0 - float(zoom_range), 1.0 + float(zoom_range))
    lo, hi = (float(v) for v in zoom_range)
    return (lo, hi)


def apply_keras_transform(image: np.ndarray, theta: float = 0.0, tx: float = 0.0, ty: float = 0.0,
                          shear: float = 0.0, zx: float = 1.0, zy: float = 1.0, flip_horizontal: bool = False,
                          flip_vertical: bool = False, channel_shift_intensity: float | None = None,
                          brightness: float | None = None, fill_mode: str = "nearest", cval: float = 0.0,
                          order: int = 1, *, inverse: np.ndarray | None = None) -> np.ndarray:
    """Keras' ``apply_transform`` order: affine warp (skipped when identity), channel shift, horizontal
    flip, vertical flip, brightness. Arguments as :func:`keras_inverse_matrix` and Keras; ``inverse``: that
    function's matrix for these values when the caller already has it."""
    h, w = image.shape[:2]
    out = image
    if (theta, tx, ty, shear, zx, zy) != (0.0, 0.0, 0.0, 0.0, 1.0, 1.0):
        if inverse is None:
            inverse = keras_inverse_matrix(w, h, theta, tx, ty, shear, zx, zy)
        out = warp_affine(out, inverse, fill_mode, cval, order)
    if channel_shift_intensity is not None:
        out = channel_shift(out, channel_shift_intensity)
    cv2 = cv2_module()
    if flip_horizontal:
        out = cv2.flip(np.ascontiguousarray(out), 1).reshape(out.shape)
    if flip_vertical:
        out = cv2.flip(np.ascontiguousarray(out), 0).reshape(out.shape)
    if brightness is not None:
        out = brightness_scale(out, brightness)
    return out if out is not image else image.copy()


def keras_forward_matrix(width: int, height: int, theta: float = 0.0, tx: float = 0.0, ty: float = 0.0,
                         shear: float = 0.0, zx: float = 1.0, zy: float = 1.0, flip_horizontal: bool = False,
                         flip_vertical: bool = False, *, inverse: np.ndarray | None = None) -> list[float]:
    """Source → output pixel-edge matrix of :func:`apply_keras_transform` (warp, then flips); ``inverse`` as there."""
    if inverse is None:
        inverse = keras_inverse_matrix(width, height, theta, tx, ty, shear, zx, zy)
    fwd = np.asarray(forward_edge_matrix(inverse)).reshape(3, 3)
    if flip_horizontal:
        fwd = np.array([[-1.0, 0.0, float(width)], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]) @ fwd
    if flip_vertical:
        fwd = np.array([[1.0, 0.0, 0.0], [0.0, -1.0, float(height)], [0.0, 0.0, 1.0]]) @ fwd
    return [float(v) for v in fwd.ravel()]




def crop_matrix(rect: Sequence[int], width: int, height: int) -> list[float]:
    """Source → output pixel-edge matrix of cropping ``rect`` (x1, y1, x2, y2 px) and resizing it to
    ``width`` × ``height`` px."""
    x1, y1, x2, y2 = rect
    sx, sy = width / (x2 - x1), height / (y2 - y1)
    return [sx, 0.0, -x1 * sx, 0.0, sy, -y1 * sy, 0.0, 0.0, 1.0]
