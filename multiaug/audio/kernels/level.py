"""Level kernels: gain, gain transitions, polarity, a look-ahead peak limiter and ITU-R BS.1770 loudness.

All functions take mono ``(n,)`` or channels-first ``(channels, n)`` float arrays, return a new array of the
same shape and dtype (float32 stays float32) and never modify their input.

Loudness is our own implementation of ITU-R BS.1770-4 (no pyloudnorm): K-weighting (the standard's
pre-filter high shelf + RLB high-pass, designed for any sample rate from their analogue parameters),
mean square over 400 ms blocks with 75 % overlap, absolute gate at -70 LUFS, relative gate at -10 LU.
"""

from __future__ import annotations

import math

import numpy as np

from .. import dsp

# BS.1770 K-weighting stages as (f0 Hz, Q, gain dB): the analogue prototypes behind the standard's 48 kHz
# coefficients (stage 1: +4 dB high shelf of the head; stage 2: the RLB high-pass).
K_SHELF = (1681.974450955533, 0.7071752369554196, 3.999843853973347)
K_HIGHPASS = (38.13547087602444, 0.5003270373238773)
BLOCK_S = 0.4  # gating block (s)
BLOCK_OVERLAP = 0.75
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0


def db_to_amplitude(db: float) -> float:
    """Amplitude ratio of ``db`` decibels: 10^(db / 20)."""
    return 10.0 ** (db / 20.0)


def apply_gain(audio: np.ndarray, gain_db: float) -> np.ndarray:
    """``audio`` × 10^(gain_db / 20) in the input's precision (no clipping).

    Args:
        audio: float array, any shape.
        gain_db: gain in dB (finite).
    """
    return np.multiply(audio, audio.dtype.type(db_to_amplitude(gain_db)))


def polarity_inversion(audio: np.ndarray) -> np.ndarray:
    """``-audio`` (every sample's sign flipped; the magnitude spectrum is unchanged)."""
    return np.negative(audio)


def gain_envelope_db(n: int, start: int, length: int, start_db: float, end_db: float) -> np.ndarray:
    """Per-sample gain in dB (float64, ``n`` values): ``start_db`` before sample ``start``, a straight line in dB
    to ``end_db`` over ``length`` samples, ``end_db`` after.

    Args:
        n: number of samples (>= 0).
        start: first sample of the ramp (may be negative or past the end: the ramp is cut).
        length: ramp length in samples (>= 0; 0 = a step at ``start``).
        start_db, end_db: gains before and after the ramp, in dB.
    """
    idx = np.arange(n, dtype=np.float64)
    if length <= 0:
        return np.where(idx < start, start_db, end_db)
    frac = np.clip((idx - start) / length, 0.0, 1.0)
    return start_db + (end_db - start_db) * frac


def gain_transition(audio: np.ndarray, start: int, length: int, start_db: float, end_db: float) -> np.ndarray:
    """Fade from ``start_db`` to ``end_db`` (linear in dB) over ``length`` samples starting at sample ``start``.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        start: first sample of the transition.
        length: transition length in samples (>= 0).
        start_db, end_db: gain before / after the transition in dB.
    """
    env = 10.0 ** (gain_envelope_db(audio.shape[-1], start, length, start_db, end_db) / 20.0)
    return audio * env.astype(audio.dtype)


