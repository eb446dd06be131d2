"""Odd inputs and odd arguments, built by name (so a case list is small, JSON-able and rebuilt in a child process).

Used by the odd-input matrix tests, the fuzz test and ``scripts/hardening_sweep.py``.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
from PIL import Image

# ------------------------------------------------------------------------------------------------
# images
# ------------------------------------------------------------------------------------------------


def _gradient(w: int, h: int, seed: int = 0) -> np.ndarray:
    """A textured H×W×3 uint8 picture (three ramps plus noise), built with broadcasting (a 6000×4000 one in
    about a second)."""
    rng = np.random.default_rng(seed)
    xx = np.arange(w, dtype=np.int32)[None, :]
    yy = np.arange(h, dtype=np.int32)[:, None]
    out = np.empty((h, w, 3), np.uint8)
    out[..., 0] = xx * 255 // max(w - 1, 1)
    out[..., 1] = yy * 255 // max(h - 1, 1)
    out[..., 2] = (xx + yy) * 255 // max(w + h - 2, 1)
    noise = rng.integers(0, 41, size=(min(h, 64), min(w, 64), 3), dtype=np.uint8)
    tiled = np.tile(noise, (-(-h // noise.shape[0]), -(-w // noise.shape[1]), 1))[:h, :w]
    return np.clip(out.astype(np.int16) + tiled - 20, 0, 255).astype(np.uint8)


def rgb(w: int, h: int) -> Image.Image:
    return Image.fromarray(_gradient(w, h))


def deep(mode: str, w: int = 32, h: int = 24) -> Image.Image:
    """A high-bit-depth image whose values do not fit 8 bits: I;16 1000..60000, I -5000..100000, F 0..1."""
    ramp = np.linspace(0.0, 1.0, w * h).reshape(h, w)
    if mode == "I;16":
        return Image.fromarray((1000 + ramp * 59000).astype(np.uint16))
    if mode == "I":
        return Image.fromarray((-5000 + ramp * 105000).astype(np.int32))
    if mode == "F":
        return Image.fromarray(ramp.astype(np.float32))
    raise ValueError(mode)


def _mode(mode: str, w: int = 32, h: int = 24) -> Image.Image:
    base = rgb(w, h)
    if mode in ("I;16", "I", "F"):
        return deep(mode, w, h)
    if mode == "P_transparent":
        img = base.convert("P")
        img.info["transparency"] = 0
        return img
    if mode == "RGBA":
        img = base.convert("RGBA")
        img.putalpha(Image.fromarray(_gradient(w, h)[:, :, 0]))
        return img
    if mode in ("RGBa", "La"):  # Pillow < 10.1 converts to the premultiplied modes only from RGBA / LA
        return base.convert("RGBA" if mode == "RGBa" else "LA").convert(mode)
    return base.convert(mode)


@cache
def _scratch() -> tempfile.TemporaryDirectory[str]:
    # held for the life of the process and removed at its exit (the odd files are built lazily, once per process)
    return tempfile.TemporaryDirectory(prefix="multiaug-odd-")


def _tmpdir() -> str:
    return _scratch().name


def png16_path() -> str:
    path = os.path.join(_tmpdir(), "deep16.png")
    if not os.path.exists(path):
        deep("I;16").save(path)
    return path


def text_file_path() -> str:
    path = os.path.join(_tmpdir(), "not_an_image.png")
    if not os.path.exists(path):
        with open(path, "w") as fh:
            fh.write("hello")
    return path


def _ro(a: np.ndarray) -> np.ndarray:
    a = a.copy()
    a.flags.writeable = False
    return a


IMAGE_MODES = ["1", "L", "P", "P_transparent", "LA", "PA", "RGB", "RGBA", "RGBX", "RGBa", "La", "CMYK", "YCbCr",
               "LAB", "HSV", "I", "I;16", "F"]
DEEP_MODES = ("I", "I;16", "F")

IMAGE_INPUTS: dict[str, Callable[[], Any]] = {
    "rgb_64x48": lambda: rgb(64, 48),
    "rgb_1x1": lambda: rgb(1, 1),
    "rgb_2x1": lambda: rgb(2, 1),
    "rgb_1x2": lambda: rgb(1, 2),
    "rgb_3x3": lambda: rgb(3, 3),
    "rgb_4000x1": lambda: rgb(4000, 1),
    "rgb_1x4000": lambda: rgb(1, 4000),
    "rgb_6000x4000": lambda: rgb(6000, 4000),
    "rgb_0x0": lambda: Image.new("RGB", (0, 0)),
    "rgb_0x5": lambda: Image.new("RGB", (0, 5)),
    **{f"mode_{m}": (lambda m=m: _mode(m)) for m in IMAGE_MODES},
    "png16_path": png16_path,
    "dir_path": lambda: _tmpdir(),
    "missing_path": lambda: os.path.join(_tmpdir(), "missing.png"),
    "text_file_path": text_file_path,
    "arr_u8_hw": lambda: _gradient(32, 24)[:, :, 0].copy(),
    "arr_u8_hw1": lambda: _gradient(32, 24)[:, :, :1].copy(),
    "arr_u8_hw3": lambda: _gradient(32, 24),
    "arr_u8_hw4": lambda: np.dstack([_gradient(32, 24), np.full((24, 32), 200, np.uint8)]),
    "arr_u8_hw2": lambda: _gradient(32, 24)[:, :, :2].copy(),
    "arr_u8_1x1x3": lambda: _gradient(1, 1),
    "arr_u8_0xWx3": lambda: np.zeros((0, 32, 3), np.uint8),
    "arr_u8_Hx0x3": lambda: np.zeros((24, 0, 3), np.uint8),
    "arr_u8_readonly": lambda: _ro(_gradient(32, 24)),
    "arr_u8_strided": lambda: _gradient(64, 24)[:, ::2],
    "arr_u8_fortran": lambda: np.asfortranarray(_gradient(32, 24)),
    "arr_u16": lambda: (_gradient(32, 24).astype(np.uint16) * 257),
    "arr_f32": lambda: _gradient(32, 24).astype(np.float32) / 255,
    "arr_f64": lambda: _gradient(32, 24).astype(np.float64) / 255,
    "arr_bool": lambda: _gradient(32, 24)[:, :, 0] > 128,
    "arr_i64": lambda: _gradient(32, 24).astype(np.int64),
    "arr_1d": lambda: np.zeros(10, np.uint8),
    "arr_4d": lambda: np.zeros((2, 4, 4, 3), np.uint8),
}

# ------------------------------------------------------------------------------------------------
# text
# ------------------------------------------------------------------------------------------------

_WORDS = "The quick brown fox jumps over the lazy dog while she is not going to the store. ".split()


def _megabyte() -> str:
    words = (_WORDS * (1_000_000 // 60 + 1))
    return " ".join(words)[:1_000_000]


TEXT_INPUTS: dict[str, Callable[[], Any]] = {
    "sentences": lambda: ["The quick brown fox jumps over the lazy dog.", "She is not going to the store, is he?"],
    "empty": lambda: "",
    "space": lambda: " ",
    "whitespace": lambda: "\n\t  \r\n",
    "megabyte": _megabyte,
    "emoji": lambda: "I ❤️ pizza 🍕 and 👍🏽 thumbs",
    "combining": lambda: "Cafe\u0301 man\u0303ana Z\u0324\u0354\u0367\u0311 na\u0308ive",
    "rtl": lambda: "مرحبا بالعالم and שלום עולם",
    "zwj": lambda: "family 👨\u200d👩\u200d👧\u200d👦 flag 🏳️\u200d🌈 done",
    "empty_list": lambda: [],
    "list_of_empty": lambda: ["", " "],
    "long_word": lambda: "x" * 100_000,
    "nul": lambda: "a\x00b c\x00d",
    "lone_surrogate": lambda: "abc \ud800 def",
}

# ------------------------------------------------------------------------------------------------
# audio: (array, sample_rate)
# ------------------------------------------------------------------------------------------------


def tone(n: int, sr: int = 16000, channels: int = 1, dtype: Any = np.float32, amp: float = 0.3) -> np.ndarray:
    t = np.arange(n) / sr
    x = amp * np.sin(2 * np.pi * 440.0 * t) + amp / 6 * np.random.default_rng(0).standard_normal(n)
    if channels == 1:
        return x.astype(dtype)
    return np.stack([x * (1 - 0.1 * c) for c in range(channels)]).astype(dtype)


AUDIO_INPUTS: dict[str, Callable[[], tuple[Any, int]]] = {
    "tone_16k": lambda: (tone(8000), 16000),
    "empty": lambda: (np.zeros(0, np.float32), 16000),
    "one_sample": lambda: (np.array([0.5], np.float32), 16000),
    "two_samples": lambda: (np.array([0.5, -0.5], np.float32), 16000),
    "silence": lambda: (np.zeros(8000, np.float32), 16000),
    "nan": lambda: (np.full(8000, np.nan, np.float32), 16000),
    "int16": lambda: ((tone(8000) * 30000).astype(np.int16), 16000),
    "float64": lambda: (tone(8000, dtype=np.float64), 16000),
    "stereo_last": lambda: (tone(8000, channels=2).T.copy(), 16000),
    "stereo_first": lambda: (tone(8000, channels=2), 16000),
    "six_channels": lambda: (tone(8000, channels=6), 16000),
    "sr_8k": lambda: (tone(4000, 8000), 8000),
    "sr_22k": lambda: (tone(11025, 22050), 22050),
    "sr_44k": lambda: (tone(22050, 44100), 44100),
    "sr_48k": lambda: (tone(24000, 48000), 48000),
    "sr_96k": lambda: (tone(48000, 96000), 96000),
    "sr_1": lambda: (tone(64, 1), 1),
    "huge_amp": lambda: (tone(8000, amp=1e18, dtype=np.float64), 16000),
    "tiny_amp": lambda: (tone(8000, amp=1e-30), 16000),
    "readonly": lambda: (_ro(tone(8000)), 16000),
    "strided": lambda: (tone(16000)[::2], 16000),
}

# ------------------------------------------------------------------------------------------------
# tables (pandas DataFrames with a "label" column, the registry examples' label)
# ------------------------------------------------------------------------------------------------


def _table(n: int = 20, minority: int = 5) -> Any:
    import pandas as pd

    rng = np.random.default_rng(0)
    return pd.DataFrame({"x": rng.standard_normal(n), "k": rng.integers(0, 5, n), "c": list("abcd" * n)[:n],
                         "label": ["yes"] * (n - minority) + ["no"] * minority})


def _with(**changes: Any) -> Callable[[], Any]:
    def build() -> Any:
        t = _table()
        for col, values in changes.items():
            t[col] = values(t) if callable(values) else values
        return t

    return build


TABULAR_INPUTS: dict[str, Callable[[], Any]] = {
    "table": _table,
    "empty": lambda: _table().iloc[:0],
    "one_row": lambda: _table().iloc[:1],
    "one_class": _with(label="yes"),
    "nan_numeric": _with(x=np.nan),
    "inf_numeric": _with(x=np.inf),
    "nan_labels": _with(label=lambda t: t["label"].where(t.index % 3 > 0)),
    "only_label": lambda: _table()[["label"]],
    "many_classes": _with(label=lambda t: [f"c{i}" for i in range(len(t))]),
}

INPUTS = {"image": IMAGE_INPUTS, "text": TEXT_INPUTS, "audio": AUDIO_INPUTS, "tabular": TABULAR_INPUTS}
BASELINE = {"image": "rgb_64x48", "text": "sentences", "audio": "tone_16k", "tabular": "table"}
#: inputs that cost seconds per call: the CI matrix runs them on a subset of entries (see test_odd_inputs)
HEAVY = {("image", "rgb_6000x4000"), ("text", "megabyte")}


def build(modality: str, name: str) -> tuple[Any, dict[str, Any]]:
    """The media and the extra call arguments (audio: sample_rate) of input ``name``."""
    value = INPUTS[modality][name]()
    if modality == "audio":
        audio, sr = value
        return audio, {"sample_rate": sr}
    return value, {}


def input_is_finite(modality: str, media: Any) -> bool:
    if modality == "audio" and isinstance(media, np.ndarray) and media.dtype.kind == "f":
        return bool(np.isfinite(media).all())
    return True


# ------------------------------------------------------------------------------------------------
# odd arguments
# ------------------------------------------------------------------------------------------------

TINY = 1e-300
FLOAT_EXTREMES = [0.0, -0.0, TINY, -TINY, 1e-9, 1.0, -1.0, 1e9, -1e9, 1e18, 1e300, math.inf, -math.inf, math.nan]
INT_EXTREMES = [0, 1, -1, 2, 10**9, -(10**9), 10**18]


def odd_values(spec: Any) -> list[Any]:
    """Extremes for one declared parameter: its bounds and their neighbours, 0, tiny, huge, ±inf, NaN."""
    if spec.kind == "float":
        vals = list(FLOAT_EXTREMES)
        if spec.range is not None:
            for b in (spec.range.low, spec.range.high):
                if b is not None:
                    vals += [float(b), float(b) + 1e-9, float(b) - 1e-9]
        return _dedup(vals)
    if spec.kind == "int":
        vals = list(INT_EXTREMES)
        if spec.range is not None:
            for b in (spec.range.low, spec.range.high):
                if b is not None:
                    vals += [int(b), int(b) + 1, int(b) - 1]
        return _dedup(vals)
    return []


def _dedup(vals: list[Any]) -> list[Any]:
    out: list[Any] = []
    seen: set[str] = set()
    for v in vals:
        key = repr(v) + type(v).__name__
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out
