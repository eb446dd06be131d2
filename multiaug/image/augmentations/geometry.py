"""Geometric image augmentations: flips, crop, pad, resize/scale, rotate, perspective, skew.

Every function that moves pixels declares an exact box rule: the kernel reports the map from source pixels to the
output canvas as a 3×3 matrix (plus the crop that became the output, if any) in the record's ``info``, and
:func:`multiaug.image.targets.box_rules.warp_rule` warps the box corners with it. Resizes keep normalised boxes
unchanged. Exact operations (flips, crop, pads) have an array body and a PIL kernel with identical pixels.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image


from ...core.errors import InvalidParameterError
from ...core.limits import output_pixels
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import geometry
from ..kernels import resample as rs
from ..modality import DEEP, IMAGE, ArrayImage, PILImage
from ..targets import box_rules
from .intensity import always_100, mult_intensity, resize_intensity
from .parameters import Fraction, OptionalRGBColor, Resample, RGBColor, Seed


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.hflip_rule, deep=DEEP)
def hflip(image: ArrayImage) -> ArrayImage:
    """Mirror the image left to right."""
    return geometry.flip(image, horizontal=True)


@hflip.kernel_for(PILImage)
def _hflip_pil(image: Image.Image) -> Image.Image:
    return geometry.flip_pil(image, horizontal=True)


@augmentation(IMAGE, intensity=always_100, bbox=box_rules.vflip_rule, deep=DEEP)
def vflip(image: ArrayImage) -> ArrayImage:
    """Mirror the image top to bottom."""
    return geometry.flip(image, horizontal=False)


@vflip.kernel_for(PILImage)
def _vflip_pil(image: Image.Image) -> Image.Image:
    return geometry.flip_pil(image, horizontal=False)


# ------------------------------------------------------------------------------------------------ size changes
@augmentation(IMAGE, intensity=resize_intensity, bbox=box_rules.warp_rule, deep=DEEP)
def crop(image: ArrayImage, x1: Fraction = 0.25, y1: Fraction = 0.25, x2: Fraction = 0.75, y2: Fraction = 0.75) -> Out:
    """Keep the region between the fractional corners (x1, y1) and (x2, y2).

    The pixel box is ``(int(W·x1), int(H·y1), int(W·x2), int(H·y2))`` as in AugLy; boxes are shifted, rescaled
    and clamped.

    Args:
        x1: left edge as a fraction of the width, in [0, 1].
        y1: top edge as a fraction of the height, in [0, 1].
        x2: right edge as a fraction of the width, in [0, 1], > x1.
        y2: bottom edge as a fraction of the height, in [0, 1], > y1.
    """
    h, w = image.shape[:2]
    rect = geometry.crop_rect(w, h, x1, y1, x2, y2)
    return Out(geometry.crop(image, rect), info=geometry.crop_info(w, h, rect))


@crop.kernel_for(PILImage)
def _crop_pil(image: Image.Image, x1: float, y1: float, x2: float, y2: float) -> Out:
    rect = geometry.crop_rect(*image.size, x1, y1, x2, y2)
    return Out(image.crop(rect), info=geometry.crop_info(*image.size, rect))


def _pad_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = (W + 2·int(w_factor·W)) × (H + 2·int(h_factor·H))."""
    w, h = size["width"], size["height"]
    arg = "w_factor" if params["w_factor"] * w >= params["h_factor"] * h else "h_factor"
    return output_pixels(w + 2 * math.floor(params["w_factor"] * w), h + 2 * math.floor(params["h_factor"] * h), arg)


@augmentation(IMAGE, intensity=resize_intensity, bbox=box_rules.warp_rule, deep=DEEP, cost=_pad_cost)
def pad(
    image: ArrayImage,
    w_factor: Annotated[float, Range(0, None), Unit("frac of width")] = 0.25,
    h_factor: Annotated[float, Range(0, None), Unit("frac of height")] = 0.25,
    color: RGBColor = (0, 0, 0),
) -> Out:
    """Add ``int(w_factor·W)`` px left and right and ``int(h_factor·H)`` px top and bottom.

    Boxes are offset and renormalised.

    Args:
        w_factor: border on each side as a fraction of the width (≥ 0).
        h_factor: border on top and bottom as a fraction of the height (≥ 0).
        color: border colour (r, g, b), ints in [0, 255].
    """
    padding = geometry.factor_padding(image.shape[1], image.shape[0], w_factor, h_factor)
    out = geometry.pad_rgb(image, padding, color)
    return Out(out, info=geometry.pad_info(padding[0], padding[1], out.shape[1], out.shape[0]))


@pad.kernel_for(PILImage)
def _pad_pil(image: Image.Image, w_factor: float, h_factor: float, color: Any) -> Out:
    padding = geometry.factor_padding(*image.size, w_factor, h_factor)
    out = geometry.pad_pil(image, *padding, color)
    return Out(out, info=geometry.pad_info(padding[0], padding[1], *out.size))


