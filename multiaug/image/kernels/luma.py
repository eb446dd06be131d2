"""Pillow's L (grey) conversion of RGB(A) uint8 arrays, exactly, in blocks of rows.

Pillow's L is ``(19595·R + 38470·G + 7471·B + 2¹⁵) >> 16`` per pixel. Each block is padded to 4 bytes per pixel
with ``cv2.cvtColor`` into a per-thread work buffer (:mod:`multiaug.image.kernels.scratch`: no fresh pages per
call), wrapped without a copy as an RGBX image (Pillow's own pixel layout) and converted by Pillow's own routine:
faster than letting Pillow unpack 3-byte pixels. OpenCV's ``COLOR_RGB2GRAY`` is not used: its 14-bit
weights differ from Pillow's on about 0.1 % of the RGB cube (by 1 level).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PIL import Image

from . import scratch
from .backends import cv2_module
from .modes import to_array

#: bytes of the padded (4 bytes per pixel) work buffer of one block: a 1024×768 photo is one block (one Pillow
#: call; per-block call overhead outweighs cache effects here), larger images are cut into blocks of this size
BLOCK_BYTES = 4 << 20


def block_rows(width: int) -> int:
    """Rows per block of an image ``width`` pixels wide (at least 1)."""
    return max(1, BLOCK_BYTES // (4 * max(1, width)))


def luma_rows(rgb: np.ndarray, padded: np.ndarray | None = None) -> np.ndarray:
    """Pillow's L of an H×W×3 (or H×W×4: the first three bands) uint8 array as a read-only H×W uint8 array;
    ``padded``: an optional C-contiguous H×W×4 uint8 work buffer for the pixels padded to 4 bytes."""
    cv2 = cv2_module()
    h, w = rgb.shape[:2]
    src = rgb if rgb.shape[2] == 3 and rgb.flags.c_contiguous else np.ascontiguousarray(rgb[..., :3])
    rgbx = cv2.cvtColor(src, cv2.COLOR_RGB2RGBA, dst=padded)
    return to_array(Image.frombuffer("RGBX", (w, h), rgbx, "raw", "RGBX", 0, 1).convert("L"))


def luma_blocks(rgb: np.ndarray, rows: int | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """``(first row, Pillow's L of the block)`` for consecutive blocks of ``rows`` rows (default
    :func:`block_rows`) of an H×W×3/4 uint8 array
    (one per-thread work buffer, :mod:`multiaug.image.kernels.scratch`, for every block; each L block is read-only;
    consume one generator before starting another in the same thread)."""
    h, w = rgb.shape[:2]
    if not h * w:
        return
    rows = min(rows or block_rows(w), h)
    padded = scratch.buffer("luma.padded", (rows, w, 4), np.uint8)
    for y in range(0, h, rows):
        n = min(rows, h - y)
        yield y, luma_rows(rgb[y:y + n], padded[:n])


def luma_plane(rgb: np.ndarray) -> np.ndarray:
    """Pillow's L of an H×W×3 (or H×W×4: the first three bands) uint8 array, as a new H×W uint8 array."""
    out = np.empty(rgb.shape[:2], np.uint8)
    for y, grey in luma_blocks(rgb):
        out[y:y + grey.shape[0]] = grey
    return out


def luma_sum(rgb: np.ndarray) -> int:
    """The sum of Pillow's L over an H×W×3/4 uint8 array (no full grey plane is made)."""
    cv2 = cv2_module()
    return int(sum(cv2.sumElems(grey)[0] for _, grey in luma_blocks(rgb)))
