"""The image modality's shipped value pools (``{"$pool": name}`` in pipeline documents; see
:mod:`multiaug.core.pools`):

* ``emoji`` — every shipped emoji (400 Twemoji characters, ``assets/image/emoji/index.json``), for ``emoji_path``;
* ``captions`` — 75 short meme captions in 18 languages (``assets/image/captions.json``), for ``text``;
* ``photos`` — the six shipped sample photos (``assets/image/photos.csv``), as absolute paths;
* ``dataset_images`` — the images of the dataset being expanded: ``multiaug expand`` replaces the pool by a
  ``$choice`` of its input's image paths before it runs; anywhere else it holds the shipped photos.
"""

from __future__ import annotations

import csv
import json

from ...assets import asset_path
from ...core.pools import register_pool
from .emoji import emoji_index


def emoji_chars() -> tuple[str, ...]:
    """Every shipped emoji, as the emoji characters (index order)."""
    return tuple(e["char"] for e in emoji_index())


def caption_texts() -> tuple[str, ...]:
    """The shipped meme captions (file order)."""
    doc = json.loads(asset_path("image", "captions.json").read_text(encoding="utf-8"))
    return tuple(c["text"] for c in doc["captions"])


def photo_paths() -> tuple[str, ...]:
    """Absolute paths of the shipped sample photos listed in ``assets/image/photos.csv``."""
    listing = asset_path("image", "photos.csv")
    with open(listing, encoding="utf-8", newline="") as fh:
        return tuple(str((listing.parent / row["path"]).resolve()) for row in csv.DictReader(fh))


def register_image_pools() -> None:
    """Register the pools above (idempotent)."""
    register_pool("emoji", emoji_chars, "every shipped emoji (400 Twemoji characters)", replace=True)
    register_pool("captions", caption_texts, "75 short meme captions in 18 languages (assets/image/captions.json)",
                  replace=True)
    register_pool("photos", photo_paths, "the six shipped sample photos (absolute paths)", replace=True)
    register_pool("dataset_images", photo_paths, "images of the dataset being expanded (multiaug expand fills it); "
                  "elsewhere the shipped sample photos", replace=True)
