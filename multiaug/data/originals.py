"""The originals of an expansion: every readable source item is placed in the output beside its augmented copies,
so the output folder is the whole training set (``DIR/<label>/`` holds originals + augmented files).

A source file is placed as a **hard link** when the output is on the same file system (no extra space, instant),
else as a **copy**; inline text rows of a manifest are written as UTF-8 ``.txt`` files. Placing is idempotent (a
file already there with the same bytes is kept), so ``--resume`` and repeated runs give the same folder. A hard
link shares its bytes with the source: editing an original in place in the output edits the source too (replace
files instead, or pass ``originals=False`` / ``--no-originals``).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from ..core.io import atomic_write, atomic_write_bytes
from .manifest import Item, slug

_CHUNK = 1 << 20


def in_class_path(item: Item) -> str:
    """The item's path inside its class folder: ``cat/sub/x.jpg`` → ``sub/x.jpg``; a flat folder's ``x.jpg`` stays."""
    parts = item.key.split("/")
    return "/".join(parts[1:]) if len(parts) > 1 else item.key


def original_names(items: list[Item], folder_input: bool, taken: set[str] | frozenset[str] = frozenset()
                   ) -> dict[str, str]:
    """Relative output path of every item's original: ``<label>/<path inside the class folder>`` for folder inputs
    (a flat folder's files go to ``<label>/<file name>``), ``<label>/<file name>`` for manifest rows with a path,
    ``<label>/<key>.txt`` for inline text. Names that collide with each other or with ``taken`` (the augmented
    outputs) get a short hash of the key."""
    wanted: dict[str, str] = {}
    for it in items:
        if folder_input:
            wanted[it.key] = f"{it.label}/{in_class_path(it)}"
        elif it.path is not None:
            wanted[it.key] = f"{it.label}/{Path(it.path).name}"
        else:
            wanted[it.key] = f"{it.label}/{slug(it.key)}.txt"
    counts = Counter(wanted.values())
    names: dict[str, str] = {}
    for key, rel in wanted.items():
        if counts[rel] > 1 or rel in taken:
            p = Path(rel)
            rel = p.with_name(f"{p.stem}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}{p.suffix}").as_posix()
        names[key] = rel
    return names


def sha256_file(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _link(src: Path, dst: Path) -> bool:
    """Hard-link ``src`` at ``dst`` atomically (temporary name, then rename); False when the file system refuses."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = dst.parent / f".{dst.name}.{secrets.token_hex(6)}.tmp{dst.suffix}"  # removed by --resume if left
        try:
            os.link(src, tmp)
            break
        except FileExistsError:
            continue
        except OSError:  # other device, no hard links on this file system, permissions, link limit
            return False
    try:
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def place(item: Item, dst: Path, hard_link: bool = True) -> tuple[str, str]:
    """Put ``item``'s original at ``dst``; returns ``(how, sha256)`` with ``how`` one of ``"link"``, ``"copy"``,
    ``"text"`` (inline text written) or ``"kept"`` (already there with the same bytes)."""
    if item.path is None:
        data = (item.text or "").encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if dst.is_file() and dst.stat().st_size == len(data) and dst.read_bytes() == data:
            return "kept", digest
        atomic_write_bytes(dst, data)
        return "text", digest
    src = Path(item.path)
    if dst.is_file():
        try:
            if os.path.samefile(src, dst):
                return "kept", sha256_file(dst)
        except OSError:
            pass
        if dst.stat().st_size == src.stat().st_size:
            digest = sha256_file(src)
            if sha256_file(dst) == digest:
                return "kept", digest
    if hard_link and _link(src, dst):
        return "link", sha256_file(dst)
    def copy(tmp: str) -> None:
        shutil.copyfile(src, tmp)

    atomic_write(dst, copy)
    return "copy", sha256_file(dst)


def place_originals(items: list[Item], names: dict[str, str], out_dir: Path,
                    sources: dict[str, Any]) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Place every item's original (see :func:`place`); returns their manifest lines (sorted by key) and how many
    were linked / copied / written / kept.

    Args:
        items: the readable items whose originals go to the output.
        names: relative output path per item key (:func:`original_names`).
        out_dir: the expansion's output folder.
        sources: each item's ``source`` field as written in the manifest (path relative to the input, or
            ``{"text": ...}``).
    """
    lines = []
    hows: Counter[str] = Counter()
    for it in sorted(items, key=lambda i: i.key):
        rel = names[it.key]
        how, digest = place(it, out_dir / rel)
        hows[how] += 1
        lines.append({"key": it.key, "label": it.label, "modality": it.modality, "kind": "original", "copy": None,
                      "source": sources[it.key], "output": rel, "sha256": digest,
                      "bboxes": it.bboxes, "bbox_format": it.bbox_format})
    return lines, hows


def remove_originals(names: dict[str, str], keys: set[str], out_dir: Path) -> None:
    """Delete the originals of ``keys`` from the output (items found unreadable after they were placed)."""
    for key in keys:
        rel = names.get(key)
        if rel is not None:
            (out_dir / rel).unlink(missing_ok=True)


__all__ = ["in_class_path", "original_names", "place", "place_originals", "remove_originals", "sha256_file"]
