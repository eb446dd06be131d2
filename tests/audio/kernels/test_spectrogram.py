"""Spectrogram kernels: mel filterbank, log-mel, SpecAugment pieces."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import spectrogram as sp


def test_mel_filterbank_peaks_at_its_centres():
    fb = sp.mel_filterbank(16000, 512, 40)
    assert fb.shape == (40, 257) and not fb.flags.writeable
    centres = sp.mel_to_hz(np.linspace(sp.hz_to_mel(0), sp.hz_to_mel(8000), 42))[1:-1]
    peaks = np.argmax(fb, axis=1) * 16000 / 512
    assert np.all(np.abs(peaks - centres) <= 16000 / 512)


def test_log_mel_of_a_tone_peaks_in_the_right_band():
    sr = 16000
    x = np.sin(2 * np.pi * 1000 * np.arange(sr) / sr).astype(np.float32)
    s = sp.log_mel(x, sr, n_mels=40)
    assert s.shape == (40, 1 + sr // 160) and s.dtype == np.float32
    band = int(np.argmax(s[:, 50]))
    centres = sp.mel_to_hz(np.linspace(sp.hz_to_mel(0), sp.hz_to_mel(8000), 42))[1:-1]
    assert abs(centres[band] - 1000) < 150


def test_time_warp_moves_the_centre_and_keeps_the_ends():
    s = np.tile(np.arange(100, dtype=np.float32), (3, 1))
    w = sp.time_warp(s, 50, 60)
    assert w.shape == s.shape
    assert w[0, 60] == pytest.approx(50.0) and w[0, 0] == 0 and w[0, 99] == 99
    assert np.all(np.diff(w[0]) > 0)


def test_masks_and_spec_augment_and_shuffle():
    s = np.random.default_rng(0).standard_normal((2, 20, 50)).astype(np.float32)
    m = sp.spec_augment(s, None, [(3, 4)], [(10, 5)], value=0.0)
    assert not m[:, 3:7, :].any() and not m[:, :, 10:15].any()
    assert np.array_equal(m[:, 8:, 20:], s[:, 8:, 20:])
    assert np.array_equal(sp.channel_shuffle(s, [1, 0]), s[::-1])
    assert sp.frequency_mask(s, 0, 2)[0, 0, 0] == pytest.approx(float(s.mean()))
