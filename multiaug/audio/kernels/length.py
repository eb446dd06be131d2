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


def clip(audio: np.ndarray, offset_factor: float, duration_factor: float) -> tuple[np.ndarray, int, int]:
    """A copy of samples ``[int(offset_factor · n), int((offset_factor + duration_factor) · n))`` (at least one
    sample of a non-empty input), with the start and end sample. Factors are fractions of the length in [0, 1]."""
    n = audio.shape[-1]
    start = min(int(offset_factor * n), max(n - 1, 0))
    end = min(int((offset_factor + duration_factor) * n), n)
    end = max(end, min(start + 1, n))
    return np.array(audio[..., start:end], copy=True), start, end


def repeat(audio: np.ndarray, copies: int) -> np.ndarray:
    """``copies`` (>= 1) back-to-back copies of ``audio`` along the time axis, in one broadcast write."""
    m = audio.shape[-1]
    out = np.empty(audio.shape[:-1] + (copies * m,), dtype=audio.dtype)
    out.reshape(audio.shape[:-1] + (copies, m))[...] = audio[..., None, :]
    return out
