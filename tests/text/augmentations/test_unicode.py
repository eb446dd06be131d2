"""Unicode family: bidi display, fun fonts, upside-down round trip, look-alikes, homoglyphs, encode_text."""

from __future__ import annotations

import base64
import re
import unicodedata

import pytest

import multiaug.text as T
from multiaug.core import Tracker
from multiaug.text.engine.graphemes import graphemes
from multiaug.text.kernels.fonts import FUN_FONT_NAMES, builtin_fun_fonts
from multiaug.text.resources.tables import asset_json
from tests.contract import contract_tests

test_contract = contract_tests("text", "unicode")

RLO, PDF = "\u202e", "\u202c"
_OVERRIDE = re.compile("\u202e(.*?)\u202c", re.DOTALL)


def displayed(text: str) -> str:
    """What a bidi renderer shows for our overrides: each RLO…PDF run is laid out right-to-left."""
    return _OVERRIDE.sub(lambda m: "".join(reversed(graphemes(m.group(1)))), text)


@pytest.mark.parametrize("kw", [{}, {"granularity": "word"}, {"granularity": "word", "split_word": True}])
def test_bidi_displays_unchanged(kw):
    text = "Hello wörld, cafe\u0301!\nSecond line @user https://ex.com 👍🏽"
    out = T.replace_bidirectional(text, **kw)
    assert out != text and RLO in out and out.count(RLO) == out.count(PDF)
    assert displayed(out) == text
    assert "@user" in out and "https://ex.com" in out and out.count("\n") == 1


def test_fun_fonts_builtin_tables():
    fonts = builtin_fun_fonts()
    assert len(fonts) == len(FUN_FONT_NAMES) == 21
    for f in fonts:
        assert len(f["map"]) >= 26, f["name"]
        if f["name"] in ("squared", "negative_circled", "negative_squared"):
            continue
        for src, dst in f["map"].items():
            base = unicodedata.normalize("NFKC", dst.replace("\u0336", "").replace("\u0332", "").replace("\u0338", ""))
            assert base == src, (f["name"], src, dst)


def test_fun_fonts_granularities():
    text = "Hello world, again!"
    out = T.replace_fun_fonts(text, seed=2)
    assert out != text and out.endswith("!") and ", " in out
    tracker = Tracker()
    T.replace_fun_fonts(text, granularity="word", aug_p=0.5, seed=1, metadata=tracker)
    assert len(tracker[0]["info"]["edits"][0]) == 2
    tracker = Tracker()
    out = T.replace_fun_fonts(text, granularity="char", aug_p=0.2, seed=1, metadata=tracker, vary_fonts=True)
    edits = tracker[0]["info"]["edits"][0]
    # character edits are merged per word: one record per touched word, ceil(0.2 * 15) = 3 letters restyled
    assert all(e["old"] in ("Hello", "world", "again") for e in edits)
    changed = sum(a != b for e in edits for a, b in zip(graphemes(e["old"]), graphemes(e["new"])))
    assert 1 <= changed <= 3 and out.endswith("!")  # some fonts (squared) have capitals only
    assert tracker[0]["intensity"] == 20.0


def test_upside_down_round_trip():
    table = asset_json("upside_down.json")
    inverse: dict[str, str] = {}
    for k, v in table.items():
        inverse.setdefault(v, k)
    text = "hello world\nsecond line"
    out = T.replace_upside_down(text)
    assert out.count("\n") == 1 and out != text
    back = "\n".join("".join(inverse.get(c, c) for c in reversed(line)) for line in out.split("\n"))
    assert back == text
    w = T.replace_upside_down("abc def", granularity="word", aug_p=1.0, seed=0)
    assert w == " ".join("".join(table[c] for c in reversed(x)) for x in ("abc", "def"))
    c = T.replace_upside_down("abcdef", granularity="char", aug_p=0.5, seed=0)
    assert len(c) == 6 and sum(a != b for a, b in zip(c, "abcdef")) == 3


def test_similar_chars_and_homoglyphs():
    ascii_table = asset_json("ascii_lookalikes.json")
    tracker = Tracker()
    T.replace_similar_chars("Password security", aug_word_p=1.0, aug_char_p=0.5, seed=1, metadata=tracker)
    for ed in tracker[0]["info"]["edits"][0]:
        assert ed["new"] != ed["old"] and ed["new"].isascii()
    tracker = Tracker()
    out = T.replace_similar_unicode_chars("Password security", aug_word_p=1.0, aug_char_p=1.0, seed=1,
                                          metadata=tracker)
    assert not out.isascii() and len(out) == len("Password security")
    homo = asset_json("homoglyphs.json")
    tracker = Tracker()
    out = T.replace_homoglyphs("Call 0800 now", aug_p=1.0, seed=3, metadata=tracker)
    edits = tracker[0]["info"]["edits"][0]
    assert [ed["old"] for ed in edits] == ["Call", "0800", "now"]  # one record per word
    pairs = [(a, b) for ed in edits for a, b in zip(ed["old"], graphemes(ed["new"]))]
    assert len(pairs) == 11 and all(b in homo[a] for a, b in pairs)
    assert out.count(" ") == 2
    assert ascii_table  # shipped table is loaded


