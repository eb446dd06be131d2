"""Social-media framing: meme captions and screenshots (procedural frames or user templates).

``overlay_onto_screenshot`` renders its frame with Pillow: four layouts (``desktop`` feed post,
``mobile`` feed post, ``story``, ``chat`` message) in ``light``/``dark`` themes, with user names,
captions, counts and timestamps drawn from ``seed``. The image slot is recorded in the record's
``info`` and boxes are mapped into it. An AugLy-style template (``template_filepath`` +
``template_bboxes_filepath``) is used instead when given.
"""

from __future__ import annotations

import functools
import json
import math
import os
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image, ImageDraw

from ...core.errors import InvalidParameterError, MediaReadError
from ...core.registry import Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import text_render as tr
from ..kernels.meme import caption_origin, meme_caption_box
from ..kernels.modes import working_copy
from ..modality import IMAGE, load_image_cached
from ..resources import constants as C
from ..resources.fonts import get_basic_font, get_font, resolve_font_file
from ..targets import mask_rules, point_rules
from .intensity import resize_intensity
from .parameters import FONT_CHECK, RGB_CHECK

Box = tuple[float, float, float, float]


def meme_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Shift down by caption_height/H (text on top) or not (bottom), renormalised to H + caption_height."""
    H, ch = facts["src_height"], facts["info"]["caption_height_px"]
    off = ch if facts["info"]["text_position"] == "top" else 0
    tot = H + ch
    return [None if b is None else (b[0], (b[1] * H + off) / tot, b[2], (b[3] * H + off) / tot) for b in boxes]


def _meme_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """The image pasted unscaled below (text on top) or above the caption band."""
    off = facts["info"]["caption_height_px"] if facts["info"]["text_position"] == "top" else 0
    return [1.0, 0.0, 0.0, 0.0, 1.0, float(off), 0.0, 0.0, 1.0]


@augmentation(IMAGE, intensity=resize_intensity, bbox=meme_rule, keypoints=point_rules.by_matrix(_meme_matrix),
              masks=mask_rules.by_matrix(_meme_matrix))
def meme_format(
    image: Any,
    output_path: str | None = None,
    text: Annotated[str, Check(lambda v: isinstance(v, str) and v.strip() != "", "must be a non-empty str")] = "LOL",
    text_position: Literal["top", "bottom"] = "top",
    font_file: Annotated[str, FONT_CHECK] = C.MEME_DEFAULT_FONT,
    opacity: Annotated[float, Range(0, 1)] = 1.0,
    text_color: Annotated[tuple[int, int, int], RGB_CHECK] = C.DEFAULT_COLOR,
    caption_height: Annotated[int, Range(10, None, low_open=True), Unit("px")] = 250,
    meme_bg_color: Annotated[tuple[int, int, int], RGB_CHECK] = C.WHITE_RGB_COLOR,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Add a caption band of ``caption_height`` px above (``top``) or below (``bottom``) the image.

    AugLy's sizing: the font starts at ``caption_height − 10`` px and shrinks by 5 px until the text box fits
    ``(W − 10) × (caption_height − 10)``; the text is centred in the band, lines centred, never wrapped (``\\n``
    breaks lines). Output height = H + caption_height.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        text: caption text (non-empty; ``\\n`` forces a line break; emoji and any script allowed).
        text_position: "top" or "bottom" (boxes are moved correctly for both).
        font_file: font path or shipped font name (default: Noto Sans Black).
        opacity: text opacity in [0, 1].
        text_color: text colour (r, g, b).
        caption_height: height of the caption band in px (> 10).
        meme_bg_color: caption band colour (r, g, b).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes, shifted below/above the caption band.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    font = resolve_font_file(font_file, "meme_format")
    W, H = image.size
    if Image.MAX_IMAGE_PIXELS and W * (H + caption_height) > Image.MAX_IMAGE_PIXELS:
        raise InvalidParameterError(
            f"meme_format: argument 'caption_height' = {caption_height} makes a {W}x{H + caption_height} image "
            "(over PIL.Image.MAX_IMAGE_PIXELS)", function="meme_format", argument="caption_height")
    base = working_copy(image)
    canvas = Image.new(base.mode, (W, H + caption_height), tuple(meme_bg_color) + ((255,) if base.mode == "RGBA" else ()))
    canvas.paste(base, (0, caption_height if text_position == "top" else 0))
    box = meme_caption_box(text, font, W, caption_height)
    natural = tr.layout_text(text, font, box.size)
    natural_h = max(line.ascent + line.descent for line in natural.lines)
    layer = tr.render_text(text, font, box.size, fill=tuple(text_color), align="center",
                           line_spacing=box.line_step / natural_h)
    x, y = caption_origin(box, W, caption_height)
    tr.composite(canvas, layer, (x, y + (0 if text_position == "top" else H)), opacity)
    return Out(canvas, {"caption_height_px": caption_height, "text_position": text_position, "font_px": box.size,
                        "lines": text.count("\n") + 1})


# --------------------------------------------------------------------------------------------- screenshot
THEMES: dict[str, dict[str, tuple[int, int, int]]] = {
    "light": {"page": (240, 242, 245), "card": (255, 255, 255), "text": (20, 20, 20), "muted": (101, 103, 107),
              "border": (219, 219, 219), "accent": (24, 119, 242), "pad": (239, 239, 239), "bubble_in": (233, 233, 235),
              "bubble_out": (10, 132, 255), "field": (240, 242, 245)},
    "dark": {"page": (0, 0, 0), "card": (24, 25, 26), "text": (228, 230, 235), "muted": (150, 153, 158),
             "border": (54, 55, 57), "accent": (45, 136, 255), "pad": (12, 12, 12), "bubble_in": (38, 38, 40),
             "bubble_out": (10, 132, 255), "field": (58, 59, 60)},
}
LAYOUTS = ("desktop", "mobile", "story", "chat")
_NOMINAL = {"desktop": (1280, 600), "mobile": (430, 430), "story": (432, 432), "chat": (430, 284)}  # canvas w, slot w
_ASPECT = {"desktop": (0.8, 1.91), "mobile": (0.8, 1.91), "story": (0.5625, 1.91), "chat": (0.75, 1.5)}
_FIRST = ("luna", "max", "nova", "kai", "zoe", "leo", "mia", "sam", "ivy", "ray", "ada", "eli", "noor", "yuki", "omar",
          "lena", "tariq", "sofia", "jun", "aria")
_LAST = ("park", "silva", "khan", "novak", "moreau", "tanaka", "okafor", "berg", "rossi", "diaz", "kim", "haas")
_TAGS = ("travels", "eats", "daily", "photo", "art", "fit", "vibes", "studio", "life", "world", "clicks", "journal")
_CAPTIONS = ("Sunday {noun} with the best crew {e}", "Can't believe this {noun} is real {e}", "{adj} mood today {e}",
             "Throwback to that {adj} {noun}", "New {noun} just dropped {e}{e}", "Who else needs a {noun} like this?",
             "POV: the {noun} hits different {e}", "{adj} days, {adj2} nights", "Found the perfect {noun} {e}",
             "Not me posting another {noun}", "Weekend plans: {noun}, repeat", "This {noun} though {e}")
_NOUNS = ("brunch", "sunset", "view", "road trip", "coffee", "project", "weekend", "playlist", "walk", "dinner")
_ADJS = ("Golden", "Cozy", "Wild", "Lazy", "Bright", "Quiet", "Perfect", "Chaotic", "Sunny", "Rainy")
_EMOJI = ("✨", "🔥", "😍", "🙌", "😂", "🌅", "☕", "💯", "🎉", "❤️")
_CHAT = ("are you coming tonight?", "look at this!!", "omg", "haha yes", "send me the pics", "where was that?",
         "on my way", "so good", "wait what", "miss you guys")


class _Content:
    """Random frame text drawn from the call's Generator (recorded in ``info``)."""

    def __init__(self, rng: np.random.Generator):
        pick = lambda seq: seq[int(rng.integers(len(seq)))]
        first, last = pick(_FIRST), pick(_LAST)
        self.display = f"{first.capitalize()} {last.capitalize()}"
        self.handle = f"{first}{pick(('_', '.', ''))}{pick(_TAGS)}" + (str(int(rng.integers(1, 100))) if rng.random() < 0.4 else "")
        cap = pick(_CAPTIONS)
        self.caption = cap.format(noun=pick(_NOUNS), adj=pick(_ADJS), adj2=pick(_ADJS).lower(), e=pick(_EMOJI))
        self.likes = int(10 ** rng.uniform(1.0, 6.3))
        self.comments = int(self.likes * rng.uniform(0.01, 0.2))
        self.shares = int(self.likes * rng.uniform(0.0, 0.05))
        unit = pick(("m", "h", "h", "d"))
        self.time = f"{int(rng.integers(1, 24 if unit == 'h' else 59 if unit == 'm' else 7))}{unit}"
        self.clock = f"{int(rng.integers(7, 12))}:{int(rng.integers(0, 60)):02d}"
        self.friend = f"{pick(_FIRST)}{pick(('', '_', '.'))}{pick(_TAGS)}"
        self.avatar = tuple(int(v) for v in rng.integers(60, 230, 3))
        self.chat = [pick(_CHAT) for _ in range(int(rng.integers(1, 4)))]
        self.outgoing = bool(rng.random() < 0.5)
        self.brand = pick(("Friendly", "Snapgram", "Pixelgram", "Chatter", "Sharely"))

    def info(self) -> dict[str, Any]:
        return {"user": self.handle, "display_name": self.display, "caption": self.caption, "likes": self.likes,
                "comments": self.comments, "time": self.time, "messages": self.chat}


