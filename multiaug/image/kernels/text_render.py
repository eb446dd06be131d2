"""Shared text drawing for image overlays: fallback-aware layout, tight RGBA layers, compositing.

Text is laid out line by line; each line is split into runs (:func:`multiaug.image.resources.fonts.split_runs`)
drawn on a common baseline, so Latin, Arabic, CJK, Devanagari and emoji mix in one string. Emoji are
pasted from the shipped PNGs (colour, LANCZOS-downscaled), at the height of the font size.

Layers are rendered as masks (``L``) and turned into a straight-alpha RGBA image, then composited
with :func:`composite` (opacity applied once, clipped to the canvas), so there are no dark fringes.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageColor, ImageDraw

from ...core.errors import InvalidParameterError
from ..resources import emoji as em
from ..resources.fonts import Run, get_font, split_runs
from .modes import convert_mode

Color = tuple[int, ...]


@dataclass(frozen=True)
class LineLayout:
    """One laid-out line: its runs, run widths (px), total width, ascent and descent (px)."""

    runs: tuple[Run, ...]
    widths: tuple[float, ...]
    width: float
    ascent: int
    descent: int


@dataclass(frozen=True)
class TextLayout:
    """A laid-out block of text at ``size`` px."""

    lines: tuple[LineLayout, ...]
    size: int
    line_height: int
    width: int
    height: int


def to_rgba(color: Any, argument: str = "color", function: str = "image") -> tuple[int, int, int, int]:
    """A colour given as an (r, g, b[, a]) tuple of 0-255 ints or a Pillow colour name, as RGBA."""
    if isinstance(color, str):
        try:
            c = ImageColor.getrgb(color)
        except ValueError:
            raise InvalidParameterError(
                f"{function}: argument '{argument}' is not a colour name or (r, g, b) tuple: {color!r}",
                function=function, argument=argument,
            ) from None
    else:
        c = tuple(color) if isinstance(color, (tuple, list)) else ()
    if len(c) not in (3, 4) or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in c):
        raise InvalidParameterError(
            f"{function}: argument '{argument}' must be an (r, g, b) or (r, g, b, a) tuple of ints in [0, 255] or "
            f"a colour name, got {color!r}",
            function=function, argument=argument,
        )
    return (c[0], c[1], c[2], c[3] if len(c) == 4 else 255)


@functools.lru_cache(maxsize=512)
def layout_text(text: str, font_path: str, size: int, line_spacing: float = 1.15) -> TextLayout:
    """Lay out ``text`` (``\\n`` separates lines) with per-character font fallback (cached)."""
    size = max(1, int(size))
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        raw = "".join(" " * 4 if c == "\t" else c for c in raw if c == "\t" or unicodedata.category(c) != "Cc")
        runs = tuple(split_runs(raw, font_path))
        widths = []
        asc, desc = get_font(font_path, size).getmetrics()
        for r in runs:
            if r.kind == "emoji":
                widths.append(float(em.scaled_emoji(r.face, size).width) + size * 0.08)
                asc = max(asc, int(size * 0.9))
            else:
                f = get_font(r.face, size)
                widths.append(float(f.getlength(r.text)))
                a, d = f.getmetrics()
                asc, desc = max(asc, a), max(desc, d)
        lines.append(LineLayout(runs, tuple(widths), float(sum(widths)), asc, desc))
    natural = max(l.ascent + l.descent for l in lines)
    line_height = max(1, round(natural * line_spacing))
    width = int(max(l.width for l in lines) + 0.999)
    height = line_height * (len(lines) - 1) + lines[-1].ascent + lines[-1].descent
    return TextLayout(tuple(lines), size, line_height, max(1, width), max(1, height))


def render_text(
    text: str,
    font_path: str,
    size: int,
    fill: Any = (255, 255, 255),
    stroke_width: int = 0,
    stroke_fill: Any = (0, 0, 0),
    align: str = "left",
    line_spacing: float = 1.15,
) -> Image.Image:
    """Render ``text`` into a tight RGBA layer (straight alpha). Emoji keep their own colours.

    Args:
        text: the text; ``\\n`` starts a new line.
        font_path: path of the primary font.
        size: font size in px (>= 1).
        fill: text colour (r, g, b[, a]) or colour name.
        stroke_width: outline width in px (>= 0).
        stroke_fill: outline colour.
        align: "left", "center" or "right" (lines inside the block).
        line_spacing: line height as a multiple of the tallest face's ascent + descent.
    """
    lay = layout_text(text, font_path, size, line_spacing)
    sw = max(0, int(stroke_width))
    W, H = lay.width + 2 * sw, lay.height + 2 * sw
    fill_rgba = to_rgba(fill, "fill")
    fill_mask = Image.new("L", (W, H), 0)
    fd = ImageDraw.Draw(fill_mask)
    stroke_mask = Image.new("L", (W, H), 0) if sw else None
    sd = ImageDraw.Draw(stroke_mask) if stroke_mask is not None else None
    emojis: list[tuple[Image.Image, tuple[int, int]]] = []
    top = sw
    for line in lay.lines:
        x = float(sw) + _align_offset(line.width, lay.width, align)
        baseline = top + line.ascent
        for run, w in zip(line.runs, line.widths):
            if run.kind == "emoji":
                im = em.scaled_emoji(run.face, lay.size)
                emojis.append((im, (round(x + lay.size * 0.04), int(baseline - lay.size * 0.85))))
            else:
                font = get_font(run.face, lay.size)
                fd.text((x, baseline), run.text, font=font, fill=255, anchor="ls")
                if sd is not None:
                    sd.text((x, baseline), run.text, font=font, fill=255, anchor="ls", stroke_width=sw)
            x += w
        top += lay.line_height
    if fill_rgba[3] != 255:
        fill_mask = fill_mask.point(lambda v: v * fill_rgba[3] // 255)
    layer = Image.new("RGBA", (W, H), fill_rgba[:3] + (0,))
    layer.putalpha(fill_mask)
    if stroke_mask is not None:
        s_rgba = to_rgba(stroke_fill, "stroke_fill")
        if s_rgba[3] != 255:
            stroke_mask = stroke_mask.point(lambda v: v * s_rgba[3] // 255)
        base = Image.new("RGBA", (W, H), s_rgba[:3] + (0,))
        base.putalpha(stroke_mask)
        base.alpha_composite(layer)
        layer = base
    for im, (ex, ey) in emojis:
        composite(layer, im, (ex, ey), 1.0)
    return layer


def _align_offset(line_w: float, block_w: int, align: str) -> float:
    if align == "center":
        return (block_w - line_w) / 2
    if align == "right":
        return block_w - line_w
    return 0.0


def composite(base: Image.Image, layer: Image.Image, xy: Sequence[float], opacity: float = 1.0) -> tuple[int, int, int, int] | None:
    """Alpha-composite RGBA ``layer`` onto ``base`` (RGB or RGBA, modified in place) at top-left ``xy``.

    The layer's alpha is multiplied by ``opacity`` (0-1); parts outside ``base`` are clipped.
    Returns the pasted rectangle (l, u, r, d) in base pixels, or None when nothing is visible.
    """
    x, y = int(xy[0]), int(xy[1])
    l, u = max(x, 0), max(y, 0)
    r, d = min(x + layer.width, base.width), min(y + layer.height, base.height)
    if r <= l or d <= u or opacity <= 0:
        return None
    part = layer if (l, u, r, d) == (x, y, x + layer.width, y + layer.height) else layer.crop((l - x, u - y, r - x, d - y))
    opaque = part.mode in ("RGB", "L", "CMYK", "YCbCr", "I", "F") or (part.mode == "P" and "transparency" not in part.info)
    if opaque and base.mode != "RGBA":  # fast path: no alpha channel to respect
        src = part if part.mode == base.mode else convert_mode(part, base.mode)
        if opacity >= 1.0:
            base.paste(src, (l, u))
        else:
            base.paste(src, (l, u), Image.new("L", src.size, round(255 * opacity)))
        return (l, u, r, d)
    if part.mode != "RGBA":
        part = convert_mode(part, "RGBA")
    alpha = part.getchannel("A")
    if opacity < 1.0:
        alpha = alpha.point(lambda v: int(v * opacity + 0.5))
    if base.mode == "RGBA":
        if opacity < 1.0:
            part = part.copy()
            part.putalpha(alpha)
        base.alpha_composite(part, (l, u))
    else:
        base.paste(convert_mode(part, base.mode), (l, u), alpha)
    return (l, u, r, d)


def wrap_lines(text: str, font_path: str, size: int, max_width: float) -> str:
    """Greedy word wrap of ``text`` so each line fits ``max_width`` px (long words are split)."""
    out: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            cand = word if not line else f"{line} {word}"
            if _width(cand, font_path, size) <= max_width or not line and _width(word, font_path, size) <= max_width:
                line = cand
                continue
            if line:
                out.append(line)
            line = ""
            while word and _width(word, font_path, size) > max_width:
                k = _fit_prefix(word, font_path, size, max_width)
                out.append(word[:k])
                word = word[k:]
            line = word
        out.append(line)
    return "\n".join(out)


def _width(s: str, font_path: str, size: int) -> float:
    return layout_text(s, font_path, size).lines[0].width if s else 0.0


def _fit_prefix(word: str, font_path: str, size: int, max_width: float) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(word[:mid], font_path, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return max(1, lo)


def fit_font_size(text: str, font_path: str, max_w: float, max_h: float, lo: int = 4, hi: int = 400) -> int:
    """Largest font size in [lo, hi] px whose layout of ``text`` fits ``max_w`` x ``max_h`` (lo if none)."""
    lo, hi = max(1, int(lo)), max(1, int(hi))
    if hi < lo:
        return lo
    best = lo
    while lo <= hi:
        mid = (lo + hi) // 2
        lay = layout_text(text, font_path, mid)
        if lay.width <= max_w and lay.height <= max_h:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def area_fraction(rects: list[tuple[int, int, int, int] | None], W: int, H: int) -> float:
    """Share of the W×H image covered by the union of the pixel ``rects`` (clipped to the image),
    counted exactly column band by column band (no image-sized mask)."""
    rs = [(max(0, l), max(0, u), min(W, r), min(H, d)) for l, u, r, d in (x for x in rects if x is not None)]
    rs = [r for r in rs if r[2] > r[0] and r[3] > r[1]]
    xs = sorted({v for r in rs for v in (r[0], r[2])})
    covered = 0
    for x0, x1 in zip(xs, xs[1:]):
        top = bottom = -1
        for u, d in sorted((r[1], r[3]) for r in rs if r[0] <= x0 and r[2] >= x1):
            if u > bottom:
                covered += (x1 - x0) * (bottom - top)
                top = u
            bottom = max(bottom, d)
        covered += (x1 - x0) * (bottom - top)
    return covered / (W * H)
