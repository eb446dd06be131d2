"""Physical correctness of the audio augmentations (measured, not just shapes)."""

from __future__ import annotations

import numpy as np
import pytest

import multiaug.audio as A
from multiaug.core.errors import InvalidParameterError, MultiaugError, UnsupportedInputError
from multiaug.core.registry import entries

from ._signals import peak_hz

SR = 44100


def tone(freq: float, seconds: float = 2.0, sr: int = SR, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2)))


def db(ratio: float) -> float:
    return 20 * np.log10(ratio)


def core(y: np.ndarray, trim: int = 4096) -> np.ndarray:
    return y[..., trim:-trim]


# --- pitch and time -----------------------------------------------------------------------------
@pytest.mark.parametrize("n_steps", [2.0, -3.0, 7.5])
def test_pitch_shift_frequency_and_length(n_steps):
    x = tone(440.0, 3.0)
    y, sr = A.pitch_shift(x, SR, n_steps=n_steps)
    assert sr == SR and y.shape == x.shape and y.dtype == np.float32
    expected = 440.0 * 2 ** (n_steps / 12)
    assert peak_hz(core(y), SR) == pytest.approx(expected, rel=0.005)
    # the level is kept: the phase-locked vocoder keeps a tone's partial coherent (a plain vocoder,
    # like librosa's, loses ~1.2 dB here when it stretches)
    assert rms(core(y)) == pytest.approx(rms(x), rel=0.01)


def test_pitch_shift_two_semitones_is_493_9_hz():
    y, _ = A.pitch_shift(tone(440.0, 3.0), SR, n_steps=2)
    assert peak_hz(core(y), SR) == pytest.approx(493.88, rel=0.005)


@pytest.mark.parametrize("fn,kw", [(A.pitch_shift, {"n_steps": 3.0}), (A.time_stretch, {"rate": 0.7}),
                                   (A.time_stretch, {"rate": 1.5})])
def test_vocoder_keeps_the_level_of_real_music(fn, kw):
    """Stereo music: the level stays within 0.5 dB (librosa's plain vocoder: about -3 dB)."""
    import soundfile as sf

    from multiaug.assets import asset_path

    x, sr = sf.read(str(asset_path("audio", "samples", "music_sample.flac")), dtype="float32", always_2d=True)
    x = x.T[:, : 2 * sr]
    y, _ = fn(x, sr, **kw)
    assert y.shape[0] == 2
    assert db(rms(y) / rms(x)) == pytest.approx(0.0, abs=0.5)


def test_time_stretch_length_and_pitch():
    x = tone(440.0, 3.0)
    y, sr = A.time_stretch(x, SR, rate=1.5)
    assert sr == SR
    assert x.size / y.size == pytest.approx(1.5, rel=0.01)
    assert y.size == round(x.size / 1.5)
    assert peak_hz(core(y), SR) == pytest.approx(440.0, rel=0.005)
    y2, _ = A.time_stretch(x, SR, rate=0.5)
    assert y2.size == 2 * x.size
    assert peak_hz(core(y2), SR) == pytest.approx(440.0, rel=0.005)


@pytest.mark.parametrize("factor", [1.5, 0.75])
def test_tempo_length_and_pitch(factor):
    x = tone(440.0, 3.0)
    y, sr = A.tempo(x, SR, factor=factor)
    assert sr == SR
    assert x.size / y.size == pytest.approx(factor, rel=0.01)
    assert peak_hz(core(y), SR) == pytest.approx(440.0, rel=0.005)
    assert rms(core(y)) == pytest.approx(rms(x), rel=0.1)


def test_speed_changes_pitch_and_duration_at_the_same_rate():
    x = tone(440.0, 2.0)
    y, sr = A.speed(x, SR, factor=2.0)
    assert sr == SR
    assert y.size == x.size // 2
    assert peak_hz(core(y, 2048), SR) == pytest.approx(880.0, rel=0.005)


