"""``multiaug robustness`` argument handling (the report it writes is tested in tests/robustness/test_report.py)."""

from __future__ import annotations

import json

import pytest

import multiaug.cli.robustness as robustness_cli
from multiaug.cli import main


def test_list_suites_table_and_json(capsys):
    assert main(["robustness", "--list-suites"]) == 0
    assert "moderation-image" in capsys.readouterr().out
    assert main(["robustness", "--list-suites", "--json"]) == 0
    assert "moderation-text" in {s["name"] for s in json.loads(capsys.readouterr().out)}


def test_missing_arguments_exit_2_before_the_evaluation(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(robustness_cli, "run_robustness", lambda *a, **k: pytest.fail("the evaluation ran"))
    assert main(["robustness", str(tmp_path), "--suite", "moderation-text", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("multiaug: error: robustness: missing --system") and len(err.strip().splitlines()) == 1


def test_a_report_file_onto_the_input_manifest_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(robustness_cli, "run_robustness", lambda *a, **k: pytest.fail("the evaluation ran"))
    manifest = tmp_path / "results.csv"
    manifest.write_text("path,label\na.png,cat\n")
    before = manifest.read_bytes()
    assert main(["robustness", str(manifest), "--system", "multiaug.robustness.adapters:phash", "--kind", "matcher",
                 "--suite", "moderation-image", "--out", str(tmp_path)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err and manifest.read_bytes() == before
