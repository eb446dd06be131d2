from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from multiaug.core.errors import InvalidParameterError
from multiaug.data.dedup import (
    DedupConfig,
    audio_similarity,
    dhash,
    edit_distance,
    hamming,
    is_near_duplicate,
    normalized_edit_distance,
    phash,
)

from .conftest import textured, tone


@pytest.mark.parametrize("fn", [phash, dhash])
def test_image_hashes_separate_edits_from_new_pictures(fn) -> None:
    img = textured(3, (96, 72))
    assert hamming(fn(img), fn(img.copy())) == 0
    slight = ImageEnhance.Brightness(img).enhance(1.03)
    assert hamming(fn(img), fn(slight)) <= 4
    other = textured(99, (96, 72)).transpose(Image.Transpose.ROTATE_180)
    assert hamming(fn(img), fn(other)) >= 12
    assert hamming(fn(img), fn(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))) >= 12


def test_phash_accepts_arrays_and_greyscale() -> None:
    img = textured(4)
    assert phash(np.asarray(img)) == phash(img)
    assert isinstance(phash(img.convert("L")), int)
    with pytest.raises(InvalidParameterError):
        phash(img, hash_size=1)


def _reference_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[:], i
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
    return row[-1]


def test_edit_distance_matches_reference() -> None:
    rng = random.Random(0)
    for _ in range(200):
        a = "".join(rng.choice("abé ") for _ in range(rng.randint(0, 10)))
        b = "".join(rng.choice("abé ") for _ in range(rng.randint(0, 10)))
        assert edit_distance(a, b) == _reference_levenshtein(a, b)
    assert edit_distance("kitten", "sitting") == 3
    assert normalized_edit_distance("", "") == 0.0
    assert normalized_edit_distance("abcd", "abcx") == 0.25


def test_audio_similarity_levels() -> None:
    a = tone(2)
    assert audio_similarity(a, a.copy()) == pytest.approx(1.0)
    louder = a * np.float32(10 ** (6 / 20))
    assert 0.85 < audio_similarity(a, louder) < 0.97
    assert audio_similarity(a, tone(7)) < audio_similarity(a, louder)
    assert audio_similarity(a, a[: a.size // 2]) < 0.6  # much shorter output is not a duplicate


def test_is_near_duplicate_uses_thresholds() -> None:
    cfg = DedupConfig(image_max_bits=3, text_min_distance=0.1, audio_max_similarity=0.95)
    assert is_near_duplicate("image", 0b1011, 0b1000, cfg) == (True, 2.0)
    assert is_near_duplicate("image", 0b1111, 0b0000, cfg)[0] is False
    assert is_near_duplicate("text", "hello world", "hello worle", cfg)[0] is True
    assert is_near_duplicate("text", "hello world", "HELLO world", cfg)[0] is False
    assert is_near_duplicate("audio", tone(1), tone(1), cfg)[0] is True


@pytest.mark.parametrize("kwargs, argument", [
    ({"image_hash": "ahash"}, "image_hash"), ({"image_max_bits": 65}, "image_max_bits"),
    ({"text_min_distance": 1.5}, "text_min_distance"), ({"audio_max_similarity": -0.1}, "audio_max_similarity"),
])
def test_config_rejects_out_of_range(kwargs, argument) -> None:
    with pytest.raises(InvalidParameterError) as info:
        DedupConfig(**kwargs)
    assert info.value.argument == argument
