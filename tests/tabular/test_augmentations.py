"""Synthetic rows for balance: counts, tags, records, split safety, replay."""

from __future__ import annotations

import pandas as pd
import pytest

import multiaug.tabular as tab
from multiaug.core import Tracker
from multiaug.core.errors import InvalidParameterError

from ..helpers import sample_table

FUNCS = [tab.smote, tab.jitter, tab.category_swap]


@pytest.mark.parametrize("func", FUNCS)
def test_balances_and_tags(func):
    table = sample_table()
    tracker = Tracker()
    out = func(table, label="label", seed=3, metadata=tracker)
    assert out["label"].value_counts().to_dict() == {"no": 30, "yes": 30}
    assert out["synthetic"].tolist() == [False] * 40 + [True] * 20
    pd.testing.assert_frame_equal(out.iloc[:40].drop(columns="synthetic"), table)
    assert out["customer_id"].iloc[40:].isna().all()  # identifiers are not invented
    assert tracker[0]["info"]["added_per_class"] == {"yes": 20}
    assert tracker[0]["dst_rows"] == 60 and tracker[0]["intensity"] == pytest.approx(100 * 20 / 60)
    assert list(out.dtypes)[:6] == list(table.dtypes)


@pytest.mark.parametrize("func", FUNCS)
def test_test_split_never_used(func):
    table = sample_table(rows=60, minority=16).assign(split=["train", "test"] * 30)
    tracker = Tracker()
    out = func(table, label="label", split_column="split", seed=1, metadata=tracker)
    new = out[out["synthetic"]]
    assert (new["split"] == "train").all()
    parents = tracker[0]["info"].get("parents")
    if parents is not None:
        assert all(table["split"].iloc[p] == "train" for p in parents)
    if func is tab.smote:  # SMOTE rows lie between training minority rows only
        train_yes = table[(table.split == "train") & (table.label == "yes")]
        assert new["tenure"].between(train_yes.tenure.min(), train_yes.tenure.max()).all()


def test_balance_to_and_jitter_scale():
    table = sample_table()
    out = tab.jitter(table, label="label", balance_to=50, scale=0.0, seed=0)
    assert out["label"].value_counts().to_dict() == {"no": 50, "yes": 50}
    new = out[out["synthetic"]]
    # scale 0: exact copies of real rows of the same class (numeric part)
    real = set(map(tuple, table[["tenure", "monthly_charges", "label"]].to_numpy().tolist()))
    assert set(map(tuple, new[["tenure", "monthly_charges", "label"]].to_numpy().tolist())) <= real


def test_smote_method_choice():
    t = sample_table()
    tr = Tracker()
    tab.smote(t[["tenure", "monthly_charges", "label"]], label="label", seed=0, metadata=tr)
    tab.smote(t, label="label", seed=0, metadata=tr)
    tab.smote(t[["contract", "paperless", "label"]], label="label", seed=0, metadata=tr)
    assert [r["info"]["method"] for r in tr] == ["smote", "smote-nc", "smote-n"]


def test_errors():
    t = sample_table()
    with pytest.raises(InvalidParameterError, match="'label'.*not in the table"):
        tab.smote(t, label="nope")
    with pytest.raises(InvalidParameterError, match="at least 2"):
        tab.smote(t.iloc[:31], label="label")
    with pytest.raises(InvalidParameterError, match="missing values"):
        tab.smote(t.assign(tenure=[None] + [1.0] * 39), label="label")
