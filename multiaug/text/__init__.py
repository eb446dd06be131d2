"""multiaug.text — AugLy-compatible text augmentations; str in → str out, list in → list out."""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform"]
__all__.extend(populate(globals(), __name__, "text"))
