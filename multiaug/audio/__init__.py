"""multiaug.audio — AugLy-compatible audio augmentations on numpy/scipy/soundfile.

Functions return ``(audio, sample_rate)``; arrays are mono ``(n,)`` or channels-first ``(channels, n)``.
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform"]
__all__.extend(populate(globals(), __name__, "audio"))
