"""Every registered augmentation satisfies the generic contract (tests/contract.py).

Families whose test file ``tests/<modality>/augmentations/test_<family>.py`` runs ``contract_tests`` are checked
there; this file runs the contract for the others, and checks the catalogue as a whole.
"""

from __future__ import annotations

import json

import pytest

import multiaug
from multiaug.core.registry import entries

from .contract import CHECKS, covered_by_family_file

ENTRIES = entries()
UNCOVERED = [e for e in ENTRIES if not covered_by_family_file(e)]
CASES = [(e, c) for e in UNCOVERED for c in CHECKS]


def test_registry_is_populated():
    mods = {e.modality.name for e in ENTRIES}
    assert mods == {"image", "text", "audio", "tabular"}


@pytest.mark.parametrize(("entry", "check"), CASES,
                         ids=[f"{e.modality.name}.{e.name}-{c.__name__.removeprefix('check_')}" for e, c in CASES])
def test_contract_of_entries_without_a_family_test_file(entry, check):
    check(entry)


def test_catalogue_is_json():
    cat = multiaug.catalogue()
    text = json.dumps(cat)
    assert len(json.loads(text)) == len(ENTRIES)
    for row in cat:
        assert row["intensity_rule"] and row["modality"] in ("image", "text", "audio", "tabular")