@functools.lru_cache(maxsize=2048)
def _text_mask(path: str, size: int, text: str, anchor: str) -> tuple[Image.Image, tuple[int, int], float]:
    """Cached glyph mask of a UI string: (L mask, offset from the anchor point, advance width)."""
    font = (get_basic_font if text.isascii() else get_font)(path, size)
    x0, y0, x1, y1 = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, x1 - x0), max(1, y1 - y0)), 0)
    ImageDraw.Draw(mask).text((-x0, -y0), text, font=font, fill=255, anchor=anchor)
    return mask, (x0, y0), float(font.getlength(text))


def _count(n: int) -> str:
    for div, suf in ((1_000_000, "M"), (1_000, "K")):
        if n >= div:
            v = n / div
            return f"{v:.1f}{suf}".replace(".0", "") if v < 100 else f"{int(v)}{suf}"
    return str(n)


class _Painter:
    """Draw frame elements at scale ``s`` (nominal px × s) with a theme palette."""

    def __init__(self, img: Image.Image, s: float, pal: dict[str, tuple[int, int, int]]):
        self.img, self.d, self.s, self.pal = img, ImageDraw.Draw(img), s, pal

    def px(self, v: float) -> int:
        return round(v * self.s)

    def rect(self, box: tuple[float, ...], fill: Any, radius: float = 0, outline: Any = None) -> None:
        b = [self.px(v) for v in box]
        if radius:
            self.d.rounded_rectangle(b, radius=self.px(radius), fill=fill, outline=outline, width=max(1, self.px(1)))
        else:
            self.d.rectangle(b, fill=fill, outline=outline, width=max(1, self.px(1)))

    def circle(self, cx: float, cy: float, r: float, fill: Any = None, outline: Any = None, width: float = 2) -> None:
        self.d.ellipse([self.px(cx - r), self.px(cy - r), self.px(cx + r), self.px(cy + r)], fill=fill, outline=outline,
                       width=max(1, self.px(width)))

    def text(self, x: float, y: float, s: str, size: float, color: Any, bold: bool = False, anchor: str = "la") -> float:
        mask, (ox, oy), length = _text_mask(C.BOLD_FONT if bold else C.DEFAULT_FONT, max(4, self.px(size)), s, anchor)
        X, Y = self.px(x) + ox, self.px(y) + oy
        self.img.paste(color, (X, Y, X + mask.width, Y + mask.height), mask)
        return length / self.s

    def rich(self, x: float, y: float, s: str, size: float, color: Any, max_w: float | None = None) -> float:
        """Text with emoji / any script (fallback faces); returns its nominal height."""
        px = max(4, self.px(size))
        body = tr.wrap_lines(s, C.DEFAULT_FONT, px, self.px(max_w)) if max_w else s
        layer = tr.render_text(body, C.DEFAULT_FONT, px, fill=color)
        tr.composite(self.img, layer, (self.px(x), self.px(y)), 1.0)
        return layer.height / self.s

    def avatar(self, cx: float, cy: float, r: float, c: _Content) -> None:
        self.circle(cx, cy, r, fill=c.avatar)
        self.text(cx, cy, c.display[0], r * 1.1, (255, 255, 255), bold=True, anchor="mm")

    def heart(self, x: float, y: float, size: float, color: Any) -> None:
        t = np.linspace(0, 2 * np.pi, 48)
        hx = 16 * np.sin(t) ** 3
        hy = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
        k = size / 34.0
        pts = [(self.px(x + size / 2 + a * k), self.px(y + size * 0.45 + b * k)) for a, b in zip(hx, hy)]
        self.d.line(pts + pts[:1], fill=color, width=max(1, self.px(2)), joint="curve")

    def bubble_icon(self, x: float, y: float, size: float, color: Any) -> None:
        self.circle(x + size / 2, y + size / 2, size / 2, outline=color)

    def plane(self, x: float, y: float, size: float, color: Any) -> None:
        pts = [(x, y + size * 0.45), (x + size, y), (x + size * 0.6, y + size), (x + size * 0.45, y + size * 0.55)]
        self.d.polygon([(self.px(a), self.px(b)) for a, b in pts], outline=color, width=max(1, self.px(2)))

    def actions(self, x: float, y: float, c: _Content, counts: bool) -> None:
        col = self.pal["text"]
        self.heart(x, y, 22, col)
        self.bubble_icon(x + 40, y, 22, col)
        self.plane(x + 80, y, 22, col)
        if counts:
            self.text(x + 118, y + 3, f"{_count(c.likes)}  ·  {_count(c.comments)} comments", 14, self.pal["muted"])


