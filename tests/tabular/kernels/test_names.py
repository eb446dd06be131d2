"""Column-name normalisation: real-world spellings of one attribute normalise to the same tokens."""

from __future__ import annotations

import pytest

from multiaug.tabular.kernels.align import align_columns
from multiaug.tabular.kernels.evidence import profile_values
from multiaug.tabular.kernels.names import name_similarity, name_tokens, normalise_name

# (variant, canonical) — camel, Pascal, snake, kebab, spaced, dotted, upper, abbreviated, accented, other scripts
VARIANTS = [
    ("customerID", "customer_id"), ("customer_id", "customer_id"), ("Customer ID", "customer_id"),
    ("CustID", "customer_id"), ("CUSTOMER_ID", "customer_id"), ("customer-id", "customer_id"),
    ("Customer.Id", "customer_id"), ("CustomerId", "customer_id"), ("cust_id", "customer_id"),
    ("custid", "customer_id"), ("Cust. No.", "customer_number"), ("cust_no", "customer_number"),
    ("MonthlyCharges", "monthly_charges"), ("monthly_charges", "monthly_charges"),
    ("Mthly Chrgs", "monthly_charges"), ("mthly_charges", "monthly_charges"), ("TotalCharges", "total_charges"),
    ("tot_charges", "total_charges"), ("SeniorCitizen", "senior_citizen"), ("senior_citizen", "senior_citizen"),
    ("PaymentMethod", "payment_method"), ("pymt_method", "payment_method"), ("InternetService", "internet_service"),
    ("internet_svc", "internet_service"), ("phoneNumber", "phone_number"), ("Tel. No", "phone_number"),
    ("Téléphone", "phone"), ("STRASSE", "strasse"), ("Straße", "strasse"), ("NÚMERO CLIENTE", "numero_cliente"),
    ("número_cliente", "numero_cliente"), ("KundenNr", "kunden_number"), ("Kunden-Nr.", "kunden_number"),
    ("XMLHttpRequestID", "xml_http_request_id"), ("ИмяКлиента", "имяклиента"), ("имяклиента", "имяклиента"),
]


@pytest.mark.parametrize("name,canonical", VARIANTS)
def test_variants_normalise(name, canonical):
    assert normalise_name(name) == canonical


def test_at_least_twenty_variants():
    assert len(VARIANTS) >= 20 and len({c for _, c in VARIANTS}) >= 10


@pytest.mark.parametrize("a,b", [("customerID", "CustID"), ("Customer ID", "customer_id"),
                                 ("MonthlyCharges", "Mthly Chrgs"), ("Straße", "STRASSE")])
def test_same_attribute_scores_one(a, b):
    assert name_similarity(a, b) == 1.0


@pytest.mark.parametrize("a,b", [("customerID", "gender"), ("MonthlyCharges", "tenure"), ("Churn", "Contract")])
def test_different_attributes_score_low(a, b):
    assert name_similarity(a, b) < 0.6


def test_subset_is_evidence_not_identity():
    assert name_similarity("id", "customer_id") <= 0.8
    assert name_tokens("tenure") != name_tokens("Tenure (months)")


def test_alignment_over_variant_tables():
    """A primary with Telco names and a supplementary with 11 differently spelled names pair up exactly."""
    primary = ["customerID", "gender", "SeniorCitizen", "tenure", "Contract", "InternetService", "PaymentMethod",
               "MonthlyCharges", "TotalCharges", "Churn", "phoneNumber"]
    supplementary = ["Cust. ID", "Gender", "senior_citizen", "TENURE", "contract_type", "internet_svc",
                     "pymt_method", "mthly_chrgs", "tot_charges", "churned", "Tel. No"]
    prof = lambda names: [profile_values(n, [], "str") for n in names]  # noqa: E731
    al = align_columns(prof(primary), prof(supplementary), threshold=0.8)
    assert al.mapping() == dict(zip(primary, supplementary))
    assert not al.ambiguous
