"""Rooms: RT60 of the simulated responses against Sabine, image-source geometry, air absorption."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.audio.kernels import room_ism as room

SR = 16000


@pytest.mark.parametrize("size,absorption", [((5.0, 4.0, 3.0), 0.1), ((5.0, 4.0, 3.0), 0.25),
                                             ((7.0, 5.0, 3.2), 0.15), ((3.0, 3.0, 3.0), 0.2),
                                             ((10.0, 8.0, 4.0), 0.4)])
def test_rt60_within_15_percent_of_sabine(size, absorption):
    sab = room.sabine_rt60(size, absorption)
    assert sab == pytest.approx(0.161 * np.prod(size) / (2 * (size[0] * size[1] + size[0] * size[2]
                                                              + size[1] * size[2]) * absorption), rel=0.01)
    h = room.room_rir(size, (1.1, 1.3, 1.5), (2.2, 2.7, 1.2), absorption, SR, np.random.default_rng(0), max_time=sab)
    assert room.measured_rt60(h, SR) == pytest.approx(sab, rel=0.15)


def test_direct_sound_arrives_at_distance_over_c_with_1_over_4_pi_r():
    src, mic = (1.0, 1.0, 1.5), (3.0, 1.0, 1.5)
    h = room.image_source_rir((6.0, 5.0, 3.0), src, mic, 1.0, SR, max_time=0.05)  # anechoic: α = 1
    d = math.dist(src, mic)
    peak = int(np.argmax(h))
    assert peak == round(d / room.SPEED_OF_SOUND * SR)
    assert h.sum() == pytest.approx(1 / (4 * math.pi * d), rel=0.02)  # the sinc taps sum to the amplitude


def test_first_reflection_from_the_floor():
    src, mic = (2.0, 2.0, 1.0), (4.0, 2.0, 1.0)
    h = room.image_source_rir((20.0, 20.0, 10.0), src, mic, 0.0, SR, max_time=0.02)
    d_floor = math.hypot(2.0, 2.0)  # the source's image below the floor is at z = -1
    k = round(d_floor / room.SPEED_OF_SOUND * SR)
    assert h[k - 1: k + 2].max() == pytest.approx(1 / (4 * math.pi * d_floor), rel=0.1)


def test_image_source_alone_decays_slower_than_sabine():
    """Why the tail is diffuse: a purely specular shoebox overestimates RT60 (documented in room_rir)."""
    size, a = (5.0, 4.0, 3.0), 0.2
    sab = room.sabine_rt60(size, a)
    h = room.image_source_rir(size, (1.1, 1.3, 1.5), (2.2, 2.7, 1.2), a, SR, max_time=sab)
    assert room.measured_rt60(h, SR) > 1.15 * sab


def test_air_absorption_matches_iso_9613_table_values():
    # ISO 9613-1 Table: 20 °C, 50 % RH: 1 kHz 4.66 dB/km, 4 kHz 29.7 dB/km (rounded; within 3 %)
    a = room.air_absorption_db_per_m(np.array([1000.0, 4000.0]), 20.0, 50.0) * 1000
    assert a[0] == pytest.approx(4.66, rel=0.03) and a[1] == pytest.approx(29.7, rel=0.03)
    sr = 48000  # a fast FFT length: the filter is applied exactly (1 Hz bins)
    x = np.random.default_rng(0).standard_normal(sr).astype(np.float32)
    y = room.air_absorption(x, sr, 100.0, 20.0, 50.0)
    assert y.shape == x.shape and y.dtype == np.float32
    spec_x, spec_y = np.abs(np.fft.rfft(x)), np.abs(np.fft.rfft(y))
    loss = lambda f: 20 * np.log10(spec_x[int(f)] / spec_y[int(f)])  # noqa: E731 (1 Hz bins)
    for f in (200, 2000, 8000, 16000):
        assert loss(f) == pytest.approx(room.air_absorption_db_per_m(np.array([float(f)]), 20, 50)[0] * 100, abs=0.05)
    assert loss(8000) > 10 and loss(200) < 0.2


def test_rerecord_keeps_length_level_and_removes_bass():
    sr = 16000
    t = np.arange(sr) / sr
    x = (0.3 * np.sin(2 * np.pi * 80 * t) + 0.3 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    h = room.room_rir((4.0, 3.0, 2.5), (1.0, 1.0, 1.2), (1.5, 1.2, 1.2), 0.3, sr, np.random.default_rng(0), 0.3)
    delay = room.direct_path_delay((1.0, 1.0, 1.2), (1.5, 1.2, 1.2), sr)
    y = room.rerecord(x, sr, h, delay, 300.0, 7000.0, 2000.0, 4.0, 3.0, 150.0, 6000.0)
    assert y.shape == x.shape and y.dtype == np.float32
    assert np.sqrt(np.mean(y.astype(np.float64) ** 2)) == pytest.approx(np.sqrt(np.mean(x.astype(np.float64) ** 2)), rel=1e-3)
    spec = np.abs(np.fft.rfft(y))
    assert spec[80] < 0.1 * spec[1000]


def test_draw_positions_keep_the_margin_and_the_distance():
    rng = np.random.default_rng(3)
    for _ in range(20):
        src, mic = room.draw_positions((5.0, 4.0, 3.0), 1.0, rng, 0.25)
        assert all(0.25 <= v <= hi - 0.25 for v, hi in zip(src + mic, (5.0, 4.0, 3.0) * 2))
        assert math.dist(src, mic) == pytest.approx(1.0)


def test_simulate_room_reports_its_facts_and_is_seeded():
    x = np.zeros(4000, np.float32)
    x[100] = 1.0
    a, facts = room.simulate_room(x, 8000, (5.0, 4.0, 3.0), [1.0, 1.0, 1.5], [2.0, 1.0, 1.5], 0.3, 7, 3.0)
    b, _ = room.simulate_room(x, 8000, (5.0, 4.0, 3.0), [1.0, 1.0, 1.5], [2.0, 1.0, 1.5], 0.3, 7, 3.0)
    assert np.array_equal(a, b) and a.shape == x.shape
    assert facts["distance"] == pytest.approx(1.0) and facts["sabine_rt60"] > 0
    assert int(np.argmax(np.abs(a))) == 100  # direct sound aligned with the input


def test_apply_rir_aligns_on_the_strongest_peak():
    x = np.zeros(100)
    x[10] = 1.0
    h = np.zeros((2, 20))
    h[:, 5] = 1.0
    y, seconds, delay = room.apply_rir(x, 1000, h, align=True)
    assert delay == 5 and seconds == 0.02 and int(np.argmax(y)) == 10
    assert int(np.argmax(room.apply_rir(x, 1000, h, align=False)[0])) == 15
