"""Distortion kernels."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import distortion as d

from ._measure import tone

SR = 16000


def test_clipping_flattens_the_given_percentage():
    x = np.random.default_rng(0).standard_normal(20000).astype(np.float32)
    y = d.clipping_distortion(x, 20.0)
    assert y.dtype == np.float32
    assert np.mean(y != x) == pytest.approx(0.20, abs=0.01)
    assert np.array_equal(d.clipping_distortion(x, 0.0), x)


def test_tanh_keeps_rms_and_adds_harmonics():
    x = tone(500.0, 1.0, SR)
    y = d.tanh_distortion(x, 0.8)
    assert np.sqrt(np.mean(y.astype(np.float64) ** 2)) == pytest.approx(np.sqrt(np.mean(x.astype(np.float64) ** 2)), rel=1e-3)
    spec = np.abs(np.fft.rfft(y * np.hanning(y.size)))
    k = int(500 * y.size / SR)
    assert spec[3 * k] / spec[k] > 0.05  # a 3rd harmonic (odd symmetric saturation)


@pytest.mark.parametrize("bits", [4, 8])
def test_bit_crush_grid_and_error_bound(bits):
    x = np.random.default_rng(0).uniform(-1, 1, 5000).astype(np.float32)
    y = d.bit_crush(x, bits)
    q = 2 ** (bits - 1)
    assert np.allclose(y * q, np.round(y * q), atol=1e-4)
    assert np.max(np.abs(y - x)) <= 0.5 / q + 1e-6


def test_aliasing_folds_a_high_tone_down():
    x = tone(7000.0, 1.0, 44100)
    y = d.aliasing(x, 44100, 8000.0)
    assert y.shape == x.shape and y.dtype == np.float32
    spec = np.abs(np.fft.rfft(y * np.hanning(y.size)))
    f_peak = np.argmax(spec[: y.size // 2]) * 44100 / y.size
    assert f_peak == pytest.approx(1000.0, abs=20)  # 7 kHz folds around 4 kHz to 1 kHz


@pytest.mark.parametrize("n", [2, 3, 8191, 8193, 50_000])
@pytest.mark.parametrize("target", [1.0, 3.7, 7999.5, 16000.0, 44099.0])
def test_aliasing_in_chunks_gives_the_bytes_of_one_interp_over_everything(n, target):
    """The chunked np.interp calls (small temporaries) equal the two whole-signal np.interp calls, byte for byte."""
    sr = 44100
    x = np.random.default_rng(n).standard_normal((2, n)).astype(np.float32)
    t_in = np.arange(n, dtype=np.float64)
    m = max(2, int(np.floor((n - 1) * target / sr)) + 1)
    t_low = np.arange(m, dtype=np.float64) * (sr / target)
    ref = np.stack([np.interp(t_in, t_low, np.interp(t_low, t_in, ch)) for ch in x]).astype(np.float32)
    assert d.aliasing(x, sr, target).tobytes() == ref.tobytes()
