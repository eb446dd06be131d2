"""multiaug.image — AugLy-compatible image augmentations.

``import multiaug.image as imaugs; imaugs.hflip(img, metadata=meta)``. Every function has a
CamelCase class (``imaugs.HFlip(p=0.5)``); compositions are re-exported here.
"""

from __future__ import annotations

from ..core import Compose, OneOf, RandomApply, SomeOf, Tracker
from ..core.classes import export_classes
from .bboxes import BBOX_FORMATS
from .geometry import hflip, vflip

__all__ = ["Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "BBOX_FORMATS", "hflip", "vflip"]
__all__ += export_classes(globals(), "image")
