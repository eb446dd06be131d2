"""Stripe geometry (AugLy's rule) — checked against the rule itself, so it cannot drift without AugLy installed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.image.kernels.stripes import stripe_mask, stripe_period


def _rule(w, h, line_width, line_angle, line_density):
    """The rule as stated: on-stripe where (cos(2π·d/p) + 1)/2 > (cos(π·line_width) + 1)/2."""
    p = (1 - line_density) * min(w, h)
    a = math.radians(line_angle)
    s, c = math.sin(a), math.cos(a)
    if line_angle % 180 == 0:
        s = 0.0
    elif line_angle % 90 == 0:
        c = 0.0
    x = np.arange(w) - w / 2
    y = np.arange(h) - h / 2
    d = s * x[None, :] + c * y[:, None]
    on = (np.cos(2 * math.pi * d / p) + 1) / 2 > (math.cos(math.pi * line_width) + 1) / 2
    frac = np.abs(d / p - np.rint(d / p))
    tie = np.abs(frac - line_width / 2) < 1e-9  # exactly on an edge: floating point decides either way
    return on, tie


@pytest.mark.parametrize("w,h", [(640, 480), (301, 199), (64, 97)])
@pytest.mark.parametrize("angle", [0, 90, 45, -30, 180, 270, 13.7, -360])
@pytest.mark.parametrize("width,density", [(0.5, 0.5), (0.1, 0.9), (0.9, 0.0), (0.33, 0.3)])
def test_mask_is_the_stated_rule(w, h, angle, width, density):
    got = stripe_mask(w, h, width, angle, density)
    want, tie = _rule(w, h, width, angle, density)
    assert not ((got != want) & ~tie).any(), int(((got != want) & ~tie).sum())


def test_defaults_give_two_or_three_wide_stripes_centred_on_the_image():
    m = stripe_mask(640, 480, 0.5, 0, 0.5)
    assert stripe_period(640, 480, 0.5) == 240.0
    rows = m[:, 0]
    assert (m == rows[:, None]).all()  # horizontal
    on = np.flatnonzero(rows)
    # stripe centred on y = 240 (|y − 240| < 60), plus the halves of the neighbours at y = 0 and y = 480
    assert set(on) == set(range(0, 60)) | set(range(181, 300)) | set(range(421, 480))
    runs = 1 + int((np.diff(on) > 1).sum())
    assert runs == 3
    assert abs(rows.mean() - 0.5) < 0.01


def test_angle_is_counter_clockwise_and_vertical_at_90():
    v = stripe_mask(200, 100, 0.5, 90, 0.5)
    assert (v == v[0][None, :]).all() and 0 < v[0].mean() < 1  # vertical stripes
    m = stripe_mask(201, 201, 0.2, 45, 0.5)
    # a stripe at 45° counter-clockwise runs from bottom-left to top-right: along (1, −1) in pixel steps
    ys, xs = np.nonzero(m)
    for y, x in list(zip(ys, xs))[::97]:
        if 0 <= y - 5 and x + 5 < 201:
            assert m[y - 5, x + 5]


@pytest.mark.parametrize("width", [0.1, 0.5, 0.8])
def test_coverage_is_line_width(width):
    m = stripe_mask(600, 600, width, 30, 0.7)
    assert abs(m.mean() - width) < 0.02


def test_dotted_and_dashed_cut_the_solid_lines():
    solid = stripe_mask(300, 200, 0.5, 0, 0.5)
    dotted = stripe_mask(300, 200, 0.5, 0, 0.5, "dotted")
    dashed = stripe_mask(300, 200, 0.5, 0, 0.5, "dashed")
    assert (dotted <= solid).all() and (dashed <= solid).all()
    assert np.array_equal(dotted, solid & stripe_mask(300, 200, 0.5, 90, 0.5))
    assert np.array_equal(dashed, solid & stripe_mask(300, 200, 0.7, 90, 0.5))
    assert dotted.sum() < dashed.sum() < solid.sum()


def test_edge_values():
    assert not stripe_mask(50, 40, 0.0, 10, 0.5).any()
    assert stripe_mask(50, 40, 1.0, 10, 0.5).mean() > 0.99
    with pytest.raises(ValueError, match="line_density"):
        stripe_mask(50, 40, 0.5, 0, 1.0)
    with pytest.raises(ValueError, match="line_type"):
        stripe_mask(50, 40, 0.5, 0, 0.5, "wavy")
