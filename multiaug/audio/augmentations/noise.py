"""Synthetic and event noise (audiomentations' names): ``add_color_noise``, ``add_gaussian_snr``,
``add_short_noises``. Maths in :mod:`multiaug.audio.kernels.color_noise`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ...core.errors import InvalidParameterError
from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import color_noise as cn
from ..kernels.channels import as_2d, match_channels
from ..kernels.level import rms
from ..modality import AUDIO, FINITE
from ..resources.shipped import shipped, shipped_audio

Color = Literal["white", "pink", "brown", "red", "blue", "violet"]
EXPORTS = ("COLOR_SLOPES",)
COLOR_SLOPES = cn.COLOR_SLOPES


def _snr_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(110 - snr_db) / 110 * 100 (clamped to [0, 100])."""
    return (110.0 - params["snr_db"]) / 110.0 * 100.0


@augmentation(AUDIO, intensity=_snr_intensity)
def add_color_noise(
    audio: Any,
    sample_rate: int = 44100,
    snr_db: Annotated[float, FINITE, Unit("dB")] = 20.0,
    color: Color = "pink",
    f_decay: Annotated[float | None, Range(-24.0, 24.0), Unit("dB/octave")] = None,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Add Gaussian noise with a spectral slope (audiomentations' AddColorNoise) at ``snr_db`` (RMS, all channels).

    Power slopes: white 0, pink -3.01, brown/red -6.02, blue +3.01, violet +6.02 dB/octave; ``f_decay`` sets any
    other slope and overrides ``color``. Every channel gets independent noise. Silent input: unchanged.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        snr_db: signal-to-noise ratio in dB (finite).
        color: noise colour (sets the slope when f_decay is None).
        f_decay: power slope in dB/octave, in [-24, 24] (None = from color).
        seed: int, numpy Generator or None; draws the noise.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    slope = COLOR_SLOPES[color] if f_decay is None else f_decay
    noise = cn.colored_noise(audio.shape, sample_rate, slope, seed, audio.dtype.type)
    out, g = cn.add_at_snr(audio, noise, snr_db)
    return Out((out, sample_rate), {"slope_db_per_octave": slope, "noise_gain": g})


@augmentation(AUDIO, intensity=_snr_intensity)
def add_gaussian_snr(
    audio: Any,
    sample_rate: int = 44100,
    snr_db: Annotated[float, FINITE, Unit("dB")] = 20.0,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Add white Gaussian noise at ``snr_db`` (RMS over all channels; audiomentations' AddGaussianSNR).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        snr_db: signal-to-noise ratio in dB (finite).
        seed: int, numpy Generator or None; draws the noise.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    noise = seed.standard_normal(audio.shape, dtype=audio.dtype.type)
    out, g = cn.add_at_snr(audio, noise, snr_db)
    return Out((out, sample_rate), {"noise_gain": g})


def _short_noises_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(110 - (min_snr_db + max_snr_db) / 2) / 110 * 100 (clamped)."""
    return (110.0 - (params["min_snr_db"] + params["max_snr_db"]) / 2.0) / 110.0 * 100.0


@augmentation(AUDIO, intensity=_short_noises_intensity)
def add_short_noises(
    audio: Any,
    sample_rate: int = 44100,
    min_snr_db: Annotated[float, FINITE, Unit("dB")] = -6.0,
    max_snr_db: Annotated[float, FINITE, Unit("dB")] = 18.0,
    min_time_between_sounds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.25,
    max_time_between_sounds: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 2.0,
    max_event_duration: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.5,
    fade_time: Annotated[float, Range(0.0, 1.0), Unit("s")] = 0.01,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Add short noise events (excerpts of the shipped noise recordings) at random times, each at its own SNR
    (audiomentations' AddShortNoises with the shipped set): the gaps between events are drawn in
    [min_time_between_sounds, max_time_between_sounds], each event's SNR (against the whole input's RMS) in
    [min_snr_db, max_snr_db], its recording, offset and length (up to ``max_event_duration``). The record's
    ``info["events"]`` lists every event (start sample, recording, offset, length, SNR, gain).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        min_snr_db: lowest per-event SNR in dB.
        max_snr_db: highest per-event SNR in dB (>= min_snr_db).
        min_time_between_sounds: shortest gap between event onsets in seconds (> 0).
        max_time_between_sounds: longest gap between event onsets in seconds (>= min).
        max_event_duration: longest event in seconds (> 0).
        fade_time: fade in/out of each event in seconds.
        seed: int, numpy Generator or None; draws every event.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    for lo, hi, name in ((min_snr_db, max_snr_db, "max_snr_db"),
                         (min_time_between_sounds, max_time_between_sounds, "max_time_between_sounds")):
        if hi < lo:
            raise InvalidParameterError(f"add_short_noises: argument '{name}' must be >= its min, got {hi} < {lo}",
                                        function="add_short_noises", argument=name)
    n = audio.shape[-1]
    names = shipped("noise")
    # every random value first: onsets, then per event recording, offset, length and SNR
    events: list[dict[str, Any]] = []
    t = float(seed.uniform(0.0, max_time_between_sounds))
    while t * sample_rate < n:
        events.append({"start": int(t * sample_rate)})
        t += float(seed.uniform(min_time_between_sounds, max_time_between_sounds))
    for ev in events:
        ev["recording"] = names[int(seed.integers(len(names)))]
        ev["offset_fraction"] = float(seed.random())
        ev["duration"] = float(seed.uniform(0.5, 1.0)) * max_event_duration
        ev["snr_db"] = float(seed.uniform(min_snr_db, max_snr_db))
    a_rms = rms(audio)
    ch = as_2d(audio).shape[0]
    placed = []
    for ev in events:
        sig = shipped_audio(ev["recording"], sample_rate)
        sig2 = as_2d(sig)
        m = max(1, min(sig2.shape[-1], round(ev["duration"] * sample_rate)))
        off = int(ev["offset_fraction"] * (sig2.shape[-1] - m))
        part = match_channels(sig2[:, off: off + m], ch)
        g = cn.noise_gain_for_snr(a_rms, rms(part), ev["snr_db"])
        ev.update(offset=off, length=m, gain=g)
        placed.append((ev["start"], part, g))
    out = cn.place_events(audio, placed, round(fade_time * sample_rate))
    return Out((out, sample_rate), {"events": events})
