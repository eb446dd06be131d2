"""Paste kernels: images, emoji and stripes drawn over an image (PIL images; the base is copied, never modified)."""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ..resources import emoji as em
from . import text_render as tr
from .modes import has_alpha, working_copy


def resize_for_paste(img: Image.Image, w: int, h: int) -> Image.Image:
    """``img`` at ``w``×``h``: LANCZOS for strong downscales (against aliasing), else BICUBIC; unchanged size as is."""
    if (w, h) == img.size:
        return img
    if 2 * h < img.height:
        return img.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return img.resize((w, h), Image.Resampling.BICUBIC)


def scaled_size(img: Image.Image, height: int) -> tuple[int, int]:
    """(width, height) of ``img`` scaled to ``height`` px (at least 1), aspect kept."""
    h = max(1, int(height))
    return max(1, int(img.width * h / img.height)), h


#: a scaled overlay larger than this (px) that is mostly off the base is resampled only where it lands
PARTIAL_RESAMPLE_PIXELS = 4096 * 4096


def resize_part(img: Image.Image, size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    """The part ``box`` (left, top, right, bottom px of the scaled image) of ``img`` scaled to ``size`` = (w, h), with
    :func:`resize_for_paste`'s filter, computed without the rest (Pillow's ``resize(box=...)``: the same pixels as
    scaling everything and cropping, up to ±1 level of rounding)."""
    w, h = size
    sx, sy = img.width / w, img.height / h
    src = (box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy)
    out = (box[2] - box[0], box[3] - box[1])
    if 2 * h < img.height:
        return img.resize(out, Image.Resampling.LANCZOS, box=src, reducing_gap=2.0)
    return img.resize(out, Image.Resampling.BICUBIC, box=src)


def paste_scaled(base: Image.Image, overlay: Image.Image, height: int, xy: tuple[int, int], opacity: float,
                 scaled: Image.Image | None = None) -> tuple[int, int, int, int] | None:
    """Composite ``overlay`` scaled to ``height`` px (or the already scaled ``scaled``) onto ``base`` (modified in
    place) at ``xy`` with ``opacity``. Returns the pasted rect or None.

    A scaled overlay over :data:`PARTIAL_RESAMPLE_PIXELS` that is mostly off the base is resampled only where it
    lands (:func:`resize_part`): a 4000×1 foreground scaled to 400 px high is 1.6 M × 400 px, of which a 600×400
    background shows 600×400 (12.8 s and 2.5 GB before, milliseconds now)."""
    if scaled is None:
        w, h = scaled_size(overlay, height)
        x, y = int(xy[0]), int(xy[1])
        visible = (max(0, -x), max(0, -y), min(w, base.width - x), min(h, base.height - y))
        if visible[2] <= visible[0] or visible[3] <= visible[1]:
            return None
        area = (visible[2] - visible[0]) * (visible[3] - visible[1])
        if w * h > PARTIAL_RESAMPLE_PIXELS and 4 * area < w * h:
            part = resize_part(overlay, (w, h), visible)
            return tr.composite(base, part, (x + visible[0], y + visible[1]), opacity)
        scaled = resize_for_paste(overlay, w, h)
    return tr.composite(base, scaled, xy, opacity)


def paste_emoji(image: Image.Image, path: str, emoji_size: float, x_pos: float, y_pos: float,
                opacity: float) -> tuple[Image.Image, tuple[int, int, int, int] | None]:
    """The emoji image ``path`` at ``emoji_size``·H px high (aspect kept) with its top-left corner at (x_pos·W,
    y_pos·H), on a copy of ``image``. Shipped 512 px art is downscaled with LANCZOS (cached up to 2048 px)."""
    out = working_copy(image)
    h = max(1, int(image.height * emoji_size))
    if h <= 2048:  # cached, LANCZOS from the 512 px art
        emo = em.scaled_emoji(path, h)
    else:  # very large: not cached (memory)
        src = em.load_rgba(path)
        emo = src.resize((max(1, round(h * src.width / src.height)), h), Image.Resampling.BICUBIC)
    return out, tr.composite(out, emo, (int(image.width * x_pos), int(image.height * y_pos)), opacity)


def paint_stripes(image: Image.Image, mask: np.ndarray, color: Any, opacity: float) -> Image.Image:
    """``color`` painted where the boolean ``mask`` is set, with alpha ``int(255·opacity)`` (AugLy truncates)."""
    W, H = image.size
    out = image if image.mode == "RGB" else working_copy(image)  # RGB: Image.composite makes a new image
    alpha = Image.fromarray(mask.view(np.uint8) * np.uint8(int(255 * opacity)))
    if out.mode == "RGBA":
        layer = Image.new("RGBA", (W, H), tuple(color) + (0,))
        layer.putalpha(alpha)
        out.alpha_composite(layer)
        return out
    return Image.composite(Image.new(out.mode, (W, H), tuple(color)), out, alpha)


def paste_image(image: Image.Image, scaled: Image.Image, x_pos: float, y_pos: float,
                opacity: float) -> tuple[Image.Image, tuple[int, int, int, int] | None]:
    """The already scaled overlay with its top-left corner at (x_pos·W, y_pos·H) on a copy of ``image``."""
    out = working_copy(image)
    return out, tr.composite(out, scaled, (int(image.width * x_pos), int(image.height * y_pos)), opacity)


def onto_background(image: Image.Image, background: Image.Image, opacity: float, overlay_size: float, x_pos: float,
                    y_pos: float, scale_bg: bool) -> tuple[Image.Image, list[int]]:
    """``image`` pasted onto a copy of ``background`` (first resized to (W / overlay_size, H / overlay_size) when
    ``scale_bg``) at ``overlay_size``·background height, top-left at (x_pos, y_pos) of the background. Returns
    (image, placed px rect [l, u, r, d])."""
    bg = background
    if scale_bg:
        size = (max(1, int(image.width / overlay_size)), max(1, int(image.height / overlay_size)))
        if Image.MAX_IMAGE_PIXELS and size[0] * size[1] > Image.MAX_IMAGE_PIXELS:
            raise InvalidParameterError(
                f"overlay_onto_background_image: argument 'overlay_size' = {overlay_size} with scale_bg=True would "
                f"make a {size[0]}x{size[1]} background (over PIL.Image.MAX_IMAGE_PIXELS)",
                function="overlay_onto_background_image", argument="overlay_size")
        bg = bg.resize(size, Image.Resampling.BILINEAR)
    out = working_copy(bg)
    if out.mode != "RGBA" and has_alpha(image):  # no throw-away copy of the foreground
        out = out.convert("RGBA")
    BW, BH = out.size
    h = max(1, int(BH * overlay_size))
    w = max(1, int(image.width * h / image.height))
    x, y = int(BW * x_pos), int(BH * y_pos)
    paste_scaled(out, image, h, (x, y), opacity)
    return out, [x, y, x + w, y + h]
