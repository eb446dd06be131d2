"""Encoding kernels: a JPEG round trip in memory."""

from __future__ import annotations

import io

from PIL import Image


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    """Encode ``img`` (L/LA/RGB/RGBA) as JPEG at ``quality`` (0–100) and decode it; alpha is carried over
    unchanged."""
    alpha = img.getchannel("A") if img.mode in ("RGBA", "LA") else None
    base = img.convert("RGB" if img.mode == "RGBA" else "L") if alpha is not None else img
    buf = io.BytesIO()
    base.save(buf, format="JPEG", quality=int(quality))
    buf.seek(0)
    with Image.open(buf) as decoded:
        out = decoded.copy()  # a plain Image, not a JpegImageFile tied to the buffer
    if alpha is not None:
        out = out.convert(img.mode)
        out.putalpha(alpha)
    return out
