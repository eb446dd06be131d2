"""Harmonic/percussive separation (``harmonic``, ``percussive``).

Median-filtering HPSS (Fitzgerald 2010) with soft masks, the method librosa's ``effects.harmonic`` /
``effects.percussive`` use, on multiaug's own numpy STFT (2048-point Hann, hop 512): the magnitude
spectrogram is median-filtered along time (``kernel_size`` frames → harmonic estimate H) and along
frequency (``kernel_size`` bins → percussive estimate P); the harmonic output keeps
``H^power / (H^power + (margin * P)^power)`` of each STFT cell (mirror for percussive). No numba: the
first call costs what every call costs. Each channel is separated independently.
"""

from __future__ import annotations

from typing import Annotated, Any

from ...core.limits import kernel_size as kernel_taps
from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels import hpss
from ..modality import AUDIO, Audio


def _hpss_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100."""
    return 100.0


_KERNEL = Annotated[int, Range(1, None), Unit("frames / bins")]
_POWER = Annotated[float, Range(0.0, None, low_open=True, inf_meaning="inf = a binary mask"), Unit("exponent")]
_MARGIN = Annotated[float, Range(1.0, None), Unit("ratio")]


def _hpss_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """kernel_size = kernel_size (median-filter length in frames / bins)."""
    return kernel_taps(params["kernel_size"], "kernel_size")


@augmentation(AUDIO, intensity=_hpss_intensity, cost=_hpss_cost)
def harmonic(
    audio: Audio,
    kernel_size: _KERNEL = 31,
    power: _POWER = 2.0,
    margin: _MARGIN = 1.0,
) -> Audio:
    """Keep only the harmonic (sustained, tonal) part of the signal (median-filter HPSS, soft mask).

    Args:
        kernel_size: median-filter length, in STFT frames (time) and bins (frequency), int >= 1.
        power: exponent of the soft mask (> 0; inf gives a binary mask).
        margin: the harmonic part must exceed margin × the percussive part (>= 1; larger = stricter).
    """
    return hpss.separate(audio, "harmonic", kernel_size, power, margin)


@augmentation(AUDIO, intensity=_hpss_intensity, cost=_hpss_cost)
def percussive(
    audio: Audio,
    kernel_size: _KERNEL = 31,
    power: _POWER = 2.0,
    margin: _MARGIN = 1.0,
) -> Audio:
    """Keep only the percussive (transient, broadband) part of the signal (median-filter HPSS, soft mask).

    Args:
        kernel_size: median-filter length, in STFT frames (time) and bins (frequency), int >= 1.
        power: exponent of the soft mask (> 0; inf gives a binary mask).
        margin: the percussive part must exceed margin × the harmonic part (>= 1; larger = stricter).
    """
    return hpss.separate(audio, "percussive", kernel_size, power, margin)
