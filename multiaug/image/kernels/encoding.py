"""Encoding kernels: a JPEG round trip in memory, for PIL images and for uint8 arrays (the same pixels).

Arrays are encoded by Pillow's encoder from a zero-copy RGBX view of a per-thread work buffer (the same JPEG bytes
as encoding ``Image.fromarray(arr)``, without Pillow's copy of the image) and decoded by OpenCV straight into the
result array when OpenCV's JPEG decoder gives Pillow's bytes: both wrap libjpeg(-turbo) with the same defaults
(integer IDCT, fancy upsampling), which :func:`opencv_decodes_like_pillow` checks once per process on probe
streams from Pillow's encoder (colour and grey, odd sizes, several qualities); otherwise Pillow decodes.
"""

from __future__ import annotations

import functools
import io

import numpy as np
from PIL import Image

from . import scratch
from .backends import cv2_module
from .modes import to_array


def _encode(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=int(quality))
    return buf.getvalue()


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    """Encode ``img`` (L/LA/RGB/RGBA) as JPEG at ``quality`` (0–100) and decode it; alpha is carried over
    unchanged."""
    alpha = img.getchannel("A") if img.mode in ("RGBA", "LA") else None
    base = img.convert("RGB" if img.mode == "RGBA" else "L") if alpha is not None else img
    with Image.open(io.BytesIO(_encode(base, quality))) as decoded:
        out = decoded.copy()  # a plain Image, not a JpegImageFile tied to the buffer
    if alpha is not None:
        out = out.convert(img.mode)
        out.putalpha(alpha)
    return out


def jpeg_roundtrip_array(arr: np.ndarray, quality: int) -> np.ndarray:
    """:func:`jpeg_roundtrip` of an H×W×3 (RGB) or H×W (L) uint8 array, as a new array: the same pixels as the
    round trip of the PIL image (see the module docstring)."""
    h, w = arr.shape[:2]
    src = np.ascontiguousarray(arr)
    if arr.ndim == 3:
        cv2 = cv2_module()
        rgbx = scratch.buffer("encoding.rgbx", (h, w, 4), np.uint8)
        cv2.cvtColor(src, cv2.COLOR_RGB2RGBA, dst=rgbx)
        img = Image.frombuffer("RGBX", (w, h), rgbx, "raw", "RGBX", 0, 1)  # Pillow's own layout: no copy
    else:
        img = Image.frombuffer("L", (w, h), src, "raw", "L", 0, 1)
    return decode_jpeg(_encode(img, quality), arr.shape)


def decode_jpeg(data: bytes, shape: tuple[int, ...]) -> np.ndarray:
    """Decode a JPEG stream made by Pillow's encoder into a new uint8 array of ``shape`` (H×W×3 RGB or H×W L), with
    Pillow's decoded bytes."""
    if opencv_decodes_like_pillow():
        out = _opencv_decode(data, len(shape) == 2)
        if out is not None and out.shape == tuple(shape):
            return out
    with Image.open(io.BytesIO(data)) as decoded:
        decoded.load()
        return np.array(to_array(decoded))


def _opencv_decode(data: bytes, grey: bool) -> np.ndarray | None:
    cv2 = cv2_module()
    flags = (cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR) | cv2.IMREAD_IGNORE_ORIENTATION
    out = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if out is None or grey:
        return out
    return cv2.cvtColor(out, cv2.COLOR_BGR2RGB, dst=out)  # per pixel: in place


def _probe(h: int, w: int, channels: int) -> np.ndarray:
    """A deterministic uint8 test pattern with edges, gradients and fine detail."""
    y, x, c = np.meshgrid(np.arange(h), np.arange(w), np.arange(channels), indexing="ij")
    arr = (x * 37 + y * 101 + c * 59 + (x * y) % 97 + ((x // 5 + y // 3) % 2) * 120) % 256
    return arr.astype(np.uint8).reshape((h, w) if channels == 1 else (h, w, channels))


@functools.cache
def opencv_decodes_like_pillow() -> bool:
    """Whether OpenCV decodes Pillow's JPEG streams to Pillow's own bytes here (checked once per process on probes:
    RGB and grey, odd sizes, qualities 5, 50, 95 and 100)."""
    try:
        for h, w, channels in ((37, 53, 3), (16, 16, 3), (29, 41, 1)):
            probe = _probe(h, w, channels)
            for quality in (5, 50, 95, 100):
                data = _encode(Image.fromarray(probe), quality)
                with Image.open(io.BytesIO(data)) as decoded:
                    want = np.asarray(decoded)
                got = _opencv_decode(data, channels == 1)
                if got is None or not np.array_equal(got, want):
                    return False
    except Exception:  # an OpenCV without a JPEG codec: Pillow decodes
        return False
    return True
