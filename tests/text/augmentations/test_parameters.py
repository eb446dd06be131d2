"""The text declarations' shared parts: parameter docs written once (``shared_docs``), randomness drawn before the
body (every random text declaration has ``draw=``), reserved arguments documented by the modality, and the plan
recorded in ``drawn`` by its size only."""

from __future__ import annotations

import json

import pytest

import multiaug.text as T
from multiaug.core import Tracker
from multiaug.core.registry import entries
from multiaug.core.spec import parse_docstring_args
from multiaug.text.augmentations.parameters import SHARED_DOCS, shared_docs

TEXT_ENTRIES = entries("text")


def test_shared_docs_fill_in_signature_order_and_keep_own_words():
    @shared_docs
    def f(texts, aug_word_p=0.3, mode="a", aug_word_max=10, *, protect=None):
        """Summary.

        Args:
            mode: own words for mode,
                on two lines.
            aug_word_p: own words win.
        """

    args = parse_docstring_args(f.__doc__)
    assert list(args) == ["aug_word_p", "mode", "aug_word_max", "protect"]
    assert args["aug_word_p"] == "own words win." and args["mode"] == "own words for mode, on two lines."
    assert args["aug_word_max"] == SHARED_DOCS["aug_word_max"] and args["protect"] == SHARED_DOCS["protect"]

    @shared_docs
    def g(texts, n=1):
        """Summary only."""

    assert parse_docstring_args(g.__doc__) == {"n": SHARED_DOCS["n"]}


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.name)
def test_declarations_document_only_their_own_parameters(entry):
    own = parse_docstring_args(entry.func.__doc__)
    assert not {"texts", "metadata", "seed"} & set(own), f"{entry.name} pastes reserved docs"
    assert set(own) <= set(entry.signature.parameters)
    doc = entry.public.__doc__
    assert doc.count("metadata:") == 1 and doc.count("protect:") == ("protect" in own)


@pytest.mark.parametrize("entry", [e for e in TEXT_ENTRIES if e.random], ids=lambda e: e.name)
def test_random_declarations_draw_their_plan_before_the_body(entry):
    assert entry.draw is not None and not entry.body_takes_seed
    tr = Tracker()
    docs = ["The quick brown fox is here, he is fast.", "", "Ünïcode wörds and more words"]
    out = getattr(T, entry.name)(docs, seed=3, metadata=tr, **entry.example_params())
    rec = tr[0]
    assert rec["drawn"] == {"plan": {"planned_edits": rec["drawn"]["plan"]["planned_edits"]}}
    planned = rec["drawn"]["plan"]["planned_edits"]
    assert len(planned) == 3 and planned[1] == 0
    # the applied edits are at most the planned ones (an edit that changes nothing is not recorded)
    assert all(len(applied) <= n for applied, n in zip(rec["info"]["edits"], planned))
    assert json.loads(json.dumps(rec))["drawn"] == rec["drawn"] and len(out) == 3
