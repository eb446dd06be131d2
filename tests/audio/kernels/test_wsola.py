"""multiaug/audio/kernels/wsola.py: tempo change by waveform-similarity overlap-add."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels.wsola import wsola

from .._signals import peak_hz

SR = 16000


@pytest.mark.parametrize("factor", [0.6, 1.0, 1.7])
def test_length_pitch_and_dtype(factor):
    t = np.arange(SR) / SR
    for dtype in (np.float32, np.float64):
        x = (0.5 * np.sin(2 * np.pi * 330.0 * t)).astype(dtype)[None, :]
        y = wsola(x, factor, SR)
        assert y.shape == (1, round(SR / factor)) and y.dtype == dtype
        assert abs(peak_hz(y[0, 1000:-1000], SR) - 330.0) < 2.0


def test_channels_share_splice_points():
    """Same positions for every channel: a channel pair that is one signal twice stays identical."""
    x = np.random.default_rng(1).standard_normal(SR).astype(np.float32)
    y = wsola(np.stack([x, x]), 1.3, SR)
    assert np.array_equal(y[0], y[1])


def test_silence_stays_silence():
    y = wsola(np.zeros((2, 4000), np.float32), 0.8, SR)
    assert y.shape == (2, 5000) and not y.any()
