"""The command line never loses data (issue 12): output onto an input is refused, output names cannot collide, an
unwritable --out is refused before any work (one line, exit 2, no traceback) by apply, expand and robustness, and
``apply --copies`` gives stable, distinct outputs."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import multiaug.image as imaugs
from multiaug.cli import main
from multiaug.core import Compose, pipeline_to_json


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _image(path: Path, width: int, height: int = 16) -> Path:
    """A small RGB picture with content (so an augmented copy differs from its source)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(width * 1000 + height)
    Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8)).save(path)
    return path


def _images(folder: Path, names: list[str]) -> list[Path]:
    return [_image(folder / name, 24 + i) for i, name in enumerate(names)]


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "p.json"
    pipeline_to_json(Compose([imaugs.RandomNoise(var=0.01)]), path)
    return path


def _one_line_error(err: str) -> bool:
    lines = err.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("multiaug: error:") and "Traceback" not in err


# ------------------------------------------------------------------------------------------- output onto input
def test_apply_refuses_to_write_onto_its_inputs(tmp_path, pipe, capsys):
    flat = tmp_path / "flat"
    inputs = _images(flat, ["img0.png", "img1.png"])
    before = [_digest(p) for p in inputs]
    rc = main(["apply", "--pipeline", str(pipe), *map(str, inputs), "--out", str(flat), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2 and _one_line_error(err) and "would overwrite the input" in err
    assert [_digest(p) for p in inputs] == before  # originals byte-identical
    assert sorted(p.name for p in flat.iterdir()) == ["img0.png", "img1.png"]  # nothing else written (no metadata)


def test_apply_refuses_an_output_onto_an_input_from_another_folder(tmp_path, pipe, capsys):
    """``apply a/x.png b/a/x.png --out b``: a/x.png would be written to b/a/x.png, which is the second input."""
    a = _image(tmp_path / "a" / "x.png", 20)
    b = _image(tmp_path / "b" / "a" / "x.png", 30)
    before = _digest(b)
    rc = main(["apply", "--pipeline", str(pipe), str(a), str(b), "--out", str(tmp_path / "b"), "--quiet"])
    assert rc == 2 and _one_line_error(capsys.readouterr().err)
    assert _digest(b) == before and not (tmp_path / "b" / "metadata.jsonl").exists()


# --------------------------------------------------------------------------------------------- name collisions
def test_same_file_name_from_two_folders_gives_two_outputs(tmp_path, pipe):
    a, b = _images(tmp_path, ["a/img0.png", "b/img0.png"])
    out = tmp_path / "o"
    assert main(["apply", "--pipeline", str(pipe), str(a), str(b), "--out", str(out), "--quiet"]) == 0
    assert (out / "a" / "img0.png").is_file() and (out / "b" / "img0.png").is_file()
    # two real outputs, each from its own input (the inputs have different widths)
    assert Image.open(out / "a" / "img0.png").size == Image.open(a).size
    assert Image.open(out / "b" / "img0.png").size == Image.open(b).size
    lines = [json.loads(x) for x in (out / "metadata.jsonl").read_text().splitlines()]
    outputs = [line["output"] for line in lines]
    assert len(outputs) == 2 and len(set(outputs)) == 2 and all(Path(o).is_file() for o in outputs)
    assert {line["input"] for line in lines} == {str(a), str(b)}


def test_inputs_from_one_folder_keep_their_plain_names(tmp_path, pipe):
    inputs = _images(tmp_path / "in", ["x.png", "y.png"])
    out = tmp_path / "o"
    assert main(["apply", "--pipeline", str(pipe), *map(str, inputs), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["metadata.jsonl", "x.png", "y.png"]


def test_names_and_seeds_do_not_depend_on_input_order(tmp_path, pipe):
    a, b = _images(tmp_path, ["a/x.png", "b/y.png"])
    assert main(["apply", "--pipeline", str(pipe), str(a), str(b), "--out", str(tmp_path / "o1"), "--quiet"]) == 0
    assert main(["apply", "--pipeline", str(pipe), str(b), str(a), "--out", str(tmp_path / "o2"), "--quiet"]) == 0
    for rel in ("a/x.png", "b/y.png"):
        assert _digest(tmp_path / "o1" / rel) == _digest(tmp_path / "o2" / rel)


def test_an_input_given_twice_is_processed_once(tmp_path, pipe):
    (a,) = _images(tmp_path / "in", ["x.png"])
    out = tmp_path / "o"
    assert main(["apply", "--pipeline", str(pipe), str(a), str(a), "--out", str(out), "--quiet"]) == 0
    assert len((out / "metadata.jsonl").read_text().splitlines()) == 1


# ---------------------------------------------------------------------------------------------------- --copies
def test_copies_gives_distinct_stable_outputs(tmp_path, pipe, capsys):
    src = _image(tmp_path / "in" / "cat.png", 32)
    out = tmp_path / "o"
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(out), "--copies", "3", "--quiet"]) == 0
    files = sorted(p.name for p in out.glob("cat*.png"))
    assert files == ["cat_0.png", "cat_1.png", "cat_2.png"]
    digests = [_digest(out / f) for f in files]
    assert len(set(digests)) == 3 and _digest(src) not in digests  # three different seeds, all augmented
    lines = [json.loads(x) for x in (out / "metadata.jsonl").read_text().splitlines()]
    assert [line["copy"] for line in lines] == [0, 1, 2] and len({line["seed"] for line in lines}) == 3
    assert [Path(line["output"]).name for line in lines] == files
    again = tmp_path / "o2"
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(again), "--copies", "3", "--quiet"]) == 0
    assert [_digest(again / f) for f in files] == digests  # stable
    # copy 0 of --copies 3 is not the single output of --copies 1 under the same name (names differ: cat_0 / cat)
    single = tmp_path / "o3"
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(single), "--quiet"]) == 0
    assert (single / "cat.png").is_file() and not (single / "cat_0.png").exists()
    capsys.readouterr()
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(tmp_path / "o4"), "--copies", "0"]) == 2
    assert _one_line_error(capsys.readouterr().err) and not (tmp_path / "o4").exists()


