"""multiaug.audio — AugLy-compatible audio augmentations on numpy/scipy/soundfile.

Functions return ``(audio, sample_rate)``; arrays are mono ``(n,)`` or channels-first ``(channels, n)``.

Layout: ``modality.py`` (inputs, the ``Audio`` working form, reserved arguments, shared parameter checks),
``segments.py`` (segment targets and their rules), ``augmentations/`` (the declarations, one module per family),
``kernels/`` (pure DSP on arrays), ``resources/`` (shipped noises, speech, room impulse responses) and
``spectrogram.py`` (SpecAugment-style functions on spectrogram arrays, outside the waveform registry).
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate
from . import pools as _pools
from .spectrogram import (
    log_mel,
    replay_spectrogram,
    spec_augment,
    spec_channel_shuffle,
    spec_frequency_mask,
    spec_time_mask,
)

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform",
           # spectrogram-domain functions (spectrogram.py): arrays in, (array, record) out, not registry entries
           "log_mel", "spec_augment", "spec_frequency_mask", "spec_time_mask", "spec_channel_shuffle",
           "replay_spectrogram"]
__all__.extend(populate(globals(), __name__, "audio"))
_pools.register_audio_pools()  # the backgrounds pool of pipeline documents ({"$pool": "backgrounds"})
