"""multiaug/image encoding family: the generic contract plus JPEG truth."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "encoding")


def _jpeg_size(im: Image.Image) -> int:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return len(buf.getvalue())


@pytest.fixture
def img():
    return sample_image(96, 64)


def test_encoding_quality_removes_detail(img):
    rough = sample_image(96, 64, seed=4)
    low = imaugs.encoding_quality(rough, quality=5)
    high = imaugs.encoding_quality(rough, quality=95)
    err = lambda im: np.abs(np.asarray(im).astype(int) - np.asarray(rough).astype(int)).mean()
    assert err(low) > 1.5 * err(high)
    assert type(low) is Image.Image
    assert _jpeg_size(low) < _jpeg_size(rough)  # fewer distinct details → smaller lossless file
    rgba = sample_image(mode="RGBA")
    out = imaugs.encoding_quality(rgba, quality=30)
    assert out.mode == "RGBA" and np.array_equal(np.asarray(out)[..., 3], np.asarray(rgba)[..., 3])
    meta: list = []
    imaugs.encoding_quality(img, quality=35, metadata=meta)
    assert meta[0]["intensity"] == 65.0


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA"])
def test_arrays_and_pil_images_give_the_same_pixels(mode):
    src = sample_image(75, 51, mode="RGBA").convert(mode)
    arr = np.asarray(src).copy()
    for quality in (3, 50, 97):
        got = imaugs.encoding_quality(arr, quality=quality)
        assert isinstance(got, np.ndarray) and got.shape == arr.shape
        assert np.array_equal(got, np.asarray(imaugs.encoding_quality(src, quality=quality)))
