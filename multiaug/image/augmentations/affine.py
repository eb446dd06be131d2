"""Affine augmentations for training: torchvision's policy shear/translate/rotate, Keras' random affine,
RandomResizedCrop. Every one reports its source → output matrix in ``info['matrix']`` (pixel-edge
coordinates), which moves bboxes (:func:`multiaug.image.targets.box_rules.warp_rule`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any, Literal

import numpy as np

from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import affine as ka
from ..kernels import crop_resize as kc
from ..kernels import policy_ops as po
from ..kernels.modes import fill_for, mode_of
from ..modality import IMAGE, ArrayImage
from ..targets import box_rules as bb
from ..targets import mask_rules
from .parameters import COLOR_CHECK, Seed, uniform

Interp = Literal["nearest", "bilinear"]


def _fill(image: np.ndarray, fill_color: Any) -> Any:
    return None if fill_color is None else fill_for(mode_of(image), fill_color)


def _warp(image: np.ndarray, matrix: list[float], fill_color: Any, interpolation: str) -> Out:
    out = po.warp_forward(image, matrix, _fill(image, fill_color), interpolation == "bilinear")
    return Out(out, info={"matrix": matrix})


def _shear_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|factor| · 100, 100)."""
    return min(abs(params["factor"]) * 100.0, 100.0)


@augmentation(IMAGE, intensity=_shear_intensity, bbox=bb.warp_rule)
def shear(
    image: ArrayImage,
    factor: Annotated[float, Range(-10, 10)] = 0.3,
    axis: Literal["x", "y"] = "x",
    fill_color: Annotated[tuple[int, int, int] | None, COLOR_CHECK] = None,
    interpolation: Interp = "nearest",
) -> Out:
    """Shear about the top-left corner, canvas kept (torchvision's ShearX/ShearY of the policies):
    ``x_out = x − factor·y`` (axis "x") or ``y_out = y − factor·x`` (axis "y").

    Args:
        factor: shear factor (tan of the shear angle), −10 … 10.
        axis: "x" (rows slide sideways) or "y" (columns slide up/down).
        fill_color: (r, g, b) of uncovered areas; None is black.
        interpolation: "nearest" (the policies' default) or "bilinear".
    """
    return _warp(image, po.shear_matrix(factor, axis), fill_color, interpolation)


def _translate_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """max(|dx| / width, |dy| / height) · 100."""
    return max(abs(params["dx"]) / facts["src_width"], abs(params["dy"]) / facts["src_height"]) * 100.0


@augmentation(IMAGE, intensity=_translate_intensity, bbox=bb.warp_rule)
def translate(
    image: ArrayImage,
    dx: Annotated[int, Unit("px")] = 0,
    dy: Annotated[int, Unit("px")] = 0,
    fill_color: Annotated[tuple[int, int, int] | None, COLOR_CHECK] = None,
) -> Out:
    """Shift the content by (dx, dy) px on the same canvas (torchvision's TranslateX/TranslateY).

    Args:
        dx: horizontal shift in px (positive: right).
        dy: vertical shift in px (positive: down).
        fill_color: (r, g, b) of uncovered areas; None is black.
    """
    return _warp(image, po.translate_matrix(dx, dy), fill_color, "nearest")


