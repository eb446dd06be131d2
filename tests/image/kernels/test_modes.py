"""Colour kernels: working modes and colours in a mode."""

from __future__ import annotations

from PIL import Image

from multiaug.image.kernels.modes import fill_for, working


def test_helpers():
    assert fill_for("L", (255, 255, 255)) == 255
    assert fill_for("RGBA", (1, 2, 3)) == (1, 2, 3, 255)
    assert working(Image.new("P", (2, 2))).mode == "RGB"
    assert working(Image.new("CMYK", (2, 2))).mode == "RGB"
    assert working(Image.new("1", (2, 2))).mode == "L"
