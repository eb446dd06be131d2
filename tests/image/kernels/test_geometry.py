"""Geometry kernels: inscribed rectangles, crop rectangles, square padding, rotation facts, perspective errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.core import InvalidParameterError
from multiaug.image.kernels import geometry
from multiaug.image.kernels.geometry import max_inscribed as _max_inscribed


def test_max_inscribed_known_values():
    assert _max_inscribed(100, 50, 0.0) == pytest.approx((100, 50))
    assert _max_inscribed(100, 50, math.pi / 2) == pytest.approx((50, 100), abs=1e-6)
    w, h = _max_inscribed(100, 100, math.pi / 4)
    assert w == pytest.approx(100 / math.sqrt(2)) and h == pytest.approx(100 / math.sqrt(2))


def test_crop_rect_is_augly_s_pixel_box_and_refuses_empty_regions():
    assert geometry.crop_rect(100, 50, 0.1, 0.2, 0.55, 1.0) == (10, 10, 55, 50)
    with pytest.raises(InvalidParameterError, match="x2"):
        geometry.crop_rect(100, 50, 0.5, 0.0, 0.5, 1.0)
    with pytest.raises(InvalidParameterError, match="empty"):
        geometry.crop_rect(10, 10, 0.0, 0.0, 0.05, 1.0)  # int(10 · 0.05) = 0: no column left


def test_square_padding_puts_the_odd_pixel_right_or_bottom():
    assert geometry.square_padding(10, 7) == (0, 1, 0, 2)
    assert geometry.square_padding(4, 9) == (2, 0, 3, 0)
    assert geometry.square_padding(5, 5) == (0, 0, 0, 0)


def test_rotation_facts_map_the_centre_to_the_canvas_centre():
    info = geometry.rotation(120, 80, 30.0, expand=False)
    m = info["matrix"]
    cw, ch = info["canvas"]
    assert m[0] * 60 + m[1] * 40 + m[2] == pytest.approx(cw / 2) and m[3] * 60 + m[4] * 40 + m[5] == pytest.approx(ch / 2)
    l, u, r, d = info["crop"]
    wr, hr = _max_inscribed(120, 80, math.radians(30))
    assert r - l == pytest.approx(wr, abs=1) and d - u == pytest.approx(hr, abs=1)
    assert "crop" not in geometry.rotation(120, 80, 30.0, expand=True)


def test_perspective_with_degenerate_corners_is_a_typed_error():
    arr = np.zeros((10, 10, 3), np.uint8)
    with pytest.raises(InvalidParameterError, match="degenerate"):
        geometry.perspective(arr, [(5.0, 5.0)] * 4, False)
    out, info = geometry.perspective(arr, [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)], True)
    assert out.shape == arr.shape and info["crop"] == [0, 0, 10, 10]