def _post_header(p: _Painter, x: float, y: float, w: float, c: _Content) -> None:
    p.avatar(x + 28, y + 28, 18, c)
    p.text(x + 56, y + 10, c.handle, 15, p.pal["text"], bold=True)
    p.text(x + 56, y + 30, f"{c.time} · Public", 13, p.pal["muted"])
    for i in range(3):
        p.circle(x + w - 30 + i * 7, y + 28, 2, fill=p.pal["muted"])


def _geometry(layout: str, slot_h: float, c: _Content) -> tuple[float, float, tuple[float, float, float, float]]:
    """Nominal (canvas width, canvas height, slot box) of a layout for a slot ``slot_h`` high."""
    cw, sw = _NOMINAL[layout]
    if layout == "desktop":
        top = 76 + 64 + 44
        slot = (float((cw - sw) / 2), float(top), float((cw - sw) / 2 + sw), top + slot_h)
        H = slot[3] + 130
    elif layout == "mobile":
        slot = (0.0, 132.0, float(sw), 132.0 + slot_h)
        H = slot[3] + 150 + 52
    elif layout == "story":
        top = max(64.0, (768.0 - slot_h) / 2)
        slot = (0.0, top, float(sw), top + slot_h)
        H = max(768.0, slot[3] + 72)
    else:  # chat
        bx = cw - sw - 16 if c.outgoing else 16
        top = 64 + 16 + 44 * len(c.chat) + 8
        slot = (float(bx), float(top), float(bx + sw), top + slot_h)
        H = slot[3] + 40 + 44 + 64
    return float(cw), float(H), slot


