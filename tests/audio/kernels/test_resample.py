"""multiaug/audio/kernels/resample.py: soxr resampling keeps frequencies and scales lengths."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels.resample import resample

from .._signals import peak_hz


@pytest.mark.parametrize("sr_in,sr_out", [(44100, 16000), (16000, 48000), (22050, 22050)])
def test_length_and_frequency(sr_in, sr_out):
    x = (0.5 * np.sin(2 * np.pi * 1000.0 * np.arange(sr_in) / sr_in)).astype(np.float32)
    y = resample(x, sr_in, sr_out)
    assert y.dtype == np.float32 and abs(y.size - sr_out) <= 1
    assert abs(peak_hz(y, sr_out) - 1000.0) < 1.0
    assert y is not x


def test_channels_first_dtype_and_empty():
    x = np.random.default_rng(0).standard_normal((2, 8000))
    y = resample(x, 8000, 4000)
    assert y.shape == (2, 4000) and y.dtype == np.float64 and y.flags.c_contiguous
    assert np.array_equal(y[1], resample(x[1], 8000, 4000))
    e = resample(np.zeros((2, 0), np.float32), 8000, 16000)
    assert e.shape == (2, 0)


def test_downsampling_removes_content_above_the_new_nyquist():
    sr = 32000
    x = np.sin(2 * np.pi * 6000.0 * np.arange(sr) / sr).astype(np.float32)  # above 4 kHz
    y = resample(x, sr, 8000)
    assert np.sqrt(np.mean(y[200:-200] ** 2)) < 1e-3  # filtered out, not aliased to 2 kHz
