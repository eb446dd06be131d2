"""Level kernels: gain, gain transitions, polarity, a look-ahead peak limiter and ITU-R BS.1770 loudness.

All functions take mono ``(n,)`` or channels-first ``(channels, n)`` float arrays, return a new array of the
same shape and dtype (float32 stays float32) and never modify their input.

Loudness is our own implementation of ITU-R BS.1770-4 (no pyloudnorm): K-weighting (the standard's
pre-filter high shelf + RLB high-pass, designed for any sample rate from their analogue parameters),
mean square over 400 ms blocks with 75 % overlap, absolute gate at -70 LUFS, relative gate at -10 LU.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ...core.errors import InvalidParameterError
from .biquad import sos_filter
from .channels import as_2d, like_input

# BS.1770 K-weighting stages as (f0 Hz, Q, gain dB): the analogue prototypes behind the standard's 48 kHz
# coefficients (stage 1: +4 dB high shelf of the head; stage 2: the RLB high-pass).
K_SHELF = (1681.974450955533, 0.7071752369554196, 3.999843853973347)
K_HIGHPASS = (38.13547087602444, 0.5003270373238773)
BLOCK_S = 0.4  # gating block (s)
BLOCK_OVERLAP = 0.75
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0


def snr_gain(a_rms: float, b_rms: float, snr_db: float, argument: str) -> float | None:
    """g such that 20 log10(a_rms / (g · b_rms)) = snr_db; None when either RMS is 0 or g is below float resolution
    (add nothing). Extreme SNRs (±1e9 dB) are computed in the log domain, so they neither overflow nor divide by 0;
    a gain that would overflow float32 (an SNR far below −600 dB) is refused naming ``argument``."""
    if a_rms <= 0.0 or b_rms <= 0.0:
        return None
    if abs(snr_db) <= 600.0:
        den = b_rms * 10.0 ** (snr_db / 20.0)
        if den > 0.0 and math.isfinite(den):
            g = a_rms / den
            if math.isfinite(g):
                return g
    log_g = math.log10(a_rms) - math.log10(b_rms) - snr_db / 20.0
    if log_g < -300.0:  # the added signal would be 10**-300 of the input: nothing to add
        return None
    if log_g > 30.0:
        raise InvalidParameterError(
            f"argument '{argument}'={snr_db} dB asks for a gain of 10**{log_g:.3g}: the mix would overflow float32; "
            "use an SNR above about -600 dB", argument=argument)
    return 10.0**log_g


def rms(x: np.ndarray) -> float:
    """Root mean square over every sample of every channel (0.0 for empty input)."""
    if x.size == 0:
        return 0.0
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float64)
    flat = x.reshape(-1)  # a view for contiguous input
    # one BLAS dot product (blocked SIMD accumulators: relative error ~1e-7 on 10 s of float32 audio,
    # 6x faster than square + pairwise sum)
    with np.errstate(over="ignore", invalid="ignore"):
        energy = float(np.dot(flat, flat))
    if not math.isfinite(energy):  # float32 overflow of huge (finite) samples: sum in float64
        energy = float(np.dot(flat.astype(np.float64), flat.astype(np.float64)))
    return math.sqrt(energy / x.size)


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

    Only the ramp's samples get a per-sample gain; before and after it one constant gain each (same values as
    :func:`gain_envelope_db`).

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        start: first sample of the transition.
        length: transition length in samples (>= 0).
        start_db, end_db: gain before / after the transition in dB.
    """
    n = audio.shape[-1]
    a = min(max(start, 0), n)
    b = min(max(start + max(length, 0), 0), n) if length > 0 else a
    out = np.empty_like(audio)
    np.multiply(audio[..., :a], audio.dtype.type(db_to_amplitude(start_db)), out=out[..., :a])
    np.multiply(audio[..., b:], audio.dtype.type(db_to_amplitude(end_db)), out=out[..., b:])
    if b > a:  # the ramp: exp of a straight line in dB, in float32 for float32 audio
        if length <= _RAMP_CACHE_MAX:  # the whole ramp, cached: a drawn start needs no exp, only its slice
            env = _gain_ramp(length, float(start_db), float(end_db), audio.dtype)[a - start: b - start]
        else:
            env = _gain_ramp_part(a - start, b - start, length, start_db, end_db, audio.dtype)
        np.multiply(audio[..., a:b], env, out=out[..., a:b])
    return out