def _frame(layout: str, pal: dict[str, tuple[int, int, int]], s: float, slot_h: float, c: _Content) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """Render a frame at scale ``s``; returns (frame, nominal slot box). The slot is left for the image."""
    cw, H, slot = _geometry(layout, slot_h, c)
    sw = slot[2] - slot[0]
    img = Image.new("RGB", (max(1, round(cw * s)), max(1, round(H * s))), pal["page"] if layout != "story" else (18, 18, 18))
    p = _Painter(img, s, pal)
    text, muted, border = pal["text"], pal["muted"], pal["border"]
    if layout == "desktop":
        p.rect((0, 0, cw, 56), pal["card"])
        p.d.line([(0, p.px(56)), (img.width, p.px(56))], fill=border, width=max(1, p.px(1)))
        p.text(24, 28, c.brand, 24, pal["accent"], bold=True, anchor="lm")
        p.rect((cw / 2 - 180, 12, cw / 2 + 180, 44), pal["field"], radius=16)
        p.text(cw / 2 - 160, 28, "Search", 15, muted, anchor="lm")
        for i in range(3):
            p.circle(cw - 40 - 48 * i, 28, 16, fill=pal["field"])
        for i, item in enumerate(("Home", "Explore", "Notifications", "Messages", "Bookmarks", "Profile")):
            p.circle(44, 104 + 48 * i, 12, fill=pal["field"])
            p.text(68, 104 + 48 * i, item, 16, text, bold=i == 0, anchor="lm")
        x0, y0 = slot[0], 76
        p.rect((x0, y0, x0 + sw, slot[3] + 110), pal["card"], radius=8, outline=border)
        _post_header(p, x0, y0, sw, c)
        p.rich(x0 + 16, y0 + 66, c.caption, 15, text, max_w=sw - 32)
        p.actions(x0 + 16, slot[3] + 14, c, counts=True)
        p.text(x0 + 16, slot[3] + 50, f"Liked by {c.friend} and {_count(max(0, c.likes - 1))} others", 14, text)
        p.text(x0 + 16, slot[3] + 74, f"View all {_count(c.comments)} comments", 14, muted)
        rx = x0 + sw + 40
        if rx + 240 <= cw:
            p.rect((rx, 76, rx + 260, 76 + 250), pal["card"], radius=8, outline=border)
            p.text(rx + 16, 92, "Trending", 17, text, bold=True)
            for i, n in enumerate(_NOUNS[:4]):
                p.text(rx + 16, 130 + 46 * i, f"#{n.replace(' ', '')}", 15, text, bold=True)
                p.text(rx + 16, 150 + 46 * i, f"{_count(c.likes // (i + 2))} posts", 12, muted)
    elif layout == "mobile":
        p.rect((0, 0, cw, slot[1]), pal["card"])
        p.text(20, 14, c.clock, 14, text, bold=True, anchor="lm")
        p.rect((cw - 48, 8, cw - 20, 20), None, radius=3, outline=text)
        p.rect((cw - 46, 10, cw - 30, 18), text)
        p.text(16, 52, c.brand, 22, text, bold=True, anchor="lm")
        p.heart(cw - 84, 42, 20, text)
        p.plane(cw - 44, 42, 20, text)
        _post_header(p, 0, 76, cw, c)
        p.rect((0, slot[3], cw, H), pal["card"])
        p.actions(14, slot[3] + 12, c, counts=False)
        p.text(14, slot[3] + 46, f"{_count(c.likes)} likes", 14, text, bold=True)
        p.rich(14, slot[3] + 68, f"{c.handle}  {c.caption}", 14, text, max_w=cw - 28)
        p.text(14, slot[3] + 120, f"{c.time.upper()} AGO", 11, muted)
        p.d.line([(0, p.px(H - 52)), (img.width, p.px(H - 52))], fill=border, width=max(1, p.px(1)))
        for i in range(5):
            p.rect((cw * (i + 0.5) / 5 - 11, H - 37, cw * (i + 0.5) / 5 + 11, H - 15), None, radius=5, outline=text)
    elif layout == "story":
        n = 1 + len(c.chat)
        seg = (cw - 16 - 4 * (n - 1)) / n
        for i in range(n):
            x = 8 + i * (seg + 4)
            p.rect((x, 10, x + seg, 13), (120, 120, 120), radius=1.5)
            if i == 0:
                p.rect((x, 10, x + seg * 0.6, 13), (255, 255, 255), radius=1.5)
        p.avatar(28, 38, 16, c)
        p.text(52, 38, f"{c.handle}  {c.time}", 14, (255, 255, 255), bold=True, anchor="lm")
        p.rect((12, H - 56, cw - 92, H - 16), None, radius=20, outline=(220, 220, 220))
        p.text(30, H - 36, "Send message", 14, (220, 220, 220), anchor="lm")
        p.heart(cw - 80, H - 46, 22, (255, 255, 255))
        p.plane(cw - 42, H - 46, 22, (255, 255, 255))
    else:
        p.rect((0, 0, cw, 64), pal["card"])
        p.d.line([(p.px(14), p.px(32)), (p.px(24), p.px(22))], fill=pal["accent"], width=max(1, p.px(3)))
        p.d.line([(p.px(14), p.px(32)), (p.px(24), p.px(42))], fill=pal["accent"], width=max(1, p.px(3)))
        p.avatar(56, 32, 18, c)
        p.text(84, 22, c.display, 16, text, bold=True, anchor="lm")
        p.text(84, 42, "online", 12, muted, anchor="lm")
        y = 80.0
        for i, msg in enumerate(c.chat):
            out_msg = (i % 2 == 0) != c.outgoing
            w = min(cw * 0.7, 28 + len(msg) * 8.2)
            x = cw - 16 - w if out_msg else 16
            p.rect((x, y, x + w, y + 36), pal["bubble_out"] if out_msg else pal["bubble_in"], radius=16)
            p.text(x + 14, y + 18, msg, 15, (255, 255, 255) if out_msg else text, anchor="lm")
            y += 44
        p.rect((slot[0] - 4, slot[1] - 4, slot[2] + 4, slot[3] + 4), pal["bubble_out"] if c.outgoing else pal["bubble_in"], radius=14)
        p.text(slot[2] if c.outgoing else slot[0], slot[3] + 18, c.clock + (" · Read" if c.outgoing else ""), 11, muted,
               anchor="ra" if c.outgoing else "la")
        p.rect((0, H - 64, cw, H), pal["card"])
        p.rect((16, H - 52, cw - 64, H - 12), pal["field"], radius=20)
        p.text(32, H - 32, "Message", 15, muted, anchor="lm")
        p.circle(cw - 34, H - 32, 18, fill=pal["accent"])
    return img, slot