def _forward_max(a: np.ndarray, width: int) -> np.ndarray:
    """out[n] = max(a[n : n + width]) along the last axis (the window is cut at the end)."""
    from scipy.ndimage import maximum_filter1d  # lazy: scipy.ndimage costs ~0.1 s to import

    if width <= 1:
        return a.copy()
    # maximum_filter1d centres the window; origin shifts it so that it covers [n, n + width)
    return maximum_filter1d(a, size=width, axis=-1, mode="constant", cval=0.0, origin=-(width // 2))


def _moving_average_backward(a: np.ndarray, width: int) -> np.ndarray:
    """out[n] = mean(a[n - width + 1 : n + 1]) along the last axis, zero before the start (float64)."""
    if width <= 1:
        return a.astype(np.float64, copy=True)
    c = np.cumsum(a, axis=-1, dtype=np.float64)
    out = c.copy()
    out[..., width:] -= c[..., :-width]
    return out / width


def _exponential_release(a: np.ndarray, coef: float) -> np.ndarray:
    """out[n] = max(a[n], coef * out[n - 1]) along the last axis, for a >= 0 and 0 <= coef < 1 (float64).

    Vectorised: out[n] = max_k a[k] coef^(n - k), so in logs out[n] = n log c + cummax(log a[k] - k log c)."""
    if coef <= 0.0:
        return a.astype(np.float64, copy=True)
    lc = math.log(coef)
    n = a.shape[-1]
    out = np.empty(a.shape, dtype=np.float64)
    block = max(1, int(600.0 / -lc))  # keep |k log c| below ~600 within a block (no overflow of exp)
    carry = np.zeros(a.shape[:-1])
    with np.errstate(divide="ignore"):
        for b0 in range(0, n, block):
            b1 = min(n, b0 + block)
            k = np.arange(b1 - b0, dtype=np.float64) * lc
            la = np.log(a[..., b0:b1]) - k
            la[..., 0] = np.maximum(la[..., 0], np.log(np.maximum(carry * coef, 0.0)))
            np.maximum.accumulate(la, axis=-1, out=la)
            out[..., b0:b1] = np.exp(la + k)
            carry = out[..., b1 - 1]
    return out


def limiter_gain_db(peak: np.ndarray, threshold: float, attack: int, release_coef: float) -> np.ndarray:
    """Gain reduction in dB (>= 0, float64) of a look-ahead peak limiter for the linked peak envelope ``peak``.

    The reduction each sample needs, ``max(0, 20 log10(peak / threshold))``, is (1) held over the next
    ``attack`` samples (forward maximum: the look-ahead), (2) averaged over the last ``attack`` samples (a
    linear-in-dB attack ramp that ends exactly where the reduction is needed), (3) released exponentially
    (``release_coef`` per sample). Each step only raises the reduction, so every output sample is at or below
    ``threshold``.
    """
    with np.errstate(divide="ignore"):
        need = np.maximum(0.0, 20.0 * np.log10(np.maximum(peak, 1e-300) / threshold))
    held = _forward_max(need, attack)
    ramp = _moving_average_backward(held, attack)
    return _exponential_release(ramp, release_coef)


def limiter(audio: np.ndarray, sample_rate: int, threshold_db: float, attack_s: float, release_s: float
            ) -> np.ndarray:
    """Look-ahead peak limiter: no output sample's magnitude exceeds ``10^(threshold_db / 20)``.

    Channels are linked (one gain from the largest magnitude across channels, so the stereo image stays). The
    gain reaches its reduction ``attack_s`` before the peak that needs it (look-ahead, so nothing overshoots,
    with a linear-in-dB ramp) and recovers with the exponential time constant ``release_s``.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        sample_rate: in Hz.
        threshold_db: ceiling in dBFS (< 0 for a limiter; any finite value allowed).
        attack_s: attack (look-ahead) time in seconds (>= 0).
        release_s: release time constant in seconds (>= 0; 0 = instant).
    """
    x2 = dsp.as_2d(audio)
    peak = np.max(np.abs(x2), axis=0) if x2.shape[0] > 1 else np.abs(x2[0])
    thr = db_to_amplitude(threshold_db)
    attack = max(1, round(attack_s * sample_rate))
    coef = math.exp(-1.0 / (release_s * sample_rate)) if release_s > 0 else 0.0
    red = limiter_gain_db(peak.astype(np.float64), thr, attack, coef)
    gain = (10.0 ** (-red / 20.0)).astype(audio.dtype)
    out = x2 * gain
    # rounding guard (float32 products may land one ulp above the ceiling)
    np.clip(out, -thr, thr, out=out)
    return dsp.like_input(out, audio)


# --------------------------------------------------------------------------------------------------
# ITU-R BS.1770 loudness
# --------------------------------------------------------------------------------------------------
def k_weighting_sos(sample_rate: float) -> np.ndarray:
    """The two K-weighting biquads at ``sample_rate`` as a ``(2, 6)`` SOS array (bilinear transform of the
    analogue shelf and high-pass; at 48 kHz they match the coefficients printed in BS.1770 to ~1e-8)."""
    f0, q, gain_db = K_SHELF
    k = math.tan(math.pi * f0 / sample_rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh ** 0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    f0, q = K_HIGHPASS
    k = math.tan(math.pi * f0 / sample_rate)
    a0 = 1.0 + k / q + k * k
    hp = [1.0, -2.0, 1.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return np.array([shelf, hp])


def integrated_loudness(audio: np.ndarray, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS (ITU-R BS.1770-4), every channel weighted 1.0.

    Returns ``-inf`` for silence or input shorter than one 400 ms block with nothing above the absolute gate.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        sample_rate: in Hz.
    """
    x = dsp.as_2d(np.asarray(audio, dtype=np.float64))
    sos = k_weighting_sos(sample_rate)
    y = dsp.sos_filter(dsp.sos_filter(x, sos[0:1]), sos[1:2])
    n = y.shape[-1]
    block = round(BLOCK_S * sample_rate)
    step = max(1, round(block * (1.0 - BLOCK_OVERLAP)))
    if n < block:  # one (short) block: the whole signal
        z = np.mean(y * y, axis=-1, keepdims=True)
    else:
        c = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(y * y, axis=-1)], axis=-1)
        starts = np.arange(0, n - block + 1, step)
        z = (c[:, starts + block] - c[:, starts]) / block  # (channels, blocks) mean squares
    power = z.sum(axis=0)
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10.0 * np.log10(power)
    keep = lk > ABSOLUTE_GATE_LUFS
    if not keep.any():
        return -math.inf
    rel = -0.691 + 10.0 * math.log10(float(power[keep].mean())) + RELATIVE_GATE_LU
    keep &= lk > rel
    return -0.691 + 10.0 * math.log10(float(power[keep].mean()))


def loudness_normalization(audio: np.ndarray, sample_rate: int, target_lufs: float) -> tuple[np.ndarray, float]:
    """Scale ``audio`` so that its integrated loudness is ``target_lufs``; returns (audio, applied gain in dB).

    Silent input (loudness -inf) is returned unchanged with gain 0 dB. Samples are not clipped.
    """
    lufs = integrated_loudness(audio, sample_rate)
    if not math.isfinite(lufs):
        return audio.copy(), 0.0
    gain_db = target_lufs - lufs
    return apply_gain(audio, gain_db), gain_db