def _rotate_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(|degrees| mod 180) / 180 · 100."""
    return (abs(params["degrees"]) % 180.0) / 180.0 * 100.0


@augmentation(IMAGE, intensity=_rotate_intensity, bbox=bb.warp_rule)
def rotate_keep_size(
    image: ArrayImage,
    degrees: Annotated[float, Unit("degrees")] = 15.0,
    fill_color: Annotated[tuple[int, int, int] | None, COLOR_CHECK] = None,
    interpolation: Interp = "nearest",
) -> Out:
    """Rotate counter-clockwise about the centre on the same canvas, corners filled (torchvision's
    ``rotate``, the policies' Rotate; AugLy's ``rotate`` crops or expands instead).

    Args:
        degrees: angle in degrees, counter-clockwise.
        fill_color: (r, g, b) of the uncovered corners; None is black.
        interpolation: "nearest" (the policies' default) or "bilinear".
    """
    h, w = image.shape[:2]
    return _warp(image, po.rotate_matrix(degrees, w, h), fill_color, interpolation)


# --------------------------------------------------------------------------------------------------
# Keras ImageDataGenerator's random affine
# --------------------------------------------------------------------------------------------------

def _is_shift_range(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float, np.number)):
        return float(v) >= 0
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(
        isinstance(x, (int, float, np.number)) and not isinstance(x, bool) for x in v)


def _is_zoom(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float, np.number)):
        return 0 <= float(v) < 1
    return (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v)
            and 0 < v[0] <= v[1])


def _is_pair_or_none(v: Any) -> bool:
    return v is None or (isinstance(v, (list, tuple)) and len(v) == 2
                         and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v) and v[0] <= v[1])


ShiftRange = Annotated[float | list[float], Check(_is_shift_range, "must be ≥ 0: a fraction (< 1), px (≥ 1) or a list")]


def draw_shift(rng: np.random.Generator, shift_range: Any, size: int) -> float:
    """Keras' shift draw: a list (or int) → one element (ints: 0 … r−1) with a random sign; a float →
    uniform in (−r, r); then × ``size`` when the range's largest value is < 1. Returns px (Keras' sense)."""
    if not shift_range:
        return 0.0
    if isinstance(shift_range, (list, tuple)) or (isinstance(shift_range, (int, np.integer))):
        choices = list(shift_range) if isinstance(shift_range, (list, tuple)) else list(range(int(shift_range)))
        value = float(choices[int(rng.integers(len(choices)))]) * (1.0 if rng.random() < 0.5 else -1.0)
    else:
        value = uniform(rng, -shift_range, shift_range)
    if ka.shift_is_fraction(shift_range):
        value *= size
    return value


def draw_keras_params(rng: np.random.Generator, width: int, height: int, rotation_range: float = 0.0,
                      width_shift_range: Any = 0.0, height_shift_range: Any = 0.0, shear_range: float = 0.0,
                      zoom_range: Any = 0.0, channel_shift_range: float = 0.0, brightness_range: Any = None,
                      horizontal_flip: bool = False, vertical_flip: bool = False) -> dict[str, Any]:
    """Every random value of one Keras ImageDataGenerator transform, in Keras' order and meaning (``tx``
    horizontal, ``ty`` vertical, output→input sense; see :mod:`multiaug.image.kernels.affine`)."""
    theta = uniform(rng, -rotation_range, rotation_range) if rotation_range else 0.0
    tx = draw_shift(rng, width_shift_range, width)
    ty = draw_shift(rng, height_shift_range, height)
    shear_deg = uniform(rng, -shear_range, shear_range) if shear_range else 0.0
    lo, hi = ka.zoom_bounds(zoom_range)
    zx, zy = (1.0, 1.0) if (lo, hi) == (1.0, 1.0) else tuple(float(v) for v in rng.uniform(lo, hi, 2))
    flip_h = bool(rng.random() < 0.5) and bool(horizontal_flip)
    flip_v = bool(rng.random() < 0.5) and bool(vertical_flip)
    shift = uniform(rng, -channel_shift_range, channel_shift_range) if channel_shift_range else None
    bright = uniform(rng, brightness_range[0], brightness_range[1]) if brightness_range is not None else None
    return {"theta": theta, "tx": tx, "ty": ty, "shear": shear_deg, "zx": zx, "zy": zy, "flip_horizontal": flip_h,
            "flip_vertical": flip_v, "channel_shift_intensity": shift, "brightness": bright}


def _draw_keras(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """Keras' draws for this image's size (:func:`draw_keras_params`)."""
    names = ("rotation_range", "width_shift_range", "height_shift_range", "shear_range", "zoom_range",
             "channel_shift_range", "brightness_range", "horizontal_flip", "vertical_flip")
    h, w = image.shape[:2]
    return {"transform": draw_keras_params(rng, w, h, **{k: params[k] for k in names})}


def _affine_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|theta|/180 + |shear|/90 + |tx|/W + |ty|/H + |1 − zx| + |1 − zy|, 1) · 100 from the drawn values."""
    d = facts["info"]
    s = (abs(d["theta"]) / 180 + abs(d["shear"]) / 90 + abs(d["tx"]) / facts["src_width"]
         + abs(d["ty"]) / facts["src_height"] + abs(1 - d["zx"]) + abs(1 - d["zy"]))
    return min(s, 1.0) * 100.0


