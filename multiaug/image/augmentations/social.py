"""Social-media framing: meme captions and screenshots (procedural frames or user templates).

``overlay_onto_screenshot`` renders its frame with Pillow (:mod:`multiaug.image.kernels.screenshot`): four layouts
(``desktop`` feed post, ``mobile`` feed post, ``story``, ``chat`` message) in ``light``/``dark`` themes, with user
names, captions, counts and timestamps drawn from ``seed`` before anything is drawn. The image slot is recorded in
the record's ``info`` and boxes are mapped into it. An AugLy-style template (``template_filepath`` +
``template_bboxes_filepath``) is used instead when given.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import Drawn, Out, augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import meme, screenshot
from ..modality import IMAGE, PILImage, load_image_cached
from ..resources import constants as C
from ..resources.fonts import resolve_font_file
from ..resources.templates import template_box
from ..targets import mask_rules, point_rules
from ..targets.boxes import Box
from .intensity import resize_intensity
from .parameters import RGB, FontFile, Opacity, Seed


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
    image: PILImage,
    text: Annotated[str, Check(lambda v: isinstance(v, str) and v.strip() != "", "must be a non-empty str")] = "LOL",
    text_position: Literal["top", "bottom"] = "top",
    font_file: FontFile = C.MEME_DEFAULT_FONT,
    opacity: Opacity = 1.0,
    text_color: RGB = C.DEFAULT_COLOR,
    caption_height: Annotated[int, Range(10, None, low_open=True), Unit("px")] = 250,
    meme_bg_color: RGB = C.WHITE_RGB_COLOR,
) -> Out:
    """Add a caption band of ``caption_height`` px above (``top``) or below (``bottom``) the image.

    AugLy's sizing: the font starts at ``caption_height − 10`` px and shrinks by 5 px until the text box fits
    ``(W − 10) × (caption_height − 10)``; the text is centred in the band, lines centred, never wrapped (``\\n``
    breaks lines). Output height = H + caption_height. Boxes are shifted below/above the caption band.

    Args:
        text: caption text (non-empty; ``\\n`` forces a line break; emoji and any script allowed).
        text_position: "top" or "bottom" (boxes are moved correctly for both).
        font_file: font path or shipped font name (default: Noto Sans Black).
        opacity: text opacity in [0, 1].
        text_color: text colour (r, g, b).
        caption_height: height of the caption band in px (> 10).
        meme_bg_color: caption band colour (r, g, b).
    """
    font = resolve_font_file(font_file, "meme_format")
    out, px = meme.caption_band(image, text, font, text_position, opacity, text_color, caption_height, meme_bg_color)
    return Out(out, {"caption_height_px": caption_height, "text_position": text_position, "font_px": px,
                     "lines": text.count("\n") + 1})


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


def _slot_matrix(params: dict[str, Any], facts: dict[str, Any]) -> list[float]:
    """The shown part of the source (info['src_crop']) scaled into the frame's slot (info['placed_norm'])."""
    cl, cu, cr, cd = facts["info"]["src_crop"]
    pl, pu, pr, pd = facts["info"]["placed_norm"]
    sw, sh, dw, dh = facts["src_width"], facts["src_height"], facts["dst_width"], facts["dst_height"]
    ax, ay = (pr - pl) / (cr - cl), (pd - pu) / (cd - cu)
    return [ax * dw / sw, 0.0, (pl - cl * ax) * dw, 0.0, ay * dh / sh, (pu - cu * ay) * dh, 0.0, 0.0, 1.0]


