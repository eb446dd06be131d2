"""The operations of the automatic augmentation policies and their magnitude tables.

Ops follow torchvision v2's definitions (``torchvision/transforms/v2/_auto_augment.py``, BSD-3; facts
matched, no code copied): ShearX/ShearY about the top-left corner (``x_in = x_out + m·y_out``), TranslateX/
TranslateY by ``int(m)`` px, Rotate by ``m`` degrees counter-clockwise about the centre (canvas kept),
Brightness/Color/Contrast/Sharpness as enhance factors ``1 + m``, Posterize to ``int(m)`` bits, Solarize
above ``255·m``, AutoContrast, Equalize, Invert, Identity. Areas uncovered by a geometric op get ``fill``.

The tables (:data:`RANDAUGMENT_SPACE`, :data:`TRIVIAL_AUGMENT_WIDE_SPACE`, :data:`AUTOAUGMENT_SPACE`,
:data:`AUGMIX_SPACE`) give for each op a magnitude rule and whether it is signed (negated with
probability ½ by the policy); :func:`magnitude_bins` turns a rule into the per-bin values torchvision
uses. :data:`AUTOAUGMENT_POLICIES` holds the 25 published sub-policies of each AutoAugment policy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import histogram, scratch
from .backends import cv2_module
from .filters import sharpness as _sharpness
from .lut import clipped_table, lut
from .resample import BILINEAR, NEAREST, warp

# --------------------------------------------------------------------------------------------------
# magnitude tables
# --------------------------------------------------------------------------------------------------

#: a magnitude rule: ("linspace", low, high, scale) with scale None | "width" | "height" (multiplies
#: both ends), ("posterize", base_bits, divisions): base − round(i / ((bins − 1) / divisions)), or None
#: (the op takes no magnitude)
Rule = tuple[Any, ...] | None

_SHEAR = ("linspace", 0.0, 0.3, None)
_ROT = ("linspace", 0.0, 30.0, None)
_ENH = ("linspace", 0.0, 0.9, None)
_SOLAR = ("linspace", 1.0, 0.0, None)

RANDAUGMENT_SPACE: dict[str, tuple[Rule, bool]] = {
    "Identity": (None, False),
    "ShearX": (_SHEAR, True),
    "ShearY": (_SHEAR, True),
    "TranslateX": (("linspace", 0.0, 150.0 / 331.0, "width"), True),
    "TranslateY": (("linspace", 0.0, 150.0 / 331.0, "height"), True),
    "Rotate": (_ROT, True),
    "Brightness": (_ENH, True),
    "Color": (_ENH, True),
    "Contrast": (_ENH, True),
    "Sharpness": (_ENH, True),
    "Posterize": (("posterize", 8, 4), False),
    "Solarize": (_SOLAR, False),
    "AutoContrast": (None, False),
    "Equalize": (None, False),
}

_WIDE = ("linspace", 0.0, 0.99, None)
TRIVIAL_AUGMENT_WIDE_SPACE: dict[str, tuple[Rule, bool]] = {
    "Identity": (None, False),
    "ShearX": (_WIDE, True),
    "ShearY": (_WIDE, True),
    "TranslateX": (("linspace", 0.0, 32.0, None), True),
    "TranslateY": (("linspace", 0.0, 32.0, None), True),
    "Rotate": (("linspace", 0.0, 135.0, None), True),
    "Brightness": (_WIDE, True),
    "Color": (_WIDE, True),
    "Contrast": (_WIDE, True),
    "Sharpness": (_WIDE, True),
    "Posterize": (("posterize", 8, 6), False),
    "Solarize": (_SOLAR, False),
    "AutoContrast": (None, False),
    "Equalize": (None, False),
}

AUTOAUGMENT_SPACE: dict[str, tuple[Rule, bool]] = {
    **{k: v for k, v in RANDAUGMENT_SPACE.items() if k != "Identity"},
    "Invert": (None, False),
}

#: AugMix's operations without the enhance ops (``all_ops=False``)
AUGMIX_PARTIAL_SPACE: dict[str, tuple[Rule, bool]] = {
    "ShearX": (_SHEAR, True),
    "ShearY": (_SHEAR, True),
    "TranslateX": (("linspace", 0.0, 1.0 / 3.0, "width"), True),
    "TranslateY": (("linspace", 0.0, 1.0 / 3.0, "height"), True),
    "Rotate": (_ROT, True),
    "Posterize": (("posterize", 4, 4), False),
    "Solarize": (_SOLAR, False),
    "AutoContrast": (None, False),
    "Equalize": (None, False),
}
AUGMIX_SPACE: dict[str, tuple[Rule, bool]] = {
    **AUGMIX_PARTIAL_SPACE,
    "Brightness": (_ENH, True),
    "Color": (_ENH, True),
    "Contrast": (_ENH, True),
    "Sharpness": (_ENH, True),
}

#: AugMix draws magnitude bins from ``range(severity)`` of this many bins
AUGMIX_BINS = 10
#: AutoAugment's sub-policies index magnitude bins of this many bins
AUTOAUGMENT_BINS = 10

SubPolicy = tuple[tuple[str, float, int | None], tuple[str, float, int | None]]

AUTOAUGMENT_POLICIES: dict[str, list[SubPolicy]] = {
    "imagenet": [
        (("Posterize", 0.4, 8), ("Rotate", 0.6, 9)),
        (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None)),
        (("Posterize", 0.6, 7), ("Posterize", 0.6, 6)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)),
        (("Equalize", 0.4, None), ("Rotate", 0.8, 8)),
        (("Solarize", 0.6, 3), ("Equalize", 0.6, None)),
        (("Posterize", 0.8, 5), ("Equalize", 1.0, None)),
        (("Rotate", 0.2, 3), ("Solarize", 0.6, 8)),
        (("Equalize", 0.6, None), ("Posterize", 0.4, 6)),
        (("Rotate", 0.8, 8), ("Color", 0.4, 0)),
        (("Rotate", 0.4, 9), ("Equalize", 0.6, None)),
        (("Equalize", 0.0, None), ("Equalize", 0.8, None)),
        (("Invert", 0.6, None), ("Equalize", 1.0, None)),
        (("Color", 0.6, 4), ("Contrast", 1.0, 8)),
        (("Rotate", 0.8, 8), ("Color", 1.0, 2)),
        (("Color", 0.8, 8), ("Solarize", 0.8, 7)),
        (("Sharpness", 0.4, 7), ("Invert", 0.6, None)),
        (("ShearX", 0.6, 5), ("Equalize", 1.0, None)),
        (("Color", 0.4, 0), ("Equalize", 0.6, None)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)),
        (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Invert", 0.6, None), ("Equalize", 1.0, None)),
        (("Color", 0.6, 4), ("Contrast", 1.0, 8)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None)),
    ],
    "cifar10": [
        (("Invert", 0.1, None), ("Contrast", 0.2, 6)),
        (("Rotate", 0.7, 2), ("TranslateX", 0.3, 9)),
        (("Sharpness", 0.8, 1), ("Sharpness", 0.9, 3)),
        (("ShearY", 0.5, 8), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.5, None), ("Equalize", 0.9, None)),
        (("ShearY", 0.2, 7), ("Posterize", 0.3, 7)),
        (("Color", 0.4, 3), ("Brightness", 0.6, 7)),
        (("Sharpness", 0.3, 9), ("Brightness", 0.7, 9)),
        (("Equalize", 0.6, None), ("Equalize", 0.5, None)),
        (("Contrast", 0.6, 7), ("Sharpness", 0.6, 5)),
        (("Color", 0.7, 7), ("TranslateX", 0.5, 8)),
        (("Equalize", 0.3, None), ("AutoContrast", 0.4, None)),
        (("TranslateY", 0.4, 3), ("Sharpness", 0.2, 6)),
        (("Brightness", 0.9, 6), ("Color", 0.2, 8)),
        (("Solarize", 0.5, 2), ("Invert", 0.0, None)),
        (("Equalize", 0.2, None), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.2, None), ("Equalize", 0.6, None)),
        (("Color", 0.9, 9), ("Equalize", 0.6, None)),
        (("AutoContrast", 0.8, None), ("Solarize", 0.2, 8)),
        (("Brightness", 0.1, 3), ("Color", 0.7, 0)),
        (("Solarize", 0.4, 5), ("AutoContrast", 0.9, None)),
        (("TranslateY", 0.9, 9), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.9, None), ("Solarize", 0.8, 3)),
        (("Equalize", 0.8, None), ("Invert", 0.1, None)),
        (("TranslateY", 0.7, 9), ("AutoContrast", 0.9, None)),
    ],
    "svhn": [
        (("ShearX", 0.9, 4), ("Invert", 0.2, None)),
        (("ShearY", 0.9, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.6, None), ("Solarize", 0.6, 6)),
        (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Equalize", 0.6, None), ("Rotate", 0.9, 3)),
        (("ShearX", 0.9, 4), ("AutoContrast", 0.8, None)),
        (("ShearY", 0.9, 8), ("Invert", 0.4, None)),
        (("ShearY", 0.9, 5), ("Solarize", 0.2, 6)),
        (("Invert", 0.9, None), ("AutoContrast", 0.8, None)),
        (("Equalize", 0.6, None), ("Rotate", 0.9, 3)),
        (("ShearX", 0.9, 4), ("Solarize", 0.3, 3)),
        (("ShearY", 0.8, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.9, None), ("TranslateY", 0.6, 6)),
        (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Contrast", 0.3, 3), ("Rotate", 0.8, 4)),
        (("Invert", 0.8, None), ("TranslateY", 0.0, 2)),
        (("ShearY", 0.7, 6), ("Solarize", 0.4, 8)),
        (("Invert", 0.6, None), ("Rotate", 0.8, 4)),
        (("ShearY", 0.3, 7), ("TranslateX", 0.9, 3)),
        (("ShearX", 0.1, 6), ("Invert", 0.6, None)),
        (("Solarize", 0.7, 2), ("TranslateY", 0.6, 7)),
        (("ShearY", 0.8, 4), ("Invert", 0.8, None)),
        (("ShearX", 0.7, 9), ("TranslateY", 0.8, 3)),
        (("ShearY", 0.8, 5), ("AutoContrast", 0.7, None)),
        (("ShearX", 0.7, 2), ("Invert", 0.1, None)),
    ],
}


def magnitude_bins(rule: Rule, num_bins: int, width: int, height: int) -> list[float] | None:
    """The magnitude of each of ``num_bins`` bins for ``rule`` on a ``width``×``height`` image (None: no magnitude).

    Linear rules are ``linspace(low, high, num_bins)`` (ends multiplied by the image width or height for
    translations); posterize rules give ``base − round(i / ((num_bins − 1) / divisions))`` bits (ties to
    even, as ``torch.round``).
    """
    if rule is None:
        return None
    if rule[0] == "linspace":
        _, lo, hi, scale = rule
        f = 1.0 if scale is None else float(width if scale == "width" else height)
        return [float(v) for v in np.linspace(lo * f, hi * f, num_bins)]
    if rule[0] == "posterize":
        _, base, div = rule
        if num_bins == 1:
            return [float(base)]
        return [float(base - np.round(i / ((num_bins - 1) / div))) for i in range(num_bins)]
    raise ValueError(f"unknown magnitude rule {rule!r}")


# --------------------------------------------------------------------------------------------------
# the operations
# --------------------------------------------------------------------------------------------------

def _geometric(image: np.ndarray, inverse_edge: Sequence[float], fill: Any, bilinear: bool) -> np.ndarray:
    h, w = image.shape[:2]
    return warp(image, (w, h), list(inverse_edge), BILINEAR if bilinear else NEAREST, fill)


def shear_matrix(m: float, axis: str) -> list[float]:
    """Forward (source px → output px, pixel-edge coordinates) 3×3 matrix of a shear by factor ``m``
    about the top-left corner: ``x_out = x_in − m·y_in`` (axis "x") or ``y_out = y_in − m·x_in`` ("y")."""
    if axis == "x":
        return [1.0, -m, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    return [1.0, 0.0, 0.0, -m, 1.0, 0.0, 0.0, 0.0, 1.0]


def translate_matrix(dx: float, dy: float) -> list[float]:
    """Forward matrix of a shift of the content by (dx, dy) px."""
    return [1.0, 0.0, float(dx), 0.0, 1.0, float(dy), 0.0, 0.0, 1.0]


def rotate_matrix(degrees: float, width: int, height: int) -> list[float]:
    """Forward matrix of a counter-clockwise rotation by ``degrees`` about the image centre (y down)."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    cx, cy = width / 2.0, height / 2.0
    return [c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy, 0.0, 0.0, 1.0]


