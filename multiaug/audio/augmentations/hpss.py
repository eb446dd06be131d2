"""Harmonic/percussive separation (``harmonic``, ``percussive``).

Median-filtering HPSS (Fitzgerald 2010) with soft masks, the method librosa's ``effects.harmonic`` /
``effects.percussive`` use, on multiaug's own numpy STFT (2048-point Hann, hop 512): the magnitude
spectrogram is median-filtered along time (``kernel_size`` frames → harmonic estimate H) and along
frequency (``kernel_size`` bins → percussive estimate P); the harmonic output keeps
``H^power / (H^power + (margin * P)^power)`` of each STFT cell (mirror for percussive). No numba: the
first call costs what every call costs. Each channel is separated independently.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels.channels import as_2d, like_input
from ..kernels.stft import istft, stft
from ..modality import AUDIO

N_FFT = 2048
HOP = 512


def _hpss_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


def _soft_mask(x: np.ndarray, ref: np.ndarray, power: float) -> np.ndarray:
    """x^p / (x^p + ref^p), computed stably; cells where both are ~0 get 0."""
    if math.isinf(power):
        return (x > ref).astype(np.float32)
    tiny = np.finfo(np.float32).tiny
    if power == 2.0:  # the default: squares cannot overflow for STFT magnitudes of audio
        num = x * x
        den = num + ref * ref
        np.maximum(den, tiny, out=den)
        num /= den
        return num
    z = np.maximum(x, ref)
    bad = z < tiny
    z = np.where(bad, 1.0, z)
    m = (x / z) ** power
    r = (ref / z) ** power
    out = m / np.maximum(m + r, tiny)
    out[bad] = 0.0
    return out.astype(np.float32, copy=False)


def median_along(x: np.ndarray, axis: int, size: int) -> np.ndarray:
    """Median filter of length ``size`` along one axis (ndimage "reflect" edges), exactly equal to
    ``scipy.ndimage.median_filter`` with a 1-D footprint but ~10x faster: every line is padded by
    reflection and the lines are concatenated into one 1-D signal, which scipy filters with its fast
    1-D running-median path."""
    from scipy.ndimage import median_filter

    if size == 1:
        return x.copy()
    moved = np.moveaxis(x, axis, -1)
    lead, n = moved.shape[:-1], moved.shape[-1]
    h = size // 2
    if h >= n:  # window longer than the line: numpy's and ndimage's reflections differ, use ndimage
        footprint = [1] * x.ndim
        footprint[axis] = size
        return median_filter(x, size=footprint, mode="reflect")
    lines = np.pad(moved.reshape(-1, n), ((0, 0), (h, h)), mode="symmetric")
    flat = median_filter(lines.reshape(-1), size=size, mode="reflect")
    out = flat.reshape(lines.shape)[:, h:h + n].reshape(lead + (n,))
    return np.moveaxis(out, -1, axis)


def _separate(audio: np.ndarray, which: Literal["harmonic", "percussive"], kernel_size: int, power: float,
              margin: float) -> np.ndarray:
    n = audio.shape[-1]
    if n == 0:
        return audio.copy()
    x = as_2d(np.asarray(audio, dtype=np.float32))
    spec = stft(x, N_FFT, HOP)  # (channels, frames, bins)
    mag = np.abs(spec)
    harm = median_along(mag, -2, kernel_size)  # along time: sustained partials
    perc = median_along(mag, -1, kernel_size)  # along frequency: broadband transients
    if which == "harmonic":
        mask = _soft_mask(harm, perc * np.float32(margin), power)
    else:
        mask = _soft_mask(perc, harm * np.float32(margin), power)
    y = istft(spec * mask, HOP, n)
    return like_input(y, audio)


_KERNEL = Annotated[int, Range(1, None), Unit("frames / bins")]
_POWER = Annotated[float, Range(0.0, None, low_open=True, inf_meaning="inf = a binary mask"), Unit("exponent")]
_MARGIN = Annotated[float, Range(1.0, None), Unit("ratio")]


@augmentation(AUDIO, intensity=_hpss_intensity)
def harmonic(
    audio: Any,
    sample_rate: int = 44100,
    kernel_size: _KERNEL = 31,
    power: _POWER = 2.0,
    margin: _MARGIN = 1.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Keep only the harmonic (sustained, tonal) part of the signal (median-filter HPSS, soft mask).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        kernel_size: median-filter length, in STFT frames (time) and bins (frequency), int >= 1.
        power: exponent of the soft mask (> 0; inf gives a binary mask).
        margin: the harmonic part must exceed margin × the percussive part (>= 1; larger = stricter).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    return _separate(audio, "harmonic", kernel_size, power, margin), sample_rate


@augmentation(AUDIO, intensity=_hpss_intensity)
def percussive(
    audio: Any,
    sample_rate: int = 44100,
    kernel_size: _KERNEL = 31,
    power: _POWER = 2.0,
    margin: _MARGIN = 1.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Keep only the percussive (transient, broadband) part of the signal (median-filter HPSS, soft mask).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        kernel_size: median-filter length, in STFT frames (time) and bins (frequency), int >= 1.
        power: exponent of the soft mask (> 0; inf gives a binary mask).
        margin: the percussive part must exceed margin × the harmonic part (>= 1; larger = stricter).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    return _separate(audio, "percussive", kernel_size, power, margin), sample_rate
