"""Download-free features of the proxy models: pure functions of one item (no fitting, so computed once per item).

* image: HOG of a 32×32 grey thumbnail (:func:`hog`: 8×8-pixel cells, 2×2-cell blocks, stride one cell, 9 unsigned
  orientation bins, L2-Hys → 324 values), a joint RGB colour histogram (4 levels per channel → 64 bins, summing
  to 1) and the 8×8 grey thumbnail itself (64 values in [0, 1]): 452 values.
* audio: the clip is mixed to mono and resampled to 16 kHz; a 40-band log-mel spectrogram (512-sample frames,
  10 ms hop, dB relative to the clip's maximum, so the features ignore overall gain) and 20 MFCCs, each
  summarised over time by mean and standard deviation: 120 values (numpy/scipy/soxr only: no librosa import).
* text has no fixed features: its proxy fits TF-IDF inside each fold (see :mod:`multiaug.evaluate.proxies`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..measures.spectral import stft_frames

IMAGE_SIDE = 32
AUDIO_RATE = 16000
N_MELS = 40
N_MFCC = 20

def hog(grey: np.ndarray, cell: int = 8, bins: int = 9, block: int = 2) -> np.ndarray:
    """Histogram of oriented gradients (Dalal & Triggs) of a 2-D grey image.

    Central-difference gradients; each pixel votes its magnitude into the two nearest of ``bins`` unsigned
    orientation bins over [0°, 180°) (linear interpolation); cells of ``cell``×``cell`` pixels; blocks of
    ``block``×``block`` cells with a stride of one cell, each normalised L2-Hys (L2, clip at 0.2, L2 again).

    Args:
        grey: H×W array (any numeric dtype); H and W are cropped to multiples of ``cell``.
        cell: cell side in pixels (>= 2).
        bins: orientation bins (>= 2).
        block: block side in cells (>= 1).

    Returns:
        float32 vector of ``(H/cell − block + 1) · (W/cell − block + 1) · block² · bins`` values.
    """
    g = np.asarray(grey, dtype=np.float32)
    h, w = (g.shape[0] // cell) * cell, (g.shape[1] // cell) * cell
    g = g[:h, :w]
    gx = np.zeros_like(g)
    gy = np.zeros_like(g)
    gx[:, 1:-1] = g[:, 2:] - g[:, :-2]
    gy[1:-1, :] = g[2:, :] - g[:-2, :]
    mag = np.hypot(gx, gy)
    pos = (np.degrees(np.arctan2(gy, gx)) % 180.0) / (180.0 / bins) - 0.5
    lo = np.floor(pos).astype(np.int64)
    frac = (pos - lo).astype(np.float32)
    ch, cw = h // cell, w // cell
    cells = np.zeros((ch, cw, bins), dtype=np.float32)
    rows = np.repeat(np.arange(h) // cell, w)
    cols = np.tile(np.arange(w) // cell, h)
    flat = (rows * cw + cols) * bins
    np.add.at(cells.reshape(-1), flat + (lo.ravel() % bins), (mag * (1 - frac)).ravel())
    np.add.at(cells.reshape(-1), flat + ((lo.ravel() + 1) % bins), (mag * frac).ravel())
    out = []
    for i in range(ch - block + 1):
        for j in range(cw - block + 1):
            v = cells[i:i + block, j:j + block].ravel()
            v = v / np.sqrt(np.sum(v * v) + 1e-6)
            v = np.minimum(v, 0.2)
            out.append(v / np.sqrt(np.sum(v * v) + 1e-6))
    return np.concatenate(out).astype(np.float32)


def image_features(image: Any) -> np.ndarray:
    """452 float32 features of a PIL image (any mode): HOG, RGB histogram, 8×8 grey thumbnail."""
    import cv2  # lazy: slow to import; only image features need it

    rgb = np.asarray(image.convert("RGB"))
    small = cv2.resize(rgb, (IMAGE_SIDE, IMAGE_SIDE), interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    h = hog(grey)
    q = (small // 64).reshape(-1, 3).astype(np.int64)
    hist = np.bincount(q[:, 0] * 16 + q[:, 1] * 4 + q[:, 2], minlength=64).astype(np.float32)
    hist /= max(1.0, float(hist.sum()))
    thumb = cv2.resize(grey, (8, 8), interpolation=cv2.INTER_AREA).astype(np.float32).ravel() / 255.0
    return np.concatenate([h, hist, thumb])


def mel_filterbank(sample_rate: int, n_fft: int, n_mels: int, fmin: float = 0.0, fmax: float | None = None) -> np.ndarray:
    """Triangular filters equally spaced on the HTK mel scale (m = 2595 log10(1 + f/700)), each of unit area.

    Args:
        sample_rate: Hz.
        n_fft: FFT size (the filters cover its ``n_fft // 2 + 1`` bins).
        n_mels: number of bands (>= 1).
        fmin, fmax: band edges in Hz (``fmax`` default: Nyquist).

    Returns:
        ``(n_mels, n_fft // 2 + 1)`` float64 weights.
    """
    fmax = sample_rate / 2 if fmax is None else fmax
    mel = np.linspace(2595 * np.log10(1 + fmin / 700), 2595 * np.log10(1 + fmax / 700), n_mels + 2)
    hz = 700 * (10 ** (mel / 2595) - 1)
    bins = np.fft.rfftfreq(n_fft, 1.0 / sample_rate)
    lo, mid, hi = hz[:-2, None], hz[1:-1, None], hz[2:, None]
    up = (bins[None, :] - lo) / (mid - lo)
    down = (hi - bins[None, :]) / (hi - mid)
    w = np.maximum(0.0, np.minimum(up, down))
    return w * (2.0 / (hi - lo))


_MEL: dict[tuple[int, int, int], np.ndarray] = {}


def audio_features(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """120 float32 features of a clip (mono ``(n,)`` or channels-first ``(c, n)``): log-mel and MFCC mean/std.

    Mono mix, resampled to 16 kHz (soxr), Hann frames of 512 samples every 160 (10 ms), power spectrum through
    :func:`mel_filterbank` (40 bands), dB relative to the clip's loudest band-frame floored 80 dB below it (so the
    features do not depend on the clip's gain), MFCC = the first 20 coefficients of the orthonormal DCT-II of the
    log-mel frames; mean and standard deviation over time of both.
    """
    from scipy.fft import dct  # lazy: slow to import; only audio features need it

    from ..audio.kernels.resample import resample  # lazy: importing a modality registers its whole catalogue (about a second)

    y = np.asarray(audio, dtype=np.float32)
    if y.ndim == 2:
        y = y.mean(axis=0)
    if int(sample_rate) != AUDIO_RATE:
        y = resample(y, int(sample_rate), AUDIO_RATE)
    key = (AUDIO_RATE, 512, N_MELS)
    if key not in _MEL:
        _MEL[key] = mel_filterbank(*key)
    power = np.abs(stft_frames(y.astype(np.float64), 512, 160)) ** 2
    mel = power @ _MEL[key].T
    logmel = 10 * np.log10(np.maximum(mel, 1e-10))
    logmel = np.maximum(logmel - logmel.max(), -80.0)
    mfcc = dct(logmel, type=2, norm="ortho", axis=1)[:, :N_MFCC]
    return np.concatenate([logmel.mean(axis=0), logmel.std(axis=0), mfcc.mean(axis=0),
                           mfcc.std(axis=0)]).astype(np.float32)


__all__ = ["AUDIO_RATE", "IMAGE_SIDE", "audio_features", "hog", "image_features", "mel_filterbank"]
