"""multiaug/audio/augmentations/noise.py: add_color_noise, add_gaussian_snr, add_short_noises through the public API."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import InvalidParameterError, Tracker
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "noise")


def sig(ch=1, dtype=np.float32):
    t = np.arange(SR) / SR
    x = 0.3 * np.sin(2 * np.pi * 440 * t)
    return (x if ch == 1 else np.stack([x, 0.5 * x])).astype(dtype)


def snr(x, y):
    x = x.astype(np.float64)
    return 20 * np.log10(np.sqrt(np.mean(x ** 2)) / np.sqrt(np.mean((y - x) ** 2)))


@pytest.mark.parametrize("fn,kw", [(A.add_color_noise, {"color": "brown"}), (A.add_color_noise, {"f_decay": 2.0}),
                                   (A.add_gaussian_snr, {})])
@pytest.mark.parametrize("ch,dtype", [(1, np.float32), (2, np.float64)])
def test_snr_is_exact(fn, kw, ch, dtype):
    x = sig(ch, dtype)
    y, _ = fn(x, SR, snr_db=12.0, seed=3, **kw)
    assert y.dtype == dtype and y.shape == x.shape
    assert snr(x, y) == pytest.approx(12.0, abs=0.05)


def test_color_noise_records_slope():
    meta = Tracker()
    A.add_color_noise(sig(), SR, color="violet", seed=1, metadata=meta)
    assert meta[0]["info"]["slope_db_per_octave"] == pytest.approx(6.02, abs=0.01)


def test_short_noises_events_are_recorded_and_placed():
    x = np.zeros(4 * SR, np.float32) + 1e-3
    meta = Tracker()
    y, _ = A.add_short_noises(x, SR, min_time_between_sounds=0.5, max_time_between_sounds=1.0, seed=2, metadata=meta)
    events = meta[0]["info"]["events"]
    assert len(events) >= 3
    for ev in events:
        a = ev["start"]
        b = min(a + ev["length"], x.size)
        assert np.any(np.abs(y[a:b] - x[a:b]) > 0)
    first = events[0]["start"]
    assert np.array_equal(y[:first], x[:first])
    assert np.array_equal(meta.replay(x, sample_rate=SR)[0], y)
    with pytest.raises(InvalidParameterError):
        A.add_short_noises(x, SR, min_snr_db=10, max_snr_db=0)
