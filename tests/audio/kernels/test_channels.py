"""multiaug/audio/kernels/channels.py: layout views, channel matching, reversal and mix-down."""

from __future__ import annotations

import numpy as np

from multiaug.audio.kernels import channels


def test_as_2d_and_like_input_are_views_that_undo_each_other():
    mono = np.arange(5, dtype=np.float32)
    two = channels.as_2d(mono)
    assert two.shape == (1, 5) and np.shares_memory(two, mono)
    assert channels.like_input(two, mono).shape == (5,)
    st = np.zeros((2, 5), np.float32)
    assert channels.as_2d(st) is st and channels.like_input(st, st) is st


def test_match_channels_repeats_mono_keeps_same_count_and_mixes_others():
    mono = np.arange(4, dtype=np.float64)
    assert np.array_equal(channels.match_channels(mono, 3), np.stack([mono] * 3))
    st = np.stack([mono, -mono])
    assert channels.match_channels(st, 2) is st
    three = np.stack([mono, 2 * mono, 3 * mono])
    assert np.allclose(channels.match_channels(three, 2), np.stack([2 * mono] * 2))


def test_reverse_order_and_mix_to_mono():
    x = np.stack([np.full(3, c) for c in (1.0, 2.0, 4.0)]).astype(np.float32)
    r = channels.reverse_order(x)
    assert np.array_equal(r[:, 0], [4.0, 2.0, 1.0]) and r.flags.c_contiguous and not np.shares_memory(r, x)
    m = channels.mix_to_mono(x)
    assert m.shape == (3,) and m.dtype == np.float64 and np.allclose(m, 7.0 / 3)
    mono = np.ones(3, np.float32)
    for fn in (channels.reverse_order, channels.mix_to_mono):
        out = fn(mono)
        assert np.array_equal(out, mono) and not np.shares_memory(out, mono)
