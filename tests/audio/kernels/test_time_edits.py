"""Time edits: exact sample bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import time_edits as te


def ramp(n=100, ch=1):
    x = np.arange(1, n + 1, dtype=np.float32)
    return x if ch == 1 else np.stack([x, -x])


def test_shift_rollover_and_zero_fill():
    x = ramp(10)
    assert np.array_equal(te.shift(x, 3, rollover=True), np.roll(x, 3))
    assert np.array_equal(te.shift(x, 3, rollover=False), np.r_[0, 0, 0, x[:7]])
    assert np.array_equal(te.shift(x, -3, rollover=False), np.r_[x[3:], 0, 0, 0])
    y = te.shift(ramp(100, 2), 40, rollover=False, fade=5)
    assert y.shape == (2, 100) and y[0, 40] < 41 and y[0, 50] == 11


def test_time_mask_and_fade():
    x = np.ones(100, np.float32)
    y = te.time_mask(x, 20, 30, fade=0)
    assert y[19] == 1 and not y[20:50].any() and y[50] == 1
    z = te.time_mask(x, 20, 30, fade=5)
    assert 0 < z[20] < 1 and z[30] == 0 and x.all()


def test_repeat_part_insert_and_replace():
    x = ramp(10)
    assert np.array_equal(te.repeat_part(x, 2, 3, 2, "insert"), np.r_[x[:5], x[2:5], x[2:5], x[5:]])
    assert np.array_equal(te.repeat_part(x, 2, 3, 1, "replace"), np.r_[x[:5], x[2:5], x[8:]])
    assert te.repeat_part(ramp(10, 2), 2, 3, 2, "insert").shape == (2, 16)


def test_padding_adjust_duration_trim_reverse():
    x = ramp(10)
    assert np.array_equal(te.padding(x, 3, "silence", "end"), np.r_[x[:7], 0, 0, 0])
    assert np.array_equal(te.padding(x, 3, "wrap", "start"), np.r_[x[7:], x[3:]])
    assert te.padding(x, 3, "reflect", "start").shape == (10,)
    assert np.array_equal(te.adjust_duration(x, 6), x[:6])
    assert np.array_equal(te.adjust_duration(x, 6, position="start"), x[4:])
    assert np.array_equal(te.adjust_duration(x, 12), np.r_[x, 0, 0])
    assert np.array_equal(te.reverse(ramp(5, 2)), ramp(5, 2)[:, ::-1])
    sig = np.r_[np.zeros(8000), np.sin(np.arange(8000) * 0.1), np.zeros(8000)].astype(np.float32)
    y, a, b = te.trim(sig, 30.0)
    assert abs(a - 8000) <= 2048 and abs(b - 16000) <= 2048  # frame resolution (2048-sample frames) and y.shape[-1] == b - a


def test_resample_round_trip_removes_content_above_the_via_nyquist():
    sr = 16000
    t = np.arange(sr) / sr
    x = (np.sin(2 * np.pi * 300 * t) + np.sin(2 * np.pi * 6000 * t)).astype(np.float32)
    y = te.resample_round_trip(x, sr, 8000)
    spec = np.abs(np.fft.rfft(y * np.hanning(y.size)))
    assert y.shape == x.shape and y.dtype == np.float32
    assert spec[6000] < 1e-3 * spec[300]


def test_pieces_describe_what_each_edit_copies():
    x = np.arange(10.0)
    k = 3
    out = te.shift(x, k, rollover=True)
    for o, i, n in te.shift_pieces(10, k, True):
        assert np.array_equal(out[o:o + n], x[i:i + n])
    assert te.shift_pieces(10, -4, False) == [[0, 4, 6]]
    rep = te.repeat_part(x, 2, 3, 2, "insert", 0)
    for o, i, n in te.repeat_part_pieces(10, 2, 3, 2, "insert"):
        assert np.array_equal(rep[o:o + n], x[i:i + n])
    assert te.adjust_duration_pieces(10, 4, "start") == [[0, 6, 4]]
    assert te.adjust_duration_pieces(10, 15, "start") == [[5, 0, 10]]


def test_resample_to_gives_the_exact_length_and_dtype():
    y = te.resample_to(np.zeros((2, 441), np.float32), 44100, 16000)
    assert y.shape == (2, 160) and y.dtype == np.float32


@pytest.mark.parametrize("shape", [(9,), (2, 9), (3, 16)])
def test_shift_pad_and_mask_give_numpys_values_for_every_offset(shape):
    """The kernels write their outputs directly (no np.roll / np.pad): same values and dtype as numpy's, for every
    offset (negative, zero, multiples of the length) and for a strided input."""
    rng = np.random.default_rng(3)
    for dtype in (np.float32, np.float64):
        x = rng.normal(size=shape).astype(dtype)
        n = shape[-1]
        for src in (x, np.asarray(x[..., ::-1])):
            for k in range(-2 * n - 1, 2 * n + 2):
                y = te.shift(src, k, rollover=True)
                assert y.dtype == dtype and np.array_equal(y, np.roll(src, k, axis=-1)), k
                z = te.shift(src, k, rollover=False)  # zero fill: the rolled values outside the gap
                gap = np.zeros(n, bool)
                gap[: min(max(k, 0), n)] = True
                gap[n - min(max(-k, 0), n):] = True
                expected = np.where(gap, 0.0, np.roll(src, k, axis=-1)).astype(dtype)
                assert z.dtype == dtype and z.tobytes() == expected.tobytes(), k
            for before, after in [(0, 0), (3, 0), (0, 4), (2, 5)]:
                widths = [(0, 0)] * (src.ndim - 1) + [(before, after)]
                assert np.array_equal(te.pad(src, before, after), np.pad(src, widths))
            for start, length in [(0, 3), (2, 4), (n - 2, 5), (0, n)]:
                m = te.time_mask(src, start, length)
                expected = src.copy()
                expected[..., start: start + length] = 0
                assert np.array_equal(m, expected) and not np.shares_memory(m, src)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1,), (2,), (7,), (1, 5), (2, 9), (6, 13), (3, 1)])
def test_reverse_is_numpys_reversal_byte_for_byte(dtype, shape):
    """The fast path (OpenCV's flip of contiguous input) gives exactly ``x[..., ::-1]``: every byte, NaN payloads
    and signed zeros included, in a new C-contiguous array; strided input (the numpy path) too."""
    rng = np.random.default_rng(sum(shape))
    x = rng.normal(0, 1, shape).astype(dtype)
    flat = x.reshape(-1)
    specials = np.array([-0.0, np.nan, np.inf, -np.inf, np.finfo(dtype).tiny / 4], dtype)
    flat[: min(flat.size, specials.size)] = specials[: flat.size]
    if flat.size > 1:
        flat.view(np.uint32 if dtype == np.float32 else np.uint64)[-1] = 0x7FC00123  # a NaN with a payload (f32)
    before = x.tobytes()
    y = te.reverse(x)
    expected = np.ascontiguousarray(x[..., ::-1])
    assert y.shape == x.shape and y.dtype == x.dtype and y.flags.c_contiguous
    assert y.tobytes() == expected.tobytes()
    assert not np.shares_memory(y, x) and x.tobytes() == before
    wide = np.repeat(x, 2, axis=-1)[..., ::2]  # a strided view: same values as x
    assert te.reverse(wide).tobytes() == expected.tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_time_mask_is_copy_zero_and_raised_cosine_fades(dtype):
    """Every sample: kept (copied), zero, or the input times the raised-cosine ramp inside the masked span (fade out
    at its start, fade in at its end), byte for byte, for mono and channels-first input and masks cut by an end."""
    rng = np.random.default_rng(7)
    for shape in [(1000,), (2, 1000)]:
        x = rng.normal(0, 0.5, shape).astype(dtype)
        for start, length, fade in [(100, 300, 40), (0, 200, 30), (900, 300, 50), (-50, 120, 20), (400, 10, 40),
                                    (300, 0, 10), (200, 300, 0)]:
            n = x.shape[-1]
            a, b = max(0, start), min(n, start + length)
            expected = x.copy()
            if b > a:
                f = min(fade, (b - a) // 2)
                expected[..., a:b] = 0.0
                if f > 0:
                    ramp = (0.5 - 0.5 * np.cos(np.pi * np.arange(1, f + 1) / (f + 1))).astype(dtype)
                    expected[..., a: a + f] = x[..., a: a + f] * ramp[::-1]
                    expected[..., b - f: b] = x[..., b - f: b] * ramp
            y = te.time_mask(x, start, length, fade)
            assert y.dtype == x.dtype and y.tobytes() == expected.tobytes(), (shape, start, length, fade)
