"""Spectrogram-domain augmentation for ASR pipelines: ``log_mel``, ``spec_augment``, ``spec_frequency_mask``,
``spec_time_mask``, ``spec_channel_shuffle``, and ``replay_spectrogram``.

These work on spectrogram ARRAYS (``(..., n_mels, frames)``), not on waveforms, so they are plain functions
rather than registry entries (the audio modality is waveform in, waveform out). They keep multiaug's
guarantees by hand: every random value is drawn first from the ``seed`` Generator (int, Generator or None, as
everywhere), the maths is one kernel call (:mod:`multiaug.audio.kernels.spectrogram`), the input is never
modified, and each function returns ``(spectrogram, record)`` where the JSON-safe ``record`` holds the
parameters, the integer seed and every drawn value; ``replay_spectrogram(record, spec)`` re-applies it exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.seeds import resolve_seed, rng_from_seed
from .kernels import spectrogram as sk

__all__ = ["log_mel", "spec_augment", "spec_frequency_mask", "spec_time_mask", "spec_channel_shuffle",
           "replay_spectrogram"]


def _check_spec(spec: Any, where: str, min_ndim: int = 2) -> np.ndarray:
    if not isinstance(spec, np.ndarray) or spec.dtype.kind != "f":
        raise UnsupportedInputError(f"{where}: argument 'spec' must be a float numpy array, got {type(spec).__name__}")
    if spec.ndim < min_ndim:
        raise UnsupportedInputError(f"{where}: argument 'spec' must have at least {min_ndim} dimensions "
                                    f"(..., n_mels, frames), got shape {spec.shape}")
    if not np.isfinite(spec).all():
        raise UnsupportedInputError(f"{where}: argument 'spec' contains NaN or infinite values")
    return spec


def _check_int(value: Any, name: str, where: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise InvalidParameterError(f"{where}: argument '{name}' must be an int >= {low}, got {value!r}",
                                    function=where, argument=name)
    return int(value)


def log_mel(audio: np.ndarray, sample_rate: int, n_fft: int = 512, hop_length: int = 160, n_mels: int = 80,
            top_db: float = 80.0) -> tuple[np.ndarray, dict[str, Any]]:
    """Log-mel power spectrogram in dB, ``(..., n_mels, frames)`` float32, and its parameters.

    Args:
        audio: float ndarray, mono (n,) or channels-first (channels, n).
        sample_rate: in Hz.
        n_fft: FFT size in samples (Hann window).
        hop_length: hop between frames in samples.
        n_mels: number of mel bands (HTK mel scale, Slaney-normalised filters).
        top_db: dynamic range kept below the maximum, in dB.
    """
    where = "log_mel"
    if not isinstance(audio, np.ndarray) or audio.dtype.kind != "f" or audio.ndim not in (1, 2):
        raise UnsupportedInputError(f"{where}: argument 'audio' must be a float array (n,) or (channels, n)")
    for name, v in (("sample_rate", sample_rate), ("n_fft", n_fft), ("hop_length", hop_length), ("n_mels", n_mels)):
        _check_int(v, name, where, 1)
    spec = sk.log_mel(audio, sample_rate, n_fft, hop_length, n_mels, top_db)
    return spec, {"name": where, "params": {"sample_rate": int(sample_rate), "n_fft": n_fft, "hop_length": hop_length,
                                            "n_mels": n_mels, "top_db": float(top_db)}}


def _masks(rng: np.random.Generator, size: int, width: int, count: int) -> list[list[int]]:
    """``count`` masks of widths uniform in [0, width], starts uniform over the remaining room (SpecAugment)."""
    out = []
    for _ in range(count):
        w = int(rng.integers(0, min(width, size) + 1))
        out.append([int(rng.integers(0, size - w + 1)), w])
    return out


def spec_augment(spec: np.ndarray, time_warp: int = 5, freq_mask: int = 27, n_freq_masks: int = 2,
                 time_mask: int = 100, n_time_masks: int = 2, mask_value: float | None = None,
                 seed: Any = None) -> tuple[np.ndarray, dict[str, Any]]:
    """SpecAugment (Park et al., 2019; LibriSpeech "LD" policy defaults): time warping by up to ``time_warp``
    frames, ``n_freq_masks`` frequency masks of up to ``freq_mask`` bins, ``n_time_masks`` time masks of up to
    ``time_mask`` frames. Masked cells get ``mask_value`` (default: the input's mean, as for a normalised log-mel).

    Args:
        spec: ``(..., n_mels, frames)`` float array (all leading channels get the same draw).
        time_warp: largest warp W in frames (the point at W <= t < frames - W moves by up to ±W).
        freq_mask: largest frequency-mask width F in bins.
        n_freq_masks: number of frequency masks.
        time_mask: largest time-mask width T in frames.
        n_time_masks: number of time masks.
        mask_value: value of masked cells (None = the input's mean).
        seed: int, numpy Generator or None.
    """
    where = "spec_augment"
    spec = _check_spec(spec, where)
    for name, v in (("time_warp", time_warp), ("freq_mask", freq_mask), ("n_freq_masks", n_freq_masks),
                    ("time_mask", time_mask), ("n_time_masks", n_time_masks)):
        _check_int(v, name, where)
    seed_int = resolve_seed(seed, function=where)
    rng = rng_from_seed(seed_int)
    n_mels, frames = spec.shape[-2], spec.shape[-1]
    # every random value first
    warp = None
    if time_warp > 0 and frames > 2 * time_warp + 2:
        center = int(rng.integers(time_warp, frames - time_warp))
        warp = [center, center + int(rng.integers(-time_warp, time_warp + 1))]
    fmasks = _masks(rng, n_mels, freq_mask, n_freq_masks)
    tmasks = _masks(rng, frames, time_mask, n_time_masks)
    value = float(spec.mean()) if mask_value is None else float(mask_value)
    out = sk.spec_augment(spec, tuple(warp) if warp else None, [tuple(m) for m in fmasks],
                          [tuple(m) for m in tmasks], value)
    params = {"time_warp": time_warp, "freq_mask": freq_mask, "n_freq_masks": n_freq_masks, "time_mask": time_mask,
              "n_time_masks": n_time_masks, "mask_value": mask_value}
    return out, {"name": where, "params": params, "seed": seed_int,
                 "drawn": {"warp": warp, "freq_masks": fmasks, "time_masks": tmasks, "value": value}}


def spec_frequency_mask(spec: np.ndarray, max_width: int = 27, mask_value: float | None = None,
                        seed: Any = None) -> tuple[np.ndarray, dict[str, Any]]:
    """One frequency mask of up to ``max_width`` bins at a random place (audiomentations' former
    SpecFrequencyMask).

    Args:
        spec: ``(..., n_mels, frames)`` float array.
        max_width: largest mask width in bins.
        mask_value: value of masked cells (None = the input's mean).
        seed: int, numpy Generator or None.
    """
    where = "spec_frequency_mask"
    spec = _check_spec(spec, where)
    _check_int(max_width, "max_width", where)
    seed_int = resolve_seed(seed, function=where)
    (start, width), = _masks(rng_from_seed(seed_int), spec.shape[-2], max_width, 1)
    value = float(spec.mean()) if mask_value is None else float(mask_value)
    out = sk.frequency_mask(spec, start, width, value)
    return out, {"name": where, "params": {"max_width": max_width, "mask_value": mask_value}, "seed": seed_int,
                 "drawn": {"start": start, "width": width, "value": value}}


def spec_time_mask(spec: np.ndarray, max_width: int = 100, mask_value: float | None = None,
                   seed: Any = None) -> tuple[np.ndarray, dict[str, Any]]:
    """One time mask of up to ``max_width`` frames at a random place.

    Args:
        spec: ``(..., n_mels, frames)`` float array.
        max_width: largest mask width in frames.
        mask_value: value of masked cells (None = the input's mean).
        seed: int, numpy Generator or None.
    """
    where = "spec_time_mask"
    spec = _check_spec(spec, where)
    _check_int(max_width, "max_width", where)
    seed_int = resolve_seed(seed, function=where)
    (start, width), = _masks(rng_from_seed(seed_int), spec.shape[-1], max_width, 1)
    value = float(spec.mean()) if mask_value is None else float(mask_value)
    out = sk.time_mask(spec, start, width, value)
    return out, {"name": where, "params": {"max_width": max_width, "mask_value": mask_value}, "seed": seed_int,
                 "drawn": {"start": start, "width": width, "value": value}}


def spec_channel_shuffle(spec: np.ndarray, seed: Any = None) -> tuple[np.ndarray, dict[str, Any]]:
    """Shuffle the channels (first axis) of a ``(channels, n_mels, frames)`` spectrogram (audiomentations' former
    SpecChannelShuffle).

    Args:
        spec: ``(channels, n_mels, frames)`` float array.
        seed: int, numpy Generator or None.
    """
    where = "spec_channel_shuffle"
    spec = _check_spec(spec, where, min_ndim=3)
    seed_int = resolve_seed(seed, function=where)
    order = [int(i) for i in rng_from_seed(seed_int).permutation(spec.shape[0])]
    return sk.channel_shuffle(spec, order), {"name": where, "params": {}, "seed": seed_int, "drawn": {"order": order}}


_REPLAY = {
    "spec_augment": lambda s, d: sk.spec_augment(s, tuple(d["warp"]) if d["warp"] else None,
                                                 [tuple(m) for m in d["freq_masks"]],
                                                 [tuple(m) for m in d["time_masks"]], d["value"]),
    "spec_frequency_mask": lambda s, d: sk.frequency_mask(s, d["start"], d["width"], d["value"]),
    "spec_time_mask": lambda s, d: sk.time_mask(s, d["start"], d["width"], d["value"]),
    "spec_channel_shuffle": lambda s, d: sk.channel_shuffle(s, d["order"]),
}


def replay_spectrogram(record: dict[str, Any], spec: np.ndarray) -> np.ndarray:
    """Re-apply a record returned by one of the spectrogram functions to ``spec`` (exact: the drawn values are
    reused, nothing is drawn again).

    Args:
        record: the record (a dict, e.g. read back from JSON).
        spec: the spectrogram to apply it to.
    """
    name = record.get("name") if isinstance(record, dict) else None
    if name not in _REPLAY:
        raise InvalidParameterError(f"replay_spectrogram: unknown record name {name!r}; expected one of "
                                    f"{', '.join(_REPLAY)}", function="replay_spectrogram", argument="record")
    return _REPLAY[name](_check_spec(spec, "replay_spectrogram"), record["drawn"])
