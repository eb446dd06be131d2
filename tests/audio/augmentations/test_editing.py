"""multiaug/audio/augmentations/editing.py: clip and loop, including segment bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core import Tracker
from tests.contract import contract_tests

test_contract = contract_tests("audio", "editing")


def ramp(n=1000):
    return (np.arange(n, dtype=np.float32) / n)


def test_clip_records_samples_and_segments():
    meta = Tracker()
    y, _ = A.clip(ramp(), 1000, offset_factor=0.2, duration_factor=0.3, metadata=meta)
    assert np.array_equal(y, ramp()[200:500])
    rec = meta[0]
    assert rec["info"] == {"start_sample": 200, "end_sample": 500}
    assert rec["src_segments"] == [{"start": 0.2, "end": 0.5, "src_id": None}]
    assert rec["dst_segments"] == [{"start": 0.0, "end": pytest.approx(0.3), "src_id": None}]
    assert rec["intensity"] == pytest.approx(70.0)


def test_clip_keeps_at_least_one_sample():
    y, _ = A.clip(ramp(10), 1000, offset_factor=0.95, duration_factor=0.05)
    assert y.size == 1 and y[0] == ramp(10)[9]


def test_loop_segments_and_n_zero():
    meta = []
    y, _ = A.loop(ramp(), 1000, n=2, metadata=meta)
    assert y.size == 3000
    assert [s["start"] for s in meta[0]["dst_segments"]] == [0.0, 1.0, 2.0]
    assert meta[0]["src_segments"] == [{"start": 0.0, "end": 1.0, "src_id": None}] * 3
    y0, _ = A.loop(ramp(), 1000, n=0)
    assert np.array_equal(y0, ramp())
    st, _ = A.loop(np.stack([ramp(), -ramp()]), 1000, n=1)
    assert st.shape == (2, 2000) and np.array_equal(st[1, 1000:], -ramp())


def test_loop_then_clip_maps_back_to_source():
    """A clip across the loop boundary yields two spans that map to the source end and start."""
    pipe = A.Compose([A.Loop(n=1), A.Clip(offset_factor=0.25, duration_factor=0.5)])
    meta = Tracker()
    y, _ = pipe(ramp(), sample_rate=1000, metadata=meta)
    assert y.size == 1000
    src = meta[-1]["src_segments"]
    dst = meta[-1]["dst_segments"]
    assert [(round(s["start"], 6), round(s["end"], 6)) for s in src] == [(0.5, 1.0), (0.0, 0.5)]
    assert [(round(d["start"], 6), round(d["end"], 6)) for d in dst] == [(0.0, 0.5), (0.5, 1.0)]


def test_clip_plain_list_metadata_has_start_and_end_sample():
    meta: list = []
    A.clip(ramp(), 1000, offset_factor=0.1, duration_factor=0.2, metadata=meta)
    assert (meta[0]["start_sample"], meta[0]["end_sample"]) == (100, 300)
