"""Audio measures: STFT framing, resampling, SNR, log-spectral distance and the spectral similarity of
near-duplicate rejection.

Pairs of signals of different shapes (tempo, clip, rate change) are compared on a common frame (:func:`aligned`):
both mixed to mono, the second resampled to the first's rate, both cut to the shorter length.
"""

from __future__ import annotations

import math

import numpy as np
import soxr


def stft_frames(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """Complex rfft of Hann-windowed frames of a mono signal (zero-padded to one frame if shorter): (frames, bins)."""
    if x.size < n_fft:
        x = np.pad(x, (0, n_fft - x.size))
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop]
    return np.fft.rfft(frames * np.hanning(n_fft), axis=1)


def power_spectrogram(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """|STFT|² of :func:`stft_frames`: (frames, bins)."""
    spec = stft_frames(x, n_fft, hop)
    return spec.real**2 + spec.imag**2


def log_magnitude_db(x: np.ndarray, n_fft: int = 512, hop: int = 256, floor_db: float = -80.0) -> np.ndarray:
    """20·log10 |STFT| of a mono or channels-first signal (mixed to mono), floored at ``floor_db``: (frames, bins)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 2:
        x = x.mean(axis=0)
    spec = np.abs(stft_frames(x, n_fft, hop))
    return np.clip(20.0 * np.log10(spec + 1e-10), floor_db, None)


def spectral_similarity(a_db: np.ndarray, b_db: np.ndarray) -> float:
    """Similarity in [0, 1] of two :func:`log_magnitude_db` spectrograms: 1 − mean |dB difference| / 80 over the
    common frames, times (common frames / frames of the longer one): 1 = identical, a 6 dB gain change ≈ 0.92."""
    n = min(len(a_db), len(b_db))
    longest = max(len(a_db), len(b_db))
    diff = float(np.mean(np.abs(a_db[:n] - b_db[:n]))) if n else 80.0
    sim = 1.0 - min(diff, 80.0) / 80.0
    return sim * (n / longest)  # a much shorter/longer output is less similar


def resample(x: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    """Resample a mono ``(n,)`` or channels-first ``(c, n)`` float signal with soxr (HQ); float64 input stays
    float64, anything else becomes float32.

    Args:
        x: the signal.
        sr_in: its rate in Hz.
        sr_out: the wanted rate in Hz.
    """
    if sr_in == sr_out or x.shape[-1] == 0:
        return x
    dtype = np.float64 if x.dtype == np.float64 else np.float32
    if x.ndim == 1:
        return np.asarray(soxr.resample(np.ascontiguousarray(x, dtype=dtype), sr_in, sr_out, quality="HQ"))
    out = soxr.resample(np.ascontiguousarray(x.T, dtype=dtype), sr_in, sr_out, quality="HQ")
    return np.ascontiguousarray(out.T)


def mono(audio: np.ndarray) -> np.ndarray:
    """float64 mono mix of a mono or channels-first signal."""
    a = np.asarray(audio, dtype=np.float64)
    return a if a.ndim == 1 else a.mean(axis=0)


def aligned(original: np.ndarray, sr_o: int, augmented: np.ndarray, sr_a: int) -> tuple[np.ndarray, np.ndarray]:
    """Both signals in mono at the original's rate, cut to the shorter length."""
    x = mono(original)
    y = mono(augmented)
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
    x, y = aligned(original, sample_rate, augmented, augmented_sample_rate or sample_rate)
    sig = float(np.sum(x * x))
    noise = float(np.sum((x - y) ** 2))
    if noise <= 1e-20:
        return 100.0
    if sig <= 1e-20:
        return -100.0
    return float(min(100.0, max(-100.0, 10.0 * math.log10(sig / noise))))


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
    x, y = aligned(original, sample_rate, augmented, augmented_sample_rate or sample_rate)
    if x.size == 0:
        return 0.0
    px = 10.0 * np.log10(np.maximum(power_spectrogram(x, n_fft, hop), 1e-10))
    py = 10.0 * np.log10(np.maximum(power_spectrogram(y, n_fft, hop), 1e-10))
    return float(np.mean(np.sqrt(np.mean((px - py) ** 2, axis=1))))


__all__ = ["aligned", "log_magnitude_db", "log_spectral_distance", "mono", "power_spectrogram", "resample", "snr_db",
           "spectral_similarity", "stft_frames"]
