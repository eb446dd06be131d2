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

from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels.channels import as_2d, like_input, match_channels
from ..kernels.length import loop_to_length
from ..kernels.level import rms
from ..modality import AUDIO, FINITE, external_audio
from ..resources.shipped import pick_shipped
from ..segments import Pair, shift_pairs

DEFAULT_INSERT_LEVEL_DB = -10.0  # default background level relative to the input's RMS (insert_in_background)
CLICK_FREQ_HZ = 1000.0
CLICK_DURATION_S = 0.1


def _pick_default(kind: str, sample_rate: int, rng: np.random.Generator) -> tuple[str, np.ndarray, int]:
    """(asset name, float32 (1, m) signal at sample_rate, random start offset) for a shipped asset."""
    rel, sig = pick_shipped(kind, sample_rate, rng)
    sig = as_2d(sig)
    return rel, sig, int(rng.integers(sig.shape[-1]))


def _snr_gain(a_rms: float, b_rms: float, snr_level_db: float) -> float | None:
    """g such that 20 log10(a_rms / (g * b_rms)) = snr_level_db; None when either RMS is 0 (add nothing)."""
    if a_rms <= 0.0 or b_rms <= 0.0:
        return None
    return a_rms / (b_rms * 10.0 ** (snr_level_db / 20.0))


def _mix_at_snr(audio: np.ndarray, bg2d: np.ndarray, snr_level_db: float) -> tuple[np.ndarray, float]:
    """audio + g * bg with g chosen so that 20 log10(rms(audio) / rms(g * bg)) = snr_level_db.

    Returns (mix, g). Silent input or silent background: nothing is added (g = 0)."""
    g = _snr_gain(rms(audio), rms(bg2d), snr_level_db)
    if g is None:
        return audio.copy(), 0.0
    bg = bg2d[0] if audio.ndim == 1 else bg2d
    work = audio.dtype  # float32 or float64: mix in the input's precision
    return audio + bg.astype(work, copy=False) * work.type(g), g


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


@augmentation(AUDIO, intensity=_noise_intensity, augly_keys=_background_keys)
def add_background_noise(
    audio: Any,
    sample_rate: int = 44100,
    background_audio: str | np.ndarray | None = None,
    snr_level_db: Annotated[float, FINITE, Unit("dB")] = 10.0,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    background_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
) -> Out:
    """Add a background scaled so that the signal-to-noise ratio is ``snr_level_db`` (RMS over all channels).

    The background is looped (or trimmed) to the input's length. Silent input or background: the input
    is returned unchanged (never NaN). Samples are not clipped.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        background_audio: path or float array of the background; None = a shipped noise recording
            (white, pink, brown, babble, cafe, rain, traffic, hum), picked and offset from ``seed``.
        snr_level_db: target SNR in dB: 20·log10(rms(audio) / rms(scaled background)); finite.
        seed: int, numpy Generator or None; used only for the default background.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
        background_sample_rate: rate of an array ``background_audio`` in Hz (None = the input's rate).
    """
    ch = as_2d(audio).shape[0]
    n = audio.shape[-1]
    info: dict[str, Any] = {}
    if background_audio is None:
        rel, sig, offset = _pick_default("noise", sample_rate, seed)
        info.update(background=rel, background_offset=offset)
    else:
        sig = external_audio(background_audio, background_sample_rate, sample_rate, "add_background_noise",
                             "background_audio")
        offset = 0
    info["background_duration"] = sig.shape[-1] / sample_rate
    bg = match_channels(loop_to_length(sig, n, offset), ch)  # cut to length first: channels copied for n only
    mix, g = _mix_at_snr(audio, bg, snr_level_db)
    info["background_gain"] = g
    return Out((mix, sample_rate), info)


def _clicks_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """((60 - seconds_between_clicks) / 60) * ((110 - snr_level_db) / 110) * 100 (clamped to [0, 100])."""
    return ((60.0 - params["seconds_between_clicks"]) / 60.0) * ((110.0 - params["snr_level_db"]) / 110.0) * 100.0


def _click_shape(n: int, sample_rate: int) -> np.ndarray:
    """One click: a 1 kHz sine burst of ``CLICK_DURATION_S`` decaying by 60 dB (float64)."""
    length = min(round(CLICK_DURATION_S * sample_rate), max(n, 1))
    t = np.arange(length) / sample_rate
    return np.sin(2 * np.pi * CLICK_FREQ_HZ * t) * np.exp(-t * (10.0 * np.log(2.0) / CLICK_DURATION_S))


def _click_starts(n: int, sample_rate: int, seconds_between_clicks: float) -> np.ndarray:
    """Onset samples (< n) of the clicks: one every ``seconds_between_clicks`` from t = 0."""
    starts = np.round(np.arange(0.0, n / sample_rate, seconds_between_clicks) * sample_rate).astype(np.int64)
    return starts[starts < n]


