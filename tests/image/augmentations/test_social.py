"""multiaug/image social family (contract + truth tests): meme captions (top/bottom) and screenshot frames (procedural and template)."""

from __future__ import annotations

import inspect
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, MediaReadError, Tracker
from multiaug.image.kernels.screenshot import LAYOUTS, render_frame
from multiaug.image.resources import constants as C
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "social")


# --- meme_format --------------------------------------------------------------------------------
@pytest.mark.parametrize("position", ["top", "bottom"])
def test_meme_height_band_and_boxes(position):
    img = sample_image(120, 80)
    t = Tracker()
    out, boxes = imaugs.meme_format(img, text="LOL", text_position=position, caption_height=50,
                                    bboxes=[(0, 0, 1, 1), (0.25, 0.5, 0.75, 1.0)], bbox_format="pascal_voc_norm",
                                    return_bboxes=True, metadata=t)
    assert out.size == (120, 130)
    arr = np.asarray(out)
    img_rows = slice(50, 130) if position == "top" else slice(0, 80)
    band = arr[0:50] if position == "top" else arr[80:130]
    assert np.array_equal(arr[img_rows], np.asarray(img))
    assert (band == 255).all(axis=2).mean() > 0.5 and (band < 100).all(axis=2).any()  # white band with black text
    off = 50 if position == "top" else 0
    assert boxes[0] == pytest.approx([0, off / 130, 1, (off + 80) / 130])
    assert boxes[1] == pytest.approx([0.25, (off + 40) / 130, 0.75, (off + 80) / 130])
    assert t[0]["intensity"] == pytest.approx(50 * 120 / (130 * 120) * 100)


def _pillow_box(text, font_path, size):
    """Pillow's multi-line text box measured directly (width: widest line's right edge; height: lines × (bottom
    of "A" + 4) − 4), independent of multiaug's kernel."""
    f = ImageFont.truetype(font_path, size)
    step = f.getbbox("A")[3] + 4
    lines = text.split("\n")
    return max(f.getbbox(line)[2] for line in lines), len(lines) * step - 4


@pytest.mark.parametrize("text,width,caption", [("LOL", 451, 250), ("a much longer caption that does not wrap", 300, 120),
                                                ("two\nlines", 400, 200)])
def test_meme_caption_uses_augly_sizing(text, width, caption):
    """AugLy's rule: start at caption_height − 10 px, shrink by 5 until the box fits (W − 10) × (caption − 10)."""
    font = C.MEME_DEFAULT_FONT
    t = Tracker()
    out = imaugs.meme_format(Image.new("RGB", (width, 100), (0, 90, 0)), text=text, caption_height=caption, metadata=t)
    size = t[0]["info"]["font_px"]
    assert (caption - 10 - size) % 5 == 0 and size >= 1
    w, h = _pillow_box(text, font, size)
    assert w <= width - 10 and h <= caption - 10
    if size < caption - 10:  # the previous size in the sequence did not fit
        w5, h5 = _pillow_box(text, font, size + 5)
        assert w5 > width - 10 or h5 > caption - 10
    assert t[0]["info"]["lines"] == text.count("\n") + 1  # never wrapped
    # the text box is centred in the band: Pillow drawing the caption at (round((W − w)/2), round((caption − h)/2))
    # inks the same pixels' bounding box
    ref = Image.new("L", (width, caption), 0)
    ImageDraw.Draw(ref).multiline_text((round((width - w) / 2), round((caption - h) / 2)), text, fill=255,
                                       font=ImageFont.truetype(font, size), spacing=4, align="center")
    ry, rx = np.nonzero(np.asarray(ref) > 127)
    ys, xs = np.nonzero(np.asarray(out)[:caption].min(axis=2) < 128)
    for got, want in ((xs.min(), rx.min()), (xs.max(), rx.max()), (ys.min(), ry.min()), (ys.max(), ry.max())):
        assert abs(int(got) - int(want)) <= 2


def test_meme_caption_too_long_for_any_size_uses_the_smallest_and_errors_are_typed():
    img = Image.new("RGB", (60, 100))
    t = Tracker()
    imaugs.meme_format(img, text="far too long a caption for sixty pixels", caption_height=22, metadata=t)
    assert t[0]["info"]["font_px"] == 2  # 12, 7, 2: the smallest positive size (AugLy fails with a size <= 0)
    with pytest.raises(InvalidParameterError, match="text"):
        imaugs.meme_format(img, text="")
    with pytest.raises(InvalidParameterError, match="caption_height"):
        imaugs.meme_format(img, caption_height=5)


