"""Generic check helpers reused by every test module (torchvision-v2 style)."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import numpy as np
from PIL import Image

import multiaug
from multiaug.core.registry import Entry


def sample_image(width: int = 64, height: int = 48, mode: str = "RGB", seed: int = 0) -> Image.Image:
    """A deterministic, textured test image (smooth gradient + noise) in ``mode``."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    base = np.stack([xx * 255 // max(width - 1, 1), yy * 255 // max(height - 1, 1),
                     (xx + yy) * 255 // max(width + height - 2, 1)], axis=-1).astype(np.int16)
    base += rng.integers(-20, 21, size=base.shape)
    rgb = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    if mode == "RGBA":
        img = rgb.convert("RGBA")
        img.putalpha(200)
        return img
    return rgb.convert(mode)


SAMPLE_TEXTS = [
    "The quick brown fox jumps over the lazy dog.  It was a sunny day!",
    "Hello\tworld, this is @someone testing #multiaug at https://example.com :)",
    "She is not going to the store because he didn't ask her to go.",
]


def sample_audio(duration: float = 0.5, sample_rate: int = 16000, channels: int = 1, seed: int = 0,
                 dtype: Any = np.float32) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(duration * sample_rate)) / sample_rate
    tone = 0.3 * np.sin(2 * np.pi * 440.0 * t) + 0.05 * rng.standard_normal(t.size)
    if channels == 1:
        return tone.astype(dtype)
    return np.stack([tone * (1 - 0.2 * c) for c in range(channels)]).astype(dtype)


def sample_table(rows: int = 40, minority: int = 10, seed: int = 0) -> Any:
    """A deterministic imbalanced table: an identifier, numeric (float, int) and categorical features, a label."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "customer_id": [f"C{i:04d}" for i in range(rows)],
        "tenure": rng.integers(1, 72, rows),
        "monthly_charges": np.round(rng.uniform(20, 110, rows), 2),
        "contract": rng.choice(["Month-to-month", "One year", "Two year"], rows),
        "paperless": rng.choice(["Yes", "No"], rows),
        "label": ["no"] * (rows - minority) + ["yes"] * minority,
    })


def sample_media(modality: str) -> Any:
    if modality == "image":
        return sample_image()
    if modality == "text":
        return list(SAMPLE_TEXTS)
    if modality == "audio":
        return sample_audio()
    if modality == "tabular":
        return sample_table()
    raise ValueError(modality)


def call_kwargs(modality: str) -> dict[str, Any]:
    return {"sample_rate": 16000} if modality == "audio" else {}


def snapshot(media: Any) -> Any:
    if isinstance(media, Image.Image):
        return (media.mode, media.size, media.tobytes(), dict(media.info))
    return copy.deepcopy(media)


def same(a: Any, b: Any) -> bool:
    """Exact equality for any media kind multiaug returns."""
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, Image.Image) or isinstance(b, Image.Image):
        return (isinstance(a, Image.Image) and isinstance(b, Image.Image) and a.mode == b.mode
                and a.size == b.size and a.tobytes() == b.tobytes())
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=True)))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a).__name__ == "DataFrame" or type(b).__name__ == "DataFrame":
        return (type(a) is type(b) and list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes)
                and a.index.equals(b.index) and bool(a.equals(b)))
    return a == b


def run_entry(entry: Entry, media: Any, seed: Any = 1234, metadata: Any = None, **extra: Any) -> Any:
    kwargs = {**entry.example_params(), **extra}
    if entry.random:
        kwargs["seed"] = seed
    return entry.public(media, **call_kwargs(entry.modality.name), metadata=metadata, **kwargs)


def global_rng_state() -> tuple[Any, Any]:
    st = np.random.get_state()
    return random.getstate(), (st[0], st[1].tobytes(), st[2], st[3], st[4])


def assert_json_roundtrip(records: list[dict[str, Any]]) -> None:
    text = json.dumps(records, sort_keys=True)
    assert json.loads(text) == json.loads(json.dumps(json.loads(text), sort_keys=True))


def check_output_kind(media_in: Any, media_out: Any, modality: str) -> None:
    if modality == "image":
        if isinstance(media_in, Image.Image):
            assert isinstance(media_out, Image.Image)
            assert media_out.mode == media_in.mode
        else:
            assert isinstance(media_out, np.ndarray) and media_out.dtype == np.uint8
    elif modality == "tabular":
        assert type(media_out) is type(media_in)
        assert set(media_in.columns) <= set(media_out.columns) and len(media_out) >= len(media_in)
    elif modality == "text":
        assert type(media_out) is type(media_in)
        if isinstance(media_in, list):
            assert len(media_out) == len(media_in) and all(isinstance(t, str) for t in media_out)
    else:
        assert isinstance(media_out, tuple) and len(media_out) == 2
        audio, sr = media_out
        assert isinstance(audio, np.ndarray) and audio.dtype == media_in.dtype
        assert isinstance(sr, int) and sr > 0
        assert np.isfinite(audio).all()


__all__ = ["multiaug", "sample_image", "sample_audio", "sample_media", "sample_table", "same", "run_entry", "snapshot"]