def render_frame(layout: str = "desktop", theme: str = "light", seed: int = 0, slot_aspect: float = 1.0,
                 scale: float = 1.0) -> tuple[Image.Image, list[int]]:
    """A procedural screenshot frame with an empty image slot (used to draw the shipped templates).

    Args:
        layout: "desktop", "mobile", "story" or "chat".
        theme: "light" or "dark".
        seed: seed of the random names, captions and counts.
        slot_aspect: slot width / height (clamped to the layout's range).
        scale: pixels per nominal pixel (> 0).

    Returns:
        (frame, [l, u, r, d] slot in pixels); the slot is filled with the theme's padding colour.
    """
    if layout not in LAYOUTS or theme not in THEMES:
        raise InvalidParameterError(f"render_frame: layout must be one of {LAYOUTS} and theme one of {tuple(THEMES)}")
    c = _Content(np.random.default_rng(seed))
    lo, hi = _ASPECT[layout]
    slot_h = _NOMINAL[layout][1] / min(max(slot_aspect, lo), hi)
    img, slot = _frame(layout, THEMES[theme], scale, slot_h, c)
    box = [round(v * scale) for v in slot]
    ImageDraw.Draw(img).rectangle([box[0], box[1], box[2] - 1, box[3] - 1], fill=THEMES[theme]["pad"])
    return img, box


