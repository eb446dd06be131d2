"""Typos: only chosen words change, and the changes come from the right tables."""

from __future__ import annotations

import re

import pytest

import multiaug.text as T
from multiaug.core import InvalidParameterError, Tracker
from multiaug.text.resources.nlpaug import KEYBOARD_LANGUAGES, keyboard, misspellings, ocr
from tests.contract import contract_tests

test_contract = contract_tests("text", "typos")

TEXT = "The quick brown fox jumps over the lazy dog while everybody watches quietly."


def _edits(fn, text=TEXT, **kw):
    tracker = Tracker()
    out = fn(text, metadata=tracker, **kw)
    return out, tracker[0]["info"]["edits"][0]


def _words(text):
    return [m.span() for m in re.finditer(r"[A-Za-z]+", text)]


def test_simulate_typos_keyboard_changes_only_chosen_words_by_one_neighbour():
    kb = keyboard("en")
    out, edits = _edits(T.simulate_typos, typo_type="keyboard", seed=3)
    word_spans = set(_words(TEXT))
    assert edits and len(edits) == 4  # ceil(0.3 * 13 words)
    for ed in edits:
        assert (ed["start"], ed["end"]) in word_spans  # whole words only
        diff = [(a, b) for a, b in zip(ed["old"], ed["new"]) if a != b]
        assert len(ed["old"]) == len(ed["new"]) and len(diff) == 1  # aug_char_max=1
        a, b = diff[0]
        assert b in kb[a]
    # everything outside the edits is untouched
    untouched = TEXT
    for ed in reversed(edits):
        untouched = untouched[:ed["start"]] + untouched[ed["end"]:]
    rebuilt = out
    for ed in reversed(edits):
        rebuilt = rebuilt[:ed["new_start"]] + rebuilt[ed["new_end"]:]
    assert rebuilt == untouched


def test_simulate_typos_misspelling_and_priority():
    miss = misspellings()
    _out, edits = _edits(T.simulate_typos, typo_type="misspelling", aug_word_p=1.0, seed=1)
    assert edits
    for ed in edits:
        assert ed["new"].lower() in {m.lower() for m in miss[ed["old"].lower()]}
    _out, edits = _edits(T.simulate_typos, typo_type="keyboard", aug_word_max=1, priority_words=["everybody"], seed=5)
    assert [ed["old"] for ed in edits] == ["everybody"]


def test_simulate_typos_charmix_and_min_char():
    _out, edits = _edits(T.simulate_typos, typo_type="charmix", aug_word_p=1.0, min_char=5, seed=2)
    assert edits and all(len(ed["old"]) >= 5 for ed in edits)
    _out, edits = _edits(T.simulate_typos, typo_type="charmix", aug_word_p=1.0, max_typo_length=3, seed=2)
    assert edits
    assert T.simulate_typos(TEXT, aug_word_p=0.0, seed=1) == TEXT


def test_simulate_typos_custom_misspelling_file(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("quick kwik\nlazy lazzy\n")
    out = T.simulate_typos("Quick and lazy", typo_type="misspelling", aug_word_p=1.0, misspelling_dict_path=str(p),
                           seed=0)
    assert out == "Kwik and lazzy"


@pytest.mark.parametrize("language", KEYBOARD_LANGUAGES)
def test_keyboard_typos_every_layout(language):
    kb = keyboard(language)
    sample = {"en": "typing quickly", "de": "schöne grüße", "es": "mañana temprano", "fr": "très être",
              "he": "שלום עולם חבר", "it": "città perché", "nl": "goedemorgen vriend", "pl": "zażółć gęślą",
              "th": "สวัสดีครับ ทุกคน", "tr": "günaydın arkadaş", "uk": "привіт друже"}[language]
    _out, edits = _edits(T.keyboard_typos, text=sample, language=language, aug_word_p=1.0, min_char=2, seed=1)
    assert edits, language
    for ed in edits:
        changed = [(a, b) for a, b in zip(ed["old"], ed["new"]) if a != b]
        assert changed and all(b in kb.get(a, ()) for a, b in changed)


def test_keyboard_typos_filters():
    _out, edits = _edits(T.keyboard_typos, aug_word_p=1.0, aug_char_p=1.0, include_special_char=False,
                        include_numeric=False, include_upper_case=False, seed=4)
    new_chars = "".join(ed["new"] for ed in edits)
    assert new_chars and all(c.isalpha() for c in new_chars)
    with pytest.raises(InvalidParameterError, match="language"):
        T.keyboard_typos("x", language="klingon")


def test_ocr_errors_use_ocr_map():
    table = ocr()
    _out, edits = _edits(T.ocr_errors, text="Bill 1000 was logged in 2019 at 5 o'clock", aug_word_p=1.0, seed=2)
    assert edits
    for ed in edits:
        assert len(ed["old"]) == len(ed["new"])  # the OCR map has one-character replacements
        changed = [(a, b) for a, b in zip(ed["old"], ed["new"]) if a != b]
        assert changed and all(b in table[a] for a, b in changed)


@pytest.mark.parametrize("action", ["insert", "substitute", "swap", "delete"])
def test_random_char_edit(action):
    _out, edits = _edits(T.random_char_edit, action=action, aug_word_p=1.0, seed=6)
    assert edits
    for ed in edits:
        if action == "insert":
            assert len(ed["new"]) > len(ed["old"])
        elif action == "delete":
            assert len(ed["new"]) < len(ed["old"])
        elif action == "swap":
            assert sorted(ed["new"]) == sorted(ed["old"])
        else:
            assert len(ed["new"]) == len(ed["old"])


def test_random_char_edit_keeps_scripts_and_marks():
    text = "Приветствую товарищей cafe\u0301teria"
    out, edits = _edits(T.random_char_edit, text=text, action="substitute", aug_word_p=1.0, aug_char_p=1.0, seed=1)
    for ed in edits:
        if ed["old"][0] in "Пт":
            assert all(not c.isascii() for c in ed["new"])
    # a combining mark is only ever moved together with its base letter
    assert all(out[i - 1].isalpha() for i, c in enumerate(out) if c == "\u0301")


def test_spelling_mistakes():
    miss = misspellings()
    _out, edits = _edits(T.spelling_mistakes, text="I believe the government will receive it", aug_p=1.0, seed=0)
    assert len(edits) >= 4
    for ed in edits:
        assert ed["new"].lower() in {m.lower() for m in miss[ed["old"].lower()]}