#: longest fade (samples) whose whole gain ramp :func:`_gain_ramp` keeps (4 MB in float64; 4 ramps kept at most)
_RAMP_CACHE_MAX = 1 << 19


def _gain_ramp_part(i0: int, i1: int, length: int, start_db: float, end_db: float, dtype: np.dtype) -> np.ndarray:
    """Gains of ramp samples ``i0 .. i1 - 1`` (0 = the ramp's first sample) of a ``length``-sample ramp from
    ``start_db`` to ``end_db``: exp of a straight line in dB, the line in float64, exp in ``dtype``'s precision.
    Each value depends only on its own index, so a slice of the whole ramp equals the part computed alone."""
    line = np.arange(i0, i1, dtype=np.float64)  # in place: one temporary
    line /= length
    line *= end_db - start_db
    line += start_db
    line *= math.log(10.0) / 20.0
    env = line.astype(dtype)
    np.exp(env, out=env)
    return env


@functools.lru_cache(maxsize=4)
def _gain_ramp(length: int, start_db: float, end_db: float, dtype: np.dtype) -> np.ndarray:
    """The whole ramp of :func:`_gain_ramp_part` (read-only, cached: the fade's start is drawn per call, its
    length and gains are the caller's fixed arguments)."""
    env = _gain_ramp_part(0, length, length, start_db, end_db, dtype)
    env.flags.writeable = False
    return env


