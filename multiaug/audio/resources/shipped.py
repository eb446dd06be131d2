"""The shipped noises, speech and room impulse responses (``assets/audio``): their names by kind, each one as a
float32 array at a requested sample rate (read and resampled once, then cached read-only), and a seeded pick."""

from __future__ import annotations

import functools
import json
from typing import Any

import numpy as np

from ...assets import asset_path
from ..kernels.resample import resample_keep_one
from ..modality import load_audio


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Any], ...]:
    with open(asset_path("audio", "index.json"), encoding="utf-8") as fh:
        return tuple(json.load(fh))


def shipped(kind: str) -> list[str]:
    """Relative paths (under ``assets/audio``) of the shipped files of ``kind`` ("noise", "speech", "rir")."""
    return sorted(e["path"] for e in _index() if e["kind"] == kind)


@functools.lru_cache(maxsize=64)
def _shipped_at_rate(rel: str, sample_rate: int) -> np.ndarray:
    data, sr = load_audio(str(asset_path("audio", *rel.split("/"))), None, "assets")
    out = np.ascontiguousarray(resample_keep_one(data, sr, sample_rate))  # soundfile reads float32 already
    out.setflags(write=False)
    return out


def shipped_audio(rel: str, sample_rate: int) -> np.ndarray:
    """A shipped asset as float32 at ``sample_rate`` Hz (cached, read-only)."""
    return _shipped_at_rate(rel, int(sample_rate))


def pick_shipped(kind: str, sample_rate: int, rng: np.random.Generator) -> tuple[str, np.ndarray]:
    """(name, signal) of a shipped asset of ``kind`` chosen by ``rng`` (one draw), at ``sample_rate`` Hz."""
    names = shipped(kind)
    rel = names[int(rng.integers(len(names)))]
    return rel, shipped_audio(rel, sample_rate)
