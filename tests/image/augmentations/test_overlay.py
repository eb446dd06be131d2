"""multiaug/image overlay family: the generic contract (tests/contract.py) plus placement, occlusion/placement box
rules, intensities."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError, Tracker
from multiaug.image.resources import emoji as em
from multiaug.image.targets.box_rules import occlude_box as occlude
from tests.contract import contract_tests
from tests.helpers import sample_image

test_contract = contract_tests("image", "overlay")


def _changed_bbox(a: Image.Image, b: Image.Image) -> tuple[int, int, int, int] | None:
    diff = np.any(np.asarray(a.convert("RGB")).astype(int) != np.asarray(b.convert("RGB")).astype(int), axis=2)
    ys, xs = np.nonzero(diff)
    if ys.size == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1



# --- overlay_emoji ---------------------------------------------------------------------------------
@pytest.mark.parametrize("x_pos,y_pos,size", [(0.4, 0.8, 0.15), (0.1, 0.2, 0.5), (0.0, 0.0, 0.3)])
def test_emoji_pixels_appear_where_asked(x_pos, y_pos, size):
    img = Image.new("RGB", (300, 200), (10, 20, 30))
    out = imaugs.overlay_emoji(img, emoji_path="🔥", emoji_size=size, x_pos=x_pos, y_pos=y_pos)
    h = int(200 * size)
    w = em.scaled_emoji(em.resolve_emoji("🔥"), h).width
    x, y = int(300 * x_pos), int(200 * y_pos)
    box = _changed_bbox(img, out)
    assert box is not None
    assert box[0] >= x and box[1] >= y and box[2] <= min(300, x + w) and box[3] <= min(200, y + h)
    # the emoji art fills most of its square
    assert box[2] - box[0] >= 0.7 * min(w, 300 - x) and box[3] - box[1] >= 0.7 * min(h, 200 - y)


def test_big_emoji_stays_sharp():
    img = Image.new("RGB", (600, 600), (255, 255, 255))
    out = np.asarray(imaugs.overlay_emoji(img, emoji_path=":fire:", emoji_size=0.8, x_pos=0.1, y_pos=0.1).convert("L"), float)
    # reference: the same emoji from 72 px art upscaled (what AugLy's 72 px Twemoji give)
    small = em.load_rgba(em.resolve_emoji(":fire:")).resize((72, 72), Image.Resampling.LANCZOS)
    ref_img = img.copy()
    big = small.resize((480, 480), Image.Resampling.BICUBIC)
    ref_img.paste(big, (60, 60), big)
    ref = np.asarray(ref_img.convert("L"), float)

    def sharpness(a):
        return (np.diff(a, axis=0) ** 2).mean() + (np.diff(a, axis=1) ** 2).mean()  # gradient energy

    assert sharpness(out) > 1.5 * sharpness(ref)


def test_emoji_opacity_and_intensity():
    img = sample_image(80, 60)
    assert np.array_equal(np.asarray(imaugs.overlay_emoji(img, opacity=0.0)), np.asarray(img))
    meta = []
    imaugs.overlay_emoji(img, opacity=0.5, emoji_size=0.4, metadata=meta)
    assert meta[0]["intensity"] == pytest.approx(0.5 * 0.16 * 100)


def test_emoji_on_rgba_keeps_mode_and_alpha():
    img = Image.new("RGBA", (64, 64), (0, 0, 255, 0))
    out = imaugs.overlay_emoji(img, emoji_path="🔥", emoji_size=0.5, x_pos=0.25, y_pos=0.25)
    assert out.mode == "RGBA"
    a = np.asarray(out)[..., 3]
    assert a[0, 0] == 0 and a[32, 32] > 200


# --- overlay_image / occlusion --------------------------------------------------------------------
def test_overlay_image_pastes_at_the_real_rectangle():
    img = Image.new("RGB", (200, 100), (0, 0, 0))
    ov = Image.new("RGB", (80, 40), (255, 0, 0))  # 2:1 overlay
    out, boxes = imaugs.overlay_image(img, ov, overlay_size=0.5, x_pos=0.25, y_pos=0.1,
                                      bboxes=[(0.3, 0.2, 0.6, 0.5)], bbox_format="pascal_voc_norm", return_bboxes=True,
                                      drop_empty=False)
    assert _changed_bbox(img, out) == (50, 10, 150, 60)  # h = 50, w = 100
    assert boxes == [None]  # fully covered by the real rectangle


@pytest.mark.parametrize(
    "box,expected",
    [
        ((0.1, 0.1, 0.3, 0.3), None),  # fully covered
        ((0.2, 0.1, 0.8, 0.4), (0.5, 0.1, 0.8, 0.4)),  # covered across the left edge: trimmed
        ((0.1, 0.3, 0.4, 0.9), (0.1, 0.5, 0.4, 0.9)),  # covered across the top edge: trimmed
        ((0.6, 0.6, 0.9, 0.9), (0.6, 0.6, 0.9, 0.9)),  # no overlap
        ((0.0, 0.0, 1.0, 1.0), (0.0, 0.0, 1.0, 1.0)),  # hole in the middle is ignored
    ],
)
def test_occlusion_rule(box, expected):
    img = Image.new("RGB", (100, 100))
    ov = Image.new("RGB", (50, 50), (255, 255, 255))
    _, out = imaugs.overlay_image(img, ov, overlay_size=0.5, x_pos=0.0, y_pos=0.0, bboxes=[box],
                                  bbox_format="pascal_voc_norm", return_bboxes=True, drop_empty=False)
    if expected is None:
        assert out == [None]
    else:
        assert out[0] == pytest.approx(list(expected))


def test_no_occlusion_below_max_visible_opacity():
    img = Image.new("RGB", (100, 100))
    ov = Image.new("RGB", (50, 50), (255, 255, 255))
    _, out = imaugs.overlay_image(img, ov, opacity=0.5, overlay_size=0.5, x_pos=0, y_pos=0, max_visible_opacity=0.75,
                                  bboxes=[(10, 10, 30, 30)], bbox_format="pascal_voc", return_bboxes=True)
    assert out == [pytest.approx([10, 10, 30, 30])]


def test_occlude_helper_uses_real_non_square_rectangle():
    # AugLy would treat a 0.5-size overlay as 0.5 x 0.5; a 2:1 overlay really covers 1.0 x 0.5
    assert occlude((0.6, 0.1, 0.9, 0.4), (0.0, 0.0, 1.0, 0.5)) is None


def test_overlay_image_rgba_overlay_uses_its_alpha():
    img = Image.new("RGB", (40, 40), (0, 0, 0))
    ov = Image.new("RGBA", (40, 40), (255, 255, 255, 0))
    ov.paste((255, 255, 255, 255), (10, 10, 30, 30))
    out = imaugs.overlay_image(img, ov, overlay_size=1.0, x_pos=0, y_pos=0)
    assert _changed_bbox(img, out) == (10, 10, 30, 30)


# --- overlay_onto_background_image ---------------------------------------------------------------
def test_background_placement_and_boxes():
    fg = Image.new("RGB", (40, 20), (255, 0, 0))
    bg = Image.new("RGB", (200, 100), (0, 0, 255))
    out, boxes = imaugs.overlay_onto_background_image(
        fg, bg, overlay_size=0.4, x_pos=0.25, y_pos=0.5, bboxes=[(0, 0, 1, 1), (0.5, 0.5, 1, 1)],
        bbox_format="pascal_voc_norm", return_bboxes=True)
    assert out.size == (200, 100)
    arr = np.asarray(out)
    assert tuple(arr[60, 60]) == (255, 0, 0) and tuple(arr[10, 10]) == (0, 0, 255)
    assert _changed_bbox(bg, out) == (50, 50, 130, 90)
    assert boxes[0] == pytest.approx([0.25, 0.5, 0.65, 0.9])
    assert boxes[1] == pytest.approx([0.45, 0.7, 0.65, 0.9])


def test_background_scale_bg_and_intensity():
    fg = sample_image(60, 40)
    bg = Image.new("RGB", (500, 500))
    meta = []
    out = imaugs.overlay_onto_background_image(fg, bg, overlay_size=0.5, scale_bg=True, metadata=meta)
    assert out.size == (120, 80)
    assert meta[0]["intensity"] == pytest.approx(100 - 0.25 * 100)


# --- overlay_stripes ------------------------------------------------------------------------------
def test_stripes_cover_line_width_share_and_intensity():
    img = Image.new("RGB", (200, 200), (0, 0, 0))
    t = Tracker()
    out = np.asarray(imaugs.overlay_stripes(img, line_width=0.3, line_density=0.5, metadata=t))
    frac = (out[..., 0] == 255).mean()
    assert 0.25 < frac < 0.35
    rows = (out[..., 0] == 255).all(axis=1)
    assert rows.any() and not rows.all()  # horizontal lines by default
    assert t[0]["info"]["mask_fraction"] == pytest.approx(frac)
    assert t[0]["intensity"] == pytest.approx(frac * frac * 100)


def test_stripe_types_and_angles():
    img = Image.new("RGB", (120, 120))
    solid = np.asarray(imaugs.overlay_stripes(img))[..., 0] > 0
    dotted = np.asarray(imaugs.overlay_stripes(img, line_type="dotted"))[..., 0] > 0
    dashed = np.asarray(imaugs.overlay_stripes(img, line_type="dashed"))[..., 0] > 0
    assert dotted.mean() < dashed.mean() < solid.mean()
    vertical = np.asarray(imaugs.overlay_stripes(img, line_angle=90))[..., 0] > 0
    assert vertical.all(axis=0).any() and not vertical.all(axis=1).any()
    assert np.array_equal(np.asarray(imaugs.overlay_stripes(img, line_width=0.0)), np.asarray(img))


def test_size_guards_raise_typed_errors():
    img = sample_image(64, 48)
    with pytest.raises(InvalidParameterError, match="emoji_size"):
        imaugs.overlay_emoji(img, emoji_size=50.0)
    with pytest.raises(InvalidParameterError, match="overlay_size"):
        imaugs.overlay_onto_background_image(img, img, overlay_size=0.0001, scale_bg=True)
    big = imaugs.overlay_random_text(img, font_size=100000, seed=1)  # clamped to the image, no memory blow-up
    assert big.size == img.size
