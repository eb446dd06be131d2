"""Hypothesis strategy shared by the splice and spans tests: a document of words and separators with random
edits on its words."""

from __future__ import annotations

from hypothesis import strategies as st

_WORDS = st.sampled_from(["cat", "Dog", "naïve", "e\u0301t\u00e9", "Привет", "مرحبا", "漢字", "don't", "x1"])
_SEPS = st.sampled_from([" ", "  ", "\t", "\n", ", ", " 👍🏽 ", " — ", "\r\n"])


@st.composite
def doc_with_edits(draw):
    n = draw(st.integers(1, 8))
    words = [draw(_WORDS) for _ in range(n)]
    seps = [draw(_SEPS) for _ in range(n + 1)]
    text, spans = seps[0], []
    for w, s in zip(words, seps[1:]):
        spans.append((len(text), len(text) + len(w)))
        text += w + s
    edits = []
    for a, b in spans:
        kind = draw(st.sampled_from(["keep", "keep", "replace", "delete", "insert_before", "insert_after"]))
        if kind == "replace":
            edits.append((a, b, draw(st.text(min_size=1, max_size=5)), "rep"))
        elif kind == "delete":
            edits.append((a, b, "", "del"))
        elif kind == "insert_before":
            edits.append((a, a, draw(st.text(min_size=1, max_size=3)), "ins"))
        elif kind == "insert_after":
            edits.append((b, b, draw(st.text(min_size=1, max_size=3)), "ins"))
    i = draw(st.integers(0, n - 1))
    j = draw(st.integers(i, n - 1))
    return text, spans, edits, (i, j)
