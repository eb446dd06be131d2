"""Meme kernels: AugLy's caption sizing (the largest step that fits) and the caption band's geometry."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.core.errors import InvalidParameterError
from multiaug.image.kernels import meme
from multiaug.image.resources import constants as C


def test_caption_box_is_the_largest_size_that_fits():
    box = meme.meme_caption_box("Hello there", C.MEME_DEFAULT_FONT, 300, 100)
    assert box.width <= 290 and box.height <= 90
    bigger = meme.text_box("Hello there", C.MEME_DEFAULT_FONT, box.size + meme.STEP)
    assert box.size == 90 or bigger.width > 290 or bigger.height > 90


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_caption_band_adds_a_band_of_the_background_colour(position):
    img = Image.new("RGB", (120, 80), (0, 0, 255))
    out, px = meme.caption_band(img, "LOL", C.MEME_DEFAULT_FONT, position, 1.0, (0, 0, 0), 40, (255, 255, 255))
    arr = np.asarray(out)
    assert out.size == (120, 120) and px > 0
    band, photo = (arr[:40], arr[40:]) if position == "top" else (arr[80:], arr[:80])
    assert (photo == [0, 0, 255]).all()
    assert (band[0] == [255, 255, 255]).all() and (band == [0, 0, 0]).all(axis=2).any()  # white band, black text
    assert np.asarray(img).tolist()[0][0] == [0, 0, 255]


def test_caption_band_refuses_an_image_over_the_pixel_limit(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(InvalidParameterError, match="caption_height"):
        meme.caption_band(Image.new("RGB", (20, 20)), "x", C.MEME_DEFAULT_FONT, "top", 1.0, (0, 0, 0), 40, (1, 1, 1))
