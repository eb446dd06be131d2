"""Synthetic and event noise (audiomentations' names): ``add_color_noise``, ``add_gaussian_snr``,
``add_short_noises``. Maths in :mod:`multiaug.audio.kernels.color_noise`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import color_noise as cn
from ..modality import AUDIO, FINITE, Audio
from ..resources.shipped import shipped, shipped_audio

Color = Literal["white", "pink", "brown", "red", "blue", "violet"]
EXPORTS = ("COLOR_SLOPES",)
COLOR_SLOPES = cn.COLOR_SLOPES


def _snr_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(110 - snr_db) / 110 * 100 (clamped to [0, 100])."""
    return (110.0 - params["snr_db"]) / 110.0 * 100.0


def _draw_colored(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The noise field: Gaussian noise of the input's shape with the slope of ``color`` / ``f_decay``, RMS 1."""
    slope = COLOR_SLOPES[params["color"]] if params["f_decay"] is None else params["f_decay"]
    return {"noise": cn.colored_noise(audio.shape, params["sample_rate"], slope, rng, audio.dtype.type)}


@augmentation(AUDIO, intensity=_snr_intensity, draw=_draw_colored)
def add_color_noise(
    audio: Audio,
    sample_rate: int = 44100,
    snr_db: Annotated[float, FINITE, Unit("dB")] = 20.0,
    color: Color = "pink",
    f_decay: Annotated[float | None, Range(-24.0, 24.0), Unit("dB/octave")] = None,
    *,
    noise: Drawn,
) -> Out:
    """Add Gaussian noise with a spectral slope (audiomentations' AddColorNoise) at ``snr_db`` (RMS, all channels).

    Power slopes: white 0, pink -3.01, brown/red -6.02, blue +3.01, violet +6.02 dB/octave; ``f_decay`` sets any
    other slope and overrides ``color``. Every channel gets independent noise. Silent input: unchanged.

    Args:
        snr_db: signal-to-noise ratio in dB (finite).
        color: noise colour (sets the slope when f_decay is None).
        f_decay: power slope in dB/octave, in [-24, 24] (None = from color).
        seed: int, numpy Generator or None; draws the noise.
    """
    out, g = cn.add_at_snr(audio, noise, snr_db)
    return Out(out, {"slope_db_per_octave": COLOR_SLOPES[color] if f_decay is None else f_decay, "noise_gain": g})


def _draw_white(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """White Gaussian noise of the input's shape and precision (unit variance)."""
    return {"noise": rng.standard_normal(audio.shape, dtype=audio.dtype.type)}


@augmentation(AUDIO, intensity=_snr_intensity, draw=_draw_white)
def add_gaussian_snr(
    audio: Audio,
    snr_db: Annotated[float, FINITE, Unit("dB")] = 20.0,
    *,
    noise: Drawn,
) -> Out:
    """Add white Gaussian noise at ``snr_db`` (RMS over all channels; audiomentations' AddGaussianSNR).

    Args:
        snr_db: signal-to-noise ratio in dB (finite).
        seed: int, numpy Generator or None; draws the noise.
    """
    out, g = cn.add_at_snr(audio, noise, snr_db)
    return Out(out, {"noise_gain": g})


def _short_noises_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(110 - (min_snr_db + max_snr_db) / 2) / 110 * 100 (clamped)."""
    return (110.0 - (params["min_snr_db"] + params["max_snr_db"]) / 2.0) / 110.0 * 100.0


def _draw_events(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """The onsets first (gaps uniform in [min, max] time between sounds, the first in [0, max]), then per event
    its recording, offset (fraction), duration (0.5–1 × max_event_duration) and SNR; ranges checked first."""
    p, sr = params, params["sample_rate"]
    for lo, hi, name in (("min_snr_db", "max_snr_db", "max_snr_db"),
                         ("min_time_between_sounds", "max_time_between_sounds", "max_time_between_sounds")):
        if p[hi] < p[lo]:
            raise InvalidParameterError(f"add_short_noises: argument '{name}' must be >= its min, got {p[hi]} < "
                                        f"{p[lo]}", function="add_short_noises", argument=name)
    names = shipped("noise")
    events: list[dict[str, Any]] = []
    t = float(rng.uniform(0.0, p["max_time_between_sounds"]))
    while t * sr < audio.shape[-1]:
        events.append({"start": int(t * sr)})
        t += float(rng.uniform(p["min_time_between_sounds"], p["max_time_between_sounds"]))
    for ev in events:
        ev["recording"] = names[int(rng.integers(len(names)))]
        ev["offset_fraction"] = float(rng.random())
        ev["duration"] = float(rng.uniform(0.5, 1.0)) * p["max_event_duration"]
        ev["snr_db"] = float(rng.uniform(p["min_snr_db"], p["max_snr_db"]))
    return {"events": events}


@augmentation(AUDIO, intensity=_short_noises_intensity, draw=_draw_events)
def add_short_noises(
    audio: Audio,
    sample_rate: int = 44100,
    min_snr_db: Annotated[float, FINITE, Unit("dB")] = -6.0,
    max_snr_db: Annotated[float, FINITE, Unit("dB")] = 18.0,
    min_time_between_sounds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.25,
    max_time_between_sounds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 2.0,
    max_event_duration: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.5,
    fade_time: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.01,
    *,
    events: Drawn,
) -> Out:
    """Add short noise events (excerpts of the shipped noise recordings) at random times, each at its own SNR
    (audiomentations' AddShortNoises with the shipped set): the gaps between events are drawn in
    [min_time_between_sounds, max_time_between_sounds], each event's SNR (against the whole input's RMS) in
    [min_snr_db, max_snr_db], its recording, offset and length (up to ``max_event_duration``). The record's
    ``info["events"]`` lists every event (start sample, recording, offset, length, SNR, gain).

    Args:
        min_snr_db: lowest per-event SNR in dB.
        max_snr_db: highest per-event SNR in dB (>= min_snr_db).
        min_time_between_sounds: shortest gap between event onsets in seconds (> 0).
        max_time_between_sounds: longest gap between event onsets in seconds (>= min).
        max_event_duration: longest event in seconds (> 0).
        fade_time: fade in/out of each event in seconds.
        seed: int, numpy Generator or None; draws every event.
    """
    recordings = [shipped_audio(ev["recording"], sample_rate) for ev in events]
    out, placed = cn.add_short_events(audio, sample_rate, recordings, events, round(fade_time * sample_rate))
    return Out(out, {"events": placed})