def _fit_into(img: Image.Image, slot_w: int, slot_h: int, crop: bool) -> tuple[Image.Image, tuple[int, int], list[float]]:
    """Resize ``img`` to fit (pad) or cover (crop) the slot. Returns (image, offset in slot, source crop box)."""
    iw, ih = img.size
    k = max(slot_w / iw, slot_h / ih) if crop else min(slot_w / iw, slot_h / ih)
    nw, nh = max(1, round(iw * k)), max(1, round(ih * k))
    if (nw, nh) != (iw, ih):  # LANCZOS only for strong downscales (aliasing); BICUBIC otherwise
        img = img.resize((nw, nh), Image.Resampling.LANCZOS if k < 0.5 else Image.Resampling.BICUBIC,
                         reducing_gap=2.0 if k < 0.5 else None)
    src = [0.0, 0.0, 1.0, 1.0]
    if crop and (nw > slot_w or nh > slot_h):
        l, u = (nw - slot_w) // 2, (nh - slot_h) // 2
        r, d = l + min(slot_w, nw), u + min(slot_h, nh)
        img = img.crop((max(0, l), max(0, u), r, d))
        src = [max(0, l) / nw, max(0, u) / nh, r / nw, d / nh]
    return img, ((slot_w - img.width) // 2, (slot_h - img.height) // 2), src


def _load_template(value: Any) -> Image.Image:
    """The template as a new RGB image; files are decoded once (see :func:`load_image_cached`)."""
    return load_image_cached(value, "template_filepath", "overlay_onto_screenshot")[0].convert("RGB")


def _read_template_bbox(template: str, bboxes_path: str | None) -> list[int]:
    cand = bboxes_path or next((p for p in (os.path.join(os.path.dirname(template), "bboxes.json"), C.BBOXES_PATH)
                                if os.path.isfile(p)), None)
    if cand is None or not os.path.isfile(cand):
        raise MediaReadError(f"overlay_onto_screenshot: argument 'template_bboxes_filepath': file not found: {cand!r}")
    try:
        with open(cand, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise MediaReadError(f"overlay_onto_screenshot: cannot read template bboxes '{cand}': {exc}") from None
    box = data.get(os.path.basename(template)) if isinstance(data, dict) else data
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)
            and box[0] < box[2] and box[1] < box[3]):
        raise InvalidParameterError(
            f"overlay_onto_screenshot: argument 'template_bboxes_filepath': '{cand}' has no [l, u, r, d] box for template '{os.path.basename(template)}'",
            function="overlay_onto_screenshot", argument="template_bboxes_filepath")
    return [int(v) for v in box]


