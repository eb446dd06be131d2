"""Category and boolean reconciliation."""

from __future__ import annotations

from multiaug.tabular.kernels.categories import boolean_changes, category_changes, category_form


def test_category_spellings_map_to_primary():
    changes = {c.source: (c.target, c.how) for c in category_changes(
        ["Fiber optic", "DSL", "No"], ["FIBER-OPTIC", "dsl", "No", "Fibre optic", "Satellite"])}
    assert changes["FIBER-OPTIC"] == ("Fiber optic", "normalised")
    assert changes["dsl"] == ("DSL", "normalised")
    assert changes["Fibre optic"][0] == "Fiber optic" and changes["Fibre optic"][1] == "fuzzy"
    assert "Satellite" not in changes and "No" not in changes  # new category kept, present value untouched
    assert category_form(" Month-to-Month ") == "monthtomonth"


def test_boolean_spellings():
    ch = {c.source: c.target for c in boolean_changes(["Yes", "No"], [1, 0])}
    assert ch == {1: "Yes", 0: "No"}
    ch = {c.source: c.target for c in boolean_changes([1, 0], ["yes", "NO"])}
    assert ch == {"yes": 1, "NO": 0}
    assert boolean_changes(["Yes", "No"], ["maybe"]) is None
    assert boolean_changes(["Yes", "Y", "No"], [1]) is None  # two primary spellings of True: not guessed
