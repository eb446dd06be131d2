"""Nearest-neighbour resampling of label maps (segmentation masks) by the geometry an image went through.

Every function works on any dtype (bool, integer label maps, float), H×W or H×W×K, and never interpolates: each
output pixel copies one source pixel or gets ``fill``. Coordinates are continuous pixel coordinates (pixel (i, j)
covers [i, i+1) × [j, j+1), as boxes and keypoints): output pixel (u, v) takes the source pixel under the source
point its centre (u + ½, v + ½) comes from. That is exactly Pillow's and OpenCV's ``INTER_NEAREST_EXACT`` sampling
for resizes and an integer shift for crops, pads and flips.

Border modes for source points outside the image (OpenCV names; Keras/scipy names in brackets): ``constant``
(``fill``), ``replicate`` (``nearest``: aaa|abcd|ddd), ``reflect`` (dcba|abcd|dcba, edge repeated), ``reflect_101``
(dcb|abcd|cba) and ``wrap`` (abcd|abcd|abcd).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BORDERS = ("constant", "replicate", "reflect", "reflect_101", "wrap")

#: tolerance (px) added before flooring a source coordinate, so that a centre landing on a pixel edge up to
#: rounding error picks the pixel an exact computation picks (the right/lower one, as Pillow and OpenCV do)
_EPS = 1e-6


def _check(mask: np.ndarray, border: str) -> None:
    if mask.ndim not in (2, 3):
        raise ValueError(f"mask must be H×W or H×W×K, got shape {mask.shape}")
    if border not in BORDERS:
        raise ValueError(f"border must be one of {BORDERS}, got {border!r}")


def border_index(idx: np.ndarray, n: int, border: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Map integer source indices (any, possibly outside [0, n)) into [0, n) by ``border``.

    Returns (indices, valid): ``valid`` is the boolean mask of in-range indices for ``constant`` (the others are
    then filled), None for the other modes (every index maps to a pixel)."""
    if border == "constant":
        valid = (idx >= 0) & (idx < n)
        return np.clip(idx, 0, n - 1), valid
    if border == "replicate" or n == 1:
        return np.clip(idx, 0, n - 1), None
    if border == "reflect":
        m = np.mod(idx, 2 * n)
        return np.where(m < n, m, 2 * n - 1 - m), None
    if border == "reflect_101":
        m = np.mod(idx, 2 * n - 2)
        return np.where(m < n, m, 2 * n - 2 - m), None
    return np.mod(idx, n), None  # wrap


def _floor(coords: np.ndarray) -> np.ndarray:
    return np.floor(coords + _EPS).astype(np.intp)


def _filled(out: np.ndarray, invalid: np.ndarray, fill: float) -> np.ndarray:
    if invalid.any():
        out[invalid] = fill
    return out


def stretch(mask: np.ndarray, width: int, height: int) -> np.ndarray:
    """Resize to ``width``×``height`` px (centre-aligned nearest, as Pillow's NEAREST); the input itself when the
    size does not change."""
    h, w = mask.shape[:2]
    if (w, h) == (width, height):
        return mask
    return warp(mask, [width / w, 0.0, 0.0, 0.0, height / h, 0.0, 0.0, 0.0, 1.0], (width, height))


def warp(mask: np.ndarray, matrix: Sequence[float], size: tuple[int, int], border: str = "constant",
         fill: float = 0) -> np.ndarray:
    """Resample through a 3×3 (row-major, 9 numbers) projective ``matrix`` mapping source px to output px.

    Args:
        mask: H×W or H×W×K array of any dtype.
        matrix: source → output, continuous pixel coordinates (affine: last row 0, 0, 1).
        size: output (width, height) in px.
        border: one of :data:`BORDERS`, for output pixels whose source point is outside the mask.
        fill: value of those pixels with ``border="constant"``.
    """
    _check(mask, border)
    m = np.asarray(matrix, dtype=np.float64).reshape(3, 3)
    inv = np.linalg.inv(m)
    ow, oh = int(size[0]), int(size[1])
    h, w = mask.shape[:2]
    u = np.arange(ow, dtype=np.float64) + 0.5
    v = np.arange(oh, dtype=np.float64) + 0.5
    if inv[0, 1] == 0 and inv[1, 0] == 0 and inv[2, 0] == 0 and inv[2, 1] == 0:  # axis-aligned: separable
        s = inv[2, 2]
        cols, cvalid = border_index(_floor((inv[0, 0] * u + inv[0, 2]) / s), w, border)
        rows, rvalid = border_index(_floor((inv[1, 1] * v + inv[1, 2]) / s), h, border)
        out = mask[rows[:, None], cols[None, :]]
        if cvalid is None or rvalid is None:
            return out
        return _filled(out, ~(rvalid[:, None] & cvalid[None, :]), fill)
    uu, vv = np.meshgrid(u, v)
    den = inv[2, 0] * uu + inv[2, 1] * vv + inv[2, 2]
    xs = (inv[0, 0] * uu + inv[0, 1] * vv + inv[0, 2]) / den
    ys = (inv[1, 0] * uu + inv[1, 1] * vv + inv[1, 2]) / den
    return _gather(mask, xs, ys, border, fill)


def _gather(mask: np.ndarray, xs: np.ndarray, ys: np.ndarray, border: str, fill: float) -> np.ndarray:
    h, w = mask.shape[:2]
    finite = np.isfinite(xs) & np.isfinite(ys)
    xs = np.where(finite, xs, -1.0)
    ys = np.where(finite, ys, -1.0)
    cols, cvalid = border_index(_floor(np.clip(xs, -4.0 * w - 4, 5.0 * w + 4)), w, border)
    rows, rvalid = border_index(_floor(np.clip(ys, -4.0 * h - 4, 5.0 * h + 4)), h, border)
    out = mask[rows, cols]
    invalid = ~finite
    if cvalid is not None and rvalid is not None:
        invalid |= ~(cvalid & rvalid)
    return _filled(out, invalid, fill)


def remap(mask: np.ndarray, map_x: np.ndarray, map_y: np.ndarray, border: str = "constant",
          fill: float = 0) -> np.ndarray:
    """Nearest ``cv2.remap``: output pixel (u, v) takes source pixel (round(map_x[v, u]), round(map_y[v, u])).

    Args:
        mask: H×W or H×W×K array of any dtype.
        map_x, map_y: output-shaped source coordinates in OpenCV's pixel-centre convention (pixel i centred at i).
        border: one of :data:`BORDERS`.
        fill: value for ``border="constant"``.
    """
    _check(mask, border)
    return _gather(mask, np.asarray(map_x, dtype=np.float64) + 0.5, np.asarray(map_y, dtype=np.float64) + 0.5,
                   border, fill)


def move_pieces(mask: np.ndarray, pieces: Sequence[Sequence[float]], size: tuple[int, int],
                fill: float = 0) -> np.ndarray:
    """Copy rectangles of ``mask`` to new places on a ``size`` (width, height) canvas of ``fill``.

    Args:
        pieces: ``[left, upper, right, lower, dx, dy]`` per piece: a source px rect and its integer px offset
            (what :func:`multiaug.image.kernels.tiles.split_and_shuffle` reports).
    """
    w, h = int(size[0]), int(size[1])
    out = np.full((h, w, *mask.shape[2:]), fill, dtype=mask.dtype)
    for piece in pieces:
        l, u, r, d, dx, dy = (int(round(float(v))) for v in piece)
        out[u + dy:d + dy, l + dx:r + dx] = mask[u:d, l:r]
    return out
