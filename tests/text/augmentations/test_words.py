"""Word family: contractions, merge/split, replace_words, gendered swaps, synonyms, random word edits."""

from __future__ import annotations

import json

import pytest

import multiaug.text as T
from multiaug.core import InvalidParameterError, MediaReadError, Tracker
from multiaug.text.resources.tables import synonyms
from tests.contract import contract_tests

test_contract = contract_tests("text", "words")


def test_contractions():
    assert T.contractions("he is here and I am not", aug_p=1.0) == "he's here and I'm not"
    assert T.contractions("He  is  sure", aug_p=1.0) == "He's  sure"  # the phrase's inner gap is replaced
    assert T.contractions("HE IS", aug_p=1.0) == "HE'S"
    assert T.contractions("he is.", aug_p=0.0) == "he is."
    assert T.contractions("he\nis", aug_p=1.0) == "he\nis"  # never across a line break
    assert T.contractions("would not have", aug_p=1.0, max_contraction_length=3) == "wouldn't've"
    assert T.contractions("would not have", aug_p=1.0) == "wouldn't have"
    assert T.contractions("we are", aug_p=1.0, mapping={"we are": "we're"}) == "we're"
    with pytest.raises(InvalidParameterError, match="max_contraction_length"):
        T.contractions("x", max_contraction_length=1)


def test_contractions_mapping_file(tmp_path):
    p = tmp_path / "m.json"
    p.write_text(json.dumps({"You Are": "you're"}))
    assert T.contractions("you are", aug_p=1.0, mapping=str(p)) == "you're"
    with pytest.raises(MediaReadError):
        T.contractions("you are", mapping=str(tmp_path / "missing.json"))


def test_merge_and_split_only_touch_spaces():
    text = "alpha beta, gamma delta\nepsilon zeta"
    merged = T.merge_words(text, aug_word_p=1.0, seed=1)
    assert merged.replace(" ", "") == text.replace(" ", "") and "\n" in merged and "," in merged
    assert "alphabeta," in merged
    split = T.split_words(text, aug_word_p=1.0, seed=1)
    assert split.replace(" ", "") == text.replace(" ", "") and split.count(" ") == text.count(" ") + 6
    assert T.split_words("ab cd", seed=1) == "ab cd"  # min_char=4


def test_replace_words_keeps_case_and_honours_ignore_and_priority():
    mapping = {"cat": "dog", "red": ["blue", "green"]}
    assert T.replace_words("Cat and CAT and cat", aug_word_p=1.0, mapping=mapping, seed=0) == "Dog and DOG and dog"
    out = T.replace_words("red cat", aug_word_p=1.0, mapping=mapping, ignore_words=["CAT"], seed=0)
    assert out.split()[1] == "cat" and out.split()[0] in ("blue", "green")
    out = T.replace_words("red cat", aug_word_p=0.5, aug_word_max=1, mapping=mapping, priority_words=["cat"], seed=2)
    assert out == "red dog"
    assert T.replace_words("red cat", aug_word_p=1.0) == "red cat"  # no mapping


def test_swap_gendered_words():
    assert T.swap_gendered_words("He told his sister", aug_word_p=1.0, seed=0) == "She told her brother"
    assert T.swap_gendered_words("the king", aug_word_p=1.0, ignore_words=["king"], seed=0) == "the king"
    meta: list = []
    T.swap_gendered_words("he", metadata=meta, seed=0)
    assert meta[0]["intensity"] == 30.0


def test_synonym_replacement_uses_wordnet_table():
    text = "The big house was quiet"
    tracker = Tracker()
    out = T.synonym_replacement(text, aug_p=1.0, seed=3, metadata=tracker)
    table = synonyms()
    for ed in tracker[0]["info"]["edits"][0]:
        assert ed["new"].lower() in table[ed["old"].lower()]
    assert out != text


def test_random_word_edit_actions():
    text = "one two three four five six seven eight nine ten"
    deleted = T.random_word_edit(text, action="delete", aug_p=0.3, seed=1)
    assert len(deleted.split()) == 7 and "  " not in deleted
    swapped = T.random_word_edit(text, action="swap", aug_p=0.3, seed=1)
    assert sorted(swapped.split()) == sorted(text.split()) and swapped != text
    cropped = T.random_word_edit(text, action="crop", aug_p=0.3, seed=1)
    kept, words = cropped.split(), text.split()
    assert any(kept == words[:i] + words[i + 3:] for i in range(8)) and "  " not in cropped
    assert T.random_word_edit(text, action="delete", ignore_words=text.split(), seed=1) == text
