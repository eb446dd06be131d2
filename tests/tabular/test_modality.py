"""One reader and one writer: every format round-trips to the same frame."""

from __future__ import annotations

import sqlite3

import duckdb
import pandas as pd
import pytest

import multiaug.tabular as tab
from multiaug.core.errors import InvalidParameterError, MediaReadError


@pytest.fixture
def frame():
    return pd.DataFrame({"id": [1, 2, 3], "name": ["Ann", "Bo", None], "score": [0.5, None, 2.25],
                         "flag": ["Yes", "No", "Yes"]})


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".xlsx"])
def test_write_read_roundtrip(frame, tmp_path, suffix):
    path = tmp_path / f"t{suffix}"
    tab.write_table(frame, path)
    back = tab.read_table(path)
    assert back["id"].tolist() == [1, 2, 3] and back["flag"].tolist() == ["Yes", "No", "Yes"]
    assert back["score"].tolist()[0] == 0.5 and pd.isna(back["score"][1])
    assert [f.name for f in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_databases(frame, tmp_path):
    db = tmp_path / "t.sqlite"
    con = sqlite3.connect(db)
    frame.to_sql("customers", con, index=False)
    con.close()
    assert tab.read_table(db, table="customers")["name"].tolist()[:2] == ["Ann", "Bo"]
    ddb = tmp_path / "t.duckdb"
    dcon = duckdb.connect(str(ddb))
    dcon.register("f", frame)
    dcon.execute("CREATE TABLE customers AS SELECT * FROM f")
    dcon.close()
    assert tab.read_table(ddb, table="customers")["id"].tolist() == [1, 2, 3]
    with pytest.raises(InvalidParameterError, match="needs table="):
        tab.read_table(db)
    with pytest.raises(MediaReadError, match="t.sqlite"):
        tab.read_table(db, table="nope")


def test_encoding_option(tmp_path):
    (tmp_path / "l.csv").write_bytes("id,city\n1,M\xfcnchen\n".encode("latin-1"))
    with pytest.raises(MediaReadError, match="encoding"):
        tab.read_table(tmp_path / "l.csv")
    assert tab.read_table(tmp_path / "l.csv", encoding="latin-1")["city"].tolist() == ["München"]


def test_yes_no_stays_text(tmp_path):
    (tmp_path / "b.csv").write_text("id,Churn\n1,Yes\n2,No\n")
    assert tab.read_table(tmp_path / "b.csv")["Churn"].tolist() == ["Yes", "No"]


def test_import_is_lazy():
    import subprocess
    import sys

    code = ("import sys, multiaug, multiaug.image, multiaug.tabular; "
            "print(sorted(m for m in ('pandas', 'duckdb', 'rapidfuzz', 'sklearn', 'imblearn', 'polars') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
