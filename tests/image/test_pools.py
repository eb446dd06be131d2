"""The image modality's shipped pools: every emoji, the caption list (drawable), the sample photos."""

from __future__ import annotations

import json
import os

from multiaug.assets import asset_path
from multiaug.core.pools import pool_values
from multiaug.image.resources import constants as C
from multiaug.image.resources import fonts
from multiaug.image.resources.emoji import emoji_file_for_char


def test_caption_pool_has_many_languages_and_every_character_is_drawable():
    doc = json.loads(asset_path("image", "captions.json").read_text(encoding="utf-8"))
    langs = {c["lang"] for c in doc["captions"]}
    assert len(langs) >= 15 and {"ar", "he", "hi", "th", "zh", "ja", "ko", "ru"} <= langs
    texts = pool_values("captions")
    assert len(texts) == len(doc["captions"]) == len(set(texts))
    chain = fonts.fallback_chain(C.MEME_DEFAULT_FONT)
    missing = {ch for t in texts for ch in t
               if not ch.isspace() and fonts.face_for_char(ch, chain) is None and emoji_file_for_char(ch) is None}
    assert not missing, f"characters no shipped font draws: {sorted(missing)}"


def test_emoji_photo_and_dataset_pools():
    assert all(emoji_file_for_char(ch) for ch in pool_values("emoji"))
    photos = pool_values("photos")
    assert len(photos) == 6 and all(os.path.isabs(p) and os.path.isfile(p) for p in photos)
    assert pool_values("dataset_images") == photos


def test_audio_background_pool_files_exist():
    import multiaug.audio  # noqa: F401 - registers the audio pools

    paths = pool_values("backgrounds")
    assert len(paths) == 6 and all(os.path.isfile(p) for p in paths)
    assert any("music" in os.path.basename(p) for p in paths) and any("babble" in p for p in paths)
