"""multiaug/audio/augmentations/time_edits.py: Time edits: segments stay right (every output span holds exactly the source samples it claims)."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

SR = 1000

test_contract = contract_tests("audio", "time_edits")


def ramp(n=1000, channels=1):
    x = (np.arange(n, dtype=np.float64) + 1) / n  # sample i holds (i + 1) / n: its own source position
    return x if channels == 1 else np.stack([x, -x])


def check_segments(x: np.ndarray, y: np.ndarray, rec: dict, reversed_: bool = False) -> None:
    """Every (src, dst) pair: the output samples in dst are the input samples of src, in order."""
    assert rec["src_segments"] and len(rec["src_segments"]) == len(rec["dst_segments"])
    for s, d in zip(rec["src_segments"], rec["dst_segments"]):
        a, b = round(d["start"] * SR), round(d["end"] * SR)
        sa, sb = round(s["start"] * SR), round(s["end"] * SR)
        assert b - a == sb - sa > 0
        got = y[..., a:b]
        want = x[..., sa:sb][..., ::-1] if reversed_ else x[..., sa:sb]
        assert np.array_equal(got, want.astype(y.dtype)), (s, d)


CASES = [
    ("shift", {"shift": 0.3, "rollover": True, "fade_duration": 0.0}),
    ("shift", {"shift": -0.3, "rollover": True, "fade_duration": 0.0}),
    ("shift", {"shift": 0.3, "rollover": False, "fade_duration": 0.0}),
    ("shift", {"shift": -250, "shift_unit": "samples", "rollover": False, "fade_duration": 0.0}),
    ("repeat_part", {"repeats": 2, "part_duration": 0.1, "mode": "insert", "crossfade_duration": 0.0, "seed": 3}),
    ("repeat_part", {"repeats": 3, "part_duration": 0.1, "mode": "replace", "crossfade_duration": 0.0, "seed": 3}),
    ("adjust_duration", {"duration_seconds": 0.6}),
    ("adjust_duration", {"duration_seconds": 0.6, "padding_position": "start"}),
    ("adjust_duration", {"duration_seconds": 1.5, "padding_position": "start"}),
    ("adjust_duration", {"duration_seconds": 1.5, "padding_mode": "wrap"}),
    ("padding", {"fraction": 0.3, "pad_section": "start"}),
    ("padding", {"fraction": 0.3, "pad_section": "end", "mode": "reflect"}),
]


@pytest.mark.parametrize("name,kw", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
@pytest.mark.parametrize("channels", [1, 2])
def test_segments_point_at_the_right_samples(name, kw, channels):
    x = ramp(channels=channels).astype(np.float32)
    meta = Tracker()
    y, sr = getattr(A, name)(x, SR, metadata=meta, **kw)
    assert sr == SR and y.dtype == np.float32 and y.ndim == x.ndim
    check_segments(x, y, meta[0])


def test_reverse_mirrors_segments_and_twice_is_identity():
    x = ramp()
    meta = Tracker()
    y, _ = A.reverse(x, SR, metadata=meta)
    check_segments(x, y, meta[0], reversed_=True)
    pipe = A.Compose([A.Reverse(), A.Reverse()])
    meta2 = Tracker()
    z, _ = pipe(x, sample_rate=SR, metadata=meta2)
    assert np.array_equal(z, x) and meta2[-1]["dst_segments"] == meta2[-1]["src_segments"]


def test_trim_cuts_silence_and_segments_follow():
    x = np.r_[np.zeros(4000), 0.5 * np.sin(np.arange(4000) * 0.3), np.zeros(4000)].astype(np.float32)
    meta = Tracker()
    y, _ = A.trim(x, 8000, top_db=30.0, metadata=meta)
    info = meta[0]["info"]
    assert y.size == info["end_sample"] - info["start_sample"] < 8000
    assert meta[0]["src_segments"][0]["start"] == pytest.approx(info["start_sample"] / 8000)


def test_chain_clip_then_shift_rollover_maps_back_to_the_source():
    x = ramp()
    pipe = A.Compose([A.Clip(offset_factor=0.2, duration_factor=0.5),
                      A.Shift(shift=0.4, rollover=True, fade_duration=0.0)])
    meta = Tracker()
    y, _ = pipe(x, sample_rate=SR, metadata=meta)
    check_segments(x, y, meta[-1])
    assert len(meta[-1]["dst_segments"]) == 2


def test_time_mask_location_and_seed():
    x = np.ones(1000, np.float32)
    meta = Tracker()
    y, _ = A.time_mask(x, SR, band_part=0.2, fade_duration=0.0, mask_location="end", metadata=meta, seed=1)
    assert not y[800:].any() and y[:800].all()
    a, _ = A.time_mask(x, SR, band_part=0.2, seed=5)
    b, _ = A.time_mask(x, SR, band_part=0.2, seed=5)
    assert np.array_equal(a, b)
    assert meta[0]["dst_segments"] == meta[0]["src_segments"]


def test_resample_rate_change_and_round_trip():
    x = np.random.default_rng(0).standard_normal(16000).astype(np.float32)
    y, sr = A.resample(x, 16000, target_sample_rate=8000, round_trip=False)
    assert sr == 8000 and y.size == 8000 and y.dtype == np.float32
    z, sr2 = A.resample(x, 16000, target_sample_rate=8000)
    assert sr2 == 16000 and z.shape == x.shape


def test_shift_fades_the_cut():
    x = np.ones(1000, np.float32)
    y, _ = A.shift(x, SR, shift=0.5, rollover=False, fade_duration=0.01)
    assert not y[:500].any() and 0 < y[500] < 0.2 and y[520] == 1