def invert_affine(m: Sequence[float]) -> list[float]:
    """Inverse of an affine 3×3 row-major matrix, as 6 coefficients (Pillow's ``transform`` order)."""
    a = np.asarray(m, dtype=np.float64).reshape(3, 3)
    inv = np.linalg.inv(a)
    return [float(v) for v in inv[:2].ravel()]


def warp_forward(image: np.ndarray, forward: Sequence[float], fill: Any = None, bilinear: bool = False) -> np.ndarray:
    """Resample ``image`` through the forward affine ``forward`` (pixel-edge coordinates), same canvas."""
    return _geometric(image, invert_affine(forward), fill, bilinear)


#: the 256 byte values as float32 (read-only), the input of every enhance table
_LEVELS = np.arange(256, dtype=np.float32)
_LEVELS.setflags(write=False)


def _enhance_lut(factor: float, base: float) -> np.ndarray:
    """``clip(base + factor·(v − base))`` truncated to uint8 (torchvision's uint8 blend), in float32: the same three
    correctly rounded operations, written into one temporary."""
    b = np.float32(base)
    t = np.subtract(_LEVELS, b)
    t *= np.float32(factor)
    t += b
    return clipped_table(t)


#: pixels per block of the per-pixel float kernels (:func:`grey`, :func:`color`): a multiple of 64 pixels (and of
#: 64 float32 values), so OpenCV's SIMD loops see the same vector/tail split as on the whole image; small enough for
#: the float32 temporaries to stay in cache instead of being fresh full-image buffers faulted in on every call
_BLOCK = 1 << 16

