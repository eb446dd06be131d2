"""Look-up tables over uint8 images: one 256-entry table per byte (colour bands), alpha kept or mapped on its own,
or one table per band.

The same values as Pillow's ``Image.point`` / ``cv2.LUT``, at memory speed (StringZilla's SIMD byte translation,
see :mod:`multiaug.image.kernels.backends`): one table over a 1024×768 RGB image takes about 0.1 ms where
``cv2.LUT`` takes about 1.2 ms (one thread, the benchmark machine); distinct per-band tables use ``cv2.LUT``.
"""

from __future__ import annotations

import functools

import numpy as np

from .backends import cv2_module, stringzilla_module


def byte_lut(arr: np.ndarray, table: np.ndarray) -> np.ndarray:
    """A new C-contiguous array with every byte of the uint8 ``arr`` mapped through the 256-entry ``table``
    (the same values as ``cv2.LUT`` with one table for every band)."""
    if not arr.flags.c_contiguous or not arr.size or not _translate_takes_out():
        return translate_inplace(np.array(arr, dtype=np.uint8, order="C", copy=True), table)
    out = np.empty(arr.shape, np.uint8)  # translated straight into a fresh array: no copy pass first
    stringzilla_module().translate(memoryview(arr.reshape(-1)), memoryview(np.ascontiguousarray(table, np.uint8)),
                                   out=memoryview(out.reshape(-1)))
    return out


@functools.cache
def _translate_takes_out() -> bool:
    """Whether this StringZilla's ``translate`` writes into a given buffer (``out=``, newer than 5.0.0, the floor)."""
    probe = np.zeros(4, np.uint8)
    try:
        stringzilla_module().translate(memoryview(probe), memoryview(np.arange(256, dtype=np.uint8)),
                                       out=memoryview(np.empty(4, np.uint8)))
    except (TypeError, SystemError):  # 5.0.0 raises SystemError (its TypeError as the cause)
        return False
    return True


def clipped_table(values: np.ndarray) -> np.ndarray:
    """A uint8 table from float ``values``: clipped to [0, 255] and truncated (``np.clip(values, 0, 255)
    .astype(np.uint8)``, with two in-place ufuncs instead of ``np.clip``'s slower dispatch; ``values`` is reused)."""
    np.maximum(values, _ZERO, out=values)
    np.minimum(values, _TOP, out=values)
    return values.astype(np.uint8)


#: the bounds of :func:`clipped_table` as float32 scalars (a Python int makes numpy resolve a mixed-type loop per call)
_ZERO, _TOP = np.float32(0.0), np.float32(255.0)


def translate_inplace(arr: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Map every byte of the C-contiguous uint8 ``arr`` through the 256-entry ``table`` in place; returns ``arr``.

    Only for arrays the caller owns (a fresh copy or an intermediate result): the input of a kernel is never
    modified."""
    if arr.size:
        stringzilla_module().translate(memoryview(arr.reshape(-1)), memoryview(np.ascontiguousarray(table, np.uint8)),
                                       inplace=True)
    return arr


def band_luts(arr: np.ndarray, tables: list[np.ndarray]) -> np.ndarray:
    """A new array with band ``i`` of the uint8 H×W or H×W×C ``arr`` mapped through ``tables[i]`` (256 entries);
    bands without a table are copied unchanged. Same values as ``cv2.LUT`` with a multi-band table.

    One band, or one table shared by every band, is one :func:`byte_lut`; distinct tables go through one
    ``cv2.LUT`` call (splitting the bands and translating each allocates three more full-size planes, whose
    page faults cost more than the lookup in a fresh process)."""
    if arr.ndim == 2:
        return byte_lut(arr, tables[0]) if tables else np.array(arr, order="C", copy=True)
    c = arr.shape[2]
    tabs = [np.ascontiguousarray(t, dtype=np.uint8) for t in tables[:c]]
    if len(tabs) == c and all(np.array_equal(t, tabs[0]) for t in tabs[1:]):
        return byte_lut(arr, tabs[0])
    full = tabs + [np.arange(256, dtype=np.uint8)] * (c - len(tabs))
    if c in (3, 4) and arr.size:
        return cv2_module().LUT(np.ascontiguousarray(arr), np.stack(full, axis=-1).reshape(1, 256, c))
    out = np.array(arr, order="C", copy=True)
    for i, t in enumerate(tabs):
        out[..., i] = t[arr[..., i]]
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


def translate_into(arr: np.ndarray, table: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Map every byte of the C-contiguous uint8 ``arr`` through the 256-entry uint8 ``table`` into ``out`` (a
    C-contiguous uint8 array of the same shape, owned by the caller; it may be ``arr`` itself); returns ``out``."""
    if not arr.size:
        return out
    if out is arr or not _translate_takes_out():
        if out is not arr:
            np.copyto(out, arr)
        return translate_inplace(out, table)
    stringzilla_module().translate(memoryview(arr.reshape(-1)), memoryview(np.ascontiguousarray(table, np.uint8)),
                                   out=memoryview(out.reshape(-1)))
    return out
