"""multiaug/text/engine/insertions.py: the insertion planners (fast paths equal the engine path)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.text.engine.draws import Draws
from multiaug.text.engine.insertions import (
    _between,
    _every_char,
    _interleave,
    _points,
    plan_char_insertions,
    plan_piece_insertions,
)
from multiaug.text.engine.splice import apply_edits, apply_plan, coalesce_insertions
from multiaug.text.engine.tokenize import tokenize


@pytest.mark.parametrize("granularity", ["all", "word"])
@pytest.mark.parametrize("text", ["Hi, you  there https://x.co ok", "@a b", "x", "ab", " lead and trail ", "a@b.co c",
                                  "don't stop #now", "привет, мир!"])
def test_cadence_one_fast_path_equals_general_path(text, granularity):

    doc = tokenize(text)
    fast, _ = apply_edits(text, _every_char(doc, granularity, ";", "op"))
    pts = _points(doc, granularity, 1.0)
    slow, _ = apply_edits(text, coalesce_insertions(doc, [(p, ";") for p in pts], "op"))
    assert fast == slow
    assert _every_char(doc, granularity, ";", "op") == coalesce_insertions(doc, [(p, ";") for p in pts], "op")


@pytest.mark.parametrize("text", ["Hi, you  there https://x.co ok", "@a b", "@a@b #c#d", "a@b.co c", "don't stop #now",
                                  "привет, мир! #тег", "x https://a.b", "https://a.b x"])
def test_stretches_between_protected_tokens_equal_word_and_gap_edits(text):

    doc = tokenize(text)
    coarse, _ = apply_edits(text, _between(text, doc.protected, "|", "op"))
    fine, _ = apply_edits(text, _every_char(doc, "all", "|", "op"))
    assert coarse == fine


def test_piece_insertions_prepend_append_and_between_words():
    texts = ["one two three", ""]
    out = apply_plan(texts, plan_piece_insertions(texts, ["X"], 2, "prepend", Draws(np.random.default_rng(0)), "ins"))
    assert out.media == ["X X one two three", ""]
    out = apply_plan(texts, plan_piece_insertions(texts, ["Y"], 1, "append", Draws(np.random.default_rng(0)), "ins"))
    assert out.media[0] == "one two three Y"
    plan = plan_piece_insertions(texts, ["Z"], 3, "random", Draws(np.random.default_rng(1)), "ins")
    new = apply_plan(texts, plan).media[0]
    assert new.split().count("Z") == 3 and new.replace("Z ", "").replace(" Z", "") == "one two three"


@pytest.mark.parametrize("cadence", [1.0, 2.0, 2.5])
def test_interleave_places_a_character_at_the_engine_points(cadence):
    text = "abcdefghij"
    fast = _interleave(text, cadence, "|", ("|",), Draws(np.random.default_rng(0)))
    pts = _points(tokenize(text), "all", cadence)
    slow, _ = apply_edits(text, coalesce_insertions(tokenize(text), [(p, "|") for p in pts], "op"))
    assert fast == slow


def test_char_insertions_are_deterministic_per_seed_and_fine_plans_give_the_same_text():
    texts = ["The quick brown fox", "hi @bob https://x.co ok"]
    plans = [plan_char_insertions(texts, (".", "!"), "word", 2.0, True, None, "op", Draws(np.random.default_rng(7)),
                                  fine) for fine in (False, True)]
    coarse, fine = (apply_plan(texts, p).media for p in plans)
    assert coarse == fine
    assert "https://x.co" in coarse[1] and "@bob" in coarse[1]  # protected tokens stay whole
