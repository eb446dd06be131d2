"""Filter kernels: the Gaussian blur keeps the dtype and its variance at every sigma (box passes above 16 px)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.image.kernels import filters


@pytest.mark.parametrize("sigma", [17.0, 25.5, 60.0, 300.0])
def test_box_widths_give_the_gaussians_variance(sigma):
    widths = filters.box_widths(sigma, 3)
    assert all(w % 2 == 1 for w in widths)
    variance = sum((w * w - 1) / 12.0 for w in widths)
    assert abs(variance - sigma * sigma) <= 2 * max(widths)  # one step of the odd widths at most


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.float32, np.float64])
def test_blur_above_the_box_threshold_matches_the_exact_gaussian(dtype):
    """An impulse blurred by three box passes spreads like the exact Gaussian (same variance, same mass)."""
    n = 401
    img = np.zeros((n, n), dtype)
    peak = {np.uint8: 255, np.uint16: 65535}.get(dtype, 1.0)
    img[n // 2, n // 2] = peak
    big = np.zeros((n, n), np.float64)
    big[n // 2, n // 2] = 1.0
    out = filters.gaussian_blur(big, 20.0)
    assert out.dtype == np.float64
    row = out.sum(axis=0)
    x = np.arange(n) - n // 2
    assert row.sum() == pytest.approx(1.0, rel=1e-6)
    assert np.sqrt((row * x * x).sum()) == pytest.approx(20.0, rel=0.02)
    assert filters.gaussian_blur(img, 20.0).dtype == dtype


def test_huge_sigma_stays_within_the_input_range():
    img = np.random.default_rng(0).integers(20, 200, (64, 64, 3), dtype=np.uint8)
    out = filters.gaussian_blur(img, 5000.0)
    assert out.shape == img.shape and out.dtype == np.uint8
    assert out.min() >= 20 and out.max() <= 200 and out.std(axis=(0, 1)).max() < img.std(axis=(0, 1)).min() / 4
