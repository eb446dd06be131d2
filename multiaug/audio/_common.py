"""Helpers shared by the audio families: shipped assets and channel matching. Not an augmentation module
(leading underscore)."""

from __future__ import annotations

import functools
import json
from typing import Any

import numpy as np

from . import dsp
from .modality import load_audio

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
