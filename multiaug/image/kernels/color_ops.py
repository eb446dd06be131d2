"""Colour kernels for training pipelines: torchvision-style ColorJitter (with hue), Normalize, ToCHW.

ColorJitter's brightness/contrast/saturation follow torchvision's uint8 blends (clip, truncate); hue is a
rotation of the 8-bit HSV hue channel (``cv2`` full-range HSV, 256 steps per turn), as albumentations
does on uint8 images.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from . import policy_ops
from .backends import cv2_module
from .lut import byte_lut, lut, translate_inplace

JITTER_OPS = ("brightness", "contrast", "saturation", "hue")


#: pixels per row of :func:`_add_to_hue`'s contiguous view (its pattern is 3 × this many bytes)
_HUE_ROW = 256


@functools.lru_cache(maxsize=256)
def _hue_pattern(steps: int) -> np.ndarray:
    """``(steps, 0, 0)`` repeated :data:`_HUE_ROW` times (uint8, read-only)."""
    row = np.zeros((_HUE_ROW, 3), np.uint8)
    row[:, 0] = steps
    row.setflags(write=False)
    return row.reshape(-1)


def _add_to_hue(hsv: np.ndarray, steps: int) -> None:
    """``hsv[..., 0] += steps`` with uint8 wrap-around ((h + steps) mod 256), in place, on a C-contiguous H×W×3 uint8
    array: the bytes as rows of :data:`_HUE_ROW` pixels plus a ``(steps, 0, 0)`` pattern, one contiguous add (the
    strided channel view makes numpy step through every third byte, about 4× slower); identical values."""
    flat = hsv.reshape(-1)
    body = (flat.size // (3 * _HUE_ROW)) * 3 * _HUE_ROW
    rows = flat[:body].reshape(-1, 3 * _HUE_ROW)
    np.add(rows, _hue_pattern(steps), out=rows)
    if body < flat.size:
        tail = flat[body:].reshape(-1, 3)
        tail[:, 0] += np.uint8(steps)


def hue_shift(image: np.ndarray, shift: float, out: np.ndarray | None = None) -> np.ndarray:
    """Rotate the hue by ``shift`` turns (−0.5 … 0.5) of RGB(A) uint8 images; grey images are returned as copies.

    ``out``: a C-contiguous H×W×3 uint8 array to write the result into (it may be ``image`` itself when the caller
    owns it: both colour conversions work per pixel, in place); RGB images only."""
    if image.ndim == 2 or image.shape[2] < 3:
        return image.copy()
    cv2 = cv2_module()
    rgb = np.ascontiguousarray(image[..., :3])
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV_FULL) if out is None else cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV_FULL, dst=out)
    steps = int(round(shift * 256.0)) % 256
    if steps:
        _add_to_hue(hsv, steps)
    res = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB_FULL, dst=hsv)  # per pixel, so in place: no second fresh image
    if image.shape[2] == 4:
        return np.concatenate([res, image[..., 3:]], axis=-1)
    return res


def color_jitter(image: np.ndarray, brightness: float = 1.0, contrast: float = 1.0, saturation: float = 1.0,
                 hue: float = 0.0, order: Sequence[str] = JITTER_OPS) -> np.ndarray:
    """Apply the four adjustments in ``order`` (torchvision draws a random permutation); factors of 1 and
    a hue of 0 are skipped.

    On RGB images the first step writes one new array and every later step changes that array in place (the
    same values as one new array per step, without three more fresh full-size buffers per call).

    Args:
        image: uint8 H×W or H×W×C.
        brightness, contrast, saturation: enhance factors (≥ 0; 1 = unchanged).
        hue: hue rotation in turns (−0.5 … 0.5).
        order: a permutation of :data:`JITTER_OPS`.
    """
    rgb = image.ndim == 3 and image.shape[2] == 3 and image.size > 0  # in-place steps exist for RGB only
    out: np.ndarray | None = None  # the one array this call owns once a step ran
    for op in order:
        src = image if out is None else out
        work = out if rgb else None  # where a step may write: the owned array, never the input
        table = None
        if op == "brightness" and brightness != 1.0:
            table = policy_ops.brightness_table(brightness)
        elif op == "contrast" and contrast != 1.0:
            table = policy_ops.contrast_table(src, contrast)
        elif op == "saturation" and saturation != 1.0:
            out = policy_ops.color(src, saturation, out=work)
        elif op == "hue" and hue != 0.0:
            out = hue_shift(src, hue, out=work)
        if table is not None:
            if not rgb:
                out = lut(src, table)  # colour bands only: alpha is kept
            else:
                out = byte_lut(src, table) if work is None else translate_inplace(work, table)
    return image.copy() if out is None or out is image else out


def _channel_stats(mean: Sequence[float] | float, std: Sequence[float] | float,
                   channels: int) -> tuple[np.ndarray, np.ndarray]:
    """``mean`` and ``std`` broadcast to ``channels`` float64 values; ``ValueError`` for a zero std."""
    m = np.broadcast_to(np.asarray(mean, dtype=np.float64), (channels,))
    s = np.broadcast_to(np.asarray(std, dtype=np.float64), (channels,))
    if np.any(s == 0):
        raise ValueError("std must not contain 0")
    return m, s


@functools.lru_cache(maxsize=64)
def _normalize_table_for(mean: tuple[float, ...] | float, std: tuple[float, ...] | float, max_pixel_value: float,
                         channels: int) -> np.ndarray:
    """The read-only float32 256×C table ``(v / max_pixel_value − mean) / std``."""
    m, s = _channel_stats(mean, std, channels)
    v = np.arange(256, dtype=np.float64)[:, None] / max_pixel_value
    table = np.ascontiguousarray(((v - m[None, :]) / s[None, :]).astype(np.float32))
    table.setflags(write=False)
    return table


def normalize_table(mean: Sequence[float] | float, std: Sequence[float] | float, max_pixel_value: float,
                    channels: int) -> np.ndarray:
    """The read-only float32 256×``channels`` table of :func:`normalize` for uint8 images (mean/std broadcast to the
    channels; ``ValueError`` for a zero std), cached by its arguments: a pipeline's Normalize looks it up once."""
    if type(mean) is tuple and type(std) is tuple:  # a pipeline's Normalize: its own tuples are the cache key
        try:
            return _normalize_table_for(mean, std, float(max_pixel_value), int(channels))
        except TypeError:  # an unhashable element: the general key below
            pass
    return _normalize_table_for(_key(mean), _key(std), float(max_pixel_value), int(channels))


