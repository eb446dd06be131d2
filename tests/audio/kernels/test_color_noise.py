"""Noise kernels: spectral slopes of the colours, SNR, events."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.audio.kernels import color_noise as cn

from ._measure import psd_slope_db_per_octave

SR = 44100


@pytest.mark.parametrize("color,expected", [("white", 0.0), ("pink", -3.01), ("brown", -6.02), ("blue", 3.01),
                                            ("violet", 6.02)])
def test_colour_slopes_within_half_a_db_per_octave(color, expected):
    x = cn.colored_noise((4 * SR,), SR, cn.COLOR_SLOPES[color], np.random.default_rng(1), np.float64)
    assert np.sqrt(np.mean(x ** 2)) == pytest.approx(1.0, rel=1e-6)
    slope = psd_slope_db_per_octave(x, SR, 100.0, 10000.0)
    assert slope == pytest.approx(expected, abs=0.5)


def test_noise_is_seeded_multichannel_and_independent():
    a = cn.colored_noise((2, SR), SR, -3.0, np.random.default_rng(3))
    b = cn.colored_noise((2, SR), SR, -3.0, np.random.default_rng(3))
    assert a.dtype == np.float32 and np.array_equal(a, b)
    assert abs(np.corrcoef(a[0], a[1])[0, 1]) < 0.05


@pytest.mark.parametrize("snr", [-5.0, 10.0, 30.0])
def test_add_at_snr(snr):
    rng = np.random.default_rng(0)
    x = (0.3 * np.sin(np.arange(SR) * 0.05)).astype(np.float32)
    noise = cn.colored_noise(x.shape, SR, 0.0, rng)
    y, g = cn.add_at_snr(x, noise, snr)
    measured = 20 * np.log10(np.sqrt(np.mean(x.astype(np.float64) ** 2)) / np.sqrt(np.mean((y - x).astype(np.float64) ** 2)))
    assert measured == pytest.approx(snr, abs=0.01)
    assert cn.add_at_snr(np.zeros(10, np.float32), noise[:10], snr)[1] == 0.0


def test_place_events_adds_at_the_right_place_with_fades():
    x = np.zeros((2, 1000), np.float32)
    ev = np.ones(100)
    y = cn.place_events(x, [(200, ev, 0.5), (950, ev, 1.0)], fade=10)
    assert not x.any()
    assert y[:, 199].max() == 0 and y[0, 250] == pytest.approx(0.5) and y[1, 250] == pytest.approx(0.5)
    assert 0 < y[0, 200] < 0.1 and y[0, 299] < 0.1 and y[0, 300] == 0
    assert y[0, 999] == pytest.approx(1.0)  # the late event is cut at the end, its fade-out never reached


def test_add_short_events_places_each_event_at_its_snr_without_touching_its_inputs():
    x = np.full(8000, 0.1, np.float32)
    rec = np.random.default_rng(0).standard_normal(4000).astype(np.float32)
    events = [{"start": 1000, "offset_fraction": 0.5, "duration": 0.1, "snr_db": 0.0}]
    before = dict(events[0])
    out, placed = cn.add_short_events(x, 8000, [rec], events, fade=0)
    assert events[0] == before and placed[0]["length"] == 800 and placed[0]["offset"] == 1600
    added = (out - x).astype(np.float64)
    assert not added[:1000].any() and not added[1800:].any()
    assert np.allclose(added[1000:1800], placed[0]["gain"] * rec[1600:2400], atol=1e-6)
