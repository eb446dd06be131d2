"""Caption sizing of ``meme_format``: AugLy's rule (a fact matched here, not its code).

AugLy starts at ``font_size = caption_height − 10`` px and shrinks by 5 px until the caption's text box fits in
``(W − 10) × (caption_height − 10)``; the box is Pillow's multi-line size: the widest line's right edge and
``n_lines · line_step − 4`` high, with ``line_step`` = the bottom of "A" + 4 px, all measured from the
left/ascender anchor. The text box is then centred in the band (Python ``round``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PIL import Image

from ...core.errors import InvalidParameterError
from ..resources.fonts import get_font, split_runs
from . import text_render as tr
from .modes import working_copy

LINE_GAP = 4  # px between lines (Pillow's multiline default spacing)
MARGIN = 10  # px the caption box leaves free in width and in height
STEP = 5  # px the font size shrinks by


class CaptionBox(NamedTuple):
    """The caption's text box at one font size (px)."""

    size: int
    width: int
    height: int
    line_step: int


def text_box(text: str, font_path: str, size: int) -> CaptionBox:
    """Pillow's multi-line text box of ``text`` at ``size`` px with the primary font ``font_path``.

    A line drawn entirely with the primary font is measured by its ink's right edge from the anchor
    (``getbbox``); a line that needs fallback faces or emoji by the primary font's advance for its characters
    (``getlength``), the best single-font estimate.
    """
    font = get_font(font_path, size)
    step = int(font.getbbox("A")[3]) + LINE_GAP
    lines = text.split("\n")
    widths = []
    for line in lines:
        runs = split_runs(line, font_path) if line else []
        if all(r.kind == "text" and r.face == font_path for r in runs):
            widths.append(int(font.getbbox(line)[2]) if line else 0)
        else:
            widths.append(int(round(font.getlength(line))))
    return CaptionBox(size, max(widths), len(lines) * step - LINE_GAP, step)


def meme_caption_box(text: str, font_path: str, width: int, caption_height: int) -> CaptionBox:
    """The largest size in ``caption_height − 10, −15, …`` whose text box fits ``(width − 10) × (caption_height
    − 10)``; the smallest positive size of that sequence when none fits (AugLy fails there: a size ≤ 0).

    Args:
        text: the caption (``\\n`` separates lines).
        font_path: the primary font file.
        width: image width in px.
        caption_height: caption band height in px (> 10).
    """
    size = caption_height - MARGIN
    while True:
        box = text_box(text, font_path, size)
        if (box.width <= width - MARGIN and box.height <= caption_height - MARGIN) or size - STEP < 1:
            return box
        size -= STEP


def caption_origin(box: CaptionBox, width: int, caption_height: int) -> tuple[int, int]:
    """Top-left anchor (left, ascender) of the centred text box inside the band, in px."""
    return round((width - box.width) / 2), round((caption_height - box.height) / 2)


def caption_band(image: Image.Image, text: str, font_path: str, text_position: str, opacity: float,
                 text_color: Any, caption_height: int, bg_color: Any) -> tuple[Image.Image, int]:
    """``image`` with a ``caption_height``-px band of ``bg_color`` above (``"top"``) or below it, ``text`` centred
    in the band at the size :func:`meme_caption_box` finds (lines centred, spaced like Pillow's multi-line text).
    Returns (a new image of height H + caption_height, font px).

    Raises:
        InvalidParameterError: the result would exceed ``PIL.Image.MAX_IMAGE_PIXELS``.
    """
    W, H = image.size
    if Image.MAX_IMAGE_PIXELS and W * (H + caption_height) > Image.MAX_IMAGE_PIXELS:
        raise InvalidParameterError(
            f"meme_format: argument 'caption_height' = {caption_height} makes a {W}x{H + caption_height} image "
            "(over PIL.Image.MAX_IMAGE_PIXELS)", function="meme_format", argument="caption_height")
    base = working_copy(image)
    canvas = Image.new(base.mode, (W, H + caption_height), tuple(bg_color) + ((255,) if base.mode == "RGBA" else ()))
    canvas.paste(base, (0, caption_height if text_position == "top" else 0))
    box = meme_caption_box(text, font_path, W, caption_height)
    natural = tr.layout_text(text, font_path, box.size)
    natural_h = max(line.ascent + line.descent for line in natural.lines)
    layer = tr.render_text(text, font_path, box.size, fill=tuple(text_color), align="center",
                           line_spacing=box.line_step / natural_h)
    x, y = caption_origin(box, W, caption_height)
    tr.composite(canvas, layer, (x, y + (0 if text_position == "top" else H)), opacity)
    return canvas, box.size
