"""multiaug.tabular.merge: join semantics, exact vs fuzzy, overlap policy, determinism, replay."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import multiaug.tabular as tab
from multiaug.core.errors import InvalidParameterError, ReplayError


def test_how_primary_keeps_every_primary_row(crm):
    primary, supp = crm
    res = tab.merge(primary, supp, on="customerID", how="primary")
    f = res.frame
    # C3 matches two supplementary rows: a left join repeats it (reported), every other primary row once
    assert f["customerID"].tolist() == ["C1", "C2", "C3", "C3", "C4", "C5"]
    assert res.report["rows"]["kept_primary"] == 5 and res.report["rows"]["unmatched_primary"] == 2
    assert res.report["rows"]["primary_rows_with_several_matches"] == 1
    assert res.report["rows"]["extra_rows_from_several_matches"] == 1
    assert res.report["rows"]["supplementary_unused"] == 1  # C9
    assert f["phone"].tolist()[:4] == [None, "555-0102", "555-0103", "555-0133"] or pd.isna(f["phone"][0])
    assert list(f.columns) == ["customerID", "tenure", "Contract", "Churn", "phone"]


def test_how_both_keeps_only_matched_rows(crm):
    primary, supp = crm
    res = tab.merge(primary, supp, on="customerID", how="both")
    assert res.frame["customerID"].tolist() == ["C2", "C3", "C3", "C5"]
    assert res.report["rows"]["dropped_primary"] == 2


def test_fuzzy_columns_pair_and_reconcile(crm):
    primary, supp = crm
    res = tab.merge(primary, supp, on="customerID")
    pairs = {p["primary"]: p["supplementary"] for p in res.report["columns"]["pairs"]}
    assert pairs == {"customerID": "Cust ID", "Contract": "contract_type", "Churn": "churned"}
    changes = res.report["value_changes"]
    assert {c["from"]: c["to"] for c in changes["Churn"]} == {0: "No", 1: "Yes"}
    assert {c["from"]: c["to"] for c in changes["Contract"]}["TWO YEAR"] == "Two year"
    # C5: primary "One year" vs supplementary "Two year" → one conflict; primary value kept by default
    assert res.report["conflicts"]["Contract"] == 1
    assert res.frame.loc[res.frame.customerID == "C5", "Contract"].item() == "One year"


def test_exact_match_only_pairs_identical_names(crm):
    primary, supp = crm
    with pytest.raises(InvalidParameterError, match="no supplementary column pairs with the key 'customerID'"):
        tab.merge(primary, supp, on="customerID", match="exact")
    res = tab.merge(primary, supp, on="customerID", match="exact", columns={"customerID": "Cust ID"})
    # nothing else is paired: the supplementary columns are added under their own names
    assert {"contract_type", "churned", "phone"} <= set(res.frame.columns)
    assert res.report["conflicts"] == {}


@pytest.mark.parametrize("prefer,expected", [("primary", "One year"), ("supplementary", "Two year"),
                                             ("coalesce", "One year")])
def test_prefer_policy(crm, prefer, expected):
    primary, supp = crm
    f = tab.merge(primary, supp, on="customerID", prefer=prefer).frame
    assert f.loc[f.customerID == "C5", "Contract"].item() == expected


def test_coalesce_fills_missing_primary_values(crm):
    primary, supp = crm
    primary = primary.assign(Contract=[None, None, "Month-to-month", "Two year", "One year"])
    f = tab.merge(primary, supp, on="customerID", prefer="coalesce").frame
    assert f.loc[f.customerID == "C2", "Contract"].item() == "One year"  # filled, spelled like the primary
    assert pd.isna(f.loc[f.customerID == "C1", "Contract"].item())


def test_inputs_not_modified_and_deterministic(crm):
    primary, supp = crm
    p0, s0 = primary.copy(), supp.copy()
    a = tab.merge(primary, supp, on="customerID", key_match="fuzzy")
    b = tab.merge(primary, supp, on="customerID", key_match="fuzzy")
    pd.testing.assert_frame_equal(primary, p0)
    pd.testing.assert_frame_equal(supp, s0)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert json.dumps(a.report, sort_keys=True) == json.dumps(b.report, sort_keys=True)


def test_fuzzy_keys_join_company_names():
    primary = pd.DataFrame({"company": ["ACME Corp.", "Globex Inc", "Initech", "Hooli"], "deals": [3, 1, 4, 1]})
    supp = pd.DataFrame({"Company Name": ["Acme Corporation", "GLOBEX INCORPORATED", "Inittech", "Umbrella"],
                         "employees": [100, 250, 40, 9]})
    with pytest.raises(InvalidParameterError):
        tab.merge(primary, supp, on="company", key_match="exact", threshold=0.99)
    res = tab.merge(primary, supp, on="company", key_match="fuzzy", columns={"company": "Company Name"})
    f = res.frame
    assert f["employees"].tolist()[:3] == [100, 250, 40] and pd.isna(f["employees"][3])
    assert f["company_matched"].tolist()[:3] == ["Acme Corporation", "GLOBEX INCORPORATED", "Inittech"]
    assert f["company_match_score"].tolist()[0] == 100.0 and f["company_match_score"][2] < 100
    assert res.report["keys"]["by_how"] == {"normalised": 2, "fuzzy": 1}


def test_append_aligns_tags_and_drops_duplicates(crm):
    primary, _ = crm
    more = pd.DataFrame({"cust_id": ["C4", "C7"], "TENURE": [60, 3], "contract_type": ["TWO YEAR", "one year"],
                         "churned": [0, 1]})
    res = tab.merge(primary, more, how="append", source_names=("APAC", "MENA"))
    f = res.frame
    assert len(f) == 6 and res.report["rows"]["duplicates_dropped"] == 1  # C4 is the same record
    assert f["source"].tolist() == ["APAC"] * 5 + ["MENA"]
    assert f.iloc[-1].to_dict() == {"customerID": "C7", "tenure": 3, "Contract": "One year", "Churn": "Yes",
                                    "source": "MENA"}


def test_replay_reproduces_and_detects_changed_inputs(crm, tmp_path):
    primary, supp = crm
    res = tab.merge(primary, supp, on="customerID", key_match="fuzzy", report=tmp_path / "r.json")
    again = tab.replay_merge(tmp_path / "r.json", primary, supp)
    pd.testing.assert_frame_equal(again.frame, res.frame)
    with pytest.raises(ReplayError, match="primary input differs"):
        tab.replay_merge(res.report, primary.assign(tenure=0), supp)


def test_leakage_warning(crm):
    primary, supp = crm
    test = primary.iloc[[1]]  # C2 is in the test split and in the supplementary table
    with pytest.warns(tab.LeakageWarning, match="1 supplementary rows share a key"):
        res = tab.merge(primary.drop(index=1), supp, on="customerID", test=test)
    assert res.report["leakage"]["keys_in_test"] == 1


def test_polars_input_without_importing_polars_in_multiaug(crm):
    pl = pytest.importorskip("polars")
    primary, supp = crm
    res = tab.merge(pl.DataFrame(primary.to_dict("list")), supp, on="customerID")
    pd.testing.assert_frame_equal(res.frame, tab.merge(primary, supp, on="customerID").frame)
