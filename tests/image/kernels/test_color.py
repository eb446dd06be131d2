"""Colour kernels reproduce ImageEnhance's numbers on arrays and PIL images alike."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from multiaug.image.kernels import color
from multiaug.image.kernels.lut import clipped_table


def _pil_grey_mean(arr: np.ndarray) -> int:
    grey = np.asarray(Image.fromarray(np.ascontiguousarray(arr)).convert("L")).astype(np.int64)
    return int(grey.sum() / grey.size + 0.5)


@pytest.mark.parametrize("shape", [(97, 131, 3), (40, 33, 4), (1, 1, 3), (64, 80, 3)])
def test_grey_mean_is_the_mean_of_pillows_l_conversion(shape):
    rng = np.random.default_rng(shape[0])
    for arr in (rng.integers(0, 256, shape, dtype=np.uint8), (rng.integers(0, 4, shape) * 85).astype(np.uint8)):
        assert color.grey_mean(arr) == _pil_grey_mean(arr)
        assert color.grey_mean(arr[:, ::-1]) == _pil_grey_mean(arr[:, ::-1])  # a strided view
        assert color.grey_mean(Image.fromarray(arr)) == _pil_grey_mean(arr)
    assert color.grey_mean(np.zeros((0, 5, 3), np.uint8)) == 0


def test_contrast_and_brightness_arrays_equal_image_enhance():
    arr = np.random.default_rng(1).integers(0, 256, (45, 61, 3), dtype=np.uint8)
    pil = Image.fromarray(arr)
    for factor in (0.0, 0.4, 1.7):
        assert np.array_equal(color.contrast(arr, factor), np.asarray(ImageEnhance.Contrast(pil).enhance(factor)))
        assert np.array_equal(color.brightness(arr, factor), np.asarray(ImageEnhance.Brightness(pil).enhance(factor)))


def test_clipped_table_is_clip_then_truncate():
    values = np.array([-3.5, 0.0, 0.99, 254.7, 255.0, 300.0], dtype=np.float32)
    assert clipped_table(values.copy()).tolist() == np.clip(values, 0, 255).astype(np.uint8).tolist()


def test_grayscale_rgb_array_equals_the_pil_route():
    arr = np.random.default_rng(5).integers(0, 256, (37, 53, 3), dtype=np.uint8)
    want = np.asarray(color.grayscale(Image.fromarray(arr), "luminosity").convert("RGB"))
    assert np.array_equal(color.grayscale_rgb_array(arr), want)
