"""Level kernels: RMS, gain, transitions, limiter ceiling, BS.1770 loudness."""

from __future__ import annotations

import math

import numpy as np
import pytest

from multiaug.audio.kernels import level

from ._measure import tone

SR = 48000


def test_gain_and_polarity_keep_dtype_and_scale():
    x = tone(440, 0.1, SR)
    y = level.apply_gain(x, 6.0)
    assert y.dtype == np.float32 and np.allclose(y, x * 10 ** (6 / 20), rtol=1e-6)
    assert np.array_equal(level.polarity_inversion(x), -x)


def test_gain_transition_is_linear_in_db_between_the_gains():
    x = np.ones(1000)
    y = level.gain_transition(x, start=200, length=400, start_db=-20.0, end_db=0.0)
    db = 20 * np.log10(y)
    assert db[:200] == pytest.approx(-20.0) and db[600:] == pytest.approx(0.0)
    assert np.allclose(np.diff(db[201:600]), 20.0 / 400, atol=1e-9)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("cached", [True, False])
def test_gain_transition_values_do_not_depend_on_the_ramp_cache(monkeypatch, dtype, cached):
    """Each ramp sample gets exp(gain_envelope_db · ln10 / 20) computed in the audio's precision (the line in
    float64), whether its ramp comes from the cached whole ramp (sliced at the drawn start) or is computed alone;
    before and after the ramp, one constant gain 10^(dB / 20) each."""
    if not cached:
        monkeypatch.setattr(level, "_RAMP_CACHE_MAX", 0)
    rng = np.random.default_rng(3)
    x = rng.normal(0, 0.3, (2, 900)).astype(dtype)
    for start, length, s_db, e_db in [(-300, 400, -24.0, 0.0), (-50, 400, -24.0, 0.0), (100, 400, -24.0, 0.0),
                                      (700, 400, -24.0, 0.0), (899, 400, -24.0, 0.0), (0, 900, 6.0, -30.0),
                                      (-10, 2000, 3.0, -3.0), (300, 0, -6.0, 6.0), (950, 10, -6.0, 6.0)]:
        n = x.shape[-1]
        a, b = min(max(start, 0), n), min(max(start + length, 0), n)
        db = level.gain_envelope_db(n, start, length, s_db, e_db)
        expected = x * np.exp((db * (math.log(10.0) / 20.0)).astype(dtype))
        expected[..., :a] = x[..., :a] * dtype(10 ** (s_db / 20))
        expected[..., b:] = x[..., b:] * dtype(10 ** (e_db / 20))
        y = level.gain_transition(x, start, length, s_db, e_db)
        assert y.dtype == x.dtype and y.tobytes() == expected.tobytes(), (start, length)


