"""Band-limited resampling through ``soxr`` (C, high quality)."""

from __future__ import annotations

import numpy as np
import soxr


def resample(x: np.ndarray, sr_in: float, sr_out: float, quality: str = "HQ") -> np.ndarray:
    """Resample ``(n,)`` or ``(channels, n)`` from ``sr_in`` to ``sr_out`` Hz with soxr."""
    if sr_in == sr_out or x.shape[-1] == 0:
        return np.array(x, dtype=np.float32 if x.dtype != np.float64 else np.float64, copy=True)
    dtype = np.float64 if x.dtype == np.float64 else np.float32
    if x.ndim == 1:
        return soxr.resample(np.ascontiguousarray(x, dtype=dtype), float(sr_in), float(sr_out), quality=quality)
    out = soxr.resample(np.ascontiguousarray(x.T, dtype=dtype), float(sr_in), float(sr_out), quality=quality)
    return np.ascontiguousarray(out.T)