def test_meme_opacity_zero_leaves_blank_band():
    out = np.asarray(imaugs.meme_format(Image.new("RGB", (60, 40)), opacity=0.0, caption_height=20))
    assert (out[:20] == 255).all()


# --- overlay_onto_screenshot ----------------------------------------------------------------------
def _region_corr(out: Image.Image, img: Image.Image, placed: list[int]) -> float:
    region = out.crop(tuple(placed)).convert("RGB")
    ref = img.convert("RGB").resize(region.size, Image.Resampling.BILINEAR)
    a = np.asarray(region, float).ravel()
    b = np.asarray(ref, float).ravel()
    return float(np.corrcoef(a, b)[0, 1])


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_slot_contains_the_image(layout, theme):
    img = sample_image(160, 120, seed=3)
    t = Tracker()
    out, boxes = imaugs.overlay_onto_screenshot(img, layout=layout, theme=theme, seed=1, metadata=t,
                                                bboxes=[(0, 0, 1, 1)], bbox_format="pascal_voc_norm", return_bboxes=True)
    info = t[0]["info"]
    assert info["layout"] == layout and info["theme"] == theme and info["source"] == "procedural"
    l, u, r, d = info["slot"]
    pl, pu, pr, pd = info["placed"]
    assert l <= pl < pr <= r and u <= pu < pd <= d
    assert out.size[0] * out.size[1] > (r - l) * (d - u)  # a frame around the slot
    assert _region_corr(out, img, info["placed"]) > 0.95
    assert boxes[0] == pytest.approx(info["placed_norm"])
    W, H = out.size
    assert t[0]["intensity"] == pytest.approx(min((W * H - (r - l) * (d - u)) / (W * H) * 100, 100))
    # the frame itself is not the image: pixels outside the slot differ from a resized image
    assert np.asarray(out)[: max(1, u)].std() > 0 or np.asarray(out)[d:].std() > 0


def test_screenshot_frames_depend_on_seed_only():
    img = sample_image(100, 100)
    a = Tracker()
    o1 = imaugs.overlay_onto_screenshot(img, seed=5, metadata=a)
    o2 = imaugs.overlay_onto_screenshot(img, seed=5)
    assert o1.tobytes() == o2.tobytes()
    infos = set()
    for s in range(6):
        t = Tracker()
        imaugs.overlay_onto_screenshot(img, layout="mobile", seed=s, metadata=t)
        infos.add(json.dumps(t[0]["info"]["content"], sort_keys=True))
    assert len(infos) >= 5
    layouts = set()
    for s in range(12):
        t = Tracker()
        imaugs.overlay_onto_screenshot(img, seed=s, metadata=t)
        layouts.add((t[0]["info"]["layout"], t[0]["info"]["theme"]))
    assert len(layouts) >= 4


def test_screenshot_crop_to_fit_fills_slot_and_cuts_boxes():
    img = sample_image(400, 100)  # 4:1, wider than any feed slot (max 1.91:1)
    t = Tracker()
    _, boxes = imaugs.overlay_onto_screenshot(
        img, layout="mobile", crop_src_to_fit=True, seed=0, metadata=t,
        bboxes=[(0.0, 0.0, 0.1, 1.0), (0.4, 0.2, 0.6, 0.8)], bbox_format="pascal_voc_norm", return_bboxes=True,
        drop_empty=False)
    info = t[0]["info"]
    assert info["placed"] == info["slot"]
    cl, _, cr, _ = info["src_crop"]
    assert cl > 0.1 and cr < 0.9
    assert boxes[0] is None  # cropped away
    pl, _, pr, _ = info["placed_norm"]
    mid = (boxes[1][0] + boxes[1][2]) / 2
    assert mid == pytest.approx((pl + pr) / 2, abs=0.01)


def test_screenshot_pads_without_crop():
    img = sample_image(400, 100)
    t = Tracker()
    imaugs.overlay_onto_screenshot(img, layout="desktop", seed=0, metadata=t)
    info = t[0]["info"]
    (l, u, r, d), (pl, pu, pr, pd) = info["slot"], info["placed"]
    assert (pl, pr) == (l, r) and pu > u and pd < d and info["src_crop"] == [0.0, 0.0, 1.0, 1.0]


