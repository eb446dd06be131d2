"""multiaug/audio/augmentations/filters.py: Biquad filters: per-channel processing, dtype, errors, intensity."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core.errors import InvalidParameterError
from tests.contract import contract_tests

SR = 16000

test_contract = contract_tests("audio", "filters")


def noise(n=SR, seed=0):
    return (0.2 * np.random.default_rng(seed).standard_normal(n)).astype(np.float32)


@pytest.mark.parametrize("fn", [A.low_pass_filter, A.high_pass_filter, A.peaking_equalizer])
def test_stereo_is_filtered_per_channel(fn):
    a, b = noise(seed=1), noise(seed=2)
    st, _ = fn(np.stack([a, b]), SR)
    ya, _ = fn(a, SR)
    yb, _ = fn(b, SR)
    assert np.allclose(st[0], ya, atol=1e-6) and np.allclose(st[1], yb, atol=1e-6)
    assert not np.allclose(st[0], a, atol=1e-3)


def test_float64_preserved_and_filter_is_causal():
    x = np.zeros(200)
    x[100] = 1.0
    y, _ = A.low_pass_filter(x, SR, cutoff_hz=1000.0)
    assert y.dtype == np.float64
    assert not y[:100].any() and y[100] > 0


@pytest.mark.parametrize("fn,arg", [(A.low_pass_filter, "cutoff_hz"), (A.high_pass_filter, "cutoff_hz"),
                                    (A.peaking_equalizer, "center_hz")])
def test_frequency_above_nyquist_is_rejected(fn, arg):
    with pytest.raises(InvalidParameterError, match=arg):
        fn(noise(), SR, **{arg: 8000.0})


def test_intensities():
    meta = []
    A.high_pass_filter(noise(), SR, cutoff_hz=3000.0, metadata=meta)
    A.low_pass_filter(noise(), SR, cutoff_hz=500.0, metadata=meta)
    A.peaking_equalizer(noise(), SR, metadata=meta)
    assert [m["intensity"] for m in meta] == pytest.approx([15.0, 97.5, (45 / 46) * (3 / 110) * 100])
    hi = []
    A.low_pass_filter(noise(), 48000, cutoff_hz=22000.0, metadata=hi)
    assert hi[0]["intensity"] == 0.0  # clamped


def test_peaking_q_sets_bandwidth():
    """A narrow band (high q) leaves a tone one octave away nearly untouched; a wide one does not."""
    t = np.arange(SR) / SR
    x = np.sin(2 * np.pi * 2000 * t).astype(np.float32)

    def gain(q):
        y, _ = A.peaking_equalizer(x, SR, center_hz=1000.0, q=q, gain_db=-12.0)
        return 20 * np.log10(np.std(y[2000:]) / np.std(x[2000:]))

    assert gain(8.0) > -0.5
    assert gain(0.3) < -4.0
