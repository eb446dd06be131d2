"""Channel layout changes (``invert_channels``, ``to_mono``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.registry import augmentation
from ._modality import AUDIO


def _multichannel_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 for mono input, else 100."""
    return 0.0 if facts["src_num_channels"] <= 1 else 100.0


@augmentation(AUDIO, intensity=_multichannel_intensity)
def invert_channels(
    audio: Any,
    sample_rate: int = 44100,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Reverse the channel order (left/right swap for stereo); mono input is returned unchanged.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    if audio.ndim == 1:
        return audio.copy(), sample_rate
    return np.ascontiguousarray(audio[::-1]), sample_rate


@augmentation(AUDIO, intensity=_multichannel_intensity)
def to_mono(
    audio: Any,
    sample_rate: int = 44100,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Average the channels into one: the output is mono ``(n,)``; mono input is returned unchanged.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    if audio.ndim == 1:
        return audio.copy(), sample_rate
    return audio.mean(axis=0, dtype=np.float64), sample_rate
