"""Codec round trips: length and alignment kept (no codec delay left in), telephone band."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import codecs

from ._measure import gain_db_at, tone


def _lag(x: np.ndarray, y: np.ndarray) -> int:
    n = 2 * x.size
    c = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    k = int(np.argmax(c))
    return k if k < x.size else k - n


def _test_signal(sr: int, seconds: float = 1.5, channels: int = 1) -> np.ndarray:
    rng = np.random.default_rng(7)
    t = np.arange(int(seconds * sr)) / sr
    x = 0.3 * np.sin(2 * np.pi * 440 * t) * (t % 0.25 < 0.12) + 0.05 * rng.standard_normal(t.size)
    x = x.astype(np.float32)
    return x if channels == 1 else np.stack([x, np.roll(x, 100) * 0.7])


@pytest.mark.parametrize("sr", [8000, 16000, 22050, 44100, 48000, 96000])
@pytest.mark.parametrize("kbps", [8, 32, 64, 128, 320])
def test_mp3_round_trip_keeps_length_and_alignment(sr, kbps):
    x = _test_signal(sr)
    y = codecs.mp3_round_trip(x, sr, kbps)
    assert y.shape == x.shape and y.dtype == np.float32
    assert _lag(x, y) == 0
    assert np.corrcoef(x, y)[0, 1] > 0.5


def test_mp3_stereo_and_float64_and_degrades_with_bitrate():
    x = _test_signal(44100, channels=2).astype(np.float64)
    hi = codecs.mp3_round_trip(x, 44100, 256)
    lo = codecs.mp3_round_trip(x, 44100, 32)
    assert hi.shape == x.shape and hi.dtype == np.float64
    assert _lag(x[1], hi[1]) == 0
    assert np.mean((lo - x) ** 2) > 2 * np.mean((hi - x) ** 2)


@pytest.mark.parametrize("codec", ["opus", "vorbis"])
@pytest.mark.parametrize("sr", [16000, 44100])
def test_ogg_round_trips_keep_length_and_alignment(codec, sr):
    x = _test_signal(sr)
    y = codecs.ogg_round_trip(x, sr, codec, 0.5)
    assert y.shape == x.shape and _lag(x, y) == 0
    assert np.corrcoef(x, y)[0, 1] > 0.7


@pytest.mark.parametrize("sr", [16000, 44100])
def test_telephone_band_is_20db_down_outside_300_3400(sr):
    fn = lambda x: codecs.telephone(x.astype(np.float32), sr)  # noqa: E731
    for f in (1000.0, 2000.0):
        assert gain_db_at(fn, f, sr) == pytest.approx(0.0, abs=1.0)
    for f in (60.0, 150.0, 280.0, 3450.0, 3700.0, 5000.0, 7000.0):
        x = tone(f, 1.0, sr)
        y = fn(x)
        spec_x = np.abs(np.fft.rfft(x * np.hanning(x.size)))
        spec_y = np.abs(np.fft.rfft(y * np.hanning(y.size)))
        k = int(round(f * x.size / sr))
        assert 20 * np.log10(spec_y[k - 2: k + 3].max() / spec_x[k - 2: k + 3].max()) <= -20.0, f


def test_telephone_keeps_alignment_and_packet_loss_conceals():
    sr = 16000
    x = _test_signal(sr)
    y = codecs.telephone(x, sr)
    assert y.shape == x.shape and _lag(x, y) == 0
    lossy = codecs.telephone(x, sr, lost_frames=[10, 11, 30])
    frame = sr // 50
    assert not np.allclose(lossy[10 * frame: 12 * frame], y[10 * frame: 12 * frame])
    assert np.allclose(lossy[: 5 * frame], y[: 5 * frame], atol=1e-5)


def test_mu_law_error_is_relative():
    x = np.array([0.001, 0.01, 0.1, 0.9])
    y = codecs.mu_law_round_trip(x)
    assert np.all(np.abs(y - x) / x < 0.07)
