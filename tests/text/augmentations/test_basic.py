"""apply_lambda, get_baseline, replace_text, insert_text."""

from __future__ import annotations

import pytest

import multiaug
import multiaug.text as T
from multiaug.core import Tracker, UnsupportedInputError
from tests.contract import contract_tests

test_contract = contract_tests("text", "basic")


def test_get_baseline_is_byte_identical():
    text = "  Spaces\tand\ttabs  \n\nkept 👍🏽  "
    meta: list = []
    assert T.get_baseline(text, metadata=meta) == text and meta[0]["intensity"] == 0.0
    assert T.get_baseline([text, ""]) == [text, ""]


def test_apply_lambda_per_document_with_spans():
    out, spans = T.apply_lambda("hello big world", lambda s: s.replace("big", "huge"), spans=[(6, 9, "ADJ")],
                                return_spans=True)
    assert out == "hello huge world" and out[spans[0][0]:spans[0][1]] == "huge"
    assert T.apply_lambda(["a", "b"], lambda s, suffix: s + suffix, suffix="!") == ["a!", "b!"]
    assert T.apply_lambda("x", lambda s: [s + "y"]) == "xy"  # AugLy-style one-element list accepted
    with pytest.raises(UnsupportedInputError, match="document 0"):
        T.apply_lambda("x", lambda s: 3)


def test_apply_lambda_intensity_and_replay():
    meta: list = []
    # a registered text function's own intensity rule is used (AugLy looks it up by name)
    assert T.apply_lambda("abcdef", T.change_case, granularity="char", cadence=5.0, case="upper",
                          metadata=meta) == "AbcdeF"
    assert meta[0]["intensity"] == 20.0

    def shout(s):
        return s.upper()

    multiaug.register_function("shout_text_test", shout)
    tracker = Tracker()
    out = T.apply_lambda("abc", shout, metadata=tracker)
    assert tracker[0]["intensity"] == 100.0 and tracker[0]["replayable"]
    assert Tracker.from_json(tracker.to_json()).replay("abc") == out == "ABC"


def test_replace_text():
    meta: list = []
    assert T.replace_text("abc", "xyz", metadata=meta) == "xyz" and meta[0]["intensity"] == 100.0
    assert T.replace_text(["abc", "def", ""], {"abc": "ABC"}) == ["ABC", "def", ""]
    meta = []
    T.replace_text("def", {"abc": "ABC"}, metadata=meta)
    assert meta[0]["intensity"] == 0.0


def test_insert_text_locations():
    assert T.insert_text("hello world", ["X"], insertion_location="prepend") == "X hello world"
    assert T.insert_text("hello world", ["X"], insertion_location="append") == "hello world X"
    out = T.insert_text("one  two\tthree", ["X", "Y"], num_insertions=3)
    assert out.count("X") + out.count("Y") == 3 and "\t" in out
    assert T.insert_text("one two", ["X"]) == T.insert_text("one two", ["X"])  # seed=10 default
    meta: list = []
    T.insert_text("a b", ["X"], num_insertions=4, metadata=meta)
    assert meta[0]["intensity"] == 40.0 and meta[0]["seed"] == 10
