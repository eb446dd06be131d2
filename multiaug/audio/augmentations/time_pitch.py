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

All work per channel (vectorised) and keep the channel count.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import augmentation
from ...core.spec import Range, Unit
from ..kernels.channels import as_2d, like_input
from ..kernels.length import fix_length
from ..kernels.resample import resample
from ..kernels.vocoder import stretch
from ..kernels.wsola import wsola
from ..modality import AUDIO
from ..segments import Pair, scale_pairs

N_FFT = 2048
HOP = 512
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


def _f32(audio: np.ndarray) -> np.ndarray:
    return np.asarray(audio, dtype=np.float32)


@augmentation(AUDIO, intensity=_pitch_intensity)
def pitch_shift(
    audio: Any,
    sample_rate: int = 44100,
    n_steps: Annotated[float, Range(-96.0, 96.0), Unit("semitones")] = 1.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Shift the pitch by ``n_steps`` semitones (frequency × 2^(n_steps/12)); the length stays n exactly.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        n_steps: shift in semitones (may be fractional or negative), in [-96, 96].
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    if n == 0 or n_steps == 0:
        return audio.copy(), sample_rate
    p = 2.0 ** (n_steps / 12.0)
    x = _f32(audio)
    if p >= 1.0:
        # raise: play the signal p times faster (resample), then stretch back to n samples
        y = resample(x, sample_rate * p, sample_rate)
        y = stretch(y, y.shape[-1] / n, N_FFT, HOP) if y.shape[-1] else y
    else:
        # lower: shorten by p with the vocoder, then resample the result back to n samples
        y = stretch(x, 1.0 / p, N_FFT, HOP)
        y = resample(y, sample_rate * p, sample_rate)
    return fix_length(y, n), sample_rate


@augmentation(AUDIO, intensity=_stretch_intensity, segments=_time_scale_segments)
def time_stretch(
    audio: Any,
    sample_rate: int = 44100,
    rate: Annotated[float, Range(0.0, None, low_open=True), Unit("x speed")] = 1.5,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Phase-vocoder time stretch: ``rate`` > 1 is faster/shorter; output length ``round(n / rate)``; pitch kept.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        rate: speed-up factor (> 0); 2.0 halves the duration, 0.5 doubles it.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    m = _out_length(n, rate, "time_stretch", "rate")
    if n == 0 or rate == 1:
        return audio.copy(), sample_rate
    y = stretch(_f32(audio), n / m if m else rate, N_FFT, HOP)
    return fix_length(y, m), sample_rate


@augmentation(AUDIO, intensity=_speed_intensity, segments=_time_scale_segments)
def tempo(
    audio: Any,
    sample_rate: int = 44100,
    factor: Annotated[float, Range(0.0, None, low_open=True), Unit("x tempo")] = 2.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Change the tempo by ``factor`` with the pitch kept (WSOLA, time domain); length ``round(n / factor)``.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        factor: tempo factor (> 0); 2.0 plays twice as fast (half the duration).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    m = _out_length(n, factor, "tempo", "factor")
    if n == 0 or factor == 1:
        return audio.copy(), sample_rate
    y = wsola(as_2d(audio), n / m, sample_rate)
    return like_input(fix_length(y, m), audio), sample_rate


@augmentation(AUDIO, intensity=_speed_intensity, segments=_time_scale_segments)
def speed(
    audio: Any,
    sample_rate: int = 44100,
    factor: Annotated[float, Range(0.0, None, low_open=True), Unit("x speed")] = 2.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Play ``factor`` times faster and higher (like a tape): resampled, returned at the INPUT rate.

    The output has ``round(n / factor)`` samples at ``sample_rate``; every frequency is multiplied by
    ``factor``. (AugLy kept the samples and returned ``int(sample_rate * factor)``; see the migration
    guide.)

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        factor: speed factor (> 0); 2.0 halves the duration and raises the pitch by an octave.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    n = audio.shape[-1]
    m = _out_length(n, factor, "speed", "factor")
    if n == 0 or factor == 1:
        return audio.copy(), sample_rate
    y = resample(audio, sample_rate * factor, sample_rate)
    return fix_length(y, m), sample_rate
