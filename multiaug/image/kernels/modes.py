"""Pillow modes and the working forms of image kernels: which mode a kernel works in, how a mode's pixels look as
an array, and colours expressed in a mode.

Working modes are L, LA, RGB and RGBA (every Pillow operation supports them); as arrays they are uint8 H×W (L),
H×W×2 (LA), H×W×3 (RGB) and H×W×4 (RGBA). The modality converts results back to the caller's mode.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image


#: high-bit-depth Pillow modes and the dtype of their working arrays (H×W): I;16 → uint16, I → float64 (exact for
#: |v| < 2**53; OpenCV has no int32 filters), F → float32
DEEP_DTYPES = {"I;16": np.uint16, "I": np.float64, "F": np.float32}
_DEEP_BY_DTYPE = {np.dtype(np.uint16): "I;16", np.dtype(np.float64): "I", np.dtype(np.float32): "F"}


def mode_of(arr: np.ndarray) -> str:
    """The Pillow mode of a working-mode array: L (H×W), LA, RGB or RGBA; for the H×W working arrays of
    high-bit-depth images (:data:`DEEP_DTYPES`) I;16 (uint16), I (float64) or F (float32)."""
    if arr.ndim == 2:
        return _DEEP_BY_DTYPE.get(arr.dtype, "L")
    return ("L", "LA", "RGB", "RGBA")[arr.shape[2] - 1]


def to_deep(arr: np.ndarray, mode: str) -> np.ndarray:
    """A working array back in high-bit-depth ``mode``'s dtype: rounded and clipped to its range (I;16 → uint16,
    I → int32), float32 for F."""
    if mode == "F":
        return arr.astype(np.float32)
    lo, hi, dtype = (0, 65535, np.uint16) if mode == "I;16" else (-(2**31), 2**31 - 1, np.int32)
    if arr.dtype.kind == "f":
        arr = np.rint(arr)
    return np.clip(arr, lo, hi).astype(dtype)


#: modes Pillow reaches only from one other mode (premultiplied alpha): converted through it
_VIA = {"La": "LA", "RGBa": "RGBA", "PA": "RGBA"}


def convert_mode(img: Image.Image, mode: str) -> Image.Image:
    """``img.convert(mode)``, through the straight-alpha mode when Pillow has no direct conversion from or to a
    premultiplied one (L → La goes L → LA → La; La → RGB goes La → LA → RGB)."""
    try:
        return img.convert(mode)
    except ValueError:
        src_via, dst_via = _VIA.get(img.mode), _VIA.get(mode)
        if src_via is not None and src_via != mode:
            return convert_mode(img.convert(src_via), mode)
        if dst_via is not None and dst_via != img.mode:
            return img.convert(dst_via).convert(mode)
        raise


_NATIVE = ("L", "LA", "RGB", "RGBA")


def working(img: Image.Image) -> Image.Image:
    """``img`` in a mode every Pillow operation supports: L, LA, RGB or RGBA.

    P (with transparency) → RGBA, P → RGB, 1/I/F → L, CMYK/YCbCr/LAB/HSV → RGB, PA/RGBa → RGBA.
    The modality converts the result back to the caller's mode.
    """
    mode = img.mode
    if mode in _NATIVE:
        return img
    if mode == "P":
        return img.convert("RGBA" if "transparency" in img.info else "RGB")
    if mode in ("PA", "RGBa", "RGBX"):
        return img.convert("RGBA" if mode != "RGBX" else "RGB")
    if mode == "La":
        return img.convert("LA")
    if mode in ("1",) or mode.startswith("I") or mode == "F":
        return img.convert("L")
    return img.convert("RGBA" if "A" in img.getbands() else "RGB")


def fill_for(mode: str, color: Any) -> Any:
    """The pixel value of the RGB(A) ``color`` in ``mode`` (e.g. its luminance for "L").

    High-bit-depth modes get the luminance scaled to their range: ×257 for I;16 and I (0–255 → 0–65535),
    ÷255 for F (0–1)."""
    if mode in DEEP_DTYPES:
        lum = fill_for("L", color)
        return lum / 255.0 if mode == "F" else lum * 257
    rgb = tuple(int(v) for v in color[:3])
    alpha = int(color[3]) if len(color) == 4 else 255
    if mode == "RGB":
        return rgb
    if mode == "RGBA":
        return (*rgb, alpha)
    probe = Image.new("RGBA", (1, 1), (*rgb, alpha)).convert(mode)
    return probe.getpixel((0, 0))


_BANDS = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}


def to_array(img: Image.Image) -> np.ndarray:
    """A read-only uint8 array of an L/LA/RGB/RGBA image (H×W or H×W×C); other modes via ``np.asarray``.

    ``np.asarray(img)`` goes through ``Image.tobytes``, which packs the image in 64 KiB chunks and joins
    them (about 4 ms for a 1024×768 RGB photo on the benchmark machine); packing it in one buffer with
    the same raw encoder takes about 0.3 ms. Any failure falls back to ``np.asarray``.
    """
    bands = _BANDS.get(img.mode)
    if bands is None:
        return np.asarray(img)
    w, h = img.size
    try:
        enc = Image._getencoder(img.mode, "raw", img.mode)
        enc.setimage(img.im, (0, 0, w, h))
        try:
            _, err, data = enc.encode(w * h * bands + 16)
        finally:
            enc.cleanup()
    except Exception:  # a Pillow without this encoder interface
        return np.asarray(img)
    if err != 1 or len(data) != w * h * bands:
        return np.asarray(img)
    return np.frombuffer(data, np.uint8).reshape((h, w) if bands == 1 else (h, w, bands))


def has_alpha(image: Image.Image) -> bool:
    """True when the image carries transparency (:func:`working_copy` then gives RGBA)."""
    return image.mode in ("RGBA", "LA", "PA", "La") or (image.mode == "P" and "transparency" in image.info)


def working_copy(image: Image.Image) -> Image.Image:
    """A new RGB or RGBA image to draw on (RGBA when the input has transparency)."""
    if image.mode in ("RGB", "RGBA"):
        return image.copy()
    return convert_mode(image, "RGBA" if has_alpha(image) else "RGB")


def array_fill(image: np.ndarray, color: Any) -> Any:
    """:func:`fill_for` the working mode of a uint8 array (None stays None: the kernel's own default, black)."""
    return None if color is None else fill_for(mode_of(image), color)