#: :func:`grey`'s weights as the 1×3 matrix of ``cv2.transform``
_LUMA = np.array([[0.2989, 0.587, 0.114]], dtype=np.float32)


def _pixel_rows(image: np.ndarray) -> np.ndarray:
    """The colour bands of an H×W×C (C ≥ 3) uint8 image as a contiguous (H·W)×1×3 array."""
    h, w = image.shape[:2]
    return np.ascontiguousarray(image[..., :3]).reshape(h * w, 1, 3)


def _luma(rgb: np.ndarray) -> np.ndarray:
    """:func:`grey` of float32 colour values (any shape ending in 3)."""
    return cv2_module().transform(rgb, _LUMA)


def grey(image: np.ndarray) -> np.ndarray:
    """ITU-R 601 luma ``0.2989·R + 0.587·G + 0.114·B`` as float32 (H×W); grey images as they are."""
    if image.ndim == 2 or image.shape[2] < 3:
        band = image if image.ndim == 2 else image[..., 0]
        return band.astype(np.float32)
    h, w = image.shape[:2]
    return _grey_into(image, np.empty((h, w), np.float32))


def _grey_into(image: np.ndarray, out: np.ndarray) -> np.ndarray:
    """:func:`grey` of an H×W×C (C ≥ 3) image written into the C-contiguous float32 H×W ``out``; returns ``out``."""
    h, w = image.shape[:2]
    pixels = _pixel_rows(image)
    flat = out.reshape(h * w, 1)
    cv2 = cv2_module()
    rgb_block = scratch.buffer("grey.rgb", (min(_BLOCK, h * w), 1, 3), np.float32)  # one float block, refilled
    for start in range(0, h * w, _BLOCK):  # each block's luma written straight into ``out`` (no copy)
        rgb = _as_float(pixels[start : start + _BLOCK], rgb_block)
        cv2.transform(rgb, _LUMA, dst=flat[start : start + _BLOCK])
    return out


