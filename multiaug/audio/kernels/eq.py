"""Filter and EQ kernels: Butterworth band-pass / band-stop / low-pass / high-pass with a roll-off in dB/octave,
RBJ "Audio EQ Cookbook" shelves and peaking bands, and a parametric EQ made of them.

Filtering is causal from a zero state, section by section, with :func:`multiaug.audio.kernels.biquad.sos_filter` (exact
block state-space form of the biquad recursion, in the input's precision). A Butterworth design of order N
falls by 6·N dB/octave past its cutoff and is -3.01 dB at each cutoff.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from .biquad import BUTTERWORTH_Q, biquad_sos, sos_filter


def order_for_rolloff(rolloff_db_per_octave: float) -> int:
    """Butterworth order giving ``rolloff_db_per_octave`` (a multiple of 6; 12 → 2)."""
    return max(1, round(rolloff_db_per_octave / 6.0))


def butterworth_sos(kind: Literal["lowpass", "highpass", "bandpass", "bandstop"], cutoff_hz: float | tuple[float, float],
                    sample_rate: float, rolloff_db_per_octave: float = 12.0) -> np.ndarray:
    """Digital Butterworth design as SOS (scipy.signal.butter): -3.01 dB at the cutoff(s), ``rolloff`` dB/octave.

    For band filters the order applies to each side (``rolloff`` dB/octave below and above the band).
    """
    from scipy.signal import butter  # lazy: scipy.signal costs ~0.3-1 s to import

    return butter(order_for_rolloff(rolloff_db_per_octave), cutoff_hz, btype=kind, fs=sample_rate, output="sos")


def band_edges(center_hz: float, bandwidth_fraction: float) -> tuple[float, float]:
    """(low, high) -3 dB edges of a band of width ``center_hz · bandwidth_fraction`` centred (arithmetically) on
    ``center_hz`` (audiomentations' convention); ``bandwidth_fraction`` < 2 keeps ``low`` > 0."""
    half = center_hz * bandwidth_fraction / 2.0
    return center_hz - half, center_hz + half


def shelf_sos(kind: Literal["lowshelf", "highshelf"], f0: float, sample_rate: float, gain_db: float,
              q: float = BUTTERWORTH_Q) -> np.ndarray:
    """RBJ shelf biquad as ``(1, 6)`` SOS: gain ``gain_db`` far below (low shelf) or far above (high shelf)
    ``f0``, ``gain_db / 2`` at ``f0``, 0 dB on the other side; ``q`` sets the slope (≤ 0.707 = no overshoot)."""
    amp = 10.0 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * f0 / sample_rate
    cw, sw = math.cos(w0), math.sin(w0)
    alpha = sw / (2.0 * q)
    s = 2.0 * math.sqrt(amp) * alpha
    if kind == "lowshelf":
        b = [amp * ((amp + 1) - (amp - 1) * cw + s), 2 * amp * ((amp - 1) - (amp + 1) * cw),
             amp * ((amp + 1) - (amp - 1) * cw - s)]
        a = [(amp + 1) + (amp - 1) * cw + s, -2 * ((amp - 1) + (amp + 1) * cw), (amp + 1) + (amp - 1) * cw - s]
    else:
        b = [amp * ((amp + 1) + (amp - 1) * cw + s), -2 * amp * ((amp - 1) + (amp + 1) * cw),
             amp * ((amp + 1) + (amp - 1) * cw - s)]
        a = [(amp + 1) - (amp - 1) * cw + s, 2 * ((amp - 1) - (amp + 1) * cw), (amp + 1) - (amp - 1) * cw - s]
    return np.array([[b[0] / a[0], b[1] / a[0], b[2] / a[0], 1.0, a[1] / a[0], a[2] / a[0]]])


def peaking_sos(f0: float, sample_rate: float, gain_db: float, q: float) -> np.ndarray:
    """RBJ peaking (bell) biquad: ``gain_db`` at ``f0``, bandwidth ≈ f0 / q, 0 dB far away."""
    return biquad_sos("peaking", f0, sample_rate, q, gain_db)


def apply_sos(audio: np.ndarray, sos: np.ndarray) -> np.ndarray:
    """Causal filtering of ``(..., n)`` by the cascade ``sos`` (``(sections, 6)``), in the input's precision."""
    out = audio
    for section in np.atleast_2d(sos):
        out = sos_filter(out, section[None, :])
    return np.array(out, copy=True) if out is audio else out


def band_pass(audio: np.ndarray, sample_rate: int, low_hz: float, high_hz: float,
              rolloff_db_per_octave: float = 12.0) -> np.ndarray:
    """Butterworth band-pass: -3 dB at ``low_hz`` and ``high_hz``, ``rolloff`` dB/octave outside."""
    return apply_sos(audio, butterworth_sos("bandpass", (low_hz, high_hz), sample_rate, rolloff_db_per_octave))


def band_stop(audio: np.ndarray, sample_rate: int, low_hz: float, high_hz: float,
              rolloff_db_per_octave: float = 12.0) -> np.ndarray:
    """Butterworth band-stop (notch band): -3 dB at ``low_hz`` and ``high_hz``, deepest in between."""
    return apply_sos(audio, butterworth_sos("bandstop", (low_hz, high_hz), sample_rate, rolloff_db_per_octave))


def pass_filter(audio: np.ndarray, sample_rate: int, kind: Literal["lowpass", "highpass"], cutoff_hz: float,
                rolloff_db_per_octave: float = 12.0) -> np.ndarray:
    """Butterworth low-/high-pass: -3 dB at ``cutoff_hz``, ``rolloff`` dB/octave beyond."""
    return apply_sos(audio, butterworth_sos(kind, cutoff_hz, sample_rate, rolloff_db_per_octave))


def parametric_eq(audio: np.ndarray, sample_rate: int,
                  bands: list[tuple[Literal["lowshelf", "highshelf", "peaking"], float, float, float]]) -> np.ndarray:
    """A chain of shelves / peaking bands, each ``(kind, f0 Hz, gain dB, q)``, applied in order."""
    sos = []
    for kind, f0, gain_db, q in bands:
        if kind == "peaking":
            sos.append(peaking_sos(f0, sample_rate, gain_db, q))
        else:
            sos.append(shelf_sos(kind, f0, sample_rate, gain_db, q))
    return apply_sos(audio, np.concatenate(sos, axis=0))


def seven_band_eq(audio: np.ndarray, sample_rate: int,
                  bands: list[tuple[str, float, float]]) -> tuple[np.ndarray, list[tuple[str, float, float, float]]]:
    """The drawn ``(kind, centre Hz, gain dB)`` bands (a low shelf, peaks, a high shelf) applied in cascade (peaks
    Q 1.0, shelves Butterworth Q); bands at or above 0.45 · sample_rate are left out.

    Returns (output, the bands applied as ``(kind, centre, gain, q)``); no band left: a copy of the input."""
    kept = [(kind, f0, g, 1.0 if kind == "peaking" else BUTTERWORTH_Q) for kind, f0, g in bands
            if f0 < 0.45 * sample_rate]
    return (parametric_eq(audio, sample_rate, kept) if kept else audio.copy()), kept
