"""Pipelines as data: dict/JSON round trip, version field, lambdas refused unless registered."""

from __future__ import annotations

import json

import pytest

import multiaug
import multiaug.image as imaugs
import multiaug.text as txtaugs
from multiaug.core import (
    Compose,
    OneOf,
    SerializationError,
    SomeOf,
    Tracker,
    Uniform,
    load_pipeline,
    pipeline_from_dict,
    pipeline_to_dict,
    pipeline_to_json,
)
from multiaug.core.classes import class_for
from multiaug.core.registry import entries

from ..helpers import same, sample_image


def _nested():
    return Compose([
        OneOf([imaugs.HFlip(p=0.3), Compose([imaugs.VFlip(), imaugs.HFlip()], p=0.8)], weights=[1, 2]),
        SomeOf([imaugs.VFlip(), imaugs.HFlip()], n=(1, 2), p=0.9),
    ], seed=3)


def test_roundtrip_identical_dict_and_behaviour(tmp_path):
    pipe = _nested()
    d = pipeline_to_dict(pipe)
    assert d["version"] == 1 and d["modality"] == "image"
    path = tmp_path / "p.json"
    pipeline_to_json(pipe, path)
    again = load_pipeline(path)
    assert pipeline_to_dict(again) == d
    assert json.loads(json.dumps(d)) == d
    img = sample_image()
    for s in range(5):
        assert same(pipe(img, seed=s), again(img, seed=s))


def test_every_registered_class_roundtrips():
    for entry in entries():
        t = class_for(entry)(**entry.example_params(), p=0.7)
        try:
            d = pipeline_to_dict(t)
        except SerializationError:
            continue  # example uses a non-JSON argument (e.g. a PIL image); covered by the refusal test
        assert pipeline_to_dict(pipeline_from_dict(d)) == d


def test_ranges_and_choices_serialise():
    t = txtaugs.ChangeCase(cadence=(1.0, 3.0), case=["upper", "lower"])
    d = pipeline_to_dict(t)["pipeline"]
    assert d["params"]["cadence"] == {"$uniform": [1.0, 3.0]}
    assert d["params"]["case"] == {"$choice": ["upper", "lower"]}
    back = pipeline_from_dict(pipeline_to_dict(t))
    assert back.params["cadence"] == Uniform(1.0, 3.0)


def test_unsupported_version_refused():
    d = pipeline_to_dict(imaugs.HFlip())
    d["version"] = 99
    with pytest.raises(SerializationError, match="version"):
        pipeline_from_dict(d)


def test_unknown_node_refused():
    with pytest.raises(SerializationError, match="unknown node type"):
        pipeline_from_dict({"version": 1, "pipeline": {"type": "Shuffle", "transforms": []}})


def test_bad_json_file(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text("{not json")
    with pytest.raises(SerializationError):
        load_pipeline(p)


def test_lambda_refused_unless_registered():
    from multiaug.core.values import json_value as _json_value

    with pytest.raises(SerializationError, match="register_function"):
        _json_value(lambda x: x, "ApplyLambda", "aug_function")

    def shout(texts, **kw):
        return texts

    multiaug.register_function("test_shout_fn", shout)
    assert _json_value(shout, "ApplyLambda", "aug_function") == {"$function": "test_shout_fn"}


def test_replay_whole_pipeline_from_jsonl(tmp_path):
    img = sample_image()
    t = Tracker()
    out = _nested()(img, metadata=t, seed=11)
    t.to_jsonl(tmp_path / "rec.jsonl")
    assert same(multiaug.replay(tmp_path / "rec.jsonl", img), out)


def test_a_composition_node_without_p_takes_the_class_default():
    """A hand-written node may leave 'p' out: RandomApply then applies with its default 0.5, as in Python."""
    from multiaug.core.pipeline import pipeline_from_dict

    node = {"type": "RandomApply", "transforms": [{"type": "augmentation", "modality": "image", "name": "hflip"}]}
    assert pipeline_from_dict(node).p == 0.5
    assert pipeline_from_dict({**node, "type": "Compose"}).p == 1.0
    assert pipeline_from_dict({**node, "p": 0.25}).p == 0.25
