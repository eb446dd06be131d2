"""Pillow's blend of an RGB image with its own grey plane (``ImageEnhance.Color``, saturation), exactly, with byte
operations instead of float maths.

Pillow computes, per byte, ``L + factor·(c − L)`` in C ``float`` (``ImagingBlend``: one float32 product, one float32
sum), clips to [0, 255] and truncates; ``L`` is the pixel's grey level (Pillow's L conversion), ``c`` one of its
colour values. The result depends only on the pair (L, c): a 256×256 table per factor, :func:`blend_table`.

Applying a 2-D table per byte has no fast primitive, so :func:`grey_blend` splits it by the sign of ``c − L``:

* ``c ≥ L``: ``min(255, L + up[|c − L|])``, plus 1 where ``L > up_from[|c − L|]``;
* ``c < L``: ``max(0, L − down[|c − L|])``, plus 1 where ``L > down_from[|c − L|]``.

``up``/``down`` are the truncated float32 products; the "+1" is where the float32 sum rounds up to the next integer
(the sum's precision falls as L grows, so for each ``|c − L|`` it happens above one grey level). The four 256-entry
tables come from the exact table, and the split form is checked against it on all 65 536 pairs before use
(:func:`split_tables`); a factor whose table does not have that form falls back to the float32 maths itself
(:func:`float_blend`, the same values, about 3× slower). Every step is then a uint8 OpenCV operation or a byte
look-up (:mod:`multiaug.image.kernels.lut`) over the image's bytes.
"""

from __future__ import annotations

import functools

import numpy as np

from . import scratch
from .backends import cv2_module
from .luma import luma_rows
from .lut import translate_into

_LEVELS = np.arange(256, dtype=np.int16)
_LEVELS_F32 = _LEVELS.astype(np.float32)
_GREY_COLUMN = _LEVELS[:, None]


def blend_table(factor: float) -> np.ndarray:
    """The 256×256 uint8 table ``[L, c]`` of Pillow's ``ImagingBlend(L, c, factor)`` (float32 maths, clip, truncate),
    for ``factor`` ≥ 0."""
    grey = _LEVELS_F32[:, None]
    diff = _LEVELS_F32[None, :] - grey  # exact in float32
    value = grey + diff * np.float32(factor)
    np.clip(value, 0, 255, out=value)
    return value.astype(np.uint8)


