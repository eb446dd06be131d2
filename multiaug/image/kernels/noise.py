"""Noise kernels: additive Gaussian noise on integer colour levels.

Because colour values are integers, ``round(v + n) = v + round(n)``: the noise is drawn directly as integer levels
from the rounded Gaussian's distribution, by looking up uniform 16-bit codes in its inverse CDF
(:func:`rounded_normal_table`), and added with one saturating add — about 8× cheaper than drawing float normals,
with each level's probability exact to within 2⁻¹⁶.
"""

from __future__ import annotations

import math

import numpy as np

from .backends import cv2_module


def colour_shape(image: np.ndarray) -> tuple[int, ...]:
    """The shape of the colour bands of a working-mode array (an alpha band, LA or RGBA, excluded)."""
    has_alpha = image.ndim == 3 and image.shape[2] in (2, 4)
    return image.shape[:2] + (image.shape[2] - 1,) if has_alpha else image.shape


def rounded_normal_table(mean: float, std: float) -> np.ndarray:
    """The inverse CDF of round(N(mean, std²)) on 2¹⁶ equally likely codes: ``table[u]`` for a uniform 16-bit
    ``u`` is an integer level offset whose probability is P(round(mean + std·z) = k) to within 2⁻¹⁶ (tails
    beyond ±512 levels, which saturate anyway, are folded into the ends). int16, 65,536 entries."""
    if std <= 0:
        return np.full(1 << 16, int(np.clip(np.rint(mean), -512, 512)), dtype=np.int16)
    lo = int(max(math.floor(mean - 7 * std), -512))
    hi = int(min(math.ceil(mean + 7 * std), 512))
    if lo >= hi:
        return np.full(1 << 16, int(np.clip(np.rint(mean), -512, 512)), dtype=np.int16)
    ks = np.arange(lo, hi + 1)
    cdf = np.array([0.5 * math.erfc(-((k + 0.5 - mean) / std) / math.sqrt(2.0)) for k in ks[:-1]] + [1.0])
    edges = np.rint(cdf * (1 << 16)).astype(np.int64)
    counts = np.diff(np.concatenate([[0], edges]))
    return np.repeat(ks, counts).astype(np.int16)


def add_level_noise(image: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """``clip(colour + levels, 0, 255)`` on the colour bands (one saturating OpenCV add), alpha kept."""
    cv2 = cv2_module()
    has_alpha = image.ndim == 3 and image.shape[2] in (2, 4)
    colour = np.ascontiguousarray(image[..., :-1] if has_alpha else image)
    rows = colour.shape[0]
    out = cv2.add(colour.reshape(rows, -1), levels.reshape(rows, -1), dtype=cv2.CV_8U).reshape(colour.shape)
    if has_alpha:
        out = np.concatenate([out, image[..., -1:]], axis=-1)
    return out


def gaussian_noise(image: np.ndarray, mean: float, var: float, codes: np.ndarray) -> np.ndarray:
    """Gaussian noise N(mean, var) on the 0–1 intensity scale added to the colour bands, clipped to [0, 255].

    Args:
        image: uint8 working-mode array.
        mean: noise mean, as a fraction of 255.
        var: noise variance (≥ 0) on the 0–1 scale.
        codes: uniform 16-bit codes, one per colour value (shape :func:`colour_shape`), drawn by the caller.
    """
    return add_level_noise(image, rounded_normal_table(255.0 * mean, 255.0 * math.sqrt(var)).take(codes))
