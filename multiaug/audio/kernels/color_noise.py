"""Noise kernels: coloured Gaussian noise with a given spectral slope (dB/octave), mixing at an SNR, and
placing short sound events.

Colours by their power slope: white 0, pink -3.01, brown (red) -6.02, blue +3.01, violet +6.02 dB/octave
(power spectral density ∝ f^(slope / 3.0103)).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.fft as sfft

from .channels import as_2d, match_channels
from .level import rms, snr_gain

#: power spectral slope in dB/octave of each named noise colour
COLOR_SLOPES = {"white": 0.0, "pink": -10.0 * math.log10(2.0), "brown": -20.0 * math.log10(2.0),
                "red": -20.0 * math.log10(2.0), "blue": 10.0 * math.log10(2.0), "violet": 20.0 * math.log10(2.0)}


def colored_noise(shape: tuple[int, ...], sample_rate: int, slope_db_per_octave: float,
                  rng: np.random.Generator, dtype: type = np.float32) -> np.ndarray:
    """Gaussian noise of ``shape`` (``(..., n)``) whose power spectral density falls by
    ``slope_db_per_octave`` per octave (rises for positive slopes), scaled to RMS 1 over the whole array.

    White Gaussian noise is shaped in the frequency domain by the amplitude ``(f / f_ref)^(slope / 6.0206)``
    (so the power slope is exactly ``slope`` dB/octave); the DC bin is zeroed; ``f_ref`` = 1 kHz (or
    Nyquist / 2 for low rates). Every channel gets independent noise.

    Args:
        shape: output shape, last axis = samples.
        sample_rate: in Hz (sets the frequency axis).
        slope_db_per_octave: power slope in dB/octave (e.g. -3.01 pink, finite).
        rng: the only source of randomness.
        dtype: float32 or float64.
    """
    n = shape[-1]
    white = rng.standard_normal(shape, dtype=np.float32 if dtype == np.float32 else np.float64)
    if n < 2 or slope_db_per_octave == 0.0:
        out = white
    else:
        freqs = np.fft.rfftfreq(n, 1.0 / sample_rate)
        f_ref = min(1000.0, sample_rate / 4.0)
        amp = np.zeros(freqs.size)
        amp[1:] = (freqs[1:] / f_ref) ** (slope_db_per_octave / (20.0 * math.log10(2.0)))
        spec = sfft.rfft(white, axis=-1)
        spec *= amp.astype(spec.real.dtype)
        out = sfft.irfft(spec, n, axis=-1)
    r = rms(out)
    if r > 0:
        out = out / out.dtype.type(r)
    return np.asarray(out, dtype=dtype)


def noise_gain_for_snr(signal_rms: float, noise_rms: float, snr_db: float) -> float:
    """Gain g such that 20 log10(signal_rms / (g · noise_rms)) = snr_db; 0.0 when either RMS is 0 or the noise
    would be below float resolution (:func:`multiaug.audio.kernels.level.snr_gain`)."""
    return snr_gain(signal_rms, noise_rms, snr_db, "snr_db") or 0.0


def add_at_snr(audio: np.ndarray, noise: np.ndarray, snr_db: float) -> tuple[np.ndarray, float]:
    """``audio + g·noise`` (same shape) with the RMS SNR over all channels equal to ``snr_db``; returns (mix, g).

    Silent audio or noise: nothing is added (g = 0)."""
    g = noise_gain_for_snr(rms(audio), rms(noise), snr_db)
    if g == 0.0:
        return audio.copy(), 0.0
    return audio + noise.astype(audio.dtype, copy=False) * audio.dtype.type(g), g


def place_events(audio: np.ndarray, events: list[tuple[int, np.ndarray, float]], fade: int = 0) -> np.ndarray:
    """Add sound events to a copy of ``audio``: each ``(start sample, signal (m,) or (channels, m), gain)`` is
    multiplied by ``gain``, faded in and out linearly over ``fade`` samples, and added from ``start`` (cut at
    the ends of the input). Mono events are added to every channel.
    """
    out = np.array(audio, copy=True)
    o2 = as_2d(out)
    n = o2.shape[-1]
    for start, sig, gain in events:
        s2 = as_2d(np.asarray(sig, dtype=np.float64)) * gain
        m = s2.shape[-1]
        f = min(fade, m // 2)
        if f > 0:
            ramp = np.linspace(0.0, 1.0, f + 2)[1:-1]
            s2 = s2.copy()
            s2[..., :f] *= ramp
            s2[..., m - f:] *= ramp[::-1]
        a, b = max(start, 0), min(start + m, n)
        if b <= a:
            continue
        o2[:, a:b] += s2[:, a - start: b - start].astype(out.dtype)
    return out


def add_short_events(audio: np.ndarray, sample_rate: int, recordings: list[np.ndarray], events: list[dict],
                     fade: int) -> tuple[np.ndarray, list[dict]]:
    """Add one excerpt of each recording per drawn event (``start`` sample, ``offset_fraction``, ``duration`` in s,
    ``snr_db`` against the whole input's RMS), faded over ``fade`` samples; a recording with another channel count
    is matched to the input's. Returns (output, the events with the ``offset``/``length`` (samples) and ``gain``
    used); the input and the event dicts are not modified."""
    a_rms = rms(audio)
    ch = as_2d(audio).shape[0]
    placed, out_events = [], []
    for ev, sig in zip(events, recordings):
        sig2 = as_2d(sig)
        m = max(1, min(sig2.shape[-1], round(ev["duration"] * sample_rate)))
        off = int(ev["offset_fraction"] * (sig2.shape[-1] - m))
        part = match_channels(sig2[:, off: off + m], ch)
        g = noise_gain_for_snr(a_rms, rms(part), ev["snr_db"])
        out_events.append({**ev, "offset": off, "length": m, "gain": g})
        placed.append((ev["start"], part, g))
    return place_events(audio, placed, fade), out_events
