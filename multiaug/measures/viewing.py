"""What a viewer sees: transparent images composited onto a background before they are hashed or compared.

A pixel with alpha 0 is invisible, whatever its colour channels hold, and augmentations are free to change those
hidden values (``pixelization`` averages them, a PNG optimiser zeroes them). A fingerprint or a similarity measure
that reads the colour channels of an RGBA image directly reports changes no viewer can see — false misses. The
image measures (:mod:`multiaug.measures.phash`, :mod:`multiaug.measures.ssim`) — hence the robustness measures,
the built-in image adapters and the near-duplicate hashes of ``expand`` — therefore composite every image with
transparency (modes RGBA, LA, PA, RGBa, La, and P / L / RGB with a ``transparency`` key) onto a background first,
by default white (what a browser shows on a white page). Images without transparency pass through unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from PIL import Image, ImageColor

from ..core.errors import InvalidParameterError
from ..media.io import as_pil

#: the default background: white
WHITE: tuple[int, int, int] = (255, 255, 255)
_ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")


def parse_background(value: Any) -> tuple[int, int, int]:
    """An ``(r, g, b)`` tuple of ints in 0–255 from a colour name (``"white"``, ``"black"``, any CSS name Pillow
    knows), ``"#rrggbb"``, an ``(r, g, b)`` sequence or a grey level int.

    Args:
        value: the colour.

    Raises:
        InvalidParameterError: for anything else (argument ``background``).
    """
    if isinstance(value, str):
        text = value.strip()
        if _HEX.match(text) and not text.startswith("#"):
            text = "#" + text
        try:
            rgb = ImageColor.getrgb(text)
        except ValueError:
            raise InvalidParameterError(f"argument 'background' must be a colour name, '#rrggbb' or (r, g, b), got "
                                        f"{value!r}", argument="background") from None
        return (int(rgb[0]), int(rgb[1]), int(rgb[2]))
    if isinstance(value, bool):
        raise InvalidParameterError(f"argument 'background' must be a colour, got {value!r}", argument="background")
    if isinstance(value, int):
        value = (value, value, value)
    if (isinstance(value, (tuple, list)) and len(value) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in value)):
        return (int(value[0]), int(value[1]), int(value[2]))
    raise InvalidParameterError(f"argument 'background' must be a colour name, '#rrggbb' or (r, g, b) ints in 0–255, "
                                f"got {value!r}", argument="background")


def has_transparency(image: Image.Image) -> bool:
    """True when some pixels of ``image`` may be (partly) transparent: an alpha band or a transparency key."""
    return image.mode in _ALPHA_MODES or "transparency" in image.info


def flatten(image: Any, background: Any = WHITE) -> Image.Image:
    """``image`` as a viewer sees it: composited onto ``background`` when it has transparency, else unchanged.

    Args:
        image: PIL image or uint8 array (an H×W×4 array is read as RGBA).
        background: the colour behind the image (see :func:`parse_background`); default white.

    Returns:
        an RGB image for input with transparency (hidden colour values no longer matter), else the input image.
    """
    img = as_pil(image)
    if not has_transparency(img):
        return img
    bg = parse_background(background)
    rgba = img.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (*bg, 255)), rgba).convert("RGB")


__all__ = ["WHITE", "flatten", "has_transparency", "parse_background"]