def _square_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = max(W, H)²."""
    side = max(size["width"], size["height"])
    return output_pixels(side, side, "image")


@augmentation(IMAGE, intensity=resize_intensity, bbox=box_rules.warp_rule, deep=DEEP, cost=_square_cost)
def pad_square(image: ArrayImage, color: RGBColor = (0, 0, 0)) -> Out:
    """Pad the shorter side equally on both sides so the image becomes exactly square.

    An odd difference puts the extra pixel on the right / bottom (AugLy drops it and can return
    an image one pixel short of square). Boxes are offset and renormalised.

    Args:
        color: border colour (r, g, b), ints in [0, 255].
    """
    padding = geometry.square_padding(image.shape[1], image.shape[0])
    out = geometry.pad_rgb(image, padding, color)
    return Out(out, info=geometry.pad_info(padding[0], padding[1], out.shape[1], out.shape[0]))


@pad_square.kernel_for(PILImage)
def _pad_square_pil(image: Image.Image, color: Any) -> Out:
    padding = geometry.square_padding(*image.size)
    out = geometry.pad_pil(image, *padding, color)
    return Out(out, info=geometry.pad_info(padding[0], padding[1], *out.size))


def _resize_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = width × height (a side left None keeps the input's)."""
    w, h = params["width"] or size["width"], params["height"] or size["height"]
    arg = "width" if params["width"] and w * size["height"] >= h * size["width"] else "height"
    return output_pixels(w, h, arg if params[arg] else "width")


@augmentation(IMAGE, intensity=resize_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_resize_cost)
def resize(
    image: ArrayImage,
    width: Annotated[int | None, Range(1, None), Unit("px")] = None,
    height: Annotated[int | None, Range(1, None), Unit("px")] = None,
    resample: Resample = Image.Resampling.BILINEAR,
) -> ArrayImage:
    """Resize to exact pixel dimensions (a side left as None keeps its size; the aspect is not kept).

    Args:
        width: output width in px (≥ 1), None keeps the input width.
        height: output height in px (≥ 1), None keeps the input height.
        resample: Pillow filter: 0 NEAREST, 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING.
    """
    return rs.resize_to(image, width, height, resample)


def _scale_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = max(1, int(W·factor)) × max(1, int(H·factor))."""
    f = params["factor"]
    return output_pixels(max(1, math.floor(size["width"] * f)), max(1, math.floor(size["height"] * f)), "factor")


@augmentation(IMAGE, intensity=mult_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_scale_cost)
def scale(
    image: ArrayImage,
    factor: Annotated[float, Range(0, None, low_open=True)] = 0.5,
    interpolation: Annotated[int | None, Range(0, 5)] = None,
) -> ArrayImage:
    """Multiply both sides by ``factor``: ``(int(W·factor), int(H·factor))``, at least 1 px.

    Args:
        factor: size multiplier (> 0).
        interpolation: Pillow filter (0–5, see ``resize``); None: LANCZOS if factor < 1, else BILINEAR.
    """
    return rs.scale(image, factor, interpolation)


def _aspect_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if ratio == src_w/src_h, else min(max(r, 1/r)·10, 100)."""
    r = params["ratio"]
    if r == facts["src_width"] / facts["src_height"]:
        return 0.0
    return min(max(r, 1.0 / r) * 10.0, 100.0)


def _aspect_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = w × h with w = max(1, int(√(ratio·W·H))), h = max(1, int(W·H / w))."""
    area = size["width"] * size["height"]
    w = max(1.0, math.floor(math.sqrt(params["ratio"] * area)))
    return output_pixels(w, max(1.0, math.floor(area / w)), "ratio")


@augmentation(IMAGE, intensity=_aspect_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_aspect_cost)
def change_aspect_ratio(
    image: ArrayImage, ratio: Annotated[float, Range(0, None, low_open=True), Unit("width/height")] = 1.0
) -> ArrayImage:
    """Resize to aspect ``ratio`` with about the same pixel count: w = int(√(ratio·area)), h = int(area / w).

    Args:
        ratio: target width / height (> 0).
    """
    return rs.to_aspect_ratio(image, ratio)


def _check_resolutions(min_resolution: int | None, max_resolution: int | None) -> None:
    if min_resolution is not None and max_resolution is not None and min_resolution > max_resolution:
        raise InvalidParameterError(
            f"clip_image_size: argument 'max_resolution' ({max_resolution}) must be >= min_resolution "
            f"({min_resolution})", function="clip_image_size", argument="max_resolution")


def _clip_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels ≈ min_resolution when the image is smaller (else at most the input)."""
    w, h = size["width"], size["height"]
    f = rs.clip_factor(w, h, params["min_resolution"], params["max_resolution"])
    if f is None or f <= 1:
        return None
    return output_pixels(max(1, math.floor(w * f)), max(1, math.floor(h * f)), "min_resolution")


