"""Noise kernels: the rounded-Gaussian table is the exact distribution (to 2⁻¹⁶), the add saturates, alpha stays."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.image.kernels import noise


@pytest.mark.parametrize(("mean", "std"), [(0.0, 25.5), (12.3, 4.0), (-3.0, 0.7)])
def test_rounded_normal_table_has_the_rounded_gaussian_probabilities(mean, std):
    table = noise.rounded_normal_table(mean, std)
    assert table.shape == (1 << 16,) and table.dtype == np.int16
    levels, counts = np.unique(table, return_counts=True)
    for k, c in zip(levels, counts):
        p = 0.5 * (math.erf((k + 0.5 - mean) / (std * math.sqrt(2))) - math.erf((k - 0.5 - mean) / (std * math.sqrt(2))))
        if abs(k - mean) < 6 * std:
            assert abs(c / (1 << 16) - p) <= 1.5 / (1 << 16), (k, c, p)
    assert abs(table.mean() - mean) < 0.01 * max(std, 1)


def test_zero_spread_is_a_constant_offset():
    assert np.all(noise.rounded_normal_table(3.4, 0.0) == 3)
    assert np.all(noise.rounded_normal_table(9999.0, 0.0) == 512)


def test_gaussian_noise_saturates_and_keeps_alpha():
    img = np.zeros((4, 5, 4), np.uint8)
    img[..., :3] = 250
    img[..., 3] = 77
    codes = np.full(noise.colour_shape(img), 1 << 15, np.uint16)  # the median code: level offset = mean
    out = noise.gaussian_noise(img, mean=0.1, var=0.0, codes=codes)  # +25.5 levels → saturates at 255
    assert out.shape == img.shape and np.all(out[..., :3] == 255) and np.all(out[..., 3] == 77)
    assert noise.colour_shape(img) == (4, 5, 3) and noise.colour_shape(img[..., 0]) == (4, 5)
    assert np.all(img[..., :3] == 250)  # the input is not modified