# ------------------------------------------------------------------------------------------ bad inputs, exit 2
def test_bad_input_exits_2_before_any_work(tmp_path, pipe, capsys):
    (good,) = _images(tmp_path, ["good.png"])
    out = tmp_path / "o"
    notes = tmp_path / "notes.txt"
    notes.write_text("text, not an image")
    for bad in (tmp_path / "missing.png", tmp_path / "folder", notes, tmp_path / "data.xyz"):
        if bad.name == "folder":
            bad.mkdir()
        if bad.suffix == ".xyz":
            bad.write_bytes(b"?")
        rc = main(["apply", "--pipeline", str(pipe), str(good), str(bad), "--out", str(out), "--quiet"])
        assert rc == 2 and _one_line_error(capsys.readouterr().err), bad
    assert not out.exists()


# -------------------------------------------------------------------------------------------- unwritable --out
def _under_a_file(tmp_path: Path) -> Path:
    """An --out that cannot be created even by root: its parent is a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder is needed")
    return blocker / "out"


def _read_only_dir(tmp_path: Path) -> Path:
    """A folder with mode 0o500 (skipped when the process can write there anyway, e.g. as root)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        folder.chmod(0o700)
        pytest.skip("this user can write into a 0o500 folder (root): covered by the path under a regular file")
    return folder / "out"


@pytest.fixture(params=["under-a-file", "chmod-0o500"])
def unwritable(request, tmp_path):
    out = _under_a_file(tmp_path) if request.param == "under-a-file" else _read_only_dir(tmp_path)
    yield out
    if request.param == "chmod-0o500":
        out.parent.chmod(0o700)


def test_apply_unwritable_out_is_refused_before_work(tmp_path, pipe, capsys, monkeypatch, unwritable):
    (src,) = _images(tmp_path / "in", ["a.png"])
    monkeypatch.setattr(importlib.import_module("multiaug.cli.apply"), "read_media",
                        lambda *a, **k: pytest.fail("an input was read"))
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(unwritable)]) == 2
    err = capsys.readouterr().err
    assert _one_line_error(err) and "--out" in err
    assert not unwritable.exists()