_KERAS_BORDERS = {"constant": "constant", "nearest": "replicate", "reflect": "reflect", "wrap": "wrap"}


def _fill_mode_border(params: dict[str, Any], facts: dict[str, Any]) -> str:
    return _KERAS_BORDERS[params["fill_mode"]]


@augmentation(IMAGE, intensity=_affine_intensity, bbox=bb.warp_rule, draw=_draw_keras,
              masks=mask_rules.warp_bordered(_fill_mode_border),
              example={"rotation_range": 20.0, "width_shift_range": 0.1, "height_shift_range": 4,
                       "shear_range": 10.0, "zoom_range": 0.2, "horizontal_flip": True})
def random_affine(
    image: ArrayImage,
    rotation_range: Annotated[float, Range(0, 360), Unit("degrees")] = 0.0,
    width_shift_range: ShiftRange = 0.0,
    height_shift_range: ShiftRange = 0.0,
    shear_range: Annotated[float, Range(0, 90), Unit("degrees")] = 0.0,
    zoom_range: Annotated[float | tuple[float, float], Check(_is_zoom, "must be z in [0, 1) or (low, high), 0 < low ≤ high")] = 0.0,
    channel_shift_range: Annotated[float, Range(0, 255)] = 0.0,
    brightness_range: Annotated[tuple[float, float] | None, Check(_is_pair_or_none, "must be (low, high) with low ≤ high")] = None,
    fill_mode: Literal["nearest", "constant", "reflect", "wrap"] = "nearest",
    cval: Annotated[float, Range(0, 255)] = 0.0,
    horizontal_flip: bool = False,
    vertical_flip: bool = False,
    interpolation_order: Literal[0, 1, 3] = 1,
    seed: Seed = None,
    *,
    transform: Drawn,
) -> Out:
    """Keras ``ImageDataGenerator``'s random transform with Keras' argument meanings, as one warp.

    Rotation, shift, shear and zoom make one output → input matrix about the centre, resampled once; then
    channel shift, flips (each with probability ½ when enabled) and brightness, in Keras' order.

    Args:
        rotation_range: angle drawn uniformly from (−r, r) degrees.
        width_shift_range: float < 1: fraction of the width; ≥ 1: px; int: integer px in (−r, r); list: one element
            with a random sign (horizontal shift).
        height_shift_range: the same for the vertical shift (fraction of the height).
        shear_range: shear angle drawn from (−r, r) degrees.
        zoom_range: z → [1 − z, 1 + z], or (low, high); x and y zoom drawn independently; > 1 zooms out.
        channel_shift_range: one offset from (−r, r) added to every band, clipped to the image's min/max.
        brightness_range: (low, high) factor for ``ImageEnhance.Brightness``; None: unchanged.
        fill_mode: outside the image: "nearest" (aaaa|abcd|dddd), "constant" (cval), "reflect" (dcba|abcd|dcba),
            "wrap" (abcd|abcd|abcd).
        cval: fill value for "constant".
        horizontal_flip: flip left-right with probability ½.
        vertical_flip: flip top-bottom with probability ½.
        interpolation_order: 0 nearest, 1 bilinear (Keras' default), 3 bicubic.
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
    """
    h, w = image.shape[:2]
    inv = ka.keras_inverse_matrix(w, h, *(transform[k] for k in ("theta", "tx", "ty", "shear", "zx", "zy")))
    out = ka.apply_keras_transform(image, **transform, fill_mode=fill_mode, cval=cval, order=interpolation_order,
                                   inverse=inv)
    geo = {k: transform[k] for k in ("theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical")}
    return Out(out, info={**transform, "matrix": ka.keras_forward_matrix(w, h, **geo, inverse=inv)})