def slot_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Cut boxes to the shown part of the source, then map them into the image slot of the frame."""
    cl, cu, cr, cd = facts["info"]["src_crop"]
    pl, pu, pr, pd = facts["info"]["placed_norm"]
    out: list[Box | None] = []
    for b in boxes:
        if b is None:
            out.append(None)
            continue
        l, u = (max(b[0], cl) - cl) / (cr - cl), (max(b[1], cu) - cu) / (cd - cu)
        r, d = (min(b[2], cr) - cl) / (cr - cl), (min(b[3], cd) - cu) / (cd - cu)
        if r <= l or d <= u:
            out.append(None)
            continue
        out.append((pl + l * (pr - pl), pu + u * (pd - pu), pl + r * (pr - pl), pu + d * (pd - pu)))
    return out


def _screenshot_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((dst_area - slot_area) / dst_area * 100, 100)."""
    l, u, r, d = facts["info"]["slot"]
    dst = facts["dst_width"] * facts["dst_height"]
    return min((dst - (r - l) * (d - u)) / dst * 100.0, 100.0)


def _slot_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """The shown part of the source (info['src_crop']) scaled into the frame's slot (info['placed_norm'])."""
    cl, cu, cr, cd = facts["info"]["src_crop"]
    pl, pu, pr, pd = facts["info"]["placed_norm"]
    sw, sh, dw, dh = facts["src_width"], facts["src_height"], facts["dst_width"], facts["dst_height"]
    ax, ay = (pr - pl) / (cr - cl), (pd - pu) / (cd - cu)
    return [ax * dw / sw, 0.0, (pl - cl * ax) * dw, 0.0, ay * dh / sh, (pu - cu * ay) * dh, 0.0, 0.0, 1.0]


@augmentation(IMAGE, intensity=_screenshot_intensity, bbox=slot_rule, keypoints=point_rules.by_matrix(_slot_matrix),
              masks=mask_rules.by_matrix(_slot_matrix))
