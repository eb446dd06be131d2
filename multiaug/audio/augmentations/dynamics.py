"""Level changes (``change_volume``, ``normalize``)."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from ...core.errors import InvalidParameterError
from ...core.registry import augmentation
from ...core.spec import Check, Range, Unit
from ..kernels.channels import as_2d, like_input
from ..modality import AUDIO, FINITE


def _volume_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(|volume_db| / 110 * 100, 100)."""
    return min(abs(params["volume_db"]) / 110.0 * 100.0, 100.0)


@augmentation(AUDIO, intensity=_volume_intensity)
def change_volume(
    audio: Any,
    sample_rate: int = 44100,
    volume_db: Annotated[float, Range(-110.0, 110.0), Unit("dB")] = 0.0,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Apply a gain of ``volume_db`` decibels (amplitude × 10^(dB/20)); samples are not clipped.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        volume_db: gain in dB; +6 dB multiplies the RMS by 1.995.
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    gain = 10.0 ** (volume_db / 20.0)
    return audio * np.asarray(gain, dtype=audio.dtype), sample_rate


def _normalize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 if norm is set, else 0."""
    return 100.0 if params["norm"] is not None else 0.0


def _norm_ok(v: float) -> bool:
    return math.isinf(v) or v >= 0


def _vector_norm(mag: np.ndarray, norm: float, axis: Any) -> np.ndarray:
    if norm == np.inf:
        return np.max(mag, axis=axis, keepdims=True)
    if norm == -np.inf:
        return np.min(mag, axis=axis, keepdims=True)
    if norm == 0:
        return np.sum(mag > 0, axis=axis, keepdims=True).astype(np.float64)
    return np.sum(mag ** norm, axis=axis, keepdims=True) ** (1.0 / norm)


@augmentation(AUDIO, intensity=_normalize_intensity)
def normalize(
    audio: Any,
    sample_rate: int = 44100,
    norm: Annotated[float | None, Range(inf_meaning="inf = peak, -inf = smallest magnitude"),
                    Check(_norm_ok, "must be inf, -inf, 0 or a positive number (or None)")] = np.inf,
    axis: Annotated[int, Check(lambda v: v in (0, 1, -1), "must be 0 (whole signal) or 1/-1 (per channel)")] = 0,
    threshold: Annotated[float | None, Range(0.0, None, low_open=True), FINITE] = None,
    fill: bool | None = None,
    output_path: str | None = None,
    metadata: list[dict[str, Any]] | None = None,
) -> tuple[np.ndarray, int]:
    """Scale the signal so that its ``norm`` equals 1 (default: peak normalisation to 1.0).

    Semantics of librosa's ``util.normalize`` applied to audio: ``inf`` = peak, ``-inf`` = smallest
    magnitude, ``0`` = number of non-zero samples, ``p > 0`` = p-norm. Multi-channel rule (differs from
    AugLy, which normalised across channels sample by sample): ``axis=0`` uses ONE gain for the whole
    signal (the inter-channel balance is kept); ``axis=1``/``-1`` normalises each channel separately.
    Silence (norm below ``threshold``) is left unchanged unless ``fill`` says otherwise; never NaN.

    Args:
        audio: file path or float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: sample rate of an array input in Hz (a file's own rate wins).
        norm: which norm becomes 1: inf (peak), -inf, 0, a positive p, or None (no change).
        axis: 0 = one gain for the whole signal; 1 or -1 = one gain per channel (same as 0 for mono).
        threshold: norms below this are treated as silence (> 0; None = smallest positive float32).
        fill: for silent signals/channels: None = leave as is, False = set to 0, True = fill with a
            constant whose norm is 1 (not allowed with norm=0).
        output_path: if given, the result is also written there (soundfile).
        metadata: list (or Tracker) that receives the record.
    """
    if norm is None:
        return audio.copy(), sample_rate
    if fill is True and norm == 0:
        raise InvalidParameterError("normalize: fill=True cannot be used with norm=0", function="normalize",
                                    argument="fill")
    red: Any = None if axis == 0 else -1
    thr = float(np.finfo(np.float32).tiny) if threshold is None else threshold
    if norm == np.inf:
        # peak normalisation (the default): two reductions and one division in the input's precision
        x2 = as_2d(audio)
        if red is None:
            length = np.asarray(max(float(x2.max()), -float(x2.min()))).reshape(1, 1)
        else:
            length = np.maximum(x2.max(axis=-1, keepdims=True), -x2.min(axis=-1, keepdims=True)).astype(np.float64)
    else:
        x2 = as_2d(np.asarray(audio, dtype=np.float64))
        length = _vector_norm(np.abs(x2), norm, red)
    small = length < thr
    out = x2 / np.where(small, 1.0, length).astype(x2.dtype)
    if small.any() and fill is not None:
        if fill is False:
            out = np.where(small, out.dtype.type(0.0), out)
        else:
            count = x2.size if red is None else x2.shape[-1]
            value = 1.0 if math.isinf(norm) else count ** (-1.0 / norm)
            out = np.where(small, out.dtype.type(value), out)
    return like_input(out, audio), sample_rate
