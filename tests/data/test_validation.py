from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from multiaug.core.errors import InvalidParameterError
from multiaug.data.validation import RULES, ValidationConfig, check

from .conftest import textured, tone

CFG = ValidationConfig()


def test_image_rules() -> None:
    assert check("image", textured(1), None, CFG) == []
    blank = Image.new("RGB", (32, 32), (120, 130, 140))
    assert [r.split(":")[0] for r in check("image", blank, None, CFG)] == ["image_blank"]
    white = np.full((32, 32, 3), 255, np.uint8)
    white[0, 0] = 0
    white[5, 5] = 17
    assert "image_saturated" in [r.split(":")[0] for r in check("image", white, None, CFG)]
    reasons = check("image", textured(1), None, CFG, src_bboxes=[[1, 1, 5, 5]], dst_bboxes=[None])
    assert reasons and reasons[0].startswith("boxes_lost")
    assert check("image", textured(1), None, CFG, src_bboxes=[[1, 1, 5, 5]], dst_bboxes=[[1, 1, 4, 4]]) == []


def test_audio_rules() -> None:
    assert check("audio", tone(1), None, CFG) == []
    assert check("audio", np.zeros(800, np.float32), None, CFG)[0].startswith("audio_silent")
    loud = np.clip(tone(1) * 20, -1, 1)
    assert check("audio", loud, None, CFG)[0].startswith("audio_clipped")


def test_text_rules() -> None:
    assert check("text", "Hello", "hello", CFG) == []
    assert check("text", "  ", "hello", CFG)[0].startswith("text_empty")
    assert check("text", "hello", "hello", CFG)[0].startswith("text_unchanged")


def test_rules_can_be_disabled() -> None:
    cfg = ValidationConfig(rules=("text_empty",))
    assert check("text", "hello", "hello", cfg) == []
    assert check("image", Image.new("L", (8, 8)), None, ValidationConfig(rules=())) == []
    assert set(ValidationConfig().to_json()["rules"]) == set(RULES)


@pytest.mark.parametrize("kwargs, argument", [
    ({"rules": ("nope",)}, "rules"), ({"blank_std": -1}, "blank_std"),
    ({"saturated_fraction": 2}, "saturated_fraction"), ({"silent_dbfs": 3}, "silent_dbfs"),
])
def test_config_errors(kwargs, argument) -> None:
    with pytest.raises(InvalidParameterError) as info:
        ValidationConfig(**kwargs)
    assert info.value.argument == argument