# --------------------------------------------------------------------------------------------------
# RandomResizedCrop
# --------------------------------------------------------------------------------------------------

def _is_size(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, np.integer)):
        return v >= 1
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(
        isinstance(x, (int, np.integer)) and not isinstance(x, bool) and x >= 1 for x in v)


def _is_unit_pair(v: Any) -> bool:
    return (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v)
            and 0 < v[0] <= v[1] <= 1)


def _is_ratio_pair(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v) and 0 < v[0] <= v[1]


def draw_crop_rect(rng: np.random.Generator, width: int, height: int, scale: Sequence[float],
                   ratio: Sequence[float]) -> tuple[int, int, int, int]:
    """torchvision's RandomResizedCrop sampler: up to 10 draws of an area fraction in ``scale`` and a
    log-uniform aspect in ``ratio`` that fit; else the centred fallback. Returns (x1, y1, x2, y2)."""
    area = float(width * height)
    log_lo, log_hi = math.log(ratio[0]), math.log(ratio[1])
    for _ in range(10):
        target = area * uniform(rng, scale[0], scale[1])
        cw, ch = kc.crop_size(target, uniform(rng, log_lo, log_hi))
        if 0 < cw <= width and 0 < ch <= height:
            y1 = int(rng.integers(0, height - ch + 1))
            x1 = int(rng.integers(0, width - cw + 1))
            return (x1, y1, x1 + cw, y1 + ch)
    return kc.centre_fallback(width, height, (ratio[0], ratio[1]))


def _draw_rect(rng: np.random.Generator, params: dict[str, Any], image: np.ndarray) -> dict[str, Any]:
    """The crop rectangle (:func:`draw_crop_rect`)."""
    h, w = image.shape[:2]
    return {"rect": draw_crop_rect(rng, w, h, params["scale"], params["ratio"])}


def _rrc_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """(1 − crop area / image area) · 100."""
    x1, y1, x2, y2 = facts["info"]["crop_rect"]
    return (1.0 - (x2 - x1) * (y2 - y1) / float(facts["src_width"] * facts["src_height"])) * 100.0


@augmentation(IMAGE, intensity=_rrc_intensity, bbox=bb.warp_rule, draw=_draw_rect)
def random_resized_crop(
    image: ArrayImage,
    size: Annotated[int | tuple[int, int], Check(_is_size, "must be an int ≥ 1 or (height, width)")] = 224,
    scale: Annotated[tuple[float, float], Check(_is_unit_pair, "must be (low, high) with 0 < low ≤ high ≤ 1")] = (0.08, 1.0),
    ratio: Annotated[tuple[float, float], Check(_is_ratio_pair, "must be (low, high) with 0 < low ≤ high")] = (3 / 4, 4 / 3),
    interpolation: Literal["bilinear", "nearest", "bicubic", "area"] = "bilinear",
    seed: Seed = None,
    *,
    antialias: bool = True,
    rect: Drawn,
) -> Out:
    """Crop a random area and aspect ratio and resize it to ``size`` (torchvision's RandomResizedCrop).

    Args:
        size: output size: an int for a square, or (height, width) as torchvision.
        scale: range of the crop's area as a fraction of the image's.
        ratio: range of the crop's aspect ratio (width / height), drawn log-uniformly.
        interpolation: resampling filter (with ``antialias``, bilinear/bicubic reductions by more than 2× use
            an area average).
        seed: int, numpy Generator or None (fresh entropy); the recorded int seed replays exactly.
        antialias: torchvision's switch (keyword-only): True (default) antialiases strong reductions; False
            resamples the crop directly with plain bilinear/bicubic, as albumentations and torchvision's
            ``antialias=False`` do — faster (only output pixels are computed), aliased on fine detail.
    """
    th, tw = (size, size) if isinstance(size, (int, np.integer)) else (int(size[0]), int(size[1]))
    out = kc.resized_crop(image, rect, (tw, th), interpolation, antialias)
    return Out(out, info={"crop_rect": list(rect), "matrix": ka.crop_matrix(rect, tw, th)})
