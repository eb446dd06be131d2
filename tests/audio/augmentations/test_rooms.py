"""multiaug/audio/augmentations/rooms.py: room_simulator, air_absorption, apply_impulse_response, rerecord through the public API."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "rooms")


def click(ch=1, dtype=np.float32):
    x = np.zeros(SR, dtype)
    x[1000] = 1.0
    return x if ch == 1 else np.stack([x, 0.5 * x])


def test_room_simulator_reports_rt60_close_to_sabine_and_keeps_the_direct_sound_aligned():
    meta = Tracker()
    y, _ = A.room_simulator(click(), SR, absorption=0.2, seed=0, metadata=meta)
    info = meta[0]["info"]
    assert info["measured_rt60"] == pytest.approx(info["sabine_rt60"], rel=0.15)
    assert info["eyring_rt60"] < info["sabine_rt60"]
    assert int(np.argmax(np.abs(y))) in (999, 1000, 1001)
    assert y[990:1011].sum() == pytest.approx(1.0, abs=0.1)  # the direct sound (fractional-delay taps sum to 1)
    assert np.all(np.abs(y[:980]) < 1e-3)  # nothing before the direct sound (beyond its 16 sinc lead-in taps)
    assert np.linalg.norm(info["mic"] - np.asarray(info["source"])) == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize("ch,dtype", [(1, np.float32), (2, np.float64)])
def test_rooms_keep_shape_and_dtype(ch, dtype):
    x = click(ch, dtype)
    for fn, kw in [(A.room_simulator, {"seed": 1}), (A.air_absorption, {}), (A.apply_impulse_response, {"seed": 2}),
                   (A.rerecord, {"seed": 3})]:
        y, sr = fn(x, SR, **kw)
        assert y.shape == x.shape and y.dtype == dtype and sr == SR, fn


def test_apply_impulse_response_user_array_and_alignment():
    h = np.zeros(400)
    h[100] = 1.0
    h[300] = 0.5
    y, _ = A.apply_impulse_response(click(), SR, ir_path=h, seed=0)
    assert y[1000] == pytest.approx(1.0) and y[1200] == pytest.approx(0.5)
    y2, _ = A.apply_impulse_response(click(), SR, ir_path=h, align=False, seed=0)
    assert y2[1100] == pytest.approx(1.0)


def test_rerecord_changes_spectrum_but_not_level():
    t = np.arange(SR) / SR
    x = (0.3 * np.sin(2 * np.pi * 100 * t) + 0.3 * np.sin(2 * np.pi * 1500 * t)).astype(np.float32)
    meta = Tracker()
    y, _ = A.rerecord(x, SR, seed=5, metadata=meta)
    assert np.std(y) == pytest.approx(np.std(x), rel=0.01)
    spec_x, spec_y = np.abs(np.fft.rfft(x)), np.abs(np.fft.rfft(y))
    assert spec_y[100] / spec_y[1500] < 0.3 * spec_x[100] / spec_x[1500]
    assert {"room_size", "speaker_low_hz", "mic_high_hz"} <= set(meta[0]["info"])
