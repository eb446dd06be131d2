"""multiaug/audio/augmentations/codecs.py: mp3_compression, opus_compression, telephone through the public API."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker, UnsupportedInputError
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
