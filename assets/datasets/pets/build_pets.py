"""Rebuild the ``pets`` sample dataset deterministically from the shipped sample photos.

Run from the repository root: ``python assets/datasets/pets/build_pets.py``. Files at the top of the dataset
folder (this script, README.md) are ignored by ``multiaug expand``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
from PIL import Image, ImageEnhance

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "image" / "samples"
SIZE = (160, 120)

CAT = [  # crops (fractions x1, y1, x2, y2) and recolours of Chelsea the cat
    ((0.10, 0.05, 0.85, 0.95), 1.00, 1.00),
    ((0.25, 0.10, 0.95, 0.90), 1.15, 0.80),
    ((0.00, 0.00, 0.75, 1.00), 0.90, 1.30),
]
NOT_PET = [  # (sample, crop, brightness, saturation)
    ("coffee.jpg", (0.05, 0.05, 0.95, 0.95), 1.0, 1.0),
    ("coffee.jpg", (0.30, 0.10, 0.90, 0.80), 1.1, 0.7),
    ("rocket.jpg", (0.20, 0.00, 0.80, 0.70), 1.0, 1.0),
    ("rocket.jpg", (0.30, 0.30, 0.90, 1.00), 0.9, 1.2),
    ("astronaut.jpg", (0.10, 0.00, 0.90, 0.60), 1.0, 1.0),
    ("astronaut.jpg", (0.40, 0.30, 1.00, 0.90), 1.1, 0.9),
    ("camera.png", (0.10, 0.05, 0.80, 0.70), 1.0, 1.0),
]
REVIEWS = [
    "Our pug snores louder than the washing machine, but he is the best sofa companion we ever had.",
    "The cat ignored the new scratching post for a week, then decided it was the only acceptable bed.",
    "Great family dog: patient with the kids, terrified of the vacuum cleaner, obsessed with cheese.",
    "She learned to open the treat drawer in two days. We now keep the treats in a locked box.",
    "Adopted an old beagle from the shelter; he sleeps twenty hours a day and howls at the doorbell.",
]


def _photo(src: Path, crop: tuple[float, float, float, float], brightness: float, saturation: float) -> Image.Image:
    img = Image.open(src).convert("RGB")
    w, h = img.size
    x1, y1, x2, y2 = crop
    img = img.crop((int(x1 * w), int(y1 * h), int(x2 * w), int(y2 * h))).resize(SIZE, Image.Resampling.LANCZOS)
    img = ImageEnhance.Brightness(img).enhance(brightness)
    return ImageEnhance.Color(img).enhance(saturation)


def _bark(seed: int, sr: int = 16000, duration: float = 0.8) -> np.ndarray:
    """Two synthetic barks: harmonic bursts with a falling pitch, noise and a fast decay."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(sr * duration)) / sr
    out = np.zeros_like(t)
    for start in (0.05, 0.05 + rng.uniform(0.3, 0.4)):
        tt = np.clip(t - start, 0, None)
        env = (t >= start) * (1 - np.exp(-tt * 400)) * np.exp(-tt * 12)
        f0 = rng.uniform(450, 650) * (1 - 0.35 * np.clip(tt / 0.25, 0, 1))
        phase = 2 * np.pi * np.cumsum(f0) / sr
        voiced = sum(np.sin(k * phase) / k for k in range(1, 6))
        out += env * (0.6 * voiced + 0.25 * rng.standard_normal(t.size))
    return (0.5 * out / np.abs(out).max()).astype(np.float32)


def main() -> None:
    chelsea = SAMPLES / "chelsea.png"
    (HERE / "cat").mkdir(exist_ok=True)
    for i, (crop, b, s) in enumerate(CAT):
        _photo(chelsea, crop, b, s).save(HERE / "cat" / f"chelsea_{i + 1}.jpg", quality=88)
    (HERE / "not_pet").mkdir(exist_ok=True)
    for i, (name, crop, b, s) in enumerate(NOT_PET):
        _photo(SAMPLES / name, crop, b, s).save(HERE / "not_pet" / f"{Path(name).stem}_{i + 1}.jpg", quality=88)
    (HERE / "bark").mkdir(exist_ok=True)
    for i in range(2):
        sf.write(HERE / "bark" / f"bark_{i + 1}.flac", _bark(100 + i), 16000)
    (HERE / "pet_review").mkdir(exist_ok=True)
    for i, text in enumerate(REVIEWS):
        (HERE / "pet_review" / f"review_{i + 1}.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
