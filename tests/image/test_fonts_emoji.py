"""Fonts (fallback by glyph coverage, raqm), emoji lookup and the shared text renderer."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import multiaug.image as imaugs
from multiaug.core import InvalidParameterError
from multiaug.image.kernels import text_render as tr
from multiaug.image.resources import constants as C
from multiaug.image.resources import emoji as em
from multiaug.image.resources import fonts

MIXED = "Hello Ωμέγα Привет مرحبا 你好 こんにちは 안녕 नमस्ते שלום สวัสดี ★ 🔥👍"


def test_mixed_script_runs_use_faces_that_have_the_glyphs():
    lay = tr.layout_text(MIXED, C.DEFAULT_FONT, 32)
    runs = lay.lines[0].runs
    kinds = {r.kind for r in runs}
    assert kinds == {"text", "emoji"}
    faces = set()
    for r in runs:
        if r.kind == "emoji":
            assert os.path.isfile(r.face) and r.face.endswith(".png")
            continue
        cov = fonts.coverage(r.face)
        missing = [c for c in r.text if not c.isspace() and ord(c) not in cov]
        assert not missing, f"{os.path.basename(r.face)} lacks {missing} (would render as tofu)"
        faces.add(os.path.basename(r.face))
    # the fallback really switched faces for Arabic, CJK and Devanagari
    assert {"NotoNaskhArabic-Regular.ttf", "NotoSansDevanagari-Regular.ttf"} <= faces
    assert any("CJK" in f for f in faces)
    assert sum(r.kind == "emoji" for r in runs) == 2


def test_primary_font_is_used_when_it_covers_the_text():
    runs = fonts.split_runs("plain latin", C.DEFAULT_FONT)
    assert runs == [fonts.Run("text", "plain latin", C.DEFAULT_FONT)]
    # Arabic primary (overlay_text default) falls back to Noto Sans for Latin letters
    runs = fonts.split_runs("abc مرحبا", C.FONT_PATH)
    assert runs[0].face != C.FONT_PATH and runs[-1].face == C.FONT_PATH


def test_rendered_mixed_text_has_ink_in_every_run():
    layer = tr.render_text(MIXED, C.DEFAULT_FONT, 28, fill=(255, 0, 0))
    alpha = np.asarray(layer.getchannel("A"))
    lay = tr.layout_text(MIXED, C.DEFAULT_FONT, 28)
    x = 0.0
    for run, w in zip(lay.lines[0].runs, lay.lines[0].widths):
        if run.text.strip():
            assert alpha[:, int(x):int(x + w) + 1].max() > 128, f"nothing drawn for {run.text!r}"
        x += w
    # emoji keep their own colours (not the red fill)
    rgb = np.asarray(layer.convert("RGB"))[alpha > 200]
    assert (np.abs(rgb.astype(int) - [255, 0, 0]).sum(axis=1) > 60).any()


def test_raqm_layout_used_when_available():
    f = fonts.get_font(C.DEFAULT_FONT, 20)
    if fonts.has_raqm():
        assert f.layout_engine == ImageFont.Layout.RAQM
    else:
        assert f.layout_engine == ImageFont.Layout.BASIC


def test_basic_layout_warns_once(monkeypatch):
    monkeypatch.setattr(fonts, "has_raqm", lambda: False)
    monkeypatch.setattr(fonts, "_warned_basic", False)
    with pytest.warns(RuntimeWarning, match="raqm"):
        assert fonts.layout_engine() == ImageFont.Layout.BASIC
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fonts.layout_engine() == ImageFont.Layout.BASIC


def test_fonts_are_cached():
    assert fonts.get_font(C.DEFAULT_FONT, 33) is fonts.get_font(C.DEFAULT_FONT, 33)
    assert fonts.coverage(C.DEFAULT_FONT) is fonts.coverage(C.DEFAULT_FONT)
    chain = fonts.fallback_chain(C.MEME_DEFAULT_FONT)
    assert chain[0] == C.MEME_DEFAULT_FONT and C.DEFAULT_FONT in chain and len(set(chain)) == len(chain)


def test_coverage_is_the_cmap_and_matches_what_freetype_draws():
    """coverage() has one code path (fontTools cmap): a covered char draws a real glyph, an uncovered one the
    .notdef box, and an unreadable file is a typed error."""
    cov = fonts.coverage(C.DEFAULT_FONT)
    assert {ord("A"), ord("z"), ord("Ω"), ord("Ж")} <= cov
    assert 0x4E2D not in cov and 0x0915 not in cov  # 中, क: CJK and Devanagari come from fallback fonts
    assert 0x4E2D in fonts.coverage(os.path.join(C.FONTS_DIR, "NotoSansCJKsc-Regular-subset.otf"))
    font = ImageFont.truetype(C.DEFAULT_FONT, 24)

    def ink(ch):
        im = Image.new("L", (40, 40))
        ImageDraw.Draw(im).text((4, 4), ch, font=font, fill=255)
        return np.asarray(im)

    notdef = ink("\U0010fffd")
    assert not np.array_equal(ink("A"), notdef)
    assert np.array_equal(ink("中"), notdef)  # not in the cmap -> FreeType draws .notdef, as coverage() says


def test_coverage_of_a_broken_font_file_is_a_typed_error(tmp_path):
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font at all")
    with pytest.raises(fonts.MediaReadError, match="broken.ttf"):
        fonts.coverage(str(bad))


def test_font_file_by_name_and_errors():
    assert fonts.resolve_font_file("NotoSans-Bold.ttf") == C.BOLD_FONT
    with pytest.raises(InvalidParameterError, match="font_file"):
        fonts.resolve_font_file("/no/such/font.ttf")
    with pytest.raises(InvalidParameterError, match="font_file"):
        imaugs.overlay_text(Image.new("RGB", (40, 40)), text="x", font_file="missing.ttf")


@pytest.mark.parametrize("name", ["🔥", ":fire:", "❤️", "❤", ":heart_eyes:", ":smiling_face_with_heart-eyes:"])
def test_emoji_lookup_by_char_and_shortcode(name):
    path = em.resolve_emoji(name)
    assert os.path.isfile(path)
    expected = {"🔥": "1f525.png", ":fire:": "1f525.png", "❤️": "2764.png", "❤": "2764.png"}.get(name, "1f60d.png")
    assert os.path.basename(path) == expected


def test_emoji_lookup_by_path_and_default_constant():
    assert em.resolve_emoji(C.EMOJI_PATH) == C.EMOJI_PATH
    assert os.path.basename(C.EMOJI_PATH) == "1f60d.png" and os.path.isfile(C.EMOJI_PATH)


@pytest.mark.parametrize("bad", [":definitely_not_an_emoji:", "xyz", "/no/such/emoji.png", "🛸🛸🛸"])
def test_unknown_emoji_is_a_typed_error(bad):
    with pytest.raises(InvalidParameterError, match="emoji_path"):
        imaugs.overlay_emoji(Image.new("RGB", (32, 32)), emoji_path=bad)
    with pytest.raises(InvalidParameterError):
        imaugs.OverlayEmoji(emoji_path=bad)


def test_twemoji_file_names():
    assert em.twemoji_file_name("❤️") == "2764.png"
    assert em.twemoji_file_name("❤️\u200d🔥") == "2764-fe0f-200d-1f525.png"
    assert em.twemoji_file_name("🔥") == "1f525.png"


def test_emoji_images_cached_and_downscaled_sharp():
    a = em.scaled_emoji(C.EMOJI_PATH, 100)
    assert a is em.scaled_emoji(C.EMOJI_PATH, 100)
    assert a.size == (100, 100) and a.mode == "RGBA"
    assert em.load_rgba(C.EMOJI_PATH).size[1] >= 256  # big source art, only ever scaled down here


def test_emoji_directories(tmp_path):
    smileys = em.emoji_files(C.SMILEY_EMOJI_DIR)
    assert len(smileys) > 20 and smileys == em.emoji_files("smileys")
    cats = {e["file"]: e["category"] for e in em.emoji_index()}
    assert all(cats[os.path.basename(f)] == "smileys" for f in smileys)
    for i in range(2):
        Image.new("RGBA", (8, 8), (i * 100, 0, 0, 255)).save(tmp_path / f"e{i}.png")
    assert [os.path.basename(f) for f in em.emoji_files(str(tmp_path))] == ["e0.png", "e1.png"]
    with pytest.raises(InvalidParameterError, match="emoji directory"):
        em.emoji_files("no_such_category")


def test_wrap_and_fit_helpers():
    wrapped = tr.wrap_lines("one two three four five six seven", C.DEFAULT_FONT, 20, 80)
    assert wrapped.count("\n") >= 2
    assert all(tr.layout_text(line, C.DEFAULT_FONT, 20).width <= 80 for line in wrapped.split("\n"))
    assert tr.wrap_lines("a" * 40, C.DEFAULT_FONT, 20, 60).count("\n") >= 2  # long words are split
    size = tr.fit_font_size("Fit me", C.DEFAULT_FONT, 200, 50)
    lay = tr.layout_text("Fit me", C.DEFAULT_FONT, size)
    assert lay.width <= 200 and lay.height <= 50
    big = tr.layout_text("Fit me", C.DEFAULT_FONT, size + 1)
    assert big.width > 200 or big.height > 50


def test_composite_clips_and_applies_opacity():
    base = Image.new("RGB", (20, 20), (0, 0, 0))
    layer = Image.new("RGBA", (10, 10), (200, 100, 50, 255))
    assert tr.composite(base, layer, (15, -5), 0.5) == (15, 0, 20, 5)
    arr = np.asarray(base)
    assert tuple(arr[0, 19]) == (100, 50, 25) and tuple(arr[10, 10]) == (0, 0, 0)
    assert tr.composite(base, layer, (30, 30), 1.0) is None


def test_colour_validation():
    assert tr.to_rgba("yellow") == (255, 255, 0, 255)
    assert tr.to_rgba((1, 2, 3)) == (1, 2, 3, 255)
    for bad in [(1, 2), (1, 2, 300), "notacolour", (1.5, 2, 3)]:
        with pytest.raises(InvalidParameterError):
            tr.to_rgba(bad)


def test_control_characters_do_not_render_as_boxes():
    lay = tr.layout_text("a\tb\r\nc\x07d", C.DEFAULT_FONT, 20)
    assert ["".join(r.text for r in line.runs) for line in lay.lines] == ["a    b", "cd"]
