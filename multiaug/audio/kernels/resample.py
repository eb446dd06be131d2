"""Band-limited resampling through ``soxr`` (C, high quality)."""

from __future__ import annotations

import math

import numpy as np
import soxr


#: largest sr_in / sr_out handed to soxr in one step (see :func:`resample`)
MAX_SOXR_REDUCTION = 256.0


def resample(x: np.ndarray, sr_in: float, sr_out: float, quality: str = "HQ") -> np.ndarray:
    """Resample ``(n,)`` or ``(channels, n)`` from ``sr_in`` to ``sr_out`` Hz with soxr.

    soxr designs its anti-aliasing filter for the ratio, which takes seconds beyond a 1000× reduction and hangs
    near 10**10×; a reduction by more than :data:`MAX_SOXR_REDUCTION` first averages blocks of samples (an integer
    box decimation, itself an anti-aliasing filter) down to within that ratio."""
    if sr_in == sr_out or x.shape[-1] == 0:
        return np.array(x, dtype=np.float32 if x.dtype != np.float64 else np.float64, copy=True)
    dtype = np.float64 if x.dtype == np.float64 else np.float32
    if sr_in / sr_out > MAX_SOXR_REDUCTION:
        n = x.shape[-1]
        if n * sr_out / sr_in < 0.5:  # soxr would return round(n · sr_out / sr_in) = 0 samples
            return np.zeros(x.shape[:-1] + (0,), dtype=dtype)
        k = math.ceil(sr_in / sr_out / MAX_SOXR_REDUCTION)
        blocks = -(-n // k)
        padded = np.pad(np.asarray(x, dtype=np.float64), [(0, 0)] * (x.ndim - 1) + [(0, blocks * k - n)], mode="edge")
        x = padded.reshape(x.shape[:-1] + (blocks, k)).mean(axis=-1).astype(dtype)
        sr_in = sr_in / k
    if x.ndim == 1:
        return soxr.resample(np.ascontiguousarray(x, dtype=dtype), float(sr_in), float(sr_out), quality=quality)
    out = soxr.resample(np.ascontiguousarray(x.T, dtype=dtype), float(sr_in), float(sr_out), quality=quality)
    return np.ascontiguousarray(out.T)


def resample_keep_one(x: np.ndarray, sr_in: float, sr_out: float) -> np.ndarray:
    """:func:`resample`, but a signal shorter than one output sample (a room response at a 1 Hz rate) becomes one
    sample, its mean (a box decimation), instead of nothing."""
    out = resample(x, sr_in, sr_out)
    if out.shape[-1] == 0 and x.shape[-1] > 0:
        out = np.asarray(x, dtype=out.dtype).mean(axis=-1, keepdims=True)
    return out
