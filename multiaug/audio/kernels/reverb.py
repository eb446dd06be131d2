"""Reverberation: a Freeverb / sox ``reverb``-style comb + all-pass network applied as an FFT convolution with
its (cached) impulse response, and FFT convolution with a given impulse response."""

from __future__ import annotations

import math
import threading

import numpy as np
import scipy.fft as sfft

from .channels import as_2d, like_input, match_channels

COMB_LENGTHS = (1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617)  # samples at 44.1 kHz (Freeverb)
ALLPASS_LENGTHS = (225, 556, 441, 341)
STEREO_SPREAD = 12  # samples at 44.1 kHz added/subtracted per channel offset


def _comb_bank_ir(delays: tuple[int, ...], feedback: float, damp: float, length: int) -> np.ndarray:
    """Impulse response (``length`` samples, float64) of the sum of Freeverb's damped feedback combs.

    Same recursion as :func:`_comb_bank` for a unit impulse: comb ``i`` outputs
    o[t] = δ[t - d] + feedback * l[t - d],  l[t] = (1 - damp) * o[t] + damp * l[t - 1].
    All combs advance together in blocks of the shortest delay; each block reads the low-pass history
    of every comb with one ``take`` from a flat history buffer and runs the one-pole filters of all
    combs in one ``lfilter`` call."""
    from scipy.signal import lfilter  # lazy: scipy.signal costs ~0.3-1 s to import

    m = len(delays)
    dmin, dmax = min(delays), max(delays)
    stride = dmax + length  # per comb: dmax leading zeros, then l[0 .. length)
    hist = np.zeros(m * stride)
    base = (np.arange(m) * stride + dmax)[:, None] - np.asarray(delays)[:, None] + np.arange(dmin)[None, :]
    out = np.zeros(length)
    state = np.zeros((m, 1))
    b, a = np.array([1.0 - damp]), np.array([1.0, -damp])
    rows = hist.reshape(m, stride)
    for start in range(0, length, dmin):
        blen = min(dmin, length - start)
        o = hist.take(base[:, :blen] + start)
        o *= feedback
        hit = [i for i, d in enumerate(delays) if start <= d < start + blen]
        for i in hit:  # the impulse itself enters comb i at t = d_i
            o[i, delays[i] - start] += 1.0
        lp, state = lfilter(b, a, o, axis=-1, zi=state)
        rows[:, dmax + start: dmax + start + blen] = lp
        out[start: start + blen] = o.sum(axis=0)
    return out


