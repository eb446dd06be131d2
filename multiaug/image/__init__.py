"""multiaug.image — AugLy-compatible image augmentations.

``import multiaug.image as imaugs; imaugs.hflip(img, metadata=meta)``. Every function has a
CamelCase class (``imaugs.HFlip(p=0.5)``); compositions are re-exported here.

Layout: ``modality.py`` (inputs, working forms, modes, targets wiring, reserved arguments), ``augmentations/``
(the declarations, one module per family), ``kernels/`` (pure functions on arrays and PIL images), ``targets/``
(box formats and rules), ``resources/`` (shipped fonts, emoji, screenshot templates), ``training/`` (Keras'
ImageDataGenerator, AutoAugment/RandAugment/TrivialAugmentWide/AugMix, MixUp/CutMix, Normalize/ToCHW).
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate
from .modality import tune_pillow
from .resources import pools as _pools
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
from .training import (
    AugMix,
    AutoAugment,
    CutMix,
    ImageDataGenerator,
    MixUp,
    Normalize,
    RandAugment,
    ToCHW,
    TrivialAugmentWide,
)

__all__ = ["Choice", "Compose", "OneOf", "RandomApply", "SomeOf", "Tracker", "Uniform",
           # AugLy's augly.image.utils constants, pointing at multiaug's shipped assets (resources/constants.py)
           "BBOXES_PATH", "DEFAULT_COLOR", "DEFAULT_TEXT_OVERLAY_FONT_PATH", "EMOJI_PATH", "FONT_PATH",
           "MEME_DEFAULT_FONT", "MONTSERRAT_FONT", "RED_RGB_COLOR", "SMILEY_EMOJI_DIR", "TEMPLATE_PATH",
           "WHITE_RGB_COLOR", "tune_pillow",
           # training-time helpers (training/): Keras' generator, automatic policies, batch mixing, array steps
           "AugMix", "AutoAugment", "CutMix", "ImageDataGenerator", "MixUp", "Normalize", "RandAugment", "ToCHW",
           "TrivialAugmentWide"]
__all__.extend(populate(globals(), __name__, "image"))
_pools.register_image_pools()  # the emoji / captions / photos pools of pipeline documents ({"$pool": name})
