"""Near-duplicate measures: image perceptual hashes, text edit distance, audio spectral similarity.

* Images: ``dhash`` (difference hash, 64 bits) and ``phash`` (DCT hash of a 32×32 grey thumbnail, 64 bits);
  distance = number of differing bits (0 = same picture, ~32 = unrelated).
* Text: normalised Levenshtein distance in [0, 1] (edits / length of the longer string).
* Audio: spectral similarity in [0, 1] = 1 − mean |log-magnitude spectrogram difference| / 80 dB over the common
  length (1 = identical; a 6 dB gain change gives ≈ 0.92).

:class:`DedupConfig` holds the thresholds; :func:`fingerprint` and :func:`is_near_duplicate` are what the
expansion uses to compare an output with its source and with the item's earlier (sibling) outputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError
from ..measures import phash as _hashes
from ..measures.edit_distance import levenshtein, normalized_edit_distance
from ..measures.phash import hamming
from ..measures.spectral import log_magnitude_db, spectral_similarity

HASHES = ("phash", "dhash")

#: Pillow's two-step resize used for the near-duplicate pHash (a box reduction first): 3–4× faster on photos,
#: within 2 bits of the exact hash on the shipped photos (tests/measures/test_phash.py). dhash stays exact: its
#: 9×8 thumbnail of a small image flips bits under the box reduction (5 of 64 for a 3 % brightness change at 96×72)
REDUCING_GAP = 3.0


def _pack(bits: np.ndarray) -> int:
    return int.from_bytes(np.packbits(bits.astype(np.uint8)).tobytes(), "big")


def dhash(image: Any, hash_size: int = 8) -> int:
    """Difference hash (:func:`multiaug.measures.phash.dhash`) packed into an int of ``hash_size²`` bits.

    Args:
        image: PIL image or uint8 array.
        hash_size: side of the bit grid (8 → 64 bits); >= 2.
    """
    return _pack(_hashes.dhash(image, hash_size))


def phash(image: Any, hash_size: int = 8, highfreq_factor: int = 4) -> int:
    """Perceptual hash (:func:`multiaug.measures.phash.phash`) packed into an int of ``hash_size²`` bits.

    Args:
        image: PIL image or uint8 array.
        hash_size: side of the kept DCT block (8 → 64 bits); >= 2.
        highfreq_factor: thumbnail side = hash_size × highfreq_factor (default 32 px); >= 1.
    """
    return _pack(_hashes.phash(image, hash_size, highfreq_factor, reducing_gap=REDUCING_GAP))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions); :func:`multiaug.measures.edit_distance.levenshtein`."""
    return levenshtein(a, b)


@dataclass(frozen=True, eq=False)
class _Spectrogram:
    """An audio fingerprint: the log-magnitude spectrogram, computed once per output rather than per comparison."""

    db: np.ndarray


def _log_spectrogram(audio: Any) -> np.ndarray:
    return audio.db if isinstance(audio, _Spectrogram) else log_magnitude_db(audio)


def audio_similarity(a: Any, b: Any) -> float:
    """Spectral similarity in [0, 1] (:func:`multiaug.measures.spectral.spectral_similarity`): 1 − mean |dB
    difference| / 80 over the common frames (dB floored at −80), times common / longest frame count."""
    return spectral_similarity(_log_spectrogram(a), _log_spectrogram(b))


@dataclass(frozen=True)
class DedupConfig:
    """Near-duplicate thresholds.

    Attributes:
        enabled: turn near-duplicate rejection on or off.
        image_hash: ``"phash"`` or ``"dhash"``.
        image_max_bits: an image output whose hash differs from the source's or a sibling's by <= this many bits
            (of 64) is a near-duplicate. 0–64.
        text_min_distance: a text output whose normalised edit distance to the source or a sibling is < this is a
            near-duplicate. 0–1.
        audio_max_similarity: an audio output whose spectral similarity to the source or a sibling is > this is a
            near-duplicate. 0–1.
    """

    enabled: bool = True
    image_hash: str = "phash"
    image_max_bits: int = 2
    text_min_distance: float = 0.02
    audio_max_similarity: float = 0.97

    def __post_init__(self) -> None:
        if self.image_hash not in HASHES:
            raise InvalidParameterError(f"DedupConfig: 'image_hash' must be one of {HASHES}, got {self.image_hash!r}",
                                        argument="image_hash")
        if not 0 <= self.image_max_bits <= 64:
            raise InvalidParameterError(f"DedupConfig: 'image_max_bits' must be in [0, 64], got {self.image_max_bits}",
                                        argument="image_max_bits")
        if not 0.0 <= self.text_min_distance <= 1.0:
            raise InvalidParameterError("DedupConfig: 'text_min_distance' must be in [0, 1], got "
                                        f"{self.text_min_distance}", argument="text_min_distance")
        if not 0.0 <= self.audio_max_similarity <= 1.0:
            raise InvalidParameterError("DedupConfig: 'audio_max_similarity' must be in [0, 1], got "
                                        f"{self.audio_max_similarity}", argument="audio_max_similarity")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def fingerprint(modality: str, media: Any, config: DedupConfig) -> Any:
    """What near-duplicate comparisons use: an image hash, the text itself, or the audio's log-spectrogram."""
    if modality == "image":
        return (phash if config.image_hash == "phash" else dhash)(media)
    if modality == "text":
        return media
    if modality == "audio":
        return _Spectrogram(_log_spectrogram(media))
    raise InvalidParameterError(f"fingerprint: unknown modality {modality!r}", argument="modality")


def closeness(modality: str, a: Any, b: Any) -> float:
    """The modality's measure between two fingerprints (bits for images, distance for text, similarity for audio)."""
    if modality == "image":
        return float(hamming(a, b))
    if modality == "text":
        return normalized_edit_distance(a, b)
    return audio_similarity(a, b)


def is_near_duplicate(modality: str, a: Any, b: Any, config: DedupConfig) -> tuple[bool, float]:
    """``(is_duplicate, measure)`` for two fingerprints under ``config``."""
    m = closeness(modality, a, b)
    if modality == "image":
        return m <= config.image_max_bits, m
    if modality == "text":
        return m < config.text_min_distance, m
    return m > config.audio_max_similarity, m


__all__ = [
    "DedupConfig",
    "audio_similarity",
    "closeness",
    "dhash",
    "edit_distance",
    "fingerprint",
    "hamming",
    "is_near_duplicate",
    "normalized_edit_distance",
    "phash",
]
