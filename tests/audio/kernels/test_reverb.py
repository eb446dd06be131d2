"""multiaug/audio/kernels/reverb.py: the Freeverb network, checked against its sample-by-sample recursion."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import reverb as R

BASE = {"reverberance": 50.0, "hf_damping": 50.0, "room_scale": 100.0, "stereo_depth": 100.0,
        "pre_delay_ms": 0.0, "wet_gain_db": 0.0}


def _reference_freeverb(x, sr, reverberance, hf_damping, room_scale, stereo_depth, pre_delay_ms, wet_gain_db):
    """Sample-by-sample Freeverb (the recursion the documentation states), plain Python, for short inputs."""
    ch, n = x.shape
    feedback = R._freeverb_feedback(reverberance)
    damp = hf_damping / 100.0 * 0.3 + 0.2
    gain = 10.0 ** (wet_gain_db / 20.0) * 0.015
    delay = round(pre_delay_ms / 1000.0 * sr)
    out = np.zeros((ch, n))
    for c in range(ch):
        combs, aps = R._freeverb_delays(sr, room_scale, stereo_depth, odd=bool(c % 2))
        src = [0.0] * delay + [float(v) for v in x[c, : max(n - delay, 0)]]
        src = src[:n]
        total = [0.0] * n
        for d in combs:
            o, lp, prev = [0.0] * n, [0.0] * n, 0.0
            for t in range(n):
                o[t] = (src[t - d] + feedback * lp[t - d]) if t >= d else 0.0
                prev = (1 - damp) * o[t] + damp * prev
                lp[t] = prev
            total = [a + b for a, b in zip(total, o)]
        sig = total
        for d in aps:
            v, y = [0.0] * n, [0.0] * n
            for t in range(n):
                v[t] = sig[t] + (0.5 * v[t - d] if t >= d else 0.0)
                y[t] = (v[t - d] if t >= d else 0.0) - sig[t]
            sig = y
        out[c] = np.array(sig) * gain
    return out


@pytest.mark.parametrize("kw", [{}, {"reverberance": 95.0, "hf_damping": 0.0, "room_scale": 20.0, "pre_delay_ms": 30.0},
                                {"reverberance": 10.0, "stereo_depth": 40.0, "wet_gain_db": 4.0}])
def test_freeverb_equals_the_sample_recursion(kw):
    """The FFT convolution with the cached impulse response gives the recursion's output."""
    sr = 8000
    rng = np.random.default_rng(1)
    x = np.zeros((2, 3000), np.float32)
    x[:, 200:1200] = (0.3 * rng.standard_normal((2, 1000))).astype(np.float32)
    params = {**BASE, **kw}
    ref = _reference_freeverb(x, sr, **params)
    for dtype in (np.float32, np.float64):
        wet = R.freeverb(x.astype(dtype), sr, **params)
        assert wet.dtype == dtype and wet.shape == x.shape
        assert np.abs(wet - ref).max() <= 1e-6 * np.abs(ref).max()
        assert not wet[:, :200].any()  # nothing before the first input sample (exact zeros)


def test_tail_cut_is_inaudible():
    """The impulse response is cut where it stays below -140 dB: against the uncut response the
    difference is far below float32 resolution of the output."""
    from scipy.signal import fftconvolve

    sr, n = 8000, 8000 * 12
    x = np.zeros((1, n))
    x[0, :4000] = np.random.default_rng(2).standard_normal(4000)
    wet = R.freeverb(x, sr, **{**BASE, "reverberance": 60.0})
    combs, aps = R._freeverb_delays(sr, 100.0, 100.0, odd=False)
    assert R._freeverb_tail(R._freeverb_feedback(60.0), combs, aps) < n  # the cut is really exercised
    h = R._freeverb_ir(combs, aps, R._freeverb_feedback(60.0), 0.35, n)  # uncut
    ref = fftconvolve(x[0], h)[:n] * 0.015
    assert np.abs(wet[0] - ref).max() <= 1e-6 * np.abs(ref).max()


def test_feedback_curve_and_delays_follow_sox():
    assert R._freeverb_feedback(0.0) == pytest.approx(0.3) and R._freeverb_feedback(100.0) == pytest.approx(0.98)
    combs, aps = R._freeverb_delays(44100, 100.0, 100.0, odd=False)
    assert combs == R.COMB_LENGTHS and aps == R.ALLPASS_LENGTHS
    odd, _ = R._freeverb_delays(44100, 100.0, 100.0, odd=True)
    # odd channels: the spread added and subtracted in turn (decorrelated left/right tails)
    assert [o - e for o, e in zip(odd, combs)] == [R.STEREO_SPREAD, -R.STEREO_SPREAD] * 4


def test_pre_delay_longer_than_the_input_gives_silence():
    x = np.ones((1, 100), np.float32)
    assert not R.freeverb(x, 8000, **{**BASE, "pre_delay_ms": 500.0}).any()


def test_convolve_impulse_with_a_delayed_delta_shifts_and_normalizes():
    x = np.zeros((2, 50), np.float32)
    x[:, 5] = [0.5, 0.25]
    h = np.zeros(8)
    h[3] = 2.0
    y = R.convolve_impulse(x, h, normalize=False)
    assert y.dtype == np.float32 and y.shape == x.shape and y[0, 8] == pytest.approx(1.0)
    n = R.convolve_impulse(x, h, normalize=True)
    assert np.abs(n).max() == pytest.approx(1.0) and n[1, 8] == pytest.approx(0.5)
    assert R.reverberate(np.zeros(10), 8000, 50, 50, 100, 100, 0, 0, wet_only=False).shape == (10,)