@functools.lru_cache(maxsize=128)
def split_tables(factor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """``(up, up_from, down, down_from)`` (uint8, 256 entries each, read-only) of :func:`grey_blend`'s split form for
    ``factor``, or None when that form does not reproduce Pillow's value (:func:`blend_table`) on every (L, c) pair.

    Computed in (L, gap) coordinates: ``c = L ± gap``, Pillow's value ``L + float32(factor · ±gap)``."""
    grey = _GREY_COLUMN
    gap = _LEVELS
    tables = []
    for sign in (1, -1):
        prod = (_LEVELS_F32 * np.float32(sign)) * np.float32(factor)  # float32(factor · (c − L)), as Pillow
        value = grey.astype(np.float32) + prod[None, :]
        np.clip(value, 0, 255, out=value)
        val = value.astype(np.int16)  # [L, gap]: Pillow's result for c = L ± gap
        ok = (grey + gap <= 255) if sign > 0 else ((grey >= gap) & (gap >= 1))
        if sign > 0:
            step_table = val[0].copy()  # at L = 0 the sum is the product itself: no rounding
            base = np.minimum(grey + step_table, 255)
        else:
            step_table = np.minimum(-np.floor(prod.astype(np.float64)), 255).astype(np.int16)
            base = np.maximum(grey - step_table, 0)
        step = val - base
        plus = ok & (step != 0)
        # the last valid grey level (per gap) that needs no +1, or just below the first valid one
        keep = np.where(ok & (step == 0), grey, -1).max(axis=0)
        first = np.where(ok, grey, 256).min(axis=0)
        start = np.where(keep >= 0, keep, np.maximum(first - 1, 0))
        start = np.where(plus.any(axis=0), start, 255)  # 255: never (no grey level is above it)
        predicted = np.minimum(base + (grey > start[None, :]), 255)
        if not np.array_equal(predicted[ok], val[ok]):
            return None
        tables += [step_table, start]
    out = []
    for t in tables:
        arr = np.ascontiguousarray(t, dtype=np.uint8)
        arr.setflags(write=False)
        out.append(arr)
    return out[0], out[1], out[2], out[3]


def float_blend(colour: np.ndarray, grey3: np.ndarray, factor: float) -> np.ndarray:
    """The blend of two same-shape uint8 arrays (``grey3`` = L per byte) in float32 as Pillow computes it: exact
    ``c − L``, float32 product and sum, clip, truncate. The fallback of :func:`grey_blend`."""
    cv2 = cv2_module()
    work = cv2.subtract(colour, grey3, dtype=cv2.CV_32F)
    np.multiply(work, np.float32(factor), out=work)
    work = cv2.add(work, grey3, dtype=cv2.CV_32F)
    if not 0.0 <= factor <= 1.0:
        np.clip(work, 0, 255, out=work)
    return work.astype(np.uint8)  # a truncating cast (OpenCV's conversions round)


#: rows per block of :func:`grey_blend`: its work planes stay small (cache-resident) and are reused per thread
BLOCK_ROWS = 256


def _plus_one_above(base: np.ndarray, grey3: np.ndarray, gap: np.ndarray, start: np.ndarray,
                    work: np.ndarray) -> None:
    """``base += 1`` (saturating) where ``grey3 > start[gap]``, in place; ``work`` (same shape, owned by the
    caller; it may be ``gap`` after gap's last use) is overwritten."""
    cv2 = cv2_module()
    translate_into(gap, start, work)
    cv2.compare(grey3, work, cv2.CMP_GT, dst=work)
    cv2.bitwise_and(work, 1, dst=work)
    cv2.add(base, work, dst=base)


def grey_blend(colour: np.ndarray, grey: np.ndarray | None, factor: float, out: np.ndarray | None = None) -> np.ndarray:
    """Pillow's ``Image.blend(grey image, colour image, factor)`` for an H×W×3 uint8 ``colour`` (C-contiguous) and
    its H×W uint8 grey plane ``grey`` (None: Pillow's L of ``colour``, made block by block), ``factor`` ≥ 0: the same
    bytes as Pillow (see the module docstring). Works on blocks of :data:`BLOCK_ROWS` rows with block-sized work
    buffers (:mod:`multiaug.image.kernels.scratch`).

    ``out``: a C-contiguous H×W×3 uint8 array to write into (it may be ``colour`` itself when the caller owns it);
    by default a new array. Returns the result."""
    cv2 = cv2_module()
    h, w = colour.shape[:2]
    if out is None:
        out = np.empty(colour.shape, np.uint8)
    if not out.size:
        return out
    flat, dst_all = colour.reshape(h, w * 3), out.reshape(h, w * 3)  # a byte per column: masks are single-channel
    tables = split_tables(float(factor))
    rows = min(BLOCK_ROWS, h)
    grey3, gap, falling, below, spare = (scratch.buffer(f"grey_blend.{name}", (rows, w * 3), np.uint8)
                                         for name in ("grey3", "gap", "falling", "below", "spare"))
    padded = scratch.buffer("grey_blend.padded", (rows, w, 4), np.uint8) if grey is None else None
    for y in range(0, h, rows):
        n = min(rows, h - y)
        g3, gp, fl, lt, dst, src = grey3[:n], gap[:n], falling[:n], below[:n], dst_all[y:y + n], flat[y:y + n]
        block = luma_rows(colour[y:y + n], padded[:n]) if padded is not None else grey[y:y + n]
        cv2.cvtColor(block, cv2.COLOR_GRAY2RGB, dst=g3.reshape(n, w, 3))
        if tables is None:
            dst[...] = float_blend(src, g3, factor)
            continue
        up, up_from, down, down_from = tables
        cv2.compare(src, g3, cv2.CMP_LT, dst=lt)
        cv2.absdiff(src, g3, dst=gp)  # the last read of src: dst may be the same memory
        translate_into(gp, down, fl)
        cv2.subtract(g3, fl, dst=fl)  # c < L: max(0, L − down[gap])
        translate_into(gp, up, dst)
        cv2.add(dst, g3, dst=dst)  # c ≥ L: min(255, L + up[gap])
        if up_from.min() < 255:
            _plus_one_above(dst, g3, gp, up_from, spare[:n])
        if down_from.min() < 255:
            _plus_one_above(fl, g3, gp, down_from, gp)  # gap's last use
        cv2.copyTo(fl, lt, dst)
    return out
