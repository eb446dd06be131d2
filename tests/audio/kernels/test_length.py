"""multiaug/audio/kernels/length.py: fit to a length, loop to a length, cut a span, repeat the whole."""

from __future__ import annotations

import numpy as np

from multiaug.audio.kernels.length import clip, fix_length, loop_to_length, repeat


def test_fix_length_trims_to_a_view_and_pads_with_zeros():
    x = np.arange(10.0).reshape(2, 5)
    t = fix_length(x, 3)
    assert t.shape == (2, 3) and np.shares_memory(t, x)
    p = fix_length(x, 7)
    assert p.shape == (2, 7) and np.array_equal(p[:, :5], x) and not p[:, 5:].any()
    assert fix_length(np.arange(4.0), 4).shape == (4,)


def test_loop_to_length_wraps_from_the_offset():
    sig = np.array([1.0, 2.0, 3.0])
    assert loop_to_length(sig, 7, offset=1).tolist() == [[2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0]]
    assert loop_to_length(sig, 2, offset=4).tolist() == [[2.0, 3.0]]  # offset taken modulo the length
    st = np.stack([sig, -sig])
    out = loop_to_length(st, 4)
    assert out.shape == (2, 4) and out[1].tolist() == [-1.0, -2.0, -3.0, -1.0]


def test_clip_keeps_the_span_and_at_least_one_sample():
    x = np.arange(20.0).reshape(2, 10)
    out, start, end = clip(x, 0.25, 0.5)
    assert (start, end) == (2, 7) and np.array_equal(out, x[:, 2:7]) and not np.shares_memory(out, x)
    one, s1, e1 = clip(np.arange(10.0), 1.0, 0.01)  # at the very end: the last sample is kept
    assert (s1, e1) == (9, 10) and one.tolist() == [9.0]


def test_repeat_tiles_the_whole_signal():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
    r = repeat(x, 3)
    assert r.dtype == np.float32 and r.tolist() == [[1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4]]
    assert repeat(np.arange(3.0), 1).tolist() == [0.0, 1.0, 2.0]
