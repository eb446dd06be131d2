"""Filter augmentations: Gaussian blur, sharpness, any Pillow ``ImageFilter``, pixelisation. Boxes are unchanged.

``apply_pil_filter`` takes a filter as AugLy does (a ``PIL.ImageFilter`` class or instance) **or**
its name (``"EDGE_ENHANCE_MORE"``, ``"BLUR"``, ``"SHARPEN"``, ``"GaussianBlur"``, ...). A name is
a plain JSON string, so a record made with a name replays exactly; the default is the name
``"EDGE_ENHANCE_MORE"`` (the same filter as AugLy's default ``ImageFilter.EDGE_ENHANCE_MORE``).
A filter class or instance works too, but its record is marked not replayable.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from ...core.limits import kernel_size, output_pixels
from ...core.registry import Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import filters
from ..kernels.modes import working
from ..modality import DEEP, IMAGE, ArrayImage, PILImage
from ..targets import box_rules
from .intensity import always_100, mult_intensity


def _blur_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(radius, 100)."""
    return min(params["radius"], 100.0)


def _blur_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """kernel_size = 2·ceil(3·radius) + 1 px (the Gaussian's ±3σ footprint)."""
    return kernel_size(2 * math.ceil(3 * params["radius"]) + 1, "radius")


@augmentation(IMAGE, intensity=_blur_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_blur_cost)
def blur(image: ArrayImage, radius: Annotated[float, Range(0, None), Unit("px")] = 2.0) -> ArrayImage:
    """Gaussian blur with standard deviation ``radius`` (as ``ImageFilter.GaussianBlur``; OpenCV kernel).

    Args:
        radius: standard deviation of the Gaussian in px (≥ 0; 0 leaves the image unchanged).
    """
    return filters.gaussian_blur(image, radius)


@augmentation(IMAGE, intensity=mult_intensity, bbox=box_rules.unchanged, deep=DEEP)
def sharpen(image: ArrayImage, factor: Annotated[float, Range(0, None)] = 1.0) -> ArrayImage:
    """Change the sharpness (as ``ImageEnhance.Sharpness``; OpenCV kernel): < 1 blurs, 1 unchanged, > 1 sharpens.

    Args:
        factor: sharpness multiplier (≥ 0); 0 gives Pillow's SMOOTH-filtered image, 1 the original.
    """
    return filters.sharpness(image, factor)


_FILTER_CHECK = Check(
    filters.is_filter,
    "must be a PIL.ImageFilter filter (class or instance) or the name of one of: " + ", ".join(sorted(filters.FILTER_NAMES)),
)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.unchanged)
def apply_pil_filter(image: PILImage, filter_type: Annotated[Any, _FILTER_CHECK] = "EDGE_ENHANCE_MORE") -> Out:
    """Run a Pillow ``ImageFilter`` over the image (``Image.filter``).

    Args:
        filter_type: a ``PIL.ImageFilter`` class (built with its defaults) or instance, or the
            attribute name of an argument-free one (e.g. "EDGE_ENHANCE_MORE", "BLUR", "SHARPEN",
            "CONTOUR", "EMBOSS", "FIND_EDGES", "SMOOTH", "DETAIL", "GaussianBlur", "MedianFilter").
            Names replay exactly; classes and instances are recorded by name but not replayable.
    """
    flt = filters.resolve_filter(filter_type)
    return Out(filters.pil_filter(working(image), flt), info={"filter_name": getattr(flt, "name", type(flt).__name__)})


def _pixelization_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((1 − ratio)·100, 100), clamped at 0 for ratio > 1."""
    return min((1.0 - params["ratio"]) * 100.0, 100.0)


def _pixelization_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = int(W·ratio) × int(H·ratio) when ratio > 1 (the intermediate the definition upsamples to)."""
    r = params["ratio"]
    if r <= 1:
        return None
    return output_pixels(math.floor(size["width"] * r), math.floor(size["height"] * r), "ratio")


@augmentation(IMAGE, intensity=_pixelization_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_pixelization_cost)
def pixelization(image: ArrayImage, ratio: Annotated[float, Range(0, None, low_open=True)] = 1.0) -> ArrayImage:
    """Downscale to ``(int(W·ratio), int(H·ratio))`` (at least 1 px), then back up to W×H (bicubic, as AugLy).

    Args:
        ratio: size of the intermediate image as a fraction of the input (> 0); 1 = unchanged,
            smaller values give coarser pixels.
    """
    return filters.pixelate(image, ratio)
