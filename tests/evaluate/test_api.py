"""multiaug.evaluate end to end on synthetic tasks whose truth is known."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

import multiaug
from multiaug.core.errors import InvalidParameterError
from multiaug.data.manifest import Item
from multiaug.data.worker import encode
from multiaug.evaluate import LeakageError
from multiaug.evaluate.task import system_form

from ._data import IDENTITY, ROTATE_ANY, rotated_shapes

NO_FILTERS = {"dedup": {"enabled": False}, "validation": {"rules": ()}}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    return rotated_shapes(tmp_path_factory.mktemp("shapes") / "data", per_class=8, seed=0)


def test_rotation_helps_rotation_invariant_classes(shapes):
    """Lines-through-the-centre classes (1, 2 or 3 lines), each original at a random angle: a HOG model trained on
    6 examples per class cannot know the classes ignore rotation; rotated copies teach it."""
    r = multiaug.evaluate(shapes, ROTATE_ANY, copies=8, folds=4, repeats=2, seed=0, suite=None, **NO_FILTERS)
    (task,) = r.tasks
    d = task["difference"]["clean"]["accuracy"]
    assert task["verdict"] == "helps" and d["low"] > 0, r.verdict
    assert d["mean"] > 0.1
    assert r.verdict.startswith("image: helps: accuracy")
    assert task["n_augmented"] == 24 * 8 and task["folds"] == 4


def test_identity_copies_have_no_measurable_effect(shapes):
    r = multiaug.evaluate(shapes, IDENTITY, copies=3, folds=4, repeats=2, seed=0, suite=None, **NO_FILTERS)
    d = r.tasks[0]["difference"]["clean"]["accuracy"]
    assert d["low"] <= 0 <= d["high"], d
    assert r.tasks[0]["verdict"] == "no measurable effect"


def _without_timing(path: Path) -> dict:
    data = json.loads((path / "report.json").read_text())
    data.pop("timing")
    return data


def test_same_seed_same_report_and_outputs(shapes, tmp_path):
    kw = dict(copies=2, folds=3, repeats=1, seed=5, robustness_level="mild")
    a = multiaug.evaluate(shapes, "light", out=tmp_path / "a", **kw)
    b = multiaug.evaluate(shapes, "light", out=tmp_path / "b", **kw)
    assert _without_timing(tmp_path / "a") == _without_timing(tmp_path / "b")
    for name in ("results.csv", "perturbed.jsonl", "augmented/manifest.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    c = multiaug.evaluate(shapes, "light", out=tmp_path / "c", **{**kw, "seed": 6})
    assert c.rows != a.rows or c.perturbed != a.perturbed
    # the outputs: CSV rows per fold × arm × test set, a self-contained HTML, replayable perturbed copies
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a" / "results.csv").read_text())))
    assert len(rows) == 3 * 2 * 2 and {r["arm"] for r in rows} == {"baseline", "augmented"}
    page = (tmp_path / "a" / "report.html").read_text()
    assert "<svg" in page and "<script" not in page and "http" not in page.replace("http://www.w3.org", "")
    assert "rotate" not in json.dumps(a.data["plan"]) and "hflip" in page  # the light preset's augmentations
    assert b.verdict == a.verdict and a.data["tasks"][0]["robustness"]["suite"] == "moderation-image"
    assert "on the perturbed test set" in a.verdict
    line = next(x for x in a.perturbed if "record" in x)
    src = Item(key=line["key"], label="", modality="image", path=str(shapes / line["key"]))
    again = multiaug.replay([line["record"]], system_form(src))
    direct = multiaug.robustness.apply_level("image", line["transform"], line["params"], system_form(src),
                                             line["seed"])
    assert encode("image", again, ".png") == encode("image", direct, ".png")


def test_augmented_copies_of_the_dataset_itself_are_refused(shapes, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(shapes, data)
    shutil.copy(data / "bar" / "bar_00.png", data / "bar" / "bar_00__aug000.png")
    with pytest.raises(LeakageError, match="augmented copy"):
        multiaug.evaluate(data, "light", copies=1, folds=2, repeats=1, suite=None)


def test_an_expansion_of_another_dataset_is_refused(shapes, tmp_path):
    other = rotated_shapes(tmp_path / "other", per_class=3, seed=1)
    for f in other.rglob("*.png"):
        f.rename(f.with_name("x" + f.name))
    multiaug.expand(other, tmp_path / "exp", copies=1, preset="light", seed=0)
    with pytest.raises(LeakageError, match="not items of the dataset"):
        multiaug.evaluate(shapes, tmp_path / "exp", folds=2, repeats=1, suite=None)


def test_exact_duplicates_are_kept_in_one_fold(shapes, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(shapes, data)
    shutil.copy(data / "star" / "star_00.png", data / "star" / "star_dup.png")
    r = multiaug.evaluate(data, "light", copies=1, folds=3, repeats=2, suite=None, seed=1)
    assert r.tasks[0]["n_originals"] == 25  # evaluated, and check_fold ran on every fold without a leak


def test_bad_arguments_fail_before_any_work(shapes, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidParameterError, match="out"):
        multiaug.evaluate(shapes, "light", out=blocker / "sub")
    with pytest.raises(InvalidParameterError, match="folds"):
        multiaug.evaluate(shapes, "light", folds=1)
    with pytest.raises(InvalidParameterError, match="copies"):
        multiaug.evaluate(shapes, "light", copies=2, balance_to=3)
    with pytest.raises(InvalidParameterError, match="robustness_level"):
        multiaug.evaluate(shapes, "light", robustness_level="extreme")
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("mine")
    with pytest.raises(InvalidParameterError, match="not empty"):
        multiaug.evaluate(shapes, "light", out=occupied)
    with pytest.raises(InvalidParameterError, match="not an evaluation output"):
        multiaug.evaluate(shapes, "light", out=occupied, overwrite=True)
    assert (occupied / "keep.txt").read_text() == "mine"


class _Majority:
    """A user model: predicts the most frequent training label (fit/predict on raw items)."""

    def fit(self, items, labels):
        assert isinstance(items[0], str)
        values, counts = np.unique(np.asarray(labels), return_counts=True)
        self.label = values[np.argmax(counts)]
        return self

    def predict(self, items):
        return [self.label] * len(items)


def majority(modality, seed):
    assert modality == "text" and isinstance(seed, int)
    return _Majority()


def test_text_task_with_a_user_model_and_balancing(tmp_path):
    rows = [{"text": f"please play some {w} music now", "label": "music"} for w in ("jazz", "rock", "pop", "soul")]
    rows += [{"text": f"what is the weather in {c} today", "label": "weather"}
             for c in ("Paris", "Oslo", "Rome", "Lima", "Kyiv", "Baku", "Doha", "Riga")]
    manifest = tmp_path / "intents.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    auto = multiaug.evaluate(manifest, "light", balance_to=8, folds=2, repeats=2, seed=0)
    assert auto.tasks[0]["augmented_per_class"] == {"music": 4}
    assert auto.tasks[0]["metrics"]["baseline"]["clean"]["accuracy"]["mean"] == 1.0
    hooked = multiaug.evaluate(manifest, "light", balance_to=8, folds=2, repeats=2, seed=0, model=majority,
                               suite=None)
    m = hooked.tasks[0]["metrics"]
    assert m["baseline"]["clean"]["recall"]["weather"]["mean"] == 1.0  # 8 weather vs 4 music: majority = weather
    assert m["augmented"]["clean"]["recall"]["music"]["mean"] is not None
    assert hooked.data["model"].endswith("majority")


def test_audio_task(tmp_path):
    sr = 8000
    t = np.arange(sr // 4) / sr
    for label, f0 in (("low", 220.0), ("high", 1760.0)):
        (tmp_path / "d" / label).mkdir(parents=True)
        for i in range(4):
            y = 0.3 * np.sin(2 * np.pi * f0 * (1 + 0.03 * i) * t) + 0.01 * np.random.default_rng(i).standard_normal(t.size)
            sf.write(tmp_path / "d" / label / f"{i}.wav", y.astype(np.float32), sr)
    r = multiaug.evaluate(tmp_path / "d", "light", copies=1, folds=2, repeats=1, seed=0)
    (task,) = r.tasks
    assert task["modality"] == "audio" and task["metrics"]["baseline"]["clean"]["accuracy"]["mean"] == 1.0
    assert task["robustness"]["suite"] == "moderation-audio"
