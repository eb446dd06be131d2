"""Fixtures for the dataset tools: a tiny mixed-modality dataset and pipelines made of always-present augmentations."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from PIL import Image


def _aug(modality: str, name: str, p: float = 1.0, **params: Any) -> dict[str, Any]:
    return {"type": "augmentation", "modality": modality, "name": name, "params": params, "p": p}


def doc(modality: str, node: dict[str, Any]) -> dict[str, Any]:
    return {"multiaug_pipeline": True, "version": 1, "modality": modality, "pipeline": node}


IMAGE_FLIPS = doc("image", {"type": "OneOf", "p": 1.0, "transforms": [_aug("image", "hflip"), _aug("image", "vflip")]})
TEXT_CASE = doc("text", _aug("text", "change_case", granularity="char", case="random"))
AUDIO_GAIN = doc("audio", _aug("audio", "change_volume", volume_db={"$uniform": [-12.0, -3.0]}))
PIPELINES = {"image": IMAGE_FLIPS, "text": TEXT_CASE, "audio": AUDIO_GAIN}


def textured(seed: int, size: tuple[int, int] = (56, 40)) -> Image.Image:
    rng = np.random.default_rng(seed)
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([xx * 4, yy * 5, (xx * yy) % 255], axis=-1) + rng.integers(0, 80, size=(h, w, 3))
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def tone(seed: int, sr: int = 8000, seconds: float = 0.4) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(sr * seconds)) / sr
    return (0.3 * np.sin(2 * np.pi * (300 + 100 * seed) * t) + 0.02 * rng.standard_normal(t.size)).astype(np.float32)


def build_dataset(root: Path) -> Path:
    """cat: 2 images, dog: 4 images (one a PNG), notes: 2 texts, barks: 1 FLAC + 1 corrupt WAV."""
    for label, n in (("cat", 2), ("dog", 4)):
        (root / label).mkdir(parents=True)
        for i in range(n):
            ext = ".png" if (label, i) == ("dog", 3) else ".jpg"
            textured(10 * len(label) + i).save(root / label / f"{label}{i}{ext}")
    (root / "notes").mkdir()
    for i, t in enumerate(["a quick brown fox jumps over the dog", "the lazy dog sleeps all day long"]):
        (root / "notes" / f"n{i}.txt").write_text(t, encoding="utf-8")
    (root / "barks").mkdir()
    sf.write(root / "barks" / "b0.flac", tone(1), 8000)
    (root / "barks" / "broken.wav").write_bytes(b"RIFF not really a wav file")
    (root / "README.md").write_text("ignored: top-level files are not items\n")
    return root


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dataset(tmp_path_factory.mktemp("ds") / "input")


def tree_hashes(out: Path) -> dict[str, str]:
    """sha256 of every output file except the run-specific report and the hidden journal."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != "report.json" and not p.name.startswith(".")}