def _as_float(block: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """``block.astype(np.float32)`` (uint8 values, exact) written into the first rows of ``buffer``."""
    dst = buffer[: len(block)]
    np.copyto(dst, block, casting="unsafe")
    return dst


def brightness_table(factor: float) -> np.ndarray:
    """:func:`brightness`'s 256-entry uint8 table."""
    return _enhance_lut(factor, 0.0)


def brightness(image: np.ndarray, factor: float) -> np.ndarray:
    """Multiply colour values by ``factor`` (≥ 0), clipped to [0, 255] and truncated; alpha kept."""
    return lut(image, brightness_table(factor))


def contrast_table(image: np.ndarray, factor: float) -> np.ndarray:
    """:func:`contrast`'s 256-entry uint8 table for ``image`` (it holds the image's mean grey level)."""
    if not image.size:
        mean = 0.0
    elif image.ndim == 2 or image.shape[2] < 3:
        mean = float(grey(image).mean())
    else:  # the grey plane only feeds the mean: a reused work buffer (the same values, so the same mean)
        mean = float(_grey_into(image, scratch.buffer("contrast.grey", image.shape[:2], np.float32)).mean())
    return _enhance_lut(factor, mean)


def contrast(image: np.ndarray, factor: float) -> np.ndarray:
    """Blend with the mean grey level: ``mean + factor·(v − mean)`` (torchvision ``adjust_contrast``)."""
    return lut(image, contrast_table(image, factor))


def color(image: np.ndarray, factor: float, out: np.ndarray | None = None) -> np.ndarray:
    """Saturation: blend each pixel with its grey level, ``grey + factor·(v − grey)`` (grey floored).

    Per pixel only, so it runs over blocks of :data:`_BLOCK` pixels through three float32 block buffers (per-thread
    work buffers, :mod:`.scratch`): the values of one whole-image pass without fresh float32 temporaries.
    ``out``: a C-contiguous H×W×3 uint8 array to write the result into (it may be ``image`` itself when the caller
    owns it: each block is read before it is written); RGB images only."""
    if image.ndim == 2 or image.shape[2] < 3:
        return image.copy()
    cv2 = cv2_module()
    h, w = image.shape[:2]
    n = h * w
    pixels = _pixel_rows(image)
    res = np.empty((n, 1, 3), np.uint8) if out is None else out.reshape(n, 1, 3)
    alpha, beta = float(factor), 1.0 - float(factor)
    # 0 ≤ factor ≤ 1: a convex blend of values in [0, 255] (grey ≤ 255 too), so the result is ≥ 0 and below 256
    # (a rounding excess over 255 truncates to 255): the clip cannot change a value and is skipped
    convex = 0.0 <= alpha <= 1.0
    size = min(_BLOCK, n)
    rgb_block, g_block, ggg_block = (scratch.buffer("color.rgb", (size, 1, 3), np.float32),
                                     scratch.buffer("color.grey", (size, 1), np.float32),
                                     scratch.buffer("color.grey3", (size, 1, 3), np.float32))
    for start in range(0, n, _BLOCK):
        rgb = _as_float(pixels[start : start + _BLOCK], rgb_block)
        k = len(rgb)
        g = cv2.transform(rgb, _LUMA, dst=g_block[:k])
        np.floor(g, out=g)
        blend = cv2.addWeighted(rgb, alpha, cv2.merge([g, g, g], dst=ggg_block[:k]), beta, 0.0, dst=rgb)
        if not convex:
            np.clip(blend, 0, 255, out=blend)
        res[start : start + k] = blend  # float → uint8 truncates, as astype
    res = res.reshape(h, w, 3)
    if image.shape[2] == 4:
        return np.concatenate([res, image[..., 3:]], axis=-1)
    return res


def sharpness(image: np.ndarray, factor: float) -> np.ndarray:
    """Blend with the 3×3 smoothed image (``ImageEnhance.Sharpness`` / torchvision ``adjust_sharpness``)."""
    return _sharpness(image, factor)


def posterize(image: np.ndarray, bits: int) -> np.ndarray:
    """Keep the ``bits`` (0–8) most significant bits of each colour value."""
    bits = int(min(max(bits, 0), 8))
    mask = (0xFF << (8 - bits)) & 0xFF
    return lut(image, (np.arange(256) & mask).astype(np.uint8))


def solarize(image: np.ndarray, threshold: float) -> np.ndarray:
    """Invert every colour value ≥ ``threshold`` (0–255 scale): ``v ↦ 255 − v``."""
    v = np.arange(256)
    return lut(image, np.where(v >= threshold, 255 - v, v).astype(np.uint8))


#: ``255 − v`` for every byte value (read-only)
_INVERTED = np.arange(255, -1, -1, dtype=np.uint8)
_INVERTED.setflags(write=False)


def invert(image: np.ndarray) -> np.ndarray:
    """``255 − v`` on the colour bands (alpha kept). Without alpha every byte is inverted: one bitwise NOT
    (``~v = 255 − v`` for uint8), a new array."""
    if image.ndim == 2 or image.shape[2] in (1, 3):
        return np.invert(image)
    return lut(image, _INVERTED)


def op_forward_matrix(name: str, magnitude: float, width: int, height: int) -> list[float] | None:
    """The forward pixel-edge matrix of a geometric op (None for photometric ops): what boxes,
    keypoints and masks follow."""
    if name == "ShearX":
        return shear_matrix(magnitude, "x")
    if name == "ShearY":
        return shear_matrix(magnitude, "y")
    if name == "TranslateX":
        return translate_matrix(int(magnitude), 0)
    if name == "TranslateY":
        return translate_matrix(0, int(magnitude))
    if name == "Rotate":
        return rotate_matrix(magnitude, width, height)
    return None


_PHOTOMETRIC: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    "Identity": lambda im, m: im.copy(),
    "Brightness": lambda im, m: brightness(im, 1.0 + m),
    "Color": lambda im, m: color(im, 1.0 + m),
    "Contrast": lambda im, m: contrast(im, 1.0 + m),
    "Sharpness": lambda im, m: sharpness(im, 1.0 + m),
    "Posterize": lambda im, m: posterize(im, int(m)),
    "Solarize": lambda im, m: solarize(im, 255.0 * m),
    "AutoContrast": lambda im, m: histogram.autocontrast(im),
    "Equalize": lambda im, m: histogram.equalize(im),
    "Invert": lambda im, m: invert(im),
}