def _forward_max(a: np.ndarray, width: int) -> np.ndarray:
    """out[n] = max(a[n : n + width]) along the last axis (the window is cut at the end)."""
    from scipy.ndimage import maximum_filter1d  # lazy: scipy.ndimage costs ~0.1 s to import

    if width <= 1:
        return a.copy()
    # maximum_filter1d centres the window; origin shifts it so that it covers [n, n + width)
    return maximum_filter1d(a, size=width, axis=-1, mode="constant", cval=0.0, origin=-(width // 2))


def _moving_average_backward(a: np.ndarray, width: int) -> np.ndarray:
    """out[n] = mean(a[n - width + 1 : n + 1]) along the last axis of a 1-D array, with a[0] repeated before the
    start (a look-ahead limiter starts already at the reduction its first samples need); float64 sums."""
    if width <= 1:
        return a.astype(np.float64, copy=True)
    c = np.cumsum(np.concatenate([np.full(width - 1, a[0], dtype=np.float64), a.astype(np.float64)]))
    out = c[width - 1:].copy()
    out[1:] -= c[: c.size - width]
    return out / width


RELEASE_BLOCK = 2048  # samples per step of :func:`_exponential_release` (short: coef^-k stays small)


def _exponential_release(a: np.ndarray, coef: float) -> np.ndarray:
    """out[n] = max(a[n], coef * out[n - 1]) (out[-1] = 0) along the last axis of a 1-D ``a`` >= 0, 0 <= coef < 1.

    Vectorised without logs: within a block, out[b0 + k] = coef^k · cummax_j(a[b0 + j] · coef^-j) with the
    previous block's last value entering as the first term; blocks of :data:`RELEASE_BLOCK` samples keep
    coef^-k finite and the weights precomputed once. Computed in ``a``'s precision."""
    if coef <= 0.0:
        return a.copy()
    n = a.shape[-1]
    lc = -math.log(coef)
    block = max(1, min(n, RELEASE_BLOCK, int(60.0 / lc)))
    k = np.arange(block, dtype=np.float64)
    up, down = np.exp(k * lc).astype(a.dtype), np.exp(-k * lc).astype(a.dtype)  # coef^-k, coef^k
    out = np.empty_like(a)
    carry = 0.0
    for b0 in range(0, n, block):
        b1 = min(n, b0 + block)
        m = b1 - b0
        seg = out[b0:b1]
        np.multiply(a[b0:b1], up[:m], out=seg)
        if carry * coef > seg[0]:
            seg[0] = carry * coef
        np.maximum.accumulate(seg, out=seg)
        seg *= down[:m]
        carry = float(seg[-1])
    return out


def limiter_gain_db(peak: np.ndarray, threshold: float, attack: int, release_coef: float) -> np.ndarray:
    """Gain reduction in dB (>= 0, float32) of a look-ahead peak limiter for the linked peak envelope ``peak``.

    The reduction each sample needs, ``max(0, 20 log10(peak / threshold))``, is (1) held over the next
    ``attack`` samples (forward maximum: the look-ahead), (2) averaged over the last ``attack`` samples (a
    linear-in-dB attack ramp that ends exactly where the reduction is needed), (3) released exponentially
    (``release_coef`` per sample). Each step only raises the reduction, so every output sample is at or below
    ``threshold``.
    """
    need = np.zeros(peak.shape, dtype=np.float32)  # float32: dB values, the ramp's sums are float64
    over = peak > threshold
    need[over] = 20.0 * np.log10(peak[over] / threshold)
    held = _forward_max(need, attack)
    ramp = _moving_average_backward(held, attack).astype(np.float32)
    return _exponential_release(ramp, release_coef)


RELEASE_FLOOR_DB = 1e-7  # a reduction below this changes no float32 sample (gain rounds to 1.0)
LIMITER_BLOCKS_PER_ATTACK = 4  # the gain is computed on blocks of attack / 4 samples (attack >= 8 samples)


def limiter_block_gain(peak: np.ndarray, threshold: float, attack: int, release_coef: float,
                       out: np.ndarray | None = None) -> np.ndarray:
    """Per-sample linear gain (float32, <= 1) of the same limiter computed on blocks of ``s = attack // 4``
    samples and interpolated linearly between block boundaries.

    With ``M[j]`` the reduction (dB) block ``j`` needs (from its peak), the hold is widened by one block on each
    side (``H[j] = max M[j-1 .. j+L]``, ``L = ceil(attack / s)``), ramped over ``L`` blocks and released per
    block (``coef^s``); each boundary takes the smaller gain of its two blocks. Every sample of block ``j`` then
    gets a gain of at most ``10^(-M[j]/20)`` (a linear interpolation never exceeds its larger end): the
    ceiling holds exactly as in :func:`limiter_gain_db`, while the gain moves up to one block (attack / 4)
    earlier. Cost: a few passes over the signal instead of three sequential scans.

    ``out``: a float32 ``(n,)`` array to write the gain into (it may be ``peak`` itself: the envelope is read
    before the gain is written); a fresh array when None. A fresh multi-megabyte array costs more in page
    faults than the arithmetic that fills it.
    """
    n = peak.shape[-1]
    s = attack // LIMITER_BLOCKS_PER_ATTACK
    # block maxima in one reduceat (2x faster than reshape(-1, s).max(axis=1), whose rows are short)
    bmax = np.maximum.reduceat(peak, np.arange(0, n, s)).astype(np.float64)
    nb = bmax.size
    need = np.zeros(nb)
    over = bmax > threshold
    need[over] = 20.0 * np.log10(bmax[over] / threshold)
    lb = -(-attack // s)
    held = _forward_max(np.concatenate([[need[0]], need]), lb + 2)[:nb]
    ramp = _moving_average_backward(held, lb)
    rel = _exponential_release(ramp, release_coef ** s if release_coef > 0 else 0.0)
    knots = np.empty(nb + 1)
    knots[0], knots[-1] = rel[0], rel[-1]
    knots[1:-1] = np.maximum(rel[:-1], rel[1:])
    g = (10.0 ** (-knots / 20.0)).astype(np.float32)
    frac = np.arange(s, dtype=np.float32) / np.float32(s)
    gain = np.empty(n, np.float32) if out is None else out
    full = n // s
    blocks = gain[: full * s].reshape(full, s)  # linear from knot j to knot j + 1 over block j, in place
    np.multiply((g[1: full + 1] - g[:full])[:, None], frac[None, :], out=blocks)
    blocks += g[:full, None]
    if n > full * s:  # the last, partial block
        gain[full * s:] = (g[full + 1] - g[full]) * frac[: n - full * s] + g[full]
    return gain


def limiter(audio: np.ndarray, sample_rate: int, threshold_db: float, attack_s: float, release_s: float
            ) -> np.ndarray:
    """Look-ahead peak limiter: no output sample's magnitude exceeds ``10^(threshold_db / 20)``.

    Channels are linked (one gain from the largest magnitude across channels, so the stereo image stays). The
    gain reaches its reduction ``attack_s`` before the peak that needs it (look-ahead, so nothing overshoots,
    with a linear-in-dB ramp; the signal starts already reduced when its first samples need it) and recovers
    with the exponential time constant ``release_s``.

    Attacks of 8 samples or more are computed at a resolution of attack / 4 (:func:`limiter_block_gain`);
    shorter ones sample by sample (:func:`limiter_gain_db`), only in the stretches around samples above the
    threshold (up to where the release has decayed below :data:`RELEASE_FLOOR_DB`); the rest is copied.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        sample_rate: in Hz.
        threshold_db: ceiling in dBFS (< 0 for a limiter; any finite value allowed).
        attack_s: attack (look-ahead) time in seconds (>= 0).
        release_s: release time constant in seconds (>= 0; 0 = instant).
    """
    return _limit(audio, peak_envelope(audio), threshold_db, sample_rate, attack_s, release_s)


def peak_envelope(audio: np.ndarray) -> np.ndarray:
    """Largest magnitude across channels at each sample (``(n,)``, the input's dtype)."""
    x2 = as_2d(audio)
    return np.max(np.abs(x2), axis=0) if x2.shape[0] > 1 else np.abs(x2[0])


def _limit(audio: np.ndarray, peak: np.ndarray, threshold_db: float, sample_rate: int, attack_s: float,
           release_s: float) -> np.ndarray:
    """:func:`limiter` given the input's :func:`peak_envelope` (a fresh array this function may overwrite)."""
    x2 = as_2d(audio)
    n = x2.shape[-1]
    thr = db_to_amplitude(threshold_db)
    if not float(np.max(peak)) > thr:
        return np.array(audio, copy=True)
    attack = max(1, round(attack_s * sample_rate))
    coef = math.exp(-1.0 / (release_s * sample_rate)) if release_s > 0 else 0.0
    ceiling = x2.dtype.type(thr)
    if attack >= 2 * LIMITER_BLOCKS_PER_ATTACK:
        if x2.dtype == np.float32:  # the envelope's buffer takes the gain, then (mono) the output
            gain = limiter_block_gain(peak, thr, attack, coef, out=peak)
            out = np.multiply(gain[None, :], x2, out=gain[None, :]) if x2.shape[0] == 1 else x2 * gain
        else:
            out = x2 * limiter_block_gain(peak, thr, attack, coef).astype(x2.dtype)
        # rounding guard (a product may land one ulp above): np.clip's one SIMD pass (the same values as
        # np.minimum then np.maximum, whose float32 loops with a scalar take ~3x as long: 332 vs 50 us per 10 s)
        np.clip(out, -ceiling, ceiling, out=out)
        return like_input(out, audio)
    to_gain = np.float32(-math.log(10.0) / 20.0)
    over = np.flatnonzero(peak > thr)
    out = np.array(x2, copy=True)
    worst = 20.0 * math.log10(float(peak[over].max()) / thr)
    tail = math.ceil(release_s * sample_rate * math.log(max(worst, RELEASE_FLOOR_DB) / RELEASE_FLOOR_DB)) + 1
    # stretches of exceedances closer than their reach (look-ahead + ramp + release) are computed together
    split = np.flatnonzero(np.diff(over) > 2 * attack + tail) + 1
    firsts, lasts = over[np.r_[0, split]], over[np.r_[split - 1, over.size - 1]]
    for first, last in zip(firsts.tolist(), lasts.tolist()):
        a, b = max(0, first - attack + 1), min(n, last + attack + tail)
        red = limiter_gain_db(peak[a:b], thr, attack, coef)
        red *= to_gain
        seg = out[:, a:b]
        seg *= np.exp(red).astype(out.dtype, copy=False)
        np.clip(seg, -ceiling, ceiling, out=seg)
    return like_input(out, audio)


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


def integrated_loudness(audio: np.ndarray, sample_rate: int, scratch: np.ndarray | None = None) -> float:
    """Gated integrated loudness in LUFS (ITU-R BS.1770-4), every channel weighted 1.0.

    Returns ``-inf`` for silence or input shorter than one 400 ms block with nothing above the absolute gate.
    ``scratch``: an array of ``audio``'s shape and dtype (float32/float64, C-contiguous) that receives the
    K-weighted signal (both filter stages in place: no full-size allocation); a fresh one when None.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array.
        sample_rate: in Hz.
    """
    x = as_2d(audio)
    sos = k_weighting_sos(sample_rate)
    if scratch is None:
        y = sos_filter(sos_filter(x, sos[0:1]), sos[1:2])  # in the input's precision
    else:
        y = sos_filter(x, sos[0:1], out=as_2d(scratch))
        sos_filter(y, sos[1:2], out=y)
    n = y.shape[-1]
    block = round(BLOCK_S * sample_rate)
    step = max(1, round(block * (1.0 - BLOCK_OVERLAP)))
    if n < block:  # one (short) block: the whole signal
        z = np.mean(np.square(y, dtype=np.float64), axis=-1, keepdims=True)
    elif block == 4 * step:  # energies of whole steps (one pass), each block = 4 consecutive steps
        k = n // step
        yk = y[:, : k * step].reshape(y.shape[0], k, step)
        steps = np.einsum("cij,cij->ci", yk, yk).astype(np.float64)  # per-step dot products (SIMD)
        c = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(steps, axis=-1)], axis=-1)
        z = (c[:, 4:] - c[:, :-4]) / block  # (channels, blocks) mean squares
    else:
        c = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(np.square(y, dtype=np.float64), axis=-1)], axis=-1)
        starts = np.arange(0, n - block + 1, step)
        z = (c[:, starts + block] - c[:, starts]) / block
    power = z.sum(axis=0)
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10.0 * np.log10(power)
    keep = lk > ABSOLUTE_GATE_LUFS
    if not keep.any():
        return -math.inf
    rel = -0.691 + 10.0 * math.log10(float(power[keep].mean())) + RELATIVE_GATE_LU
    keep &= lk > rel
    return -0.691 + 10.0 * math.log10(float(power[keep].mean()))


