"""Text overlays: plain and wrapped text, random strings, clickbait captions on panels, ranking lists.

Text is a real ``str`` (``\\n`` starts a new line); characters missing from the font are drawn with shipped fallback
faces and emoji with the shipped emoji images (:mod:`multiaug.image.kernels.text_render`). Boxes are unchanged (the
text is drawn over the content; like AugLy, overlays never occlude a box). Random overlays draw every value —
position, colour, characters, phrases — before anything is drawn, from the call's seed.
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import text_overlay
from ..kernels.text_render import area_fraction
from ..modality import IMAGE, PILImage
from ..resources import constants as C
from ..resources.fonts import resolve_font_file
from ..resources.phrases import CLICKBAIT_PHRASES, PANEL_COLORS
from ..targets import box_rules
from .intensity import overlay, overlay_intensity, text_area_intensity
from .parameters import (
    RGB,
    ColorOrName,
    FontFile,
    Opacity,
    OptionalRGB,
    Seed,
    Text,
    font_list_ok,
    phrases_ok,
    positions_ok,
    ranking_ok,
)

_FONT_SIZE = Annotated[float, Range(0, 1, low_open=True), Unit("frac of min(W, H)")]


@augmentation(IMAGE, intensity=overlay_intensity("font_size"), bbox=box_rules.unchanged)
def overlay_text(
    image: PILImage,
    text: Text = "multiaug",
    font_file: FontFile = C.FONT_PATH,
    font_size: _FONT_SIZE = 0.15,
    opacity: Opacity = 1.0,
    color: RGB = C.RED_RGB_COLOR,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.0,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.5,
) -> Out:
    """Draw text with its top-left corner at (x_pos·W, y_pos·H).

    Unlike AugLy (lists of glyph indices into a pickled glyph list), ``text`` is a real ``str``;
    ``"\\n"`` starts a new line. Lists of ints are rejected with an error. Characters missing from
    ``font_file`` are drawn with a shipped fallback face (Latin, Arabic, CJK, Indic, Hebrew, Thai,
    symbols) and emoji with the shipped emoji images, so nothing renders as a tofu box.

    Args:
        text: the text (non-empty ``str``; ``\\n`` for new lines).
        font_file: font path or shipped font name (AugLy default: Noto Naskh Arabic).
        font_size: font size as a fraction of min(W, H), in (0, 1].
        opacity: text opacity in [0, 1].
        color: text colour (r, g, b).
        x_pos: left edge as a fraction of the width, in [0, 1].
        y_pos: top edge as a fraction of the height, in [0, 1].
    """
    font = resolve_font_file(font_file, "overlay_text")
    out, px, rect = text_overlay.draw_text(image, text, font, font_size, opacity, color, x_pos, y_pos)
    return Out(out, {"font_px": px, "text_box": list(rect) if rect else None})


def _draw_wrap(rng: np.random.Generator, params: dict[str, Any], image: Image.Image) -> dict[str, Any]:
    """The font ratio (uniform in [min, max] unless ``font_size``), the colour (uniform bytes unless ``color``), then
    the top-left corner uniform over the positions that keep the wrapped block inside; from ``random_seed`` when set."""
    lo, hi, size, color = (params[k] for k in ("min_font_size_ratio", "max_font_size_ratio", "font_size", "color"))
    if size is None and lo > hi:
        raise InvalidParameterError(f"overlay_wrap_text: argument 'min_font_size_ratio' ({lo}) must be <= "
                                    f"'max_font_size_ratio' ({hi})", function="overlay_wrap_text", argument="min_font_size_ratio")
    rng = np.random.default_rng(params["random_seed"]) if params["random_seed"] is not None else rng
    font = resolve_font_file(params["font_file"], "overlay_wrap_text")
    W, H = image.size
    ratio = size if size is not None else float(rng.uniform(lo, hi))
    col = tuple(color) if color is not None else tuple(int(v) for v in rng.integers(0, 256, 3))
    _, _, lay = text_overlay.wrap_to_fit(params["text"], font, W, H, ratio)
    x = int(rng.integers(0, max(1, W - lay.width) + 1))
    return {"font_ratio": ratio, "fill": col, "position": (x, int(rng.integers(0, max(1, H - lay.height) + 1)))}


@augmentation(IMAGE, intensity=text_area_intensity, bbox=box_rules.unchanged, example={"text": "Hello world"},
              draw=_draw_wrap)
def overlay_wrap_text(
    image: PILImage,
    text: Text,
    min_font_size_ratio: _FONT_SIZE = 0.02,
    max_font_size_ratio: _FONT_SIZE = 0.2,
    font_file: FontFile = C.DEFAULT_TEXT_OVERLAY_FONT_PATH,
    font_size: Annotated[float | None, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = None,
    color: OptionalRGB = None,
    random_seed: Annotated[int | None, Range(0, None)] = None,
    *,
    seed: Seed = None,
    font_ratio: Drawn,
    fill: Drawn,
    position: Drawn,
) -> Out:
    """Word-wrap ``text`` to the image width and draw it at a random position.

    Intensity (AugLy has none): 100 × (area of the drawn text block ÷ image area), capped at 100.

    Args:
        text: the text (non-empty ``str``; ``\\n`` forces a line break).
        min_font_size_ratio: smallest font size (fraction of min(W, H)) when ``font_size`` is None (<= max).
        max_font_size_ratio: largest font size (fraction of min(W, H)) when ``font_size`` is None.
        font_file: font path or shipped font name (default: a script face, like AugLy's Allura).
        font_size: font size as a fraction of min(W, H); None draws it in [min, max] ratio.
        color: text colour (r, g, b); None draws a random colour.
        random_seed: AugLy-compatible seed alias: when set, it seeds the draws instead of ``seed``.
        seed: multiaug seed (int, Generator or None); used when ``random_seed`` is None.
    """
    font = resolve_font_file(font_file, "overlay_wrap_text")
    px, wrapped, _ = text_overlay.wrap_to_fit(text, font, *image.size, font_ratio)
    out, rect = text_overlay.draw_layer_text(image, wrapped, font, px, position, fill=tuple(fill))
    return Out(out, {"font_px": px, "color": list(fill), "position": list(position), "lines": wrapped.count("\n") + 1,
                     "text_area_fraction": area_fraction([rect], *image.size)})


_ALNUM = string.ascii_letters + string.digits


def _draw_random_text(rng: np.random.Generator, params: dict[str, Any], image: Image.Image) -> dict[str, Any]:
    """``max(1, int(max_text_length·scale_factor))`` alphanumeric characters, 1–3 line breaks at distinct places,
    then the top-left corner uniform over the positions that keep the fitted text inside."""
    W, H = image.size
    n = max(1, int(params["max_text_length"] * params["scale_factor"]))
    chars = [_ALNUM[i] for i in rng.integers(0, len(_ALNUM), n)]
    breaks = min(n - 1, int(rng.integers(1, 4)))
    for pos in sorted(rng.choice(np.arange(1, n), size=breaks, replace=False).tolist(), reverse=True) if breaks else []:
        chars.insert(pos, "\n")
    font = resolve_font_file(params["font_file"], "overlay_random_text")
    _, lw, lh = text_overlay.fitting_size("".join(chars), font, min(int(params["font_size"]), max(W, H)), W, H)
    x = int(rng.integers(0, max(0, W - lw) + 1))
    return {"text": "".join(chars), "position": (x, int(rng.integers(0, max(0, H - lh) + 1)))}


@augmentation(IMAGE, intensity=text_area_intensity, bbox=box_rules.unchanged, draw=_draw_random_text)
def overlay_random_text(
    image: PILImage,
    scale_factor: Annotated[float, Range(0, 1, low_open=True)] = 0.5,
    font_size: Annotated[int, Range(1, None), Unit("px")] = 50,
    font_file: FontFile = C.MONTSERRAT_FONT,
    max_text_length: Annotated[int, Range(1, 1000), Unit("characters")] = 30,
    seed: Seed = None,
    text_color: RGB = C.WHITE_RGB_COLOR,
    outline_color: RGB = C.DEFAULT_COLOR,
    *,
    text: Drawn,
    position: Drawn,
) -> Out:
    """Draw a random alphanumeric string (1-3 line breaks), outlined, at a random position.

    The string has ``max(1, int(max_text_length·scale_factor))`` characters; the font shrinks when
    the text would not fit the image. All draws come from ``seed`` (never the global ``random``).
    Intensity (AugLy has none): 100 × (area of the text block ÷ image area), capped at 100.

    Args:
        scale_factor: share of ``max_text_length`` drawn, in (0, 1].
        font_size: font size in px (>= 1).
        font_file: font path or shipped font name (AugLy's MONTSERRAT_FONT; here Noto Sans Bold).
        max_text_length: maximum number of characters, in [1, 1000].
        seed: int, numpy Generator or None (fresh entropy); recorded.
        text_color: text colour (r, g, b).
        outline_color: outline colour (r, g, b).
    """
    font = resolve_font_file(font_file, "overlay_random_text")
    W, H = image.size
    px, _, _ = text_overlay.fitting_size(text, font, min(int(font_size), max(W, H)), W, H)
    out, rect = text_overlay.draw_layer_text(image, text, font, px, position, tuple(text_color), max(1, px // 16),
                                             tuple(outline_color))
    return Out(out, {"text": text, "font_px": px, "position": list(position), "text_area_fraction": area_fraction([rect], W, H)})


def _rwtb_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """overlay(box_opacity, scale_factor) + 20·min(num_overlays/5, 1) + 10·|text_rotation|/45 + (1 if bold or stroke)."""
    rot = min(abs(params["text_rotation"]), 45.0)
    return (overlay(params["box_opacity"], params["scale_factor"]) + 20.0 * min(params["num_overlays"] / 5.0, 1.0)
            + 10.0 * rot / 45.0 + (1.0 if params["bold"] or params["stroke_width"] > 0 else 0.0))


def _draw_captions(rng: np.random.Generator, params: dict[str, Any], image: Image.Image) -> dict[str, Any]:
    """Per caption: a phrase, a font (from ``font_file`` when a list), a panel colour (unless ``box_color``), and
    for ``placement="random"`` the card's top-left corner, uniform over the positions that keep it inside."""
    W, H = image.size
    p = params
    fonts = [resolve_font_file(f, "overlay_random_text_with_background")
             for f in ([p["font_file"]] if isinstance(p["font_file"], str) else list(p["font_file"] or []))]
    pool = list(p["phrases"]) if p["phrases"] else list(CLICKBAIT_PHRASES)
    rot = max(-45.0, min(45.0, float(p["text_rotation"])))
    stroke = p["stroke_width"] + (1 if p["bold"] and fonts else 0)
    captions = []
    for _ in range(p["num_overlays"]):
        cap = {"phrase": pool[int(rng.integers(len(pool)))],
               "font": fonts[int(rng.integers(len(fonts)))] if fonts else text_overlay.default_caption_font(p["bold"], C.DEFAULT_FONT),
               "box_color": tuple(p["box_color"]) if p["box_color"] is not None else PANEL_COLORS[int(rng.integers(len(PANEL_COLORS)))]}
        if p["placement"] == "random":
            plan = text_overlay.caption_layout(cap["phrase"], cap["font"], W, H, p["font_size"], p["scale_factor"],
                                               p["padding"], p["num_overlays"], stroke)
            cw, ch = text_overlay.rotated_size(plan.width, plan.height, rot)
            cap["position"] = (int(rng.integers(0, max(0, W - cw) + 1)), int(rng.integers(0, max(0, H - ch) + 1)))
        captions.append(cap)
    return {"captions": captions}


@augmentation(IMAGE, intensity=_rwtb_intensity, bbox=box_rules.unchanged, draw=_draw_captions)
def overlay_random_text_with_background(
    image: PILImage,
    scale_factor: Annotated[float, Range(0, 1, low_open=True), Unit("frac of width")] = 0.5,
    font_size: Annotated[int, Range(1, None), Unit("px")] = 40,
    font_file: Annotated[Any, Check(font_list_ok, "must be None, a font path/name or a non-empty list of them")] = None,
    seed: Seed = None,
    text_color: OptionalRGB = None,
    box_color: OptionalRGB = None,
    box_opacity: Opacity = 0.9,
    padding: Annotated[int, Range(0, 1000), Unit("px")] = 15,
    placement: Literal["bottom", "top", "center", "random"] = "bottom",
    text_rotation: Annotated[float, Range(-360, 360), Unit("degrees")] = 0.0,
    bold: bool = False,
    stroke_width: Annotated[int, Range(0, 100), Unit("px")] = 0,
    box_bg_mode: Literal["solid", "gradient"] = "solid",
    gradient_direction: Literal["horizontal", "vertical"] = "horizontal",
    gradient_end_color: OptionalRGB = None,
    num_overlays: Annotated[int, Range(1, 20)] = 1,
    phrases: Annotated[Any, Check(phrases_ok, "must be None or a non-empty list of non-empty str")] = None,
    *,
    captions: Drawn,
) -> Out:
    """Add meme/clickbait captions on solid or gradient rounded panels.

    Each of ``num_overlays`` captions: a phrase drawn from ``phrases`` (default: 25 built-in
    clickbait lines), wrapped to ``scale_factor``·W, on a panel with ``padding``, placed at
    ``placement`` (stacked when several), rotated by ``text_rotation`` (clamped to ±45°).

    Args:
        scale_factor: panel width as a fraction of the image width, in (0, 1].
        font_size: font size in px (shrunk when the caption would not fit).
        font_file: font path/name, a list to draw one from, or None (Noto Sans / Noto Sans Bold).
        seed: int, numpy Generator or None (fresh entropy); recorded.
        text_color: text colour; None picks black or white for contrast with the panel.
        box_color: panel colour; None draws one from a palette.
        box_opacity: panel opacity in [0, 1].
        padding: space between text and panel edge, in px, in [0, 1000].
        placement: "bottom", "top", "center" or "random".
        text_rotation: rotation in degrees (counter-clockwise), clamped to [-45, 45].
        bold: use a bold face (or a 1 px same-colour stroke for a custom font).
        stroke_width: black text outline width in px, in [0, 100].
        box_bg_mode: "solid" or "gradient".
        gradient_direction: "horizontal" or "vertical".
        gradient_end_color: gradient end colour; None darkens ``box_color``.
        num_overlays: number of captions, in [1, 20].
        phrases: list of phrases to draw from; None uses the built-in list.
    """
    rot = max(-45.0, min(45.0, float(text_rotation)))
    out, drawn, rects = text_overlay.draw_captions(
        image, captions, font_size, scale_factor, padding, placement, rot, text_color, stroke_width,
        1 if bold and font_file is not None else 0, box_opacity, box_bg_mode, gradient_direction, gradient_end_color)
    return Out(out, {"overlays": drawn, "text_area_fraction": area_fraction(rects, *image.size), "rotation": rot})


def _ranking_items(ranking_dict: dict[Any, str], positions: Any) -> list[tuple[int, str]]:
    items = sorted(((int(str(k).strip()), v) for k, v in ranking_dict.items()), key=lambda kv: kv[0])
    if positions is None and len(items) > 20:
        raise InvalidParameterError("ranking_numbers: argument 'ranking_dict' has more than 20 entries; pass positions=",
                                    function="ranking_numbers", argument="ranking_dict")
    if positions is not None and len(positions) < len(items):
        raise InvalidParameterError(f"ranking_numbers: argument 'positions' needs {len(items)} entries, got {len(positions)}",
                                    function="ranking_numbers", argument="positions")
    return items


@augmentation(IMAGE, intensity=text_area_intensity, bbox=box_rules.unchanged,
              example={"ranking_dict": {1: "Best", 2: "Good", 3: "Okay"}})
def ranking_numbers(
    image: PILImage,
    ranking_dict: Annotated[dict, Check(ranking_ok, "must be a non-empty dict {rank (int): label (str)}")],
    positions: Annotated[Any, Check(positions_ok, "must be None or a list of (x, y) fractions in [0, 1]")] = None,
    font_file: FontFile = C.MEME_DEFAULT_FONT,
    font_size: _FONT_SIZE = 0.15,
    number_color: ColorOrName = "white",
    ranking_color: ColorOrName = "yellow",
    left_dist: Annotated[int, Range(0, None), Unit("px")] = 50,
    stroke_width: Annotated[int, Range(0, 100), Unit("px")] = 3,
    stroke_fill: ColorOrName = C.DEFAULT_COLOR,
) -> Out:
    """Draw a numbered ranking list ("1. label") down the left side, outlined.

    Entries are sorted by rank (keys may be ints or digit strings, so JSON records replay). Without
    ``positions``, at most 20 entries are laid out in equal rows from the top, ``left_dist`` px from
    the left; the font is ``font_size``·min(W, H) px, shrunk so every row fits the height.
    Intensity (AugLy has none): 100 × (area covered by the drawn entries ÷ image area), capped at 100.

    Args:
        ranking_dict: {rank: label}, e.g. {1: "Best", 2: "Runner-up"}.
        positions: optional top-left (x, y) of each entry (in rank order) as fractions of W, H.
        font_file: font path or shipped font name (default: the meme face).
        font_size: font size as a fraction of min(W, H), in (0, 1].
        number_color: colour of the rank numbers "1." (name or (r, g, b)).
        ranking_color: colour of the labels (name or (r, g, b)).
        left_dist: left margin in px when ``positions`` is None.
        stroke_width: outline width in px, in [0, 100].
        stroke_fill: outline colour (name or (r, g, b)).
    """
    items = _ranking_items(ranking_dict, positions)
    out, px, rects = text_overlay.draw_ranking(image, items, positions, resolve_font_file(font_file, "ranking_numbers"),
                                               font_size, number_color, ranking_color, left_dist, stroke_width, stroke_fill)
    return Out(out, {"font_px": px, "entries": len(items), "text_area_fraction": area_fraction(rects, *image.size)})
