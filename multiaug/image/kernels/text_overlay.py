"""Text-overlay kernels: fitting text into an image, caption cards on panels, ranking lists, and drawing them.

Sizes are computed from layouts (:func:`multiaug.image.kernels.text_render.layout_text`, cached) without rendering,
so a sampler can draw positions that depend on a caption's size before anything is drawn; the drawing functions
then render exactly those sizes.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from PIL import Image, ImageDraw

from ..resources.fonts import font_for_role
from . import text_render as tr
from .modes import working_copy
from .resample import rotation_canvas


def fitting_size(text: str, font_path: str, size: int, max_w: int, max_h: int) -> tuple[int, int, int]:
    """The size :func:`render_fitting` ends at and its layer's width and height: outlined text (stroke = size/16,
    ≥ 1 px) shrunk until it fits ``max_w`` × ``max_h`` (down to 6 px)."""
    while True:
        sw = max(1, size // 16)
        lay = tr.layout_text(text, font_path, size)
        lw, lh = lay.width + 2 * sw, lay.height + 2 * sw
        if (lw <= max_w and lh <= max_h) or size <= 6:
            return size, lw, lh
        size = max(6, int(size * min(max_w / lw, max_h / lh, 0.9)))


def render_fitting(text: str, font_path: str, size: int, max_w: int, max_h: int, fill: Any,
                   stroke_fill: Any) -> tuple[Image.Image, int]:
    """Render outlined ``text`` (stroke = size/16, >= 1 px) at the size :func:`fitting_size` finds. Returns (layer,
    size used)."""
    size, _, _ = fitting_size(text, font_path, size, max_w, max_h)
    return tr.render_text(text, font_path, size, fill=fill, stroke_width=max(1, size // 16), stroke_fill=stroke_fill), size


def wrap_to_fit(text: str, font_path: str, width: int, height: int, ratio: float) -> tuple[int, str, tr.TextLayout]:
    """Word-wrap ``text`` to 95 % of ``width`` at ``ratio``·min(W, H) px, shrinking by 15 % steps (down to 4 px) until
    the block fits ``height``. Returns (font px, wrapped text, its layout)."""
    px = max(1, int(min(width, height) * ratio))
    while True:
        wrapped = tr.wrap_lines(text, font_path, px, width * 0.95)
        lay = tr.layout_text(wrapped, font_path, px)
        if lay.height <= height or px <= 4:
            return px, wrapped, lay
        px = max(4, int(px * 0.85))


class CaptionPlan(NamedTuple):
    """A caption card's text and size: wrapped text, font px, card width and height (before rotation)."""

    wrapped: str
    size: int
    width: int
    height: int


def caption_plan(phrase: str, font_path: str, size: int, panel_w: int, padding: int, max_h: float,
                 stroke_width: int) -> CaptionPlan:
    """``phrase`` wrapped to ``panel_w - 2·padding``, shrunk (down to 6 px) until the card is at most ``max_h``
    high; the card is at least ``panel_w`` wide and ``padding`` px larger than the text on every side."""
    inner = max(4, panel_w - 2 * padding)
    wrapped = tr.wrap_lines(phrase, font_path, size, inner)
    while size > 6 and tr.layout_text(wrapped, font_path, size).height + 2 * padding > max_h:
        size = max(6, int(size * 0.85))
        wrapped = tr.wrap_lines(phrase, font_path, size, inner)
    lay = tr.layout_text(wrapped, font_path, size)
    sw = max(0, int(stroke_width))
    tw, th = lay.width + 2 * sw, lay.height + 2 * sw
    return CaptionPlan(wrapped, size, max(panel_w, tw + 2 * padding), th + 2 * padding)


def rotated_size(width: int, height: int, degrees: float) -> tuple[int, int]:
    """Size of a ``width``×``height`` layer after ``Image.rotate(degrees, expand=True)`` (0 keeps it)."""
    if not degrees:
        return width, height
    nw, nh, _ = rotation_canvas(width, height, degrees)
    return nw, nh


