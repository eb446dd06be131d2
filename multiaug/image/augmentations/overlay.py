"""Overlays: emoji, images, stripes, text (plain, wrapped, random, clickbait panels) and ranking lists.

Box rules: ``overlay_image`` occludes boxes under the real pasted rectangle (when opaque enough);
``overlay_onto_background_image`` places boxes inside the pasted image; emoji, stripe and text
overlays leave boxes unchanged (they are drawn over the content, nothing moves; like AugLy, they
never occlude a box).
"""

from __future__ import annotations

import functools
import os
import string
from typing import Annotated, Any, Literal

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.registry import Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import text_render as tr
from ..kernels.modes import has_alpha, working_copy
from ..kernels.stripes import stripe_mask
from ..modality import IMAGE, cached_file, load_image_cached
from ..resources import constants as C
from ..resources import emoji as em
from ..resources.fonts import font_for_role, resolve_font_file
from ..targets import box_rules as bb
from ..targets import mask_rules, point_rules

Box = tuple[float, float, float, float]
_RGB, _COLOR, _FONT, _TEXT, _OPT_RGB = tr.RGB_CHECK, tr.COLOR_CHECK, tr.FONT_CHECK, tr.TEXT_CHECK, tr.OPT_RGB_CHECK

def _overlay(opacity: float, size: float) -> float:
    return opacity * size * size * 100.0


def _overlay_intensity(size: str) -> Any:
    """AugLy's overlay intensity rule on the ``opacity`` and ``size`` parameters."""

    def rule(params: dict[str, Any], facts: dict[str, Any]) -> float:
        return _overlay(params["opacity"], params[size])

    rule.__doc__ = f"overlay(opacity, {size}) = opacity * {size}^2 * 100."
    rule.__name__ = f"overlay_intensity_{size}"
    return rule


def _text_area_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 x (area of the drawn text block(s) / image area), capped at 100."""
    return 100.0 * float(facts["info"].get("text_area_fraction", 0.0))


def _resize(img: Image.Image, w: int, h: int) -> Image.Image:
    if (w, h) == img.size:
        return img
    if 2 * h < img.height:  # strong downscale: LANCZOS against aliasing
        return img.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return img.resize((w, h), Image.Resampling.BICUBIC)


@functools.lru_cache(maxsize=16)
def _resized_file(key: tuple[Any, ...], w: int, h: int) -> Image.Image:
    return _resize(cached_file(*key), w, h)


def _paste_scaled(base: Image.Image, overlay: Image.Image, height: int, xy: tuple[int, int], opacity: float,
                  key: tuple[Any, ...] | None = None) -> tuple[int, int, int, int] | None:
    h = max(1, int(height))
    w = max(1, int(overlay.width * h / overlay.height))
    small = w * h <= 4096 * 4096
    scaled = _resized_file(key, w, h) if key is not None and small else _resize(overlay, w, h)
    return tr.composite(base, scaled, xy, opacity)


# ---------------------------------------------------------------------------------------------
@augmentation(IMAGE, intensity=_overlay_intensity("emoji_size"), bbox=bb.unchanged)
def overlay_emoji(
    image: Any,
    output_path: str | None = None,
    emoji_path: Annotated[str, Check(em.is_emoji, "must be an image path, an emoji such as '🔥' or a ':shortcode:'")] = C.EMOJI_PATH,
    opacity: Annotated[float, Range(0, 1)] = 1.0,
    emoji_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of height")] = 0.15,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.8,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Paste an emoji: height ``emoji_size``·H, aspect kept, top-left corner at (x_pos·W, y_pos·H).

    The shipped emoji are 512 px Twemoji art, downscaled with LANCZOS (cached), so big emoji stay sharp.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        emoji_path: emoji image path, the emoji itself ("🔥") or a shortcode (":fire:").
        opacity: emoji opacity in [0, 1].
        emoji_size: emoji height as a fraction of the image height, in (0, 10].
        x_pos: left edge as a fraction of the image width, in [0, 1].
        y_pos: top edge as a fraction of the image height, in [0, 1].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged: overlays never occlude in AugLy's rules).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    path = em.resolve_emoji(emoji_path, "overlay_emoji")
    out = working_copy(image)
    h = max(1, int(image.height * emoji_size))
    if h <= 2048:  # cached, LANCZOS from the 512 px art
        emo = em.scaled_emoji(path, h)
    else:  # very large: not cached (memory)
        src = em.load_rgba(path)
        emo = src.resize((max(1, round(h * src.width / src.height)), h), Image.Resampling.BICUBIC)
    rect = tr.composite(out, emo, (int(image.width * x_pos), int(image.height * y_pos)), opacity)
    return Out(out, {"emoji_file": os.path.basename(path), "pasted": list(rect) if rect else None})


# ---------------------------------------------------------------------------------------------
_occlude_pasted = bb.occlude_rule("pasted")


def occlusion_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Occlusion by the real pasted rectangle when opacity >= max_visible_opacity: covered boxes
    vanish, boxes covered across a whole edge are trimmed, holes in the middle are ignored."""
    if params["opacity"] < params["max_visible_opacity"]:
        return list(boxes)
    return _occlude_pasted(boxes, params, facts)


