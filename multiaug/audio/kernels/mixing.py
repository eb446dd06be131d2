"""Mixing kernels: a background added at a signal-to-noise ratio, click tracks, and splicing a signal into a
background. Inputs ``(n,)`` or channels-first ``(channels, n)`` float arrays, mixed in the input's precision; SNRs
are RMS ratios over all channels, in dB; silent inputs or backgrounds add nothing (never NaN)."""

from __future__ import annotations

import math

import numpy as np
import scipy.fft as sfft

from ...core.errors import InvalidParameterError
from .channels import as_2d, like_input, match_channels
from .length import loop_to_length
from .level import rms
from .level import snr_gain as _safe_gain

CLICK_FREQ_HZ = 1000.0
CLICK_DURATION_S = 0.1


def snr_gain(a_rms: float, b_rms: float, snr_level_db: float) -> float | None:
    """g such that 20 log10(a_rms / (g * b_rms)) = snr_level_db; None when nothing is to be added
    (:func:`multiaug.audio.kernels.level.snr_gain`: safe at ±1e9 dB)."""
    return _safe_gain(a_rms, b_rms, snr_level_db, "snr_level_db")


def mix_at_snr(audio: np.ndarray, bg2d: np.ndarray, snr_level_db: float) -> tuple[np.ndarray, float]:
    """audio + g * bg with g chosen so that 20 log10(rms(audio) / rms(g * bg)) = snr_level_db.

    Returns (mix, g). Silent input or silent background: nothing is added (g = 0)."""
    g = snr_gain(rms(audio), rms(bg2d), snr_level_db)
    if g is None:
        return audio.copy(), 0.0
    bg = bg2d[0] if audio.ndim == 1 else bg2d
    work = audio.dtype  # float32 or float64: mix in the input's precision
    return audio + bg.astype(work, copy=False) * work.type(g), g


def click_shape(n: int, sample_rate: int) -> np.ndarray:
    """One click: a 1 kHz sine burst of ``CLICK_DURATION_S`` decaying by 60 dB (float64)."""
    length = min(round(CLICK_DURATION_S * sample_rate), max(n, 1))
    t = np.arange(length) / sample_rate
    return np.sin(2 * np.pi * CLICK_FREQ_HZ * t) * np.exp(-t * (10.0 * np.log(2.0) / CLICK_DURATION_S))


#: clicks listed one by one before :func:`click_starts` counts them per sample instead
LISTED_CLICKS = 1 << 20


def click_starts(n: int, sample_rate: int, seconds_between_clicks: float) -> tuple[np.ndarray, np.ndarray]:
    """(onset samples < n, clicks per onset) for one click every ``seconds_between_clicks`` from t = 0.

    Click k starts at sample round(k · seconds_between_clicks · sample_rate). Up to :data:`LISTED_CLICKS` clicks
    are listed; beyond (clicks far closer than a sample: 1e-9 s apart would be 5·10**8 per second) their number
    per sample is counted in O(n), as the k with j − ½ ≤ k·s < j + ½ (ties rounded up, where the listing rounds
    half to even)."""
    s = seconds_between_clicks * sample_rate
    if s < 1e-12:  # counts per sample beyond 10**12 would overflow the track's energy (5e-324 s: 10**319)
        raise InvalidParameterError(
            f"clicks: argument 'seconds_between_clicks'={seconds_between_clicks} s puts more than 10**12 clicks on "
            f"every sample at {sample_rate} Hz; use at least {1e-12 / sample_rate:.3g} s",
            function="clicks", argument="seconds_between_clicks")
    total = math.ceil(n / s)  # clicks k with k·s < n
    if total <= LISTED_CLICKS:
        starts = np.round(np.arange(0.0, n / sample_rate, seconds_between_clicks) * sample_rate).astype(np.int64)
        starts = starts[starts < n]
        if s >= 1.0:
            return starts, np.ones(starts.size, dtype=np.int64)
        starts, counts = np.unique(starts, return_counts=True)
        return starts, counts.astype(np.int64)
    j = np.arange(n, dtype=np.float64)
    lo = np.clip(np.ceil((j - 0.5) / s), 0, total)
    hi = np.clip(np.ceil((j + 0.5) / s), 0, total)
    counts = (hi - lo).astype(np.int64)
    starts = np.flatnonzero(counts)
    return starts, counts[starts]


#: above this many onsets a dense click track is built by FFT convolution instead of one slice per onset
DENSE_FFT = 4096


