"""The moderation presets (issue 19): what they contain, that outputs replay exactly, that they are varied."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import multiaug
from multiaug.data.diversity import diversity
from multiaug.data.expand import bind_dataset_pool, expand
from multiaug.data.presets import preset_document, referenced_augmentations
from multiaug.data.worker import replay_line
from tests.helpers import sample_audio, sample_image

EVASIONS = {"meme_format", "overlay_onto_screenshot", "overlay_emoji", "overlay_wrap_text", "overlay_text",
            "overlay_random_text_with_background", "overlay_stripes", "pad", "stack_with", "overlay_onto_background_image",
            "encoding_quality", "scale", "perspective_transform", "rotate"}


def _pools(node):
    if isinstance(node, dict):
        if set(node) == {"$pool"}:
            yield node["$pool"]
        for v in node.values():
            yield from _pools(v)
    elif isinstance(node, list):
        for v in node:
            yield from _pools(v)


@pytest.mark.parametrize("name", ["moderation", "moderation-strong"])
def test_image_moderation_presets_use_every_evasion_pattern(name):
    doc = preset_document(name, "image")
    names = {n for _, n in referenced_augmentations(doc)}
    assert EVASIONS <= names, sorted(EVASIONS - names)
    assert {"emoji", "captions", "dataset_images"} <= set(_pools(doc))
    assert sum(1 for _, n in referenced_augmentations(doc) if n == "encoding_quality") >= 4   # 2-4 reposts + phone


def _stronger(weak, strong):
    """Every probability of the strong preset is at least the weak one's (same tree shape)."""
    assert weak["type"] == strong["type"]
    assert strong.get("p", 1.0) >= weak.get("p", 1.0)
    for a, b in zip(weak.get("transforms", []), strong.get("transforms", [])):
        _stronger(a, b)


def test_moderation_strong_is_moderation_with_higher_probabilities():
    _stronger(preset_document("moderation", "image")["pipeline"], preset_document("moderation-strong", "image")["pipeline"])


def test_image_moderation_outputs_replay_exactly_from_json_records():
    pipe = multiaug.load_pipeline(preset_document("moderation-strong", "image"))
    img = sample_image(120, 90)
    seen = set()
    for seed in range(6):
        tr = multiaug.Tracker()
        out = pipe(img, seed=seed, metadata=tr)
        records = json.loads(json.dumps(list(tr)))
        seen |= {r["name"] for r in records}
        assert multiaug.replay(records, img).tobytes() == out.tobytes(), seed
    assert {"overlay_emoji", "overlay_onto_screenshot", "encoding_quality"} <= seen


def test_image_moderation_is_varied():
    pipe = multiaug.load_pipeline(preset_document("moderation", "image"))
    img = sample_image(96, 72)
    outs = []
    for seed in range(60):
        tr = multiaug.Tracker()
        pipe(img, seed=seed, metadata=tr)
        outs.append(("image", list(tr)))
    d = diversity(outs)["by_modality"]["image"]
    assert d["families"] >= 8 and d["emoji"] >= 30 and d["frame_layouts"] >= 4 and d["captions"] >= 10
    for kind in ("memes", "screenshots", "text_overlays"):
        assert d["shares"][kind] >= 0.1, (kind, d["shares"])


def test_text_moderation_replays_and_stays_readable_after_folding_homoglyphs():
    from multiaug.measures.edit_distance import levenshtein as edit_distance
    from multiaug.text.resources.folding import fold_homoglyphs as fold_text

    pipe = multiaug.load_pipeline(preset_document("moderation", "text"))
    text = "You are such an idiot, nobody wants you here."
    changed = 0
    for seed in range(20):
        tr = multiaug.Tracker()
        out = pipe(text, seed=seed, metadata=tr)
        assert multiaug.replay(json.loads(json.dumps(list(tr))), text) == out
        changed += out != text
        assert edit_distance(text, fold_text(out)) <= 0.6 * len(text), out
    assert changed == 20


def test_audio_moderation_replays_exactly():
    pipe = multiaug.load_pipeline(preset_document("moderation", "audio"))
    audio = sample_audio(0.5, 16000)
    for seed in (0, 3):
        tr = multiaug.Tracker()
        out, sr = pipe(audio, sample_rate=16000, seed=seed, metadata=tr)
        again, sr2 = multiaug.replay(json.loads(json.dumps(list(tr))), audio, sample_rate=16000)
        assert sr == sr2 and np.array_equal(out, again) and np.isfinite(out).all()


def test_expand_pairs_items_with_other_images_of_the_dataset(tmp_path: Path):
    data = tmp_path / "in" / "pics"
    data.mkdir(parents=True)
    for i, color in enumerate(((200, 30, 30), (30, 200, 30), (30, 30, 200))):
        Image.new("RGB", (40 + 8 * i, 30), color).save(data / f"p{i}.png")
    doc = {"multiaug_pipeline": True, "version": 1, "modality": "image",
           "pipeline": {"type": "augmentation", "modality": "image", "name": "stack_with",
                        "params": {"other": {"$pool": "dataset_images"}}}}
    report = expand(tmp_path / "in", tmp_path / "out", copies=3, pipeline=doc, seed=1)
    lines = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    others = {line["records"][0]["params"]["other"] for line in lines if line["kind"] == "augmented"}
    assert others and others <= {str((data / f"p{i}.png").resolve()) for i in range(3)}
    for line in lines:
        assert replay_line(line, tmp_path / "in") == (tmp_path / "out" / line["output"]).read_bytes()
    assert report["diversity"]["by_modality"]["image"]["shares"]["collages"] == 1.0
    assert bind_dataset_pool('{"a": 1}', []) == '{"a": 1}'
