"""The stripe mask of ``overlay_stripes``: AugLy's stripe geometry, pixel for pixel.

Geometry (AugLy 1.0.0's rule, a fact matched here, not its code): with θ = ``line_angle`` in degrees
(counter-clockwise on screen, 0 = horizontal lines), the period across the stripes is
``p = (1 − line_density) · min(W, H)`` px, and the signed distance of pixel (x, y) along the stripe normal,
measured from the image centre, is ``d = (x − W/2)·sin θ + (y − H/2)·cos θ``. A pixel is on a stripe where
``(cos(2π·d/p) + 1)/2 > (cos(π·line_width) + 1)/2``, i.e. where ``d/p`` is closer than ``line_width/2`` to an
integer: each stripe covers ``line_width`` of the period and one stripe is centred on the image.
"dotted" keeps the part of each line inside perpendicular stripes of the same width and density; "dashed" the
part inside perpendicular stripes of width 0.7.
"""

from __future__ import annotations

import math

import numpy as np

LINE_TYPES = ("solid", "dotted", "dashed")
DASH_WIDTH = 0.7  # share of the perpendicular period kept by a dash


def _phase(width: int, height: int, line_angle: float, period: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-column and per-row parts of d/p (float64); their sum is d/p at each pixel.

    Exactly horizontal (θ = 0, ±180) and exactly vertical (θ = ±90, ±270) stripes drop the other axis' term
    (cos 90° is 6e-17 in floating point, not 0), as AugLy does."""
    a = line_angle * (math.pi / 180.0)
    ky, kx = math.cos(a) / period, math.sin(a) / period
    if a == 0 or abs(a) == math.pi:
        kx = 0.0
    elif abs(a) == math.pi / 2 or abs(a) == 3 * math.pi / 2:
        ky = 0.0
    px = kx * (np.arange(width, dtype=np.float64) - width / 2)
    py = ky * (np.arange(height, dtype=np.float64) - height / 2)
    return px, py


def _on_stripe(width: int, height: int, line_width: float, line_angle: float, period: float) -> np.ndarray:
    px, py = _phase(width, height, line_angle, period)
    phase = py[:, None] + px[None, :]
    phase -= np.rint(phase)
    np.abs(phase, out=phase)
    return phase < line_width / 2.0


def stripe_period(width: int, height: int, line_density: float) -> float:
    """Stripe period across the lines in px: ``(1 − line_density) · min(W, H)`` (> 0 for density < 1)."""
    return (1.0 - line_density) * min(width, height)


def stripe_mask(width: int, height: int, line_width: float, line_angle: float, line_density: float,
                line_type: str = "solid") -> np.ndarray:
    """Boolean ``(height, width)`` mask of the stripes (True = painted).

    Args:
        width: image width in px (>= 1).
        height: image height in px (>= 1).
        line_width: share of each period covered by a stripe, in [0, 1] (0: no stripe, 1: everything).
        line_angle: stripe angle in degrees, counter-clockwise, 0 = horizontal.
        line_density: in [0, 1): the period is (1 − line_density)·min(W, H) px.
        line_type: "solid", "dotted" or "dashed".
    """
    period = stripe_period(width, height, line_density)
    if not period > 0:
        raise ValueError(f"stripe period must be > 0 px, got {period} (line_density must be < 1)")
    mask = _on_stripe(width, height, line_width, line_angle, period)
    if line_type == "dotted":
        mask &= _on_stripe(width, height, line_width, line_angle + 90, period)
    elif line_type == "dashed":
        mask &= _on_stripe(width, height, DASH_WIDTH, line_angle + 90, period)
    elif line_type != "solid":
        raise ValueError(f"line_type must be one of {LINE_TYPES}, got {line_type!r}")
    return mask
