"""multiaug/audio/augmentations/channels.py: the generic contract plus invert_channels and to_mono's truths."""

from __future__ import annotations

import numpy as np

import multiaug.audio as A
from tests.contract import contract_tests

test_contract = contract_tests("audio", "channels")


def test_invert_three_channels_and_records():
    x = np.stack([np.full(50, c, np.float32) for c in (0.1, 0.2, 0.3)])
    meta = []
    y, _ = A.invert_channels(x, 8000, metadata=meta)
    assert np.array_equal(y[:, 0], np.array([0.3, 0.2, 0.1], np.float32))
    assert meta[0]["intensity"] == 100.0 and meta[0]["dst_num_channels"] == 3


def test_mono_input_gives_zero_intensity_and_a_copy():
    x = np.linspace(-1, 1, 64).astype(np.float32)
    for fn in (A.invert_channels, A.to_mono):
        meta = []
        y, _ = fn(x, 8000, metadata=meta)
        assert np.array_equal(y, x) and y is not x
        assert meta[0]["intensity"] == 0.0


def test_to_mono_averages_and_keeps_dtype():
    x = np.stack([np.ones(10), -np.ones(10), np.full(10, 4.0)]).astype(np.float64)
    meta = []
    y, _ = A.to_mono(x, 8000, metadata=meta)
    assert y.shape == (10,) and y.dtype == np.float64 and np.allclose(y, 4.0 / 3)
    assert meta[0]["src_num_channels"] == 3 and meta[0]["dst_num_channels"] == 1
