"""Histogram kernels: equalize, autocontrast (PIL / torchvision semantics) and CLAHE.

All take uint8 H×W or H×W×C arrays (C in 1, 3, 4; an alpha band is passed through) and return a new
array of the same shape. Histograms come from ``cv2.calcHist`` on the interleaved image (no band copies); tables
are built per colour band and applied with :func:`multiaug.image.kernels.lut.band_luts`.
"""

from __future__ import annotations

import numpy as np

from .backends import cv2_module
from .lut import band_luts


def _colour_bands(image: np.ndarray) -> int:
    """Number of colour bands (alpha excluded) of an H×W / H×W×C array."""
    if image.ndim == 2:
        return 1
    return image.shape[2] - 1 if image.shape[2] in (2, 4) else image.shape[2]


def _apply_band_luts(image: np.ndarray, luts: list[np.ndarray]) -> np.ndarray:
    """Apply one 256-entry uint8 table per colour band (alpha, which has no table, is copied)."""
    return band_luts(image, luts)


#: ``cv2.calcHist`` counts in float32: exact below 2**24 pixels
_CALCHIST_EXACT = 2**24


def band_histograms(image: np.ndarray) -> list[np.ndarray]:
    """256-bin int64 histograms of each colour band."""
    bands = _colour_bands(image)
    if image.ndim == 2:
        image = image[..., None]
    if image.shape[0] * image.shape[1] >= _CALCHIST_EXACT or image.shape[2] > 4 or image.size == 0:
        return [np.bincount(np.ascontiguousarray(image[..., i]).ravel(), minlength=256) for i in range(bands)]
    cv2 = cv2_module()
    src = np.ascontiguousarray(image)
    return [cv2.calcHist([src], [i], None, [256], [0, 256]).ravel().astype(np.int64) for i in range(bands)]


def equalize_lut(hist: np.ndarray) -> np.ndarray:
    """PIL's ``ImageOps.equalize`` table (also torchvision's ``equalize``) for one band's histogram.

    ``step = (N − count of the last occupied level) // 255``; level v maps to
    ``(cumsum below v + step // 2) // step`` clipped to 255; step 0 (one level or nearly) is the identity.
    """
    hist = np.asarray(hist, dtype=np.int64)
    nonzero = np.flatnonzero(hist)
    if nonzero.size == 0:
        return np.arange(256, dtype=np.uint8)
    step = (int(hist.sum()) - int(hist[nonzero[-1]])) // 255
    if step == 0:
        return np.arange(256, dtype=np.uint8)
    below = np.concatenate([[0], np.cumsum(hist)[:-1]])
    return np.clip((below + step // 2) // step, 0, 255).astype(np.uint8)


def equalize(image: np.ndarray) -> np.ndarray:
    """Histogram equalisation of each colour band (PIL ``ImageOps.equalize`` / torchvision ``equalize``)."""
    return _apply_band_luts(image, [equalize_lut(h) for h in band_histograms(image)])


def autocontrast_lut(lo: int, hi: int) -> np.ndarray:
    """Stretch [lo, hi] to [0, 255]: ``v ↦ (v − lo)·255/(hi − lo)``, clipped, truncated (torchvision);
    identity when ``hi == lo``."""
    if hi <= lo:
        return np.arange(256, dtype=np.uint8)
    v = np.arange(256, dtype=np.float32)
    out = (v - np.float32(lo)) * np.float32(255.0 / (hi - lo))
    return np.clip(out, 0, 255).astype(np.uint8)


def autocontrast(image: np.ndarray) -> np.ndarray:
    """Per-band contrast stretch from the band's min/max to [0, 255] (torchvision ``autocontrast``)."""
    cv2 = cv2_module()
    luts = []
    for i in range(_colour_bands(image)):
        band = image if image.ndim == 2 else np.ascontiguousarray(image[..., i])
        lo, hi, _, _ = cv2.minMaxLoc(band)
        luts.append(autocontrast_lut(int(lo), int(hi)))
    return _apply_band_luts(image, luts)


def clahe(image: np.ndarray, clip_limit: float = 4.0, tile_grid_size: tuple[int, int] = (8, 8)) -> np.ndarray:
    """Contrast-limited adaptive histogram equalisation (OpenCV) of the lightness.

    Grey images are equalised directly; colour images on the L channel of CIE L*a*b*, so hues are
    kept (as albumentations' ``CLAHE``). Alpha is passed through.

    Args:
        image: uint8 H×W or H×W×C (C in 1, 2, 3, 4).
        clip_limit: histogram clip limit (> 0), in multiples of the mean bin count.
        tile_grid_size: (columns, rows) of tiles, each ≥ 1.
    """
    cv2 = cv2_module()
    op = cv2.createCLAHE(clipLimit=float(clip_limit), tileGridSize=(int(tile_grid_size[0]), int(tile_grid_size[1])))
    bands = _colour_bands(image)
    if bands == 1:
        grey = image if image.ndim == 2 else np.ascontiguousarray(image[..., 0])
        out = op.apply(grey)
        if image.ndim == 2:
            return out
        res = image.copy()
        res[..., 0] = out
        return res
    rgb = np.ascontiguousarray(image[..., :3])
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    lab[..., 0] = op.apply(np.ascontiguousarray(lab[..., 0]))
    out = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    if image.shape[2] == 4:
        return np.concatenate([out, image[..., 3:]], axis=-1)
    return out
