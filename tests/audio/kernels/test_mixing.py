"""multiaug/audio/kernels/mixing.py: backgrounds at an SNR, click tracks, splicing into a background."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.audio.kernels import mixing

SR = 16000


def _rms(x):
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


@pytest.mark.parametrize("snr", [-5.0, 0.0, 12.0])
def test_background_at_snr_hits_the_ratio_and_loops_from_the_offset(snr):
    rng = np.random.default_rng(0)
    x = (0.3 * rng.standard_normal((2, SR))).astype(np.float32)
    bg = rng.standard_normal(SR // 3)
    mix, g = mixing.background_at_snr(x, bg, 100, snr)
    added = (mix - x).astype(np.float64)
    assert mix.dtype == np.float32 and mix.shape == x.shape
    assert 20 * math.log10(_rms(x) / _rms(added)) == pytest.approx(snr, abs=1e-3)
    assert np.allclose(added[0, :10], g * bg[100:110], atol=1e-6)  # the mono background starts at the offset
    silent, g0 = mixing.background_at_snr(np.zeros(10, np.float32), bg, 0, snr)
    assert g0 == 0.0 and not silent.any()


def test_clicks_are_bursts_at_their_onsets_and_counted():
    track = mixing.click_track(SR, SR, 0.25)
    starts, counts = mixing.click_starts(SR, SR, 0.25)
    assert starts.tolist() == [0, 4000, 8000, 12000] and counts.tolist() == [1, 1, 1, 1]
    assert mixing.count_clicks(SR, SR, 0.25) == 4
    assert not track[1600:4000].any()  # 100 ms bursts, silence until the next onset
    peak = np.abs(track[:1600]).max()
    assert np.abs(track[1500:1600]).max() < peak * 10 ** (-50 / 20)  # ~60 dB decay over the burst


def test_splice_into_places_the_audio_at_the_offset_with_the_background_scaled():
    x = np.ones((2, 4), np.float32)
    bg = np.arange(6, dtype=np.float32)
    out = mixing.splice_into(x, bg, 2, gain=0.5)
    assert out.shape == (2, 10) and out.dtype == np.float32
    assert out[0].tolist() == [0.0, 0.5, 1, 1, 1, 1, 1.0, 1.5, 2.0, 2.5]
    assert mixing.splice_into(np.ones(3), np.zeros(2), 0).tolist() == [1.0, 1.0, 1.0, 0.0, 0.0]


def test_loop_background_at_level_is_10_db_below_the_input():
    x = np.full(SR, 0.5, np.float32)
    bg, g = mixing.loop_background_at_level(x, np.full(100, 2.0), 7, -10.0)
    assert bg.shape == (1, SR)
    assert 20 * math.log10(_rms(x) / (g * _rms(bg))) == pytest.approx(10.0)
    assert mixing.loop_background_at_level(np.zeros(5), np.ones(3), 0, -10.0)[1] == 1.0