def test_expand_unwritable_out_is_refused_before_work(tmp_path, capsys, monkeypatch, unwritable):
    data = tmp_path / "data"
    _images(data, ["cat/a.png", "cat/b.png"])
    monkeypatch.setattr(importlib.import_module("multiaug.cli.expand"), "expand",
                        lambda *a, **k: pytest.fail("expand ran"))
    rc = main(["expand", str(data), "--out", str(unwritable), "--copies", "1", "--seed", "0"])
    err = capsys.readouterr().err
    assert rc == 2 and _one_line_error(err) and "expand: --out" in err


def test_robustness_unwritable_out_is_refused_before_the_evaluation(tmp_path, capsys, monkeypatch, unwritable):
    data = tmp_path / "data"
    _images(data, ["a.png", "b.png"])
    monkeypatch.setattr(importlib.import_module("multiaug.cli.robustness"), "run_robustness",
                        lambda *a, **k: pytest.fail("the evaluation ran"))
    rc = main(["robustness", str(data), "--system", "multiaug.robustness.adapters:phash", "--kind", "matcher",
               "--suite", "moderation-image", "--out", str(unwritable)])
    err = capsys.readouterr().err
    assert rc == 2 and _one_line_error(err) and "robustness: --out" in err


def test_read_only_mount_is_refused(tmp_path, pipe, capsys, monkeypatch):
    """A folder that looks writable but refuses files (read-only mount, root-squashed NFS): the probe file fails."""
    (src,) = _images(tmp_path / "in", ["a.png"])
    out = tmp_path / "ro"
    out.mkdir()

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["apply", "--pipeline", str(pipe), str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert _one_line_error(err) and "Permission denied" in err
    assert list(out.iterdir()) == []


def test_an_os_error_during_a_run_is_one_line(tmp_path, capsys, monkeypatch):
    """A file-system refusal no check foresaw (here: the disk fills up) is reported on one line, exit 2."""
    def full(*a, **k):
        raise OSError(28, "No space left on device", str(tmp_path / "o" / "x"))

    monkeypatch.setattr(importlib.import_module("multiaug.cli.demo"), "run_demo", full)
    assert main(["demo", "--out", str(tmp_path / "o"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert _one_line_error(err) and "No space left on device" in err


def test_the_process_exits_2_without_a_traceback(tmp_path, pipe):
    """The same through the real entry point (``python -m multiaug``), as a user sees it."""
    (src,) = _images(tmp_path / "in", ["a.png"])
    proc = subprocess.run([sys.executable, "-m", "multiaug", "apply", "--pipeline", str(pipe), str(src),
                           "--out", str(_under_a_file(tmp_path))], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and _one_line_error(proc.stderr), proc.stderr
    assert "is a file, not a folder" in proc.stderr


def test_ctrl_c_keeps_the_metadata_of_the_outputs_written(tmp_path, pipe, capsys, monkeypatch):
    """Interrupted after one output: that output is whole and listed in metadata.jsonl; exit 130, one line."""
    inputs = _images(tmp_path / "in", ["x.png", "y.png", "z.png"])
    apply_cli = importlib.import_module("multiaug.cli.apply")
    real = apply_cli.augment_to_file
    calls = []

    def interrupt_second(*a, **k):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(apply_cli, "augment_to_file", interrupt_second)
    out = tmp_path / "o"
    assert main(["apply", "--pipeline", str(pipe), *map(str, inputs), "--out", str(out), "--quiet"]) == 130
    assert "interrupted after 1 of 3 outputs" in capsys.readouterr().err
    lines = [json.loads(x) for x in (out / "metadata.jsonl").read_text().splitlines()]
    assert [Path(line["output"]).name for line in lines] == ["x.png"]
    assert Image.open(out / "x.png").size == Image.open(inputs[0]).size
    assert sorted(p.name for p in out.iterdir()) == ["metadata.jsonl", "x.png"]  # no partial file
