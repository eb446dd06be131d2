"""Where an augmentation sends source pixels, as one 3×3 matrix (source px → output px), for the box rules whose
motion is a single projective map: what keypoints and masks follow (:mod:`.point_rules`, :mod:`.mask_rules`).

A *matrix function* is ``matrix_of(params, facts) -> 9 numbers`` (row-major), with ``facts`` as box rules get them
(``src_*``/``dst_*`` sizes and the kernel's ``info``). Coordinates are continuous pixel coordinates: pixel (i, j)
covers [i, i+1) × [j, j+1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

MatrixOf = Callable[[dict[str, Any], dict[str, Any]], Sequence[float]]


def scale_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """The ``unchanged`` box rule (normalised coordinates kept): the source stretched onto the output size."""
    sx = facts["dst_width"] / facts["src_width"]
    sy = facts["dst_height"] / facts["src_height"]
    return [sx, 0.0, 0.0, 0.0, sy, 0.0, 0.0, 0.0, 1.0]


def hflip_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """Mirror left-right: x → W − x."""
    return [-1.0, 0.0, float(facts["src_width"]), 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]


def vflip_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """Mirror top-bottom: y → H − y."""
    return [1.0, 0.0, 0.0, 0.0, -1.0, float(facts["src_height"]), 0.0, 0.0, 1.0]


def warp_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """The ``warp_rule``: ``info['matrix']`` (source → canvas), then the canvas rect ``info['crop']`` (default the
    whole ``info['canvas']``) stretched onto the output."""
    info = facts["info"]
    dw, dh = facts["dst_width"], facts["dst_height"]
    canvas = info.get("canvas") or (dw, dh)
    cl, cu, cr, cd = (float(v) for v in (info.get("crop") or (0.0, 0.0, canvas[0], canvas[1])))
    to_output = np.array([[dw / (cr - cl), 0.0, -cl * dw / (cr - cl)],
                          [0.0, dh / (cd - cu), -cu * dh / (cd - cu)],
                          [0.0, 0.0, 1.0]])
    m = to_output @ np.asarray(info["matrix"], dtype=np.float64).reshape(3, 3)
    return [float(v) for v in m.ravel()]


def slot_matrix(rect_px: Sequence[float], facts: dict[str, Any]) -> list[float]:
    """The whole source image drawn into the px rect (left, upper, right, lower) of the output."""
    l, u, r, d = (float(v) for v in rect_px)
    sx, sy = (r - l) / facts["src_width"], (d - u) / facts["src_height"]
    return [sx, 0.0, l, 0.0, sy, u, 0.0, 0.0, 1.0]


def place_matrix(key: str) -> MatrixOf:
    """A matrix function for ``box_rules.place_rule(key)``: the source drawn into the output px rect ``info[key]``."""

    def matrix_of(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
        return slot_matrix(facts["info"][key], facts)

    matrix_of.__doc__ = f"The source drawn into the output px rect info['{key}']."
    return matrix_of


def apply(matrix: Sequence[float], xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map px points through a 3×3 projective matrix (points at infinity become NaN)."""
    m = np.asarray(matrix, dtype=np.float64).reshape(3, 3)
    w = m[2, 0] * xs + m[2, 1] * ys + m[2, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        ox = (m[0, 0] * xs + m[0, 1] * ys + m[0, 2]) / w
        oy = (m[1, 0] * xs + m[1, 1] * ys + m[1, 2]) / w
    bad = np.abs(w) < 1e-12
    return np.where(bad, np.nan, ox), np.where(bad, np.nan, oy)
