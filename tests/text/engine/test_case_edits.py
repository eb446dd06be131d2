"""multiaug/text/engine/case_edits.py: the case planner (units, cadence, the ASCII whole-document path)."""

from __future__ import annotations

import numpy as np
import pytest

from multiaug.text.engine.case_edits import _stepped, plan_case_changes
from multiaug.text.engine.draws import Draws
from multiaug.text.engine.splice import apply_plan


def _run(texts, granularity, cadence, case, fine=False, seed=0):
    plan = plan_case_changes(texts, granularity, cadence, case, None, Draws(np.random.default_rng(seed)), fine)
    return apply_plan(texts, plan).media


def test_word_and_char_cadence():
    assert _run(["one two three four"], "word", 2.0, "upper") == ["ONE two THREE four"]
    assert _run(["abcd efgh"], "char", 3.0, "upper") == ["AbcD efGh"]  # characters counted across words
    assert _run(["don't STOP"], "word", 1.0, "title") == ["Don't Stop"]
    assert _stepped(5, 1.5) == [0, 1, 3, 4]


@pytest.mark.parametrize("text", ["Hello, World 42!", "see https://x.co/AbC now", "café Ünïcode"])
def test_whole_document_path_equals_word_edits(text):
    """The coarse ASCII path (one edit per document) gives the text of the word-by-word path, same draws."""
    for case in ("upper", "lower", "random"):
        assert _run([text], "all", 1.0, case, fine=False, seed=5) == _run([text], "all", 1.0, case, fine=True, seed=5)
    assert "https://x.co/AbC" in _run(["see https://x.co/AbC now"], "all", 1.0, "upper")[0]
