"""Compositing kernels: masks as grey levels, their coverage, blending through them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.core import UnsupportedInputError
from multiaug.image.kernels import composite


def test_mask_modes_and_fraction():
    rgba = Image.new("RGBA", (4, 2), (9, 9, 9, 0))
    rgba.putpixel((0, 0), (9, 9, 9, 255))
    m = composite.as_mask(rgba)
    assert m.mode == "L" and composite.mask_fraction(m) == pytest.approx(1 / 8)
    assert composite.as_mask(Image.new("1", (2, 2))).mode == "1"
    assert composite.as_mask(Image.new("RGB", (2, 2), (255, 255, 255))).getpixel((0, 0)) == 255


def test_blend_takes_transformed_pixels_where_the_mask_is_set():
    base, top = Image.new("RGB", (4, 1), (0, 0, 0)), Image.new("RGB", (4, 1), (200, 100, 50))
    mask = Image.fromarray(np.array([[0, 255, 128, 0]], np.uint8))
    out = np.asarray(composite.blend_with_mask(top, base, mask))
    assert out[0, 0].tolist() == [0, 0, 0] and out[0, 1].tolist() == [200, 100, 50]
    assert 95 <= out[0, 2, 0] <= 105
    with pytest.raises(UnsupportedInputError):
        composite.blend_with_mask(Image.new("RGB", (3, 1)), base, mask)
