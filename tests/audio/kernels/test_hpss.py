"""multiaug/audio/kernels/hpss.py: the fast median filter and the harmonic/percussive split."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import hpss

SR = 22050


def test_soft_mask_is_a_share_and_binary_at_infinite_power():
    x = np.array([1.0, 3.0, 0.0], np.float32)
    ref = np.array([1.0, 1.0, 0.0], np.float32)
    assert np.allclose(hpss.soft_mask(x.copy(), ref, 2.0), [0.5, 0.9, 0.0])
    assert hpss.soft_mask(x, ref, np.inf).tolist() == [0.0, 1.0, 0.0]


def test_tone_goes_to_harmonic_clicks_to_percussive():
    t = np.arange(SR) / SR
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    clicks = np.zeros(SR, np.float32)
    clicks[::4410] = 1.0
    x = tone + clicks
    h = hpss.separate(x, "harmonic", 31, 2.0, 1.0)
    p = hpss.separate(x, "percussive", 31, 2.0, 1.0)
    assert h.shape == p.shape == x.shape
    mid = slice(2048, -2048)
    assert np.corrcoef(h[mid], tone[mid])[0, 1] > 0.95
    assert np.abs(p[mid][clicks[mid] > 0]).mean() > 5 * np.abs(p[mid][clicks[mid] == 0]).mean()


@pytest.mark.parametrize("size", [1, 3, 8])
def test_median_along_equals_ndimage(size):
    from scipy.ndimage import median_filter

    x = np.random.default_rng(size).random((5, 9)).astype(np.float32)
    for axis in (0, 1):
        footprint = [1, 1]
        footprint[axis] = size
        assert np.array_equal(hpss.median_along(x, axis, size), median_filter(x, size=footprint, mode="reflect"))
