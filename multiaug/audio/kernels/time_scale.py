"""Time and pitch scaling of ``(n,)`` / ``(channels, n)`` audio: pitch shift (vocoder stretch + soxr resampling),
phase-vocoder time stretch, WSOLA tempo and tape-like speed. Output lengths are exact; silence in, silence out."""

from __future__ import annotations

import numpy as np

from .channels import as_2d, like_input
from .length import fix_length
from .resample import resample
from .vocoder import stretch
from .wsola import wsola

N_FFT = 2048
HOP = 512


def pitch_shift(audio: np.ndarray, sample_rate: int, n_steps: float) -> np.ndarray:
    """Pitch × 2^(n_steps / 12), length n exactly (float32). The vocoder stretch runs on the shorter of the two
    intermediate signals: upward shifts resample first, downward shifts stretch first."""
    n = audio.shape[-1]
    if n == 0 or n_steps == 0:
        return audio.copy()
    p = 2.0 ** (n_steps / 12.0)
    x = np.asarray(audio, dtype=np.float32)
    if p >= 1.0:
        # raise: play the signal p times faster (resample), then stretch back to n samples
        y = resample(x, sample_rate * p, sample_rate)
        y = stretch(y, y.shape[-1] / n, N_FFT, HOP) if y.shape[-1] else y
    else:
        # lower: shorten by p with the vocoder, then resample the result back to n samples
        y = stretch(x, 1.0 / p, N_FFT, HOP)
        y = resample(y, sample_rate * p, sample_rate)
    return fix_length(y, n)


def time_stretch(audio: np.ndarray, rate: float, out_len: int) -> np.ndarray:
    """Phase-vocoder stretch to ``out_len`` samples (≈ n / rate; float32), pitch kept; rate 1: a copy."""
    n = audio.shape[-1]
    if n == 0 or rate == 1:
        return audio.copy()
    y = stretch(np.asarray(audio, dtype=np.float32), n / out_len if out_len else rate, N_FFT, HOP)
    return fix_length(y, out_len)


def tempo(audio: np.ndarray, sample_rate: int, factor: float, out_len: int) -> np.ndarray:
    """WSOLA tempo change to ``out_len`` samples (≈ n / factor), pitch kept, input precision; factor 1: a copy."""
    n = audio.shape[-1]
    if n == 0 or factor == 1:
        return audio.copy()
    y = wsola(as_2d(audio), n / out_len, sample_rate)
    return like_input(fix_length(y, out_len), audio)


def speed(audio: np.ndarray, sample_rate: int, factor: float, out_len: int) -> np.ndarray:
    """Tape-like speed change: resampled by 1 / factor (every frequency × factor) to ``out_len`` samples at the
    same rate; factor 1: a copy."""
    n = audio.shape[-1]
    if n == 0 or factor == 1:
        return audio.copy()
    return fix_length(resample(audio, sample_rate * factor, sample_rate), out_len)
