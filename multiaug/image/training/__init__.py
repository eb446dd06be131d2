"""Training-time image augmentation: Keras' ImageDataGenerator, the automatic policies (AutoAugment,
RandAugment, TrivialAugmentWide, AugMix), MixUp/CutMix on batches, and the Normalize/ToCHW array steps.

All of them are also exported from :mod:`multiaug.image`. See docs/TRAINING.md.
"""

from __future__ import annotations

from .batch import CutMix, MixUp
from .keras_generator import ImageDataGenerator, NumpyIterator
from .policies import AugMix, AutoAugment, RandAugment, TrivialAugmentWide
from .tensors import IMAGENET_MEAN, IMAGENET_STD, Normalize, ToCHW

EXPORTS = ("ImageDataGenerator", "AutoAugment", "RandAugment", "TrivialAugmentWide", "AugMix", "MixUp", "CutMix",
           "Normalize", "ToCHW")
__all__ = ["ImageDataGenerator", "AutoAugment", "RandAugment", "TrivialAugmentWide", "AugMix", "MixUp", "CutMix",
           "Normalize", "ToCHW", "NumpyIterator", "IMAGENET_MEAN", "IMAGENET_STD"]
