"""AugLy's ``augly.utils.asserts``: what kind of media a file holds, and path / colour checks.

AugLy sniffs MIME types with libmagic and checks with ``assert``; here the file's content is probed with the
libraries multiaug already uses (Pillow for images, libsndfile for audio, container signatures for video) and a
failed check raises a typed error: :class:`~multiaug.core.errors.MediaReadError` for a missing or unreadable file,
:class:`~multiaug.core.errors.InvalidParameterError` (a ``ValueError``) for a bad value,
:class:`~multiaug.core.errors.UnsupportedInputError` (a ``TypeError``) for a wrong type.
"""

from __future__ import annotations

import os
from typing import Any

import soundfile as sf
from PIL import Image, UnidentifiedImageError

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from .io import pathmgr

#: leading bytes of video containers: MP4/MOV/3GP ("ftyp" at offset 4), Matroska/WebM, AVI, MPEG-PS/ES, FLV, ASF
_VIDEO_SIGNATURES = ((4, b"ftyp"), (0, b"\x1a\x45\xdf\xa3"), (0, b"\x00\x00\x01\xba"), (0, b"\x00\x00\x01\xb3"),
                     (0, b"FLV"), (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"))


def _readable(path: Any) -> str | None:
    try:
        p = pathmgr.get_local_path(path)
    except (MediaReadError, UnsupportedInputError):
        return None
    return p if os.path.isfile(p) else None


def is_image_file(filename: str | os.PathLike[str]) -> bool:
    """True when Pillow recognises the file's content as an image (the header is read, not the pixels)."""
    p = _readable(filename)
    if p is None:
        return False

    try:
        with Image.open(p):
            return True
    except (UnidentifiedImageError, OSError, ValueError):
        return False


def is_audio_file(filename: str | os.PathLike[str]) -> bool:
    """True when libsndfile (``soundfile``) can read the file (WAV, FLAC, OGG, AIFF, MP3 ...)."""
    p = _readable(filename)
    if p is None:
        return False
    try:
        sf.info(p)
        return True
    except (RuntimeError, OSError, ValueError, TypeError):  # LibsndfileError is a RuntimeError
        return False


def is_video_file(filename: str | os.PathLike[str]) -> bool:
    """True when the file starts like a video container (MP4/MOV, MKV/WebM, AVI, MPEG, FLV, WMV)."""
    p = _readable(filename)
    if p is None:
        return False
    with open(p, "rb") as fh:
        head = fh.read(16)
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return True
    return any(head[at:at + len(sig)] == sig for at, sig in _VIDEO_SIGNATURES)


def validate_path(file_path: str | os.PathLike[str]) -> None:
    """Raise unless ``file_path`` is a str/PathLike naming an existing local file or folder."""
    if not isinstance(file_path, (str, os.PathLike)):
        raise UnsupportedInputError(f"path must be a str, got {type(file_path).__name__}")
    if not pathmgr.exists(file_path):
        raise MediaReadError(f"path not found: '{os.fspath(file_path)}'")


def validate_image_path(image_path: str | os.PathLike[str]) -> None:
    validate_path(image_path)
    if not is_image_file(image_path):
        raise MediaReadError(f"not an image file: '{os.fspath(image_path)}'")


def validate_audio_path(audio_path: str | os.PathLike[str]) -> None:
    validate_path(audio_path)
    if not is_audio_file(audio_path):
        raise MediaReadError(f"not an audio file: '{os.fspath(audio_path)}'")


def validate_video_path(video_path: str | os.PathLike[str]) -> None:
    validate_path(video_path)
    if not is_video_file(video_path):
        raise MediaReadError(f"not a video file: '{os.fspath(video_path)}'")


def validate_output_path(output_path: str | os.PathLike[str]) -> None:
    """Raise unless ``output_path`` is a str/PathLike whose folder exists."""
    if not isinstance(output_path, (str, os.PathLike)):
        raise UnsupportedInputError(f"output_path must be a str, got {type(output_path).__name__}")
    folder = os.path.dirname(os.path.abspath(os.fspath(output_path)))
    if not os.path.isdir(folder):
        raise InvalidParameterError(f"output_path: folder '{folder}' does not exist", argument="output_path")


def validate_rgb_color(color: Any) -> None:
    """Raise unless ``color`` is 3 ints in [0, 255]."""
    ok = (isinstance(color, (tuple, list)) and len(color) == 3
          and all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in color))
    if not ok:
        raise InvalidParameterError(f"color must be 3 ints in [0, 255] (r, g, b), got {color!r}", argument="color")


__all__ = [
    "is_audio_file",
    "is_image_file",
    "is_video_file",
    "validate_audio_path",
    "validate_image_path",
    "validate_output_path",
    "validate_path",
    "validate_rgb_color",
    "validate_video_path",
]