def loudness_normalization(audio: np.ndarray, sample_rate: int, target_lufs: float
                           ) -> tuple[np.ndarray, float, float]:
    """Scale ``audio`` so that its integrated loudness is ``target_lufs``; returns (audio, applied gain in dB,
    measured input loudness in LUFS).

    Silent input (loudness -inf) is returned unchanged with gain 0 dB. Samples are not clipped.
    """
    # the output's buffer holds the K-weighted signal first: one full-size allocation per call (fresh
    # multi-megabyte temporaries cost more in page faults than the filtering)
    out = np.empty(audio.shape, audio.dtype) if audio.dtype in (np.float32, np.float64) else None
    lufs = integrated_loudness(audio, sample_rate, scratch=out)
    if not math.isfinite(lufs):
        return audio.copy(), 0.0, lufs
    gain_db = target_lufs - lufs
    if out is None:
        return apply_gain(audio, gain_db), gain_db, lufs
    return np.multiply(audio, audio.dtype.type(db_to_amplitude(gain_db)), out=out), gain_db, lufs  # apply_gain


# --------------------------------------------------------------------------------------------------
# norm normalisation (librosa's util.normalize semantics on audio)
# --------------------------------------------------------------------------------------------------
def _vector_norm(mag: np.ndarray, norm: float, axis: int | None) -> np.ndarray:
    if norm == np.inf:
        return np.max(mag, axis=axis, keepdims=True)
    if norm == -np.inf:
        return np.min(mag, axis=axis, keepdims=True)
    if norm == 0:
        return np.sum(mag > 0, axis=axis, keepdims=True).astype(np.float64)
    return np.sum(mag ** norm, axis=axis, keepdims=True) ** (1.0 / norm)


