"""Procedural social-media screenshot frames: four layouts (desktop feed post, mobile feed post, story, chat) in
light/dark themes, drawn with Pillow at any scale, with an empty image slot; placing an image into a slot (fit or
cover). Frame text (names, captions, counts, times) comes from :func:`draw_content`, which the declaration's draw
runs before anything is drawn; the tables are in :mod:`multiaug.image.resources.phrases`.

Coordinates are nominal px (a 1280-px-wide desktop canvas, 430-px phones) times the frame's scale.
"""

from __future__ import annotations

import functools
import math
from typing import Any, NamedTuple

import numpy as np
from PIL import Image, ImageDraw

from ...core.errors import InvalidParameterError
from ..resources import constants as C
from ..resources import phrases as ph
from ..resources.fonts import get_basic_font, get_font
from . import text_render as tr

THEMES: dict[str, dict[str, tuple[int, int, int]]] = {
    "light": {"page": (240, 242, 245), "card": (255, 255, 255), "text": (20, 20, 20), "muted": (101, 103, 107),
              "border": (219, 219, 219), "accent": (24, 119, 242), "pad": (239, 239, 239), "bubble_in": (233, 233, 235),
              "bubble_out": (10, 132, 255), "field": (240, 242, 245)},
    "dark": {"page": (0, 0, 0), "card": (24, 25, 26), "text": (228, 230, 235), "muted": (150, 153, 158),
             "border": (54, 55, 57), "accent": (45, 136, 255), "pad": (12, 12, 12), "bubble_in": (38, 38, 40),
             "bubble_out": (10, 132, 255), "field": (58, 59, 60)},
}
LAYOUTS = ("desktop", "mobile", "story", "chat")
#: nominal (canvas width, slot width) px per layout
NOMINAL = {"desktop": (1280, 600), "mobile": (430, 430), "story": (432, 432), "chat": (430, 284)}
#: slot aspect (width / height) limits per layout
ASPECT = {"desktop": (0.8, 1.91), "mobile": (0.8, 1.91), "story": (0.5625, 1.91), "chat": (0.75, 1.5)}


class Content(NamedTuple):
    """The random text and colours of one frame (:func:`draw_content`)."""

    display: str
    handle: str
    caption: str
    likes: int
    comments: int
    shares: int
    time: str
    clock: str
    friend: str
    avatar: tuple[int, int, int]
    chat: list[str]
    outgoing: bool
    brand: str


def draw_content(rng: np.random.Generator) -> dict[str, Any]:
    """A frame's random content from ``rng`` (JSON-safe: the fields of :class:`Content`): user name and handle,
    caption, like/comment/share counts (log-uniform likes), post age, clock, a friend's handle, avatar colour, 1–3
    chat lines, the chat direction and the app name, drawn in that order."""
    def pick(seq: Any) -> Any:
        return seq[int(rng.integers(len(seq)))]

    first, last = pick(ph.FIRST_NAMES), pick(ph.LAST_NAMES)
    display = f"{first.capitalize()} {last.capitalize()}"
    handle = f"{first}{pick(('_', '.', ''))}{pick(ph.HANDLE_TAGS)}" + (
        str(int(rng.integers(1, 100))) if rng.random() < 0.4 else "")
    cap = pick(ph.FEED_CAPTIONS)
    caption = cap.format(noun=pick(ph.CAPTION_NOUNS), adj=pick(ph.CAPTION_ADJECTIVES),
                         adj2=pick(ph.CAPTION_ADJECTIVES).lower(), e=pick(ph.CAPTION_EMOJI))
    likes = int(10 ** rng.uniform(1.0, 6.3))
    comments = int(likes * rng.uniform(0.01, 0.2))
    shares = int(likes * rng.uniform(0.0, 0.05))
    unit = pick(("m", "h", "h", "d"))
    time = f"{int(rng.integers(1, 24 if unit == 'h' else 59 if unit == 'm' else 7))}{unit}"
    clock = f"{int(rng.integers(7, 12))}:{int(rng.integers(0, 60)):02d}"
    friend = f"{pick(ph.FIRST_NAMES)}{pick(('', '_', '.'))}{pick(ph.HANDLE_TAGS)}"
    avatar = [int(v) for v in rng.integers(60, 230, 3)]
    chat = [pick(ph.CHAT_LINES) for _ in range(int(rng.integers(1, 4)))]
    outgoing = bool(rng.random() < 0.5)
    return {"display": display, "handle": handle, "caption": caption, "likes": likes, "comments": comments,
            "shares": shares, "time": time, "clock": clock, "friend": friend, "avatar": avatar, "chat": chat,
            "outgoing": outgoing, "brand": pick(ph.APP_BRANDS)}


def _content(content: dict[str, Any]) -> Content:
    return Content(**{**content, "avatar": tuple(content["avatar"])})


def content_info(content: dict[str, Any]) -> dict[str, Any]:
    """What a record shows of a frame's content."""
    return {"user": content["handle"], "display_name": content["display"], "caption": content["caption"],
            "likes": content["likes"], "comments": content["comments"], "time": content["time"],
            "messages": content["chat"]}


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

    def avatar(self, cx: float, cy: float, r: float, c: Content) -> None:
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

    def actions(self, x: float, y: float, c: Content, counts: bool) -> None:
        col = self.pal["text"]
        self.heart(x, y, 22, col)
        self.bubble_icon(x + 40, y, 22, col)
        self.plane(x + 80, y, 22, col)
        if counts:
            self.text(x + 118, y + 3, f"{_count(c.likes)}  ·  {_count(c.comments)} comments", 14, self.pal["muted"])


