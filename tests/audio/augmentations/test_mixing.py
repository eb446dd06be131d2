"""multiaug/audio/augmentations/mixing.py: add_background_noise, clicks, insert_in_background."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "mixing")


def tone(freq=440.0, seconds=1.0, sr=SR, amp=0.5):
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def peak_hz(y, sr):
    mag = np.abs(np.fft.rfft(np.asarray(y, np.float64) * np.hanning(len(y))))
    return (int(np.argmax(mag[1:])) + 1) * sr / len(y)


def test_default_background_is_seeded_and_recorded():
    x = tone()
    a, _ = A.add_background_noise(x, SR, seed=1)
    b, _ = A.add_background_noise(x, SR, seed=1)
    c, _ = A.add_background_noise(x, SR, seed=2)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    meta = Tracker()
    out, _ = A.add_background_noise(x, SR, seed=5, metadata=meta)
    rec = meta[0]
    assert rec["info"]["background"].startswith("noise/")
    assert rec["intensity"] == pytest.approx(90.9090909)
    assert np.array_equal(meta.replay(x, sample_rate=SR)[0], out)


def test_array_background_at_another_rate_is_resampled():
    bg = tone(1000.0, 0.5, sr=8000)
    y, _ = A.add_background_noise(np.zeros(SR, np.float32) + tone(100.0, amp=0.01), SR, background_audio=bg,
                                  background_sample_rate=8000, snr_level_db=-30.0)
    assert peak_hz(y, SR) == pytest.approx(1000.0, abs=2)


def test_background_channel_rules():
    st = np.stack([tone(), tone()])
    bg_st = np.stack([np.ones(SR, np.float32), -np.ones(SR, np.float32)])
    y, _ = A.add_background_noise(st, SR, background_audio=bg_st, snr_level_db=0.0)
    d = y.astype(np.float64) - st
    assert np.all(d[0] > 0) and np.all(d[1] < 0)  # per-channel background kept
    y1, _ = A.add_background_noise(st, SR, background_audio=np.ones(100, np.float32), snr_level_db=0.0)
    assert np.allclose(y1[0] - st[0], y1[1] - st[1])  # mono background on every channel


def test_silent_background_or_input_adds_nothing():
    x = tone()
    y, _ = A.add_background_noise(x, SR, background_audio=np.zeros(100, np.float32))
    assert np.array_equal(y, x)
    z = np.zeros(SR, np.float32)
    assert np.array_equal(A.add_background_noise(z, SR, seed=0)[0], z)


def test_clicks_record_and_intensity():
    meta = Tracker()
    A.clicks(tone(), SR, seconds_between_clicks=0.25, metadata=meta)
    rec = meta[0]
    assert rec["info"]["num_clicks"] == 4 and rec["info"]["clicks_duration"] == 0.1
    assert rec["intensity"] == pytest.approx((59.75 / 60) * (109 / 110) * 100)


def test_insert_in_background_placement_and_segments():
    x = tone()
    bg = np.full(8000, 0.1, np.float32)
    meta = Tracker()
    y, _ = A.insert_in_background(x, SR, offset_factor=0.25, background_audio=bg, metadata=meta)
    assert y.size == SR + 8000
    assert np.all(y[:2000] == np.float32(0.1)) and np.array_equal(y[2000:2000 + SR], x)
    assert np.all(y[2000 + SR:] == np.float32(0.1))
    rec = meta[0]
    assert rec["info"]["offset"] == 2000
    assert rec["dst_segments"] == [{"start": 0.125, "end": 1.125, "src_id": None}]
    assert rec["intensity"] == pytest.approx(8000 / 24000 * 100)


def test_insert_default_background_level_and_seed():
    x = tone()
    meta = Tracker()
    y, _ = A.insert_in_background(x, SR, offset_factor=0.5, seed=3, metadata=meta)
    assert y.size == 2 * SR
    off = meta[0]["info"]["offset"]
    assert off == SR // 2
    bg = np.concatenate([y[:off], y[off + SR:]]).astype(np.float64)
    level = 20 * np.log10(np.sqrt(np.mean(bg ** 2)) / np.sqrt(np.mean(x.astype(np.float64) ** 2)))
    assert level == pytest.approx(-10.0, abs=0.5)
    y2, _ = A.insert_in_background(x, SR, offset_factor=0.5, seed=4)
    assert not np.array_equal(y, y2)


def test_background_path_input(tmp_path):
    import soundfile as sf

    p = tmp_path / "bg.flac"
    sf.write(p, np.full(22050, 0.25, np.float32), 22050)
    y, _ = A.insert_in_background(tone(), SR, offset_factor=1.0, background_audio=str(p))
    assert y.size == SR + SR  # 1 s of background resampled to 16 kHz
    assert np.array_equal(y[SR:], tone())  # offset_factor=1: the clip goes after the background
    assert abs(float(y[: SR // 2].mean()) - 0.25) < 0.01


def test_plain_list_metadata_has_augly_extra_keys():
    meta: list = []
    x = tone()
    A.insert_in_background(x, SR, offset_factor=0.5, background_audio=np.zeros(800, np.float32), metadata=meta)
    A.add_background_noise(x, SR, background_audio=np.ones(1600, np.float32), metadata=meta)
    A.clicks(x, SR, metadata=meta)
    assert meta[0]["offset"] == 400 and meta[0]["background_duration"] == pytest.approx(0.05)
    assert meta[1]["background_duration"] == pytest.approx(0.1)
    assert meta[2]["clicks_duration"] == 0.1 and meta[2]["snr_level_db"] == 1.0
    assert all("info" not in m for m in meta)


@pytest.mark.parametrize("seconds,channels,dtype", [(0.5, 1, np.float32), (0.3, 2, np.float64), (0.02, 2, np.float32),
                                                    (0.101, 1, np.float64)])
def test_clicks_equal_the_dense_click_track_mix(seconds, channels, dtype):
    """The sparse mixer (non-overlapping clicks) and the dense path (overlapping) give the dense formula."""
    from multiaug.audio.kernels import mixing

    n = 24000
    x = (0.3 * np.random.default_rng(5).standard_normal((channels, n))).astype(dtype)
    x = x[0] if channels == 1 else x
    track = np.repeat(mixing.click_track(n, 16000, seconds)[None, :], channels, axis=0)
    ref, g_ref = mixing.mix_at_snr(x, track, 4.0)
    y, _ = A.clicks(x, 16000, seconds_between_clicks=seconds, snr_level_db=4.0)
    assert y.dtype == dtype and y.shape == x.shape
    assert np.allclose(y, ref, rtol=0, atol=1e-6 * np.abs(ref).max())
    track_db = 20 * np.log10(np.sqrt(np.mean(x.astype(np.float64) ** 2)) /
                             np.sqrt(np.mean((y.astype(np.float64) - x) ** 2)))
    assert track_db == pytest.approx(4.0, abs=0.01)


def test_insert_default_background_stereo_float64():
    x = np.stack([tone(), 0.5 * tone()]).astype(np.float64)
    y, _ = A.insert_in_background(x, SR, offset_factor=0.25, seed=7)
    assert y.dtype == np.float64 and y.shape == (2, 2 * SR)
    off = round(0.25 * SR)
    assert np.array_equal(y[:, off: off + SR], x)
    assert np.array_equal(y[0, :off], y[1, :off])  # a mono background is used on both channels
