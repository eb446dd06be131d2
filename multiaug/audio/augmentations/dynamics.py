"""Level changes (``change_volume``, ``normalize``). Maths in :mod:`multiaug.audio.kernels.level`."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import augmentation
from ...core.spec import Check, Range, Unit
from ..kernels import level
from ..modality import AUDIO, FINITE, SCAN_OUTPUT, Audio


def _volume_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|volume_db| / 110 * 100, 100)."""
    return min(abs(params["volume_db"]) / 110.0 * 100.0, 100.0)


@augmentation(AUDIO, intensity=_volume_intensity, finite_scan=SCAN_OUTPUT)
def change_volume(audio: Audio, volume_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = 0.0) -> Audio:
    """Apply a gain of ``volume_db`` decibels (amplitude × 10^(dB/20)); samples are not clipped.

    Args:
        volume_db: gain in dB; +6 dB multiplies the RMS by 1.995.
    """
    return level.apply_gain(audio, volume_db)


def _normalize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if norm is set, else 0."""
    return 100.0 if params["norm"] is not None else 0.0


def _norm_ok(v: float) -> bool:
    return math.isinf(v) or v >= 0


@augmentation(AUDIO, intensity=_normalize_intensity)
def normalize(
    audio: Audio,
    norm: Annotated[float | None, Range(inf_meaning="inf = peak, -inf = smallest magnitude"),
                    Check(_norm_ok, "must be inf, -inf, 0 or a positive number (or None)")] = np.inf,
    axis: Annotated[int, Check(lambda v: v in (0, 1, -1), "must be 0 (whole signal) or 1/-1 (per channel)")] = 0,
    threshold: Annotated[float | None, Range(0.0, None, low_open=True), FINITE] = None,
    fill: bool | None = None,
) -> Audio:
    """Scale the signal so that its ``norm`` equals 1 (default: peak normalisation to 1.0).

    Semantics of librosa's ``util.normalize`` applied to audio: ``inf`` = peak, ``-inf`` = smallest
    magnitude, ``0`` = number of non-zero samples, ``p > 0`` = p-norm. Multi-channel rule (differs from
    AugLy, which normalised across channels sample by sample): ``axis=0`` uses ONE gain for the whole
    signal (the inter-channel balance is kept); ``axis=1``/``-1`` normalises each channel separately.
    Silence (norm below ``threshold``) is left unchanged unless ``fill`` says otherwise; never NaN.

    Args:
        norm: which norm becomes 1: inf (peak), -inf, 0, a positive p, or None (no change).
        axis: 0 = one gain for the whole signal; 1 or -1 = one gain per channel (same as 0 for mono).
        threshold: norms below this are treated as silence (> 0; None = smallest positive float32).
        fill: for silent signals/channels: None = leave as is, False = set to 0, True = fill with a
            constant whose norm is 1 (not allowed with norm=0).
    """
    if fill is True and norm == 0:
        raise InvalidParameterError("normalize: fill=True cannot be used with norm=0", function="normalize",
                                    argument="fill")
    return level.normalize(audio, norm, per_channel=axis != 0, threshold=threshold, fill=fill)
