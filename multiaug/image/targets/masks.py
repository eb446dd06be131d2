"""Segmentation masks: validation, the fill value, what a caller gets back.

A mask is an H×W or H×W×K array of any numeric or bool dtype (a label map, a one-hot stack, a soft mask) with the
image's height and width, or a PIL image (mode 1, L, P, I, F…: returned as a PIL image of the same mode, palette
kept). Masks move with the image by the augmentation's mask rule (:mod:`multiaug.image.targets.mask_rules`):
resampled nearest by the same geometry, never interpolated; pixels no source pixel reaches get ``mask_fill``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError

#: how a PIL mask is rebuilt: (mode, palette) or None for an array
MaskKind = tuple[str, list[int] | None] | None


def validate_masks(masks: Any, where: str) -> tuple[list[np.ndarray], list[MaskKind]]:
    """The masks as arrays (no copies) and how to give each back (None: an array; (mode, palette): a PIL image)."""
    if isinstance(masks, (np.ndarray, Image.Image)) or not isinstance(masks, (list, tuple)):
        raise InvalidParameterError(f"{where}: argument 'masks' must be a list of masks (H×W or H×W×K arrays or PIL "
                                    f"images), got {type(masks).__name__}; pass masks=[mask] for one mask",
                                    argument="masks")
    arrays: list[np.ndarray] = []
    kinds: list[MaskKind] = []
    for i, m in enumerate(masks):
        kind: MaskKind = None
        if isinstance(m, Image.Image):
            palette = m.getpalette() if m.mode == "P" else None
            kind = (m.mode, palette)
            m = np.asarray(m)
        if not isinstance(m, np.ndarray) or m.ndim not in (2, 3) or m.dtype.kind not in "biuf" or 0 in m.shape:
            got = f"shape {m.shape}, dtype {m.dtype}" if isinstance(m, np.ndarray) else type(m).__name__
            raise InvalidParameterError(f"{where}: masks[{i}] must be a non-empty H×W or H×W×K array of numbers or "
                                        f"bools (or a PIL image), got {got}", argument="masks")
        arrays.append(m)
        kinds.append(kind)
    return arrays, kinds


def check_fill(fill: Any, masks: list[np.ndarray], where: str) -> float:
    """``mask_fill`` as a number every mask's dtype holds exactly."""
    if isinstance(fill, bool) or not isinstance(fill, (int, float, np.number)) or not math.isfinite(float(fill)):
        raise InvalidParameterError(f"{where}: argument 'mask_fill' must be a finite number, got {fill!r}",
                                    argument="mask_fill")
    for i, m in enumerate(masks):
        kind = m.dtype.kind
        ok = True
        if kind == "b":
            ok = float(fill) in (0.0, 1.0)
        elif kind in "iu":
            info = np.iinfo(m.dtype)
            ok = float(fill).is_integer() and info.min <= fill <= info.max
        if not ok:
            raise InvalidParameterError(f"{where}: mask_fill={fill!r} does not fit masks[{i}] (dtype {m.dtype})",
                                        argument="mask_fill")
    return fill


def check_size(masks: list[np.ndarray], width: int, height: int, where: str) -> None:
    """Every mask must have the image's height and width."""
    for i, m in enumerate(masks):
        if m.shape[:2] != (height, width):
            raise InvalidParameterError(f"{where}: masks[{i}] is {m.shape[1]}x{m.shape[0]} (W×H), the image is "
                                        f"{width}x{height}: masks must have the image's size", argument="masks")


def deliver(masks: list[np.ndarray], kinds: list[MaskKind]) -> list[Any]:
    """The masks a caller gets back, each in the form it was given (array or PIL image of the same mode)."""
    out: list[Any] = []
    for m, kind in zip(masks, kinds):
        if kind is None:
            out.append(m)
            continue
        mode, palette = kind
        img = Image.fromarray(np.ascontiguousarray(m))
        if mode == "P":
            img.putpalette(palette or [])
        elif img.mode != mode:
            img = img.convert(mode)
        out.append(img)
    return out


def summary(masks: list[np.ndarray]) -> list[dict[str, Any]]:
    """What a record keeps of the masks: shape and dtype of each (the pixels are re-made on replay)."""
    return [{"shape": list(m.shape), "dtype": str(m.dtype)} for m in masks]
