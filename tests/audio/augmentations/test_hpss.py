"""multiaug/audio/augmentations/hpss.py: harmonic / percussive separation."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "hpss")


def tone_and_clicks():
    t = np.arange(2 * SR) / SR
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    clicks = np.zeros_like(tone)
    clicks[800::1600] = 1.0
    return tone, clicks


def energy(x):
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 2))


def test_harmonic_keeps_the_tone_and_percussive_the_clicks():
    tone, clicks = tone_and_clicks()
    x = tone + clicks
    h, _ = A.harmonic(x, SR)
    p, _ = A.percussive(x, SR)
    # the two soft masks sum to one (margin 1): the parts add back to the input
    assert np.allclose(h + p, x, atol=1e-4)
    # harmonic part is close to the tone, percussive close to the clicks (librosa: 0.0033 and 0.238)
    assert energy(h - tone) < 0.01 * energy(tone)
    assert energy(p - clicks) < 0.3 * energy(clicks)


def test_margin_and_binary_mask():
    tone, clicks = tone_and_clicks()
    x = tone + clicks
    h2, _ = A.harmonic(x, SR, margin=3.0)
    p2, _ = A.percussive(x, SR, margin=3.0)
    assert energy(h2 + p2) < energy(x)
    hb, _ = A.harmonic(x, SR, power=float("inf"))
    pb, _ = A.percussive(x, SR, power=float("inf"))
    assert np.isfinite(hb).all() and energy(hb) > 0.5 * energy(tone)
    assert energy(pb) > 0


def test_stereo_channels_are_separated_independently():
    tone, clicks = tone_and_clicks()
    st = np.stack([tone, clicks])
    h, _ = A.harmonic(st, SR)
    h0, _ = A.harmonic(tone, SR)
    assert h.shape == st.shape
    assert np.allclose(h[0], h0, atol=1e-5)
    assert energy(h[1]) < 0.3 * energy(clicks)


def test_kernel_size_is_validated_and_recorded():
    meta = []
    A.percussive(np.zeros(4000, np.float32), SR, kernel_size=5, metadata=meta)
    assert meta[0]["kernel_size"] == 5 and meta[0]["intensity"] == 100.0
    with pytest.raises(ValueError):
        A.harmonic(np.zeros(4000, np.float32), SR, kernel_size=0)


@pytest.mark.parametrize("shape", [(1, 50, 33), (2, 7, 40), (1, 3, 5)])
@pytest.mark.parametrize("size", [1, 2, 5, 16, 31])
def test_fast_median_equals_ndimage(shape, size):
    from scipy.ndimage import median_filter

    from multiaug.audio.kernels.hpss import median_along

    x = np.random.default_rng(size).random(shape).astype(np.float32)
    for axis in (-1, -2):
        footprint = [1, 1, 1]
        footprint[axis] = size
        assert np.array_equal(median_along(x, axis, size), median_filter(x, size=footprint, mode="reflect"))
