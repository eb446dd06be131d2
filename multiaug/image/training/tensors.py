"""Final array steps of a training pipeline: Normalize and ToCHW (deterministic; they leave no record).

Both are multiaug transforms, so they close a ``Compose`` of image augmentations: the augmentations' records
replay the uint8 image exactly, and these steps are pure functions of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ...core.errors import InvalidParameterError, SerializationError, UnsupportedInputError
from ...core.transform import BaseTransform
from ..kernels import color_ops
from ..modality import IMAGE, load_image, to_array

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def as_array(media: Any, owner: str) -> np.ndarray:
    """An ndarray of ``media`` (paths and PIL images decoded; float arrays as they are)."""
    if isinstance(media, np.ndarray):
        return media
    try:
        return to_array(load_image(media, "image", owner))
    except UnsupportedInputError:
        raise UnsupportedInputError(f"{owner}: expected an image path, PIL image or ndarray, got "
                                    f"{type(media).__name__}") from None


class _ArrayStep(BaseTransform):
    modality = IMAGE

    def _apply(self, arr: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _uses_seed(self, tracked: bool, force: bool) -> bool:
        """Never: these steps draw nothing and leave no record (a composition derives no seed for them)."""
        return False

    def _run(self, media: Any, *, seed: int, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = ()) -> tuple[Any, dict[str, Any]]:
        return self._apply(as_array(media, type(self).__name__)), targets

    def to_dict(self) -> dict[str, Any]:
        raise SerializationError(f"{type(self).__name__} cannot be saved in a JSON pipeline yet")


class Normalize(_ArrayStep):
    """``(x / max_pixel_value − mean) / std`` per channel → float32 H×W×C (albumentations' Normalize; defaults
    ImageNet's mean and std)."""

    def __init__(self, mean: Sequence[float] = IMAGENET_MEAN, std: Sequence[float] = IMAGENET_STD,
                 max_pixel_value: float = 255.0):
        super().__init__(p=1.0)
        self.mean = tuple(float(v) for v in np.atleast_1d(mean))
        self.std = tuple(float(v) for v in np.atleast_1d(std))
        if any(s == 0 for s in self.std):
            raise InvalidParameterError("Normalize: argument 'std' must not contain 0", argument="std")
        if max_pixel_value <= 0:
            raise InvalidParameterError("Normalize: argument 'max_pixel_value' must be > 0", argument="max_pixel_value")
        self.max_pixel_value = float(max_pixel_value)

    def _apply(self, arr: np.ndarray) -> np.ndarray:
        return color_ops.normalize(arr, self.mean, self.std, self.max_pixel_value)

    def __repr__(self) -> str:
        return f"Normalize(mean={self.mean}, std={self.std})"


class ToCHW(_ArrayStep):
    """H×W×C → contiguous float32 C×H×W (channels first for PyTorch/JAX); ``scale`` divides integer images by
    their maximum (torchvision's ToTensor)."""

    def __init__(self, scale: bool = False):
        super().__init__(p=1.0)
        self.scale = bool(scale)

    def _apply(self, arr: np.ndarray) -> np.ndarray:
        return color_ops.to_chw(arr, self.scale)

    def __repr__(self) -> str:
        return f"ToCHW(scale={self.scale})"
