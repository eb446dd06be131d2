"""Spectrogram-domain kernels for ASR-style augmentation: a log-mel spectrogram and SpecAugment's pieces (time
warping, frequency masks, time masks; Park et al., 2019), plus a channel shuffle for multi-channel spectrograms.

Spectrograms are ``(..., n_mels, frames)`` arrays (frequency rows, time columns); positions and widths are given
by the caller (drawn outside). Every function returns a new array.
"""

from __future__ import annotations

import functools

import numpy as np

from .stft import stft


def hz_to_mel(f: np.ndarray | float) -> np.ndarray:
    """HTK mel scale: 2595 log10(1 + f / 700)."""
    return 2595.0 * np.log10(1.0 + np.asarray(f, dtype=np.float64) / 700.0)


def mel_to_hz(m: np.ndarray | float) -> np.ndarray:
    """Inverse of :func:`hz_to_mel`."""
    return 700.0 * (10.0 ** (np.asarray(m, dtype=np.float64) / 2595.0) - 1.0)


@functools.lru_cache(maxsize=16)
def mel_filterbank(sample_rate: int, n_fft: int, n_mels: int, fmin: float = 0.0, fmax: float | None = None
                   ) -> np.ndarray:
    """``(n_mels, n_fft // 2 + 1)`` triangular filters equally spaced on the HTK mel scale between ``fmin`` and
    ``fmax`` (default Nyquist), each of unit area (Slaney normalisation), float32, read-only."""
    fmax = sample_rate / 2.0 if fmax is None else fmax
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sample_rate)
    edges = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    lo, ce, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    up = (freqs[None, :] - lo) / np.maximum(ce - lo, 1e-12)
    down = (hi - freqs[None, :]) / np.maximum(hi - ce, 1e-12)
    fb = np.maximum(0.0, np.minimum(up, down)) * (2.0 / (hi - lo))
    out = fb.astype(np.float32)
    out.setflags(write=False)
    return out


def log_mel(audio: np.ndarray, sample_rate: int, n_fft: int = 512, hop: int = 160, n_mels: int = 80,
            top_db: float = 80.0) -> np.ndarray:
    """Log-mel power spectrogram in dB, ``(..., n_mels, frames)`` float32: Hann STFT (centred frames),
    power, mel filterbank, ``10 log10``, floored at ``max - top_db``."""
    spec = stft(np.asarray(audio, dtype=np.float32), n_fft, hop)  # (..., frames, bins)
    power = spec.real ** 2 + spec.imag ** 2
    mel = power @ mel_filterbank(sample_rate, n_fft, n_mels).T  # (..., frames, n_mels)
    db = 10.0 * np.log10(np.maximum(mel, 1e-10))
    db = np.maximum(db, db.max() - top_db)
    return np.ascontiguousarray(np.swapaxes(db, -1, -2)).astype(np.float32)


def time_warp(spec: np.ndarray, center: int, warped_center: int) -> np.ndarray:
    """SpecAugment time warping: the frame at ``center`` moves to ``warped_center``; the frames before and after
    are stretched / squeezed linearly (linear interpolation along time); first and last frames stay."""
    t = spec.shape[-1]
    if t < 3 or center == warped_center:
        return np.array(spec, copy=True)
    center = min(max(center, 1), t - 2)
    warped_center = min(max(warped_center, 1), t - 2)
    out_pos = np.arange(t, dtype=np.float64)
    # source position of each output frame (piecewise linear map through (0,0), (w, c), (t-1, t-1))
    src = np.where(out_pos <= warped_center, out_pos * center / warped_center,
                   center + (out_pos - warped_center) * (t - 1 - center) / (t - 1 - warped_center))
    i0 = np.floor(src).astype(np.int64)
    i1 = np.minimum(i0 + 1, t - 1)
    frac = (src - i0).astype(spec.dtype)
    return spec[..., i0] * (1 - frac) + spec[..., i1] * frac


def frequency_mask(spec: np.ndarray, start: int, width: int, value: float | None = None) -> np.ndarray:
    """Set rows ``start : start + width`` (frequency bins) to ``value`` (default: the spectrogram's mean)."""
    out = np.array(spec, copy=True)
    fill = float(spec.mean()) if value is None else value
    out[..., start: start + width, :] = fill
    return out


def time_mask(spec: np.ndarray, start: int, width: int, value: float | None = None) -> np.ndarray:
    """Set columns ``start : start + width`` (frames) to ``value`` (default: the spectrogram's mean)."""
    out = np.array(spec, copy=True)
    fill = float(spec.mean()) if value is None else value
    out[..., start: start + width] = fill
    return out


def spec_augment(spec: np.ndarray, warp: tuple[int, int] | None, freq_masks: list[tuple[int, int]],
                 time_masks: list[tuple[int, int]], value: float | None = None) -> np.ndarray:
    """Time warp (``(center, warped_center)`` or None), then every frequency mask and time mask
    (``(start, width)`` each), masked cells set to ``value`` (default: the input's mean)."""
    fill = float(spec.mean()) if value is None else value
    out = time_warp(spec, *warp) if warp is not None else np.array(spec, copy=True)
    for start, width in freq_masks:
        out[..., start: start + width, :] = fill
    for start, width in time_masks:
        out[..., start: start + width] = fill
    return out


def channel_shuffle(spec: np.ndarray, order: list[int]) -> np.ndarray:
    """Reorder the first axis (channels) of a ``(channels, ...)`` array by ``order`` (a permutation)."""
    return np.ascontiguousarray(spec[np.asarray(order, dtype=np.int64)])
