"""multiaug.audio — AugLy-compatible audio augmentations on numpy/scipy/soundfile.

Functions return ``(audio, sample_rate)``; arrays are mono ``(n,)`` or channels-first ``(channels, n)``.
"""

from __future__ import annotations

from ..core import Compose, OneOf, RandomApply, SomeOf, Tracker
from ..core.classes import export_classes
from .dynamics import change_volume

__all__ = ["Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "change_volume"]
__all__ += export_classes(globals(), "audio")
