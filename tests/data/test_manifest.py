from __future__ import annotations

import json
from pathlib import Path

import pytest

from multiaug.core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from multiaug.data.manifest import Item, detect_modality, load_items, read_manifest, scan_folder

from .conftest import textured


def test_scan_folder_labels_keys_and_modalities(dataset: Path) -> None:
    items, skipped = scan_folder(dataset)
    keys = [it.key for it in items]
    assert keys == sorted(keys)
    assert {it.label for it in items} == {"cat", "dog", "notes", "barks"}
    by_key = {it.key: it for it in items}
    assert by_key["cat/cat0.jpg"].modality == "image"
    assert by_key["dog/dog3.png"].modality == "image"
    assert by_key["notes/n0.txt"].modality == "text"
    assert by_key["barks/b0.flac"].modality == "audio"
    assert "README.md" not in keys and skipped == []


def test_scan_folder_reports_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    textured(0).save(tmp_path / "a" / "x.jpg")
    (tmp_path / "a" / "notes.docx").write_bytes(b"?")
    (tmp_path / "__pycache__").mkdir()  # e.g. beside a dataset's build script: not a class, not reported
    (tmp_path / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"?")
    items, skipped = scan_folder(tmp_path)
    assert [it.key for it in items] == ["a/x.jpg"]
    assert skipped == [{"key": "a/notes.docx", "reason": "unknown file type '.docx'"}]


def test_detect_modality() -> None:
    assert detect_modality("a/b.JPEG") == "image"
    assert detect_modality("x.wav") == "audio"
    assert detect_modality("x.txt") == "text"
    assert detect_modality("x.bin") is None


def test_csv_manifest_with_paths_and_bboxes(tmp_path: Path) -> None:
    textured(1).save(tmp_path / "p.jpg")
    (tmp_path / "m.csv").write_text('path,label,bboxes\np.jpg,pug,"[[1, 2, 20, 30]]"\n', encoding="utf-8-sig")
    items, skipped = read_manifest(tmp_path / "m.csv")
    assert skipped == []
    (it,) = items
    assert (it.key, it.label, it.modality, it.bboxes, it.bbox_format) == ("p.jpg", "pug", "image",
                                                                          [[1.0, 2.0, 20.0, 30.0]], "pascal_voc")
    assert Path(it.path) == (tmp_path / "p.jpg").resolve()
    assert Item.from_json(json.loads(json.dumps(it.to_json()))) == it


def test_jsonl_manifest_with_inline_text_and_ids(tmp_path: Path) -> None:
    rows = [{"text": "hello there", "label": "greet"}, {"text": "bye now", "label": "greet", "id": "b1"},
            {"text": "hello there", "label": "greet"}]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items, skipped = load_items(tmp_path / "m.jsonl")
    assert items[0].key == "b1"
    assert items[1].key.startswith("text:") and items[1].text == "hello there"
    assert len(skipped) == 1 and "duplicate" in skipped[0]["reason"]


@pytest.mark.parametrize("body, argument", [
    ("path,label\nx.jpg,\n", "label_column"),
    ('path,label,bboxes\nx.jpg,a,"not json"\n', "bboxes"),
    ('path,label,bboxes\nx.jpg,a,"[[1,2,3]]"\n', "bboxes"),
    ("label\na\n", "path_column"),
])
def test_bad_manifest_rows_raise_typed_errors(tmp_path: Path, body: str, argument: str) -> None:
    (tmp_path / "m.csv").write_text(body, encoding="utf-8")
    with pytest.raises(InvalidParameterError) as info:
        read_manifest(tmp_path / "m.csv")
    assert info.value.argument == argument


def test_missing_input_and_bad_manifest_type(tmp_path: Path) -> None:
    with pytest.raises(MediaReadError):
        load_items(tmp_path / "nope")
    (tmp_path / "m.xlsx").write_bytes(b"")
    with pytest.raises(UnsupportedInputError):
        load_items(tmp_path / "m.xlsx")
    with pytest.raises(InvalidParameterError):
        read_manifest(tmp_path / "m.xlsx", bbox_format="xyxy")
