"""multiaug/text/engine/char_edits.py: character ops and the planner of character edits inside chosen words."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.text.engine.char_edits import charmix, filtered, plan_char_edits, substitute_from
from multiaug.text.engine.draws import Draws
from multiaug.text.engine.splice import apply_plan


def _draws(seed: int = 0) -> Draws:
    return Draws(np.random.default_rng(seed))


def _params(**kw):
    base = {"aug_char_p": 1.0, "aug_word_p": 1.0, "min_char": 1, "aug_char_min": 1, "aug_char_max": 1,
            "aug_word_min": 1, "aug_word_max": 100, "priority_words": None, "ignore_words": None, "protect": None}
    return {**base, **kw}


def test_char_ops():
    units = list("abcdef")
    assert charmix("delete")(list(units), [1, 3], _draws()) == list("acef")
    assert charmix("swap")(list(units), [0], _draws()) == list("bacdef")
    ins = charmix("insert")(list(units), [5], _draws())
    assert len(ins) == 7 and ins[:6] == units and ins[6].isalpha() and ins[6].islower()
    sub = charmix("substitute")(list("ABC"), [1], _draws())
    assert sub[0] == "A" and sub[2] == "C" and sub[1].isupper()  # the case of an ASCII letter is kept
    table = {"a": ("4", "@")}
    assert substitute_from(table)(list("aba"), [0, 2], _draws())[1] == "b"
    assert set(substitute_from(table)(list("aba"), [0, 2], _draws())[::2]) <= {"4", "@"}
    assert filtered(charmix("delete"), table)(list("abc"), [0, 1], _draws()) == list("bc")  # 'b' has no key


@pytest.mark.parametrize("text", ["banana cabana", "bánana cabana e\u0301"])
def test_table_substitution_changes_one_mapped_character_per_word(text):
    """ASCII documents take the table fast path, documents with combining marks the grapheme engine: either way
    each chosen word gets exactly one of its mapped characters replaced."""
    table = {"a": ("@",)}
    sub = substitute_from(table)
    plan = plan_char_edits([text], _params(), _draws(3), eligible=table.__contains__,
                           choose_op=lambda w: ("sub", sub), sub_table=table, const_op=True)
    out = apply_plan([text], plan)
    for old, new in zip(text.split(), out.media[0].split()):
        if "a" in old:
            assert new.count("@") == 1 and new.replace("@", "a") == old
        else:
            assert new == old
    again = plan_char_edits([text], _params(), _draws(3), eligible=table.__contains__,
                            choose_op=lambda w: ("sub", sub), sub_table=table, const_op=True)
    assert again == plan  # same seed, same plan


def test_whole_word_replacement_vocab_and_ignore_words():
    plan = plan_char_edits(["the cat sat"], _params(ignore_words=["sat"]), _draws(),
                           eligible=lambda g: True, choose_op=lambda w: ("word", w.upper()), vocab={"cat", "sat"})
    assert apply_plan(["the cat sat"], plan).media == ["the CAT sat"]


def test_min_char_and_protected_tokens_are_left_alone():
    text = "a bb https://x.co/aaaa"
    plan = plan_char_edits([text], _params(min_char=2), _draws(), eligible=lambda g: True,
                           choose_op=lambda w: ("del", charmix("delete")), const_op=True)
    new = apply_plan([text], plan).media[0]
    assert new.startswith("a ") and new.endswith("https://x.co/aaaa") and new.split()[1] == "b"
