"""Band filters and EQ (audiomentations' names): ``band_pass_filter``, ``band_stop_filter``, ``peaking_filter``,
``low_shelf_filter``, ``high_shelf_filter``, ``seven_band_parametric_eq``. Maths in
:mod:`multiaug.audio.kernels.eq` (Butterworth bands with a roll-off in dB/octave; RBJ shelves and peaks;
causal, in the input's precision)."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import eq
from ..modality import AUDIO, FINITE, Audio, nyquist_check

ROLLOFF = Annotated[int, Check(lambda v: v % 6 == 0 and 6 <= v <= 96, "must be a multiple of 6 in [6, 96]"),
                    Unit("dB/octave")]
#: the seven bands of seven_band_parametric_eq: (kind, lowest centre Hz, highest centre Hz) (audiomentations')
SEVEN_BANDS = (("lowshelf", 42.0, 95.0), ("peaking", 91.0, 204.0), ("peaking", 196.0, 441.0),
               ("peaking", 421.0, 948.0), ("peaking", 909.0, 2045.0), ("peaking", 1957.0, 4404.0),
               ("highshelf", 4216.0, 9486.0))
EXPORTS = ("SEVEN_BANDS",)


def _band_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(2 - bandwidth_fraction) / 2 * rolloff / 24 * 100 (narrower and steeper = stronger; clamped)."""
    return (2.0 - params["bandwidth_fraction"]) / 2.0 * params["rolloff"] / 24.0 * 100.0


def _edges(center_freq: float, bandwidth_fraction: float, sample_rate: int, where: str) -> tuple[float, float]:
    lo, hi = eq.band_edges(center_freq, bandwidth_fraction)
    nyquist_check(hi, sample_rate, where, "center_freq")
    if not lo < hi:  # a band narrower than float resolution at this centre (bandwidth_fraction=1e-300)
        raise InvalidParameterError(
            f"{where}: argument 'bandwidth_fraction'={bandwidth_fraction} gives a band of zero width at "
            f"{center_freq} Hz; use at least {4e-16:.0e}", function=where, argument="bandwidth_fraction")
    return lo, hi


_FRACTION = Annotated[float, Range(0.0, 2.0, low_open=True, high_open=True), Unit("frac of center_freq")]


@augmentation(AUDIO, intensity=_band_intensity)
def band_pass_filter(
    audio: Audio,
    sample_rate: int = 44100,
    center_freq: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("Hz")] = 1000.0,
    bandwidth_fraction: _FRACTION = 1.0,
    rolloff: ROLLOFF = 12,
) -> Out:
    """Butterworth band-pass (audiomentations' BandPassFilter): -3 dB at ``center_freq ∓ bandwidth/2`` with
    ``bandwidth = center_freq · bandwidth_fraction``, falling by ``rolloff`` dB/octave outside (causal).

    Args:
        center_freq: centre of the band in Hz (the upper edge must be below sample_rate / 2).
        bandwidth_fraction: bandwidth as a fraction of center_freq, in (0, 2).
        rolloff: slope outside the band in dB/octave (multiple of 6).
    """
    lo, hi = _edges(center_freq, bandwidth_fraction, sample_rate, "band_pass_filter")
    return Out(eq.band_pass(audio, sample_rate, lo, hi, rolloff), {"low_hz": lo, "high_hz": hi})


@augmentation(AUDIO, intensity=_band_intensity)
def band_stop_filter(
    audio: Audio,
    sample_rate: int = 44100,
    center_freq: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("Hz")] = 1000.0,
    bandwidth_fraction: _FRACTION = 0.5,
    rolloff: ROLLOFF = 12,
) -> Out:
    """Butterworth band-stop (audiomentations' BandStopFilter): removes the band between the -3 dB points
    ``center_freq ∓ bandwidth/2``; ``rolloff`` sets how steep its sides are (causal).

    Args:
        center_freq: centre of the band in Hz (the upper edge must be below sample_rate / 2).
        bandwidth_fraction: bandwidth as a fraction of center_freq, in (0, 2).
        rolloff: steepness of the band's sides in dB/octave (multiple of 6).
    """
    lo, hi = _edges(center_freq, bandwidth_fraction, sample_rate, "band_stop_filter")
    return Out(eq.band_stop(audio, sample_rate, lo, hi, rolloff), {"low_hz": lo, "high_hz": hi})


def _eq_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """|gain_db| / 24 * 100 (clamped)."""
    return abs(params["gain_db"]) / 24.0 * 100.0


_FREQ = Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("Hz")]
_GAIN = Annotated[float, Range(-60.0, 60.0), Unit("dB")]


