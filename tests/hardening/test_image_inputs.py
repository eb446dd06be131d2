"""Issue 12, images: high-bit-depth images processed at their depth or refused naming the mode (never quietly
quantised), empty images refused by every function, premultiplied modes round-trip, output paths checked before
any work, no ndarray output a view of the input, rotate never shows fill."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

import multiaug
import multiaug.image as imaugs
from multiaug.core.errors import MediaReadError, OutputPathError, UnsupportedInputError
from multiaug.core.registry import entries

from . import inputs as odd

IMAGE_ENTRIES = entries("image")


# ------------------------------------------------------------------------------------------------ bit depth
def test_brightness_refuses_16_bit_values_instead_of_clipping_them():
    with pytest.raises(UnsupportedInputError, match="'I;16'"):
        imaugs.brightness(odd.deep("I;16"), factor=1.0)


@pytest.mark.parametrize("mode", ["I;16", "I", "F"])
@pytest.mark.parametrize("name", ["hflip", "crop", "resize", "scale", "rotate", "blur", "pad", "skew", "sharpen",
                                  "pixelization"])
def test_deep_functions_keep_depth(name, mode):
    img = odd.deep(mode)
    src = np.asarray(img, dtype=np.float64)
    out = getattr(imaugs, name)(img)
    assert out.mode == mode
    a = np.asarray(out, dtype=np.float64)
    if mode == "F":
        assert np.isfinite(a).all() and len(np.unique(a)) > 50  # not collapsed to 1-2 levels
        assert a.max() <= 1.0 + 1e-3
    else:
        assert a.max() > 255 and a.max() <= src.max() + 1  # not clipped to 8 bits, nothing invented


def test_deep_pad_fills_with_the_colour_at_the_modes_scale():
    out = imaugs.pad(odd.deep("I;16"), color=(255, 255, 255))
    assert np.asarray(out)[0, 0] == 65535
    out = imaugs.pad(odd.deep("F"), color=(255, 255, 255))
    assert np.asarray(out)[0, 0] == pytest.approx(1.0)


def test_hflip_of_16_bit_is_exact_and_saves_as_16_bit_png(tmp_path):
    img = odd.deep("I;16")
    out = imaugs.hflip(img, output_path=tmp_path / "o.png")
    assert np.array_equal(np.asarray(out), np.asarray(img)[:, ::-1])
    back = Image.open(tmp_path / "o.png")
    assert np.array_equal(np.asarray(back, dtype=np.int64), np.asarray(out, dtype=np.int64))
    with pytest.raises(OutputPathError, match="depth"):
        imaugs.hflip(img, output_path=tmp_path / "o.jpg")
    assert not (tmp_path / "o.jpg").exists()


def test_16_bit_png_path_is_processed_at_depth(tmp_path):
    path = tmp_path / "deep.png"
    odd.deep("I;16").save(path)
    out = imaugs.resize(str(path), width=16, height=12)
    assert out.mode in ("I;16", "I") and np.asarray(out).max() > 255
    with pytest.raises(UnsupportedInputError, match="mode"):
        imaugs.contrast(str(path))


def test_i_image_with_8_bit_values_still_works_everywhere():
    img = Image.fromarray(np.arange(256, dtype=np.int32).reshape(16, 16))
    assert img.mode == "I"
    out = imaugs.brightness(img, factor=1.5)
    assert out.mode == "I" and np.asarray(out).max() == 255


def test_deep_secondary_image_is_refused():
    with pytest.raises(UnsupportedInputError, match="overlay"):
        imaugs.overlay_image(odd.rgb(16, 16), overlay=odd.deep("I;16"))


def test_native_modes_are_in_the_catalogue():
    rows = {r["name"]: r for r in multiaug.catalogue("image")}
    assert rows["blur"]["rules"]["deep"] == ["I;16", "I", "F"]
    assert "deep" not in rows["brightness"]["rules"]


# ------------------------------------------------------------------------------------------------ empty / degenerate
@pytest.mark.parametrize("empty", ["pil_0x0", "pil_0x5", "arr_0xWx3", "arr_Hx0x3"])
def test_empty_images_are_refused_by_every_function(empty):
    media = {"pil_0x0": Image.new("RGB", (0, 0)), "pil_0x5": Image.new("RGB", (0, 5)),
             "arr_0xWx3": np.zeros((0, 8, 3), np.uint8), "arr_Hx0x3": np.zeros((8, 0, 3), np.uint8)}[empty]
    for e in IMAGE_ENTRIES:
        with pytest.raises(UnsupportedInputError, match="empty image"):
            e.public(media, **e.example_params())


def test_empty_secondary_image_is_refused():
    with pytest.raises(UnsupportedInputError, match="empty image"):
        imaugs.overlay_image(odd.rgb(16, 16), overlay=Image.new("RGB", (0, 0)))


@pytest.mark.parametrize("size", [(1, 1), (2, 1), (1, 2), (4000, 1), (1, 4000)])
def test_rotate_never_shows_fill(size):
    img = Image.new("RGB", size, (200, 100, 50))
    out = imaugs.rotate(img, degrees=15.0)
    assert out.width * out.height <= size[0] * size[1]
    assert {tuple(p) for p in np.asarray(out).reshape(-1, 3)} == {(200, 100, 50)}


@pytest.mark.parametrize("mode", ["La", "RGBa", "PA"])
def test_premultiplied_modes_round_trip(mode):
    img = odd.rgb(16, 12).convert("RGBA").convert(mode) if mode != "La" else odd.rgb(16, 12).convert("LA").convert("La")
    for name in ("brightness", "overlay_emoji", "meme_format", "overlay_onto_screenshot", "blur"):
        assert getattr(imaugs, name)(img).mode == mode, name


def test_no_ndarray_output_is_a_view_of_the_input():
    arr = odd._gradient(8, 6)
    for e in IMAGE_ENTRIES:
        out = e.public(arr, **e.example_params())
        out = out[0] if isinstance(out, tuple) else out
        assert not np.shares_memory(out, arr), e.name


# ------------------------------------------------------------------------------------------------ paths
def test_output_path_without_extension_names_the_users_path(tmp_path):
    target = tmp_path / "noext"
    with pytest.raises(OutputPathError) as info:
        imaugs.hflip(odd.rgb(8, 8), output_path=target)
    assert str(target) in str(info.value) and ".tmp" not in str(info.value)
    assert os.listdir(tmp_path) == []


def test_output_path_onto_a_directory_is_refused(tmp_path):
    with pytest.raises(OutputPathError, match="is a directory"):
        imaugs.hflip(odd.rgb(8, 8), output_path=tmp_path)


def test_a_size_passed_positionally_as_output_path_is_refused_by_name():
    # albumentations users write random_resized_crop(img, 224): the 2nd positional argument is output_path
    with pytest.raises(UnsupportedInputError, match="output_path must be a file path.*int 224"):
        imaugs.random_resized_crop(odd.rgb(8, 8), 224, seed=0)


def test_directory_as_input_says_directory(tmp_path):
    with pytest.raises(MediaReadError, match="is a directory"):
        imaugs.hflip(str(tmp_path))


def test_read_only_output_is_never_replaced(tmp_path):
    target = tmp_path / "keep.png"
    target.write_bytes(b"precious")
    target.chmod(0o444)
    with pytest.raises(OutputPathError, match="read-only"):
        imaugs.hflip(odd.rgb(8, 8), output_path=target)
    assert target.read_bytes() == b"precious" and (target.stat().st_mode & 0o777) == 0o444
    assert os.listdir(tmp_path) == ["keep.png"]


def test_replaced_output_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    target.chmod(0o600)
    imaugs.hflip(odd.rgb(8, 8), output_path=target)
    assert (target.stat().st_mode & 0o777) == 0o600 and Image.open(target).size == (8, 8)


def test_a_palette_image_without_palette_colours_is_refused_by_name():
    # Image.new("P", size) has an empty palette on Pillow 11+ (its conversions fail with "empty palette");
    # Pillow 10 gives it a grey palette, which is a real palette: then it is processed
    blank = Image.new("P", (4, 4))
    if blank.getpalette():
        assert imaugs.grayscale(blank).size == (4, 4)
    else:
        with pytest.raises(UnsupportedInputError, match="argument 'image' is a P-mode image without palette colours"):
            imaugs.grayscale(blank)
    with_palette = Image.new("RGB", (4, 4), (10, 20, 30)).convert("P")
    assert imaugs.hflip(with_palette).mode == "P"
