"""THE file extension → modality table of multiaug (CLI ``apply``, ``expand`` folders and manifests, robustness
folders, ``evaluate``), and the audio formats outputs are written in.

Decisions (the two tables this one replaces disagreed on ``.au`` and ``.mp3``):

* ``.au`` (Sun/NeXT) and ``.mp3`` **are** audio inputs: libsndfile reads both (MP3 through its bundled mpg123
  since libsndfile 1.1; soundfile ≥ 0.13, the declared floor, ships 1.2), so a folder of MP3 clips is a dataset,
  not a list of skipped "unknown file types".
* Outputs are written only in formats whose bytes are a pure function of the samples: WAV, FLAC and AIFF
  (:data:`AUDIO_WRITE_FORMATS`). An output of an ``.mp3``, ``.ogg`` or ``.au`` source is written as ``.flac``
  (:func:`output_extension`): lossy encoders are not byte-stable across library versions, and a manifest's
  ``sha256`` must replay.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import UnsupportedInputError

#: image files (what Pillow reads); the output keeps the source's format
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"})
#: audio files (what libsndfile reads)
AUDIO_EXTENSIONS = frozenset({".wav", ".flac", ".ogg", ".aiff", ".aif", ".au", ".mp3"})
#: text files: one document per file, UTF-8
TEXT_EXTENSIONS = frozenset({".txt"})
#: extension (lower case, with the dot) → modality
EXTENSIONS: dict[str, str] = {
    **{ext: "image" for ext in IMAGE_EXTENSIONS},
    **{ext: "audio" for ext in AUDIO_EXTENSIONS},
    **{ext: "text" for ext in TEXT_EXTENSIONS},
}
#: audio output extension → soundfile format (byte-stable, lossless); other audio sources are written as FLAC
AUDIO_WRITE_FORMATS = {".wav": "WAV", ".flac": "FLAC", ".aiff": "AIFF", ".aif": "AIFF"}


def extensions_of(modality: str) -> frozenset[str]:
    """The extensions of one modality (``"image"``, ``"audio"`` or ``"text"``)."""
    return frozenset(ext for ext, m in EXTENSIONS.items() if m == modality)


def detect_modality(path: str | os.PathLike[str]) -> str | None:
    """``"image"``/``"audio"``/``"text"`` from the file extension (any case), or ``None`` for unknown files."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def modality_of_path(path: str | os.PathLike[str]) -> str:
    """:func:`detect_modality`, raising :class:`UnsupportedInputError` for an unknown extension."""
    modality = detect_modality(path)
    if modality is None:
        raise UnsupportedInputError(f"cannot tell the modality of '{path}' from its extension "
                                    f"'{Path(path).suffix.lower()}'")
    return modality


def output_extension(modality: str, ext: str) -> str:
    """Extension of an output made from a ``modality`` source with extension ``ext``: the source's, except audio
    formats that are not byte-stable (→ ``.flac``)."""
    if modality == "audio" and ext.lower() not in AUDIO_WRITE_FORMATS:
        return ".flac"
    return ext


__all__ = [
    "AUDIO_EXTENSIONS",
    "AUDIO_WRITE_FORMATS",
    "EXTENSIONS",
    "IMAGE_EXTENSIONS",
    "TEXT_EXTENSIONS",
    "detect_modality",
    "extensions_of",
    "modality_of_path",
    "output_extension",
]