@pytest.mark.parametrize("threshold_db,attack,release", [(-6.0, 0.005, 0.1), (-12.0, 0.0005, 0.05), (-1.0, 0.02, 0.5)])
def test_limiter_never_exceeds_its_threshold(threshold_db, attack, release):
    rng = np.random.default_rng(0)
    # bursts 20 dB apart, sharp onsets, stereo with unequal channels
    env = np.repeat(rng.choice([0.05, 0.5, 1.0, 2.0], size=40), SR // 40)
    x = np.stack([rng.standard_normal(env.size) * env, 0.5 * rng.standard_normal(env.size) * env]).astype(np.float32)
    y = level.limiter(x, SR, threshold_db, attack, release)
    assert y.shape == x.shape and y.dtype == np.float32
    assert np.max(np.abs(y)) <= 10 ** (threshold_db / 20) * (1 + 1e-6)
    # quiet parts far below the threshold pass unchanged once the release has recovered
    quiet = np.flatnonzero(env == 0.05)
    q = quiet[-SR // 200:]
    if np.max(np.abs(x[:, q])) < 10 ** (threshold_db / 20) / 4 and release < 0.2:
        assert np.allclose(y[:, q], x[:, q], rtol=0.02, atol=1e-4)


def test_limiter_attack_ramp_reaches_the_needed_reduction_before_the_peak():
    x = np.full(SR // 10, 0.1)
    x[3000] = 1.0  # one spike 20 dB above the rest
    y = level.limiter(x, SR, -6.0, attack_s=0.001, release_s=0.01)
    assert abs(y[3000]) <= 10 ** (-6 / 20) + 1e-12
    block = 48 // level.LIMITER_BLOCKS_PER_ATTACK  # gain resolution: attack / 4
    assert y[3000 - 48 - 2 * block - 1] == pytest.approx(0.1, rel=1e-6)  # untouched before the look-ahead
    assert y[2990] < 0.1  # already ramping down
    z = level.limiter(x, SR, -6.0, attack_s=4 / SR, release_s=0.01)  # short attack: sample-exact path
    assert z[3000 - 4] == pytest.approx(0.1, rel=1e-6) and z[2999] < 0.1


@pytest.mark.parametrize("attack", [1, 3, 8, 48, 240, 1440])
def test_limiter_gain_alone_keeps_the_ceiling(attack):
    """The ceiling comes from the gain itself (the final clip only absorbs float32 rounding), including at the
    very first sample, on both the sample-exact and the block-resolution path."""
    rng = np.random.default_rng(attack)
    env = np.repeat(rng.choice([0.05, 0.5, 1.0, 2.0], size=40), SR // 40)
    peak = np.abs(rng.standard_normal(env.size) * env)
    peak[0] = 3.0  # a peak at the very start
    thr = 10 ** (-9 / 20)
    coef = np.exp(-1 / (0.05 * SR))
    if attack >= 2 * level.LIMITER_BLOCKS_PER_ATTACK:
        gain = level.limiter_block_gain(peak.astype(np.float32), thr, attack, coef).astype(np.float64)
    else:
        gain = 10 ** (-level.limiter_gain_db(peak.astype(np.float32), thr, attack, coef).astype(np.float64) / 20)
    assert np.max(peak * gain) <= thr * (1 + 1e-6)


def test_k_weighting_matches_the_standards_48k_coefficients():
    sos = level.k_weighting_sos(48000)
    assert np.allclose(sos[0], [1.53512485958697, -2.69169618940638, 1.19839281085285, 1.0, -1.69065929318241,
                                0.73248077421585], atol=1e-8)
    assert np.allclose(sos[1], [1.0, -2.0, 1.0, 1.0, -1.99004745483398, 0.99007225036621], atol=1e-8)


@pytest.mark.parametrize("sr", [48000, 44100, 16000])
def test_reference_tone_loudness(sr):
    """BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS."""
    x = tone(997.0, 5.0, sr, amp=1.0, dtype=np.float64)
    assert level.integrated_loudness(x, sr) == pytest.approx(-3.01, abs=0.1)
    assert level.integrated_loudness(np.stack([x, x]), sr) == pytest.approx(-3.01 + 10 * math.log10(2), abs=0.1)


@pytest.mark.parametrize("target", [-23.0, -14.0, -31.0])
def test_loudness_normalization_hits_the_target_within_half_a_lu(target):
    x = tone(997.0, 3.0, SR, amp=0.3)
    y, g, _ = level.loudness_normalization(x, SR, target)
    assert y.dtype == np.float32
    measured = level.integrated_loudness(y, SR)
    assert measured == pytest.approx(target, abs=0.5)
    # independent check through the reference: amplitude a reads -3.01 + 20 log10(a)
    assert -3.01 + 20 * math.log10(0.3 * 10 ** (g / 20)) == pytest.approx(target, abs=0.5)


def test_gating_ignores_silence_and_silence_is_minus_inf():
    x = tone(997.0, 2.0, SR, amp=1.0, dtype=np.float64)
    padded = np.concatenate([np.zeros(SR * 4), x, np.zeros(SR * 4)])
    # the absolute gate drops the 70 silent blocks; the 6 blocks straddling the edges (75/50/25 % tone) pass
    # the relative gate: 17 full + 2 x 1.5 = 20 blocks' power over 23 blocks
    assert level.integrated_loudness(padded, SR) == pytest.approx(-3.01 + 10 * math.log10(20 / 23), abs=0.05)
    assert level.integrated_loudness(np.zeros(SR), SR) == -math.inf
    y, g, lufs = level.loudness_normalization(np.zeros(SR, np.float32), SR, -23.0)
    assert lufs == -math.inf
    assert g == 0.0 and not y.any()


def test_rms_of_a_sine_and_of_a_constant():
    x = np.sin(2 * np.pi * 100.0 * np.arange(8000) / 8000).astype(np.float32)
    assert math.isclose(level.rms(x), 1 / math.sqrt(2), rel_tol=1e-6)
    assert level.rms(np.full((2, 10), -3.0)) == 3.0
    assert level.rms(np.zeros((2, 0))) == 0.0


def test_rms_of_integers_and_of_huge_float32_does_not_overflow():
    assert level.rms(np.array([3, 4, 3, 4], dtype=np.int16)) == math.sqrt(12.5)
    big = np.full(1000, 3e38, np.float32)  # the squares overflow float32
    assert math.isclose(level.rms(big), 3e38, rel_tol=1e-6)


def test_normalize_whole_signal_keeps_the_balance_per_channel_does_not():
    x = np.stack([np.full(8, 0.5), np.full(8, -0.25)]).astype(np.float32)
    whole = level.normalize(x, np.inf)
    assert whole.dtype == np.float32 and np.allclose(whole[:, 0], [1.0, -0.5])
    per = level.normalize(x, np.inf, per_channel=True)
    assert np.allclose(per[:, 0], [1.0, -1.0])
    assert np.allclose(level.normalize(np.array([3.0, 4.0]), 2.0), [0.6, 0.8])  # 2-norm 5 -> 1


def test_normalize_silence_and_fill():
    z = np.zeros(4, np.float32)
    assert not level.normalize(z, np.inf).any()
    assert np.allclose(level.normalize(z, np.inf, fill=True), 1.0)
    assert np.allclose(level.normalize(np.zeros(4), 2.0, fill=True), 0.5)  # constant with 2-norm 1
    assert level.normalize(z, None) is not z


def test_limit_peaks_relative_threshold_is_below_the_peak():
    x = 0.5 * np.sin(np.linspace(0, 20 * np.pi, SR // 10)).astype(np.float32)
    y, ceiling = level.limit_peaks(x, SR, -6.0, 0.001, 0.05, relative=True)
    assert ceiling == pytest.approx(-6.0 + 20 * math.log10(0.5), abs=1e-4)
    assert np.max(np.abs(y)) <= 10 ** (ceiling / 20) * (1 + 1e-6)
    silent, none = level.limit_peaks(np.zeros(10, np.float32), SR, -6.0, 0.001, 0.05, relative=True)
    assert none is None and not silent.any()