def test_encode_text():
    text = "hello world\nbye"
    assert T.encode_text(text, 1, 10, 0.3, "all", "base64") == (
        base64.b64encode(b"hello world").decode() + "\n" + base64.b64encode(b"bye").decode())
    tracker = Tracker()
    T.encode_text(text, 1, 10, 1.0, "word", "base64", metadata=tracker, seed=0)
    for ed in tracker[0]["info"]["edits"][0]:
        assert base64.b64decode(ed["new"]).decode() == ed["old"]
    leet = T.encode_text("elite hacker", 1, 10, 1.0, "word", "leetspeak", seed=0)
    assert leet != "elite hacker" and " " in leet and "3" in leet
    assert tracker[0]["intensity"] == 100.0 and "p" not in tracker[0]["params"]
    # p is accepted (AugLy compatibility) and ignored; the class p is the application probability
    assert T.encode_text("abc", 1, 1, 1.0, "all", "base64", p=0.0) == "YWJj"
    assert T.EncodeTextTransform(aug_min=1, aug_max=1, aug_p=1.0, granularity="all", encoder="base64", p=0.0)("abc") == "abc"


def test_fun_fonts_all_records_stretches_and_equals_word_by_word(tmp_path):
    """granularity "all": one edit per stretch between protected tokens (spans= switch to word edits); the
    text is the word-by-word result, protected tokens stay, and a font mapping punctuation keeps word edits."""
    docs = ["HELLO WORLD, AGAIN!", "SEE https://ex.com/x AND @bob NOW", "CAFE\u0301 OK", "...", ""]
    tracker = Tracker()
    outs = T.replace_fun_fonts(docs, seed=3, metadata=tracker)
    edits = tracker[0]["info"]["edits"]
    assert [len(e) for e in edits] == [1, 3, 2, 0, 0]  # the combining-mark doc keeps one edit per word
    assert [e["old"] for e in edits[1]] == ["SEE ", " AND ", " NOW"]
    assert "https://ex.com/x" in outs[1] and "@bob" in outs[1] and outs[0].endswith(", " + outs[0][-6:])
    spans = [[(6, 11, "W")], [(25, 28, "W")], [], [], []]
    outs2, moved = T.replace_fun_fonts(docs, seed=3, spans=spans, return_spans=True, metadata=(tr2 := Tracker()))
    assert outs2 == outs  # same draws, same text
    assert all(len(e) > 1 for e in tr2[0]["info"]["edits"][:2])  # word-level records for span calls
    assert outs[0][moved[0][0][0]:moved[0][0][1]] == tr2[0]["info"]["edits"][0][1]["new"]  # the word "world"
    # a font that also maps punctuation: only words change, so the stretch path must not be taken
    p = tmp_path / "f.json"
    p.write_text('{"bang": {"!": "X", "a": "A"}}', encoding="utf-8")
    assert T.replace_fun_fonts("a! a!", fonts_path=str(p), seed=0) == "A! A!"


def test_whole_line_rewrites_keep_surrounding_whitespace():
    tracker = Tracker()
    out = T.replace_upside_down(["  abc d \t", "xy"], metadata=tracker)
    assert out[0].startswith("  ") and out[0].endswith(" \t") and out[1] == "ʎx"
    ed = tracker[0]["info"]["edits"][0][0]
    assert (ed["start"], ed["end"], ed["old"]) == (2, 7, "abc d")
    assert out[0][ed["new_start"]:ed["new_end"]] == ed["new"]
    assert displayed(T.replace_bidirectional(" a b ")) == " a b "


@pytest.mark.parametrize("split_word", [False, True])
def test_bidi_words_coarse_and_word_edits_agree(split_word):
    docs = ["Hello wörld, it's a test!", "  x yz  ", "mail @bob at https://ex.com now", "cafe\u0301 👍🏽 ok", ""]
    tracker = Tracker()
    coarse = T.replace_bidirectional(docs, granularity="word", split_word=split_word, metadata=tracker)
    fine = T.replace_bidirectional(docs, granularity="word", split_word=split_word, spans=[[] for _ in docs])
    assert coarse == fine and [displayed(t) for t in coarse] == docs
    first = tracker[0]["info"]["edits"][0]
    assert len(first) == 1 and first[0]["old"] == docs[0] and coarse[0] == first[0]["new"]
    assert "@bob" in coarse[2] and "https://ex.com" in coarse[2]
