"""Audio measures: SNR, log-spectral distance, spectral similarity, resampling."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.measures.spectral import (
    log_magnitude_db,
    log_spectral_distance,
    resample,
    snr_db,
    spectral_similarity,
    stft_frames,
)

from ..data.conftest import tone


def test_snr_and_lsd():
    rng = np.random.default_rng(0)
    sr = 16000
    t = np.arange(sr) / sr
    x = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    noise = rng.normal(0, 1, x.shape)
    noise *= np.sqrt(np.mean(x.astype(np.float64) ** 2) / np.mean(noise**2)) / 10.0  # 20 dB
    y = (x + noise).astype(np.float32)
    assert snr_db(x, y, sr) == pytest.approx(20.0, abs=0.05)
    assert snr_db(x, x, sr) == 100.0
    assert log_spectral_distance(x, x, sr) == 0.0
    assert log_spectral_distance(x, y, sr) > 1.0
    # different rate and stereo: mixed, resampled and cut to the shorter length without error
    y2 = np.stack([y[::2], y[::2]])
    assert snr_db(x, y2, sr, sr // 2) > 5.0


def test_spectral_similarity_levels() -> None:
    a = tone(2)
    db = log_magnitude_db(a)
    assert spectral_similarity(db, log_magnitude_db(a.copy())) == pytest.approx(1.0)
    louder = log_magnitude_db(a * np.float32(10 ** (6 / 20)))
    assert 0.85 < spectral_similarity(db, louder) < 0.97
    assert spectral_similarity(db, log_magnitude_db(tone(7))) < spectral_similarity(db, louder)
    assert spectral_similarity(db, log_magnitude_db(a[: a.size // 2])) < 0.6  # much shorter: not a duplicate


def test_stft_frames_peak_at_the_tone_frequency():
    sr, f = 8000, 1000.0
    x = np.sin(2 * np.pi * f * np.arange(sr) / sr)
    spec = np.abs(stft_frames(x, 512, 128))
    assert spec.shape == (1 + (sr - 512) // 128, 257)
    assert int(np.argmax(spec.mean(axis=0))) == round(f * 512 / sr)
    assert stft_frames(np.ones(10), 512, 128).shape == (1, 257)  # shorter than a frame: zero-padded


def test_resample_keeps_pitch_length_and_dtype():
    sr = 16000
    x = np.sin(2 * np.pi * 440 * np.arange(sr) / sr).astype(np.float32)
    y = resample(x, sr, 8000)
    assert y.dtype == np.float32 and abs(y.size - 8000) <= 1
    assert int(np.argmax(np.abs(np.fft.rfft(y)))) == 440
    assert resample(x.astype(np.float64), sr, 8000).dtype == np.float64
    stereo = resample(np.stack([x, x]), sr, 8000)
    assert stereo.shape[0] == 2 and np.allclose(stereo[0], y)
    assert resample(x, sr, sr) is x
