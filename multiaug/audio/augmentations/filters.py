"""Biquad filters (``high_pass_filter``, ``low_pass_filter``, ``peaking_equalizer``).

Design: RBJ "Audio EQ Cookbook" second-order sections, the same two-pole designs sox uses for
``highpass``/``lowpass`` (Q = 1/sqrt(2), Butterworth: -3 dB at the cutoff, 12 dB/octave) and
``equalizer``. Filtering is causal from a zero state (like sox), so the magnitude response is the
designed one (-3 dB at the cutoff, not the -6 dB of a zero-phase forward-backward pass) and there
is the small phase delay of any causal filter. Computed in the input's precision (float32 or float64)
with an exact block state-space form of the recursion (see :func:`multiaug.audio.kernels.biquad.sos_filter`).
"""

from __future__ import annotations

from typing import Annotated, Any

from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels.biquad import BUTTERWORTH_Q, biquad_sos, sos_filter
from ..modality import AUDIO, FINITE, Audio, nyquist_check


def _hpf_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """cutoff_hz / 20000 * 100 (clamped to [0, 100])."""
    return params["cutoff_hz"] / 20000.0 * 100.0


def _lpf_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(20000 - cutoff_hz) / 20000 * 100 (clamped to [0, 100])."""
    return (20000.0 - params["cutoff_hz"]) / 20000.0 * 100.0


@augmentation(AUDIO, intensity=_hpf_intensity)
def high_pass_filter(
    audio: Audio,
    sample_rate: int = 44100,
    cutoff_hz: Annotated[float, Range(0.0, None, low_open=True), Unit("Hz")] = 3000.0,
) -> Audio:
    """Two-pole Butterworth high-pass (RBJ biquad, Q = 0.707, causal): -3 dB at ``cutoff_hz``.

    Args:
        cutoff_hz: -3 dB frequency in Hz (> 0 and below sample_rate / 2).
    """
    nyquist_check(cutoff_hz, sample_rate, "high_pass_filter", "cutoff_hz")
    return sos_filter(audio, biquad_sos("highpass", cutoff_hz, sample_rate, BUTTERWORTH_Q))


@augmentation(AUDIO, intensity=_lpf_intensity)
def low_pass_filter(
    audio: Audio,
    sample_rate: int = 44100,
    cutoff_hz: Annotated[float, Range(0.0, None, low_open=True), Unit("Hz")] = 500.0,
) -> Audio:
    """Two-pole Butterworth low-pass (RBJ biquad, Q = 0.707, causal): -3 dB at ``cutoff_hz``.

    Args:
        cutoff_hz: -3 dB frequency in Hz (> 0 and below sample_rate / 2).
    """
    nyquist_check(cutoff_hz, sample_rate, "low_pass_filter", "cutoff_hz")
    return sos_filter(audio, biquad_sos("lowpass", cutoff_hz, sample_rate, BUTTERWORTH_Q))


def _peq_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """((46 - q) / 46) * (|gain_db| / 110) * 100 (clamped to [0, 100])."""
    return ((46.0 - params["q"]) / 46.0) * (abs(params["gain_db"]) / 110.0) * 100.0


@augmentation(AUDIO, intensity=_peq_intensity)
def peaking_equalizer(
    audio: Audio,
    sample_rate: int = 44100,
    center_hz: Annotated[float, Range(0.0, None, low_open=True), Unit("Hz")] = 500.0,
    q: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("Q")] = 1.0,
    gain_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = -3.0,
) -> Audio:
    """Peaking (bell) EQ band: ``gain_db`` at ``center_hz``, bandwidth set by ``q`` (RBJ biquad, causal).

    Args:
        center_hz: centre frequency in Hz (> 0 and below sample_rate / 2).
        q: quality factor (> 0); bandwidth ≈ center_hz / q.
        gain_db: gain at the centre frequency in dB, in [-110, 110] (negative cuts).
    """
    nyquist_check(center_hz, sample_rate, "peaking_equalizer", "center_hz")
    return sos_filter(audio, biquad_sos("peaking", center_hz, sample_rate, q, gain_db))
