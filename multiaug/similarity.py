"""Similarity kernels shared by near-duplicate rejection (:mod:`multiaug.data.dedup`) and the robustness
measures (:mod:`multiaug.robustness.metrics`): Levenshtein distance, the DCT perceptual-hash bit grid and the
framed short-time Fourier transform. Each caller keeps its own public API (int hashes vs bit arrays, magnitude
vs power spectra) as a thin wrapper of these.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image


def to_pil(image: Any) -> Image.Image:
    """A PIL image as is, anything array-like through ``Image.fromarray``."""
    return image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))


def dct_hash_bits(grey: np.ndarray, hash_size: int, norm: str | None = None) -> np.ndarray:
    """pHash bits of a square grey thumbnail: the top-left ``hash_size``² 2-D DCT-II coefficients > their median.

    Args:
        grey: 2-D float array (the thumbnail).
        hash_size: side of the kept low-frequency block.
        norm: ``scipy.fft.dctn`` normalisation (``None`` as imagehash, ``"ortho"``).

    Returns:
        bool array of shape ``(hash_size * hash_size,)``.
    """
    from scipy.fft import dctn

    low = dctn(grey, type=2, norm=norm)[:hash_size, :hash_size]
    return (low > np.median(low)).reshape(-1)


def levenshtein(a: str, b: str, max_distance: int | None = None) -> int:
    """Character edit distance (insertions, deletions, substitutions cost 1).

    Common prefix and suffix are stripped, then Myers' bit-vector algorithm (Hyyrö's formulation) runs with
    Python integers as bit vectors: O(len(a) · len(b) / word size) without a Python-level inner loop.

    Args:
        a: first string.
        b: second string.
        max_distance: if given, return ``max_distance + 1`` as soon as the distance is known to exceed it
            (early exit on the length difference).

    Returns:
        the edit distance (an int >= 0).
    """
    if a == b:
        return 0
    # strip the common prefix and suffix: most perturbations touch few characters
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    j = 0
    n = min(len(a), len(b))
    while j < n and a[-1 - j] == b[-1 - j]:
        j += 1
    if j:
        a, b = a[:-j], b[:-j]
    if len(a) < len(b):
        a, b = b, a
    if max_distance is not None and len(a) - len(b) > max_distance:
        return max_distance + 1
    if not b:
        return len(a)
    # pattern = b (shorter), text = a
    m = len(b)
    peq: dict[str, int] = {}
    for k, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << k)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def stft_frames(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """Complex rfft of Hann-windowed frames of a mono signal (zero-padded to one frame if shorter): (frames, bins)."""
    if x.size < n_fft:
        x = np.pad(x, (0, n_fft - x.size))
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop]
    return np.fft.rfft(frames * np.hanning(n_fft), axis=1)


__all__ = ["dct_hash_bits", "levenshtein", "stft_frames", "to_pil"]
