"""Suites: presets from registry names, user JSON suites, missing augmentations, level validation."""

from __future__ import annotations

import json

import pytest

from multiaug.core.errors import InvalidParameterError, SerializationError
from multiaug.robustness import PRESETS, Suite, available_suites, get_suite, run_robustness
from multiaug.robustness.suites import Suite as SuiteCls


def test_presets_have_three_to_five_levels_and_cover_the_issue():
    assert set(PRESETS) == {"moderation-image", "moderation-text", "moderation-audio"}
    for name in PRESETS:
        s = get_suite(name)
        assert s.modality == name.split("-")[1]
        for t in s.transforms:
            assert 3 <= len(t.levels) <= 5, (name, t.name)
            assert len({lv.label for lv in t.levels}) == len(t.levels)
    image = {t.name for t in get_suite("moderation-image").transforms}
    assert {"overlay_emoji", "meme_format", "overlay_onto_screenshot", "encoding_quality", "crop", "rotate",
            "blur", "pixelization", "overlay_stripes", "perspective_transform"} <= image
    text = {t.name for t in get_suite("moderation-text").transforms}
    assert {"simulate_typos", "replace_similar_unicode_chars", "insert_zero_width_chars", "replace_bidirectional",
            "encode_text", "replace_fun_fonts"} <= text


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_level_is_valid_against_the_registry(name):
    s = get_suite(name)
    missing = s.missing()
    resolved = s.resolved(skip_missing=True)  # validates every level's parameters (raises on a bad one)
    assert [t.name for t in resolved.transforms] == [t.name for t in s.transforms if t.name not in missing]


def test_available_suites_lists_presets_and_missing_functions():
    rows = available_suites()
    assert [r["name"] for r in rows] == list(PRESETS)
    for r in rows:
        assert r["ready"] == (not r["missing"])
        assert all(3 <= n <= 5 for n in r["levels"].values())


SUITE_WITH_UNKNOWN = {"name": "future", "modality": "image",
                      "transforms": [{"name": "hflip", "levels": [{}]},
                                     {"name": "not_yet_written_blur", "levels": [{"radius": 1}]}]}


def test_unregistered_augmentations_raise_a_clear_error_at_run_time():
    s = get_suite(SUITE_WITH_UNKNOWN)  # building the suite is fine
    assert s.missing() == ["not_yet_written_blur"]
    from PIL import Image

    img = Image.new("RGB", (32, 32), (10, 200, 30))
    with pytest.raises(InvalidParameterError, match="not_yet_written_blur") as info:
        run_robustness([img], lambda im: 1, s, kind="classifier")
    assert "not registered" in str(info.value) and "skip_missing" in str(info.value)
    report = run_robustness([img], lambda im: 1, s, kind="classifier", skip_missing=True)
    assert report.data["suite"]["skipped"] == ["not_yet_written_blur"]
    assert [t["transform"] for t in report.data["summary"]] == ["hflip"]


def test_user_suite_from_json_file(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text(json.dumps({"modality": "text", "transforms": [
        {"name": "change_case", "levels": [{"case": "upper"}, {"label": "lower!", "params": {"case": "lower"}}]}]}))
    s = get_suite(str(p))
    assert s.name == "mine" and s.transforms[0].levels[1].label == "lower!"
    assert s.transforms[0].levels[0].label == 'case="upper"'
    assert SuiteCls.from_dict(s.to_json()).to_json() == s.to_json()


@pytest.mark.parametrize("bad, match", [
    ({"modality": "video", "transforms": ["hflip"]}, "modality"),
    ({"modality": "image", "transforms": []}, "transforms"),
    ({"modality": "image", "transforms": [{"name": "hflip", "levels": []}]}, "levels"),
    ({"modality": "image", "transforms": [{"name": "hflip"}, {"name": "hflip"}]}, "twice"),
    ({"modality": "image", "transforms": [{"name": "hflip", "levels": [{"seed": 3}]}]}, "seed"),
])
def test_malformed_suites_raise_typed_errors(bad, match):
    with pytest.raises(InvalidParameterError, match=match):
        get_suite(bad)


def test_invalid_level_parameters_name_transform_and_level():
    s = get_suite({"modality": "text", "transforms": [{"name": "change_case", "levels": [{}, {"cadence": 0.1}]}]})
    with pytest.raises(InvalidParameterError, match=r"change_case.*level 2 .*cadence"):  # levels count from 1
        s.resolved()


def test_unknown_suite_names_and_bad_files(tmp_path):
    with pytest.raises(InvalidParameterError, match="moderation-image"):
        get_suite("moderation-video")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(SerializationError, match="bad.json"):
        get_suite(str(bad))
    with pytest.raises(InvalidParameterError):
        get_suite(42)  # type: ignore[arg-type]


def test_select_keeps_order_and_rejects_unknown_names():
    s = get_suite("moderation-image").select(["encoding_quality", "overlay_emoji"])
    assert [t.name for t in s.transforms] == ["encoding_quality", "overlay_emoji"]
    with pytest.raises(InvalidParameterError, match="nope"):
        s.select(["nope"])
    assert isinstance(s, Suite)


def test_shipped_suites_are_json_documents_named_by_their_file():
    import json

    from multiaug.assets import assets_dir

    files = sorted((assets_dir() / "suites").glob("*.json"))
    assert {f.stem for f in files} == set(PRESETS)
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert doc["name"] == f.stem and doc["description"]
        assert get_suite(f.stem).resolved().name == f.stem  # every level validates against the registry
