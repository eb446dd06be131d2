"""The audio modality's shipped value pools (``{"$pool": name}`` in pipeline documents; see
:mod:`multiaug.core.pools`):

* ``backgrounds`` — shipped background recordings a re-upload picks up: babble, café, traffic, rain, mains hum
  and the music sample (absolute paths), for ``background_audio``.
"""

from __future__ import annotations

from ..assets import asset_path
from ..core.pools import register_pool

BACKGROUNDS = (("noise", "babble.flac"), ("noise", "cafe.flac"), ("noise", "traffic.flac"), ("noise", "rain.flac"),
               ("noise", "hum.flac"), ("samples", "music_sample.flac"))


def background_paths() -> tuple[str, ...]:
    """Absolute paths of the shipped background recordings (babble, café, traffic, rain, hum, music)."""
    return tuple(str(asset_path("audio", *parts)) for parts in BACKGROUNDS)


def register_audio_pools() -> None:
    """Register the pools above (idempotent)."""
    register_pool("backgrounds", background_paths, "shipped background recordings: babble, cafe, traffic, rain, hum, "
                  "music (absolute paths)", replace=True)
