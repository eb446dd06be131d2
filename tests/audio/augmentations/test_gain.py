"""multiaug/audio/augmentations/gain.py: gain, gain_transition, loudness_normalization, limiter, polarity_inversion through the public API."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.audio.kernels import level
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "gain")


def noise(ch=1, dtype=np.float32, seed=0):
    x = 0.2 * np.random.default_rng(seed).standard_normal((ch, SR) if ch > 1 else SR)
    return x.astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("ch", [1, 2])
def test_gain_dtype_channels(dtype, ch):
    x = noise(ch, dtype)
    y, sr = A.gain(x, SR, gain_db=6.0)
    assert y.dtype == dtype and y.shape == x.shape and sr == SR
    assert np.allclose(y, x * 10 ** 0.3, rtol=1e-6)
    with pytest.raises(InvalidParameterError):
        A.gain(x, SR, gain_db=200.0)


def test_gain_transition_records_its_start_and_replays():
    x = np.ones(SR, np.float32)
    meta = Tracker()
    y, _ = A.gain_transition(x, SR, start_gain_db=-20.0, end_gain_db=0.0, duration=0.25, seed=4, metadata=meta)
    info = meta[0]["info"]
    s, n = info["start_sample"], info["length_samples"]
    assert n == 4000
    if s > 0:
        assert y[s - 1] == pytest.approx(0.1, rel=1e-5)
    if s + n < SR:
        assert y[s + n] == pytest.approx(1.0)
    assert np.array_equal(meta.replay(x, sample_rate=SR)[0], y)


def test_loudness_normalization_public():
    t = np.arange(3 * SR) / SR
    x = np.stack([0.1 * np.sin(2 * np.pi * 997 * t)] * 2).astype(np.float32)
    meta = Tracker()
    y, _ = A.loudness_normalization(x, SR, target_lufs=-16.0, metadata=meta)
    assert level.integrated_loudness(y, SR) == pytest.approx(-16.0, abs=0.5)
    assert meta[0]["info"]["input_lufs"] == pytest.approx(-3.01 + 20 * np.log10(0.1) + 3.01, abs=0.1)
    z, _ = A.loudness_normalization(np.zeros(SR, np.float32), SR)
    assert not z.any()


@pytest.mark.parametrize("mode", ["relative_to_signal_peak", "absolute"])
def test_limiter_modes(mode):
    x = noise(2) * 3
    meta = Tracker()
    y, _ = A.limiter(x, SR, threshold_db=-6.0, threshold_mode=mode, metadata=meta)
    ceiling = meta[0]["info"]["ceiling_dbfs"]
    expected = -6.0 + (20 * np.log10(np.abs(x).max()) if mode != "absolute" else 0.0)
    assert ceiling == pytest.approx(expected, abs=1e-4)
    assert np.abs(y).max() <= 10 ** (ceiling / 20) * (1 + 1e-6)
    assert y.dtype == np.float32 and y.shape == x.shape


def test_polarity_inversion():
    x = noise(2, np.float64)
    y, _ = A.polarity_inversion(x, SR)
    assert np.array_equal(y, -x) and y.dtype == np.float64