@augmentation(IMAGE, intensity=resize_intensity, bbox=box_rules.unchanged, deep=DEEP, cost=_clip_cost)
def clip_image_size(
    image: ArrayImage,
    min_resolution: Annotated[int | None, Range(0, None), Unit("px²")] = None,
    max_resolution: Annotated[int | None, Range(0, None), Unit("px²")] = None,
) -> ArrayImage:
    """Scale uniformly (AugLy's ``scale``) so that the pixel count W·H is within [min, max].

    Args:
        min_resolution: smallest allowed W·H in pixels (≥ 0), None for no lower bound.
        max_resolution: largest allowed W·H in pixels (≥ 0, ≥ min_resolution), None for no upper bound.
    """
    _check_resolutions(min_resolution, max_resolution)
    return rs.clip_resolution(image, min_resolution, max_resolution)


# ------------------------------------------------------------------------------------------------ warps
def _rotate_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(|degrees| mod 180) / 180 · 100."""
    return (abs(params["degrees"]) % 180.0) / 180.0 * 100.0


def _rotate_cost(params: dict[str, Any], size: dict[str, Any]) -> Any:
    """output_pixels = the rotated canvas with expand=True (at most (W + H)² / 2); else at most W × H."""
    if not params["expand"]:
        return None
    cw, ch, _ = rs.rotation_canvas(size["width"], size["height"], params["degrees"])
    return output_pixels(cw, ch, "expand")


@augmentation(IMAGE, intensity=_rotate_intensity, bbox=box_rules.warp_rule, deep=DEEP, cost=_rotate_cost)
def rotate(
    image: ArrayImage,
    degrees: Annotated[float, Unit("degrees")] = 15.0,
    expand: bool = False,
    fill_color: OptionalRGBColor = None,
) -> Out:
    """Rotate counter-clockwise (nearest neighbour, as AugLy).

    With ``expand=False`` the result is cropped to the largest axis-aligned rectangle inside the
    rotated image (no fill visible); with ``expand=True`` the whole rotated image is kept on a
    canvas filled with ``fill_color``. Boxes: enclosing box of the rotated corners, then the same crop.

    Args:
        degrees: rotation angle in degrees, counter-clockwise (any real).
        expand: keep the whole rotated image instead of cropping to the inscribed rectangle.
        fill_color: (r, g, b) of the uncovered corners when ``expand`` is True; None is black
            (transparent for images with alpha).
    """
    out, info = geometry.rotate(image, degrees, expand, fill_color)
    return Out(out, info=info)


def _perspective_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(sigma, 100)."""
    return min(params["sigma"], 100.0)


def _draw_corners(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """Each corner (top-left, top-right, bottom-right, bottom-left; x then y, AugLy's order) moved by
    N(0, sigma) + (dx, dy) px."""
    h, w = image.shape[:2]
    sigma, dx, dy = params["sigma"], params["dx"], params["dy"]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    return {"corners": [(float(rng.normal(x, sigma)) + dx, float(rng.normal(y, sigma)) + dy) for x, y in src]}


@augmentation(IMAGE, intensity=_perspective_intensity, bbox=box_rules.warp_rule, draw=_draw_corners, deep=DEEP)
def perspective_transform(
    image: ArrayImage,
    sigma: Annotated[float, Range(0, None), Unit("px")] = 50.0,
    dx: Annotated[float, Unit("px")] = 0.0,
    dy: Annotated[float, Unit("px")] = 0.0,
    seed: Seed = 42,
    crop_out_black_border: bool = False,
    *,
    corners: Drawn,
) -> Out:
    """Move each image corner by N(0, sigma) + (dx, dy) px and warp the image accordingly (bicubic).

    The source corners land exactly on the drawn points; boxes are warped exactly (enclosing box), then cropped
    like the image.

    Args:
        sigma: standard deviation of each corner displacement, in px (≥ 0).
        dx: extra horizontal displacement of every corner, in px.
        dy: extra vertical displacement of every corner, in px.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        crop_out_black_border: crop to the rectangle bounded by the moved corners, so that no
            fill shows (raises InvalidParameterError if that rectangle is empty).
    """
    out, info = geometry.perspective(image, corners, crop_out_black_border)
    return Out(out, info=info)


def _skew_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|skew_factor| / 2 · 100, 100)."""
    return min(abs(params["skew_factor"]) / 2.0 * 100.0, 100.0)


@augmentation(IMAGE, intensity=_skew_intensity, bbox=box_rules.warp_rule, deep=DEEP)
def skew(image: ArrayImage, skew_factor: float = 0.5, axis: Literal[0, 1] = 0) -> Out:
    """Shear about the image centre (bilinear), keeping the size.

    Axis 0 moves each row horizontally by −skew_factor·(y − H/2); axis 1 moves each column
    vertically by −skew_factor·(x − W/2). Boxes: the corners sheared exactly, then their enclosing box.

    Args:
        skew_factor: shear amount (px of shift per px of distance from the centre); AugLy
            recommends [-2, 2].
        axis: 0 to skew along x, 1 to skew along y.
    """
    out, info = geometry.skew(image, skew_factor, axis)
    return Out(out, info=info)