# --- levels -------------------------------------------------------------------------------------
@pytest.mark.parametrize("background", [None, "array", "path"])
def test_add_background_noise_snr(background, tmp_path):
    import soundfile as sf

    rng = np.random.default_rng(0)
    x = tone(440.0, 2.0)
    kwargs = {}
    if background == "array":
        kwargs["background_audio"] = (0.1 * rng.standard_normal(SR // 3)).astype(np.float32)
    elif background == "path":
        p = tmp_path / "bg.wav"
        sf.write(p, (0.2 * rng.standard_normal(16000)).astype(np.float32), 16000)
        kwargs["background_audio"] = str(p)
    y, _ = A.add_background_noise(x, SR, snr_level_db=10.0, seed=3, **kwargs)
    noise = y.astype(np.float64) - x
    assert db(rms(x) / rms(noise)) == pytest.approx(10.0, abs=0.2)


def test_clicks_snr_and_positions():
    x = tone(200.0, 2.0, sr=16000)
    y, _ = A.clicks(x, 16000, seconds_between_clicks=0.5, snr_level_db=5.0)
    track = y.astype(np.float64) - x
    assert db(rms(x) / rms(track)) == pytest.approx(5.0, abs=0.2)
    onsets = np.flatnonzero(np.abs(track) > 1e-3 * np.abs(track).max())
    starts = onsets[np.r_[True, np.diff(onsets) > 1000]]
    assert np.abs(starts - np.array([0, 8000, 16000, 24000])).max() <= 1  # sin(0) = 0 at the onset


def test_change_volume_plus_6_db():
    x = tone(440.0, 1.0)
    y, _ = A.change_volume(x, SR, volume_db=6.0)
    assert rms(y) / rms(x) == pytest.approx(1.995, rel=1e-3)


def test_normalize_peaks_at_one_and_keeps_stereo_balance():
    x = np.stack([tone(440.0, 1.0, amp=0.2), tone(440.0, 1.0, amp=0.1)])
    y, _ = A.normalize(x, SR)
    assert np.abs(y).max() == pytest.approx(1.0, rel=1e-6)
    assert np.abs(y[1]).max() == pytest.approx(0.5, rel=1e-4)  # one gain for the whole signal
    per_channel, _ = A.normalize(x, SR, axis=1)
    assert np.abs(per_channel).max(axis=1) == pytest.approx([1.0, 1.0], rel=1e-6)
    mono, _ = A.normalize(tone(100.0, 0.5, amp=0.3), SR)
    assert np.abs(mono).max() == pytest.approx(1.0, rel=1e-6)


# --- filters ------------------------------------------------------------------------------------
def steady_gain_db(fn, freq: float, **kw) -> float:
    x = tone(freq, 1.0)
    y, _ = fn(x, SR, **kw)
    return db(rms(y[SR // 4:]) / rms(x[SR // 4:]))


def test_low_pass_filter_response():
    assert steady_gain_db(A.low_pass_filter, 2000.0, cutoff_hz=500.0) <= -20.0
    assert abs(steady_gain_db(A.low_pass_filter, 100.0, cutoff_hz=500.0)) <= 1.0
    assert steady_gain_db(A.low_pass_filter, 500.0, cutoff_hz=500.0) == pytest.approx(-3.0, abs=0.3)


def test_high_pass_filter_response():
    assert steady_gain_db(A.high_pass_filter, 500.0, cutoff_hz=2000.0) <= -20.0
    assert abs(steady_gain_db(A.high_pass_filter, 10000.0, cutoff_hz=2000.0)) <= 1.0
    assert steady_gain_db(A.high_pass_filter, 2000.0, cutoff_hz=2000.0) == pytest.approx(-3.0, abs=0.3)


def test_peaking_equalizer_gain_at_centre_and_far_away():
    assert steady_gain_db(A.peaking_equalizer, 1000.0, center_hz=1000.0, q=2.0, gain_db=-9.0) == pytest.approx(
        -9.0, abs=0.2)
    assert steady_gain_db(A.peaking_equalizer, 1000.0, center_hz=1000.0, q=2.0, gain_db=6.0) == pytest.approx(
        6.0, abs=0.2)
    assert abs(steady_gain_db(A.peaking_equalizer, 15000.0, center_hz=200.0, q=2.0, gain_db=-9.0)) < 0.2


# --- editing / channels -------------------------------------------------------------------------
def test_loop_doubles_length():
    x = tone(440.0, 0.5)
    y, _ = A.loop(x, SR, n=1)
    assert y.size == 2 * x.size and np.array_equal(y[: x.size], x) and np.array_equal(y[x.size:], x)


def test_clip_keeps_the_right_samples():
    x = np.arange(1000, dtype=np.float32) / 1000
    y, _ = A.clip(x, 1000, offset_factor=0.25, duration_factor=0.5)
    assert np.array_equal(y, x[250:750])
    st = np.stack([x, -x])
    y2, _ = A.clip(st, 1000, offset_factor=0.1, duration_factor=0.2)
    assert np.array_equal(y2, st[:, 100:300])


def test_stereo_invert_channels_and_to_mono():
    left, right = tone(440.0, 0.2), tone(880.0, 0.2, amp=0.25)
    st = np.stack([left, right])
    inv, _ = A.invert_channels(st, SR)
    assert np.array_equal(inv[0], right) and np.array_equal(inv[1], left)
    mono, _ = A.to_mono(st, SR)
    assert mono.shape == left.shape
    assert np.allclose(mono, (left + right) / 2, atol=1e-7)
    m_inv, _ = A.invert_channels(left, SR)
    assert np.array_equal(m_inv, left)


# --- robustness ---------------------------------------------------------------------------------
AUDIO_ENTRIES = entries("audio")


@pytest.mark.parametrize("entry", AUDIO_ENTRIES, ids=[e.name for e in AUDIO_ENTRIES])
@pytest.mark.parametrize("channels", [1, 2])
def test_silence_in_no_nan_out(entry, channels):
    x = np.zeros((channels, 8000) if channels > 1 else 8000, dtype=np.float32)
    kwargs = entry.example_params()
    if entry.random:
        kwargs["seed"] = 0
    y, sr = entry.public(x, 16000, **kwargs)
    assert np.isfinite(y).all(), entry.name
    assert y.dtype == np.float32 and sr == 16000


def test_bad_input_errors():
    with pytest.raises(UnsupportedInputError, match="channels-first"):
        A.change_volume(np.zeros((1000, 2), np.float32), SR)
    with pytest.raises(UnsupportedInputError):
        A.change_volume(np.zeros((2, 2, 100), np.float32), SR)
    bad = tone(440.0, 0.1)
    bad[10] = np.nan
    with pytest.raises(UnsupportedInputError, match="NaN"):
        A.pitch_shift(bad, SR)
    for sr in (0, -8000):
        with pytest.raises(InvalidParameterError, match="sample_rate"):
            A.speed(tone(440.0, 0.1), sr)
    with pytest.raises(UnsupportedInputError):
        A.change_volume(np.zeros(100, np.int16), SR)
    with pytest.raises(UnsupportedInputError):
        A.change_volume([0.0, 0.1], SR)
    with pytest.raises(InvalidParameterError, match="Nyquist"):
        A.low_pass_filter(tone(440.0, 0.1, sr=16000), 16000, cutoff_hz=9000.0)
    with pytest.raises(InvalidParameterError, match="offset_factor"):
        A.clip(tone(440.0, 0.1), SR, offset_factor=0.6, duration_factor=0.6)
    with pytest.raises(MultiaugError):
        A.add_background_noise(tone(440.0, 0.1), SR, background_audio="/nonexistent/file.wav")


@pytest.mark.parametrize("entry", AUDIO_ENTRIES, ids=[e.name for e in AUDIO_ENTRIES])
@pytest.mark.parametrize("n", [1, 10, 300])
def test_very_short_inputs(entry, n):
    x = np.full(n, 0.1, np.float32)
    kwargs = entry.example_params()
    if entry.random:
        kwargs["seed"] = 0
    y, sr = entry.public(x, 16000, **kwargs)
    assert np.isfinite(y).all() and sr == 16000 and y.size >= 1


def test_empty_input_is_a_typed_error(tmp_path):
    import soundfile as sf

    with pytest.raises(UnsupportedInputError, match="no samples"):
        A.reverb(np.zeros(0, np.float32), SR)
    p = tmp_path / "empty.wav"
    sf.write(p, np.zeros(0, np.float32), 8000)
    with pytest.raises(MultiaugError, match="no samples"):
        A.reverb(str(p))
