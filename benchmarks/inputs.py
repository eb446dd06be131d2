"""Fixed benchmark inputs, identical for every library.

* image: the shipped 1024×768 photo ``assets/image/samples/photo_1024x768.jpg`` (a stand-in made from
  scikit-image's ``coffee`` sample, resized to 1024×768, is written to ``benchmarks/.cache/`` if the asset is
  missing);
* text: the 1,000 English sentences of ``assets/text/sentences_en.txt`` as one batch (a deterministic
  template-generated stand-in if missing);
* audio: 10 s of 44.1 kHz mono float32, synthesised deterministically (seed 1234): a speech-like part
  (glottal-pulse harmonics with a gliding pitch, formant-like spectral tilt, 4 Hz syllable envelope, fricative
  noise bursts) followed by a music-like part (decaying chord notes). Written once to ``benchmarks/.cache/``
  as ``.npy`` so every interpreter (any numpy version) reads the same samples.

The parent (run.py) resolves the paths with :func:`resolve_inputs`; workers only read files
(:func:`load_native`), so peers never need scikit-image or the multiaug package.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
IMAGE_ASSET = ROOT / "assets" / "image" / "samples" / "photo_1024x768.jpg"
TEXT_ASSET = ROOT / "assets" / "text" / "sentences_en.txt"
SAMPLE_RATE = 44100
AUDIO_SECONDS = 10.0
AUDIO_SEED = 1234
N_SENTENCES = 1000


def synth_audio(seconds: float = AUDIO_SECONDS, sr: int = SAMPLE_RATE, seed: int = AUDIO_SEED) -> Any:
    """Deterministic speech-like + music-like mono signal, float32 in [-1, 1].

    Args:
        seconds: duration in seconds (> 0).
        sr: sample rate in Hz (> 0).
        seed: seed of the numpy Generator used for the noise parts.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    n = round(seconds * sr)
    t = np.arange(n) / sr
    half = n // 2
    out = np.zeros(n)
    # speech-like first half: harmonics of a gliding f0, tilted spectrum, syllable envelope
    ts = t[:half]
    f0 = 140.0 + 30.0 * np.sin(2 * np.pi * 0.7 * ts) + 10.0 * np.sin(2 * np.pi * 3.1 * ts)
    phase = 2 * np.pi * np.cumsum(f0) / sr
    voiced = np.zeros(half)
    for k in range(1, 30):
        formant_gain = 1.0 / k + 0.6 * np.exp(-((k * 140.0 - 700.0) / 250.0) ** 2) + 0.3 * np.exp(
            -((k * 140.0 - 1800.0) / 400.0) ** 2)
        voiced += formant_gain * np.sin(k * phase)
    syllables = np.clip(np.sin(2 * np.pi * 4.0 * ts), 0.0, None) ** 0.7
    fric = rng.standard_normal(half) * (np.sin(2 * np.pi * 1.3 * ts) > 0.85)
    out[:half] = 0.25 * voiced * syllables + 0.05 * fric
    # music-like second half: chord notes with exponential decay every 0.5 s
    tm = t[half:] - t[half]
    notes = [220.0, 277.18, 329.63, 440.0, 554.37, 659.25]
    music = np.zeros(n - half)
    for i, start in enumerate(np.arange(0.0, tm[-1], 0.5)):
        f = notes[i % len(notes)]
        idx = tm >= start
        tt = tm[idx] - start
        music[idx] += np.exp(-3.0 * tt) * (np.sin(2 * np.pi * f * tt) + 0.3 * np.sin(4 * np.pi * f * tt))
    out[half:] = 0.3 * music + 0.01 * rng.standard_normal(n - half)
    out /= np.max(np.abs(out)) * 1.05
    return out.astype(np.float32)


def _standin_sentences(n: int = N_SENTENCES) -> list[str]:
    names = ["Anna", "James", "Priya", "Tom", "Mei", "Carlos", "Olivia", "Daniel"]
    verbs = ["fixed", "painted", "borrowed", "cleaned", "described", "forgot", "carried", "ordered"]
    objs = ["the old bicycle", "a blue umbrella", "the kitchen table", "their neighbour's car", "a heavy box"]
    tails = ["before lunch.", "after the meeting ended.", "while it was raining outside.", "without telling anyone.",
             "because the shop was closing early."]
    out = []
    for i in range(n):
        out.append(f"{names[i % 8]} {verbs[(i // 8) % 8]} {objs[(i // 64) % 5]} {tails[(i * 7) % 5]}")
    return out


def resolve_inputs(cache: Path = CACHE) -> dict[str, str]:
    """Return ``{"image": path, "text": path, "audio": path, "*_source": description}``, creating stand-ins.

    Args:
        cache: folder for generated inputs (gitignored).
    """
    cache.mkdir(parents=True, exist_ok=True)
    res: dict[str, str] = {}
    if IMAGE_ASSET.is_file():
        res["image"], res["image_source"] = str(IMAGE_ASSET), "assets/image/samples/photo_1024x768.jpg (1024×768 RGB JPEG)"
    else:
        p = cache / "photo_1024x768_standin.png"
        if not p.is_file():
            from PIL import Image
            from skimage import data

            Image.fromarray(data.coffee()).resize((1024, 768), Image.Resampling.LANCZOS).save(p)
        res["image"], res["image_source"] = str(p), "stand-in: scikit-image coffee resized to 1024×768 (PNG)"
    if TEXT_ASSET.is_file():
        res["text"], res["text_source"] = str(TEXT_ASSET), f"assets/text/sentences_en.txt (first {N_SENTENCES} lines)"
    else:
        p = cache / "sentences_standin.txt"
        p.write_text("\n".join(_standin_sentences()) + "\n", encoding="utf-8")
        res["text"], res["text_source"] = str(p), f"stand-in: {N_SENTENCES} template sentences"
    p = cache / f"audio_{int(AUDIO_SECONDS)}s_{SAMPLE_RATE}_seed{AUDIO_SEED}.npy"
    if not p.is_file():
        import numpy as np

        tmp = p.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, synth_audio())
        os.replace(tmp, p)
    res["audio"] = str(p)
    res["audio_source"] = (f"synthetic {AUDIO_SECONDS:g} s, {SAMPLE_RATE} Hz mono float32, seed {AUDIO_SEED} "
                           "(speech-like half + music-like half)")
    return res


def load_native(modality: str, kind: str, path: str) -> Any:
    """Load a prepared input in a library's native type (outside the timed region).

    Args:
        modality: "image", "text" or "audio".
        kind: "pil" (PIL RGB image), "ndarray" (H×W×3 uint8) or "tensor" (uint8 C×H×W torch tensor) for images; "list" for text; "ndarray" for audio.
        path: file from :func:`resolve_inputs`.
    """
    if modality == "image":
        from PIL import Image

        with Image.open(path) as im:
            img = im.convert("RGB")
        img.load()
        if kind == "pil":
            return img
        import numpy as np

        arr = np.ascontiguousarray(np.asarray(img)).copy()
        if kind == "tensor":  # torchvision v2's native input: uint8 C×H×W CPU tensor
            import torch

            return torch.from_numpy(arr).permute(2, 0, 1).contiguous()
        return arr
    if modality == "text":
        with open(path, encoding="utf-8") as f:
            lines = [ln.rstrip("\n") for ln in f if ln.strip()]
        return lines[:N_SENTENCES]
    if modality == "audio":
        import numpy as np

        return np.ascontiguousarray(np.load(path)).astype(np.float32)
    raise ValueError(f"unknown modality {modality!r}")
