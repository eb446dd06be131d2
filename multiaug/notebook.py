"""Notebook display helpers (the public façade of :mod:`multiaug.viz`): image grids with boxes, side-by-side
before/after, text diffs, audio players.

Everything returns plain HTML strings or objects with ``_repr_html_`` so it works in Jupyter, VS Code and
exported HTML without extra dependencies (matplotlib is used only for spectrograms, if installed).
"""

from __future__ import annotations

from .viz.audio import audio_before_after, audio_player_html, audio_to_wav_bytes, spectrogram_png
from .viz.html import HTML
from .viz.images import before_after, image_to_data_uri, show_grid
from .viz.text_diff import text_diff, text_diff_html

__all__ = [
    "HTML",
    "audio_before_after",
    "audio_player_html",
    "audio_to_wav_bytes",
    "before_after",
    "image_to_data_uri",
    "show_grid",
    "spectrogram_png",
    "text_diff",
    "text_diff_html",
]
