"""Geometric image augmentations: flips, crop, pad, resize/scale, rotate, perspective, skew.

Every function that moves pixels declares an exact box rule: the kernel reports the map from
source pixels to the output canvas as a 3×3 matrix (plus the crop that became the output, if
any) in the record's ``info``, and :func:`multiaug.image.targets.box_rules.warp_rule` warps the box corners
with it. Resizes keep normalised boxes unchanged.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.registry import Out, augmentation
from ...core.spec import Range, Unit
from ..kernels import geometry as kg
from ..kernels import resample as rs
from ..kernels.modes import fill_for, mode_of
from ..modality import ARRAY, IMAGE, NATIVE
from ..targets import box_rules as bb
from .intensity import always_100 as _always_100
from .intensity import mult_intensity, resize_intensity
from .parameters import COLOR_CHECK


@augmentation(IMAGE, intensity=_always_100, bbox=bb.hflip_rule, kernel=NATIVE)
def hflip(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Mirror the image left to right.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format``.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    if isinstance(image, np.ndarray):
        return kg.flip(image, horizontal=True)
    return image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)


@augmentation(IMAGE, intensity=_always_100, bbox=bb.vflip_rule, kernel=NATIVE)
def vflip(
    image: Any,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Mirror the image top to bottom.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format``.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    if isinstance(image, np.ndarray):
        return kg.flip(image, horizontal=False)
    return image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)


# ------------------------------------------------------------------------------------------------
# size changes
# ------------------------------------------------------------------------------------------------


_FRAC = Annotated[float, Range(0, 1), Unit("frac")]


@augmentation(IMAGE, intensity=resize_intensity, bbox=bb.warp_rule, kernel=NATIVE)
def crop(
    image: Any,
    output_path: str | None = None,
    x1: _FRAC = 0.25,
    y1: _FRAC = 0.25,
    x2: _FRAC = 0.75,
    y2: _FRAC = 0.75,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Keep the region between the fractional corners (x1, y1) and (x2, y2).

    The pixel box is ``(int(W·x1), int(H·y1), int(W·x2), int(H·y2))`` as in AugLy.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        x1: left edge as a fraction of the width, in [0, 1].
        y1: top edge as a fraction of the height, in [0, 1].
        x2: right edge as a fraction of the width, in [0, 1], > x1.
        y2: bottom edge as a fraction of the height, in [0, 1], > y1.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (shifted, rescaled, clamped).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    w, h = _size(image)
    box = kg.crop_rect(w, h, x1, y1, x2, y2)
    if isinstance(image, np.ndarray):
        out = image[box[1] : box[3], box[0] : box[2]].copy()
    else:
        out = image.crop(box)
    return Out(out, info={"matrix": kg.IDENTITY, "canvas": [w, h], "crop": list(box)})


def _size(image: Any) -> tuple[int, int]:
    """(width, height) of a PIL image or an H×W(×C) array."""
    if isinstance(image, np.ndarray):
        return image.shape[1], image.shape[0]
    return image.size


def _pad_image(image: Any, left: int, top: int, right: int, bottom: int, color: Any) -> Any:
    if isinstance(image, np.ndarray):
        return kg.pad(image, left, top, right, bottom, fill_for(mode_of(image), color))
    return kg.pad_pil(image, left, top, right, bottom, color)


@augmentation(IMAGE, intensity=resize_intensity, bbox=bb.warp_rule, kernel=NATIVE)
def pad(
    image: Any,
    output_path: str | None = None,
    w_factor: Annotated[float, Range(0, None), Unit("frac of width")] = 0.25,
    h_factor: Annotated[float, Range(0, None), Unit("frac of height")] = 0.25,
    color: Annotated[tuple[int, int, int], COLOR_CHECK] = (0, 0, 0),
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Add ``int(w_factor·W)`` px left and right and ``int(h_factor·H)`` px top and bottom.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        w_factor: border on each side as a fraction of the width (≥ 0).
        h_factor: border on top and bottom as a fraction of the height (≥ 0).
        color: border colour (r, g, b), ints in [0, 255].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (offset and renormalised).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    w, h = _size(image)
    dw, dh = int(w_factor * w), int(h_factor * h)
    out = _pad_image(image, dw, dh, dw, dh, color)
    return Out(out, info={"matrix": bb.translate_matrix(dw, dh), "canvas": list(_size(out))})


@augmentation(IMAGE, intensity=resize_intensity, bbox=bb.warp_rule, kernel=NATIVE)
def pad_square(
    image: Any,
    output_path: str | None = None,
    color: Annotated[tuple[int, int, int], COLOR_CHECK] = (0, 0, 0),
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Pad the shorter side equally on both sides so the image becomes exactly square.

    An odd difference puts the extra pixel on the right / bottom (AugLy drops it and can return
    an image one pixel short of square).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        color: border colour (r, g, b), ints in [0, 255].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (offset and renormalised).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    w, h = _size(image)
    diff = abs(w - h)
    first, second = diff // 2, diff - diff // 2
    if w < h:
        out, dx, dy = _pad_image(image, first, 0, second, 0, color), first, 0
    else:
        out, dx, dy = _pad_image(image, 0, first, 0, second, color), 0, first
    return Out(out, info={"matrix": bb.translate_matrix(dx, dy), "canvas": list(_size(out))})


_RESAMPLE = Annotated[int, Range(0, 5)]


@augmentation(IMAGE, intensity=resize_intensity, bbox=bb.unchanged, kernel=ARRAY)
def resize(
    image: Any,
    output_path: str | None = None,
    width: Annotated[int | None, Range(1, None), Unit("px")] = None,
    height: Annotated[int | None, Range(1, None), Unit("px")] = None,
    resample: _RESAMPLE = Image.Resampling.BILINEAR,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Resize to exact pixel dimensions (a side left as None keeps its size; the aspect is not kept).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        width: output width in px (≥ 1), None keeps the input width.
        height: output height in px (≥ 1), None keeps the input height.
        resample: Pillow filter: 0 NEAREST, 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged in normalised units).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    h, w = image.shape[:2]
    return rs.resize(image, (width or w, height or h), int(resample))


def _scaled(image: np.ndarray, factor: float, interpolation: int | None) -> np.ndarray:
    if interpolation is None:
        interpolation = rs.LANCZOS if factor < 1 else rs.BILINEAR
    h, w = image.shape[:2]
    size = (max(1, int(w * factor)), max(1, int(h * factor)))
    return rs.resize(image, size, int(interpolation))


@augmentation(IMAGE, intensity=mult_intensity, bbox=bb.unchanged, kernel=ARRAY)
def scale(
    image: Any,
    output_path: str | None = None,
    factor: Annotated[float, Range(0, None, low_open=True)] = 0.5,
    interpolation: Annotated[int | None, Range(0, 5)] = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Multiply both sides by ``factor``: ``(int(W·factor), int(H·factor))``, at least 1 px.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        factor: size multiplier (> 0).
        interpolation: Pillow filter (0–5, see ``resize``); None: LANCZOS if factor < 1, else BILINEAR.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged in normalised units).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    return _scaled(image, factor, interpolation)


def _aspect_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """0 if ratio == src_w/src_h, else min(max(r, 1/r)·10, 100)."""
    r = params["ratio"]
    if r == facts["src_width"] / facts["src_height"]:
        return 0.0
    return min(max(r, 1.0 / r) * 10.0, 100.0)


@augmentation(IMAGE, intensity=_aspect_intensity, bbox=bb.unchanged, kernel=ARRAY)
def change_aspect_ratio(
    image: Any,
    output_path: str | None = None,
    ratio: Annotated[float, Range(0, None, low_open=True), Unit("width/height")] = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Resize to aspect ``ratio`` with about the same pixel count: w = int(√(ratio·area)), h = int(area / w).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        ratio: target width / height (> 0).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged in normalised units).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    h, w = image.shape[:2]
    area = w * h
    new_w = max(1, int(math.sqrt(ratio * area)))
    new_h = max(1, int(area / new_w))
    return rs.resize(image, (new_w, new_h), rs.BICUBIC)


@augmentation(IMAGE, intensity=resize_intensity, bbox=bb.unchanged, kernel=ARRAY)
def clip_image_size(
    image: Any,
    output_path: str | None = None,
    min_resolution: Annotated[int | None, Range(0, None), Unit("px²")] = None,
    max_resolution: Annotated[int | None, Range(0, None), Unit("px²")] = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Image.Image:
    """Scale uniformly (AugLy's ``scale``) so that the pixel count W·H is within [min, max].

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        min_resolution: smallest allowed W·H in pixels (≥ 0), None for no lower bound.
        max_resolution: largest allowed W·H in pixels (≥ 0, ≥ min_resolution), None for no upper bound.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to carry along, in ``bbox_format`` (unchanged in normalised units).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    if min_resolution is not None and max_resolution is not None and min_resolution > max_resolution:
        raise InvalidParameterError(
            f"clip_image_size: argument 'max_resolution' ({max_resolution}) must be >= min_resolution "
            f"({min_resolution})",
            function="clip_image_size",
            argument="max_resolution",
        )
    h, w = image.shape[:2]
    count = w * h
    if min_resolution is not None and count < min_resolution:
        return _scaled(image, math.sqrt(min_resolution / count), None)
    if max_resolution is not None and count > max_resolution:
        return _scaled(image, math.sqrt(max_resolution / count), None)
    return image.copy()


# ------------------------------------------------------------------------------------------------
# warps
# ------------------------------------------------------------------------------------------------


def _rotate_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(|degrees| mod 180) / 180 · 100."""
    return (abs(params["degrees"]) % 180.0) / 180.0 * 100.0


@augmentation(IMAGE, intensity=_rotate_intensity, bbox=bb.warp_rule, kernel=ARRAY)
def rotate(
    image: Any,
    output_path: str | None = None,
    degrees: Annotated[float, Unit("degrees")] = 15.0,
    expand: bool = False,
    fill_color: Annotated[tuple[int, int, int] | None, COLOR_CHECK] = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Rotate counter-clockwise (nearest neighbour, as AugLy).

    With ``expand=False`` the result is cropped to the largest axis-aligned rectangle inside the
    rotated image (no fill visible); with ``expand=True`` the whole rotated image is kept on a
    canvas filled with ``fill_color``.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        degrees: rotation angle in degrees, counter-clockwise (any real).
        expand: keep the whole rotated image instead of cropping to the inscribed rectangle.
        fill_color: (r, g, b) of the uncovered corners when ``expand`` is True; None is black
            (transparent for images with alpha).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (enclosing box of the rotated
            corners, then the same crop as the image).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    h, w = image.shape[:2]
    fill = fill_for(mode_of(image), fill_color) if fill_color is not None else None
    angle = degrees % 360.0
    if angle in (90, 270):
        cw, ch = h, w
    elif angle in (0, 180):
        cw, ch = w, h
    else:
        cw, ch, _ = rs.rotation_canvas(w, h, degrees)
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    # source px → canvas px: rotate about the image centre, counter-clockwise on screen (y down)
    matrix = [c, s, cw / 2 - c * w / 2 - s * h / 2, -s, c, ch / 2 + s * w / 2 - c * h / 2, 0.0, 0.0, 1.0]
    info: dict[str, Any] = {"matrix": matrix, "canvas": [cw, ch]}
    if expand:
        return Out(rs.rotate_expand(image, degrees, fill), info=info)
    wr, hr = kg.max_inscribed(w, h, a)
    box = (int(cw / 2 - wr / 2), int(ch / 2 - hr / 2), int(cw / 2 + wr / 2), int(ch / 2 + hr / 2))
    if box[2] <= box[0] or box[3] <= box[1]:
        box = (0, 0, cw, ch)
    info["crop"] = list(box)
    return Out(rs.rotate_expand(image, degrees, fill, box), info=info)  # only the kept box is computed


def _perspective_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(sigma, 100)."""
    return min(params["sigma"], 100.0)


@augmentation(IMAGE, intensity=_perspective_intensity, bbox=bb.warp_rule, kernel=ARRAY)
def perspective_transform(
    image: Any,
    output_path: str | None = None,
    sigma: Annotated[float, Range(0, None), Unit("px")] = 50.0,
    dx: Annotated[float, Unit("px")] = 0.0,
    dy: Annotated[float, Unit("px")] = 0.0,
    seed: Any = 42,
    crop_out_black_border: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Move each image corner by N(0, sigma) + (dx, dy) px and warp the image accordingly (bicubic).

    The corners are drawn in AugLy's order (top-left, top-right, bottom-right, bottom-left; x
    then y) from the seeded generator. The source corners land exactly on the drawn points.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        sigma: standard deviation of each corner displacement, in px (≥ 0).
        dx: extra horizontal displacement of every corner, in px.
        dy: extra vertical displacement of every corner, in px.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        crop_out_black_border: crop to the rectangle bounded by the moved corners, so that no
            fill shows (raises InvalidParameterError if that rectangle is empty).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (corners warped exactly, enclosing
            box, then the border crop if requested).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    rng: np.random.Generator = seed
    h, w = image.shape[:2]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    dst = [(float(rng.normal(x, sigma)) + dx, float(rng.normal(y, sigma)) + dy) for x, y in src]
    try:
        forward = kg.solve_perspective(src, dst)
        backward = kg.solve_perspective(dst, src)
    except np.linalg.LinAlgError:
        raise InvalidParameterError(
            f"perspective_transform: the drawn corners are degenerate (sigma={sigma}); use a smaller sigma",
            function="perspective_transform",
            argument="sigma",
        ) from None
    out = rs.warp(image, (w, h), backward[:8], rs.BICUBIC)
    info: dict[str, Any] = {"matrix": forward, "canvas": [w, h], "corners": [list(p) for p in dst]}
    if crop_out_black_border:
        tl, tr, br, bl = dst
        box = (
            round(max(0.0, tl[0], bl[0])),
            round(max(0.0, tl[1], tr[1])),
            round(min(float(w), tr[0], br[0])),
            round(min(float(h), bl[1], br[1])),
        )
        if box[0] >= box[2] or box[1] >= box[3]:
            raise InvalidParameterError(
                f"perspective_transform: cannot crop out the black border of a transform this strong "
                f"(sigma={sigma}, dx={dx}, dy={dy}); lower sigma or set crop_out_black_border=False",
                function="perspective_transform",
                argument="crop_out_black_border",
            )
        out = out[box[1] : box[3], box[0] : box[2]].copy()
        info["crop"] = list(box)
    return Out(out, info=info)


def _skew_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|skew_factor| / 2 · 100, 100)."""
    return min(abs(params["skew_factor"]) / 2.0 * 100.0, 100.0)


@augmentation(IMAGE, intensity=_skew_intensity, bbox=bb.warp_rule, kernel=ARRAY)
def skew(
    image: Any,
    output_path: str | None = None,
    skew_factor: float = 0.5,
    axis: Literal[0, 1] = 0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Any:
    """Shear about the image centre (bilinear), keeping the size.

    Axis 0 moves each row horizontally by −skew_factor·(y − H/2); axis 1 moves each column
    vertically by −skew_factor·(x − W/2).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        skew_factor: shear amount (px of shift per px of distance from the centre); AugLy
            recommends [-2, 2].
        axis: 0 to skew along x, 1 to skew along y.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes to move with the image, in ``bbox_format`` (corners sheared exactly, enclosing box).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    h, w = image.shape[:2]
    s = float(skew_factor)
    if axis == 0:
        data = (1.0, s, -s * h / 2.0, 0.0, 1.0, 0.0)
        matrix = [1.0, -s, s * h / 2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    else:
        data = (1.0, 0.0, 0.0, s, 1.0, -s * w / 2.0)
        matrix = [1.0, 0.0, 0.0, -s, 1.0, s * w / 2.0, 0.0, 0.0, 1.0]
    out = rs.warp(image, (w, h), list(data), rs.BILINEAR)
    return Out(out, info={"matrix": matrix, "canvas": [w, h]})
