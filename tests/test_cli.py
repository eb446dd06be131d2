"""The multiaug command line."""

from __future__ import annotations

import json
import subprocess
import sys

import multiaug.text as txtaugs
from multiaug.cli import main
from multiaug.core import Compose, pipeline_to_json


def test_list_table_and_json(capsys):
    assert main(["list", "--modality", "text"]) == 0
    out = capsys.readouterr().out
    assert "change_case" in out and "augmentations" in out
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"image", "text", "audio"} <= {r["modality"] for r in rows}


def test_apply_writes_outputs_and_metadata(tmp_path):
    pipe = tmp_path / "p.json"
    pipeline_to_json(Compose([txtaugs.ChangeCase(case="upper")]), pipe)
    a = tmp_path / "a.txt"
    a.write_text("hello\tworld\n")
    b = tmp_path / "b.txt"
    b.write_text("second  file")
    out = tmp_path / "out"
    assert main(["apply", "--pipeline", str(pipe), str(a), str(b), "--out", str(out), "--seed", "1", "--quiet"]) == 0
    assert (out / "a.txt").read_text() == "HELLO\tWORLD\n"
    lines = [json.loads(x) for x in (out / "metadata.jsonl").read_text().splitlines()]
    assert len(lines) == 2 and lines[0]["records"][0]["name"] == "change_case"
    # a missing input is bad input: refused before any work, exit code 2 (as expand)
    assert main(["apply", "--pipeline", str(pipe), str(tmp_path / "missing.txt"), str(a), "--out",
                 str(tmp_path / "o2"), "--quiet"]) == 2
    assert not (tmp_path / "o2").exists()


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "multiaug", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "multiaug" in out.stdout


def test_bad_pipeline_is_clean_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "pipeline": {"type": "Nope"}}')
    a = tmp_path / "a.txt"
    a.write_text("x")
    assert main(["apply", "--pipeline", str(bad), str(a), "--out", str(tmp_path / "o")]) == 2
    assert "unknown node type" in capsys.readouterr().err
