"""Write the churn sample tables to assets/datasets/churn/ (deterministic: same bytes on every run).

Two regional exports of one telecom's customer table, as two teams would keep them:

* ``apac.csv`` — Telco-style names (``customerID``, ``MonthlyCharges``, ``Churn`` = Yes/No, ...).
* ``mena.csv`` — other names for the same attributes (``cust_id``, ``mthly_charges``, ``churned`` = 1/0, ...),
  categories spelled differently (``month to month``, ``FIBER-OPTIC``, ``female``), ``total_charges`` stored as
  text with blanks for new customers, one extra attribute (``support_calls``), and 120 customers also present in
  APAC (80 of them with identical records, so appending drops them as duplicates).

Churn follows the same (synthetic) rule in both regions: short tenure, month-to-month contracts, fibre internet,
electronic cheques, high charges and many support calls raise the churn probability.

Run: python scripts/build_churn_dataset.py
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "datasets" / "churn"
SEED = 20240611
N_APAC, N_MENA, N_SHARED, N_IDENTICAL = 1000, 1500, 120, 80

CONTRACTS = ["Month-to-month", "One year", "Two year"]
INTERNET = ["DSL", "Fiber optic", "No"]
PAYMENT = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"]
MENA_SPELLING = {
    "Month-to-month": "month to month", "One year": "one_year", "Two year": "TWO YEAR",
    "DSL": "dsl", "Fiber optic": "FIBER-OPTIC", "No": "no",
    "Electronic check": "electronic check", "Mailed check": "Mailed Check",
    "Bank transfer (automatic)": "bank transfer (automatic)", "Credit card (automatic)": "credit card (automatic)",
    "Male": "male", "Female": "female",
}


def customer(rng: np.random.Generator, cid: str) -> dict:
    contract = CONTRACTS[rng.choice(3, p=[0.55, 0.25, 0.20])]
    internet = INTERNET[rng.choice(3, p=[0.35, 0.45, 0.20])]
    tenure = int(rng.integers(0, 73)) if contract == "Month-to-month" else int(rng.integers(6, 73))
    base = {"DSL": 45.0, "Fiber optic": 80.0, "No": 20.0}[internet]
    monthly = round(float(base + rng.normal(0, 8) + (10 if contract == "Month-to-month" else 0)), 2)
    payment = PAYMENT[rng.integers(0, 4)]
    senior = int(rng.random() < 0.16)
    partner = "Yes" if rng.random() < 0.48 else "No"
    calls = int(rng.poisson(1.0 + 2.0 * (internet == "Fiber optic") * rng.random()))
    m2m, fiber = contract == "Month-to-month", internet == "Fiber optic"
    z = (-1.2 + 1.6 * m2m - 1.6 * (contract == "Two year") + 1.0 * fiber + 0.9 * (payment == "Electronic check")
         - 0.06 * tenure + 0.02 * (monthly - 60) + 0.5 * senior + 0.25 * (calls - 1.5)
         + 2.0 * m2m * fiber * (tenure < 12) - 1.5 * (not m2m) * (partner == "Yes"))
    churn = bool(rng.random() < 1.0 / (1.0 + math.exp(-2.0 * z)))
    total = "" if tenure == 0 else f"{monthly * tenure + rng.normal(0, 5):.2f}"
    return {"id": cid, "gender": "Female" if rng.random() < 0.5 else "Male", "senior": senior, "partner": partner,
            "tenure": tenure, "contract": contract, "internet": internet, "payment": payment, "monthly": monthly,
            "total": total, "calls": calls, "churn": churn}


def apac_row(c: dict) -> list:
    return [c["id"], c["gender"], c["senior"], c["partner"], c["tenure"], c["contract"], c["internet"], c["payment"],
            f"{c['monthly']:.2f}", c["total"] or " ", "Yes" if c["churn"] else "No"]


APAC_HEADER = ["customerID", "gender", "SeniorCitizen", "Partner", "tenure", "Contract", "InternetService",
               "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn"]
MENA_HEADER = ["cust_id", "Gender", "senior_citizen", "partner", "Tenure", "contract_type", "internet_svc",
               "pymt_method", "mthly_charges", "total_charges", "support_calls", "churned"]


def mena_row(c: dict) -> list:
    return [c["id"], MENA_SPELLING[c["gender"]], "Yes" if c["senior"] else "No", c["partner"], c["tenure"],
            MENA_SPELLING[c["contract"]], MENA_SPELLING[c["internet"]], MENA_SPELLING[c["payment"]],
            f"{c['monthly']:.2f}", c["total"], c["calls"], int(c["churn"])]


def build() -> dict[str, Path]:
    rng = np.random.default_rng(SEED)
    apac = [customer(rng, f"{rng.integers(1000, 9999)}-{''.join(rng.choice(list('ABCDEFGHJKLMNPQRSTUVWXYZ'), 5))}")
            for _ in range(N_APAC)]
    mena = [customer(rng, f"M{i:05d}") for i in range(N_MENA - N_SHARED)]
    shared = []
    for k, c in enumerate(apac[:N_SHARED]):
        twin = dict(c)
        if k >= N_IDENTICAL:  # the MENA team's copy is more recent: tenure and charges moved on
            twin["tenure"] = c["tenure"] + 3
            twin["monthly"] = round(c["monthly"] + 5.0, 2)
        shared.append(twin)
    order = rng.permutation(N_MENA)
    mena_all = [(mena + shared)[i] for i in order]
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {"apac": OUT / "apac.csv", "mena": OUT / "mena.csv"}
    for path, header, rows in ((paths["apac"], APAC_HEADER, [apac_row(c) for c in apac]),
                               (paths["mena"], MENA_HEADER, [mena_row(c) for c in mena_all])):
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return paths


if __name__ == "__main__":
    for name, path in build().items():
        print(f"{name}: {path} ({path.stat().st_size} bytes)")
