"""Reading and writing whole media files by extension (used by the CLI, demo and dataset tools)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .core.errors import MediaReadError, UnsupportedInputError
from .core.io import atomic_write_bytes

IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"})
AUDIO_EXTS = frozenset({".wav", ".flac", ".ogg", ".aiff", ".aif", ".au", ".mp3"})
TEXT_EXTS = frozenset({".txt"})


def modality_of_path(path: str | os.PathLike[str]) -> str:
    """``image``, ``text`` or ``audio`` from the file extension."""
    ext = Path(path).suffix.lower()
    if ext in IMAGE_EXTS:
        return "image"
    if ext in AUDIO_EXTS:
        return "audio"
    if ext in TEXT_EXTS:
        return "text"
    raise UnsupportedInputError(f"cannot tell the modality of '{path}' from its extension '{ext}'")


def read_media(path: str | os.PathLike[str]) -> tuple[str, Any, dict[str, Any]]:
    """Return (modality, media, call kwargs). Images come back as PIL, audio as (array) + sample_rate."""
    modality = modality_of_path(path)
    p = Path(path)
    if modality == "image":
        from .image.modality import load_image

        img = load_image(p, "path", "read_media")
        return modality, img, {}
    if modality == "audio":
        from .audio.modality import load_audio

        audio, sr = load_audio(p, None, "read_media", "path")
        return modality, audio, {"sample_rate": sr}
    try:
        return modality, p.read_text(encoding="utf-8"), {}
    except (OSError, UnicodeDecodeError) as exc:
        raise MediaReadError(f"read_media: cannot read text file '{p}': {exc}") from None


def write_media(path: str | os.PathLike[str], modality: str, media: Any) -> None:
    """Atomically write augmented media (audio media is ``(array, sample_rate)``)."""
    if modality == "image":
        from .image.modality import IMAGE

        IMAGE.save(media, path, {})
    elif modality == "audio":
        from .audio.modality import AUDIO

        audio, sr = media
        AUDIO.save(audio, path, {"sample_rate": int(sr)})
    else:
        atomic_write_bytes(path, str(media).encode("utf-8"))


def augment_to_file(pipeline: Any, media: Any, call: dict[str, Any], modality: str, dest: str | os.PathLike[str],
                    seed: int) -> dict[str, Any]:
    """Run ``pipeline`` on ``media`` with ``seed``, write the result to ``dest``; return the metadata line
    (output path, seed and the full records, from which the output replays exactly)."""
    from .core.tracker import Tracker

    tracker = Tracker()
    result = pipeline(media, **call, metadata=tracker, seed=seed)
    write_media(dest, modality, result)
    return {"output": str(dest), "seed": seed, "records": list(tracker)}
