"""multiaug.image — AugLy-compatible image augmentations.

``import multiaug.image as imaugs; imaugs.hflip(img, metadata=meta)``. Every function has a
CamelCase class (``imaugs.HFlip(p=0.5)``); compositions are re-exported here.
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate
from .resources.constants import (
    BBOXES_PATH,
    DEFAULT_COLOR,
    DEFAULT_TEXT_OVERLAY_FONT_PATH,
    EMOJI_PATH,
    FONT_PATH,
    MEME_DEFAULT_FONT,
    MONTSERRAT_FONT,
    RED_RGB_COLOR,
    SMILEY_EMOJI_DIR,
    TEMPLATE_PATH,
    WHITE_RGB_COLOR,
)

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform",
           # AugLy's augly.image.utils constants, pointing at multiaug's shipped assets (resources/constants.py)
           "BBOXES_PATH", "DEFAULT_COLOR", "DEFAULT_TEXT_OVERLAY_FONT_PATH", "EMOJI_PATH", "FONT_PATH",
           "MEME_DEFAULT_FONT", "MONTSERRAT_FONT", "RED_RGB_COLOR", "SMILEY_EMOJI_DIR", "TEMPLATE_PATH",
           "WHITE_RGB_COLOR"]
__all__.extend(populate(globals(), __name__, "image"))