def _norm_rect(rect: tuple[int, int, int, int] | None, w: int, h: int) -> list[float] | None:
    return None if rect is None else [rect[0] / w, rect[1] / h, rect[2] / w, rect[3] / h]


def _example_overlay() -> dict[str, Any]:
    from ...assets import asset_path

    return {"overlay": str(asset_path("image", "samples", "coffee.jpg"))}


@augmentation(IMAGE, intensity=_overlay_intensity("overlay_size"), bbox=occlusion_rule, example=_example_overlay,
              keypoints=point_rules.unchanged, masks=mask_rules.unchanged)
def overlay_image(
    image: Any,
    overlay: Any,
    output_path: str | None = None,
    opacity: Annotated[float, Range(0, 1)] = 1.0,
    overlay_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of height")] = 1.0,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.4,
    max_visible_opacity: Annotated[float, Range(0, 1)] = 0.75,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Paste another image: height ``overlay_size``·H, aspect kept, top-left at (x_pos·W, y_pos·H).

    Args:
        image: file path, PIL image or uint8 ndarray.
        overlay: the image to paste (path, PIL image or uint8 ndarray); its alpha channel is used.
        output_path: if given, the result is also written there.
        opacity: overlay opacity in [0, 1].
        overlay_size: overlay height as a fraction of the image height, in (0, 10].
        x_pos: left edge as a fraction of the image width, in [0, 1].
        y_pos: top edge as a fraction of the image height, in [0, 1].
        max_visible_opacity: boxes are occluded only when opacity >= this value, in [0, 1].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes; fully covered ones become None, ones covered across an edge are trimmed.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    ov, key = load_image_cached(overlay, "overlay", "overlay_image")
    out = working_copy(image)
    W, H = image.size
    rect = _paste_scaled(out, ov, int(H * overlay_size), (int(W * x_pos), int(H * y_pos)), opacity, key)
    return Out(out, {"pasted": list(rect) if rect else None, "pasted_norm": _norm_rect(rect, W, H)})


# ---------------------------------------------------------------------------------------------
def _background_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 - overlay(opacity, overlay_size)."""
    return 100.0 - _overlay(params["opacity"], params["overlay_size"])


def _example_background() -> dict[str, Any]:
    from ...assets import asset_path

    return {"background_image": str(asset_path("image", "samples", "coffee.jpg"))}


@augmentation(IMAGE, intensity=_background_intensity, bbox=bb.place_rule("placed"), example=_example_background,
              keypoints=point_rules.place("placed"), masks=mask_rules.place("placed"))
def overlay_onto_background_image(
    image: Any,
    background_image: Any,
    output_path: str | None = None,
    opacity: Annotated[float, Range(0, 1)] = 1.0,
    overlay_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of background height")] = 1.0,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of background width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of background height")] = 0.4,
    scale_bg: bool = False,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Paste the image onto a background (the output has the background's size).

    Args:
        image: file path, PIL image or uint8 ndarray (the foreground).
        background_image: the background (path, PIL image or uint8 ndarray).
        output_path: if given, the result is also written there.
        opacity: foreground opacity in [0, 1].
        overlay_size: foreground height as a fraction of the background height, in (0, 10].
        x_pos: left edge as a fraction of the background width, in [0, 1].
        y_pos: top edge as a fraction of the background height, in [0, 1].
        scale_bg: first resize the background to (W / overlay_size, H / overlay_size).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes, moved into the pasted rectangle.
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    bg, _ = load_image_cached(background_image, "background_image", "overlay_onto_background_image")
    if scale_bg:
        size = (max(1, int(image.width / overlay_size)), max(1, int(image.height / overlay_size)))
        if Image.MAX_IMAGE_PIXELS and size[0] * size[1] > Image.MAX_IMAGE_PIXELS:
            raise InvalidParameterError(
                f"overlay_onto_background_image: argument 'overlay_size' = {overlay_size} with scale_bg=True would make a "
                f"{size[0]}x{size[1]} background (over PIL.Image.MAX_IMAGE_PIXELS)",
                function="overlay_onto_background_image", argument="overlay_size")
        bg = bg.resize(size, Image.Resampling.BILINEAR)
    out = working_copy(bg)
    if out.mode != "RGBA" and has_alpha(image):  # no throw-away copy of the foreground
        out = out.convert("RGBA")
    BW, BH = out.size
    h = max(1, int(BH * overlay_size))
    w = max(1, int(image.width * h / image.height))
    x, y = int(BW * x_pos), int(BH * y_pos)
    _paste_scaled(out, image, h, (x, y), opacity)
    return Out(out, {"placed": [x, y, x + w, y + h], "placed_norm": [x / BW, y / BH, (x + w) / BW, (y + h) / BH]})


# ---------------------------------------------------------------------------------------------
def _stripes_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """overlay(line_opacity, mean of the stripe mask)."""
    return _overlay(params["line_opacity"], facts["info"]["mask_fraction"])


@augmentation(IMAGE, intensity=_stripes_intensity, bbox=bb.unchanged)
def overlay_stripes(
    image: Any,
    output_path: str | None = None,
    line_width: Annotated[float, Range(0, 1), Unit("frac of the stripe period")] = 0.5,
    line_color: Annotated[tuple[int, int, int], _RGB] = C.WHITE_RGB_COLOR,
    line_angle: Annotated[float, Range(-360, 360), Unit("degrees")] = 0,
    line_density: Annotated[float, Range(0, 1, high_open=True)] = 0.5,
    line_type: Literal["solid", "dotted", "dashed"] = "solid",
    line_opacity: Annotated[float, Range(0, 1)] = 1.0,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Paint parallel stripes across the image (defaults: white horizontal lines), AugLy's geometry exactly.

    The period across the stripes is ``(1 − line_density)·min(W, H)`` px, one stripe is centred on the image
    and each covers ``line_width`` of the period (see :mod:`multiaug.image.kernels.stripes`). The defaults give
    2–3 wide stripes, as in AugLy.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        line_width: share of each stripe period covered by the line, in [0, 1].
        line_color: line colour (r, g, b).
        line_angle: line angle in degrees, counter-clockwise, in [-360, 360].
        line_density: how close the lines are: period = (1 − density)·min(W, H) px, density in [0, 1)
            (AugLy divides by zero at 1).
        line_type: "solid", "dotted" (cut by perpendicular stripes of the same width) or "dashed" (cut by
            perpendicular stripes of width 0.7).
        line_opacity: line opacity in [0, 1].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    W, H = image.size
    mask = stripe_mask(W, H, line_width, line_angle, line_density, line_type)
    out = image if image.mode == "RGB" else working_copy(image)  # RGB: Image.composite makes a new image
    alpha = Image.fromarray(mask.view(np.uint8) * np.uint8(int(255 * line_opacity)))  # AugLy truncates
    if out.mode == "RGBA":
        layer = Image.new("RGBA", (W, H), tuple(line_color) + (0,))
        layer.putalpha(alpha)
        out.alpha_composite(layer)
    else:
        out = Image.composite(Image.new(out.mode, (W, H), tuple(line_color)), out, alpha)
    return Out(out, {"mask_fraction": float(mask.mean())})


# ---------------------------------------------------------------------------------------------
@augmentation(IMAGE, intensity=_overlay_intensity("font_size"), bbox=bb.unchanged)
def overlay_text(
    image: Any,
    output_path: str | None = None,
    text: Annotated[str, _TEXT] = "multiaug",
    font_file: Annotated[str, _FONT] = C.FONT_PATH,
    font_size: Annotated[float, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = 0.15,
    opacity: Annotated[float, Range(0, 1)] = 1.0,
    color: Annotated[tuple[int, int, int], _RGB] = C.RED_RGB_COLOR,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.0,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.5,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Draw text with its top-left corner at (x_pos·W, y_pos·H).

    Unlike AugLy (lists of glyph indices into a pickled glyph list), ``text`` is a real ``str``;
    ``"\\n"`` starts a new line. Lists of ints are rejected with an error. Characters missing from
    ``font_file`` are drawn with a shipped fallback face (Latin, Arabic, CJK, Indic, Hebrew, Thai,
    symbols) and emoji with the shipped emoji images, so nothing renders as a tofu box.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        text: the text (non-empty ``str``; ``\\n`` for new lines).
        font_file: font path or shipped font name (AugLy default: Noto Naskh Arabic).
        font_size: font size as a fraction of min(W, H), in (0, 1].
        opacity: text opacity in [0, 1].
        color: text colour (r, g, b).
        x_pos: left edge as a fraction of the width, in [0, 1].
        y_pos: top edge as a fraction of the height, in [0, 1].
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    font = resolve_font_file(font_file, "overlay_text")
    W, H = image.size
    px = max(1, int(min(W, H) * font_size))
    layer = tr.render_text(text, font, px, fill=tuple(color))
    out = working_copy(image)
    rect = tr.composite(out, layer, (int(W * x_pos), int(H * y_pos)), opacity)
    return Out(out, {"font_px": px, "text_box": list(rect) if rect else None})


# ---------------------------------------------------------------------------------------------
@augmentation(IMAGE, intensity=_text_area_intensity, bbox=bb.unchanged, example={"text": "Hello world"})
def overlay_wrap_text(
    image: Any,
    text: Annotated[str, _TEXT],
    output_path: str | None = None,
    min_font_size_ratio: Annotated[float, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = 0.02,
    max_font_size_ratio: Annotated[float, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = 0.2,
    font_file: Annotated[str, _FONT] = C.DEFAULT_TEXT_OVERLAY_FONT_PATH,
    font_size: Annotated[float | None, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = None,
    color: Annotated[tuple[int, int, int] | None, _OPT_RGB] = None,
    random_seed: Annotated[int | None, Range(0, None)] = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
    seed: Any = None,
) -> Out:
    """Word-wrap ``text`` to the image width and draw it at a random position.

    Intensity (AugLy has none): 100 × (area of the drawn text block ÷ image area), capped at 100.

    Args:
        image: file path, PIL image or uint8 ndarray.
        text: the text (non-empty ``str``; ``\\n`` forces a line break).
        output_path: if given, the result is also written there.
        min_font_size_ratio: smallest font size (fraction of min(W, H)) when ``font_size`` is None (<= max).
        max_font_size_ratio: largest font size (fraction of min(W, H)) when ``font_size`` is None.
        font_file: font path or shipped font name (default: a script face, like AugLy's Allura).
        font_size: font size as a fraction of min(W, H); None draws it in [min, max] ratio.
        color: text colour (r, g, b); None draws a random colour.
        random_seed: AugLy-compatible seed alias: when set, it seeds the draws instead of ``seed``.
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
        seed: multiaug seed (int, Generator or None); used when ``random_seed`` is None.
    """
    if font_size is None and min_font_size_ratio > max_font_size_ratio:
        raise InvalidParameterError(
            f"overlay_wrap_text: argument 'min_font_size_ratio' ({min_font_size_ratio}) must be <= "
            f"'max_font_size_ratio' ({max_font_size_ratio})", function="overlay_wrap_text", argument="min_font_size_ratio")
    rng = np.random.default_rng(random_seed) if random_seed is not None else seed
    font = resolve_font_file(font_file, "overlay_wrap_text")
    W, H = image.size
    ratio = font_size if font_size is not None else float(rng.uniform(min_font_size_ratio, max_font_size_ratio))
    col = tuple(color) if color is not None else tuple(int(v) for v in rng.integers(0, 256, 3))
    px = max(1, int(min(W, H) * ratio))
    while True:
        wrapped = tr.wrap_lines(text, font, px, W * 0.95)
        lay = tr.layout_text(wrapped, font, px)
        if lay.height <= H or px <= 4:
            break
        px = max(4, int(px * 0.85))
    x = int(rng.integers(0, max(1, W - lay.width) + 1))
    y = int(rng.integers(0, max(1, H - lay.height) + 1))
    out = working_copy(image)
    rect = tr.composite(out, tr.render_text(wrapped, font, px, fill=col), (x, y), 1.0)
    return Out(out, {"font_px": px, "color": list(col), "position": [x, y], "lines": wrapped.count("\n") + 1,
                     "text_area_fraction": tr.area_fraction([rect], W, H)})


# ---------------------------------------------------------------------------------------------
_ALNUM = string.ascii_letters + string.digits


@augmentation(IMAGE, intensity=_text_area_intensity, bbox=bb.unchanged)
def overlay_random_text(
    image: Any,
    output_path: str | None = None,
    scale_factor: Annotated[float, Range(0, 1, low_open=True)] = 0.5,
    font_size: Annotated[int, Range(1, None), Unit("px")] = 50,
    font_file: Annotated[str, _FONT] = C.MONTSERRAT_FONT,
    max_text_length: Annotated[int, Range(1, 1000), Unit("characters")] = 30,
    seed: Any = None,
    text_color: Annotated[tuple[int, int, int], _RGB] = C.WHITE_RGB_COLOR,
    outline_color: Annotated[tuple[int, int, int], _RGB] = C.DEFAULT_COLOR,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Draw a random alphanumeric string (1-3 line breaks), outlined, at a random position.

    The string has ``max(1, int(max_text_length·scale_factor))`` characters; the font shrinks when
    the text would not fit the image. All draws come from ``seed`` (never the global ``random``).
    Intensity (AugLy has none): 100 × (area of the text block ÷ image area), capped at 100.

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
        scale_factor: share of ``max_text_length`` drawn, in (0, 1].
        font_size: font size in px (>= 1).
        font_file: font path or shipped font name (AugLy's MONTSERRAT_FONT; here Noto Sans Bold).
        max_text_length: maximum number of characters, in [1, 1000].
        seed: int, numpy Generator or None (fresh entropy); recorded.
        text_color: text colour (r, g, b).
        outline_color: outline colour (r, g, b).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    font = resolve_font_file(font_file, "overlay_random_text")
    W, H = image.size
    n = max(1, int(max_text_length * scale_factor))
    chars = [_ALNUM[i] for i in seed.integers(0, len(_ALNUM), n)]
    breaks = min(n - 1, int(seed.integers(1, 4)))
    for pos in sorted(seed.choice(np.arange(1, n), size=breaks, replace=False).tolist(), reverse=True) if breaks else []:
        chars.insert(pos, "\n")
    text = "".join(chars)
    layer, px = tr.render_fitting(text, font, min(int(font_size), max(W, H)), W, H, fill=tuple(text_color),
                                  stroke_fill=tuple(outline_color))
    x = int(seed.integers(0, max(0, W - layer.width) + 1))
    y = int(seed.integers(0, max(0, H - layer.height) + 1))
    out = working_copy(image)
    rect = tr.composite(out, layer, (x, y), 1.0)
    return Out(out, {"text": text, "font_px": px, "position": [x, y], "text_area_fraction": tr.area_fraction([rect], W, H)})


# ---------------------------------------------------------------------------------------------
def _rwtb_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """overlay(box_opacity, scale_factor) + 20·min(num_overlays/5, 1) + 10·|text_rotation|/45 + (1 if bold or stroke)."""
    rot = min(abs(params["text_rotation"]), 45.0)
    return (_overlay(params["box_opacity"], params["scale_factor"]) + 20.0 * min(params["num_overlays"] / 5.0, 1.0)
            + 10.0 * rot / 45.0 + (1.0 if params["bold"] or params["stroke_width"] > 0 else 0.0))


@augmentation(IMAGE, intensity=_rwtb_intensity, bbox=bb.unchanged)
def overlay_random_text_with_background(
    image: Any,
    output_path: str | None = None,
    scale_factor: Annotated[float, Range(0, 1, low_open=True), Unit("frac of width")] = 0.5,
    font_size: Annotated[int, Range(1, None), Unit("px")] = 40,
    font_file: Annotated[Any, Check(tr.font_list_ok, "must be None, a font path/name or a non-empty list of them")] = None,
    seed: Any = None,
    text_color: Annotated[tuple[int, int, int] | None, _OPT_RGB] = None,
    box_color: Annotated[tuple[int, int, int] | None, _OPT_RGB] = None,
    box_opacity: Annotated[float, Range(0, 1)] = 0.9,
    padding: Annotated[int, Range(0, 1000), Unit("px")] = 15,
    placement: Literal["bottom", "top", "center", "random"] = "bottom",
    text_rotation: Annotated[float, Range(-360, 360), Unit("degrees")] = 0.0,
    bold: bool = False,
    stroke_width: Annotated[int, Range(0, 100), Unit("px")] = 0,
    box_bg_mode: Literal["solid", "gradient"] = "solid",
    gradient_direction: Literal["horizontal", "vertical"] = "horizontal",
    gradient_end_color: Annotated[tuple[int, int, int] | None, _OPT_RGB] = None,
    num_overlays: Annotated[int, Range(1, 20)] = 1,
    phrases: Annotated[Any, Check(tr.phrases_ok, "must be None or a non-empty list of non-empty str")] = None,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Add meme/clickbait captions on solid or gradient rounded panels.

    Each of ``num_overlays`` captions: a phrase drawn from ``phrases`` (default: 25 built-in
    clickbait lines), wrapped to ``scale_factor``·W, on a panel with ``padding``, placed at
    ``placement`` (stacked when several), rotated by ``text_rotation`` (clamped to ±45°).

    Args:
        image: file path, PIL image or uint8 ndarray.
        output_path: if given, the result is also written there.
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
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    W, H = image.size
    fonts = [font_file] if isinstance(font_file, str) else list(font_file or [])
    fonts = [resolve_font_file(f, "overlay_random_text_with_background") for f in fonts]
    pool = list(phrases) if phrases else list(tr.CLICKBAIT_PHRASES)
    out = working_copy(image)
    rot = max(-45.0, min(45.0, float(text_rotation)))
    panel_w = max(8, int(W * scale_factor))
    drawn, rects, stack = [], [], 0
    for k in range(num_overlays):
        phrase = pool[int(seed.integers(len(pool)))]
        if fonts:
            font = fonts[int(seed.integers(len(fonts)))]
        else:
            font = font_for_role("bold") if bold else C.DEFAULT_FONT
        bc = tuple(box_color) if box_color is not None else tr.PANEL_COLORS[int(seed.integers(len(tr.PANEL_COLORS)))]
        tc = tuple(text_color) if text_color is not None else ((0, 0, 0) if sum(bc) > 450 else (255, 255, 255))
        card, px = tr.caption_card(phrase, font, max(4, min(int(font_size), H)), panel_w, padding, H / num_overlays,
                                   tc, stroke_width + (1 if bold and fonts else 0), (0, 0, 0) if stroke_width else tc,
                                   bc, tuple(gradient_end_color) if gradient_end_color else None, box_bg_mode,
                                   gradient_direction, box_opacity)
        if rot:
            card = card.rotate(rot, resample=Image.Resampling.BICUBIC, expand=True)
        x = (W - card.width) // 2
        if placement == "bottom":
            y = H - card.height - stack - padding
        elif placement == "top":
            y = stack + padding
        elif placement == "center":
            y = (H - card.height) // 2 + (stack if k % 2 else -stack)
        else:
            x = int(seed.integers(0, max(0, W - card.width) + 1))
            y = int(seed.integers(0, max(0, H - card.height) + 1))
        stack += card.height + padding // 2
        rects.append(tr.composite(out, card, (x, y), 1.0))
        drawn.append({"phrase": phrase, "font": font.rsplit("/", 1)[-1], "box_color": list(bc), "text_color": list(tc),
                      "font_px": px, "position": [x, y]})
    return Out(out, {"overlays": drawn, "text_area_fraction": tr.area_fraction(rects, W, H), "rotation": rot})


# ---------------------------------------------------------------------------------------------
@augmentation(IMAGE, intensity=_text_area_intensity, bbox=bb.unchanged,
              example={"ranking_dict": {1: "Best", 2: "Good", 3: "Okay"}})
def ranking_numbers(
    image: Any,
    ranking_dict: Annotated[dict, Check(tr.ranking_ok, "must be a non-empty dict {rank (int): label (str)}")],
    output_path: str | None = None,
    positions: Annotated[Any, Check(tr.positions_ok, "must be None or a list of (x, y) fractions in [0, 1]")] = None,
    font_file: Annotated[str, _FONT] = C.MEME_DEFAULT_FONT,
    font_size: Annotated[float, Range(0, 1, low_open=True), Unit("frac of min(W, H)")] = 0.15,
    number_color: Annotated[Any, _COLOR] = "white",
    ranking_color: Annotated[Any, _COLOR] = "yellow",
    left_dist: Annotated[int, Range(0, None), Unit("px")] = 50,
    stroke_width: Annotated[int, Range(0, 100), Unit("px")] = 3,
    stroke_fill: Annotated[Any, _COLOR] = C.DEFAULT_COLOR,
    metadata: list[dict[str, Any]] | None = None,
    bboxes: list[Any] | None = None,
    bbox_format: str | None = None,
) -> Out:
    """Draw a numbered ranking list ("1. label") down the left side, outlined.

    Entries are sorted by rank (keys may be ints or digit strings, so JSON records replay). Without
    ``positions``, at most 20 entries are laid out in equal rows from the top, ``left_dist`` px from
    the left; the font is ``font_size``·min(W, H) px, shrunk so every row fits the height.
    Intensity (AugLy has none): 100 × (area covered by the drawn entries ÷ image area), capped at 100.

    Args:
        image: file path, PIL image or uint8 ndarray.
        ranking_dict: {rank: label}, e.g. {1: "Best", 2: "Runner-up"}.
        output_path: if given, the result is also written there.
        positions: optional top-left (x, y) of each entry (in rank order) as fractions of W, H.
        font_file: font path or shipped font name (default: the meme face).
        font_size: font size as a fraction of min(W, H), in (0, 1].
        number_color: colour of the rank numbers "1." (name or (r, g, b)).
        ranking_color: colour of the labels (name or (r, g, b)).
        left_dist: left margin in px when ``positions`` is None.
        stroke_width: outline width in px, in [0, 100].
        stroke_fill: outline colour (name or (r, g, b)).
        metadata: list (or Tracker) that receives the record.
        bboxes: boxes (unchanged).
        bbox_format: one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    items = sorted(((int(str(k).strip()), v) for k, v in ranking_dict.items()), key=lambda kv: kv[0])
    if positions is None and len(items) > 20:
        raise InvalidParameterError("ranking_numbers: argument 'ranking_dict' has more than 20 entries; pass positions=",
                                    function="ranking_numbers", argument="ranking_dict")
    if positions is not None and len(positions) < len(items):
        raise InvalidParameterError(f"ranking_numbers: argument 'positions' needs {len(items)} entries, got {len(positions)}",
                                    function="ranking_numbers", argument="positions")
    font = resolve_font_file(font_file, "ranking_numbers")
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
        num = tr.render_text(f"{rank}.", font, px, fill=number_color, stroke_width=stroke_width, stroke_fill=stroke_fill)
        rects.append(tr.composite(out, num, (x, y), 1.0))
        if label:
            lab = tr.render_text(label, font, px, fill=ranking_color, stroke_width=stroke_width, stroke_fill=stroke_fill)
            rects.append(tr.composite(out, lab, (x + num.width + px // 4, y), 1.0))
    return Out(out, {"font_px": px, "entries": len(items), "text_area_fraction": tr.area_fraction(rects, W, H)})
