"""Overlays of images: emoji, other images, the image onto a background, stripes.

Box rules: ``overlay_image`` occludes boxes under the real pasted rectangle (when opaque enough);
``overlay_onto_background_image`` places boxes inside the pasted image; emoji and stripe overlays leave boxes
unchanged (they are drawn over the content, nothing moves; like AugLy, they never occlude a box). Text overlays
are in :mod:`multiaug.image.augmentations.text_overlay`.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from ...assets import asset_path
from ...core.registry import Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import paste
from ..kernels.stripes import stripe_mask
from ..modality import IMAGE, PILImage, load_image_cached, load_scaled
from ..resources import constants as C
from ..resources import emoji as em
from ..targets import box_rules, mask_rules, point_rules
from ..targets.boxes import Box
from .intensity import overlay, overlay_intensity
from .parameters import RGB, Opacity


@augmentation(IMAGE, intensity=overlay_intensity("emoji_size"), bbox=box_rules.unchanged)
def overlay_emoji(
    image: PILImage,
    emoji_path: Annotated[str, Check(em.is_emoji, "must be an image path, an emoji such as '🔥' or a ':shortcode:'")] = C.EMOJI_PATH,
    opacity: Opacity = 1.0,
    emoji_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of height")] = 0.15,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.8,
) -> Out:
    """Paste an emoji: height ``emoji_size``·H, aspect kept, top-left corner at (x_pos·W, y_pos·H).

    The shipped emoji are 512 px Twemoji art, downscaled with LANCZOS (cached), so big emoji stay sharp. Boxes are
    unchanged (overlays never occlude in AugLy's rules).

    Args:
        emoji_path: emoji image path, the emoji itself ("🔥") or a shortcode (":fire:").
        opacity: emoji opacity in [0, 1].
        emoji_size: emoji height as a fraction of the image height, in (0, 10].
        x_pos: left edge as a fraction of the image width, in [0, 1].
        y_pos: top edge as a fraction of the image height, in [0, 1].
    """
    path = em.resolve_emoji(emoji_path, "overlay_emoji")
    out, rect = paste.paste_emoji(image, path, emoji_size, x_pos, y_pos, opacity)
    return Out(out, {"emoji_file": os.path.basename(path), "pasted": list(rect) if rect else None})


_occlude_pasted = box_rules.occlude_rule("pasted")


def occlusion_rule(boxes: list[Box | None], params: dict[str, Any], facts: dict[str, Any]) -> list[Box | None]:
    """Occlusion by the real pasted rectangle when opacity >= max_visible_opacity: covered boxes
    vanish, boxes covered across a whole edge are trimmed, holes in the middle are ignored."""
    if params["opacity"] < params["max_visible_opacity"]:
        return list(boxes)
    return _occlude_pasted(boxes, params, facts)


def _example_overlay() -> dict[str, Any]:
    return {"overlay": str(asset_path("image", "samples", "coffee.jpg"))}


@augmentation(IMAGE, intensity=overlay_intensity("overlay_size"), bbox=occlusion_rule, example=_example_overlay,
              keypoints=point_rules.unchanged, masks=mask_rules.unchanged)
def overlay_image(
    image: PILImage,
    overlay: Any,
    opacity: Opacity = 1.0,
    overlay_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of height")] = 1.0,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of height")] = 0.4,
    max_visible_opacity: Opacity = 0.75,
) -> Out:
    """Paste another image: height ``overlay_size``·H, aspect kept, top-left at (x_pos·W, y_pos·H).

    Boxes fully covered by the pasted rectangle become None, boxes covered across an edge are trimmed.

    Args:
        overlay: the image to paste (path, PIL image or uint8 ndarray); its alpha channel is used.
        opacity: overlay opacity in [0, 1].
        overlay_size: overlay height as a fraction of the image height, in (0, 10].
        x_pos: left edge as a fraction of the image width, in [0, 1].
        y_pos: top edge as a fraction of the image height, in [0, 1].
        max_visible_opacity: boxes are occluded only when opacity >= this value, in [0, 1].
    """
    W, H = image.size
    scaled = load_scaled(overlay, int(H * overlay_size), "overlay", "overlay_image")
    out, rect = paste.paste_image(image, scaled, x_pos, y_pos, opacity)
    norm = None if rect is None else [rect[0] / W, rect[1] / H, rect[2] / W, rect[3] / H]
    return Out(out, {"pasted": list(rect) if rect else None, "pasted_norm": norm})


def _background_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 - overlay(opacity, overlay_size)."""
    return 100.0 - overlay(params["opacity"], params["overlay_size"])


def _example_background() -> dict[str, Any]:
    return {"background_image": str(asset_path("image", "samples", "coffee.jpg"))}


@augmentation(IMAGE, intensity=_background_intensity, bbox=box_rules.place_rule("placed"), example=_example_background,
              keypoints=point_rules.place("placed"), masks=mask_rules.place("placed"))
def overlay_onto_background_image(
    image: PILImage,
    background_image: Any,
    opacity: Opacity = 1.0,
    overlay_size: Annotated[float, Range(0, 10, low_open=True), Unit("frac of background height")] = 1.0,
    x_pos: Annotated[float, Range(0, 1), Unit("frac of background width")] = 0.4,
    y_pos: Annotated[float, Range(0, 1), Unit("frac of background height")] = 0.4,
    scale_bg: bool = False,
) -> Out:
    """Paste the image onto a background (the output has the background's size).

    ``image`` is the foreground; boxes are moved into the pasted rectangle.

    Args:
        background_image: the background (path, PIL image or uint8 ndarray).
        opacity: foreground opacity in [0, 1].
        overlay_size: foreground height as a fraction of the background height, in (0, 10].
        x_pos: left edge as a fraction of the background width, in [0, 1].
        y_pos: top edge as a fraction of the background height, in [0, 1].
        scale_bg: first resize the background to (W / overlay_size, H / overlay_size).
    """
    bg, _ = load_image_cached(background_image, "background_image", "overlay_onto_background_image")
    out, (x, y, r, d) = paste.onto_background(image, bg, opacity, overlay_size, x_pos, y_pos, scale_bg)
    BW, BH = out.size
    return Out(out, {"placed": [x, y, r, d], "placed_norm": [x / BW, y / BH, r / BW, d / BH]})


def _stripes_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """overlay(line_opacity, mean of the stripe mask)."""
    return overlay(params["line_opacity"], facts["info"]["mask_fraction"])


@augmentation(IMAGE, intensity=_stripes_intensity, bbox=box_rules.unchanged)
def overlay_stripes(
    image: PILImage,
    line_width: Annotated[float, Range(0, 1), Unit("frac of the stripe period")] = 0.5,
    line_color: RGB = C.WHITE_RGB_COLOR,
    line_angle: Annotated[float, Range(-360, 360), Unit("degrees")] = 0,
    line_density: Annotated[float, Range(0, 1, high_open=True)] = 0.5,
    line_type: Literal["solid", "dotted", "dashed"] = "solid",
    line_opacity: Opacity = 1.0,
) -> Out:
    """Paint parallel stripes across the image (defaults: white horizontal lines), AugLy's geometry exactly.

    The period across the stripes is ``(1 − line_density)·min(W, H)`` px, one stripe is centred on the image
    and each covers ``line_width`` of the period (see :mod:`multiaug.image.kernels.stripes`). The defaults give
    2–3 wide stripes, as in AugLy. Boxes are unchanged.

    Args:
        line_width: share of each stripe period covered by the line, in [0, 1].
        line_color: line colour (r, g, b).
        line_angle: line angle in degrees, counter-clockwise, in [-360, 360].
        line_density: how close the lines are: period = (1 − density)·min(W, H) px, density in [0, 1)
            (AugLy divides by zero at 1).
        line_type: "solid", "dotted" (cut by perpendicular stripes of the same width) or "dashed" (cut by
            perpendicular stripes of width 0.7).
        line_opacity: line opacity in [0, 1].
    """
    mask = stripe_mask(*image.size, line_width, line_angle, line_density, line_type)
    return Out(paste.paint_stripes(image, mask, line_color, line_opacity), {"mask_fraction": float(mask.mean())})
