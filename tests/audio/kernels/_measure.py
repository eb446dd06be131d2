"""Measurement helpers for the kernel tests (tones, gains at a frequency, PSD slopes)."""

from __future__ import annotations

import numpy as np


def tone(freq: float, seconds: float, sr: int, amp: float = 0.5, dtype=np.float32) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(dtype)


def gain_db_at(fn, freq: float, sr: int, seconds: float = 1.0) -> float:
    """Steady-state gain (dB) of the system ``fn`` at ``freq``: RMS of the second half of the output of a tone."""
    x = tone(freq, seconds, sr, dtype=np.float64)
    y = np.asarray(fn(x), dtype=np.float64)
    h = x.size // 2
    return 20 * np.log10(np.sqrt(np.mean(y[h:] ** 2)) / np.sqrt(np.mean(x[h:] ** 2)))


def psd_slope_db_per_octave(x: np.ndarray, sr: int, f_lo: float, f_hi: float, nper: int = 4096) -> float:
    """Least-squares slope of the Welch PSD (dB) against log2(frequency) between f_lo and f_hi."""
    from scipy.signal import welch

    f, p = welch(x, fs=sr, nperseg=nper)
    sel = (f >= f_lo) & (f <= f_hi)
    return float(np.polyfit(np.log2(f[sel]), 10 * np.log10(p[sel]), 1)[0])
