"""multiaug.text — AugLy-compatible text augmentations; str in → str out, list in → list out."""

from __future__ import annotations

from ..core import Compose, OneOf, RandomApply, SomeOf, Tracker
from ..core.classes import export_classes
from .case import change_case

__all__ = ["Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "change_case"]
__all__ += export_classes(globals(), "text")
