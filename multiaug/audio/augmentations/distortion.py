"""Distortion (audiomentations' names): ``clipping_distortion``, ``tanh_distortion``, ``bit_crush``, ``aliasing``.
Maths in :mod:`multiaug.audio.kernels.distortion`."""

from __future__ import annotations

from typing import Annotated, Any

from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels import distortion
from ..modality import AUDIO, Audio


def _percentile_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """percentile_threshold / 40 * 100 (clamped)."""
    return params["percentile_threshold"] / 40.0 * 100.0


@augmentation(AUDIO, intensity=_percentile_intensity)
def clipping_distortion(
    audio: Audio,
    percentile_threshold: Annotated[float, Range(0.0, 100.0), Unit("%")] = 20.0,
) -> Audio:
    """Hard clipping at the signal's own percentiles (audiomentations' ClippingDistortion): samples outside the
    [p/2, 100 - p/2] percentiles are clipped, so about ``percentile_threshold`` % of them are flattened.

    Args:
        percentile_threshold: share of samples clipped, in % (0–100).
    """
    return distortion.clipping_distortion(audio, percentile_threshold)


def _amount_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """distortion_amount * 100."""
    return params["distortion_amount"] * 100.0


@augmentation(AUDIO, intensity=_amount_intensity)
def tanh_distortion(
    audio: Audio,
    distortion_amount: Annotated[float, Range(0.0, 1.0), Unit("fraction")] = 0.5,
) -> Audio:
    """Soft saturation ``tanh(k·x)`` with the RMS kept (audiomentations' TanhDistortion drive rule).

    Args:
        distortion_amount: 0 (almost clean) to 1 (heavy saturation).
    """
    return distortion.tanh_distortion(audio, distortion_amount)


def _bits_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(16 - bit_depth) / 15 * 100 (clamped)."""
    return (16 - params["bit_depth"]) / 15.0 * 100.0


@augmentation(AUDIO, intensity=_bits_intensity)
def bit_crush(
    audio: Audio,
    bit_depth: Annotated[int, Range(1, 32), Unit("bits")] = 8,
) -> Audio:
    """Quantise to a signed ``bit_depth``-bit grid on [-1, 1] (audiomentations' BitCrush): round(x·2^(b-1)) /
    2^(b-1).

    Args:
        bit_depth: bits per sample, in [1, 32].
    """
    return distortion.bit_crush(audio, bit_depth)


def _alias_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 - target_sample_rate / src_sample_rate) * 100 (clamped)."""
    return (1.0 - params["target_sample_rate"] / facts["src_sample_rate"]) * 100.0


@augmentation(AUDIO, intensity=_alias_intensity)
def aliasing(
    audio: Audio,
    sample_rate: int = 44100,
    target_sample_rate: Annotated[float, Range(1.0, None), Unit("Hz")] = 8000.0,
) -> Audio:
    """Down- and up-sample through ``target_sample_rate`` by linear interpolation WITHOUT anti-aliasing filters
    (audiomentations' Aliasing): content above target_sample_rate / 2 folds back. Same length and rate;
    a target at or above the input's rate changes nothing.

    Args:
        target_sample_rate: the intermediate rate in Hz (>= 1).
    """
    return distortion.aliasing(audio, sample_rate, target_sample_rate)
