"""Measured perturbation size: how much an augmentation actually changed an item (the maths is in
:mod:`multiaug.measures`).

Next to the parametric ``intensity`` of a record, the robustness report stores what changed, measured on the
original and the augmented media:

* images: SSIM (grayscale, 11-tap Gaussian window σ=1.5, K1=0.01, K2=0.03, with the usual down-sampling of large
  images by ``max(1, round(min(H, W) / 256))``) and the Hamming distance between 64-bit DCT perceptual hashes;
* text: character edit distance (Levenshtein, bit-parallel, pure Python) and that distance over the original
  length;
* audio: SNR in dB of the augmented signal against the original (the difference counts as noise) and the
  log-spectral distance (LSD) in dB.

Images with transparency are composited onto a background first (default white, see
:mod:`multiaug.measures.viewing`): the measures compare what a viewer sees, never colour values hidden under
alpha 0.

When sizes differ (crop, meme caption, tempo, clip) the augmented item is first brought to the original's frame:
images are resized to the original size, audio is mixed to mono, resampled to the original rate and both signals
are cut to the shorter length. The report names the primary measure of each modality (``PRIMARY``); it grows with
the size of the change.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..measures.edit_distance import levenshtein
from ..measures.phash import hamming, phash
from ..measures.spectral import log_spectral_distance, snr_db
from ..measures.ssim import SSIMReference, ssim
from ..measures.viewing import WHITE

#: the measure used on the x axis of the report's "metric vs measured perturbation" plots, per modality
PRIMARY = {"image": "ssim_loss", "text": "edit_distance", "audio": "lsd_db"}
#: human-readable description of each measure
DESCRIPTIONS = {
    "ssim": "structural similarity (1 = identical)",
    "ssim_loss": "1 − SSIM (0 = identical)",
    "phash_distance": "Hamming distance between 64-bit DCT pHashes (0–64)",
    "edit_distance": "character edit distance (Levenshtein)",
    "edit_ratio": "edit distance / original length",
    "snr_db": "SNR of the augmented audio against the original, dB (higher = smaller change)",
    "lsd_db": "log-spectral distance, dB (0 = identical)",
}


# ---------------------------------------------------------------------------------------------- images
def image_perturbation(original: Any, augmented: Any, prepared: dict[str, Any] | None = None,
                       background: Any = WHITE) -> dict[str, float]:
    """``{"ssim", "ssim_loss", "phash_distance"}`` for an image pair (``prepared`` from :func:`prepare`), both
    composited onto ``background`` when they have transparency."""
    prep = prepared or prepare("image", original, background)
    bg = prep["ssim"].background
    s = prep["ssim"].compare(augmented)
    return {"ssim": s, "ssim_loss": 1.0 - s,
            "phash_distance": float(hamming(prep["phash"], phash(augmented, background=bg)))}


# ---------------------------------------------------------------------------------------------- text
def text_perturbation(original: str, augmented: str) -> dict[str, float]:
    """``{"edit_distance", "edit_ratio"}`` for a text pair (ratio = distance / max(1, len(original)))."""
    d = levenshtein(original, augmented)
    return {"edit_distance": float(d), "edit_ratio": d / max(1, len(original))}


# ---------------------------------------------------------------------------------------------- audio
def audio_perturbation(original: tuple[np.ndarray, int], augmented: tuple[np.ndarray, int]) -> dict[str, float]:
    """``{"snr_db", "lsd_db"}`` for an ``(audio, sample_rate)`` pair."""
    (x, sr_x), (y, sr_y) = original, augmented
    return {"snr_db": snr_db(x, y, sr_x, sr_y), "lsd_db": log_spectral_distance(x, y, sr_x, sr_y)}


def prepare(modality: str, original: Any, background: Any = WHITE) -> dict[str, Any]:
    """What the measures need from the original, computed once per item (images: SSIM side and pHash).

    Args:
        modality: "image", "text" or "audio".
        original: the original item (PIL image, str, or ``(audio, sample_rate)``).
        background: images: colour transparent images are composited onto (default white).
    """
    if modality == "image":
        return {"ssim": SSIMReference(original, background), "phash": phash(original, background=background)}
    return {}


def measure(modality: str, original: Any, augmented: Any, prepared: dict[str, Any] | None = None,
            background: Any = WHITE) -> dict[str, float]:
    """All measures of one modality for an (original, augmented) pair.

    Args:
        modality: "image", "text" or "audio".
        original: the original item (PIL image, str, or ``(audio, sample_rate)``).
        augmented: the augmented item, same form.
        prepared: optional result of :func:`prepare` for ``original`` (saves recomputing it; its background wins).
        background: images: colour transparent images are composited onto (default white).
    """
    if modality == "image":
        return image_perturbation(original, augmented, prepared, background)
    if modality == "text":
        return text_perturbation(original, augmented)
    return audio_perturbation(original, augmented)


__all__ = [
    "DESCRIPTIONS",
    "PRIMARY",
    "audio_perturbation",
    "hamming",
    "image_perturbation",
    "levenshtein",
    "log_spectral_distance",
    "measure",
    "phash",
    "snr_db",
    "ssim",
    "text_perturbation",
]
