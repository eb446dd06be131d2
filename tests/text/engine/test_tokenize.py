"""engine/tokenize.py: words and protected tokens with exact offsets."""

from __future__ import annotations

from multiaug.text.engine.tokenize import line_segments, tokenize, word_units


def test_tokenize_words_and_protected():
    text = "Hi @bob, see https://ex.com/a?b=1. #tag don't e-mail me@x.org café\u0301!"
    doc = tokenize(text)
    words = [text[s:e] for s, e in doc.words]
    assert words == ["Hi", "see", "don't", "e", "mail", "café\u0301"]
    prot = [text[s:e] for s, e in doc.protected]
    assert prot == ["@bob", "https://ex.com/a?b=1", "#tag", "me@x.org"]
    doc2 = tokenize(text, protect=r"don't|mail")
    assert [text[s:e] for s, e in doc2.words] == ["Hi", "see", "e", "café\u0301"]


def test_protected_tokens_never_cut_a_cluster():
    # "@e" + combining acute: the mention regex stops before the mark; the token is widened over it
    assert tokenize("@e\u0301 x").protected == [(0, 3)]
    assert tokenize("see #tag\u0301s now", protect=r"now").protected == [(4, 10), (11, 14)]


def test_word_units_are_the_graphemes_inside_words():
    text = "ab, e\u0301!"
    assert [text[s:e] for s, e in word_units(tokenize(text))] == ["a", "b", "e\u0301"]


def test_line_segments_stop_at_breaks_and_protected_tokens_and_are_trimmed():
    text = "  one two \n three @bob four  "
    assert [text[s:e] for s, e in line_segments(tokenize(text))] == ["one two", "three", "four"]
    assert line_segments(tokenize("   ")) == []