def _post_header(p: _Painter, x: float, y: float, w: float, c: Content) -> None:
    p.avatar(x + 28, y + 28, 18, c)
    p.text(x + 56, y + 10, c.handle, 15, p.pal["text"], bold=True)
    p.text(x + 56, y + 30, f"{c.time} · Public", 13, p.pal["muted"])
    for i in range(3):
        p.circle(x + w - 30 + i * 7, y + 28, 2, fill=p.pal["muted"])


def _geometry(layout: str, slot_h: float, c: Content) -> tuple[float, float, tuple[float, float, float, float]]:
    """Nominal (canvas width, canvas height, slot box) of a layout for a slot ``slot_h`` high."""
    cw, sw = NOMINAL[layout]
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


def _frame(layout: str, pal: dict[str, tuple[int, int, int]], s: float, slot_h: float, c: Content) -> tuple[Image.Image, tuple[float, float, float, float]]:
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
            for i, n in enumerate(ph.CAPTION_NOUNS[:4]):
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
    c = _content(draw_content(np.random.default_rng(seed)))
    lo, hi = ASPECT[layout]
    slot_h = NOMINAL[layout][1] / min(max(slot_aspect, lo), hi)
    img, slot = _frame(layout, THEMES[theme], scale, slot_h, c)
    box = [round(v * scale) for v in slot]
    ImageDraw.Draw(img).rectangle([box[0], box[1], box[2] - 1, box[3] - 1], fill=THEMES[theme]["pad"])
    return img, box


def fit_into(img: Image.Image, slot_w: int, slot_h: int, crop: bool) -> tuple[Image.Image, tuple[int, int], list[float]]:
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


def procedural_frame(layout: str, theme: str, content: dict[str, Any], image_size: tuple[int, int], crop: bool,
                     keep_frame_size: bool, max_pixels: int | None) -> tuple[Image.Image, list[int], tuple[int, ...]]:
    """A frame for an image of ``image_size``: the slot follows the image's aspect within the layout's limits; scale
    1 when ``keep_frame_size``, else the scale at which the image keeps (about) its resolution (cover when
    ``crop``, fit otherwise); shrunk to at most ``max_pixels`` px. Returns (frame, slot [l, u, r, d] px, slot
    padding colour)."""
    iw, ih = image_size
    c = _content(content)
    lo, hi = ASPECT[layout]
    slot_w_nom = NOMINAL[layout][1]
    slot_h_nom = slot_w_nom / min(max(iw / ih, lo), hi)
    cw, ch, _ = _geometry(layout, slot_h_nom, c)
    if keep_frame_size:
        s = 1.0
    else:
        ratios = (iw / slot_w_nom, ih / slot_h_nom)
        s = min(ratios) if crop else max(ratios)
    if max_pixels is not None and cw * ch * s * s > max_pixels:
        s = math.sqrt(max_pixels / (cw * ch))
    frame, slot_nom = _frame(layout, THEMES[theme], s, slot_h_nom, c)
    pad = (0, 0, 0) if layout == "story" else THEMES[theme]["pad"]
    return frame, [round(v * s) for v in slot_nom], pad


def fit_template(template: Image.Image, box: list[int], image_size: tuple[int, int], crop: bool,
                 keep_frame_size: bool, max_pixels: int | None) -> tuple[Image.Image, list[int]]:
    """A template with content ``box`` for an image of ``image_size``, scaled like :func:`procedural_frame` (BICUBIC;
    unchanged at scale 1). Returns (frame, slot [l, u, r, d] px)."""
    iw, ih = image_size
    k = 1.0
    if not keep_frame_size:
        ratios = (iw / (box[2] - box[0]), ih / (box[3] - box[1]))
        k = min(ratios) if crop else max(ratios)
    if max_pixels is not None and template.width * template.height * k * k > max_pixels:
        k = math.sqrt(max_pixels / (template.width * template.height))
    if k == 1.0:
        return template, list(box)
    size = (max(1, round(template.width * k)), max(1, round(template.height * k)))
    return template.resize(size, Image.Resampling.BICUBIC), [round(v * k) for v in box]


def place_in_slot(frame: Image.Image, slot: list[int], pad: Any, image: Image.Image,
                  crop: bool) -> tuple[Image.Image, dict[str, Any]]:
    """``image`` fitted into (or, with ``crop``, covering) the ``slot`` of ``frame``, centred, on ``pad``; ``frame``
    is drawn on (pass a frame you own). Returns (frame, facts: slot, slot_norm, src_crop — the shown part of the
    image as fractions — placed and placed_norm — the pasted rectangle)."""
    sw, sh = max(1, slot[2] - slot[0]), max(1, slot[3] - slot[1])
    src = image.convert("RGBA") if image.mode in ("RGBA", "LA", "PA") else image.convert("RGB")
    fitted, (ox, oy), shown = fit_into(src, sw, sh, crop)
    frame.paste(pad, (slot[0], slot[1], slot[0] + sw, slot[1] + sh))
    x, y = slot[0] + ox, slot[1] + oy
    if fitted.mode == "RGBA":
        frame.paste(fitted, (x, y), fitted)
    else:
        frame.paste(fitted, (x, y))
    FW, FH = frame.size
    return frame, {"slot": slot, "slot_norm": [slot[0] / FW, slot[1] / FH, slot[2] / FW, slot[3] / FH],
                   "src_crop": shown, "placed": [x, y, x + fitted.width, y + fitted.height],
                   "placed_norm": [x / FW, y / FH, (x + fitted.width) / FW, (y + fitted.height) / FH]}
