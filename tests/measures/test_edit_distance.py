"""Levenshtein: the bit-parallel algorithm against the textbook dynamic programme."""

from __future__ import annotations

import random

from multiaug.measures.edit_distance import levenshtein, normalized_edit_distance


def _dp(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_levenshtein_matches_dynamic_programming():
    r = random.Random(1)
    for _ in range(800):
        a = "".join(r.choice("abcé\u200b") for _ in range(r.randint(0, 70)))
        b = "".join(r.choice("abcé\u200b") for _ in range(r.randint(0, 70)))
        assert levenshtein(a, b) == _dp(a, b), (a, b)


def test_levenshtein_known_values_and_early_exit():
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3 and levenshtein("abc", "") == 3 and levenshtein("same", "same") == 0
    long_a = "x" * 3000
    assert levenshtein(long_a, "y" + long_a[1:]) == 1
    assert levenshtein("a" * 50, "a" * 10, max_distance=5) == 6


def test_normalized_edit_distance():
    assert normalized_edit_distance("", "") == 0.0
    assert normalized_edit_distance("abcd", "abcx") == 0.25
    assert normalized_edit_distance("ab", "abcd") == 0.5
