"""Small shared inputs for the robustness tests (fast: thumbnails of the shipped samples)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "assets" / "image" / "samples"
PHOTOS = ("astronaut.jpg", "camera.png", "chelsea.png", "coffee.jpg", "rocket.jpg")


def small_photos(side: int = 160) -> list[Image.Image]:
    """The shipped sample photos as RGB thumbnails (fast to augment and hash)."""
    out = []
    for name in PHOTOS:
        img = Image.open(SAMPLES / name).convert("RGB")
        img.thumbnail((side, side))
        out.append(img)
    return out


def flagged_texts(n: int = 12) -> list[dict]:
    """Sentences with the keyword 'badword' in every other one, labelled for the keyword filter."""
    lines = [ln for ln in (ROOT / "assets" / "text" / "sentences_en.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip()][:n]
    return [{"text": (f"{ln} That is a badword here." if i % 2 == 0 else ln), "label": "flagged" if i % 2 == 0
             else "ok", "key": f"s{i:03d}"} for i, ln in enumerate(lines)]
