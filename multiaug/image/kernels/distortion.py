"""Non-rigid distortions: grid distortion (albumentations' GridDistortion) and a smooth elastic field.

Both are *output → input* maps (``cv2.remap``): output pixel p samples input ``p + d(p)``. The elastic
field is a bicubic upsampling of a small control grid of displacements, so it is fully described by a
few numbers (recorded) and points can be moved forward exactly enough for boxes and keypoints by
fixed-point inversion (:func:`forward_points`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .backends import cv2_module

_INTERP = {"nearest": 0, "linear": 1, "cubic": 2}


def grid_nodes(size: int, steps: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Node positions of a grid distortion along one axis of ``size`` px with ``len(steps)`` cells.

    Output nodes are evenly spaced (cell = size // n, last cell takes the rest); input node k+1 is input
    node k plus the regular cell width times ``steps[k]`` (> 0), rescaled so the last node stays at ``size``.
    Returns (output nodes, input nodes), each ``len(steps) + 1`` floats from 0 to ``size``.
    """
    n = len(steps)
    cell = size // n if n else size
    out_nodes = np.array([min(k * cell, size) for k in range(n)] + [size], dtype=np.float64)
    widths = np.diff(out_nodes) * np.asarray(steps, dtype=np.float64)
    in_nodes = np.concatenate([[0.0], np.cumsum(widths)])
    if in_nodes[-1] > 0:
        in_nodes *= size / in_nodes[-1]
    return out_nodes, in_nodes


def _remap(image: np.ndarray, map_x: np.ndarray, map_y: np.ndarray, interpolation: str, border: str,
           fill: float) -> np.ndarray:
    cv2 = cv2_module()
    modes = {"constant": cv2.BORDER_CONSTANT, "reflect": cv2.BORDER_REFLECT_101, "nearest": cv2.BORDER_REPLICATE}
    interp = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 2: cv2.INTER_CUBIC}[_INTERP[interpolation]]
    return cv2.remap(np.ascontiguousarray(image), map_x, map_y, interp, borderMode=modes[border],
                     borderValue=(float(fill),) * 4)


def grid_distortion(image: np.ndarray, x_steps: Sequence[float], y_steps: Sequence[float],
                    interpolation: str = "linear", border: str = "reflect", fill: float = 0.0) -> np.ndarray:
    """Stretch/shrink each of ``len(x_steps)`` columns and ``len(y_steps)`` rows of cells by its step (1 = unchanged).

    Args:
        image: uint8 (or float32) H×W or H×W×C.
        x_steps, y_steps: per-cell scale factors (> 0) across and down the image.
        interpolation: "nearest", "linear" or "cubic" (masks: "nearest").
        border: "reflect" (…cb|abc…), "nearest" or "constant" (``fill``) outside the image.
    """
    h, w = image.shape[:2]
    map_x, map_y = grid_maps(w, h, x_steps, y_steps)
    return _remap(image, map_x, map_y, interpolation, border, fill)


def grid_maps(width: int, height: int, x_steps: Sequence[float], y_steps: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """The ``cv2.remap`` maps of :func:`grid_distortion` (H×W float32, source pixel-centre coordinates)."""
    ox, ix = grid_nodes(width, x_steps)
    oy, iy = grid_nodes(height, y_steps)
    xs = np.interp(np.arange(width, dtype=np.float64) + 0.5, ox, ix) - 0.5
    ys = np.interp(np.arange(height, dtype=np.float64) + 0.5, oy, iy) - 0.5
    map_x = np.broadcast_to(xs.astype(np.float32)[None, :], (height, width)).copy()
    map_y = np.broadcast_to(ys.astype(np.float32)[:, None], (height, width)).copy()
    return map_x, map_y


def grid_forward_points(xs: Sequence[float], ys: Sequence[float], width: int, height: int, x_steps: Sequence[float],
                        y_steps: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Where source points (pixel-edge coordinates) land after :func:`grid_distortion` (exact inverse of the
    piecewise-linear, monotone maps)."""
    ox, ix = grid_nodes(width, x_steps)
    oy, iy = grid_nodes(height, y_steps)
    return np.interp(np.asarray(xs, dtype=np.float64), ix, ox), np.interp(np.asarray(ys, dtype=np.float64), iy, oy)


def elastic_field(width: int, height: int, control_dx: np.ndarray, control_dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense H×W displacement fields (px) from control grids (gy×gx, px) spanning the image corner to corner
    (bicubic upsampling: smooth, exactly the control values at the nodes)."""
    cv2 = cv2_module()
    cdx = np.asarray(control_dx, dtype=np.float32)
    cdy = np.asarray(control_dy, dtype=np.float32)
    gy, gx = cdx.shape
    # sample the control grid at the pixel centres' fractional positions
    px = (np.arange(width, dtype=np.float32) + 0.5) / np.float32(width) * np.float32(gx - 1)
    py = (np.arange(height, dtype=np.float32) + 0.5) / np.float32(height) * np.float32(gy - 1)
    mx = np.broadcast_to(px[None, :], (height, width)).astype(np.float32)
    my = np.broadcast_to(py[:, None], (height, width)).astype(np.float32)
    dx = cv2.remap(cdx, mx, my, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    dy = cv2.remap(cdy, mx, my, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return dx, dy


def elastic_transform(image: np.ndarray, control_dx: np.ndarray, control_dy: np.ndarray,
                      interpolation: str = "linear", border: str = "reflect", fill: float = 0.0) -> np.ndarray:
    """Warp by a smooth displacement field: output pixel p samples input ``p + d(p)`` (see :func:`elastic_field`)."""
    h, w = image.shape[:2]
    map_x, map_y = elastic_maps(w, h, control_dx, control_dy)
    return _remap(image, map_x, map_y, interpolation, border, fill)


def elastic_maps(width: int, height: int, control_dx: np.ndarray, control_dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``cv2.remap`` maps of :func:`elastic_transform` (H×W float32, source pixel-centre coordinates)."""
    dx, dy = elastic_field(width, height, control_dx, control_dy)
    return dx + np.arange(width, dtype=np.float32)[None, :], dy + np.arange(height, dtype=np.float32)[:, None]


def _sample_field(field: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    h, w = field.shape
    xi = np.clip(np.floor(xs).astype(np.int64), 0, w - 1)
    yi = np.clip(np.floor(ys).astype(np.int64), 0, h - 1)
    return field[yi, xi].astype(np.float64)


def elastic_forward_points(xs: Sequence[float], ys: Sequence[float], width: int, height: int,
                           control_dx: np.ndarray, control_dy: np.ndarray, iterations: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Where source points (pixel-edge coordinates) land after :func:`elastic_transform`: solves
    ``q + d(q) = p`` by fixed-point iteration ``q ← p − d(q)`` (converges for fields with gradient < 1)."""
    dx, dy = elastic_field(width, height, control_dx, control_dy)
    px = np.asarray(xs, dtype=np.float64)
    py = np.asarray(ys, dtype=np.float64)
    qx, qy = px.copy(), py.copy()
    for _ in range(iterations):
        qx = px - _sample_field(dx, qx, qy)
        qy = py - _sample_field(dy, qx, qy)
    return qx, qy
