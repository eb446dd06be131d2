from __future__ import annotations

import json
from pathlib import Path

import pytest

from multiaug.cli import main

from tests.data.conftest import PIPELINES, dataset, tree_hashes  # noqa: F401 (dataset: a fixture)


@pytest.fixture()
def pipeline_files(tmp_path: Path) -> list[str]:
    paths = []
    for mod, doc in PIPELINES.items():
        p = tmp_path / f"{mod}.json"
        p.write_text(json.dumps(doc), encoding="utf-8")
        paths += ["--pipeline", str(p)]
    return paths


def test_cli_expand_runs_interrupts_resumes_and_refuses(dataset: Path, tmp_path: Path, pipeline_files: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    base = ["expand", str(dataset), "--out", str(out), "--copies", "1", "--seed", "9", *pipeline_files]
    assert main([*base, "--quiet", "--stop-after", "3"]) == 3
    assert main([*base, "--resume"]) == 0
    printed = capsys.readouterr().out
    assert "class" in printed and "generated" in printed and "manifest.jsonl" in printed
    full = tmp_path / "full"
    assert main(["expand", str(dataset), "--out", str(full), "--copies", "1", "--seed", "9", *pipeline_files,
                 "--quiet"]) == 0
    assert tree_hashes(out) == tree_hashes(full)
    assert main([*base, "--quiet"]) == 2  # non-empty DIR without --resume/--overwrite
    assert "not empty" in capsys.readouterr().err
    report = json.loads((out / "report.json").read_text())
    kinds = [json.loads(line)["kind"] for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert report["totals"]["outputs"] == kinds.count("augmented")
    assert report["totals"]["originals"] == kinds.count("original") == 9  # the unreadable wav is left out
    assert report["totals"]["files"] == len(kinds)


def test_cli_requires_a_mode_and_seed(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["expand", str(dataset), "--out", str(tmp_path / "o"), "--seed", "1"])
    with pytest.raises(SystemExit):
        main(["expand", str(dataset), "--out", str(tmp_path / "o"), "--copies", "1"])


def test_cli_options_reach_the_configuration(dataset: Path, tmp_path: Path, pipeline_files: list[str]) -> None:
    out = tmp_path / "o"
    assert main(["expand", str(dataset), "--out", str(out), "--copies", "1", "--seed", "1", *pipeline_files, "--quiet",
                 "--rules", "image_blank,text_empty", "--image-max-bits", "5", "--no-dedup", "--max-attempts", "2"]) == 0
    run = json.loads((out / "run.json").read_text())
    assert run["validation"]["rules"] == ["image_blank", "text_empty"]
    assert run["dedup"]["image_max_bits"] == 5 and run["dedup"]["enabled"] is False and run["max_attempts"] == 2
    assert main(["expand", str(dataset), "--out", str(tmp_path / "p"), "--copies", "1", "--seed", "1",
                 *pipeline_files, "--rules", "bogus"]) == 2
