"""multiaug/audio/augmentations/codecs.py: mp3_compression, opus_compression, telephone through the public API."""

from __future__ import annotations

import importlib.util
import json
import sys

import numpy as np
import pytest

import multiaug
import multiaug.audio as A
from multiaug.core import InvalidParameterError, Tracker, UnsupportedInputError
from tests.contract import contract_tests

test_contract = contract_tests("audio", "codecs")


def sig(sr, ch=1, dtype=np.float32):
    t = np.arange(sr) / sr
    x = 0.3 * np.sin(2 * np.pi * 440 * t) * (t % 0.2 < 0.1)
    return (x if ch == 1 else np.stack([x, 0.5 * x])).astype(dtype)


@pytest.mark.parametrize("fn,kw", [(A.mp3_compression, {"bitrate": 64}), (A.opus_compression, {"bitrate": 24}),
                                   (A.telephone, {"packet_loss": 0.1, "seed": 1})])
@pytest.mark.parametrize("ch,dtype,sr", [(1, np.float32, 16000), (2, np.float64, 44100)])
def test_round_trips_keep_shape_dtype_rate(fn, kw, ch, dtype, sr):
    x = sig(sr, ch, dtype)
    y, out_sr = fn(x, sr, **kw)
    assert y.shape == x.shape and y.dtype == dtype and out_sr == sr
    assert np.corrcoef(x.reshape(-1), y.reshape(-1))[0, 1] > 0.5


def test_mp3_more_than_two_channels_is_a_clear_error():
    with pytest.raises(UnsupportedInputError, match="at most 2 channels"):
        A.mp3_compression(np.zeros((3, 1000), np.float32), 16000)


def test_telephone_lost_frames_recorded():
    meta = Tracker()
    A.telephone(sig(8000), 8000, packet_loss=0.5, seed=3, metadata=meta)
    lost = meta[0]["info"]["lost_frames"]
    assert 10 <= len(lost) <= 40 and all(0 <= k < 50 for k in lost)


# --- mp3_compression(backend="fast-mp3-augment"): the optional engine (multiaug[mp3]) -----------------------------
FAST = "fast-mp3-augment"
needs_fast = pytest.mark.skipif(importlib.util.find_spec("fast_mp3_augment") is None,
                                reason="fast-mp3-augment not installed (multiaug[mp3] has no wheel for this platform)")


def _lag(x, y):
    n = 2 * x.size
    c = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    k = int(np.argmax(c))
    return k if k < x.size else k - n


@needs_fast
@pytest.mark.parametrize("ch,dtype,sr", [(1, np.float32, 16000), (2, np.float64, 44100), (1, np.float64, 96000),
                                         (2, np.float32, 11000)])
def test_mp3_fast_backend_keeps_shape_dtype_rate_alignment(ch, dtype, sr):
    x = sig(sr, ch, dtype)
    y, out_sr = A.mp3_compression(x, sr, bitrate=64, backend=FAST)
    assert y.shape == x.shape and y.dtype == dtype and out_sr == sr
    for c in range(ch):
        xc, yc = x.reshape(ch, -1)[c], y.reshape(ch, -1)[c]
        assert _lag(xc, yc) == 0 and np.corrcoef(xc, yc)[0, 1] > 0.8


@needs_fast
def test_mp3_fast_backend_lower_bitrate_larger_error():
    x = sig(44100) + 0.05 * np.random.default_rng(0).standard_normal(44100).astype(np.float32)  # broadband
    err = [np.mean((A.mp3_compression(x, 44100, bitrate=b, backend=FAST)[0] - x) ** 2) for b in (32, 64, 128)]
    assert err[0] > err[1] > err[2] > 0


@needs_fast
def test_mp3_fast_backend_is_recorded_and_replays_exactly():
    x = sig(22050, 2)
    meta = Tracker()
    y, _ = A.mp3_compression(x, 22050, bitrate=40, backend=FAST, quality=5, metadata=meta)
    rec = json.loads(json.dumps(meta[0]))
    assert rec["params"] == {"bitrate": 40, "backend": FAST, "quality": 5}
    assert np.array_equal(multiaug.replay(rec, x, sample_rate=22050)[0], y)
    cls_out, _ = A.Mp3Compression(bitrate=40, backend=FAST, quality=5)(x, 22050, seed=3)
    assert np.array_equal(cls_out, y)
    # the default engine gives other bits from the same arguments (so the backend must be in the record)
    assert not np.array_equal(A.mp3_compression(x, 22050, bitrate=40)[0], y)


def test_mp3_default_backend_is_libsndfile_and_recorded():
    x = sig(16000)
    meta = Tracker()
    y, _ = A.mp3_compression(x, 16000, bitrate=48, metadata=meta)
    assert meta[0]["params"] == {"bitrate": 48, "backend": "libsndfile", "quality": None}
    assert np.array_equal(A.mp3_compression(x, 16000, bitrate=48, backend="libsndfile")[0], y)


def test_mp3_fast_backend_missing_package_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "fast_mp3_augment", None)  # import fast_mp3_augment now raises ImportError
    with pytest.raises(InvalidParameterError, match='backend.*pip install "multiaug\\[mp3\\]"'):
        A.mp3_compression(sig(16000), 16000, backend=FAST)
    # the default engine does not need it
    assert A.mp3_compression(sig(16000), 16000)[0].shape == (16000,)


def test_mp3_quality_needs_the_fast_backend():
    with pytest.raises(InvalidParameterError, match="quality"):
        A.mp3_compression(sig(16000), 16000, quality=2)
    with pytest.raises(InvalidParameterError, match="quality"):
        A.mp3_compression(sig(16000), 16000, backend=FAST, quality=10)
