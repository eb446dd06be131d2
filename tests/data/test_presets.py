"""Presets: shipped JSON documents, lazily checked against the registry; the README's main command on the shipped
pets dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from multiaug.assets import assets_dir
from multiaug.core.errors import InvalidParameterError
from multiaug.data.expand import expand
from multiaug.cli import main as cli_main
from multiaug.core.pipeline import load_pipeline, pipeline_to_dict
from multiaug.data.presets import (
    PRESET_NAMES,
    PresetUnavailableError,
    describe_presets,
    load_preset,
    missing_augmentations,
    preset_document,
    preset_names,
    presets_dir,
    referenced_augmentations,
)
from multiaug.data.worker import replay_line

PETS = assets_dir() / "datasets" / "pets"


@pytest.mark.parametrize("name,modality", [(n, m) for m in ("image", "text", "audio") for n in preset_names(m)])
def test_preset_builds_or_names_what_is_missing(name: str, modality: str) -> None:
    doc = preset_document(name, modality)
    refs = referenced_augmentations(doc)
    assert refs and all(m == modality for m, _ in refs)
    missing = missing_augmentations(doc)
    if missing:
        with pytest.raises(PresetUnavailableError) as info:
            load_preset(name, modality)
        assert all(m in str(info.value) for m in missing)
    else:
        assert load_preset(name, modality)._modality().name == modality


SHIPPED = sorted(presets_dir().rglob("*.json"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_preset_loads_and_validates_against_the_registry(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["name"] == path.stem and doc["modality"] == path.parent.name
    assert isinstance(doc["description"], str) and len(doc["description"]) > 20
    assert not missing_augmentations(doc), "a shipped preset must only use registered augmentations"
    transform = load_pipeline(doc)  # builds every node: unknown keys, parameters and values are refused
    assert transform._modality().name == path.parent.name
    rebuilt = pipeline_to_dict(transform)["pipeline"]
    assert referenced_augmentations(rebuilt) == referenced_augmentations(doc)


def test_light_medium_heavy_moderation_exist_for_every_modality() -> None:
    for modality in ("image", "text", "audio"):
        assert {"light", "medium", "heavy", "moderation"} <= set(preset_names(modality))
    assert PRESET_NAMES == preset_names()
    assert "moderation-strong" in preset_names("image") and "moderation-strong" not in preset_names("text")
    with pytest.raises(InvalidParameterError, match="has no text pipeline"):
        preset_document("moderation-strong", "text")


def test_a_preset_naming_an_unregistered_augmentation_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiaug.data.presets as presets

    doc = preset_document("light", "image")
    doc["pipeline"]["transforms"].append({"type": "augmentation", "modality": "image", "name": "not_here", "params": {}})
    monkeypatch.setattr(presets, "preset_document", lambda name, modality: doc)
    with pytest.raises(PresetUnavailableError, match="image.not_here"):
        presets.load_preset("light", "image")


def test_cli_lists_presets_and_suites(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["list", "--presets", "--modality", "text"]) == 0
    out = capsys.readouterr().out
    assert "moderation  text" in out and "homoglyph" in out and "image" not in out
    assert cli_main(["list", "--suites", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["name"] for r in rows} >= {"moderation-image", "moderation-text", "moderation-audio"}
    assert all(r["description"] for r in rows)


def test_shipped_documents_are_laid_out_by_the_formatter() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "scripts" / "format_json_assets.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_missing_augmentations_on_a_crafted_document() -> None:
    doc = {"type": "Compose", "transforms": [
        {"type": "augmentation", "modality": "image", "name": "hflip"},
        {"type": "augmentation", "modality": "image", "name": "definitely_not_registered"}]}
    assert missing_augmentations(doc) == ["image.definitely_not_registered"]
    assert len(describe_presets()) == sum(len(preset_names(m)) for m in ("image", "text", "audio"))
    with pytest.raises(InvalidParameterError):
        preset_document("nope", "image")
    with pytest.raises(InvalidParameterError):
        preset_document("light", "video")


def test_readme_command_balances_the_pets_dataset(tmp_path: Path) -> None:
    if any(r["missing"] for r in describe_presets() if r["preset"] == "medium"):
        pytest.skip("preset 'medium' needs augmentations not registered yet")
    report = expand(PETS, tmp_path / "pets20", balance_to=20, preset="medium", seed=7)
    assert {label: c["after"] for label, c in report["classes"].items()} == {
        "bark": 20, "cat": 20, "not_pet": 20, "pet_review": 20}
    assert {label: c["before"] for label, c in report["classes"].items()} == {
        "bark": 2, "cat": 3, "not_pet": 7, "pet_review": 5}
    on_disk = {d.name: sum(1 for f in d.rglob("*") if f.is_file()) for d in (tmp_path / "pets20").iterdir()
               if d.is_dir()}
    assert on_disk == {"bark": 20, "cat": 20, "not_pet": 20, "pet_review": 20}  # originals + augmented, trainable
    lines = [json.loads(s) for s in (tmp_path / "pets20" / "manifest.jsonl").read_text().splitlines()]
    for line in lines[::7]:  # a sample of every modality replays to the exact bytes
        assert replay_line(line, PETS) == (tmp_path / "pets20" / line["output"]).read_bytes()


def test_pets_dataset_is_small_and_unequal() -> None:
    files = [p for p in PETS.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 2_000_000
    counts = {d.name: len(list(d.iterdir())) for d in PETS.iterdir() if d.is_dir()}
    assert len(set(counts.values())) == len(counts)