def _allpass(x: np.ndarray, d: int, g: float = 0.5) -> np.ndarray:
    """Freeverb all-pass: v[n] = x[n] + g * v[n-d];  y[n] = v[n-d] - x[n].

    The recursion only links samples ``d`` apart, so the signal is folded into a ``(k, d)`` matrix whose
    rows are accumulated one after the other (one vector operation per row; one ``lfilter`` call down
    the columns when there are many short rows)."""
    n = x.shape[-1]
    k = -(-n // d)
    folded = np.zeros(k * d, dtype=np.float64)
    folded[:n] = x
    v2 = folded.reshape(k, d)
    if k <= 4096:
        for j in range(1, k):
            v2[j] += g * v2[j - 1]
        v = folded[:n]
    else:
        from scipy.signal import lfilter  # lazy: scipy.signal costs ~0.3-1 s to import

        v = lfilter([1.0], [1.0, -g], v2, axis=0).reshape(-1)[:n]
    y = -np.asarray(x, dtype=np.float64)
    if n > d:
        y[d:] += v[: n - d]
    return y


TAIL_TOLERANCE = 1e-7  # the reverberator's impulse response is cut where its envelope is below this (-140 dB)


def _freeverb_delays(sample_rate: int, room_scale: float, stereo_depth: float,
                     odd: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(comb delays, all-pass delays) in samples of an even (``odd=False``) or odd channel."""
    r = sample_rate / 44100.0
    scale = room_scale / 100.0 * 0.9 + 0.1
    offset = stereo_depth / 100.0 if odd else 0.0
    sign = 1.0
    combs, aps = [], []
    for length in COMB_LENGTHS:
        combs.append(max(1, int(scale * r * (length + STEREO_SPREAD * offset * sign) + 0.5)))
        sign = -sign
    for length in ALLPASS_LENGTHS:
        aps.append(max(1, int(r * (length + STEREO_SPREAD * offset * sign) + 0.5)))
        sign = -sign
    return tuple(combs), tuple(aps)


def _freeverb_feedback(reverberance: float) -> float:
    """Comb feedback on sox's logarithmic curve: 0.3 at reverberance 0, 0.98 at 100."""
    a = -1.0 / math.log(1.0 - 0.3)
    b = 100.0 / (math.log(1.0 - 0.98) * a + 1.0)
    return 1.0 - math.exp((reverberance - b) / (a * b))


def _freeverb_tail(feedback: float, combs: tuple[int, ...], aps: tuple[int, ...]) -> int:
    """Samples after which the impulse response stays below :data:`TAIL_TOLERANCE`.

    Every comb loses at least a factor ``feedback`` per trip round its delay line (the in-loop low-pass
    has unit gain at DC and less elsewhere); each all-pass (gain 0.5) adds at most 24 of its delays."""
    loops = math.log(TAIL_TOLERANCE) / math.log(feedback)
    return math.ceil(max(combs) * (loops + 1)) + 24 * sum(aps)


_IRS: dict[tuple, np.ndarray] = {}
_IRS_LOCK = threading.Lock()


def _freeverb_ir(combs: tuple[int, ...], aps: tuple[int, ...], feedback: float, damp: float,
                 length: int) -> np.ndarray:
    """The first ``length`` samples of the comb bank + all-pass chain's impulse response (float64,
    exact recursion, read-only). The longest response computed for each of the last 4 parameter sets is
    kept, so inputs of any length up to it reuse it."""
    key = (combs, aps, feedback, damp)
    h = _IRS.get(key)
    if h is not None and h.size >= length:
        return h[:length]
    h = _comb_bank_ir(combs, feedback, damp, length)
    for d in aps:
        h = _allpass(h, d)
    h.setflags(write=False)
    with _IRS_LOCK:
        _IRS.pop(key, None)
        while len(_IRS) >= 4:
            _IRS.pop(next(iter(_IRS)))
        _IRS[key] = h
    return h


_SPECTRA: dict[tuple, np.ndarray] = {}
_SPECTRA_LOCK = threading.Lock()
SPECTRUM_CACHE_BYTES = 16 << 20  # larger impulse-response spectra (very long inputs) are not kept


def _freeverb_spectrum(key: tuple, h: np.ndarray, nfft: int, gain: float, dtype: type) -> np.ndarray:
    """rfft of ``gain * h`` at ``nfft`` points in ``dtype``'s precision (the last two up to 16 MB kept)."""
    spec = _SPECTRA.get(key)
    if spec is None:
        spec = sfft.rfft((h * gain).astype(dtype), nfft)
        spec.setflags(write=False)
        if spec.nbytes <= SPECTRUM_CACHE_BYTES:
            with _SPECTRA_LOCK:
                while len(_SPECTRA) >= 2:
                    _SPECTRA.pop(next(iter(_SPECTRA)))
                _SPECTRA[key] = spec
    return spec


def freeverb(x: np.ndarray, sample_rate: int, reverberance: float, hf_damping: float, room_scale: float,
             stereo_depth: float, pre_delay_ms: float, wet_gain_db: float) -> np.ndarray:
    """Wet signal of a sox-style Freeverb for ``(channels, n)`` input, same shape and length.

    Mapping (sox ``reverb`` formulas): comb delays are Freeverb's 8 lengths scaled by
    ``sample_rate / 44100`` and by ``0.1 + 0.9 * room_scale / 100``; the comb feedback goes from 0.3
    (reverberance 0) to 0.98 (reverberance 100) on sox's logarithmic curve; the in-loop low-pass
    coefficient is ``0.2 + 0.3 * hf_damping / 100``; odd channels use delays offset by
    ``12 * stereo_depth / 100`` samples (at 44.1 kHz) for decorrelated left/right tails; the wet level
    is ``0.015 * 10^(wet_gain_db / 20)``; ``pre_delay_ms`` delays the wet path.

    The network is linear and time-invariant, so it is applied as one FFT convolution per channel with
    its impulse response: the response is computed once per parameter set by the exact recursion
    (:func:`_comb_bank_ir`, :func:`_allpass`; cached) up to where it stays below -140 dB (or the input's
    length), and its spectrum is cached too (repeated calls with the same settings and length cost two
    FFTs). Samples before the first possible echo are exactly 0, as in the recursion. Computed in the
    input's precision (float32 or float64).
    """
    ch, n = x.shape
    work = np.float64 if x.dtype == np.float64 else np.float32
    feedback = _freeverb_feedback(reverberance)
    damp = hf_damping / 100.0 * 0.3 + 0.2
    gain = 10.0 ** (wet_gain_db / 20.0) * 0.015
    delay = round(pre_delay_ms / 1000.0 * sample_rate)
    out = np.zeros((ch, n), dtype=work)
    m = n - delay  # input samples whose echoes land inside the output
    if m <= 0:
        return out
    layouts = [_freeverb_delays(sample_rate, room_scale, stereo_depth, odd=bool(c % 2)) for c in range(min(ch, 2))]
    length = min(m, max(_freeverb_tail(feedback, combs, aps) for combs, aps in layouts))
    nfft = sfft.next_fast_len(m + length - 1, real=True)
    spectra = []
    for combs, aps in layouts:
        h = _freeverb_ir(combs, aps, feedback, damp, length)
        spectra.append(_freeverb_spectrum((combs, aps, feedback, damp, length, nfft, gain, work), h, nfft, gain,
                                          work))
    src = np.asarray(x[:, :m], dtype=work)
    spec = sfft.rfft(src, nfft, axis=-1)
    for c in range(ch):
        spec[c] *= spectra[c % len(spectra)]
    wet = sfft.irfft(spec, nfft, axis=-1)[:, :m]
    # causality, exactly as in the recursion: nothing before the first input sample + the shortest comb
    first = np.argmax(src != 0, axis=-1)
    silent = ~src.any(axis=-1)
    for c in range(ch):
        stop = m if silent[c] else min(m, int(first[c]) + min(layouts[c % len(layouts)][0]))
        wet[c, :stop] = 0.0
    out[:, delay:] = wet
    return out


def reverberate(audio: np.ndarray, sample_rate: int, reverberance: float, hf_damping: float, room_scale: float,
                stereo_depth: float, pre_delay_ms: float, wet_gain_db: float, wet_only: bool) -> np.ndarray:
    """Dry + :func:`freeverb` wet signal (or the wet signal alone) of ``(n,)`` / ``(channels, n)`` audio, same
    shape; parameters in % (0–100), ms and dB as :func:`freeverb` takes them."""
    x = as_2d(audio)
    wet = freeverb(x, sample_rate, reverberance, hf_damping, room_scale, stereo_depth, pre_delay_ms, wet_gain_db)
    return like_input(wet if wet_only else wet + x, audio)


def convolve_impulse(audio: np.ndarray, impulse: np.ndarray, normalize: bool) -> np.ndarray:
    """``audio`` convolved with ``impulse`` (``(m,)`` or ``(channels, m)``; matched to the input's channels), cut
    to the input's length n; ``normalize``: divided by the output's peak (silence stays silent). float64 input is
    convolved in float64, anything else in float32 (~3× faster FFTs)."""
    x = as_2d(audio)
    work = np.float64 if audio.dtype == np.float64 else np.float32
    h2 = match_channels(impulse, x.shape[0]).astype(work)
    n = x.shape[-1]
    if n == 0:
        return audio.copy()
    from scipy.signal import oaconvolve  # lazy: scipy.signal costs ~0.3-0.9 s to import; only convolution needs it

    y = oaconvolve(x.astype(work, copy=False), h2, mode="full", axes=-1)[:, :n]  # no copy of a float32/64 input
    if normalize:
        peak = float(np.max(np.abs(y))) if y.size else 0.0
        if peak > 0:
            y /= peak  # y is oaconvolve's fresh output: scale it in place
    return like_input(y, audio)
