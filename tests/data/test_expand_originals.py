"""expand's output is a training set: originals (hard links, else copies) beside the augmented files, counted on
disk; flat folders with a label; --no-originals."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from multiaug.cli import main
from multiaug.core.errors import InvalidParameterError, MediaReadError
from multiaug.data import originals as orig
from multiaug.data.expand import expand
from multiaug.data.summary import format_summary
from multiaug.data.worker import replay_line

from .conftest import IMAGE_FLIPS, PIPELINES, TEXT_CASE, _aug, doc, textured, tree_hashes


def _rows(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def balanced(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("orig") / "out"
    return out, expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11)


def test_class_folders_hold_originals_plus_augmented_and_the_report_counts_the_disk(balanced, dataset: Path) -> None:
    out, report = balanced
    c = report["classes"]
    for label in ("cat", "notes"):  # small classes reach the target on disk
        assert len(_files(out / label)) == c[label]["after"] == 4 == c[label]["originals"] + c[label]["generated"]
    assert _files(out / "cat") == ["cat0.jpg", "cat0__aug000.jpg", "cat1.jpg", "cat1__aug000.jpg"]
    assert len(_files(out / "dog")) == c["dog"]["after"] == 4 and c["dog"]["generated"] == 0  # big class: originals
    # the unreadable wav is reported and never copied into the training set
    assert "broken.wav" not in " ".join(_files(out / "barks"))
    assert c["barks"]["after"] == len(_files(out / "barks")) == 1 + c["barks"]["generated"]
    assert report["totals"]["files"] == sum(len(_files(out / d)) for d in ("cat", "dog", "notes", "barks"))
    text = format_summary(report)
    assert "on disk" in text and f"{report['totals']['originals']} originals" in text


def test_originals_are_listed_with_their_source_and_are_hard_links(balanced, dataset: Path) -> None:
    out, _ = balanced
    originals = [r for r in _rows(out) if r["kind"] == "original"]
    assert {r["key"] for r in originals} == {"cat/cat0.jpg", "cat/cat1.jpg", "dog/dog0.jpg", "dog/dog1.jpg",
                                             "dog/dog2.jpg", "dog/dog3.png", "notes/n0.txt", "notes/n1.txt",
                                             "barks/b0.flac"}
    for r in originals:
        assert r["source"] == r["key"] and r["output"] == r["key"] and r["copy"] is None
        placed = out / r["output"]
        assert os.path.samefile(placed, dataset / r["source"])  # a hard link: same file, no extra space
        assert hashlib.sha256(placed.read_bytes()).hexdigest() == r["sha256"]
        assert replay_line(r, dataset) == placed.read_bytes()


def test_copy_when_hard_links_are_refused(dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          balanced) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(orig.os, "link", refuse)
    out = tmp_path / "copied"
    report = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11)
    assert report["run"]["originals_placed"] == {"copy": 9}
    assert not os.path.samefile(out / "cat" / "cat0.jpg", dataset / "cat" / "cat0.jpg")
    assert tree_hashes(out) == tree_hashes(balanced[0])  # same bytes, same manifest as the linked run
    assert oct((out / "cat" / "cat0.jpg").stat().st_mode & 0o777) != "0o600"  # a normal file mode, not mkstemp's


def test_no_originals_writes_only_augmented_files(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "aug_only"
    report = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, originals=False)
    c = report["classes"]["cat"]
    assert _files(out / "cat") == ["cat0__aug000.jpg", "cat1__aug000.jpg"]
    assert (c["after"], c["originals"], c["generated"], c["short_by"]) == (2, 0, 2, 0)
    assert not (out / "dog").exists() and report["totals"]["originals"] == 0
    assert {r["kind"] for r in _rows(out)} == {"augmented"}
    assert "no originals" in format_summary(report)
    with pytest.raises(InvalidParameterError, match="originals"):
        expand(dataset, tmp_path / "x", copies=1, pipeline=PIPELINES, originals="no")  # type: ignore[arg-type]


def test_resume_with_originals_gives_the_uninterrupted_tree(dataset: Path, tmp_path: Path, balanced) -> None:
    out = tmp_path / "resumed"
    expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, stop_after=1)
    assert (out / "dog" / "dog0.jpg").is_file()  # an interrupted run already holds the originals
    second = expand(dataset, out, balance_to=4, pipeline=PIPELINES, seed=11, resume=True)
    assert second["run"]["originals_placed"] == {"kept": 9}
    assert tree_hashes(out) == tree_hashes(balanced[0])
    keys = [(r["key"], r["copy"]) for r in _rows(out)]
    assert len(keys) == len(set(keys))


def test_copies_mode_removes_an_original_found_unreadable_on_resume(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "c"
    expand(dataset, out, copies=1, pipeline=PIPELINES, seed=2, stop_after=0)  # no item read yet: all placed
    assert (out / "barks" / "broken.wav").is_file()
    report = expand(dataset, out, copies=1, pipeline=PIPELINES, seed=2, resume=True)
    assert not (out / "barks" / "broken.wav").exists() and report["totals"]["unreadable"] == 1
    assert report["classes"]["barks"]["after"] == 2  # b0.flac and its copy


def _flat(root: Path) -> Path:
    root.mkdir(parents=True)
    for i in range(3):
        textured(40 + i).save(root / f"photo{i}.jpg")
    (root / "notes.docx").write_bytes(b"?")
    return root


def test_a_flat_folder_needs_a_label_and_says_so(tmp_path: Path) -> None:
    flat = _flat(tmp_path / "photos")
    with pytest.raises(MediaReadError) as info:
        expand(flat, tmp_path / "o", copies=1, pipeline=IMAGE_FLIPS)
    msg = str(info.value)
    assert "one sub-folder per class" in msg and "3 media file(s) directly inside" in msg and "--label" in msg
    report = expand(flat, tmp_path / "o", balance_to=5, pipeline=IMAGE_FLIPS, seed=1, label="photos")
    assert _files(tmp_path / "o") == sorted([".expand-journal.jsonl", "manifest.jsonl", "report.json", "run.json"] + [
        "photos/photo0.jpg", "photos/photo0__aug000.jpg", "photos/photo1.jpg", "photos/photo1__aug000.jpg",
        "photos/photo2.jpg"])
    assert report["classes"]["photos"]["after"] == 5 and report["skipped"] == [
        {"key": "notes.docx", "reason": "unknown file type '.docx'"}]
    for r in _rows(tmp_path / "o"):
        assert r["label"] == "photos" and r["source"] == r["key"]
        assert replay_line(r, flat) == (tmp_path / "o" / r["output"]).read_bytes()


def test_label_is_refused_where_it_does_not_apply(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="flat folder") as info:
        expand(dataset, tmp_path / "o", copies=1, pipeline=PIPELINES, label="x")
    assert info.value.argument == "label"
    flat = _flat(tmp_path / "flat")
    for bad in ("", "a/b", ".hidden", " x", 3):
        with pytest.raises(InvalidParameterError, match="folder name"):
            expand(flat, tmp_path / "o", copies=1, pipeline=IMAGE_FLIPS, label=bad)  # type: ignore[arg-type]
    (tmp_path / "m.jsonl").write_text(json.dumps({"path": "flat/photo0.jpg", "label": "a"}) + "\n")
    with pytest.raises(InvalidParameterError, match="manifest"):
        expand(tmp_path / "m.jsonl", tmp_path / "o", copies=1, pipeline=IMAGE_FLIPS, label="x")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(MediaReadError, match="one sub-folder per class"):
        expand(empty, tmp_path / "o", copies=1, pipeline=IMAGE_FLIPS)


def test_manifest_originals_are_named_by_label_and_inline_text_is_written(tmp_path: Path) -> None:
    for d in ("m", "n"):
        (tmp_path / d).mkdir()
        textured(3).save(tmp_path / d / "x.png")  # same file name twice in one class
    rows = [{"path": "m/x.png", "label": "obj"}, {"path": "n/x.png", "label": "obj"},
            {"text": "inline text row", "label": "txt", "id": "row-1"}]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pipes = {"image": doc("image", _aug("image", "hflip")), "text": TEXT_CASE}
    expand(tmp_path / "m.jsonl", tmp_path / "out", copies=1, pipeline=pipes, seed=3)
    originals = {r["key"]: r for r in _rows(tmp_path / "out") if r["kind"] == "original"}
    assert originals["row-1"]["output"] == "txt/row-1.txt"
    assert (tmp_path / "out" / "txt" / "row-1.txt").read_text(encoding="utf-8") == "inline text row"
    a, b = originals["m/x.png"]["output"], originals["n/x.png"]["output"]
    assert a != b and a.startswith("obj/x-") and b.startswith("obj/x-")
    assert len(_files(tmp_path / "out" / "obj")) == 4
    for r in originals.values():
        assert replay_line(r, tmp_path) == (tmp_path / "out" / r["output"]).read_bytes()


def test_original_names_avoid_augmented_names() -> None:
    from multiaug.data.manifest import Item

    items = [Item(key="a/x__aug000.jpg", label="a", modality="image", path="/i/a/x__aug000.jpg")]
    names = orig.original_names(items, folder_input=True, taken={"a/x__aug000.jpg"})
    assert names["a/x__aug000.jpg"].startswith("a/x__aug000-") and names["a/x__aug000.jpg"].endswith(".jpg")


def test_cli_label_and_no_originals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flat = _flat(tmp_path / "photos")
    pipe = tmp_path / "p.json"
    pipe.write_text(json.dumps(IMAGE_FLIPS))
    base = ["expand", str(flat), "--copies", "1", "--seed", "1", "--pipeline", str(pipe), "--quiet"]
    assert main([*base, "--out", str(tmp_path / "a")]) == 2
    assert "--label NAME" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "b"), "--label", "pics", "--no-originals"]) == 0
    assert _files(tmp_path / "b" / "pics") == [f"photo{i}__aug000.jpg" for i in range(3)]
    assert json.loads((tmp_path / "b" / "run.json").read_text())["originals"] is False


def test_manifest_boxes_keep_their_labels_and_lost_boxes_are_dropped(tmp_path: Path) -> None:
    textured(2, (50, 40)).save(tmp_path / "a.png")
    row = {"path": "a.png", "label": "obj", "bboxes": [[5, 5, 20, 30, "dog", 1], [30, 5, 48, 30, "cat", 2]]}
    (tmp_path / "m.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    crop_left = doc("image", _aug("image", "crop", x1=0.0, y1=0.0, x2=0.5, y2=1.0))  # keeps x < 25: the cat leaves
    expand(tmp_path / "m.jsonl", tmp_path / "out", copies=1, pipeline=crop_left, seed=3, dedup={"enabled": False})
    (aug,) = [r for r in _rows(tmp_path / "out") if r["kind"] == "augmented"]
    assert aug["src_bboxes"] == [[5.0, 5.0, 20.0, 30.0, "dog", 1], [30.0, 5.0, 48.0, 30.0, "cat", 2]]
    assert aug["bboxes"] == [[5.0, 5.0, 20.0, 30.0, "dog", 1]]
    assert replay_line(aug, tmp_path) == (tmp_path / "out" / aug["output"]).read_bytes()
