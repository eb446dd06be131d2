"""Compositing kernels: masks read as grey levels, and blending a transformed image into the original through one."""

from __future__ import annotations

from PIL import Image

from ...core.errors import UnsupportedInputError
from .modes import working


def as_mask(m: Image.Image) -> Image.Image:
    """``m`` as a mask: modes "1" and "L" as they are, an image with alpha by its alpha band, others as L."""
    if m.mode not in ("1", "L"):
        return m.getchannel("A") if "A" in m.getbands() else m.convert("L")
    return m


def mask_fraction(mask: Image.Image) -> float:
    """Share of the mask's pixels that are not 0 (in [0, 1])."""
    hist = mask.convert("L").histogram()
    return 1.0 - hist[0] / float(mask.width * mask.height)


def blend_with_mask(transformed: Image.Image, image: Image.Image, mask: Image.Image) -> Image.Image:
    """``Image.composite(transformed, image, mask)``: 255 takes the transformed pixel, 0 keeps the original, values
    between blend; both in a common mode (the original's, or its working mode)."""
    if transformed.size != image.size:
        raise UnsupportedInputError(
            f"masked_composite: argument 'transform_function' must keep the image size {image.size} when a mask "
            f"is given, got {transformed.size}"
        )
    base = image
    if transformed.mode != base.mode or base.mode not in ("L", "LA", "RGB", "RGBA", "CMYK", "1"):
        base = working(base)
        transformed = transformed.convert(base.mode)
    return Image.composite(transformed, base, mask)