def _overlay(out: np.ndarray, click: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Add ``click`` to ``out`` (``(..., n)``, in place) at every onset in ``starts``, cut at the end."""
    n = out.shape[-1]
    for s in starts.tolist():
        e = min(s + click.size, n)
        out[..., s:e] += click[: e - s]
    return out


def click_track(n: int, sample_rate: int, seconds_between_clicks: float) -> np.ndarray:
    """Clicks (1 kHz sine bursts, 100 ms, exponentially decaying) every ``seconds_between_clicks`` from t=0."""
    starts = _click_starts(n, sample_rate, seconds_between_clicks)
    return _overlay(np.zeros(n, dtype=np.float64), _click_shape(n, sample_rate), starts)


def _add_clicks(audio: np.ndarray, sample_rate: int, seconds_between_clicks: float,
                snr_level_db: float) -> tuple[np.ndarray, float]:
    """audio + g * click track at ``snr_level_db`` (RMS over all channels); returns (mix, g).

    Clicks that do not overlap (the usual case: ``seconds_between_clicks`` >= 0.1 s) are added to a copy
    of the input, touching only the click samples; the track's energy comes from a cumulative sum of one
    click's energy. Overlapping clicks are summed into the dense track (as :func:`click_track`) and mixed."""
    n = audio.shape[-1]
    click = _click_shape(n, sample_rate)
    starts = _click_starts(n, sample_rate, seconds_between_clicks)
    if starts.size > 1 and int(np.diff(starts).min()) < click.size:
        ch = as_2d(audio).shape[0]
        track = _overlay(np.zeros(n, dtype=np.float64), click, starts)
        return _mix_at_snr(audio, np.repeat(track[None, :], ch, axis=0), snr_level_db)
    cum = np.concatenate([[0.0], np.cumsum(np.square(click))])
    b_rms = float(np.sqrt(float(cum[np.minimum(click.size, n - starts)].sum()) / n))
    g = _snr_gain(rms(audio), b_rms, snr_level_db)
    if g is None:
        return audio.copy(), 0.0
    work = audio.dtype  # float32 or float64: mix in the input's precision
    return _overlay(audio.copy(), click.astype(work) * work.type(g), starts), g


@augmentation(AUDIO, intensity=_clicks_intensity, augly_keys=_clicks_keys)
def clicks(
    audio: Any,
    sample_rate: int = 44100,
    seconds_between_clicks: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("s")] = 0.5,
    snr_level_db: Annotated[float, FINITE, Unit("dB")] = 1.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> Out:
    """Add a click track (one click every ``seconds_between_clicks``, from t = 0) at ``snr_level_db``.

    Each click is a 1 kHz sine burst decaying by 60 dB over 100 ms. The track is scaled like
    :func:`add_background_noise` (RMS SNR over all channels) and added to every channel.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        seconds_between_clicks: interval between click onsets in seconds (> 0).
        snr_level_db: SNR of the input over the click track in dB (finite).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    mix, g = _add_clicks(audio, sample_rate, seconds_between_clicks, snr_level_db)
    n_clicks = int(np.count_nonzero(np.arange(0.0, n / sample_rate, seconds_between_clicks) * sample_rate < n))
    return Out((mix, sample_rate), {"clicks_duration": CLICK_DURATION_S, "num_clicks": n_clicks,
                                    "click_gain": g})


def _insert_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(dst_duration - src_duration) / dst_duration * 100."""
    dst = facts["dst_duration"]
    return 0.0 if dst <= 0 else (dst - facts["src_duration"]) / dst * 100.0


def _insert_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Spans moved later by the inserted background before them (info offset / sample rate)."""
    return shift_pairs(pairs, facts["info"]["offset"] / facts["src_sample_rate"])


@augmentation(AUDIO, intensity=_insert_intensity, segments=_insert_segments, augly_keys=_insert_keys)
def insert_in_background(
    audio: Any,
    sample_rate: int = 44100,
    offset_factor: Annotated[float, Range(0.0, 1.0), Unit("frac of background")] = 0.0,
    background_audio: str | np.ndarray | None = None,
    seed: Any = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    background_sample_rate: Annotated[int | None, Range(1, None), Unit("Hz")] = None,
) -> Out:
    """Splice the audio into a background: ``background[:offset] + audio + background[offset:]``.

    ``offset = round(offset_factor * len(background))``; the output has ``n + len(background)`` samples.
    A given background is used at its own level. The default background (``background_audio=None``) is
    as long as the input: a shipped noise or speech recording, chosen and started at an offset from
    ``seed``, at the input's RMS - 10 dB (its shipped level for silent input).

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        offset_factor: where the audio goes, as a fraction of the background's length, in [0, 1].
        background_audio: path or float array of the background; None = a shipped recording.
        seed: int, numpy Generator or None; used only for the default background.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
        background_sample_rate: rate of an array ``background_audio`` in Hz (None = the input's rate).
    """
    a2 = as_2d(audio)
    ch, n = a2.shape
    info: dict[str, Any] = {}
    gain = 1.0
    if background_audio is None:
        kind = "noise" if seed.random() < 0.5 else "speech"
        rel, sig, start = _pick_default(kind, sample_rate, seed)
        bg = match_channels(loop_to_length(sig, max(n, 1), start), ch)  # a view for mono unless it wraps around
        a_rms, b_rms = rms(audio), rms(bg)
        if a_rms > 0 and b_rms > 0:
            gain = a_rms * 10.0 ** (DEFAULT_INSERT_LEVEL_DB / 20.0) / b_rms
        info.update(background=rel, background_offset=start)
    else:
        sig = external_audio(background_audio, background_sample_rate, sample_rate, "insert_in_background",
                             "background_audio")
        bg = match_channels(sig, ch)
    m = bg.shape[-1]
    offset = round(offset_factor * m)
    # one output buffer in the input's precision, written once: background head, audio, background tail
    out = np.empty((ch, m + n), dtype=audio.dtype)
    for dst, src in ((out[:, :offset], bg[:, :offset]), (out[:, offset + n:], bg[:, offset:])):
        if gain == 1.0:
            dst[...] = src
        else:
            np.multiply(src, gain, out=dst, dtype=np.float64, casting="same_kind")
    out[:, offset: offset + n] = a2
    info.update(offset=offset, background_duration=m / sample_rate)
    return Out((like_input(out, audio), sample_rate), info)
