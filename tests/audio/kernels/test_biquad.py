"""multiaug/audio/kernels/biquad.py: RBJ sections and the exact block state-space filter."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import biquad

SR = 16000


def _response_db(sos: np.ndarray, hz: float) -> float:
    z = np.exp(-1j * 2 * np.pi * hz / SR)
    b, a = sos[0, :3], sos[0, 3:]
    h = (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    return float(20 * np.log10(abs(h)))


def test_designs_meet_their_specification():
    lp = biquad.biquad_sos("lowpass", 1000.0, SR)
    hp = biquad.biquad_sos("highpass", 1000.0, SR)
    pk = biquad.biquad_sos("peaking", 2000.0, SR, 2.0, 9.0)
    assert lp.shape == (1, 6) and lp[0, 3] == 1.0
    assert abs(_response_db(lp, 1000.0) + 3.01) < 0.02 and abs(_response_db(hp, 1000.0) + 3.01) < 0.02
    assert abs(_response_db(lp, 1.0)) < 0.01 and _response_db(lp, 4000.0) < -20  # -12 dB/octave past the cutoff
    assert abs(_response_db(pk, 2000.0) - 9.0) < 1e-9 and abs(_response_db(pk, 20.0)) < 0.05


@pytest.mark.parametrize("kind,f0,q,gain", [("lowpass", 500.0, 0.7071, 0.0), ("lowpass", 5.0, 0.5, 0.0),
                                            ("highpass", 7000.0, 0.7071, 0.0), ("peaking", 1000.0, 40.0, 12.0)])
@pytest.mark.parametrize("n", [1, 2, 31, 32, 33, 1000])
def test_block_filter_matches_the_sample_recursion(kind, f0, q, gain, n):
    """The block state-space form gives the recursion's output (scipy sosfilt in float64) up to rounding."""
    from scipy.signal import sosfilt

    sos = biquad.biquad_sos(kind, f0, SR, q, gain)
    x = np.random.default_rng(n).standard_normal((2, n)).astype(np.float32)
    ref = sosfilt(sos, x.astype(np.float64), axis=-1)
    y64 = biquad.sos_filter(x.astype(np.float64), sos)
    y32 = biquad.sos_filter(x, sos)
    assert y64.dtype == np.float64 and y32.dtype == np.float32 and y32.shape == x.shape
    scale = max(np.abs(ref).max(), 1e-12)
    assert np.abs(y64 - ref).max() <= 1e-9 * scale
    assert np.abs(y32 - ref).max() <= 1e-4 * scale


def test_filter_is_causal_and_leaves_its_input_alone():
    x = np.zeros(100)
    x[40] = 1.0
    before = x.copy()
    y = biquad.sos_filter(x, biquad.biquad_sos("lowpass", 2000.0, SR))
    assert not y[:40].any() and y[40] > 0
    assert np.array_equal(x, before)


@pytest.mark.parametrize("n", [1, 31, 32, 33, 32 * 1024 + 5, 32 * 3000 + 17])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_filtering_in_place_or_into_out_gives_the_same_bytes(n, dtype):
    """out=x (in place, bands of rows) and out=<other array> write exactly what the allocating call returns."""
    sos = biquad.biquad_sos("peaking", 1000.0, SR, 1.0, 6.0)
    x = np.random.default_rng(n).standard_normal((2, n)).astype(dtype)
    ref = biquad.sos_filter(x, sos)
    other = np.empty_like(x)
    assert biquad.sos_filter(x, sos, out=other) is other and other.tobytes() == ref.tobytes()
    inplace = x.copy()
    biquad.sos_filter(inplace, sos, out=inplace)
    assert inplace.tobytes() == ref.tobytes()
    with pytest.raises(ValueError):
        biquad.sos_filter(x, sos, out=x[:, ::-1])
