"""Helpers shared by the audio families: external signals (backgrounds, impulses), shipped assets,
channel matching and parameter checks. Not an augmentation module (leading underscore)."""

from __future__ import annotations

import functools
import json
import math
import os
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.spec import Check
from . import dsp
from ._modality import load_audio, validate_sample_rate

FINITE = Check(lambda v: math.isfinite(v), "must be finite")


def nyquist_check(value: float, sample_rate: int, where: str, argument: str) -> None:
    """Raise a typed error when a frequency is not below the Nyquist frequency."""
    if not value < sample_rate / 2.0:
        raise InvalidParameterError(
            f"{where}: argument '{argument}' must be below the Nyquist frequency sample_rate / 2 = "
            f"{sample_rate / 2.0:g} Hz, got {value:g} Hz",
            function=where,
            argument=argument,
        )


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Any], ...]:
    from ..assets import asset_path

    with open(asset_path("audio", "index.json"), encoding="utf-8") as fh:
        return tuple(json.load(fh))


def shipped(kind: str) -> list[str]:
    """Relative paths (under ``assets/audio``) of the shipped files of ``kind`` ("noise", "speech", "rir")."""
    return sorted(e["path"] for e in _index() if e["kind"] == kind)


@functools.lru_cache(maxsize=64)
def _shipped_at_rate(rel: str, sample_rate: int) -> np.ndarray:
    from ..assets import asset_path

    data, sr = load_audio(str(asset_path("audio", *rel.split("/"))), None, "assets")
    out = np.ascontiguousarray(dsp.resample(data, sr, sample_rate))  # soundfile reads float32 already
    out.setflags(write=False)
    return out


def shipped_audio(rel: str, sample_rate: int) -> np.ndarray:
    """A shipped asset as float32 at ``sample_rate`` (cached, read-only)."""
    return _shipped_at_rate(rel, int(sample_rate))


def pick_shipped(kind: str, sample_rate: int, rng: np.random.Generator) -> tuple[str, np.ndarray]:
    """(name, signal) of a shipped asset of ``kind`` chosen by ``rng`` (one draw), at ``sample_rate``."""
    names = shipped(kind)
    rel = names[int(rng.integers(len(names)))]
    return rel, shipped_audio(rel, sample_rate)


def external_audio(value: Any, value_rate: int | None, sample_rate: int, where: str, argument: str) -> np.ndarray:
    """A user-given background / impulse (path or array) resampled to ``sample_rate``.

    Paths use the file's own rate; arrays use ``value_rate`` (the ``*_sample_rate`` argument), or the
    input's rate when it is None (AugLy's assumption)."""
    if isinstance(value, (str, os.PathLike)):
        data, sr = load_audio(value, None, where, argument)
    elif isinstance(value, np.ndarray):
        data, _ = load_audio(value, sample_rate, where, argument)
        sr = sample_rate if value_rate is None else validate_sample_rate(value_rate, where)
    else:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' must be a file path, a numpy array or None, got {type(value).__name__}"
        )
    if data.shape[-1] == 0:
        raise InvalidParameterError(f"{where}: argument '{argument}' is empty", function=where, argument=argument)
    if sr != sample_rate:
        data = dsp.resample(data, sr, sample_rate)
    return np.asarray(data)


def match_channels(sig: np.ndarray, channels: int) -> np.ndarray:
    """``(channels, m)`` version of ``sig``: mono is repeated; same count kept; otherwise mixed to mono
    then repeated."""
    s2 = dsp.as_2d(sig)
    if s2.shape[0] == channels:
        return s2
    mono = s2.mean(axis=0, keepdims=True) if s2.shape[0] > 1 else s2
    return np.repeat(mono, channels, axis=0)


def loop_to_length(sig: np.ndarray, n: int, offset: int = 0) -> np.ndarray:
    """Tile ``(m,)`` or ``(channels, m)`` to ``(channels, n)`` starting at ``offset`` (wrapping around)."""
    sig2d = dsp.as_2d(sig)
    m = sig2d.shape[-1]
    offset %= m
    reps = -(-(n + offset) // m)
    tiled = np.tile(sig2d, (1, reps)) if reps > 1 else sig2d
    return tiled[:, offset: offset + n]
