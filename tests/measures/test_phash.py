"""The one pHash (imagehash's), the difference hash and Hamming distance."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from multiaug.core.errors import InvalidParameterError
from multiaug.measures.phash import dhash, hamming, phash

from ..data.conftest import textured
from ..robustness._fixtures import SAMPLES, small_photos


def test_phash_is_64_bits_and_matches_imagehash_when_installed():
    img = small_photos()[0]
    h = phash(img)
    assert h.shape == (64,) and h.dtype == bool
    assert hamming(h, phash(img)) == 0
    assert hamming(h, phash(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) > 10
    imagehash = pytest.importorskip("imagehash")
    for photo in small_photos():
        assert hamming(phash(photo), imagehash.phash(photo).hash.reshape(-1)) == 0
        assert hamming(dhash(photo), imagehash.dhash(photo).hash.reshape(-1)) == 0


@pytest.mark.parametrize("fn", [phash, dhash])
def test_image_hashes_separate_edits_from_new_pictures(fn) -> None:
    img = textured(3, (96, 72))
    assert hamming(fn(img), fn(img.copy())) == 0
    slight = ImageEnhance.Brightness(img).enhance(1.03)
    assert hamming(fn(img), fn(slight)) <= 4
    other = textured(99, (96, 72)).transpose(Image.Transpose.ROTATE_180)
    assert hamming(fn(img), fn(other)) >= 12
    assert hamming(fn(img), fn(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) >= 12


def test_the_fast_thumbnail_stays_close_to_the_exact_hash():
    """expand hashes with reducing_gap=3: a box reduction first; on the shipped photos the bits stay within 2."""
    for name in ("photo_1024x768.jpg", "astronaut.jpg", "coffee.jpg", "rocket.jpg", "chelsea.png"):
        img = Image.open(SAMPLES / name).convert("RGB")
        assert hamming(phash(img), phash(img, reducing_gap=3.0)) <= 2, name
        assert hamming(dhash(img), dhash(img, reducing_gap=3.0)) <= 4, name


def test_hashes_accept_arrays_and_greyscale_and_validate_sizes() -> None:
    img = textured(4)
    assert phash(np.asarray(img)).tolist() == phash(img).tolist()
    assert phash(img.convert("L")).shape == (64,) and dhash(img, hash_size=4).shape == (16,)
    assert phash(img, hash_size=16).shape == (256,)
    with pytest.raises(InvalidParameterError):
        phash(img, hash_size=1)
    with pytest.raises(InvalidParameterError):
        dhash(img, hash_size=1)


def test_hamming_on_bit_arrays_and_ints():
    assert hamming(np.array([1, 0, 1, 1], bool), np.array([1, 1, 1, 0], bool)) == 2
    assert hamming(0b1011, 0b1000) == 2 and hamming(np.uint64(7), 0) == 3
    with pytest.raises(ValueError, match="different lengths"):
        hamming(np.zeros(64, bool), np.zeros(256, bool))