def _key(values: Sequence[float] | float) -> tuple[float, ...] | float:
    """A hashable cache key of a mean/std argument (a number, a list/tuple or an array)."""
    if isinstance(values, (list, tuple)):
        return tuple(float(v) for v in values)
    if isinstance(values, np.ndarray):
        return tuple(float(v) for v in values.reshape(-1)) if values.ndim else float(values)
    return float(values)


def normalize(image: np.ndarray, mean: Sequence[float], std: Sequence[float], max_pixel_value: float = 255.0) -> np.ndarray:
    """``(x / max_pixel_value − mean) / std`` per channel, float32 H×W×C (H×W for grey).

    uint8 inputs go through one ``cv2.LUT`` with a float32 table (one lookup per value, no float image
    temporaries); other dtypes are computed directly.
    """
    c = 1 if image.ndim == 2 else image.shape[2]
    if image.dtype == np.uint8 and c in (1, 3, 4):
        table = normalize_table(mean, std, max_pixel_value, c)
        cv2 = cv2_module()
        src = np.ascontiguousarray(image)
        if c == 1:
            return cv2.LUT(src, table[:, 0].reshape(1, 256)).reshape(image.shape)
        # one multi-band lookup: splitting the bands and merging single-band lookups saves CPU on an idle machine
        # but faults in three more fresh float32 planes per call, which costs more here (shared 2-core VM)
        return cv2.LUT(src, table.reshape(1, 256, c))
    m, s = _channel_stats(mean, std, c)
    x = image.astype(np.float32)
    x /= np.float32(max_pixel_value)
    x -= m.astype(np.float32)
    x /= s.astype(np.float32)
    return x


def to_chw(image: np.ndarray, scale: bool = False) -> np.ndarray:
    """H×W×C (or H×W) → contiguous float32 C×H×W; ``scale`` divides integer images by their dtype's maximum."""
    x = image[..., None] if image.ndim == 2 else image
    out = np.ascontiguousarray(np.transpose(x, (2, 0, 1)), dtype=np.float32)
    if scale and np.issubdtype(image.dtype, np.integer):
        out *= np.float32(1.0 / np.iinfo(image.dtype).max)
    return out
