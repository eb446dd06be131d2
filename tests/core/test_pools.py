"""Named value pools ({"$pool": name}): drawn like a $choice, written back by name, recorded as the drawn value."""

from __future__ import annotations

import json

import pytest

import multiaug
import multiaug.image  # noqa: F401 - registers the image pools
from multiaug.core import pools as pool_mod
from multiaug.core.errors import InvalidParameterError, SerializationError
from tests.helpers import sample_image


def _emoji_node(**extra):
    return {"type": "augmentation", "modality": "image", "name": "overlay_emoji",
            "params": {"emoji_path": {"$pool": "emoji"}, "emoji_size": 0.3}, **extra}


def test_pool_is_written_back_by_name_and_draws_from_the_whole_set():
    t = multiaug.load_pipeline(_emoji_node())
    assert t.to_dict()["params"]["emoji_path"] == {"$pool": "emoji"}
    drawn = set()
    img = sample_image(64, 48)
    for seed in range(40):
        tr = multiaug.Tracker()
        t(img, seed=seed, metadata=tr)
        drawn.add(tr[0]["params"]["emoji_path"])
        assert "emoji_path" in tr[0]["provenance"]["drawn"]
    values = set(pool_mod.pool_values("emoji"))
    assert len(values) == 400 and drawn <= values
    assert len(drawn) >= 30          # 40 draws from 400 values: ~38 distinct expected; a stuck draw gives 1


def test_a_drawn_pool_value_replays_exactly_without_the_pool():
    img = sample_image(64, 48)
    tr = multiaug.Tracker()
    out = multiaug.load_pipeline(_emoji_node())(img, seed=5, metadata=tr)
    records = json.loads(json.dumps(list(tr)))
    assert multiaug.replay(records, img).tobytes() == out.tobytes()


def test_unknown_pool_and_bad_registrations_are_clear_errors():
    with pytest.raises(SerializationError, match="pool 'nope' is not registered"):
        multiaug.load_pipeline(_emoji_node(params={"emoji_path": {"$pool": "nope"}}))
    with pytest.raises(InvalidParameterError, match="non-empty sequence"):
        multiaug.register_pool("bad", [])
    with pytest.raises(InvalidParameterError, match="already registered"):
        multiaug.register_pool("emoji", ["🔥"])


def test_pool_values_are_validated_like_choice_options():
    multiaug.register_pool("test-bad-sizes", [0.2, -1.0], replace=True)
    node = {"type": "augmentation", "modality": "image", "name": "overlay_emoji",
            "params": {"emoji_size": {"$pool": "test-bad-sizes"}}}
    with pytest.raises(InvalidParameterError, match="emoji_size"):
        multiaug.load_pipeline(node)


def test_user_pool_with_a_loader_is_loaded_once():
    calls = []

    def load():
        calls.append(1)
        return ("upper", "lower")

    multiaug.register_pool("test-cases", load, replace=True)
    node = {"type": "augmentation", "modality": "text", "name": "change_case", "params": {"case": {"$pool": "test-cases"}}}
    t = multiaug.load_pipeline(node)
    assert t("Hello World", seed=1) in ("HELLO WORLD", "hello world")
    multiaug.load_pipeline(node)
    assert calls == [1] and "test-cases" in multiaug.describe_pools()
