"""Filter / EQ kernels: -3 dB points, roll-off, shelf and peak gains (measured on tones)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import eq

from ._measure import gain_db_at

SR = 44100


def _minus3_db_point(fn, f_lo: float, f_hi: float, rising: bool) -> float:
    """Bisection (on log frequency) for the frequency where the measured gain crosses -3.01 dB."""
    for _ in range(18):
        mid = np.sqrt(f_lo * f_hi)
        g = gain_db_at(fn, mid, SR, 0.5)
        if (g < -3.01) == rising:
            f_lo = mid
        else:
            f_hi = mid
    return float(np.sqrt(f_lo * f_hi))


@pytest.mark.parametrize("center,fraction,rolloff", [(1000.0, 1.0, 12), (3000.0, 0.5, 24)])
def test_band_pass_minus_3db_points_within_5_percent(center, fraction, rolloff):
    lo, hi = eq.band_edges(center, fraction)
    fn = lambda x: eq.band_pass(x, SR, lo, hi, rolloff)  # noqa: E731
    assert gain_db_at(fn, center, SR) == pytest.approx(0.0, abs=0.5)
    f1 = _minus3_db_point(fn, lo / 2, center, rising=True)
    f2 = _minus3_db_point(fn, center, min(hi * 2, SR / 2.1), rising=False)
    assert f1 == pytest.approx(lo, rel=0.05) and f2 == pytest.approx(hi, rel=0.05)


@pytest.mark.parametrize("rolloff", [12, 24])
def test_roll_off_per_octave(rolloff):
    fn = lambda x: eq.pass_filter(x, SR, "lowpass", 500.0, rolloff)  # noqa: E731
    drop = gain_db_at(fn, 2000.0, SR) - gain_db_at(fn, 4000.0, SR)  # well past the cutoff, far from Nyquist
    assert drop == pytest.approx(rolloff, abs=1.5)
    assert gain_db_at(fn, 500.0, SR) == pytest.approx(-3.01, abs=0.2)


def test_band_stop_edges_and_depth():
    lo, hi = eq.band_edges(2000.0, 0.5)
    fn = lambda x: eq.band_stop(x, SR, lo, hi, 12)  # noqa: E731
    assert gain_db_at(fn, 2000.0, SR) < -30
    assert gain_db_at(fn, lo, SR) == pytest.approx(-3.01, abs=0.3)
    assert gain_db_at(fn, hi, SR) == pytest.approx(-3.01, abs=0.3)
    assert gain_db_at(fn, 200.0, SR) == pytest.approx(0.0, abs=0.3)


@pytest.mark.parametrize("gain", [-12.0, 6.0, 18.0])
@pytest.mark.parametrize("q", [0.3, 0.707])
def test_shelf_gains_within_half_a_db(gain, q):
    low = lambda x: eq.apply_sos(x, eq.shelf_sos("lowshelf", 400.0, SR, gain, q))  # noqa: E731
    high = lambda x: eq.apply_sos(x, eq.shelf_sos("highshelf", 4000.0, SR, gain, q))  # noqa: E731
    assert gain_db_at(low, 20.0, SR, 2.0) == pytest.approx(gain, abs=0.5)
    assert gain_db_at(low, 400.0, SR) == pytest.approx(gain / 2, abs=0.5)
    assert gain_db_at(low, 16000.0, SR) == pytest.approx(0.0, abs=0.5)
    assert gain_db_at(high, 20000.0, SR) == pytest.approx(gain, abs=0.5)
    assert gain_db_at(high, 4000.0, SR) == pytest.approx(gain / 2, abs=0.5)
    assert gain_db_at(high, 50.0, SR) == pytest.approx(0.0, abs=0.5)


@pytest.mark.parametrize("gain,q", [(-9.0, 1.0), (12.0, 4.0), (3.0, 0.5)])
def test_peak_gain_within_half_a_db_at_the_centre(gain, q):
    fn = lambda x: eq.apply_sos(x, eq.peaking_sos(1000.0, SR, gain, q))  # noqa: E731
    assert gain_db_at(fn, 1000.0, SR) == pytest.approx(gain, abs=0.5)
    assert abs(gain_db_at(fn, 30.0, SR, 2.0)) < 0.5


def test_parametric_eq_cascades_and_keeps_dtype_shape():
    x = np.random.default_rng(0).standard_normal((2, 4000)).astype(np.float32)
    y = eq.parametric_eq(x, SR, [("lowshelf", 60.0, 3.0, 0.7), ("peaking", 1000.0, -6.0, 1.0),
                                 ("highshelf", 8000.0, 2.0, 0.7)])
    assert y.shape == x.shape and y.dtype == np.float32 and not np.shares_memory(x, y)
    fn = lambda s: eq.parametric_eq(s, SR, [("peaking", 1000.0, -6.0, 1.0)])  # noqa: E731
    assert gain_db_at(fn, 1000.0, SR) == pytest.approx(-6.0, abs=0.5)


def test_seven_band_eq_drops_bands_near_nyquist():
    x = np.random.default_rng(1).standard_normal(4000).astype(np.float32)
    bands = [("lowshelf", 60.0, 3.0), ("peaking", 1000.0, -6.0), ("highshelf", 5000.0, 4.0)]
    out, kept = eq.seven_band_eq(x, 8000, bands)
    assert [b[0] for b in kept] == ["lowshelf", "peaking"] and kept[1][3] == 1.0
    assert out.shape == x.shape and out.dtype == x.dtype
    same, none = eq.seven_band_eq(x, 100, [("peaking", 1000.0, 6.0)])
    assert none == [] and np.array_equal(same, x) and same is not x
