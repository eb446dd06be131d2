"""Look-up tables over uint8 images: one 256-entry table per byte (colour bands), alpha kept or mapped on its own.

The same values as Pillow's ``Image.point`` with one table per band, at memory speed (StringZilla's SIMD byte
translation, see :mod:`multiaug.image.kernels.backends`).
"""

from __future__ import annotations

import numpy as np

from .backends import stringzilla_module


def byte_lut(arr: np.ndarray, table: np.ndarray) -> np.ndarray:
    """A new C-contiguous array with every byte of the uint8 ``arr`` mapped through the 256-entry ``table``
    (the same values as ``cv2.LUT`` with one table for every band)."""
    out = np.array(arr, dtype=np.uint8, order="C", copy=True)
    if out.size:
        stringzilla_module().translate(memoryview(out.reshape(-1)), memoryview(np.ascontiguousarray(table, np.uint8)),
                                       inplace=True)
    return out


def lut(arr: np.ndarray, colour: np.ndarray, alpha: np.ndarray | None = None) -> np.ndarray:
    """Apply the 256-entry uint8 table ``colour`` to the colour bands and ``alpha`` (default: identity)
    to the alpha band of an L/LA/RGB/RGBA array (same values as Pillow's ``point``).

    One table for every byte goes through :func:`byte_lut`; an alpha band is then copied back (identity) or
    mapped on its own."""
    colour = np.ascontiguousarray(colour, dtype=np.uint8)
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    out = byte_lut(arr, colour)
    if channels in (2, 4):
        if alpha is None:
            out[..., -1] = arr[..., -1]
        else:
            out[..., -1] = np.asarray(alpha, dtype=np.uint8)[arr[..., -1]]
    return out
