"""Gain and level (audiomentations' names): ``gain``, ``gain_transition``, ``loudness_normalization``,
``limiter``, ``polarity_inversion``. Maths in :mod:`multiaug.audio.kernels.level`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import level
from ..modality import AUDIO, FINITE, SCAN_INPUT, SCAN_OUTPUT, Audio


def _gain_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|gain_db| / 110 * 100, 100)."""
    return abs(params["gain_db"]) / 110.0 * 100.0


@augmentation(AUDIO, intensity=_gain_intensity, finite_scan=SCAN_OUTPUT)
def gain(audio: Audio, gain_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = -6.0) -> Audio:
    """Multiply the audio by 10^(gain_db / 20) (audiomentations' Gain); samples are not clipped.

    Args:
        gain_db: gain in dB, in [-110, 110].
    """
    return level.apply_gain(audio, gain_db)


def _transition_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """|end_gain_db - start_gain_db| / 110 * 100."""
    return abs(params["end_gain_db"] - params["start_gain_db"]) / 110.0 * 100.0


def _draw_fade_start(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The first sample of the fade, uniform in [-length, n] (the fade may start before the input)."""
    length = round(params["duration"] * params["sample_rate"])
    if length >= 2**62:  # the start is drawn from an int64 range
        raise InvalidParameterError(
            f"gain_transition: argument 'duration'={params['duration']} s is {length:.3g} samples at "
            f"{params['sample_rate']} Hz; use at most {2**62 / params['sample_rate']:.3g} s",
            function="gain_transition", argument="duration")
    return {"start": int(rng.integers(-length, audio.shape[-1] + 1))}


@augmentation(AUDIO, intensity=_transition_intensity, draw=_draw_fade_start, finite_scan=SCAN_OUTPUT)
def gain_transition(
    audio: Audio,
    sample_rate: int = 44100,
    start_gain_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = -24.0,
    end_gain_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = 0.0,
    duration: Annotated[float, Range(0.0, None), FINITE, Unit("s")] = 1.0,
    *,
    start: Drawn,
) -> Out:
    """Fade from ``start_gain_db`` to ``end_gain_db`` (linear in dB) over ``duration`` seconds, starting at a
    random time (audiomentations' GainTransition): the gain is ``start_gain_db`` before the fade and
    ``end_gain_db`` after it. The fade may start before the input (drawn in [-duration, length]).

    Args:
        start_gain_db: gain before the transition, in dB.
        end_gain_db: gain after the transition, in dB.
        duration: length of the fade in seconds (>= 0).
        seed: int, numpy Generator or None; draws the start of the fade.
    """
    length = round(duration * sample_rate)
    out = level.gain_transition(audio, start, length, start_gain_db, end_gain_db)
    return Out(out, {"start_sample": start, "length_samples": length})


def _loudness_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """|applied gain_db| / 110 * 100 (from info)."""
    return abs(facts["info"]["gain_db"]) / 110.0 * 100.0


@augmentation(AUDIO, intensity=_loudness_intensity)
def loudness_normalization(
    audio: Audio,
    sample_rate: int = 44100,
    target_lufs: Annotated[float, Range(-110.0, 0.0), Unit("LUFS")] = -23.0,
) -> Out:
    """Scale to an integrated loudness of ``target_lufs`` (ITU-R BS.1770-4 with gating; multiaug's own
    K-weighting, no pyloudnorm). Silence is returned unchanged. Samples are not clipped. The record's ``info``
    holds the measured loudness and the applied gain.

    Args:
        target_lufs: target integrated loudness in LUFS (-23 = EBU R128, -14 = streaming), in [-110, 0].
    """
    out, gain_db, before = level.loudness_normalization(audio, sample_rate, target_lufs)
    return Out(out, {"input_lufs": before if np.isfinite(before) else None, "gain_db": gain_db})


def _limiter_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|threshold_db| / 40 * 100, 100)."""
    return abs(params["threshold_db"]) / 40.0 * 100.0


@augmentation(AUDIO, intensity=_limiter_intensity, finite_scan=SCAN_INPUT)
def limiter(
    audio: Audio,
    sample_rate: int = 44100,
    threshold_db: Annotated[float, Range(-110.0, 0.0), Unit("dB")] = -6.0,
    attack: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.005,
    release: Annotated[float, Range(0.0, 10.0), Unit("s")] = 0.1,
    threshold_mode: Literal["relative_to_signal_peak", "absolute"] = "relative_to_signal_peak",
) -> Out:
    """Look-ahead peak limiter: no output sample exceeds the threshold (channels linked).

    The gain reduction ramps in linearly in dB over ``attack`` seconds BEFORE each peak that needs it and
    recovers with the time constant ``release``. ``threshold_mode`` (audiomentations' Limiter): the threshold is
    relative to the input's peak (dB below it) or absolute (dBFS).

    Args:
        threshold_db: ceiling in dB (<= 0), relative to the peak or in dBFS (see threshold_mode).
        attack: look-ahead / attack time in seconds, in [0, 1].
        release: release time constant in seconds, in [0, 10].
        threshold_mode: "relative_to_signal_peak" or "absolute".
    """
    out, ceiling_db = level.limit_peaks(audio, sample_rate, threshold_db, attack, release,
                                        relative=threshold_mode == "relative_to_signal_peak")
    return Out(out, {"ceiling_dbfs": ceiling_db})


def _polarity_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 (every sample changes sign; inaudible on its own)."""
    return 100.0


@augmentation(AUDIO, intensity=_polarity_intensity, finite_scan=SCAN_INPUT)
def polarity_inversion(audio: Audio) -> Audio:
    """Flip the sign of every sample (audiomentations' PolarityInversion)."""
    return level.polarity_inversion(audio)
