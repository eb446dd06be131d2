"""Channel layout: mono ``(n,)`` ⇄ ``(1, n)`` views, matching a signal to a channel count, reversing the channel
order and mixing down to mono. Pure functions on float arrays; none writes into its input."""

from __future__ import annotations

import numpy as np


def as_2d(audio: np.ndarray) -> np.ndarray:
    """View a mono ``(n,)`` array as ``(1, n)``; channels-first arrays are returned as they are."""
    return audio[None, :] if audio.ndim == 1 else audio


def like_input(out2d: np.ndarray, audio: np.ndarray) -> np.ndarray:
    """Undo :func:`as_2d`: mono inputs get a mono output."""
    return out2d[0] if audio.ndim == 1 else out2d


def match_channels(sig: np.ndarray, channels: int) -> np.ndarray:
    """``(channels, m)`` version of ``sig`` (``(m,)`` or ``(c, m)``): mono is repeated; the same count is kept (a
    view); any other count is mixed to mono, then repeated."""
    s2 = as_2d(sig)
    if s2.shape[0] == channels:
        return s2
    mono = s2.mean(axis=0, keepdims=True) if s2.shape[0] > 1 else s2
    return np.repeat(mono, channels, axis=0)


def reverse_order(audio: np.ndarray) -> np.ndarray:
    """The channels in reverse order (left/right swapped for stereo), a new contiguous array; mono: a copy."""
    if audio.ndim == 1:
        return audio.copy()
    return np.ascontiguousarray(audio[::-1])


def mix_to_mono(audio: np.ndarray) -> np.ndarray:
    """The mean of the channels, mono ``(n,)`` (float64 accumulation, float64 result); mono input: a copy."""
    if audio.ndim == 1:
        return audio.copy()
    return audio.mean(axis=0, dtype=np.float64)
