"""``multiaug demo``: augment the shipped sample image, text and audio with a few pipelines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .assets import asset_path
from .core.errors import InvalidParameterError
from .core.io import write_jsonl
from .core.pipeline import pipeline_from_dict
from .core.seeds import derive_seed
from .media.io import augment_to_file, read_media

#: demo pipelines per modality, as pipeline JSON nodes (the same format users write)
DEMO_PIPELINES: dict[str, dict[str, dict[str, Any]]] = {
    "image": {
        "mirror_and_crop": {"type": "Compose", "transforms": [
            {"type": "augmentation", "modality": "image", "name": "hflip", "p": 0.5},
            {"type": "augmentation", "modality": "image", "name": "crop",
             "params": {"x1": {"$uniform": [0.0, 0.2]}, "y1": {"$uniform": [0.0, 0.2]},
                        "x2": {"$uniform": [0.8, 1.0]}, "y2": {"$uniform": [0.8, 1.0]}}},
        ]},
        "photometric": {"type": "Compose", "transforms": [
            {"type": "augmentation", "modality": "image", "name": "color_jitter",
             "params": {"brightness_factor": {"$uniform": [0.7, 1.3]}, "contrast_factor": {"$uniform": [0.7, 1.3]},
                        "saturation_factor": {"$uniform": [0.5, 1.5]}}},
            {"type": "augmentation", "modality": "image", "name": "blur", "params": {"radius": {"$uniform": [0.5, 2.0]}}},
            {"type": "augmentation", "modality": "image", "name": "encoding_quality",
             "params": {"quality": {"$uniform": [20, 60]}}},
        ]},
        "moderation": {"type": "OneOf", "transforms": [
            {"type": "augmentation", "modality": "image", "name": "overlay_emoji",
             "params": {"emoji_size": {"$uniform": [0.15, 0.3]}}},
            {"type": "augmentation", "modality": "image", "name": "meme_format", "params": {"text": "WHEN THE DEMO WORKS"}},
            {"type": "augmentation", "modality": "image", "name": "overlay_onto_screenshot"},
        ]},
    },
    "text": {
        "typos": {"type": "Compose", "transforms": [
            {"type": "augmentation", "modality": "text", "name": "simulate_typos", "params": {"aug_word_p": 0.3}},
        ]},
        "obfuscation": {"type": "SomeOf", "n": 2, "transforms": [
            {"type": "augmentation", "modality": "text", "name": "replace_similar_unicode_chars"},
            {"type": "augmentation", "modality": "text", "name": "insert_zero_width_chars",
             "params": {"granularity": "word"}},
            {"type": "augmentation", "modality": "text", "name": "change_case", "params": {"case": "random"}},
        ]},
    },
    "audio": {
        "noisy_pitch": {"type": "Compose", "transforms": [
            {"type": "augmentation", "modality": "audio", "name": "pitch_shift", "params": {"n_steps": {"$uniform": [-2, 2]}}},
            {"type": "augmentation", "modality": "audio", "name": "add_background_noise",
             "params": {"snr_level_db": {"$uniform": [10, 20]}}},
        ]},
        "room": {"type": "Compose", "transforms": [
            {"type": "augmentation", "modality": "audio", "name": "reverb", "params": {"reverberance": 60.0}},
            {"type": "augmentation", "modality": "audio", "name": "change_volume", "params": {"volume_db": -3.0}},
        ]},
    },
}

DEMO_INPUTS = {
    "image": ("image", "samples", "photo_1024x768.jpg"),
    "text": ("text", "sample.txt"),
    "audio": ("audio", "samples", "speech_sample.flac"),
}


def run_demo(out_dir: str | Path, seed: int = 0, quiet: bool = False) -> Path:
    """Run every demo pipeline on the shipped samples; write outputs and ``metadata.jsonl``."""

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for modality, pipelines in DEMO_PIPELINES.items():
        src = asset_path(*DEMO_INPUTS[modality])
        _, media, call = read_media(src)
        for name, node in pipelines.items():
            try:
                pipeline = pipeline_from_dict(node)
            except InvalidParameterError as exc:
                raise InvalidParameterError(f"demo pipeline {modality}/{name}: {exc}") from None
            dest = out / modality / f"{name}{src.suffix}"
            line = augment_to_file(pipeline, media, call, modality, dest, derive_seed(seed, modality, name))
            lines.append({"modality": modality, "pipeline": name, "input": str(src), **line})
            if not quiet:
                steps = ", ".join(r["name"] for r in line["records"]) or "(nothing applied)"
                print(f"{modality:5s} {name:16s} -> {dest}  [{steps}]")
    write_jsonl(out / "metadata.jsonl", lines)
    if not quiet:
        print(f"wrote {len(lines)} outputs and {out / 'metadata.jsonl'}")
    return out / "metadata.jsonl"
