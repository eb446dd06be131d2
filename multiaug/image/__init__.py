"""multiaug.image — AugLy-compatible image augmentations.

``import multiaug.image as imaugs; imaugs.hflip(img, metadata=meta)``. Every function has a
CamelCase class (``imaugs.HFlip(p=0.5)``); compositions are re-exported here.
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform"]
__all__.extend(populate(globals(), __name__, "image"))
