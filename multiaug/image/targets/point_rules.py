"""Keypoint rules: the point form of the box rules (how an augmentation moves keypoints).

A rule is ``rule(points, params, facts) -> points``: ``points`` is an N×2 float array of (x, y) normalised by the
source size (a row of NaN for a keypoint already gone), ``params`` the call's validated parameters, ``facts`` the
``src_*``/``dst_*`` sizes plus the kernel's ``info`` (as box rules get them). It returns the N×2 points normalised by
the output size, not clamped: the modality turns a point outside [0, 1] into a keypoint that left the image.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import geometry

PointRule = Callable[[np.ndarray, dict[str, Any], dict[str, Any]], np.ndarray]


def unchanged(points: np.ndarray, params: dict[str, Any], facts: dict[str, Any]) -> np.ndarray:
    """Keypoints keep their normalised position (pixel-only operations and resizes)."""
    return points


def by_matrix(matrix_of: geometry.MatrixOf) -> PointRule:
    """A rule moving each point through ``matrix_of(params, facts)`` (source px → output px)."""

    def rule(points: np.ndarray, params: dict[str, Any], facts: dict[str, Any]) -> np.ndarray:
        sw, sh, dw, dh = facts["src_width"], facts["src_height"], facts["dst_width"], facts["dst_height"]
        xs, ys = geometry.apply(matrix_of(params, facts), points[:, 0] * sw, points[:, 1] * sh)
        return np.stack([xs / dw, ys / dh], axis=1)

    doc = (matrix_of.__doc__ or "").strip().splitlines()
    rule.__doc__ = f"Points moved by the matrix: {doc[0] if doc else matrix_of.__name__}"
    rule.__name__ = f"points_by_{getattr(matrix_of, '__name__', 'matrix')}"
    return rule


hflip = by_matrix(geometry.hflip_matrix)
vflip = by_matrix(geometry.vflip_matrix)
warp = by_matrix(geometry.warp_matrix)


def place(key: str) -> PointRule:
    """Points of a source drawn into the output px rect ``info[key]`` (``box_rules.place_rule(key)``)."""
    return by_matrix(geometry.place_matrix(key))


def pieces(points: np.ndarray, params: dict[str, Any], facts: dict[str, Any]) -> np.ndarray:
    """Each point moves with the piece of ``info['pieces']`` (source px rect + px offset) that contains it."""
    sw, sh, dw, dh = facts["src_width"], facts["src_height"], facts["dst_width"], facts["dst_height"]
    xs, ys = points[:, 0] * sw, points[:, 1] * sh
    ox = np.full_like(xs, np.nan)
    oy = np.full_like(ys, np.nan)
    for l, u, r, d, dx, dy in facts["info"]["pieces"]:
        # a point on the image's right/bottom edge belongs to the last piece there
        inside = ((xs >= l) & ((xs < r) | ((xs == r) & (r == sw))) & (ys >= u) & ((ys < d) | ((ys == d) & (d == sh)))
                  & np.isnan(ox))
        ox = np.where(inside, xs + dx, ox)
        oy = np.where(inside, ys + dy, oy)
    return np.stack([ox / dw, oy / dh], axis=1)


def by_forward(move: Callable[[np.ndarray, np.ndarray, int, int, dict[str, Any]], tuple[np.ndarray, np.ndarray]]
               ) -> PointRule:
    """A rule from ``move(xs, ys, width, height, info) -> (xs, ys)``: source px points to output px (same size)."""

    def rule(points: np.ndarray, params: dict[str, Any], facts: dict[str, Any]) -> np.ndarray:
        sw, sh, dw, dh = facts["src_width"], facts["src_height"], facts["dst_width"], facts["dst_height"]
        keep = np.isfinite(points).all(axis=1)
        out = np.full_like(points, np.nan)
        if keep.any():
            mx, my = move(points[keep, 0] * sw, points[keep, 1] * sh, sw, sh, facts["info"])
            out[keep] = np.stack([np.asarray(mx) / dw, np.asarray(my) / dh], axis=1)
        return out

    rule.__doc__ = (move.__doc__ or "Points moved forward through the distortion.").strip().splitlines()[0]
    return rule
