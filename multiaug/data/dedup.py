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
from PIL import Image

from ..core.errors import InvalidParameterError
from ..similarity import dct_hash_bits, levenshtein, stft_frames, to_pil

HASHES = ("phash", "dhash")


def _grey(image: Any, size: tuple[int, int]) -> np.ndarray:
    """Grey thumbnail: box-reduce then bilinear (``reducing_gap``: one cheap pass over the full image), then L."""
    img = to_pil(image)
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    small = img.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    return np.asarray(small.convert("L") if small.mode != "L" else small, dtype=np.float64)


def dhash(image: Any, hash_size: int = 8) -> int:
    """Difference hash: sign of horizontal gradients of a (hash_size+1)×hash_size grey thumbnail.

    Args:
        image: PIL image or uint8 array.
        hash_size: side of the bit grid (8 → 64 bits); >= 2.
    """
    if hash_size < 2:
        raise InvalidParameterError(f"dhash: argument 'hash_size' must be >= 2, got {hash_size}", argument="hash_size")
    g = _grey(image, (hash_size + 1, hash_size))
    bits = (g[:, 1:] > g[:, :-1]).ravel()
    return _pack(bits)


def phash(image: Any, hash_size: int = 8, highfreq_factor: int = 4) -> int:
    """Perceptual hash: low-frequency 2-D DCT coefficients of a grey thumbnail compared with their median.

    Args:
        image: PIL image or uint8 array.
        hash_size: side of the kept DCT block (8 → 64 bits); >= 2.
        highfreq_factor: thumbnail side = hash_size × highfreq_factor (default 32 px); >= 1.
    """
    if hash_size < 2 or highfreq_factor < 1:
        raise InvalidParameterError("phash: 'hash_size' must be >= 2 and 'highfreq_factor' >= 1",
                                    argument="hash_size")
    side = hash_size * highfreq_factor
    g = _grey(image, (side, side))
    return _pack(dct_hash_bits(g, hash_size, norm="ortho"))


def _pack(bits: np.ndarray) -> int:
    return int.from_bytes(np.packbits(bits.astype(np.uint8)).tobytes(), "big")


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two hashes."""
    return (int(a) ^ int(b)).bit_count()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions); see :func:`multiaug.similarity.levenshtein`."""
    return levenshtein(a, b)


def normalized_edit_distance(a: str, b: str) -> float:
    """Levenshtein distance divided by the longer length, in [0, 1] (0 for two empty strings)."""
    n = max(len(a), len(b))
    return 0.0 if n == 0 else edit_distance(a, b) / n


@dataclass(frozen=True, eq=False)
class _Spectrogram:
    """An audio fingerprint: the log-magnitude spectrogram, computed once per output rather than per comparison."""

    db: np.ndarray


def _log_spectrogram(audio: Any, n_fft: int = 512, hop: int = 256) -> np.ndarray:
    if isinstance(audio, _Spectrogram):
        return audio.db
    x = np.asarray(audio, dtype=np.float64)
    if x.ndim == 2:
        x = x.mean(axis=0)
    spec = np.abs(stft_frames(x, n_fft, hop))
    return np.clip(20.0 * np.log10(spec + 1e-10), -80.0, None)


def audio_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Spectral similarity in [0, 1]: 1 − mean |dB difference| / 80 over the common frames (dB floored at −80)."""
    sa, sb = _log_spectrogram(a), _log_spectrogram(b)
    n = min(len(sa), len(sb))
    longest = max(len(sa), len(sb))
    diff = float(np.mean(np.abs(sa[:n] - sb[:n]))) if n else 80.0
    sim = 1.0 - min(diff, 80.0) / 80.0
    return sim * (n / longest)  # a much shorter/longer output is less similar


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
