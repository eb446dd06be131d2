"""Mixing with other signals (``add_background_noise``, ``clicks``, ``insert_in_background``).

Backgrounds may be a path (read with soundfile at the file's own rate) or an array (at
``background_sample_rate``, default: the input's rate) and are resampled with soxr to the input's rate.
Channels: a mono background is used on every channel; a background with the input's channel count is
used as is; any other layout is mixed down to mono first. With ``background_audio=None`` the background
is a shipped recording (``assets/audio/noise`` for noise, ``assets/audio/speech`` + noise for
``insert_in_background``), chosen, and started at an offset, from ``seed``.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import mixing
from ..modality import AUDIO, FINITE, Audio, external_audio
from ..resources.shipped import shipped, shipped_audio
from ..segments import Pair, shift_pairs

DEFAULT_INSERT_LEVEL_DB = -10.0  # default background level relative to the input's RMS (insert_in_background)


def _noise_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((110 - snr_level_db) / 110 * 100, 100) (clamped to [0, 100])."""
    return min((110.0 - params["snr_level_db"]) / 110.0 * 100.0, 100.0)


def _background_keys(info: dict[str, Any]) -> dict[str, Any]:
    """background_duration (s) (AugLy's extra metadata key)."""
    return {"background_duration": info["background_duration"]}


def _insert_keys(info: dict[str, Any]) -> dict[str, Any]:
    """offset (samples), background_duration (s) (AugLy's extra metadata keys)."""
    return {"offset": info["offset"], "background_duration": info["background_duration"]}


def _clicks_keys(info: dict[str, Any]) -> dict[str, Any]:
    """clicks_duration (s) (AugLy's extra metadata key)."""
    return {"clicks_duration": info["clicks_duration"]}


def _background(background: str | None, offset: int, given: Any, given_rate: int | None, sample_rate: int,
                where: str) -> tuple[np.ndarray, dict[str, Any]]:
    """The background signal at ``sample_rate`` (the drawn shipped one, or the given path / array) and its record."""
    if background is not None:
        return shipped_audio(background, sample_rate), {"background": background, "background_offset": offset}
    return external_audio(given, given_rate, sample_rate, where, "background_audio"), {}


def _draw_shipped(rng: np.random.Generator, kind: str, sample_rate: int) -> dict[str, Any]:
    """A shipped recording of ``kind`` (one draw) and a start offset inside it (one draw)."""
    names = shipped(kind)
    rel = names[int(rng.integers(len(names)))]
    return {"background": rel, "background_offset": int(rng.integers(shipped_audio(rel, sample_rate).shape[-1]))}


