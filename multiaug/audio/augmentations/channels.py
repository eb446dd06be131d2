"""Channel layout changes (``invert_channels``, ``to_mono``)."""

from __future__ import annotations

from typing import Any

from ...core.registry import augmentation
from ..kernels import channels
from ..modality import AUDIO, Audio


def _multichannel_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 for mono input, else 100."""
    return 0.0 if facts["src_num_channels"] <= 1 else 100.0


@augmentation(AUDIO, intensity=_multichannel_intensity)
def invert_channels(audio: Audio) -> Audio:
    """Reverse the channel order (left/right swap for stereo); mono input is returned unchanged."""
    return channels.reverse_order(audio)


@augmentation(AUDIO, intensity=_multichannel_intensity)
def to_mono(audio: Audio) -> Audio:
    """Average the channels into one: the output is mono ``(n,)``; mono input is returned unchanged."""
    return channels.mix_to_mono(audio)
