"""Time and pitch (``pitch_shift``, ``time_stretch``, ``tempo``, ``speed``).

* ``time_stretch``: phase vocoder with identity phase locking (numpy STFT, 2048-point Hann frames,
  hop 512; see :func:`multiaug.audio.kernels.vocoder.phase_vocoder`); length ``round(n / rate)`` exactly; pitch kept;
  the level is kept (a plain vocoder such as librosa's loses 1-3 dB when stretching).
* ``pitch_shift``: phase-vocoder stretch plus soxr resampling; length ``n`` exactly; the stretch runs
  on the shorter of the two intermediate signals (resample first for upward shifts).
* ``tempo``: WSOLA in the time domain (40 ms Hann frames, ±10 ms similarity search on the channel mix,
  coarse at ~11 kHz then refined at full rate, shared by all channels); length ``round(n / factor)``;
  pitch kept.
* ``speed``: resampling, so the output plays ``factor`` times faster AND higher at the ORIGINAL sample
  rate (the returned rate is the input rate); length ``round(n / factor)``. AugLy instead relabelled
  the rate (same samples, rate ``int(sample_rate * factor)``).

All work per channel (vectorised) and keep the channel count. Maths in :mod:`multiaug.audio.kernels.time_scale`.
"""

from __future__ import annotations

from typing import Annotated, Any

from ...core.errors import InvalidParameterError
from ...core.limits import output_samples
from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels import time_scale
from ..modality import AUDIO, Audio
from ..segments import Pair, scale_pairs

MAX_SAMPLES = 2**31 - 1


def _factor_intensity(f: float) -> float:
    return 0.0 if f == 1 else min(max(f, 1.0 / f) * 10.0, 100.0)


def _speed_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if factor == 1, else min(max(factor, 1/factor) * 10, 100)."""
    return _factor_intensity(params["factor"])


def _stretch_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if rate == 1, else min(max(rate, 1/rate) * 10, 100)."""
    return _factor_intensity(params["rate"])


def _pitch_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|n_steps| / 84 * 100, 100)."""
    return min(abs(params["n_steps"]) / 84.0 * 100.0, 100.0)


def _time_scale_segments(pairs: list[Pair], params: dict[str, Any], facts: dict[str, Any]) -> list[Pair]:
    """Output spans scaled by dst_duration / src_duration (source spans unchanged)."""
    return scale_pairs(pairs, facts["src_duration"], facts["dst_duration"])


def _out_length(n: int, factor: float, where: str, argument: str) -> int:
    m = round(n / factor)
    if m > MAX_SAMPLES:
        raise InvalidParameterError(f"{where}: argument '{argument}'={factor} would produce {m} samples",
                                    function=where, argument=argument)
    return max(m, 1 if n else 0)


def _cost(argument: str) -> Any:
    def rule(params: dict[str, Any], size: dict[str, Any]) -> Any:
        return output_samples(max(round(size["samples"] / params[argument]), 1), size["channels"], argument)

    rule.__doc__ = f"output_samples = max(round(n / {argument}), 1) · channels"
    rule.__name__ = f"length_cost_{argument}"
    return rule


@augmentation(AUDIO, intensity=_pitch_intensity)
def pitch_shift(
    audio: Audio,
    sample_rate: int = 44100,
    n_steps: Annotated[float, Range(-96.0, 96.0), Unit("semitones")] = 1.0,
) -> Audio:
    """Shift the pitch by ``n_steps`` semitones (frequency × 2^(n_steps/12)); the length stays n exactly.

    Args:
        n_steps: shift in semitones (may be fractional or negative), in [-96, 96].
    """
    return time_scale.pitch_shift(audio, sample_rate, n_steps)


@augmentation(AUDIO, intensity=_stretch_intensity, segments=_time_scale_segments, cost=_cost("rate"))
def time_stretch(
    audio: Audio,
    rate: Annotated[float, Range(0.0, None, low_open=True), Unit("x speed")] = 1.5,
) -> Audio:
    """Phase-vocoder time stretch: ``rate`` > 1 is faster/shorter; output length ``round(n / rate)``; pitch kept.

    Args:
        rate: speed-up factor (> 0); 2.0 halves the duration, 0.5 doubles it.
    """
    m = _out_length(audio.shape[-1], rate, "time_stretch", "rate")
    return time_scale.time_stretch(audio, rate, m)


@augmentation(AUDIO, intensity=_speed_intensity, segments=_time_scale_segments, cost=_cost("factor"))
def tempo(
    audio: Audio,
    sample_rate: int = 44100,
    factor: Annotated[float, Range(0.0, None, low_open=True), Unit("x tempo")] = 2.0,
) -> Audio:
    """Change the tempo by ``factor`` with the pitch kept (WSOLA, time domain); length ``round(n / factor)``.

    Args:
        factor: tempo factor (> 0); 2.0 plays twice as fast (half the duration).
    """
    m = _out_length(audio.shape[-1], factor, "tempo", "factor")
    return time_scale.tempo(audio, sample_rate, factor, m)


@augmentation(AUDIO, intensity=_speed_intensity, segments=_time_scale_segments, cost=_cost("factor"))
def speed(
    audio: Audio,
    sample_rate: int = 44100,
    factor: Annotated[float, Range(0.0, None, low_open=True), Unit("x speed")] = 2.0,
) -> Audio:
    """Play ``factor`` times faster and higher (like a tape): resampled, returned at the INPUT rate.

    The output has ``round(n / factor)`` samples at ``sample_rate``; every frequency is multiplied by
    ``factor``. (AugLy kept the samples and returned ``int(sample_rate * factor)``; see the migration
    guide.)

    Args:
        factor: speed factor (> 0); 2.0 halves the duration and raises the pitch by an octave.
    """
    m = _out_length(audio.shape[-1], factor, "speed", "factor")
    return time_scale.speed(audio, sample_rate, factor, m)
