"""The time axis's length: fit to an exact length, loop a signal to a length, cut a span, repeat the whole.
Pure functions on mono ``(n,)`` or channels-first ``(channels, n)`` arrays."""

from __future__ import annotations

import numpy as np

from .channels import as_2d


def fix_length(x: np.ndarray, n: int) -> np.ndarray:
    """Trim or zero-pad the last axis to exactly ``n`` samples (a view when trimming)."""
    if x.shape[-1] >= n:
        return x[..., :n]
    return np.pad(x, [(0, 0)] * (x.ndim - 1) + [(0, n - x.shape[-1])])


def loop_to_length(sig: np.ndarray, n: int, offset: int = 0) -> np.ndarray:
    """Tile ``(m,)`` or ``(channels, m)`` to ``(channels, n)`` starting at sample ``offset`` (wrapping around)."""
    sig2d = as_2d(sig)
    m = sig2d.shape[-1]
    offset %= m
    reps = -(-(n + offset) // m)
    tiled = np.tile(sig2d, (1, reps)) if reps > 1 else sig2d
    return tiled[:, offset: offset + n]
