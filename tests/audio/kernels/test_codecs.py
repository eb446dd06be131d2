"""Codec round trips: length and alignment kept (no codec delay left in), telephone band."""

from __future__ import annotations

import collections
import importlib.util
import io
import sys

import numpy as np
import pytest
import soundfile as sf

from multiaug.audio.kernels import codecs
from multiaug.core.errors import InvalidParameterError

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


# --- the optional fast-mp3-augment backend (multiaug[mp3]; in the [test] extra wherever it has a wheel) ---------
FAST = "fast-mp3-augment"
needs_fast = pytest.mark.skipif(importlib.util.find_spec("fast_mp3_augment") is None,
                                reason="fast-mp3-augment not installed (multiaug[mp3] has no wheel for this platform)")

_KBPS_V1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_KBPS_V2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _frame_bitrates(mp3: bytes) -> list[int]:
    """The bitrate (kbps) of every layer III frame header of an MP3 stream, walking frame by frame."""
    i = 10 + ((mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]) if mp3[:3] == b"ID3" else 0
    while i < len(mp3) - 4 and not (mp3[i] == 0xFF and mp3[i + 1] & 0xE0 == 0xE0):
        i += 1
    out = []
    while i < len(mp3) - 4 and mp3[i] == 0xFF and mp3[i + 1] & 0xE0 == 0xE0:
        version, index = (mp3[i + 1] >> 3) & 3, mp3[i + 2] >> 4
        kbps = (_KBPS_V1 if version == 3 else _KBPS_V2)[index]
        rate = _RATES[version][(mp3[i + 2] >> 2) & 3]
        out.append(kbps)
        i += (144 if version == 3 else 72) * kbps * 1000 // rate + ((mp3[i + 2] >> 1) & 1)
    return out


@pytest.mark.parametrize("sr", [8000, 22050, 44100])
def test_mp3_bitrate_is_the_rate_libsndfile_encodes(sr):
    """mp3_bitrate (what the fast backend is given) equals the bitrate in libsndfile's frame headers, ties and
    fractions included, so both backends encode at the same nominal bitrate."""
    x = _test_signal(sr, 1.0)[None]
    for kbps in (8, 12, 20, 27.9, 28.1, 36, 36.5, 39.4, 52.1, 70, 72, 100, 104, 140, 144.1, 150, 176, 240, 288.1, 300,
                 320):
        buf = io.BytesIO()
        sf.write(buf, x.T, sr, format="MP3", subtype="MPEG_LAYER_III",
                 compression_level=codecs.mp3_compression_level(kbps, sr), bitrate_mode="CONSTANT")
        frames = _frame_bitrates(buf.getvalue())[1:]  # the first frame is the LAME info tag
        assert len(frames) > 10
        encoded = collections.Counter(frames).most_common(1)[0][0]
        assert codecs.mp3_bitrate(kbps, sr) == encoded, (sr, kbps)


@needs_fast
@pytest.mark.parametrize("sr", [8000, 16000, 22050, 44100, 48000, 96000])
@pytest.mark.parametrize("kbps", [8, 32, 64, 128, 320])
def test_fast_mp3_round_trip_keeps_length_and_alignment(sr, kbps):
    x = _test_signal(sr)
    y = codecs.mp3_round_trip(x, sr, kbps, backend=FAST)
    assert y.shape == x.shape and y.dtype == np.float32
    assert _lag(x, y) == 0
    assert np.corrcoef(x, y)[0, 1] > 0.5
    assert not np.array_equal(y, codecs.mp3_round_trip(x, sr, kbps))  # another engine: other bits


@needs_fast
def test_fast_mp3_stereo_float64_degrades_with_bitrate_and_is_deterministic():
    x = _test_signal(44100, channels=2).astype(np.float64)
    hi = codecs.mp3_round_trip(x, 44100, 256, backend=FAST)
    lo = codecs.mp3_round_trip(x, 44100, 32, backend=FAST)
    assert hi.shape == x.shape and hi.dtype == np.float64
    assert _lag(x[0], hi[0]) == 0 and _lag(x[1], hi[1]) == 0 and _lag(x[1], lo[1]) == 0
    assert np.mean((lo - x) ** 2) > 2 * np.mean((hi - x) ** 2)
    assert np.array_equal(lo, codecs.mp3_round_trip(x, 44100, 32, backend=FAST))


@needs_fast
def test_fast_mp3_quality_changes_the_bits_not_the_length_or_alignment():
    x = _test_signal(44100)
    best = codecs.mp3_round_trip(x, 44100, 64, backend=FAST, quality=0)
    fastest = codecs.mp3_round_trip(x, 44100, 64, backend=FAST, quality=9)
    default = codecs.mp3_round_trip(x, 44100, 64, backend=FAST)
    assert np.array_equal(default, codecs.mp3_round_trip(x, 44100, 64, backend=FAST, quality=codecs.FAST_MP3_QUALITY))
    assert not np.array_equal(best, fastest)
    assert _lag(x, best) == 0 and _lag(x, fastest) == 0


@needs_fast
@pytest.mark.parametrize("n", [0, 1, 50, 1599])
def test_fast_mp3_short_input_keeps_its_length(n):
    """fast-mp3-augment refuses < 100 ms: shorter input is padded for the codec and cut back."""
    x = _test_signal(16000)[:n]
    y = codecs.mp3_round_trip(x, 16000, 64, backend=FAST)
    assert y.shape == x.shape and np.isfinite(y).all()
    y2 = codecs.mp3_round_trip(np.stack([x, x]), 16000, 64, backend=FAST)
    assert y2.shape == (2, n)


@needs_fast
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fast_mp3_leaves_its_input_alone(dtype):
    x = _test_signal(16000, channels=2).astype(dtype)
    before = x.copy()
    y = codecs.mp3_round_trip(x, 16000, 32, backend=FAST)
    assert np.array_equal(x, before) and not np.shares_memory(x, y)


@needs_fast
def test_fast_mp3_clips_loud_input_like_libsndfile():
    """Values beyond [-1, 1] are clipped before encoding (fast-mp3-augment alone would rescale them)."""
    x = 3.0 * _test_signal(16000)
    assert np.array_equal(codecs.mp3_round_trip(x, 16000, 64, backend=FAST),
                          codecs.mp3_round_trip(np.clip(x, -1, 1), 16000, 64, backend=FAST))


def test_fast_mp3_missing_package_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "fast_mp3_augment", None)  # import fast_mp3_augment now raises ImportError
    with pytest.raises(InvalidParameterError, match='pip install "multiaug\\[mp3\\]"') as info:
        codecs.mp3_round_trip(_test_signal(16000), 16000, 64, backend=FAST)
    assert info.value.argument == "backend" and "backend" in str(info.value)


def test_mp3_quality_only_with_the_fast_backend():
    with pytest.raises(InvalidParameterError, match="quality") as info:
        codecs.mp3_round_trip(_test_signal(16000), 16000, 64, quality=3)
    assert info.value.argument == "quality"
    with pytest.raises(InvalidParameterError, match="backend"):
        codecs.mp3_round_trip(_test_signal(16000), 16000, 64, backend="lame")


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