def test_screenshot_keeps_resolution_and_caps_pixels():
    img = sample_image(640, 480)
    t = Tracker()
    imaugs.overlay_onto_screenshot(img, layout="mobile", resize_src_to_match_template=False, seed=0, metadata=t)
    pl, pu, pr, pd = t[0]["info"]["placed"]
    assert abs((pr - pl) - 640) <= 2 and abs((pd - pu) - 480) <= 2
    out = imaugs.overlay_onto_screenshot(img, layout="desktop", max_image_size_pixels=200_000, seed=0)
    assert out.size[0] * out.size[1] <= 200_000 * 1.01


def test_screenshot_with_augly_style_template(tmp_path):
    img = sample_image(90, 60)
    t = Tracker()
    out = imaugs.overlay_onto_screenshot(img, template_filepath=C.TEMPLATE_PATH, template_bboxes_filepath=C.BBOXES_PATH,
                                         metadata=t)
    template = Image.open(C.TEMPLATE_PATH)
    with open(C.BBOXES_PATH) as fh:
        box = json.load(fh)["web.png"]
    assert out.size == template.size and t[0]["info"]["slot"] == box and t[0]["info"]["source"] == "template"
    assert _region_corr(out, img, t[0]["info"]["placed"]) > 0.95
    # a user template with a plain [l, u, r, d] list
    frame, slot = render_frame("chat", "dark", seed=3)
    frame.save(tmp_path / "mine.png")
    (tmp_path / "boxes.json").write_text(json.dumps(slot))
    t2 = Tracker()
    imaugs.overlay_onto_screenshot(img, template_filepath=str(tmp_path / "mine.png"),
                                   template_bboxes_filepath=str(tmp_path / "boxes.json"), metadata=t2)
    assert t2[0]["info"]["slot"] == slot
    (tmp_path / "bad.json").write_text(json.dumps({"other.png": slot}))
    with pytest.raises(InvalidParameterError, match="template_bboxes_filepath"):
        imaugs.overlay_onto_screenshot(img, template_filepath=str(tmp_path / "mine.png"),
                                       template_bboxes_filepath=str(tmp_path / "bad.json"))
    with pytest.raises(MediaReadError):
        imaugs.overlay_onto_screenshot(img, template_filepath=str(tmp_path / "missing.png"))
    with pytest.raises(InvalidParameterError, match="template_bboxes_filepath"):
        imaugs.overlay_onto_screenshot(img, template_bboxes_filepath=C.BBOXES_PATH)


def test_screenshot_positional_order_matches_augly():
    params = inspect.signature(imaugs.overlay_onto_screenshot).parameters.values()
    names = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert names == ["image", "output_path", "template_filepath", "template_bboxes_filepath",
                     "max_image_size_pixels", "crop_src_to_fit", "resize_src_to_match_template", "metadata",
                     "bboxes", "bbox_format"]
    keyword_only = [p.name for p in params if p.kind is p.KEYWORD_ONLY]  # multiaug's extensions, after AugLy's tail
    assert keyword_only[:3] == ["layout", "theme", "seed"]
    assert "content" not in keyword_only  # drawn values are not parameters


def test_render_frame_validates():
    with pytest.raises(InvalidParameterError):
        render_frame("tv", "light")


def test_template_scaled_to_keep_source_resolution():
    img = sample_image(300, 200)
    t = Tracker()
    out = imaugs.overlay_onto_screenshot(img, template_filepath=C.TEMPLATE_PATH, resize_src_to_match_template=False,
                                         metadata=t)
    pl, pu, pr, pd = t[0]["info"]["placed"]
    assert abs((pr - pl) - 300) <= 2 and abs((pd - pu) - 200) <= 2
    assert out.size != Image.open(C.TEMPLATE_PATH).size


def test_portrait_story_and_rgba_input():
    img = sample_image(90, 200, mode="RGBA")
    t = Tracker()
    out = imaugs.overlay_onto_screenshot(img, layout="story", seed=2, metadata=t)
    assert out.mode == "RGBA" and np.asarray(out)[..., 3].min() == 255
    l, u, r, d = t[0]["info"]["slot"]
    assert (d - u) > (r - l)  # the slot follows the portrait aspect (down to 9:16)
