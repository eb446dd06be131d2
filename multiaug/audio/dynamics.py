"""Level changes (``change_volume``)."""

from __future__ import annotations

from typing import Any, Annotated

import numpy as np

from ..core.registry import augmentation
from ..core.spec import Range, Unit
from ._modality import AUDIO


def _volume_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|volume_db| / 110 * 100, 100)."""
    return min(abs(params["volume_db"]) / 110.0 * 100.0, 100.0)


@augmentation(AUDIO, intensity=_volume_intensity)
def change_volume(
    audio: Any,
    sample_rate: int = 44100,
    volume_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = 0.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Apply a gain of ``volume_db`` decibels (amplitude × 10^(dB/20)); samples are not clipped.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        volume_db: gain in dB; +6 dB multiplies the RMS by 1.995.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    gain = 10.0 ** (volume_db / 20.0)
    return audio * np.asarray(gain, dtype=audio.dtype), sample_rate
