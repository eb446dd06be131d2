"""insert_emoji and replace_words_with_emoji."""

from __future__ import annotations

import emoji

import multiaug.text as T
from multiaug.core import Tracker
from tests.contract import contract_tests

test_contract = contract_tests("text", "emoji")


def test_replace_words_with_emoji():
    assert T.replace_words_with_emoji("The fire is hot", aug_word_p=1.0, seed=0) == "The 🔥 is 🥵"
    assert T.replace_words_with_emoji("fire", aug_word_p=1.0, seed=0) == "🔥"
    assert T.replace_words_with_emoji("Fire!", aug_word_p=1.0, seed=0) == "🔥!"
    assert T.replace_words_with_emoji("fire", mode="append", aug_word_p=1.0, seed=0) == "fire 🔥"
    assert T.replace_words_with_emoji("fire", ignore_words=["fire"], aug_word_p=1.0, seed=0) == "fire"


def test_insert_emoji():
    tracker = Tracker()
    out = T.insert_emoji("one two three", num_insertions=2, seed=4, metadata=tracker)
    edits = tracker[0]["info"]["edits"][0]
    assert len(edits) == 2 and all(emoji.is_emoji(ed["new"].strip()) for ed in edits)
    assert out.replace(edits[0]["new"], "", 1).replace(edits[1]["new"], "", 1) == "one two three"
    assert T.insert_emoji("hi", emojis=["🐍"], insertion_location="append", seed=0) == "hi 🐍"