def overlay_onto_screenshot(
    image: Any,
    output_path: str | None = None,
    template_filepath: str | None = None,
    template_bboxes_filepath: str | None = None,
    max_image_size_pixels: Annotated[int | None, Range(1, None), Unit("pixels")] = None,
    crop_src_to_fit: bool = False,
    resize_src_to_match_template: bool = True,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
    layout: Literal["random", "desktop", "mobile", "story", "chat"] = "random",
    theme: Literal["random", "light", "dark"] = "random",
    seed: Any = None,
) -> Out:
    """Show the image inside a social-media screenshot (procedural frame, or a template file).

    Without ``template_filepath`` a frame is drawn: ``layout`` (desktop feed post, mobile feed post,
    story, chat message) and ``theme`` (light/dark), or drawn at random, with random user names,
    captions, counts and timestamps from ``seed``. The slot follows the image's aspect ratio within
    the layout's limits (feeds 4:5 to 1.91:1). With a template, AugLy's behaviour: the image goes
    into the template's content box read from ``template_bboxes_filepath`` ({file name: [l, u, r, d]}).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        template_filepath: a screenshot template image (e.g. ``TEMPLATE_PATH``); None draws a frame.
        template_bboxes_filepath: JSON of content boxes; None looks beside the template, then ``BBOXES_PATH``.
        max_image_size_pixels: cap on the output's pixel count (W·H), or None.
        crop_src_to_fit: fill the slot and crop the overflow (else fit inside the slot and pad).
        resize_src_to_match_template: keep the frame's size and resize the image to the slot; if
            False, the frame is scaled so the image keeps (about) its own resolution.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes, cut to the shown part and mapped into the slot.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
        layout: "desktop", "mobile", "story", "chat" or "random" (procedural frames only).
        theme: "light", "dark" or "random" (procedural frames only).
        seed: int, numpy Generator or None; draws the layout/theme when random and the frame's text.
    """
    iw, ih = image.size
    info: dict[str, Any] = {}
    if template_filepath is None and template_bboxes_filepath is not None:
        raise InvalidParameterError(
            "overlay_onto_screenshot: argument 'template_bboxes_filepath' needs 'template_filepath' (without a template "
            "a procedural frame is drawn)", function="overlay_onto_screenshot", argument="template_bboxes_filepath")
    if template_filepath is None:
        lay = LAYOUTS[int(seed.integers(len(LAYOUTS)))] if layout == "random" else layout
        th = ("light", "dark")[int(seed.integers(2))] if theme == "random" else theme
        c = _Content(seed)
        lo, hi = _ASPECT[lay]
        slot_w_nom = _NOMINAL[lay][1]
        slot_h_nom = slot_w_nom / min(max(iw / ih, lo), hi)
        cw, ch, _ = _geometry(lay, slot_h_nom, c)
        if resize_src_to_match_template:
            s = 1.0
        else:
            ratios = (iw / slot_w_nom, ih / slot_h_nom)
            s = min(ratios) if crop_src_to_fit else max(ratios)
        if max_image_size_pixels is not None and cw * ch * s * s > max_image_size_pixels:
            s = math.sqrt(max_image_size_pixels / (cw * ch))
        frame, slot_nom = _frame(lay, THEMES[th], s, slot_h_nom, c)
        slot = [round(v * s) for v in slot_nom]
        pad = (0, 0, 0) if lay == "story" else THEMES[th]["pad"]
        info.update({"source": "procedural", "layout": lay, "theme": th, "content": c.info()})
    else:
        template = _load_template(template_filepath)
        slot = _read_template_bbox(os.fspath(template_filepath) if isinstance(template_filepath, (str, os.PathLike))
                                   else "", template_bboxes_filepath)
        k = 1.0
        if not resize_src_to_match_template:
            ratios = (iw / (slot[2] - slot[0]), ih / (slot[3] - slot[1]))
            k = min(ratios) if crop_src_to_fit else max(ratios)
        if max_image_size_pixels is not None and template.width * template.height * k * k > max_image_size_pixels:
            k = math.sqrt(max_image_size_pixels / (template.width * template.height))
        if k != 1.0:
            template = template.resize((max(1, round(template.width * k)), max(1, round(template.height * k))),
                                       Image.Resampling.BICUBIC)
            slot = [round(v * k) for v in slot]
        frame, pad = template, (0, 0, 0)
        info.update({"source": "template", "template": os.path.basename(str(template_filepath))})
    sw, sh = max(1, slot[2] - slot[0]), max(1, slot[3] - slot[1])
    src = image.convert("RGBA") if image.mode in ("RGBA", "LA", "PA") else image.convert("RGB")
    fitted, (ox, oy), crop = _fit_into(src, sw, sh, crop_src_to_fit)
    frame.paste(pad, (slot[0], slot[1], slot[0] + sw, slot[1] + sh))
    x, y = slot[0] + ox, slot[1] + oy
    if fitted.mode == "RGBA":
        frame.paste(fitted, (x, y), fitted)
    else:
        frame.paste(fitted, (x, y))
    FW, FH = frame.size
    info.update({"slot": slot, "slot_norm": [slot[0] / FW, slot[1] / FH, slot[2] / FW, slot[3] / FH], "src_crop": crop,
                 "placed": [x, y, x + fitted.width, y + fitted.height],
                 "placed_norm": [x / FW, y / FH, (x + fitted.width) / FW, (y + fitted.height) / FH]})
    return Out(frame, info)
