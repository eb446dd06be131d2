"""Bad input → a clear, typed error, and never a partial output file."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import multiaug.tabular as tab
from multiaug.core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError


def _no_output(folder):
    return [f for f in os.listdir(folder) if not f.startswith("in_")] == []


def test_missing_key_column(crm, tmp_path):
    primary, supp = crm
    with pytest.raises(InvalidParameterError, match="key column 'account' is not a column of the primary"):
        tab.merge(primary, supp, on="account", out=tmp_path / "o.csv")
    assert _no_output(tmp_path)


def test_no_pairing_above_threshold(crm, tmp_path):
    primary, supp = crm
    supp = supp.rename(columns={"Cust ID": "zzz"})
    with pytest.raises(InvalidParameterError, match="no supplementary column pairs with the key"):
        tab.merge(primary, supp, on="customerID", out=tmp_path / "o.csv", report=tmp_path / "r.json")
    assert _no_output(tmp_path)


def test_ambiguous_columns_refused():
    primary = pd.DataFrame({"id": [1, 2], "MonthlyCharges": [1.0, 2.0], "TotalCharges": [3.0, 4.0]})
    supp = pd.DataFrame({"id": [1], "charges": [9.0]})
    with pytest.raises(InvalidParameterError, match="ambiguous.*'charges'"):
        tab.merge(primary, supp, on="id", threshold=0.7)
    res = tab.merge(primary, supp, on="id", threshold=0.7, columns={"TotalCharges": "charges"})
    assert res.report["conflicts"] == {"TotalCharges": 1}


def test_mixed_encodings(tmp_path):
    (tmp_path / "in_p.csv").write_bytes("id,name\n1,café\n2,crème\n".encode())
    (tmp_path / "in_s.csv").write_bytes(b"id,city\n1,K\xc3\xb6ln\n2,M\xfcnchen\n")  # UTF-8 then Latin-1
    with pytest.raises(MediaReadError, match="in_s.csv.*(not valid UTF-8|encoding)"):
        tab.merge(tmp_path / "in_p.csv", tmp_path / "in_s.csv", on="id", out=tmp_path / "o.csv")
    assert _no_output(tmp_path)


@pytest.mark.parametrize("name,data", [("in_s.parquet", b"PAR1 this is not parquet"),
                                       ("in_s.xlsx", b"PK\x03\x04 broken zip"),
                                       ("in_s.jsonl", b'{"id": 1}\n{"id": \n')])
def test_corrupt_file(tmp_path, name, data, crm):
    primary, _ = crm
    (tmp_path / name).write_bytes(data)
    for engine in ("pandas", "duckdb"):
        with pytest.raises(MediaReadError, match=name):
            tab.merge(primary, tmp_path / name, on="customerID", engine=engine, out=tmp_path / "o.parquet")
    assert _no_output(tmp_path)


def test_failure_during_write_leaves_no_partial_file(crm, tmp_path, monkeypatch):
    primary, supp = crm
    from multiaug.tabular import modality

    def boom(con, sql, tmp, fmt):
        with open(tmp, "w") as fh:
            fh.write("half a fi")
        raise OSError("disk full")

    monkeypatch.setattr(modality, "copy_query", boom)
    with pytest.raises(OSError, match="disk full"):
        tab.merge(primary, supp, on="customerID", out=tmp_path / "o.csv")
    assert os.listdir(tmp_path) == []


def test_unwritable_output_refused_before_work(crm, tmp_path):
    primary, supp = crm
    with pytest.raises(UnsupportedInputError, match="cannot tell the table format"):
        tab.merge(primary, supp, on="customerID", out=tmp_path / "o.weird")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(InvalidParameterError, match="is a folder"):
        tab.merge(primary, supp, on="customerID", out=tmp_path / "dir.csv")
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(InvalidParameterError, match="permission denied"):
            tab.merge(primary, supp, on="customerID", out=ro / "o.csv")


@pytest.mark.parametrize("kwargs,arg", [({"how": "left"}, "how"), ({"match": "loose"}, "match"),
                                        ({"prefer": "mine"}, "prefer"), ({"threshold": 2}, "threshold"),
                                        ({"key_threshold": -1}, "key_threshold"), ({"engine": "spark"}, "engine")])
def test_bad_arguments(crm, kwargs, arg):
    primary, supp = crm
    with pytest.raises(InvalidParameterError) as info:
        tab.merge(primary, supp, on="customerID", **kwargs)
    assert info.value.argument == arg and arg in str(info.value)


def test_wrong_input_type(crm):
    with pytest.raises(UnsupportedInputError, match="must be a path, a pandas or polars DataFrame"):
        tab.merge([1, 2], crm[1], on="x")