def _draw_noise_background(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Without ``background_audio``: a shipped noise recording and where it starts."""
    if params["background_audio"] is not None:
        return {"background": None, "background_offset": 0}
    return _draw_shipped(rng, "noise", params["sample_rate"])


def _draw_insert_background(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Without ``background_audio``: noise or speech (one draw), then a shipped recording of it and its start."""
    if params["background_audio"] is not None:
        return {"background": None, "background_offset": 0}
    return _draw_shipped(rng, "noise" if rng.random() < 0.5 else "speech", params["sample_rate"])


@augmentation(AUDIO, intensity=_noise_intensity, augly_keys=_background_keys, draw=_draw_noise_background)
def add_background_noise(
    audio: Audio,
    sample_rate: int = 44100,
    background_audio: str | np.ndarray | None = None,
    snr_level_db: Annotated[float, FINITE, Unit("dB")] = 10.0,
    *,
    background_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
    background: Drawn,
    background_offset: Drawn,
) -> Out:
    """Add a background scaled so that the signal-to-noise ratio is ``snr_level_db`` (RMS over all channels).

    The background is looped (or trimmed) to the input's length. Silent input or background: the input
    is returned unchanged (never NaN). Samples are not clipped.

    Args:
        background_audio: path or float array of the background; None = a shipped noise recording
            (white, pink, brown, babble, cafe, rain, traffic, hum), picked and offset from ``seed``.
        snr_level_db: target SNR in dB: 20·log10(rms(audio) / rms(scaled background)); finite.
        seed: int, numpy Generator or None; used only for the default background.
        background_sample_rate: rate of an array ``background_audio`` in Hz (None = the input's rate).
    """
    sig, info = _background(background, background_offset, background_audio, background_sample_rate, sample_rate,
                            "add_background_noise")
    info["background_duration"] = sig.shape[-1] / sample_rate
    mix, info["background_gain"] = mixing.background_at_snr(audio, sig, background_offset, snr_level_db)
    return Out(mix, info)


def _clicks_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """((60 - seconds_between_clicks) / 60) * ((110 - snr_level_db) / 110) * 100 (clamped to [0, 100])."""
    return ((60.0 - params["seconds_between_clicks"]) / 60.0) * ((110.0 - params["snr_level_db"]) / 110.0) * 100.0


@augmentation(AUDIO, intensity=_clicks_intensity, augly_keys=_clicks_keys)
def clicks(
    audio: Audio,
    sample_rate: int = 44100,
    seconds_between_clicks: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.5,
    snr_level_db: Annotated[float, FINITE, Unit("dB")] = 1.0,
) -> Out:
    """Add a click track (one click every ``seconds_between_clicks``, from t = 0) at ``snr_level_db``.

    Each click is a 1 kHz sine burst decaying by 60 dB over 100 ms. The track is scaled like
    :func:`add_background_noise` (RMS SNR over all channels) and added to every channel.

    Args:
        seconds_between_clicks: interval between click onsets in seconds (> 0).
        snr_level_db: SNR of the input over the click track in dB (finite).
    """
    mix, g = mixing.add_clicks(audio, sample_rate, seconds_between_clicks, snr_level_db)
    n_clicks = mixing.count_clicks(audio.shape[-1], sample_rate, seconds_between_clicks)
    return Out(mix, {"clicks_duration": mixing.CLICK_DURATION_S, "num_clicks": n_clicks, "click_gain": g})


def _insert_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(dst_duration - src_duration) / dst_duration * 100."""
    dst = facts["dst_duration"]
    return 0.0 if dst <= 0 else (dst - facts["src_duration"]) / dst * 100.0


def _insert_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans moved later by the inserted background before them (info offset / sample rate)."""
    return shift_pairs(pairs, facts["info"]["offset"] / facts["src_sample_rate"])


@augmentation(AUDIO, intensity=_insert_intensity, segments=_insert_segments, augly_keys=_insert_keys,
              draw=_draw_insert_background)
def insert_in_background(
    audio: Audio,
    sample_rate: int = 44100,
    offset_factor: Annotated[float, Range(0.0, 1.0), Unit("frac of background")] = 0.0,
    background_audio: str | np.ndarray | None = None,
    *,
    background_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
    background: Drawn,
    background_offset: Drawn,
) -> Out:
    """Splice the audio into a background: ``background[:offset] + audio + background[offset:]``.

    ``offset = round(offset_factor * len(background))``; the output has ``n + len(background)`` samples.
    A given background is used at its own level. The default background (``background_audio=None``) is
    as long as the input: a shipped noise or speech recording, chosen and started at an offset from
    ``seed``, at the input's RMS - 10 dB (its shipped level for silent input).

    Args:
        offset_factor: where the audio goes, as a fraction of the background's length, in [0, 1].
        background_audio: path or float array of the background; None = a shipped recording.
        seed: int, numpy Generator or None; used only for the default background.
        background_sample_rate: rate of an array ``background_audio`` in Hz (None = the input's rate).
    """
    sig, info = _background(background, background_offset, background_audio, background_sample_rate, sample_rate,
                            "insert_in_background")
    gain = 1.0
    if background is not None:  # the shipped default: as long as the input, DEFAULT_INSERT_LEVEL_DB below it
        sig, gain = mixing.loop_background_at_level(audio, sig, background_offset, DEFAULT_INSERT_LEVEL_DB)
    offset = round(offset_factor * sig.shape[-1])
    info.update(offset=offset, background_duration=sig.shape[-1] / sample_rate)
    return Out(mixing.splice_into(audio, sig, offset, gain), info)
