"""Dataset inputs: an ImageFolder-style folder or a CSV/JSONL manifest → a sorted list of :class:`Item`.

Folder layout (``ImageFolder`` / ``flow_from_directory``)::

    INPUT/
      pug/001.jpg  pug/002.jpg ...        # one sub-folder per class (label = folder name)
      bark/a.flac ...                     # the modality is detected per file from its extension
      review/x.txt ...                    # a .txt file is one text document

Manifest (``.csv`` or ``.jsonl``): one row per item with a ``path`` column (relative to the manifest's folder,
or absolute) **or** a ``text`` column, a ``label`` column and optional ``bboxes`` (a JSON list of boxes in
``bbox_format``, default ``pascal_voc``) and ``id`` (the item's identity; defaults to the path, or a hash of the
text for text rows).

An item's *key* is its identity: the output for (item, copy index) depends only on the seed and this key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import parse_rows
from ..media.extensions import detect_modality

BBOX_FORMATS = ("pascal_voc", "pascal_voc_norm", "coco", "yolo")


@dataclass(frozen=True)
class Item:
    """One input item.

    Attributes:
        key: stable identity (relative path for files, ``id`` column or text hash for manifest text rows).
        label: class label.
        modality: ``"image"``, ``"text"`` or ``"audio"``.
        path: absolute path of the source file (``None`` for inline text rows).
        text: inline text (manifest ``text`` column), else ``None``.
        bboxes: optional boxes (images only) in ``bbox_format``: 4 coordinates, then optional extra fields
            (labels) carried through augmentation untouched.
        bbox_format: format of ``bboxes``.
    """

    key: str
    label: str
    modality: str
    path: str | None = None
    text: str | None = None
    bboxes: list[list[Any]] | None = None
    bbox_format: str | None = None

    @property
    def ext(self) -> str:
        """Extension of the output file (the source's, lower-cased; ``.txt`` for inline text)."""
        if self.path is None:
            return ".txt"
        return Path(self.path).suffix.lower()

    def to_json(self) -> dict[str, Any]:
        """JSON-safe dict (used to send the item to worker processes and into the manifest)."""
        return {"key": self.key, "label": self.label, "modality": self.modality, "path": self.path,
                "text": self.text, "bboxes": self.bboxes, "bbox_format": self.bbox_format}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Item:
        return cls(key=d["key"], label=d["label"], modality=d["modality"], path=d.get("path"), text=d.get("text"),
                   bboxes=d.get("bboxes"), bbox_format=d.get("bbox_format"))


def scan_folder(root: str | os.PathLike[str], label: str | None = None) -> tuple[list[Item], list[dict[str, str]]]:
    """Items of a class-per-folder tree (or of a flat folder given one ``label``), sorted by key; also the skipped
    files with reasons.

    Args:
        root: folder with one sub-folder per class; files may be nested deeper inside a class folder. Files
            directly in ``root`` (README, licences, label lists) are ignored, as torchvision's ImageFolder does.
        label: treat ``root`` as a *flat* folder: the media files directly in it form one class of this name
            (their keys are their file names). Refused when ``root`` has class sub-folders with media in them.
    """
    base = Path(root)
    if not base.is_dir():
        raise MediaReadError(f"expand: argument 'input': folder not found: '{base}'")
    items: list[Item] = []
    skipped: list[dict[str, str]] = []
    for cls_dir in sorted(p for p in base.iterdir() if p.is_dir() and not _ignored(p.name)):
        for f in sorted(cls_dir.rglob("*")):
            if not f.is_file() or any(_ignored(part) for part in f.relative_to(base).parts):
                continue
            key = f.relative_to(base).as_posix()
            modality = detect_modality(f)
            if modality is None:
                skipped.append({"key": key, "reason": f"unknown file type '{f.suffix}'"})
                continue
            items.append(Item(key=key, label=cls_dir.name, modality=modality, path=str(f.resolve())))
    if label is None:
        return items, skipped
    check_label(label)
    if items:
        raise InvalidParameterError(
            f"expand: argument 'label' is for a flat folder (media files directly inside), but '{base}' has class "
            f"sub-folders ({', '.join(sorted({it.label for it in items})[:5])}); drop --label to use them",
            argument="label")
    skipped = []
    for f in sorted(f for f in base.iterdir() if f.is_file() and not _ignored(f.name)):
        modality = detect_modality(f)
        if modality is None:
            skipped.append({"key": f.name, "reason": f"unknown file type '{f.suffix}'"})
            continue
        items.append(Item(key=f.name, label=label, modality=modality, path=str(f.resolve())))
    if not items:
        raise MediaReadError(f"expand: no usable items found in '{base}': label={label!r} takes the media files "
                             "directly inside the folder, and it has none")
    return items, skipped


def _ignored(name: str) -> bool:
    """Hidden files/folders and Python's ``__pycache__`` (e.g. next to a dataset's build script) are not data."""
    return name.startswith(".") or name == "__pycache__"


#: what a folder input must look like (said in errors)
FOLDER_LAYOUT = ("expand wants one sub-folder per class (INPUT/<class>/<files>, the ImageFolder layout), a flat "
                 "folder of media files plus --label NAME (one class), or a .csv/.jsonl manifest")


def no_items_message(source: str | os.PathLike[str]) -> str:
    """Why an input gave no usable items, and what expand wants instead (for the error expand raises)."""
    base = Path(source)
    msg = f"expand: no usable items found in '{base}': {FOLDER_LAYOUT}"
    if base.is_dir():
        loose = [f for f in base.iterdir() if f.is_file() and detect_modality(f) is not None]
        if loose:
            msg += (f"; it has {len(loose)} media file(s) directly inside and no class sub-folder: pass --label NAME "
                    f"(Python: label=NAME) to use them as one class, or move them into '{base}/<class>/'")
    return msg


def check_label(label: Any) -> str:
    """A class label usable as a folder name (non-empty str, no path separator, not hidden); returned unchanged."""
    if not isinstance(label, str) or not label or "/" in label or "\\" in label or label.startswith(".") \
            or label != label.strip():
        raise InvalidParameterError(f"expand: argument 'label' must be a folder name (non-empty, no '/' or '\\', "
                                    f"not starting with '.', no surrounding spaces), got {label!r}", argument="label")
    return label


def slug(text: str) -> str:
    """A file-name-safe form of ``text`` (letters, digits, ``._-``; at most 80 characters; ``item`` if empty)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")[:80] or "item"


def _text_key(text: str) -> str:
    return "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _parse_bboxes(value: Any, where: str) -> list[list[Any]] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise InvalidParameterError(f"{where}: column 'bboxes' is not a JSON list: {value[:60]!r}",
                                        argument="bboxes") from None
    if not isinstance(value, list) or not all(isinstance(b, (list, tuple)) and len(b) >= 4 for b in value):
        raise InvalidParameterError(f"{where}: column 'bboxes' must be a list of boxes [x1, y1, x2, y2, label...]",
                                    argument="bboxes")
    try:  # 4 coordinates, then any extra fields (labels, ids) carried through untouched
        return [[*(float(v) for v in b[:4]), *b[4:]] for b in value]
    except (TypeError, ValueError):
        raise InvalidParameterError(f"{where}: column 'bboxes': each box must start with 4 numbers",
                                    argument="bboxes") from None


def read_manifest(
    path: str | os.PathLike[str],
    *,
    path_column: str = "path",
    text_column: str = "text",
    label_column: str = "label",
    bboxes_column: str = "bboxes",
    id_column: str = "id",
    bbox_format: str = "pascal_voc",
) -> tuple[list[Item], list[dict[str, str]]]:
    """Items of a CSV or JSONL manifest, sorted by key; also the skipped rows with reasons.

    Args:
        path: ``.csv`` or ``.jsonl`` file.
        path_column: column holding a media path (relative to the manifest's folder or absolute).
        text_column: column holding inline text (used when a row has no path).
        label_column: column holding the class label (required).
        bboxes_column: optional column with a JSON list of boxes (images only).
        id_column: optional column with the item's identity (default: the path or a hash of the text).
        bbox_format: format of the boxes, one of pascal_voc, pascal_voc_norm, coco, yolo.
    """
    mpath = Path(path)
    if bbox_format not in BBOX_FORMATS:
        raise InvalidParameterError(f"read_manifest: argument 'bbox_format' must be one of {BBOX_FORMATS}, "
                                    f"got {bbox_format!r}", argument="bbox_format")
    try:
        raw = mpath.read_text(encoding="utf-8-sig")  # tolerate the BOM spreadsheet programs write
    except OSError as exc:
        raise MediaReadError(f"expand: cannot read manifest '{mpath}': {exc}") from None
    rows = parse_rows(raw, mpath.suffix, f"expand: manifest '{mpath}'")
    if rows is None:
        raise UnsupportedInputError(f"expand: argument 'input': manifest must be .csv or .jsonl, got '{mpath.name}'")
    items: list[Item] = []
    skipped: list[dict[str, str]] = []
    seen: set[str] = set()
    for n, row in enumerate(rows):
        where = f"{mpath.name} row {n + 1}"
        label = row.get(label_column)
        if label is None or str(label) == "":
            raise InvalidParameterError(f"{where}: missing label column '{label_column}'", argument="label_column")
        label = str(label)
        if "/" in label or label in (".", ".."):
            raise InvalidParameterError(f"{where}: label {label!r} cannot be used as a folder name", argument="label")
        p = row.get(path_column)
        text = row.get(text_column)
        bboxes = _parse_bboxes(row.get(bboxes_column), where)
        rid = row.get(id_column)
        if p:
            f = Path(p) if Path(p).is_absolute() else mpath.parent / p
            modality = detect_modality(f)
            key = str(rid) if rid not in (None, "") else Path(p).as_posix()
            if modality is None:
                skipped.append({"key": key, "reason": f"unknown file type '{f.suffix}'"})
                continue
            item = Item(key=key, label=label, modality=modality, path=str(f.resolve()),
                        bboxes=bboxes if modality == "image" else None,
                        bbox_format=bbox_format if bboxes is not None and modality == "image" else None)
        elif isinstance(text, str):
            key = str(rid) if rid not in (None, "") else _text_key(text)
            item = Item(key=key, label=label, modality="text", text=text)
        else:
            raise InvalidParameterError(f"{where}: needs a '{path_column}' or a '{text_column}' column",
                                        argument="path_column")
        if item.key in seen:
            skipped.append({"key": item.key, "reason": "duplicate key (same path/id/text listed twice)"})
            continue
        seen.add(item.key)
        items.append(item)
    items.sort(key=lambda it: it.key)
    return items, skipped


def load_items(source: str | os.PathLike[str], label: str | None = None,
               **manifest_options: Any) -> tuple[list[Item], list[dict[str, str]]]:
    """A folder (class per sub-folder, or flat with one ``label``) or a manifest file → (items sorted by key,
    skipped entries)."""
    p = Path(source)
    if p.is_dir():
        if manifest_options:
            raise InvalidParameterError("expand: manifest options only apply to a manifest input",
                                        argument=next(iter(manifest_options)))
        return scan_folder(p, label)
    if p.is_file():
        if label is not None:
            raise InvalidParameterError("expand: argument 'label' is for a flat folder input; a manifest names each "
                                        "row's class in its label column", argument="label")
        return read_manifest(p, **manifest_options)
    raise MediaReadError(f"expand: argument 'input': no such folder or manifest: '{p}'")


__all__ = [
    "FOLDER_LAYOUT",
    "Item",
    "check_label",
    "no_items_message",
    "detect_modality",
    "load_items",
    "read_manifest",
    "scan_folder",
    "slug",
]
