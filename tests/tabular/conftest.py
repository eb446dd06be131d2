from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def crm():
    """A primary customer table and a supplementary CRM export with other column names and spellings."""
    primary = pd.DataFrame({
        "customerID": ["C1", "C2", "C3", "C4", "C5"],
        "tenure": [1, 24, 5, 60, 12],
        "Contract": ["Month-to-month", "One year", "Month-to-month", "Two year", "One year"],
        "Churn": ["Yes", "No", "Yes", "No", "No"],
    })
    supplementary = pd.DataFrame({
        "Cust ID": ["C2", "C3", "C3", "C9", "C5"],
        "contract_type": ["one year", "Month to month", "month-to-month", "TWO YEAR", "Two year"],
        "phone": ["555-0102", "555-0103", "555-0133", "555-0109", None],
        "churned": [0, 1, 1, 0, 0],
    })
    return primary, supplementary
