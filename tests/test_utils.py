"""multiaug.utils: the augly.utils names AugLy code imports, each pointing at shipped assets and working."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import typing
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import multiaug.audio as audaugs
import multiaug.image as imaugs
import multiaug.text as txtaugs
import multiaug.utils as U
from multiaug.core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from multiaug.utils import Segment, compute_time_crop_segments, pathmgr

#: augly.utils (AugLy 1.0.0) names multiaug does not provide, and why (docs/MIGRATING_FROM_AUGLY.md says so too)
NOT_PROVIDED = {
    "TEST_URI", "METADATA_BASE_PATH", "AUDIO_METADATA_PATH", "IMAGE_METADATA_PATH", "TEXT_METADATA_PATH",
    "VIDEO_METADATA_PATH",  # AugLy's own test-suite files
    "FONT_LIST_PATH",  # a list of AugLy's pickled glyph tables: overlay_text takes a str
    "DEFAULT_TEXT_INDICES",  # random glyph indices drawn at import time
    "SILENT_AUDIO_PATH",  # a silent clip of AugLy's repository
    "CATALOG_CATEGORIES", "CATALOG_LANGUAGE_FAMILIES", "CATALOG_STYLES", "CATALOG_WEIGHTS",  # in AugLy's __all__,
    # never defined there
}
#: augly.utils.__all__ of AugLy 1.0.0 (names only, read from the release)
AUGLY_UTILS = {
    "ASSETS_BASE_DIR", "AUDIO_ASSETS_DIR", "AUDIO_METADATA_PATH", "EMOJI_DIR", "FONTS_DIR", "IMAGE_METADATA_PATH",
    "IMG_MASK_DIR", "METADATA_BASE_PATH", "SCREENSHOT_TEMPLATES_DIR", "TEXT_DIR", "TEXT_METADATA_PATH", "TEST_URI",
    "VIDEO_METADATA_PATH", "BBOXES_PATH", "CONTRACTIONS_MAPPING", "CATALOG_CATEGORIES", "CATALOG_LANGUAGE_FAMILIES",
    "CATALOG_STYLES", "CATALOG_WEIGHTS", "DEFAULT_COLOR", "DEFAULT_FRAME_RATE", "DEFAULT_SAMPLE_RATE",
    "DEFAULT_TEXT_INDICES", "EMOJI_PATH", "FONT_LIST_PATH", "FONT_PATH", "FUN_FONTS_GREEK_PATH", "FUN_FONTS_PATH",
    "GENDERED_WORDS_MAPPING", "IMG_MASK_PATH", "MEME_DEFAULT_FONT", "MISSPELLING_DICTIONARY_PATH", "RED_RGB_COLOR",
    "SILENT_AUDIO_PATH", "SMILEY_EMOJI_DIR", "SUPPORTED_LINE_TYPES", "TEMPLATE_PATH", "UNICODE_MAPPING_PATH",
    "WHITE_RGB_COLOR", "Segment", "compute_time_crop_segments", "is_audio_file", "is_image_file", "is_video_file",
    "pathmgr", "validate_audio_path", "validate_image_path", "validate_output_path", "validate_path",
    "validate_rgb_color", "validate_video_path",
}


def test_every_augly_utils_name_is_provided_except_the_documented_ones() -> None:
    assert AUGLY_UTILS - NOT_PROVIDED <= set(U.__all__)
    for name in U.__all__:
        assert getattr(U, name) is not None or name.startswith("FUN_FONTS")
    # the lazy index matches the submodules (and AugLy's submodule layout: base_paths, constants, io, ...)
    from_modules = {n: m for m in U._MODULES for n in importlib.import_module(f"multiaug.utils.{m}").__all__
                    if n != "nlpaug_resources"}
    assert U._NAMES == from_modules
    from multiaug.utils.base_paths import MODULE_BASE_DIR
    from multiaug.utils.constants import FONT_PATH
    from multiaug.utils.io import pathmgr as same

    assert same is pathmgr and os.path.isfile(FONT_PATH) and os.path.isdir(os.path.join(MODULE_BASE_DIR, "assets"))


def test_every_path_exists_and_the_image_defaults_are_the_same_objects() -> None:
    for name in U.__all__:
        value = getattr(U, name)
        if isinstance(value, str) and (name.endswith(("_DIR", "_PATH", "_MAPPING", "_FONT")) or "FONT" in name):
            assert pathmgr.exists(value), (name, value)
    assert not os.path.isdir(U.SMILEY_EMOJI_DIR) and pathmgr.isdir(U.SMILEY_EMOJI_DIR)  # virtual category
    for name in ("EMOJI_PATH", "SMILEY_EMOJI_DIR", "FONT_PATH", "MEME_DEFAULT_FONT", "TEMPLATE_PATH", "BBOXES_PATH",
                 "DEFAULT_COLOR", "WHITE_RGB_COLOR", "RED_RGB_COLOR", "DEFAULT_TEXT_OVERLAY_FONT_PATH"):
        assert getattr(imaugs, name) == getattr(U, name)
    assert multiaug_default("overlay_emoji", "emoji_path") == U.EMOJI_PATH
    assert multiaug_default("meme_format", "font_file") == U.MEME_DEFAULT_FONT
    assert inspect_default(audaugs.change_volume, "sample_rate") == U.DEFAULT_SAMPLE_RATE
    line_type = typing.get_type_hints(imaugs.overlay_stripes)["line_type"]
    assert sorted(typing.get_args(line_type)) == sorted(U.SUPPORTED_LINE_TYPES)


def multiaug_default(name: str, param: str) -> object:
    import multiaug

    return multiaug.get_entry(name, "image").param(param).default


def inspect_default(fn: object, param: str) -> object:
    import inspect

    return inspect.signature(fn).parameters[param].default  # type: ignore[arg-type]


def test_the_constants_work_as_augly_code_passes_them() -> None:
    text = "I can't believe he said she'll come, the actress said."
    assert txtaugs.contractions(text, mapping=U.CONTRACTIONS_MAPPING, aug_p=1.0, seed=1) == \
        txtaugs.contractions(text, aug_p=1.0, seed=1)
    assert txtaugs.swap_gendered_words(text, mapping=U.GENDERED_WORDS_MAPPING, aug_word_p=1.0, seed=1) == \
        txtaugs.swap_gendered_words(text, aug_word_p=1.0, seed=1)
    assert txtaugs.simulate_typos(text, misspelling_dict_path=U.MISSPELLING_DICTIONARY_PATH, seed=3) == \
        txtaugs.simulate_typos(text, seed=3)
    assert txtaugs.replace_fun_fonts(text, fonts_path=U.FUN_FONTS_PATH, seed=2) == \
        txtaugs.replace_fun_fonts(text, seed=2)
    out = txtaugs.replace_similar_unicode_chars(text, mapping_path=U.UNICODE_MAPPING_PATH, aug_char_p=1.0, seed=0)
    assert out != text and len(out) >= len(text)
    img = Image.new("RGB", (96, 64), (30, 60, 90))
    imaugs.overlay_emoji(img, emoji_path=U.EMOJI_PATH)
    imaugs.overlay_onto_screenshot(img, template_filepath=U.TEMPLATE_PATH, template_bboxes_filepath=U.BBOXES_PATH)
    for line_type in U.SUPPORTED_LINE_TYPES:
        imaugs.overlay_stripes(img, line_type=line_type)
    mask = Image.open(U.IMG_MASK_PATH).convert("L").resize(img.size)
    masked = imaugs.masked_composite(img, mask=mask, transform_function=imaugs.grayscale)
    assert masked.size == img.size
    # AugLy's RandomEmojiOverlay pattern: list a category folder, then join the names onto it
    names = pathmgr.ls(U.SMILEY_EMOJI_DIR)
    assert len(names) > 10 and all(n.endswith(".png") for n in names)
    out = imaugs.overlay_emoji(img, emoji_path=os.path.join(U.SMILEY_EMOJI_DIR, names[3]))
    assert out.size == img.size


def test_pathmgr_local_operations_and_refusals(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    with pathmgr.open(src, "w") as fh:
        fh.write("hello")
    assert pathmgr.exists(src) and pathmgr.isfile(src) and not pathmgr.isdir(src)
    pathmgr.mkdirs(tmp_path / "x" / "y")
    assert pathmgr.isdir(tmp_path / "x" / "y") and pathmgr.ls(tmp_path) == ["a.txt", "x"]
    assert pathmgr.copy(src, tmp_path / "b.txt")
    with pytest.raises(MediaReadError, match="overwrite"):
        pathmgr.copy(src, tmp_path / "b.txt")
    pathmgr.copy(src, tmp_path / "b.txt", overwrite=True)
    assert pathmgr.get_local_path(tmp_path / "b.txt") == str(tmp_path / "b.txt")
    pathmgr.rm(tmp_path / "b.txt")
    assert not pathmgr.exists(tmp_path / "b.txt")
    virtual = os.path.join(U.SMILEY_EMOJI_DIR, pathmgr.ls(U.SMILEY_EMOJI_DIR)[0])
    assert pathmgr.isfile(virtual) and pathmgr.get_local_path(virtual).startswith(U.EMOJI_DIR)
    with pathmgr.open(virtual, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    for url in ("https://example.com/a.png", "s3://bucket/a.png", "manifold://x/y"):
        with pytest.raises(MediaReadError, match="no network"):
            pathmgr.open(url)
    with pytest.raises(UnsupportedInputError):
        pathmgr.register_handler(object())
    pathmgr.set_strict_kwargs_checking(False)


def test_compute_time_crop_segments() -> None:
    src, dst = Segment(10.0, 20.0), Segment(2.0, 7.0)  # 10 s of source shown at 2x speed over 5 s of output
    cases = [  # (crop, expected source span, expected output span)
        ((0.0, 10.0), (10.0, 20.0), (2.0, 7.0)),  # the crop keeps the whole pair, shifted by 0
        ((3.0, 10.0), (12.0, 20.0), (0.0, 4.0)),  # 1 output s cut at the front = 2 source s
        ((0.0, 6.0), (10.0, 18.0), (2.0, 6.0)),  # 1 output s cut at the back
        ((4.0, 5.0), (14.0, 16.0), (0.0, 1.0)),  # both ends
    ]
    for (start, end), exp_src, exp_dst in cases:
        s_out: list[Segment] = []
        d_out: list[Segment] = []
        compute_time_crop_segments(src, dst, 2.0, start, end, s_out, d_out)
        assert s_out == [Segment(*exp_src)] and d_out == [Segment(*exp_dst)], (start, end)
    s_out, d_out = [], []
    compute_time_crop_segments(src, dst, 2.0, 7.0, 9.0, s_out, d_out)
    compute_time_crop_segments(src, dst, 2.0, 0.0, 2.0, s_out, d_out)
    assert s_out == [] and d_out == []


def test_media_probes_and_validators(tmp_path: Path) -> None:
    photo = os.path.join(U.IMG_MASK_DIR, "astronaut.jpg")
    clip = os.path.join(U.AUDIO_ASSETS_DIR, "samples", "speech_sample.flac")
    assert U.is_image_file(photo) and not U.is_image_file(clip) and not U.is_image_file(tmp_path / "missing.png")
    assert U.is_audio_file(clip) and not U.is_audio_file(photo)
    mp4 = tmp_path / "v.mp4"
    mp4.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32)
    assert U.is_video_file(mp4) and not U.is_video_file(photo) and not U.is_video_file(clip)
    U.validate_image_path(photo)
    U.validate_audio_path(clip)
    U.validate_video_path(mp4)
    with pytest.raises(MediaReadError, match="not an image"):
        U.validate_image_path(clip)
    with pytest.raises(MediaReadError, match="not found"):
        U.validate_path(tmp_path / "nope.jpg")
    with pytest.raises(UnsupportedInputError):
        U.validate_path(3)  # type: ignore[arg-type]
    U.validate_output_path(tmp_path / "out.png")
    with pytest.raises(InvalidParameterError):
        U.validate_output_path(tmp_path / "no_dir" / "out.png")
    U.validate_rgb_color((0, 128, 255))
    for bad in ((0, 0), (0, 0, 256), (0.0, 1, 2), "red"):
        with pytest.raises(InvalidParameterError):
            U.validate_rgb_color(bad)
    arr = np.zeros((4, 4, 3), np.uint8)
    assert not U.is_image_file(arr)  # type: ignore[arg-type]  # not a path: False, not an exception


def test_import_is_light() -> None:
    code = ("import sys, multiaug.utils as u; u.EMOJI_PATH; u.pathmgr; u.CONTRACTIONS_MAPPING; "
            "assert not any(m in sys.modules for m in ('multiaug.image', 'multiaug.text', 'multiaug.audio')), "
            "sorted(m for m in sys.modules if m.startswith('multiaug'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert out.returncode == 0, out.stderr
