"""Colour kernels: working modes and colours in a mode."""

from __future__ import annotations

import numpy as np
from PIL import Image

from multiaug.image.kernels.modes import array_fill, fill_for, working


def test_helpers():
    assert fill_for("L", (255, 255, 255)) == 255
    assert fill_for("RGBA", (1, 2, 3)) == (1, 2, 3, 255)
    assert working(Image.new("P", (2, 2))).mode == "RGB"
    assert working(Image.new("CMYK", (2, 2))).mode == "RGB"
    assert working(Image.new("1", (2, 2))).mode == "L"


def test_array_fill_follows_the_array_mode():
    assert array_fill(np.zeros((2, 2, 3), np.uint8), None) is None
    assert array_fill(np.zeros((2, 2, 3), np.uint8), (1, 2, 3)) == fill_for("RGB", (1, 2, 3))
    assert array_fill(np.zeros((2, 2), np.uint8), (255, 255, 255)) == fill_for("L", (255, 255, 255))
