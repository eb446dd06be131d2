"""Structural similarity (SSIM, Wang et al. 2004) of two images, grayscale: 11-tap Gaussian window σ = 1.5,
K1 = 0.01, K2 = 0.03, with the reference implementation's down-sampling of large images (mean-pooling by
``max(1, round(min(H, W) / 256))``). Images with transparency are compared as a viewer sees them (:mod:`.viewing`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from .viewing import WHITE, flatten


def _gray(image: Image.Image) -> np.ndarray:
    """float64 luminance (ITU-R 601, as Pillow's ``convert("L")``) of an image without transparency."""
    if image.mode != "L":
        image = image.convert("L")
    return np.asarray(image, dtype=np.float64)


def _gaussian_window(size: int = 11, sigma: float = 1.5) -> np.ndarray:
    x = np.arange(size, dtype=np.float64) - (size - 1) / 2.0
    g = np.exp(-(x**2) / (2.0 * sigma**2))
    return g / g.sum()


def _filter_valid(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Separable 'valid' correlation of a 2-D array with the 1-D window ``w`` on both axes."""
    from scipy.ndimage import correlate1d  # lazy: scipy.ndimage costs ~0.2 s to import; only SSIM needs it

    k = len(w)
    half = k // 2
    out = correlate1d(a, w, axis=0, mode="constant")
    out = correlate1d(out, w, axis=1, mode="constant")
    if a.shape[0] <= 2 * half or a.shape[1] <= 2 * half:
        return out
    return out[half : a.shape[0] - half, half : a.shape[1] - half]


def _pooled(img: Image.Image, f: int) -> np.ndarray:
    """Grayscale float64 array, f×f mean-pooled (the reference SSIM's down-sampling)."""
    a = _gray(img)
    if f > 1:
        h, w = (a.shape[0] // f) * f, (a.shape[1] // f) * f
        a = a[:h, :w].reshape(h // f, f, w // f, f).mean(axis=(1, 3))
    return a


class SSIMReference:
    """The original image's side of SSIM, computed once and compared with many augmented images.

    Args:
        original: PIL image or uint8 array.
        background: colour transparent images are composited onto (default white).
    """

    def __init__(self, original: Any, background: Any = WHITE):
        self.background = background
        img = flatten(original, background)
        self.size = img.size
        self.f = max(1, int(round(min(img.size) / 256.0)))
        self.a = _pooled(img, self.f)
        self.win = _gaussian_window()
        self.mu_a = _filter_valid(self.a, self.win)
        self.saa = _filter_valid(self.a * self.a, self.win) - self.mu_a * self.mu_a

    def compare(self, augmented: Any) -> float:
        """Mean SSIM of ``augmented`` (resized bilinearly to the original's size if needed) against the original."""
        img = flatten(augmented, self.background)
        if img.size != self.size:
            if img.mode not in ("L", "RGB"):
                img = img.convert("RGB")
            img = img.resize(self.size, Image.Resampling.BILINEAR)
        b = _pooled(img, self.f)
        c1, c2 = (0.01 * 255.0) ** 2, (0.03 * 255.0) ** 2
        mu_a, saa, win = self.mu_a, self.saa, self.win
        mu_b = _filter_valid(b, win)
        sbb = _filter_valid(b * b, win) - mu_b * mu_b
        sab = _filter_valid(self.a * b, win) - mu_a * mu_b
        num = (2.0 * mu_a * mu_b + c1) * (2.0 * sab + c2)
        den = (mu_a * mu_a + mu_b * mu_b + c1) * (saa + sbb + c2)
        return float(np.mean(num / den))


def ssim(original: Any, augmented: Any, background: Any = WHITE) -> float:
    """Mean SSIM between two images (grayscale, Gaussian window, Wang et al. 2004 constants).

    Images whose shorter side exceeds 384 px are first mean-pooled by ``f = round(min(H, W) / 256)``, as in the
    reference implementation.

    Args:
        original: PIL image or uint8 array.
        augmented: PIL image or uint8 array; resized (bilinear) to the original's size if it differs.
        background: colour transparent images are composited onto before comparing (default white).

    Returns:
        SSIM in [-1, 1]; 1.0 means identical luminance.
    """
    return SSIMReference(original, background).compare(augmented)


__all__ = ["SSIMReference", "ssim"]
