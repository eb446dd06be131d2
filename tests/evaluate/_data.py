"""Synthetic datasets with a known truth for the evaluation tests."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

#: rotation-invariant classes: the number of lines through the centre (1, 2 at 90°, 3 at 60°)
SHAPES = {"bar": (0.0,), "cross": (0.0, 90.0), "star": (0.0, 60.0, 120.0)}


def shape_image(kind: str, angle: float, size: int = 48) -> Image.Image:
    """White lines through the centre of a black square, the whole figure turned by ``angle`` degrees."""
    img = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(img)
    c, r = size / 2, size * 0.3
    for a in SHAPES[kind]:
        t = math.radians(a + angle)
        draw.line([(c - r * math.cos(t), c - r * math.sin(t)), (c + r * math.cos(t), c + r * math.sin(t))],
                  fill=(255, 255, 255), width=3)
    return img


def rotated_shapes(root: Path, per_class: int = 8, seed: int = 0) -> Path:
    """A class-per-folder dataset of the three shapes, each original at its own random angle."""
    rng = np.random.default_rng(seed)
    for kind in SHAPES:
        (root / kind).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            shape_image(kind, float(rng.uniform(0, 180))).save(root / kind / f"{kind}_{i:02d}.png")
    return root


def pipeline(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"multiaug_pipeline": True, "version": 1, "modality": "image",
            "pipeline": {"type": "Compose", "p": 1.0, "transforms": list(nodes)}}


def aug(name: str, p: float = 1.0, **params: Any) -> dict[str, Any]:
    return {"type": "augmentation", "modality": "image", "name": name, "params": params, "p": p}


ROTATE_ANY = pipeline(aug("rotate", degrees={"$uniform": [-180.0, 180.0]}))
IDENTITY = pipeline(aug("hflip", p=0.0))


def write(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path