#: every op name a policy may use
OP_NAMES: tuple[str, ...] = ("Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate",
                             *[k for k in _PHOTOMETRIC if k != "Identity"])


def apply_op(image: np.ndarray, name: str, magnitude: float, fill: Any = None, bilinear: bool = False) -> np.ndarray:
    """Apply the policy op ``name`` with ``magnitude`` (already signed); a new array.

    Args:
        image: uint8 H×W or H×W×C.
        name: one of :data:`OP_NAMES`.
        magnitude: the op's magnitude (shear factor, px, degrees, enhance offset, bits, threshold fraction).
        fill: pixel value of uncovered areas (None: 0).
        bilinear: bilinear instead of nearest resampling for the geometric ops.
    """
    h, w = image.shape[:2]
    fwd = op_forward_matrix(name, magnitude, w, h)
    if fwd is not None:
        return warp_forward(image, fwd, fill, bilinear)
    try:
        op = _PHOTOMETRIC[name]
    except KeyError:
        raise ValueError(f"unknown policy op {name!r}; known: {', '.join(OP_NAMES)}") from None
    return op(image, float(magnitude))


def augment_and_mix(image: np.ndarray, chains: Sequence[Sequence[tuple[str, float]]], chain_weights: Sequence[float],
                    original_weight: float, fill: Any = None, bilinear: bool = True) -> np.ndarray:
    """AugMix's mixture: ``original_weight·image + Σ chain_weights[i]·chain_i(image)``, truncated to uint8.

    Args:
        image: uint8 H×W or H×W×C.
        chains: each chain is a list of (op name, signed magnitude) applied in order to the image.
        chain_weights: one weight per chain (≥ 0; AugMix: Dirichlet weights × (1 − original_weight)).
        original_weight: weight of the unaugmented image (AugMix: m ~ Beta(α, α)).
        fill: pixel value of uncovered areas of geometric ops.
        bilinear: bilinear resampling for geometric ops (torchvision's AugMix default).
    """
    acc = image.astype(np.float32) * np.float32(original_weight)
    for chain, wgt in zip(chains, chain_weights):
        aug = image
        for name, mag in chain:
            aug = apply_op(aug, name, mag, fill, bilinear)
        acc += aug.astype(np.float32) * np.float32(wgt)
    np.clip(acc, 0, 255, out=acc)
    return acc.astype(np.uint8)
