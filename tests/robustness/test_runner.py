"""The issue's proofs: invariant matcher, pHash vs hflip/JPEG, homoglyph flips, replay, workers, bad systems."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

import multiaug
from multiaug.core.errors import InvalidParameterError
from multiaug.robustness import Classifier, Matcher, SystemOutputError, adapters, run_robustness

from ._fixtures import flagged_texts, small_photos

FLIP_JPEG = {"name": "flip-jpeg", "modality": "image", "transforms": [
    {"name": "hflip", "levels": [{}]},
    {"name": "encoding_quality", "levels": [{"quality": 90}, {"quality": 70}]},
]}


def _level(report, transform, level=0):
    t = next(t for t in report.data["summary"] if t["transform"] == transform)
    return t["levels"][level]


def test_matcher_exactly_invariant_to_hflip_has_recall_one():
    def sorted_pixels(img: Image.Image) -> np.ndarray:  # multiset of pixel values: blind to any rearrangement
        return np.sort(np.asarray(img.convert("L"), dtype=np.float64).reshape(-1))

    m = Matcher(sorted_pixels, threshold=0.0)
    report = run_robustness(small_photos(), m, FLIP_JPEG, seed=0)
    hf = _level(report, "hflip")
    assert hf["recall"] == 1.0 and hf["distance"]["max"] == 0.0 and hf["n"] == 5


def test_phash_loses_matches_under_hflip_but_keeps_them_under_mild_jpeg():
    report = run_robustness(small_photos(), adapters.phash, FLIP_JPEG, seed=0)
    assert _level(report, "hflip")["recall"] <= 0.2
    assert _level(report, "hflip")["distance"]["median"] > adapters.phash.threshold
    assert _level(report, "encoding_quality", 0)["recall"] == 1.0  # quality 90
    assert _level(report, "encoding_quality", 1)["recall"] == 1.0  # quality 70
    # the measured perturbation is recorded for every item, next to the parametric intensity
    for r in report.rows:
        assert set(r["measured"]) == {"ssim", "ssim_loss", "phash_distance"} and r["intensity"] is not None


HOMOGLYPHS = {"name": "homoglyphs", "modality": "text", "transforms": [
    {"name": "replace_similar_unicode_chars", "levels": [{"aug_word_p": 0.5, "aug_char_p": 0.5},
                                                         {"aug_word_p": 1.0, "aug_char_p": 1.0}]}]}


def test_keyword_classifier_is_fooled_by_homoglyphs():
    report = run_robustness(flagged_texts(), adapters.keyword_filter, HOMOGLYPHS, seed=3)
    assert report.data["baseline"]["accuracy"] == 1.0
    severe = _level(report, "replace_similar_unicode_chars", 1)
    assert severe["flip_rate"] > 0.0 and severe["accuracy"] < 1.0
    flipped = [r for r in report.rows if r["changed"]]
    assert all(r["original_decision"] == "flagged" and r["decision"] == "ok" for r in flipped)
    assert all(r["measured"]["edit_distance"] > 0 for r in flipped)


def test_worst_case_replays_to_the_same_item_and_prediction():
    items = flagged_texts()
    report = run_robustness(items, adapters.keyword_filter, HOMOGLYPHS, seed=3, examples_per_transform=2)
    assert report.examples
    by_key = {d["key"]: d["text"] for d in items}
    for ex in report.examples:
        assert ex["replay_verified"] is True
        again = multiaug.replay(ex["record"], by_key[ex["key"]])
        assert adapters.keyword_filter(again)["decision"] == ex["decision"]
        # the same augmented text as the run produced (its edit distance is recorded)
        from multiaug.robustness.metrics import levenshtein

        assert levenshtein(by_key[ex["key"]], again) == ex["measured"]["edit_distance"]
        # and the JSON report carries the record
    data = json.loads(report.to_json())
    assert data["examples"][0]["record"] == report.examples[0]["record"]


def test_image_worst_case_replays_bit_identically():
    photos = small_photos()
    report = run_robustness(photos, adapters.phash, FLIP_JPEG, seed=0)
    ex = report.examples[0]
    _before, after = report.media[(ex["key"], ex["transform"], ex["level"])]
    again = multiaug.replay(ex["record"], photos[int(ex["key"])])
    assert again.tobytes() == after.tobytes()
    assert adapters.phash.compare(adapters.phash(photos[int(ex["key"])]), adapters.phash(again)) == ex["distance"]


def test_workers_one_and_two_give_identical_reports(tmp_path):
    suite = {"name": "mixed", "modality": "image", "transforms": [
        {"name": "perspective_transform", "levels": [{"sigma": 10.0}, {"sigma": 40.0}]},
        {"name": "hflip", "levels": [{}]}]}
    r1 = run_robustness(small_photos(96), adapters.phash, suite, seed=7, workers=1, out=tmp_path / "w1")
    r2 = run_robustness(small_photos(96), adapters.phash, suite, seed=7, workers=2, out=tmp_path / "w2")
    assert (tmp_path / "w1" / "report.json").read_bytes() == (tmp_path / "w2" / "report.json").read_bytes()
    assert (tmp_path / "w1" / "results.csv").read_bytes() == (tmp_path / "w2" / "results.csv").read_bytes()
    r3 = run_robustness(small_photos(96), adapters.phash, suite, seed=8, workers=1)
    assert [r["seed"] for r in r3.rows] != [r["seed"] for r in r1.rows]
    assert r1.to_json() == r2.to_json()


def test_original_predictions_are_computed_once():
    calls = []

    def clf(text: str) -> str:
        calls.append(text)
        return adapters.keyword_filter(text)["decision"]

    items = flagged_texts(6)
    report = run_robustness(items, clf, HOMOGLYPHS, kind="classifier", seed=1, examples_per_transform=0)
    originals = [d["text"] for d in items]
    assert len(calls) == len(items) + report.data["n_tasks"]
    assert sorted(c for c in calls[: len(items)]) == sorted(originals)
    assert report.data["n_tasks"] == len(items) * 2


def test_a_system_raising_on_some_items_is_reported_and_the_run_continues():
    def fragile(text: str) -> str:
        if "\u0430" in text or "s004" in text or text.startswith("Could"):  # cyrillic a, or one original
            raise RuntimeError("model crashed")
        return "ok"

    items = flagged_texts(8)
    report = run_robustness(items, fragile, HOMOGLYPHS, kind="classifier", seed=3, workers=2)
    errors = report.data["errors"]
    assert errors, "the failing items must be reported"
    assert all("model crashed" in e["error"] for e in errors)
    assert any(e["transform"] is None for e in errors)  # an original failed: its tasks are skipped
    assert sum(lv["n"] for t in report.data["summary"] for lv in t["levels"]) > 0  # others were evaluated
    failed_keys = {e["key"] for e in errors if e["transform"] is None}
    assert all(r.get("error") for r in report.rows if r["key"] in failed_keys)


def test_wrong_return_type_names_the_callable():
    def returns_a_list(text: str) -> list:
        return ["not", "a", "label"]

    with pytest.raises(SystemOutputError, match="returns_a_list") as info:
        run_robustness(flagged_texts(4), returns_a_list, HOMOGLYPHS, kind="classifier")
    assert "list" in str(info.value) and "label" in str(info.value)

    def bad_fp(img):
        return {"hash": 1}

    with pytest.raises(SystemOutputError, match="bad_fp"):
        run_robustness(small_photos(64)[:2], bad_fp, FLIP_JPEG, kind="matcher", threshold=1, workers=2)

    def bad_distance(a, b):
        return "far"

    m = Matcher(adapters.phash_fingerprint, threshold=3, distance=bad_distance)
    with pytest.raises(SystemOutputError, match="bad_distance"):
        run_robustness(small_photos(64)[:2], m, FLIP_JPEG)


def test_wrong_type_on_augmented_items_only_is_also_caught():
    def sometimes_none(text: str):
        return "ok" if text.isascii() else None

    with pytest.raises(SystemOutputError, match="sometimes_none"):
        run_robustness(flagged_texts(4), sometimes_none, HOMOGLYPHS, kind="classifier", seed=0)


def test_scores_use_the_threshold_and_report_score_changes():
    clf = Classifier(lambda text: 0.9 if "badword" in text else 0.1, threshold=0.5, name="score model")
    report = run_robustness(flagged_texts(6), clf, HOMOGLYPHS, seed=3)
    lv = _level(report, "replace_similar_unicode_chars", 1)
    assert lv["flip_rate"] > 0 and lv["score_change_mean"] < 0
    assert report.data["system"]["name"] == "score model"


def test_bad_run_arguments_raise_typed_errors():
    with pytest.raises(InvalidParameterError, match="seed"):
        run_robustness(flagged_texts(2), adapters.keyword_filter, HOMOGLYPHS, seed=-1)
    with pytest.raises(InvalidParameterError, match="workers"):
        run_robustness(flagged_texts(2), adapters.keyword_filter, HOMOGLYPHS, workers=-2)
    with pytest.raises(InvalidParameterError, match="kind"):
        run_robustness(flagged_texts(2), lambda t: "ok", HOMOGLYPHS)
    with pytest.raises(InvalidParameterError, match="labels"):
        run_robustness(["a b"], adapters.keyword_filter, HOMOGLYPHS, labels=["x", "y"])


def test_folder_labels_and_numpy_labels(tmp_path):
    for cls, img in (("cat", small_photos(48)[2]), ("rocket", small_photos(48)[4])):
        (tmp_path / cls).mkdir()
        img.save(tmp_path / cls / "a.png")
    suite = {"modality": "image", "transforms": [{"name": "hflip", "levels": [{}]}]}

    def by_brightness(img):
        return "cat" if np.asarray(img.convert("L")).mean() > 100 else "rocket"

    report = run_robustness(tmp_path, by_brightness, suite, kind="classifier")
    assert [r["key"] for r in report.rows] == ["cat/a.png", "rocket/a.png"]
    assert report.data["has_labels"] and report.data["summary"][0]["levels"][0]["flip_rate"] == 0.0
    texts = ["a badword", "fine"]
    rep = run_robustness(texts, adapters.keyword_filter, HOMOGLYPHS, labels=np.array([1, 0]))
    json.loads(rep.to_json())
    assert rep.rows[0]["label"] == 1 and type(rep.rows[0]["label"]) is int
    with pytest.raises(multiaug.UnsupportedInputError, match="label"):
        run_robustness(texts, adapters.keyword_filter, HOMOGLYPHS, labels=[[1], [0]])
