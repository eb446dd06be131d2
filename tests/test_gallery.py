"""The gallery (docs/gallery/*.md) covers every registered augmentation, shows visible changes, and is current.

A new augmentation without an entry in scripts/gallery_showcase.json fails here with a message listing what to add;
a showcase whose arguments change nothing visible fails too; and the committed pages must equal what
``python scripts/build_gallery.py`` generates now (media files must exist; their bytes are not compared).
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path

import pytest

import multiaug

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gallery():
    spec = importlib.util.spec_from_file_location("build_gallery", ROOT / "scripts" / "build_gallery.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gallery"] = module
    spec.loader.exec_module(module)
    return module


def test_every_registered_augmentation_has_a_valid_showcase(gallery):
    problems = gallery.registry_problems(gallery.load_showcase())
    assert not problems, "\n".join(problems)


def test_a_missing_or_unknown_or_invalid_showcase_is_named(gallery):
    showcase = copy.deepcopy(gallery.load_showcase())
    del showcase["image"]["blur"]
    showcase["text"]["no_such_augmentation"] = {"params": {}}
    showcase["audio"]["change_volume"]["params"]["volume_db"] = 500.0
    problems = "\n".join(gallery.registry_problems(showcase))
    assert "image: no gallery showcase for blur" in problems and '"blur": {"params": {...}}' in problems
    assert "'no_such_augmentation' names no registered augmentation" in problems
    assert "audio.change_volume: invalid showcase arguments" in problems and "volume_db" in problems


def test_a_registered_modality_without_a_gallery_page_is_named(gallery, monkeypatch):
    monkeypatch.setattr(gallery, "MODALITIES", tuple(m for m in gallery.MODALITIES if m != "tabular"))
    problems = gallery.registry_problems(gallery.load_showcase())
    assert any("tabular augmentations but the gallery no page" in p for p in problems), problems


def test_a_showcase_that_changes_nothing_is_refused(gallery):
    entry = multiaug.get_entry("brightness", "image")
    spec = {"params": {"factor": 1.0}}          # the registry's default: no change at all
    res = gallery.run(entry, spec)
    assert res["change"] == 0.0
    assert "change nothing visible" in gallery.change_problem(entry, spec, res["change"])
    strong = {"params": {"factor": 1.6}}
    assert gallery.change_problem(entry, strong, gallery.run(entry, strong)["change"]) is None
    text = multiaug.get_entry("contractions", "text")
    quiet = {"params": {"aug_p": 0.0}}
    assert "the text is unchanged" in gallery.change_problem(text, quiet, gallery.run(text, quiet)["change"])
    audio = multiaug.get_entry("change_volume", "audio")
    soft = {"params": {"volume_db": 0.2}}
    assert "log-spectral distance" in gallery.change_problem(audio, soft, gallery.run(audio, soft)["change"])


def test_the_gallery_pages_are_current_and_their_media_exist(gallery):
    problems = gallery.build(write=False)
    assert not problems, "\n".join(problems)
    for modality in gallery.MODALITIES:
        text = (ROOT / "docs" / "gallery" / f"{modality}.md").read_text(encoding="utf-8")
        for e in multiaug.entries(modality):
            assert f"\n## {e.name}\n" in text, f"{modality}.md has no section for {e.name}"
        if modality in ("image", "audio"):
            assert len(gallery.media_named(text)) >= len(multiaug.entries(modality))
