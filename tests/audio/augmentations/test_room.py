"""multiaug/audio/augmentations/room.py: reverb and fft_convolve."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "room")


def impulse(n=SR, at=0):
    x = np.zeros(n, np.float32)
    x[at] = 1.0
    return x


def decay_time(y, sr, drop_db=30.0):
    """Seconds until the backward-integrated (Schroeder) energy falls by drop_db."""
    e = np.cumsum((np.asarray(y, np.float64) ** 2)[::-1])[::-1]
    e = 10 * np.log10(e / e[0] + 1e-30)
    return np.argmax(e < -drop_db) / sr


def test_reverb_tail_grows_with_reverberance_and_room():
    x = impulse(2 * SR)
    t_small = decay_time(A.reverb(x, SR, reverberance=20.0, wet_only=True)[0], SR)
    t_big = decay_time(A.reverb(x, SR, reverberance=90.0, wet_only=True)[0], SR)
    assert t_big > 2 * t_small > 0
    t_room = decay_time(A.reverb(x, SR, reverberance=50.0, room_scale=10.0, wet_only=True)[0], SR)
    t_hall = decay_time(A.reverb(x, SR, reverberance=50.0, room_scale=100.0, wet_only=True)[0], SR)
    assert t_hall > t_room


def test_reverb_dry_wet_pre_delay_and_gain():
    x = impulse(SR, at=100)
    wet, _ = A.reverb(x, SR, wet_only=True)
    full, _ = A.reverb(x, SR)
    assert wet[100] == 0.0 and full[100] == pytest.approx(1.0)
    assert np.allclose(full - x, wet, atol=1e-6)
    delayed, _ = A.reverb(x, SR, wet_only=True, pre_delay=50.0)

    def first(y):
        return int(np.flatnonzero(np.abs(y) > 1e-9)[0])

    assert first(delayed) - first(wet) == 800  # 50 ms at 16 kHz
    loud, _ = A.reverb(x, SR, wet_only=True, wet_gain=6.0)
    assert np.abs(loud).max() / np.abs(wet).max() == pytest.approx(10 ** (6 / 20), rel=1e-4)


def test_reverb_channels_and_stereo_depth():
    x = impulse(SR // 2, at=10)
    mono, _ = A.reverb(x, SR)
    assert mono.shape == x.shape
    st = np.stack([x, x])
    wide, _ = A.reverb(st, SR, stereo_depth=100.0)
    narrow, _ = A.reverb(st, SR, stereo_depth=0.0)
    assert np.array_equal(narrow[0], narrow[1])
    assert not np.allclose(wide[0], wide[1], atol=1e-4)
    assert np.isfinite(A.reverb(x, SR, reverberance=100.0, hf_damping=0.0)[0]).all()


def test_reverb_intensity():
    meta = []
    A.reverb(impulse(1000), SR, reverberance=50.0, room_scale=50.0, metadata=meta)
    A.reverb(impulse(1000), SR, wet_only=True, metadata=meta)
    assert [m["intensity"] for m in meta] == [25.0, 100.0]


def test_fft_convolve_with_delta_and_shifted_delta():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(1000).astype(np.float32)
    y, _ = A.fft_convolve(x, SR, normalize=False, impulse_audio=impulse(10))
    assert y.shape == x.shape and np.allclose(y, x, atol=1e-5)
    y2, _ = A.fft_convolve(x, SR, normalize=False, impulse_audio=impulse(10, at=5))
    assert np.allclose(y2[5:], x[:-5], atol=1e-5) and np.allclose(y2[:5], 0, atol=1e-6)
    y3, _ = A.fft_convolve(x, SR, normalize=True, impulse_audio=0.1 * impulse(10))
    assert np.abs(y3).max() == pytest.approx(1.0, rel=1e-6)


def test_fft_convolve_default_rir_and_rates():
    x = impulse(SR)
    meta = Tracker()
    y, _ = A.fft_convolve(x, SR, seed=0, normalize=False, metadata=meta)
    assert meta[0]["info"]["impulse"].startswith("rir/")
    assert y.shape == x.shape and decay_time(y, SR, 20.0) > 0.02
    assert meta[0]["dst_segments"] == meta[0]["src_segments"]
    assert any(not np.array_equal(y, A.fft_convolve(x, SR, seed=s, normalize=False)[0]) for s in (1, 2, 3))
    # an impulse given at 8 kHz: a delay of 4 samples there is 8 samples at 16 kHz
    h = np.zeros(64, np.float32)
    h[4] = 1.0
    z, _ = A.fft_convolve(impulse(200, at=50), SR, normalize=False, impulse_audio=h, impulse_sample_rate=8000)
    assert int(np.argmax(z)) == 58


def test_fft_convolve_stereo_impulse_per_channel():
    x = np.stack([impulse(100, 0), impulse(100, 0)])
    h = np.stack([impulse(10, 1), impulse(10, 3)])
    y, _ = A.fft_convolve(x, SR, normalize=False, impulse_audio=h)
    assert int(np.argmax(y[0])) == 1 and int(np.argmax(y[1])) == 3
