"""Distortion kernels: percentile clipping, tanh saturation, bit crushing and aliasing.

All return a new array of the input's shape and dtype.
"""

from __future__ import annotations

import numpy as np

from .channels import as_2d, like_input
from .level import rms


def clipping_distortion(audio: np.ndarray, percentile_threshold: float) -> np.ndarray:
    """Clip to the ``[p/2, 100 - p/2]`` percentiles of the samples (``p`` = ``percentile_threshold``, 0–100):
    about ``p`` % of the samples are flattened (audiomentations' ClippingDistortion, percentile taken as given).
    """
    if percentile_threshold <= 0:
        return np.array(audio, copy=True)
    lo, hi = np.percentile(audio, [percentile_threshold / 2.0, 100.0 - percentile_threshold / 2.0])
    return np.clip(audio, audio.dtype.type(lo), audio.dtype.type(hi))


def tanh_distortion(audio: np.ndarray, distortion_amount: float) -> np.ndarray:
    """Soft saturation ``tanh(k·x)``, RMS matched to the input.

    The drive ``k = 0.5 / (q + 1e-6)`` comes from the ``100 - 99·distortion_amount`` percentile ``q`` of
    ``|x|`` (audiomentations' TanhDistortion rule): 0 → barely any, 1 → strong saturation.

    Args:
        distortion_amount: in [0, 1].
    """
    mag = np.abs(audio)
    q = float(np.percentile(mag, 100.0 - 99.0 * distortion_amount))
    k = 0.5 / (q + 1e-6)
    out = np.tanh(audio * audio.dtype.type(k))
    before, after = rms(audio), rms(out)
    if before > 1e-9 and after > 0:
        out *= out.dtype.type(before / after)
    return out


def bit_crush(audio: np.ndarray, bit_depth: int) -> np.ndarray:
    """Quantise to ``bit_depth`` bits: ``round(x·q) / q`` with ``q = 2^(bit_depth - 1)`` steps per unit (a
    signed ``bit_depth``-bit PCM grid on [-1, 1]); the quantisation error is at most ``1 / (2q)``."""
    q = audio.dtype.type(2.0 ** (bit_depth - 1))
    return np.round(audio * q) / q


#: input samples per np.interp call in :func:`aliasing`: 256 KiB float64 temporaries. Smaller chunks kept them under
#: glibc's initial 128 KiB mmap threshold, but cost more in per-chunk Python and numpy calls than the page faults
#: they avoid (glibc raises the threshold after the first free): 8192 → 32768 took 13 % off in an interleaved
#: in-process A/B (30 rounds, 10 s of 44.1 kHz through 8 kHz); the values do not depend on the chunk size
ALIASING_CHUNK = 32768


def aliasing(audio: np.ndarray, sample_rate: int, target_rate: float) -> np.ndarray:
    """Resample to ``target_rate`` and back WITHOUT anti-aliasing filters (linear interpolation both ways), so
    content above ``target_rate / 2`` folds back into the band as aliases. Same length as the input."""
    x2 = as_2d(audio)
    n = x2.shape[-1]
    if target_rate >= sample_rate or n < 2:
        return np.array(audio, copy=True)
    m = max(2, int(np.floor((n - 1) * target_rate / sample_rate)) + 1)
    t_low = np.arange(m, dtype=np.float64) * (sample_rate / target_rate)  # positions of the low-rate samples
    out = np.empty_like(x2)
    # np.interp a chunk of positions at a time: the same values as one call over everything (each position's
    # result depends only on its two neighbours), without multi-megabyte float64 temporaries (sample positions,
    # the float64 copy of the input, the float64 result), whose page faults cost more than the interpolation
    for c in range(x2.shape[0]):
        low = np.empty(m)
        down = max(1, int(ALIASING_CHUNK * target_rate / sample_rate))  # low-rate positions spanning ~CHUNK samples
        for k0 in range(0, m, down):  # down: input samples around each low-rate position
            k1 = min(m, k0 + down)
            lo = min(int(t_low[k0]), n - 1)  # positions past the end take the last sample (np.interp's right)
            hi = min(n, int(t_low[k1 - 1]) + 2)
            low[k0:k1] = np.interp(t_low[k0:k1], np.arange(lo, hi, dtype=np.float64), x2[c, lo:hi])
        for s0 in range(0, n, ALIASING_CHUNK):  # up: every input position from the low-rate samples around it
            s1 = min(n, s0 + ALIASING_CHUNK)
            j0 = max(0, int(np.searchsorted(t_low, s0, side="right")) - 1)
            j1 = min(m, int(np.searchsorted(t_low, s1 - 1, side="left")) + 1)
            out[c, s0:s1] = np.interp(np.arange(s0, s1, dtype=np.float64), t_low[j0:j1], low[j0:j1])
    return like_input(out, audio)
