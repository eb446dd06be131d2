"""Filter augmentations: Gaussian blur, sharpness, any Pillow ``ImageFilter``, pixelisation.

``apply_pil_filter`` takes a filter as AugLy does (a ``PIL.ImageFilter`` class or instance) **or**
its name (``"EDGE_ENHANCE_MORE"``, ``"BLUR"``, ``"SHARPEN"``, ``"GaussianBlur"``, ...). A name is
a plain JSON string, so a record made with a name replays exactly; the default is the name
``"EDGE_ENHANCE_MORE"`` (the same filter as AugLy's default ``ImageFilter.EDGE_ENHANCE_MORE``).
A filter class or instance works too, but its record is marked not replayable.
"""

from __future__ import annotations

from typing import Annotated, Any

from PIL import Image

from ...core.registry import Out, augmentation
from ...core.spec import Check, Range, Unit
from ..targets import box_rules as bb
from ..modality import ARRAY, IMAGE
from .intensity import always_100, mult_intensity
from ..kernels import filters as kf
from ..kernels.modes import working


def _blur_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(radius, 100)."""
    return min(params["radius"], 100.0)


@augmentation(IMAGE, intensity=_blur_intensity, bbox=bb.unchanged, kernel=ARRAY)
def blur(
    image: Any,
    output_path: str | None = None,
    radius: Annotated[float, Range(0, None), Unit("px")] = 2.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Gaussian blur with standard deviation ``radius`` (as ``ImageFilter.GaussianBlur``; OpenCV kernel).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        radius: standard deviation of the Gaussian in px (≥ 0; 0 leaves the image unchanged).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kf.gaussian_blur(image, radius)


@augmentation(IMAGE, intensity=mult_intensity, bbox=bb.unchanged, kernel=ARRAY)
def sharpen(
    image: Any,
    output_path: str | None = None,
    factor: Annotated[float, Range(0, None)] = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Change the sharpness (as ``ImageEnhance.Sharpness``; OpenCV kernel): < 1 blurs, 1 unchanged, > 1 sharpens.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: sharpness multiplier (≥ 0); 0 gives Pillow's SMOOTH-filtered image, 1 the original.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kf.sharpness(image, factor)


_FILTER_CHECK = Check(
    kf.is_filter,
    "must be a PIL.ImageFilter filter (class or instance) or the name of one of: " + ", ".join(sorted(kf.FILTER_NAMES)),
)


@augmentation(IMAGE, intensity=always_100, bbox=bb.unchanged)
def apply_pil_filter(
    image: Any,
    output_path: str | None = None,
    filter_type: Annotated[Any, _FILTER_CHECK] = "EDGE_ENHANCE_MORE",
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Run a Pillow ``ImageFilter`` over the image (``Image.filter``).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        filter_type: a ``PIL.ImageFilter`` class (built with its defaults) or instance, or the
            attribute name of an argument-free one (e.g. "EDGE_ENHANCE_MORE", "BLUR", "SHARPEN",
            "CONTOUR", "EMBOSS", "FIND_EDGES", "SMOOTH", "DETAIL", "GaussianBlur", "MedianFilter").
            Names replay exactly; classes and instances are recorded by name but not replayable.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    flt = kf.resolve_filter(filter_type)
    out = kf.pil_filter(working(image), flt)
    return Out(out, info={"filter_name": getattr(flt, "name", type(flt).__name__)})


def _pixelization_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((1 − ratio)·100, 100), clamped at 0 for ratio > 1."""
    return min((1.0 - params["ratio"]) * 100.0, 100.0)


@augmentation(IMAGE, intensity=_pixelization_intensity, bbox=bb.unchanged, kernel=ARRAY)
def pixelization(
    image: Any,
    output_path: str | None = None,
    ratio: Annotated[float, Range(0, None, low_open=True)] = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Downscale to ``(int(W·ratio), int(H·ratio))`` (at least 1 px), then back up to W×H (bicubic, as AugLy).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        ratio: size of the intermediate image as a fraction of the input (> 0); 1 = unchanged,
            smaller values give coarser pixels.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return kf.pixelate(image, ratio)
