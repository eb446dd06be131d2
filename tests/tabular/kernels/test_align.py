"""Column alignment: evidence, thresholds, ambiguity refusal, exact mode, overrides."""

from __future__ import annotations

from multiaug.tabular.kernels.align import align_columns, score_pair
from multiaug.tabular.kernels.evidence import compatible, profile_values, value_overlap


def prof(name, values, dtype="str"):
    return profile_values(name, values, dtype)


def test_value_overlap_raises_score_but_never_alone_past_threshold():
    a = prof("id", ["a1", "a2", "a3", "a4"])
    b = prof("customer_number", ["a1", "a2", "a3", "zz"])
    assert value_overlap(a, b) == 0.75
    p = score_pair(a, b)
    assert p.name < p.score < 0.8  # evidence helps, but a weak name alone does not pair


def test_incompatible_types_are_penalised():
    a = prof("signup", ["2020-01-01"])
    b = prof("signup", [1.5, 2.5], "float")
    ok, _ = compatible(a, b)
    assert not ok
    assert score_pair(a, b).score < 1.0


def test_ambiguous_pairing_is_refused():
    primary = [prof("MonthlyCharges", [1.0], "float"), prof("TotalCharges", [2.0], "float")]
    supplementary = [prof("charges", [3.0], "float")]
    al = align_columns(primary, supplementary, threshold=0.7)
    assert al.pairs == [] and al.ambiguous
    assert {c.primary for c in al.ambiguous[0][1]} == {"MonthlyCharges", "TotalCharges"}


def test_identical_name_beats_lookalike():
    primary = [prof("tenure", [1], "int")]
    supplementary = [prof("tenure_months", [1], "int"), prof("tenure", [1], "int")]
    al = align_columns(primary, supplementary)
    assert al.mapping() == {"tenure": "tenure"} and not al.ambiguous


def test_exact_only_and_overrides():
    primary = [prof("customerID", ["a"]), prof("Churn", ["Yes"])]
    supplementary = [prof("cust_id", ["a"]), prof("Churn", ["No"])]
    assert align_columns(primary, supplementary, exact_only=True).mapping() == {"Churn": "Churn"}
    al = align_columns(primary, supplementary, exact_only=True, overrides={"customerID": "cust_id"})
    assert al.mapping() == {"customerID": "cust_id", "Churn": "Churn"}
    assert al.pairs[0].how == "override"


def test_bool_like_columns_are_compatible():
    a = prof("Churn", ["Yes", "No", "Yes"])
    b = prof("churned", [1, 0, 1], "int")
    assert a.bool_like and b.bool_like and compatible(a, b) == (True, "bool")
