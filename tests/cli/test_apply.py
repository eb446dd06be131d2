"""``multiaug apply``: outputs and metadata.jsonl (the data-loss rules are in tests/hardening/test_cli_safety.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

import multiaug.audio as audaugs
import multiaug.text as txtaugs
from multiaug.cli import main
from multiaug.cli.apply import output_plan
from multiaug.core import Compose, pipeline_to_json
from multiaug.core.errors import OutputPathError


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


def test_bad_pipeline_is_clean_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "pipeline": {"type": "Nope"}}')
    a = tmp_path / "a.txt"
    a.write_text("x")
    assert main(["apply", "--pipeline", str(bad), str(a), "--out", str(tmp_path / "o")]) == 2
    assert "unknown node type" in capsys.readouterr().err


def test_output_plan_names_keys_and_copies(tmp_path):
    a, b = tmp_path / "in" / "a" / "x.txt", tmp_path / "in" / "b" / "c" / "x.txt"
    plan = output_plan([b, a, a], tmp_path / "o", copies=2)
    assert [(key, k, dest.relative_to(tmp_path / "o").as_posix()) for _, key, k, dest in plan] == [
        ("b/c/x.txt", 0, "b/c/x_0.txt"), ("b/c/x.txt", 1, "b/c/x_1.txt"),
        ("a/x.txt", 0, "a/x_0.txt"), ("a/x.txt", 1, "a/x_1.txt")]
    assert [dest.name for *_, dest in output_plan([a], tmp_path / "o")] == ["x.txt"]


def test_output_plan_keeps_link_names_and_refuses_writing_through_a_link(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "abc123.txt").write_text("x")
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "x.txt").symlink_to(store / "abc123.txt")
    plan = output_plan([photos / "x.txt"], tmp_path / "o")
    assert [(key, dest.name) for _, key, _, dest in plan] == [("x.txt", "x.txt")]
    # --out store: o/x.txt is not the input's own path, but store/abc123.txt via its link must still be refused
    (store / "x.txt").symlink_to(store / "abc123.txt")
    with pytest.raises(OutputPathError, match="would overwrite the input"):
        output_plan([photos / "x.txt"], store)


def test_a_source_written_in_another_format_keeps_its_extension_in_the_name(tmp_path):
    """.ogg and .au audio are written as FLAC: song.ogg and song.au give song.ogg.flac and song.au.flac (no
    collision), and the seed key stays the input's own name."""
    folder = tmp_path / "in"
    folder.mkdir()
    t = np.arange(4000) / 8000
    for ext, fmt in ((".ogg", "OGG"), (".au", "AU"), (".wav", "WAV")):
        sf.write(folder / f"song{ext}", 0.3 * np.sin(2 * np.pi * 440 * t), 8000, format=fmt)
    inputs = sorted(folder.iterdir())
    plan = output_plan(inputs, tmp_path / "o")
    assert {(key, dest.name) for _, key, _, dest in plan} == {
        ("song.au", "song.au.flac"), ("song.ogg", "song.ogg.flac"), ("song.wav", "song.wav")}
    pipe = tmp_path / "p.json"
    pipeline_to_json(Compose([audaugs.ChangeVolume(volume_db=-6.0)]), pipe)
    assert main(["apply", "--pipeline", str(pipe), *map(str, inputs), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "metadata.jsonl", "song.au.flac", "song.ogg.flac", "song.wav"]
    assert sf.info(tmp_path / "o" / "song.ogg.flac").format == "FLAC"
