"""``multiaug merge`` on the shipped churn tables."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import multiaug.tabular as tab
from multiaug.cli import main

ROOT = Path(__file__).resolve().parents[2]
APAC = ROOT / "assets" / "datasets" / "churn" / "apac.csv"
MENA = ROOT / "assets" / "datasets" / "churn" / "mena.csv"


def test_cli_append_churn(tmp_path, capsys):
    out = tmp_path / "merged.csv"
    code = main(["merge", str(APAC), str(MENA), "--on", "customerID", "--how", "append", "--out", str(out),
                 "--progress"])
    assert code == 0
    report = json.loads((tmp_path / "merged.report.json").read_text())
    assert report["rows"]["duplicates_dropped"] == 80
    assert len(tab.read_table(out)) == report["rows"]["output"] == 1000 + 1500 - 80
    captured = capsys.readouterr()
    assert "columns paired: 11" in captured.out and "merge" in captured.err  # summary + progress bar


def test_cli_join_with_column_override(tmp_path):
    out = tmp_path / "m.parquet"
    code = main(["merge", str(APAC), str(MENA), "--on", "customerID", "--how", "both", "--match", "exact",
                 "--column", "customerID=cust_id", "--out", str(out), "--report", str(tmp_path / "r.json"),
                 "--engine", "duckdb", "--quiet"])
    assert code == 0
    assert len(tab.read_table(out)) == 120  # the shared customers


def test_cli_error_leaves_nothing(tmp_path, capsys):
    code = main(["merge", str(APAC), str(MENA), "--on", "nope", "--out", str(tmp_path / "m.csv")])
    assert code == 2
    assert "key column 'nope'" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_cli_refuses_bad_output_before_work(tmp_path, capsys):
    code = main(["merge", str(APAC), str(tmp_path / "missing.csv"), "--on", "customerID",
                 "--out", str(tmp_path / "m.docx")])
    assert code == 2 and "cannot tell the table format" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["customerID", "a=b=c"])
def test_cli_column_syntax(tmp_path, bad, capsys):
    code = main(["merge", str(APAC), str(MENA), "--on", "customerID", "--column", bad, "--out",
                 str(tmp_path / "m.csv")])
    assert code == 2