@augmentation(AUDIO, intensity=_eq_intensity)
def peaking_filter(
    audio: Audio,
    sample_rate: int = 44100,
    center_freq: _FREQ = 1000.0,
    gain_db: _GAIN = -6.0,
    q: Annotated[float, Range(0.0, None, low_open=True), FINITE, Unit("Q")] = 1.0,
) -> Audio:
    """Peaking (bell) band (audiomentations' PeakingFilter): ``gain_db`` at ``center_freq``, bandwidth ≈
    center_freq / q, 0 dB far away (RBJ biquad, causal).

    Args:
        center_freq: centre frequency in Hz (below sample_rate / 2).
        gain_db: gain at the centre in dB, in [-60, 60].
        q: quality factor (> 0).
    """
    nyquist_check(center_freq, sample_rate, "peaking_filter", "center_freq")
    return eq.apply_sos(audio, eq.peaking_sos(center_freq, sample_rate, gain_db, q))


_SHELF_Q = Annotated[float, Range(0.0, 1.0, low_open=True), Unit("Q")]


@augmentation(AUDIO, intensity=_eq_intensity)
def low_shelf_filter(
    audio: Audio,
    sample_rate: int = 44100,
    center_freq: _FREQ = 200.0,
    gain_db: _GAIN = -6.0,
    q: _SHELF_Q = 0.707,
) -> Audio:
    """Low shelf (audiomentations' LowShelfFilter): ``gain_db`` well below ``center_freq``, ``gain_db / 2`` at
    it, 0 dB above (RBJ biquad, causal).

    Args:
        center_freq: shelf midpoint in Hz (below sample_rate / 2).
        gain_db: shelf gain in dB, in [-60, 60].
        q: shelf slope, in (0, 1] (0.707 = steepest without overshoot).
    """
    nyquist_check(center_freq, sample_rate, "low_shelf_filter", "center_freq")
    return eq.apply_sos(audio, eq.shelf_sos("lowshelf", center_freq, sample_rate, gain_db, q))


@augmentation(AUDIO, intensity=_eq_intensity)
def high_shelf_filter(
    audio: Audio,
    sample_rate: int = 44100,
    center_freq: _FREQ = 4000.0,
    gain_db: _GAIN = -6.0,
    q: _SHELF_Q = 0.707,
) -> Audio:
    """High shelf (audiomentations' HighShelfFilter): ``gain_db`` well above ``center_freq``, ``gain_db / 2`` at
    it, 0 dB below (RBJ biquad, causal).

    Args:
        center_freq: shelf midpoint in Hz (below sample_rate / 2).
        gain_db: shelf gain in dB, in [-60, 60].
        q: shelf slope, in (0, 1] (0.707 = steepest without overshoot).
    """
    nyquist_check(center_freq, sample_rate, "high_shelf_filter", "center_freq")
    return eq.apply_sos(audio, eq.shelf_sos("highshelf", center_freq, sample_rate, gain_db, q))


def _seven_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max(|min_gain_db|, |max_gain_db|) / 24 * 100 (clamped)."""
    return max(abs(params["min_gain_db"]), abs(params["max_gain_db"])) / 24.0 * 100.0


def _draw_bands(rng: np.random.Generator, params: dict[str, Any], audio: np.ndarray) -> dict[str, Any]:
    """Per band of :data:`SEVEN_BANDS` in order: its centre (log-uniform in its range), then its gain (uniform in
    [min_gain_db, max_gain_db]); the gain range is checked first."""
    lo_db, hi_db = params["min_gain_db"], params["max_gain_db"]
    if hi_db < lo_db:
        raise InvalidParameterError(f"seven_band_parametric_eq: argument 'max_gain_db' must be >= min_gain_db, got "
                                    f"{hi_db} < {lo_db}", function="seven_band_parametric_eq",
                                    argument="max_gain_db")
    return {"bands": [(kind, float(math.exp(rng.uniform(math.log(lo), math.log(hi)))), float(rng.uniform(lo_db, hi_db)))
                      for kind, lo, hi in SEVEN_BANDS]}


@augmentation(AUDIO, intensity=_seven_intensity, draw=_draw_bands)
def seven_band_parametric_eq(
    audio: Audio,
    sample_rate: int = 44100,
    min_gain_db: _GAIN = -12.0,
    max_gain_db: _GAIN = 12.0,
    *,
    bands: Drawn,
) -> Out:
    """Seven-band EQ (audiomentations' SevenBandParametricEQ): a low shelf, five peaking bands and a high shelf
    (:data:`SEVEN_BANDS` ranges), each with a centre drawn log-uniformly in its range and a gain in
    [min_gain_db, max_gain_db] (peaks Q 1.0, shelves Q 0.707). Bands at or above sample_rate / 2 are left out.
    ``info["bands"]`` lists what was drawn.

    Args:
        min_gain_db: lowest band gain in dB.
        max_gain_db: highest band gain in dB (>= min_gain_db).
        seed: int, numpy Generator or None; draws every band's centre and gain.
    """
    out, kept = eq.seven_band_eq(audio, sample_rate, bands)
    return Out(out, {"bands": [list(b) for b in kept]})
