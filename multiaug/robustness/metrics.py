"""Measured perturbation size: how much an augmentation actually changed an item.

Next to the parametric ``intensity`` of a record, the robustness report stores what changed, measured on the
original and the augmented media:

* images: SSIM (grayscale, 11-tap Gaussian window σ=1.5, K1=0.01, K2=0.03, with the usual down-sampling of large
  images by ``max(1, round(min(H, W) / 256))``) and the Hamming distance between 64-bit DCT perceptual hashes;
* text: character edit distance (Levenshtein, bit-parallel, pure Python) and that distance over the original
  length;
* audio: SNR in dB of the augmented signal against the original (the difference counts as noise) and the
  log-spectral distance (LSD) in dB.

Images with transparency are composited onto a background first (default white, see
:mod:`multiaug.robustness.viewing`): the measures compare what a viewer sees, never colour values hidden under
alpha 0.

When sizes differ (crop, meme caption, tempo, clip) the augmented item is first brought to the original's frame:
images are resized to the original size, audio is mixed to mono, resampled to the original rate and both signals
are cut to the shorter length. The report names the primary measure of each modality (``PRIMARY``); it grows with
the size of the change.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image

from ..similarity import dct_hash_bits, levenshtein, stft_frames
from .viewing import WHITE, flatten

#: the measure used on the x axis of the report's "metric vs measured perturbation" plots, per modality
PRIMARY = {"image": "ssim_loss", "text": "edit_distance", "audio": "lsd_db"}
#: human-readable description of each measure
DESCRIPTIONS = {
    "ssim": "structural similarity (1 = identical)",
    "ssim_loss": "1 − SSIM (0 = identical)",
    "phash_distance": "Hamming distance between 64-bit DCT pHashes (0–64)",
    "edit_distance": "character edit distance (Levenshtein)",
    "edit_ratio": "edit distance / original length",
    "snr_db": "SNR of the augmented audio against the original, dB (higher = smaller change)",
    "lsd_db": "log-spectral distance, dB (0 = identical)",
}


# ---------------------------------------------------------------------------------------------- images
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
    from scipy.ndimage import correlate1d

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


def phash(image: Any, hash_size: int = 8, highfreq_factor: int = 4, background: Any = WHITE) -> np.ndarray:
    """64-bit DCT perceptual hash (pHash) of an image as a bool array.

    An image with transparency is composited onto ``background`` first. The image is converted to grayscale, resized to ``hash_size·highfreq_factor`` squared (Lanczos), transformed
    with a 2-D DCT-II, and the top-left ``hash_size``×``hash_size`` coefficients are compared with their median.

    Args:
        image: PIL image or uint8 array.
        hash_size: side of the kept low-frequency block (8 → 64 bits).
        highfreq_factor: resize factor relative to ``hash_size`` (4 → 32×32 before the DCT).
        background: colour transparent images are composited onto (default white).

    Returns:
        bool array of shape ``(hash_size * hash_size,)``.
    """
    img = flatten(image, background)
    side = hash_size * highfreq_factor
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    small = img.convert("L").resize((side, side), Image.Resampling.LANCZOS)
    return dct_hash_bits(np.asarray(small, dtype=np.float64), hash_size)


def hamming(a: Any, b: Any) -> int:
    """Number of differing bits between two equal-length bit arrays (bool or 0/1 ints)."""
    x = np.asarray(a).astype(bool).reshape(-1)
    y = np.asarray(b).astype(bool).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"hamming: fingerprints have different lengths ({x.size} and {y.size})")
    return int(np.count_nonzero(x != y))


def image_perturbation(original: Any, augmented: Any, prepared: dict[str, Any] | None = None,
                       background: Any = WHITE) -> dict[str, float]:
    """``{"ssim", "ssim_loss", "phash_distance"}`` for an image pair (``prepared`` from :func:`prepare`), both
    composited onto ``background`` when they have transparency."""
    prep = prepared or prepare("image", original, background)
    bg = prep["ssim"].background
    s = prep["ssim"].compare(augmented)
    return {"ssim": s, "ssim_loss": 1.0 - s,
            "phash_distance": float(hamming(prep["phash"], phash(augmented, background=bg)))}


# ---------------------------------------------------------------------------------------------- text
def text_perturbation(original: str, augmented: str) -> dict[str, float]:
    """``{"edit_distance", "edit_ratio"}`` for a text pair (ratio = distance / max(1, len(original)))."""
    d = levenshtein(original, augmented)
    return {"edit_distance": float(d), "edit_ratio": d / max(1, len(original))}


# ---------------------------------------------------------------------------------------------- audio
def resample(x: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    """Resample a mono float signal with soxr (librosa's resampler; scipy.signal costs seconds to import).

    Args:
        x: mono float array.
        sr_in: its rate in Hz.
        sr_out: the wanted rate in Hz.
    """
    if sr_in == sr_out or x.size == 0:
        return x
    import soxr  # lazy: only resampling needs it
    return np.asarray(soxr.resample(np.ascontiguousarray(x, dtype=np.float64), sr_in, sr_out, quality="HQ"))


def _mono(audio: np.ndarray) -> np.ndarray:
    a = np.asarray(audio, dtype=np.float64)
    return a if a.ndim == 1 else a.mean(axis=0)


def _aligned(original: np.ndarray, sr_o: int, augmented: np.ndarray, sr_a: int) -> tuple[np.ndarray, np.ndarray]:
    x = _mono(original)
    y = _mono(augmented)
    if sr_a != sr_o and y.size:
        y = resample(y, int(sr_a), int(sr_o))
    n = min(x.size, y.size)
    return x[:n], y[:n]


def snr_db(original: np.ndarray, augmented: np.ndarray, sample_rate: int = 44100,
           augmented_sample_rate: int | None = None) -> float:
    """SNR of ``augmented`` against ``original`` in dB: 10·log10(Σx² / Σ(x − y)²).

    Args:
        original: float array, mono ``(n,)`` or channels-first.
        augmented: float array, mono or channels-first (mixed to mono, resampled, cut to the shorter length).
        sample_rate: rate of ``original`` in Hz.
        augmented_sample_rate: rate of ``augmented`` in Hz (default: ``sample_rate``).

    Returns:
        SNR in dB, capped to [-100, 100] (identical signals give 100).
    """
    x, y = _aligned(original, sample_rate, augmented, augmented_sample_rate or sample_rate)
    sig = float(np.sum(x * x))
    noise = float(np.sum((x - y) ** 2))
    if noise <= 1e-20:
        return 100.0
    if sig <= 1e-20:
        return -100.0
    return float(min(100.0, max(-100.0, 10.0 * math.log10(sig / noise))))


def _power_spectrogram(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    spec = stft_frames(x, n_fft, hop)
    return spec.real**2 + spec.imag**2


def log_spectral_distance(original: np.ndarray, augmented: np.ndarray, sample_rate: int = 44100,
                          augmented_sample_rate: int | None = None, n_fft: int = 1024, hop: int = 512) -> float:
    """Log-spectral distance in dB: mean over frames of the RMS difference of the 10·log10 power spectra.

    Args:
        original: float array, mono ``(n,)`` or channels-first.
        augmented: float array (mixed to mono, resampled to ``sample_rate``, cut to the shorter length).
        sample_rate: rate of ``original`` in Hz.
        augmented_sample_rate: rate of ``augmented`` in Hz (default: ``sample_rate``).
        n_fft: frame length in samples (Hann window).
        hop: hop between frames in samples.

    Returns:
        LSD in dB (>= 0; 0 for identical signals). Power is floored at 1e-10 (−100 dB).
    """
    x, y = _aligned(original, sample_rate, augmented, augmented_sample_rate or sample_rate)
    if x.size == 0:
        return 0.0
    px = 10.0 * np.log10(np.maximum(_power_spectrogram(x, n_fft, hop), 1e-10))
    py = 10.0 * np.log10(np.maximum(_power_spectrogram(y, n_fft, hop), 1e-10))
    return float(np.mean(np.sqrt(np.mean((px - py) ** 2, axis=1))))


def audio_perturbation(original: tuple[np.ndarray, int], augmented: tuple[np.ndarray, int]) -> dict[str, float]:
    """``{"snr_db", "lsd_db"}`` for an ``(audio, sample_rate)`` pair."""
    (x, sr_x), (y, sr_y) = original, augmented
    return {"snr_db": snr_db(x, y, sr_x, sr_y), "lsd_db": log_spectral_distance(x, y, sr_x, sr_y)}


def prepare(modality: str, original: Any, background: Any = WHITE) -> dict[str, Any]:
    """What the measures need from the original, computed once per item (images: SSIM side and pHash).

    Args:
        modality: "image", "text" or "audio".
        original: the original item (PIL image, str, or ``(audio, sample_rate)``).
        background: images: colour transparent images are composited onto (default white).
    """
    if modality == "image":
        return {"ssim": SSIMReference(original, background), "phash": phash(original, background=background)}
    return {}


def measure(modality: str, original: Any, augmented: Any, prepared: dict[str, Any] | None = None,
            background: Any = WHITE) -> dict[str, float]:
    """All measures of one modality for an (original, augmented) pair.

    Args:
        modality: "image", "text" or "audio".
        original: the original item (PIL image, str, or ``(audio, sample_rate)``).
        augmented: the augmented item, same form.
        prepared: optional result of :func:`prepare` for ``original`` (saves recomputing it; its background wins).
        background: images: colour transparent images are composited onto (default white).
    """
    if modality == "image":
        return image_perturbation(original, augmented, prepared, background)
    if modality == "text":
        return text_perturbation(original, augmented)
    return audio_perturbation(original, augmented)


__all__ = [
    "DESCRIPTIONS",
    "PRIMARY",
    "audio_perturbation",
    "hamming",
    "image_perturbation",
    "levenshtein",
    "log_spectral_distance",
    "measure",
    "phash",
    "snr_db",
    "ssim",
    "text_perturbation",
]
