"""Issue 12, audio: HPSS in a safe scale, extreme SNRs, dense clicks counted not listed, soxr never asked for an
extreme reduction, limits on output length and median windows, degenerate rates, outputs never views."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

import multiaug.audio as audaugs
from multiaug.audio.kernels.mixing import click_starts as _click_starts
from multiaug.audio.kernels.resample import MAX_SOXR_REDUCTION, resample
from multiaug.core.errors import InvalidParameterError, MediaReadError, MultiaugError, OutputPathError, ResourceLimitError

from . import inputs as odd


def test_normalize_keeps_its_documented_infinities():
    y, _ = audaugs.normalize(odd.tone(4000), sample_rate=16000, norm=math.inf)
    assert np.isclose(np.abs(y).max(), 1.0)


@pytest.mark.parametrize("fn", [audaugs.harmonic, audaugs.percussive])
def test_hpss_is_scale_invariant_from_1e_30_to_1e18(fn):
    x = odd.tone(8000, dtype=np.float64)
    ref, _ = fn(x, sample_rate=16000)
    big, _ = fn(x * 1e18, sample_rate=16000)
    tiny, _ = fn(x * 1e-30, sample_rate=16000)
    assert np.isfinite(big).all() and np.isfinite(tiny).all()
    assert np.allclose(big / 1e18, ref, atol=1e-6 * np.abs(ref).max())
    assert np.allclose(tiny / 1e-30, ref, atol=1e-6 * np.abs(ref).max())


def test_hpss_window_longer_than_the_signal_is_cheap_and_the_huge_one_refused():
    y, _ = audaugs.harmonic(odd.tone(8000), sample_rate=16000, kernel_size=1025)
    assert y.shape == (8000,) and np.isfinite(y).all()
    with pytest.raises(ResourceLimitError, match="kernel_size"):
        audaugs.harmonic(odd.tone(8000), sample_rate=16000, kernel_size=10**9)


@pytest.mark.parametrize("fn", [audaugs.add_background_noise, audaugs.clicks])
def test_extreme_snr_adds_nothing_or_is_refused(fn):
    x = odd.tone(8000)
    y, _ = fn(x, sample_rate=16000, snr_level_db=1e9)
    assert np.array_equal(y, x)  # a background 10**-5e7 as loud as the signal is nothing
    with pytest.raises(InvalidParameterError, match="snr_level_db"):
        fn(x, sample_rate=16000, snr_level_db=-1e9)


def test_dense_clicks_are_counted_per_sample_not_listed():
    starts, counts = _click_starts(8000, 16000, 1e-9)
    # click k lands on round(k·s) with s = 1.6e-5 samples; those rounding to 8000 fall past the end
    assert starts.size == 8000 and counts.sum() == math.ceil(7999.5 / (1e-9 * 16000))
    # at a spacing of exactly 1/4 sample every onset sample gets 4 clicks (what listing them gives)
    starts, counts = _click_starts(100, 16000, 0.25 / 16000)
    listed = np.round(np.arange(0.0, 100 / 16000, 0.25 / 16000) * 16000).astype(int)
    listed = listed[listed < 100]
    assert np.array_equal(np.bincount(listed, minlength=100)[starts], counts)
    y, _ = audaugs.clicks(odd.tone(8000), sample_rate=16000, seconds_between_clicks=1e-9)
    assert np.isfinite(y).all()


def test_extreme_reduction_is_box_decimated_before_soxr():
    x = odd.tone(20000)
    y = resample(x, 1e10, 1.0)  # 10**10× would hang inside soxr
    assert y.shape == (0,)
    long = np.tile(x, 10)  # 200 000 samples, reduced 1000× (beyond MAX_SOXR_REDUCTION): 200 samples of the mean level
    assert 1000.0 > MAX_SOXR_REDUCTION
    y = resample(long, 16_000_000.0, 16_000.0)
    assert y.shape == (200,) and np.isfinite(y).all() and abs(float(y.mean()) - float(long.mean())) < 0.01
    y, sr = audaugs.speed(x, sample_rate=16000, factor=1e10)
    assert sr == 16000 and y.shape == (1,)


def test_output_length_limit_names_argument_cost_and_limit():
    with pytest.raises(ResourceLimitError) as info:
        audaugs.loop(odd.tone(1000), sample_rate=16000, n=10**9)
    err = info.value
    assert isinstance(err, ValueError) and err.argument == "n" and err.limit_name == "output_samples"
    assert err.cost > err.limit and "multiaug.limits(output_samples=" in str(err)
    with pytest.raises(ResourceLimitError, match="rate"):
        audaugs.time_stretch(odd.tone(1000), sample_rate=16000, rate=1e-9)


def test_fft_convolve_at_sample_rate_1():
    x = odd.tone(64, 1)
    try:
        y, sr = audaugs.fft_convolve(x, sample_rate=1, seed=0)
    except MultiaugError:
        return
    assert sr == 1 and y.shape == x.shape and np.isfinite(y).all()


def test_invert_channels_returns_a_copy_for_one_channel():
    x = odd.tone(100, channels=2)[:1].copy()
    y, _ = audaugs.invert_channels(x, sample_rate=16000)
    assert np.array_equal(x, y) and not np.shares_memory(x, y)


def test_paths(tmp_path):
    with pytest.raises(MediaReadError, match="is a directory"):
        audaugs.speed(str(tmp_path))
    with pytest.raises(OutputPathError, match="extension"):
        audaugs.speed(odd.tone(100), sample_rate=16000, output_path=tmp_path / "noext")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("fn", [audaugs.add_color_noise, audaugs.add_gaussian_snr])
def test_noise_at_extreme_snr_adds_nothing_or_is_refused(fn):
    x = odd.tone(8000)
    y, _ = fn(x, sample_rate=16000, snr_db=1e300)
    assert np.array_equal(y, x)
    with pytest.raises(InvalidParameterError, match="snr_db"):
        fn(x, sample_rate=16000, snr_db=-1e9)


def test_degenerate_arguments_are_named():
    x = odd.tone(8000)
    with pytest.raises(InvalidParameterError, match="bandwidth_fraction"):
        audaugs.band_pass_filter(x, sample_rate=16000, bandwidth_fraction=1e-300)
    with pytest.raises(InvalidParameterError, match="'duration'"):
        audaugs.gain_transition(x, sample_rate=16000, duration=1e18, seed=0)
    with pytest.raises(ResourceLimitError, match="duration_seconds"):
        audaugs.adjust_duration(x, sample_rate=16000, duration_seconds=1e9)