def _screenshot_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min((dst_area - slot_area) / dst_area * 100, 100)."""
    l, u, r, d = facts["info"]["slot"]
    dst = facts["dst_width"] * facts["dst_height"]
    return min((dst - (r - l) * (d - u)) / dst * 100.0, 100.0)


def _draw_frame(rng: np.random.Generator, params: dict[str, Any], image: Any) -> dict[str, Any]:
    """For a procedural frame: the layout (when "random"), the theme (when "random"), then the frame's content
    (:func:`multiaug.image.kernels.screenshot.draw_content`); nothing for a template."""
    if params["template_filepath"] is not None:
        return {"frame_layout": None, "frame_theme": None, "content": None}
    if params["template_bboxes_filepath"] is not None:
        raise InvalidParameterError(
            "overlay_onto_screenshot: argument 'template_bboxes_filepath' needs 'template_filepath' (without a template "
            "a procedural frame is drawn)", function="overlay_onto_screenshot", argument="template_bboxes_filepath")
    lay = screenshot.LAYOUTS[int(rng.integers(len(screenshot.LAYOUTS)))] if params["layout"] == "random" else params["layout"]
    theme = ("light", "dark")[int(rng.integers(2))] if params["theme"] == "random" else params["theme"]
    return {"frame_layout": lay, "frame_theme": theme, "content": screenshot.draw_content(rng)}


@augmentation(IMAGE, intensity=_screenshot_intensity, bbox=slot_rule, keypoints=point_rules.by_matrix(_slot_matrix),
              masks=mask_rules.by_matrix(_slot_matrix), draw=_draw_frame)
def overlay_onto_screenshot(
    image: PILImage,
    template_filepath: str | None = None,
    template_bboxes_filepath: str | None = None,
    max_image_size_pixels: Annotated[int | None, Range(1, None), Unit("pixels")] = None,
    crop_src_to_fit: bool = False,
    resize_src_to_match_template: bool = True,
    *,
    layout: Literal["random", "desktop", "mobile", "story", "chat"] = "random",
    theme: Literal["random", "light", "dark"] = "random",
    seed: Seed = None,
    frame_layout: Drawn,
    frame_theme: Drawn,
    content: Drawn,
) -> Out:
    """Show the image inside a social-media screenshot (procedural frame, or a template file).

    Without ``template_filepath`` a frame is drawn: ``layout`` (desktop feed post, mobile feed post,
    story, chat message) and ``theme`` (light/dark), or drawn at random, with random user names,
    captions, counts and timestamps from ``seed``. The slot follows the image's aspect ratio within
    the layout's limits (feeds 4:5 to 1.91:1). With a template, AugLy's behaviour: the image goes
    into the template's content box read from ``template_bboxes_filepath`` ({file name: [l, u, r, d]}).
    Boxes are cut to the shown part of the image and mapped into the slot.

    Args:
        template_filepath: a screenshot template image (e.g. ``TEMPLATE_PATH``); None draws a frame.
        template_bboxes_filepath: JSON of content boxes; None looks beside the template, then ``BBOXES_PATH``.
        max_image_size_pixels: cap on the output's pixel count (W·H), or None.
        crop_src_to_fit: fill the slot and crop the overflow (else fit inside the slot and pad).
        resize_src_to_match_template: keep the frame's size and resize the image to the slot; if
            False, the frame is scaled so the image keeps (about) its own resolution.
        layout: "desktop", "mobile", "story", "chat" or "random" (procedural frames only).
        theme: "light", "dark" or "random" (procedural frames only).
        seed: int, numpy Generator or None; draws the layout/theme when random and the frame's text.
    """
    fit = (crop_src_to_fit, resize_src_to_match_template, max_image_size_pixels)
    if template_filepath is None:
        frame, slot, pad = screenshot.procedural_frame(frame_layout, frame_theme, content, image.size, *fit)
        info = {"source": "procedural", "layout": frame_layout, "theme": frame_theme,
                "content": screenshot.content_info(content)}
    else:
        template = load_image_cached(template_filepath, "template_filepath", "overlay_onto_screenshot")[0].convert("RGB")
        box = template_box(os.fspath(template_filepath) if isinstance(template_filepath, (str, os.PathLike)) else "",
                           template_bboxes_filepath)
        (frame, slot), pad = screenshot.fit_template(template, box, image.size, *fit), (0, 0, 0)
        info = {"source": "template", "template": os.path.basename(str(template_filepath))}
    frame, placed = screenshot.place_in_slot(frame, slot, pad, image, crop_src_to_fit)
    return Out(frame, {**info, **placed})
