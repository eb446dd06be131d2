"""multiaug/audio/augmentations/eq.py: Band filters and EQ through the public API (physics is in tests/audio/kernels/test_eq.py)."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests

SR = 44100

test_contract = contract_tests("audio", "eq")


def tone_gain(fn, f, **kw):
    t = np.arange(SR) / SR
    x = (0.5 * np.sin(2 * np.pi * f * t)).astype(np.float32)
    y, _ = fn(x, SR, **kw)
    return 20 * np.log10(np.std(y[SR // 2:]) / np.std(x[SR // 2:]))


def test_band_pass_edges_recorded_and_measured():
    meta = Tracker()
    A.band_pass_filter(np.zeros(100, np.float32), SR, center_freq=2000.0, bandwidth_fraction=0.5, metadata=meta)
    assert meta[0]["info"] == {"low_hz": 1500.0, "high_hz": 2500.0}
    assert tone_gain(A.band_pass_filter, 1500.0, center_freq=2000.0, bandwidth_fraction=0.5) == pytest.approx(-3.0, abs=0.3)
    assert tone_gain(A.band_stop_filter, 2000.0, center_freq=2000.0, bandwidth_fraction=0.5) < -30


@pytest.mark.parametrize("fn,f", [(A.peaking_filter, 1000.0), (A.low_shelf_filter, 20.0), (A.high_shelf_filter, 20000.0)])
def test_eq_gains(fn, f):
    kw = {"center_freq": 1000.0 if fn is A.peaking_filter else (200.0 if fn is A.low_shelf_filter else 4000.0)}
    assert tone_gain(fn, f, gain_db=-9.0, **kw) == pytest.approx(-9.0, abs=0.5)


def test_nyquist_and_rolloff_validation():
    x = np.zeros(100, np.float32)
    with pytest.raises(InvalidParameterError):
        A.band_pass_filter(x, 8000, center_freq=3500.0, bandwidth_fraction=0.5)
    with pytest.raises(InvalidParameterError):
        A.band_pass_filter(x, SR, rolloff=10)
    with pytest.raises(InvalidParameterError):
        A.peaking_filter(x, 8000, center_freq=5000.0)


@pytest.mark.parametrize("ch,dtype", [(1, np.float32), (2, np.float64)])
def test_seven_band_eq_records_bands(ch, dtype):
    x = np.random.default_rng(0).standard_normal((ch, 8000) if ch > 1 else 8000).astype(dtype)
    meta = Tracker()
    y, _ = A.seven_band_parametric_eq(x, 16000, seed=1, metadata=meta)
    bands = meta[0]["info"]["bands"]
    assert y.dtype == dtype and y.shape == x.shape
    assert len(bands) == 7 and [b[0] for b in bands] == ["lowshelf"] + ["peaking"] * 5 + ["highshelf"]
    assert all(-12 <= b[2] <= 12 for b in bands)
    y8, _ = A.seven_band_parametric_eq(x, 8000, seed=1)  # the high shelf (>= 4216 Hz) is above 0.45·fs
    assert np.isfinite(y8).all()
