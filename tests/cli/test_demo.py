"""`multiaug demo` writes outputs and a metadata.jsonl whose records replay to identical files."""

from __future__ import annotations

import json

import multiaug
from multiaug.cli import main
from multiaug.media.io import read_media, write_media


def test_demo_outputs_replay_to_identical_bytes(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--seed", "3", "--quiet"]) == 0
    lines = [json.loads(x) for x in (out / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {line["modality"] for line in lines} == {"image", "text", "audio"}
    for line in lines:
        assert line["records"], f"{line['pipeline']}: nothing applied"
        modality, media, call = read_media(line["input"])
        again = multiaug.replay(line["records"], media, **call)
        dest = tmp_path / "again" / line["modality"] / (line["pipeline"] + "." + line["output"].rsplit(".", 1)[-1])
        dest.parent.mkdir(parents=True, exist_ok=True)
        write_media(dest, modality, again)
        assert dest.read_bytes() == (out / line["modality"] / dest.name).read_bytes(), line["pipeline"]


def test_demo_same_seed_same_files(tmp_path):
    for name in ("a", "b"):
        assert main(["demo", "--out", str(tmp_path / name), "--seed", "5", "--quiet"]) == 0
    for f in (tmp_path / "a").rglob("*.*"):
        if f.name != "metadata.jsonl":
            assert f.read_bytes() == (tmp_path / "b" / f.relative_to(tmp_path / "a")).read_bytes(), f.name
