"""`multiaug evaluate` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from multiaug.cli import main

from tests.evaluate._data import rotated_shapes


def test_cli_writes_the_report_and_prints_the_verdict(tmp_path, capsys):
    data = rotated_shapes(tmp_path / "data", per_class=4, seed=2)
    out = tmp_path / "ev"
    assert main(["evaluate", str(data), "--preset", "light", "--copies", "2", "--folds", "2", "--repeats", "1",
                 "--out", str(out), "--quiet"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("image: ") and "accuracy" in line and "\n" not in line
    assert {p.name for p in out.iterdir()} >= {"report.json", "results.csv", "report.html", "perturbed.jsonl",
                                               "augmented"}
    assert json.loads((out / "report.json").read_text())["verdict"] == line
    # an existing expansion is evaluated as it is; a used DIR is refused without --overwrite
    assert main(["evaluate", str(data), "--augmented", str(out / "augmented"), "--folds", "2", "--repeats", "1",
                 "--suite", "none", "--out", str(tmp_path / "ev2"), "--quiet"]) == 0
    report = json.loads((tmp_path / "ev2" / "report.json").read_text())
    n_lines = len((out / "augmented" / "manifest.jsonl").read_text().splitlines())
    assert report["plan"]["kind"] == "expansion" and report["tasks"][0]["n_augmented"] == n_lines > 0
    assert "perturbed" not in report["tasks"][0]["metrics"]["baseline"]
    capsys.readouterr()
    assert main(["evaluate", str(data), "--out", str(out), "--quiet"]) == 2
    assert "not empty" in capsys.readouterr().err


def test_cli_evaluates_an_expand_output_as_it_is(tmp_path, capsys):
    """The README's flow: `multiaug expand` writes a training set (originals + copies), `multiaug evaluate` checks it."""
    data = rotated_shapes(tmp_path / "data", per_class=4, seed=3)
    assert main(["expand", str(data), "--out", str(tmp_path / "x"), "--copies", "2", "--preset", "light", "--seed",
                 "1", "--quiet"]) == 0
    assert main(["evaluate", str(tmp_path / "x"), "--folds", "2", "--repeats", "1", "--suite", "none", "--out",
                 str(tmp_path / "ev"), "--quiet"]) == 0
    report = json.loads((tmp_path / "ev" / "report.json").read_text())
    task = report["tasks"][0]
    lines = [json.loads(x) for x in (tmp_path / "x" / "manifest.jsonl").read_text().splitlines()]
    assert task["n_originals"] == 12 == sum(1 for x in lines if x.get("kind") == "original")
    assert task["n_augmented"] == sum(1 for x in lines if x.get("kind") == "augmented") > 0
    assert not (tmp_path / "ev" / "augmented").exists()  # nothing re-expanded
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "x"), "--preset", "heavy", "--out", str(tmp_path / "ev2")]) == 2
    assert "expansion output" in capsys.readouterr().err


def test_cli_bad_input_exits_2_with_one_line_and_does_no_work(tmp_path):
    data = rotated_shapes(tmp_path / "data", per_class=2, seed=2)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cases = [
        ["evaluate", str(data), "--out", str(blocker / "out")],
        ["evaluate", str(tmp_path / "missing"), "--out", str(tmp_path / "o1")],
        ["evaluate", str(data), "--augmented", str(data), "--out", str(tmp_path / "o2")],
        ["evaluate", str(data), "--folds", "1", "--out", str(tmp_path / "o3")],
    ]
    for argv in cases:
        r = subprocess.run([sys.executable, "-m", "multiaug", *argv], capture_output=True, text=True)
        assert r.returncode == 2, (argv, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr, r.stderr
    assert not (tmp_path / "o1").exists()
    assert not (tmp_path / "o2" / "augmented").exists()


def test_import_stays_cheap():
    code = ("import sys, multiaug, multiaug.evaluate\n"
            "print(','.join(m for m in ('sklearn', 'scipy.stats', 'librosa', 'multiaug.image') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