def caption_card(plan: CaptionPlan, font_path: str, fill: Any, stroke_width: int, stroke_fill: Any,
                 box_color: tuple[int, ...], end_color: tuple[int, ...] | None, mode: str, direction: str,
                 opacity: float) -> Image.Image:
    """The RGBA card of a :func:`caption_plan`: the text centred on a rounded solid/gradient panel."""
    txt = tr.render_text(plan.wrapped, font_path, plan.size, fill=fill, stroke_width=stroke_width,
                         stroke_fill=stroke_fill, align="center")
    pw, ph = plan.width, plan.height
    card = panel((pw, ph), box_color, end_color, mode, direction, opacity, radius=max(2, min(pw, ph) // 6))
    card.alpha_composite(txt, ((pw - txt.width) // 2, (ph - txt.height) // 2))
    return card


def panel(size: tuple[int, int], color: tuple[int, ...], end: tuple[int, ...] | None, mode: str, direction: str,
           opacity: float, radius: int) -> Image.Image:
    """A rounded RGBA panel: solid ``color`` or a gradient to ``end`` (None: darker), alpha = ``opacity``."""
    w, h = size
    if mode == "gradient":
        end = end or tuple(max(0, c - 110) for c in color[:3])
        t = np.linspace(0.0, 1.0, w if direction == "horizontal" else h, dtype=np.float32)
        ramp = (np.asarray(color[:3], np.float32)[None, :] * (1 - t[:, None]) + np.asarray(end[:3], np.float32)[None, :] * t[:, None])
        ramp = ramp.astype(np.uint8)
        arr = np.broadcast_to(ramp[None, :, :], (h, w, 3)) if direction == "horizontal" else np.broadcast_to(ramp[:, None, :], (h, w, 3))
        img = Image.fromarray(np.ascontiguousarray(arr)).convert("RGBA")
    else:
        img = Image.new("RGBA", (w, h), tuple(color[:3]) + (255,))
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=round(255 * opacity))
    img.putalpha(mask)
    return img


# ------------------------------------------------------------------------------------------------ drawing
def draw_text(image: Image.Image, text: str, font_path: str, font_size: float, opacity: float, color: Any,
              x_pos: float, y_pos: float) -> tuple[Image.Image, int, tuple[int, int, int, int] | None]:
    """``text`` at ``font_size``·min(W, H) px with its top-left corner at (x_pos·W, y_pos·H). Returns (a new RGB(A)
    image, font px, drawn rect or None)."""
    W, H = image.size
    px = max(1, int(min(W, H) * font_size))
    layer = tr.render_text(text, font_path, px, fill=tuple(color))
    out = working_copy(image)
    return out, px, tr.composite(out, layer, (int(W * x_pos), int(H * y_pos)), opacity)


def draw_layer_text(image: Image.Image, text: str, font_path: str, px: int, position: tuple[int, int],
                    fill: Any, stroke_width: int = 0, stroke_fill: Any = (0, 0, 0)) -> tuple[Image.Image, tuple[int, int, int, int] | None]:
    """``text`` rendered at ``px`` with its top-left corner at ``position``. Returns (a new RGB(A) image, rect)."""
    out = working_copy(image)
    layer = tr.render_text(text, font_path, px, fill=fill, stroke_width=stroke_width, stroke_fill=stroke_fill)
    return out, tr.composite(out, layer, position, 1.0)


def caption_layout(phrase: str, font_path: str, width: int, height: int, font_size: int, scale_factor: float,
                   padding: int, num_overlays: int, stroke_width: int) -> CaptionPlan:
    """:func:`caption_plan` of one of ``num_overlays`` captions on a ``width``×``height`` image: panel
    ``scale_factor``·W wide (≥ 8 px), font at most H px, each card at most H / num_overlays high."""
    return caption_plan(phrase, font_path, max(4, min(int(font_size), height)), max(8, int(width * scale_factor)),
                        padding, height / num_overlays, stroke_width)


def text_color_on(box_color: tuple[int, ...], text_color: Any) -> tuple[int, ...]:
    """``text_color``, or black / white for contrast with ``box_color`` when it is None."""
    if text_color is not None:
        return tuple(text_color)
    return (0, 0, 0) if sum(box_color) > 450 else (255, 255, 255)


def draw_captions(image: Image.Image, captions: list[dict[str, Any]], font_size: int, scale_factor: float,
                  padding: int, placement: str, rotation: float, text_color: Any, stroke_width: int, extra_stroke: int,
                  box_opacity: float, box_bg_mode: str, gradient_direction: str,
                  gradient_end_color: Any) -> tuple[Image.Image, list[dict[str, Any]], list[Any]]:
    """Caption cards on a copy of ``image``, one per ``captions`` item (``phrase``, ``font``, ``box_color`` and, for
    ``placement="random"``, ``position``), stacked from the ``placement`` edge, rotated by ``rotation`` degrees.
    ``extra_stroke`` px are added to ``stroke_width`` (a bold look for custom fonts). Returns (image, what was drawn
    per caption, pasted rects)."""
    W, H = image.size
    out = working_copy(image)
    drawn, rects, stack = [], [], 0
    for k, cap in enumerate(captions):
        bc = tuple(cap["box_color"])
        tc = text_color_on(bc, text_color)
        plan = caption_layout(cap["phrase"], cap["font"], W, H, font_size, scale_factor, padding, len(captions),
                              stroke_width + extra_stroke)
        card = caption_card(plan, cap["font"], tc, stroke_width + extra_stroke, (0, 0, 0) if stroke_width else tc, bc,
                            tuple(gradient_end_color) if gradient_end_color else None, box_bg_mode, gradient_direction,
                            box_opacity)
        if rotation:
            card = card.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=True)
        x = (W - card.width) // 2
        if placement == "bottom":
            y = H - card.height - stack - padding
        elif placement == "top":
            y = stack + padding
        elif placement == "center":
            y = (H - card.height) // 2 + (stack if k % 2 else -stack)
        else:
            x, y = cap["position"]
        stack += card.height + padding // 2
        rects.append(tr.composite(out, card, (x, y), 1.0))
        drawn.append({"phrase": cap["phrase"], "font": cap["font"].rsplit("/", 1)[-1], "box_color": list(bc),
                      "text_color": list(tc), "font_px": plan.size, "position": [x, y]})
    return out, drawn, rects


def default_caption_font(bold: bool, default: str) -> str:
    """The face of a caption without a user font: Noto Sans Bold when ``bold``, else ``default``."""
    return font_for_role("bold") if bold else default


def draw_ranking(image: Image.Image, items: list[tuple[int, str]], positions: Any, font_path: str, font_size: float,
                 number_color: Any, ranking_color: Any, left_dist: int, stroke_width: int,
                 stroke_fill: Any) -> tuple[Image.Image, int, list[Any]]:
    """A numbered list ("1. label") on a copy of ``image``: at ``positions`` (fractions of W, H, one per item) or in
    equal rows from the top, ``left_dist`` px from the left; font ``font_size``·min(W, H) px, shrunk so every row
    fits the height. Returns (image, font px, pasted rects)."""
    W, H = image.size
    row_h = H * 0.92 / len(items)
    px = max(4, int(min(min(W, H) * font_size, row_h / 1.3 if positions is None else 10**6)))
    out = working_copy(image)
    rects = []
    for i, (rank, label) in enumerate(items):
        if positions is None:
            x, y = left_dist, int(H * 0.04 + i * row_h)
        else:
            x, y = int(positions[i][0] * W), int(positions[i][1] * H)
        num = tr.render_text(f"{rank}.", font_path, px, fill=number_color, stroke_width=stroke_width,
                             stroke_fill=stroke_fill)
        rects.append(tr.composite(out, num, (x, y), 1.0))
        if label:
            lab = tr.render_text(label, font_path, px, fill=ranking_color, stroke_width=stroke_width,
                                 stroke_fill=stroke_fill)
            rects.append(tr.composite(out, lab, (x + num.width + px // 4, y), 1.0))
    return out, px, rects