def overlay(out: np.ndarray, click: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Add ``counts[i]`` × ``click`` to ``out`` (``(..., n)``, in place) at every onset ``starts[i]``, cut at the
    end."""
    n = out.shape[-1]
    if starts.size > DENSE_FFT:
        impulses = np.zeros(n, dtype=np.float64)
        impulses[starts] = counts
        size = sfft.next_fast_len(n + click.size - 1, real=True)
        track = sfft.irfft(sfft.rfft(impulses, size) * sfft.rfft(click.astype(np.float64), size), size)[:n]
        out += track.astype(out.dtype, copy=False)
        return out
    for s, c in zip(starts.tolist(), counts.tolist()):
        e = min(s + click.size, n)
        out[..., s:e] += click[: e - s] if c == 1 else c * click[: e - s]
    return out


def click_track(n: int, sample_rate: int, seconds_between_clicks: float) -> np.ndarray:
    """Clicks (1 kHz sine bursts, 100 ms, exponentially decaying) every ``seconds_between_clicks`` from t=0."""
    starts, counts = click_starts(n, sample_rate, seconds_between_clicks)
    return overlay(np.zeros(n, dtype=np.float64), click_shape(n, sample_rate), starts, counts)


def add_clicks(audio: np.ndarray, sample_rate: int, seconds_between_clicks: float,
                snr_level_db: float) -> tuple[np.ndarray, float]:
    """audio + g * click track at ``snr_level_db`` (RMS over all channels); returns (mix, g).

    Clicks that do not overlap (the usual case: ``seconds_between_clicks`` >= 0.1 s) are added to a copy
    of the input, touching only the click samples; the track's energy comes from a cumulative sum of one
    click's energy. Overlapping clicks are summed into the dense track (as :func:`click_track`) and mixed."""
    n = audio.shape[-1]
    click = click_shape(n, sample_rate)
    starts, counts = click_starts(n, sample_rate, seconds_between_clicks)
    if (starts.size > 1 and int(np.diff(starts).min()) < click.size) or (counts.size and counts.max() > 1):
        ch = as_2d(audio).shape[0]
        track = overlay(np.zeros(n, dtype=np.float64), click, starts, counts)
        return mix_at_snr(audio, np.repeat(track[None, :], ch, axis=0), snr_level_db)
    cum = np.concatenate([[0.0], np.cumsum(np.square(click))])
    b_rms = float(np.sqrt(float(cum[np.minimum(click.size, n - starts)].sum()) / n))
    g = snr_gain(rms(audio), b_rms, snr_level_db)
    if g is None:
        return audio.copy(), 0.0
    work = audio.dtype  # float32 or float64: mix in the input's precision
    return overlay(audio.copy(), click.astype(work) * work.type(g), starts, counts), g


def count_clicks(n: int, sample_rate: int, seconds_between_clicks: float) -> int:
    """How many clicks start inside ``n`` samples (one every ``seconds_between_clicks`` from t = 0)."""
    return int(click_starts(n, sample_rate, seconds_between_clicks)[1].sum())


def background_at_snr(audio: np.ndarray, background: np.ndarray, offset: int,
                      snr_level_db: float) -> tuple[np.ndarray, float]:
    """``audio`` + the background looped from sample ``offset`` to the input's length (channels matched), scaled
    to ``snr_level_db``. Returns (mix, gain)."""
    bg = match_channels(loop_to_length(background, audio.shape[-1], offset), as_2d(audio).shape[0])
    return mix_at_snr(audio, bg, snr_level_db)


def loop_background_at_level(audio: np.ndarray, background: np.ndarray, start: int,
                             level_db: float) -> tuple[np.ndarray, float]:
    """The background looped from ``start`` to the input's length (at least 1 sample; channels matched) and the
    gain that puts its RMS ``level_db`` below the input's (1.0 when either is silent)."""
    a2 = as_2d(audio)
    bg = match_channels(loop_to_length(background, max(a2.shape[-1], 1), start), a2.shape[0])
    a_rms, b_rms = rms(audio), rms(bg)
    return bg, (a_rms * 10.0 ** (level_db / 20.0) / b_rms if a_rms > 0 and b_rms > 0 else 1.0)


def splice_into(audio: np.ndarray, background: np.ndarray, offset: int, gain: float = 1.0) -> np.ndarray:
    """``background[:offset] · gain + audio + background[offset:] · gain`` along time (channels matched), in one
    output buffer of the input's precision; the output has ``n + m`` samples."""
    a2 = as_2d(audio)
    ch, n = a2.shape
    bg = match_channels(background, ch)
    m = bg.shape[-1]
    out = np.empty((ch, m + n), dtype=audio.dtype)
    for dst, src in ((out[:, :offset], bg[:, :offset]), (out[:, offset + n:], bg[:, offset:])):
        if gain == 1.0:
            dst[...] = src
        else:
            np.multiply(src, gain, out=dst, dtype=np.float64, casting="same_kind")
    out[:, offset: offset + n] = a2
    return like_input(out, audio)
