"""The stripe mask of ``overlay_stripes``: parallel (solid, dotted or dashed) lines at any angle,
built from uint16 fixed-point phases (no float image)."""

from __future__ import annotations

import math

import numpy as np


def _phase16(height: int, width: int, ky: float, kx: float) -> np.ndarray:
    """Fractional part of y·ky + x·kx as uint16 (units of 1/65536): the per-row and per-column
    phases are added with uint16 wrap-around, which is exactly "mod 1" (fast, no float image)."""
    py = (np.mod(np.arange(height) * ky, 1.0) * 65536.0).astype(np.int64).astype(np.uint16)
    px = (np.mod(np.arange(width) * kx, 1.0) * 65536.0).astype(np.int64).astype(np.uint16)
    return py[:, None] + px[None, :]


def _below(phase: np.ndarray, share: float) -> np.ndarray:
    if share >= 1.0:
        return np.ones(phase.shape, dtype=bool)
    return phase < np.uint16(int(share * 65536.0))


def stripe_mask(width: int, height: int, line_width: float, line_angle: float, line_density: float,
                line_type: str) -> np.ndarray:
    """Boolean H×W mask of parallel lines.

    Lines run at ``line_angle`` degrees (counter-clockwise, 0 = horizontal). The period across the
    lines is ``min(W, H) / (1 + 49·line_density)`` px (density 0: one stripe, 1: 50 stripes on the
    short side); each stripe covers ``line_width`` of the period. "dotted" cuts each line into
    squares (dash = gap = thickness); "dashed" into dashes of 3× thickness with 1× gaps.
    """
    a = math.radians(line_angle)
    period = max(2.0, min(width, height) / (1.0 + 49.0 * line_density))
    mask = _below(_phase16(height, width, math.cos(a) / period, -math.sin(a) / period), line_width)
    if line_type != "solid":
        thick = max(1.0, line_width * period)
        seg, on = (2 * thick, 0.5) if line_type == "dotted" else (4 * thick, 0.75)
        mask &= _below(_phase16(height, width, math.sin(a) / seg, math.cos(a) / seg), on)
    return mask