def normalize(audio: np.ndarray, norm: float | None, per_channel: bool = False, threshold: float | None = None,
              fill: bool | None = None) -> np.ndarray:
    """``audio`` divided by its ``norm`` (inf = peak, -inf = smallest magnitude, 0 = count of non-zero samples,
    p > 0 = p-norm), over the whole signal (one gain: the channel balance is kept) or ``per_channel``.

    Args:
        audio: ``(n,)`` or ``(channels, n)`` float array; a new array is returned (None norm: a copy).
        norm: the norm that becomes 1, or None (no change).
        per_channel: one gain per channel instead of one for the whole signal.
        threshold: norms below this count as silence (> 0; None = the smallest positive float32).
        fill: silent signals/channels: None = left as they are, False = zeros, True = the constant whose norm
            is 1 (not with ``norm`` 0). Never NaN.
    """
    if norm is None:
        return audio.copy()
    red: int | None = -1 if per_channel else None
    thr = float(np.finfo(np.float32).tiny) if threshold is None else threshold
    if norm == np.inf:
        # peak normalisation (the default): two reductions and one division in the input's precision
        x2 = as_2d(audio)
        if red is None:
            length = np.asarray(max(float(x2.max()), -float(x2.min()))).reshape(1, 1)
        else:
            length = np.maximum(x2.max(axis=-1, keepdims=True), -x2.min(axis=-1, keepdims=True)).astype(np.float64)
    else:
        x2 = as_2d(np.asarray(audio, dtype=np.float64))
        length = _vector_norm(np.abs(x2), norm, red)
    small = length < thr
    out = x2 / np.where(small, 1.0, length).astype(x2.dtype)
    if small.any() and fill is not None:
        if fill is False:
            out = np.where(small, out.dtype.type(0.0), out)
        else:
            count = x2.size if red is None else x2.shape[-1]
            value = 1.0 if math.isinf(norm) else count ** (-1.0 / norm)
            out = np.where(small, out.dtype.type(value), out)
    return like_input(out, audio)


def limit_peaks(audio: np.ndarray, sample_rate: int, threshold_db: float, attack_s: float, release_s: float,
                relative: bool) -> tuple[np.ndarray, float | None]:
    """:func:`limiter` with the ceiling given in dBFS or (``relative``) in dB below the input's peak.

    Returns (limited audio, ceiling in dBFS); silent input with a relative threshold: (a copy, None)."""
    ceiling_db = threshold_db
    envelope = peak_envelope(audio)  # computed once: the relative threshold and the limiter both need it
    if relative:
        peak = float(np.max(envelope))
        if peak == 0.0:
            return audio.copy(), None
        ceiling_db = threshold_db + 20.0 * np.log10(peak)
    return _limit(audio, envelope, ceiling_db, sample_rate, attack_s, release_s), float(ceiling_db)
