"""engine/graphemes.py: grapheme clusters."""

from __future__ import annotations

import pytest

from multiaug.text.engine.graphemes import grapheme_bounds, graphemes


@pytest.mark.parametrize("text, clusters", [
    ("cafe\u0301", ["c", "a", "f", "e\u0301"]),
    ("👨\u200d👩\u200d👧!", ["👨\u200d👩\u200d👧", "!"]),
    ("🇫🇷🇩🇪🇮", ["🇫🇷", "🇩🇪", "🇮"]),
    ("👍🏽a", ["👍🏽", "a"]),
    ("1\ufe0f\u20e3x", ["1\ufe0f\u20e3", "x"]),
    ("a\r\nb", ["a", "\r\n", "b"]),
    ("\u1100\u1161\u11a8", ["\u1100\u1161\u11a8"]),
    ("a\u200db", ["a\u200d", "b"]),  # ZWJ joins only pictographs
    ("❤️🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", ["❤️", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"]),
])
def test_graphemes(text, clusters):
    assert graphemes(text) == clusters
    assert "".join(graphemes(text)) == text


def test_grapheme_bounds_ascii_fast_path_matches():
    for text in ["abc", "a\r\nb", "", "x y\tz"]:
        slow = [0]
        pos = 0
        for g in graphemes(text):
            pos += len(g)
            slow.append(pos)
        assert grapheme_bounds(text) == (slow if text else [0])
