"""THE reader and writer of whole media files for ``data`` (expand), ``robustness``, ``evaluate``, the demo and the
command line. (An augmentation's own ``output_path=`` is written by its modality, as AugLy does.)

Reading goes through the modalities' loaders, so a file fails the same way everywhere (:class:`MediaReadError`
naming the caller and the argument): images come back as PIL images (decoded), audio as ``(float32 samples
channels-first or mono, sample_rate)``, text as a ``str`` (UTF-8).

Writing (:func:`encode`, :func:`write_media`) is deterministic — the same media give the same bytes, so a
manifest's ``sha256`` replays: images in the format of their extension (Pillow; JPEG at quality
:data:`JPEG_QUALITY`, converted to RGB unless grey), audio as WAV/FLAC/AIFF with soundfile's default 16-bit PCM
(samples outside [-1, 1] are clipped), anything else as FLAC (see :mod:`multiaug.media.extensions`), text as UTF-8.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf
from PIL import Image

from ..core.errors import MediaReadError, UnsupportedInputError
from ..core.io import atomic_write_bytes
from ..core.tracker import Tracker
from .extensions import AUDIO_WRITE_FORMATS, modality_of_path

#: JPEG quality of written images
JPEG_QUALITY = 95


def as_pil(image: Any) -> Image.Image:
    """A PIL image as is, anything array-like through ``Image.fromarray``."""
    return image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))


# ------------------------------------------------------------------------------------------------ reading
def read_image(source: Any, where: str, argument: str = "path") -> Image.Image:
    """A decoded PIL image from a path (or a PIL image / uint8 array, validated).

    Args:
        source: path, PIL image or uint8 array.
        where: the caller's name, first word of error messages (``"expand"``, ``"robustness"``...).
        argument: the argument named in error messages.
    """
    from ..image.modality import load_image  # lazy: importing a modality registers its whole catalogue (~1 s)

    return load_image(source, argument, where)


def read_audio(source: Any, where: str, argument: str = "path", sample_rate: int | None = None
               ) -> tuple[np.ndarray, int]:
    """``(samples, sample_rate)`` from an audio file (its own rate; float32, mono ``(n,)`` or channels-first), or a
    validated array with ``sample_rate``. A file without samples raises :class:`MediaReadError`."""
    from ..audio.modality import load_audio  # lazy: importing a modality registers its whole catalogue (~1 s)

    return load_audio(source, sample_rate, where, argument)


def read_text(path: str | os.PathLike[str], where: str) -> str:
    """A text file's content (UTF-8)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MediaReadError(f"{where}: cannot read text file '{path}': {exc}") from None


def read_media(path: str | os.PathLike[str], where: str = "read_media") -> tuple[str, Any, dict[str, Any]]:
    """Return (modality, media, call kwargs) of a file, its modality told by its extension. Images come back as
    PIL, audio as the samples with ``{"sample_rate": sr}`` as call kwargs, text as a ``str``."""
    modality = modality_of_path(path)
    if modality == "image":
        return modality, read_image(path, where), {}
    if modality == "audio":
        audio, sr = read_audio(path, where)
        return modality, audio, {"sample_rate": sr}
    return modality, read_text(path, where), {}


# ------------------------------------------------------------------------------------------------ writing
def encode(modality: str, media: Any, ext: str, sample_rate: int | None = None) -> bytes:
    """The bytes written for ``media`` in a file with extension ``ext`` (deterministic: same media → same bytes).

    Args:
        modality: ``"image"``, ``"audio"`` or ``"text"``.
        media: PIL image or uint8 array; float samples (mono or channels-first); str.
        ext: the file's extension (``".png"``...): the image format; the audio format (:data:`AUDIO_WRITE_FORMATS`,
            others → FLAC).
        sample_rate: audio only (default 44100).
    """
    if modality == "text":
        return str(media).encode("utf-8")
    if modality == "image":
        img = as_pil(media)
        fmt = Image.registered_extensions().get(ext, "PNG")
        options: dict[str, Any] = {}
        if fmt == "JPEG":
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            options = {"quality": JPEG_QUALITY}
        buf = io.BytesIO()
        img.save(buf, format=fmt, **options)
        return buf.getvalue()
    if modality == "audio":
        arr = np.asarray(media)
        buf = io.BytesIO()
        sf.write(buf, arr.T if arr.ndim == 2 else arr, int(sample_rate or 44100),
                 format=AUDIO_WRITE_FORMATS.get(ext, "FLAC"))
        return buf.getvalue()
    raise UnsupportedInputError(f"encode: unknown modality {modality!r}")


def write_media(path: str | os.PathLike[str], modality: str, media: Any) -> None:
    """Atomically write ``media`` (:func:`encode`; audio media is ``(samples, sample_rate)``)."""
    sample_rate = None
    if modality == "audio":
        media, sample_rate = media
    atomic_write_bytes(path, encode(modality, media, Path(path).suffix.lower(), sample_rate))


def augment_to_file(pipeline: Any, media: Any, call: dict[str, Any], modality: str, dest: str | os.PathLike[str],
                    seed: int) -> dict[str, Any]:
    """Run ``pipeline`` on ``media`` with ``seed``, write the result to ``dest``; return the metadata line
    (output path, seed and the full records, from which the output replays exactly)."""
    tracker = Tracker()
    result = pipeline(media, **call, metadata=tracker, seed=seed)
    write_media(dest, modality, result)
    return {"output": str(dest), "seed": seed, "records": list(tracker)}


__all__ = ["JPEG_QUALITY", "as_pil", "augment_to_file", "encode", "read_audio", "read_image", "read_media",
           "read_text", "write_media"]
