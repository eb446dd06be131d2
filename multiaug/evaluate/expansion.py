"""The two inputs of an evaluation: the originals (with their leakage groups) and their augmented copies.

The copies are made by :func:`multiaug.data.expand` (or read from an existing expansion folder), so every
augmented item is a manifest line that names its source key and replays byte for byte from its records.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, MediaReadError
from ..core.io import read_jsonl
from ..data.expand import expand
from ..data.manifest import Item, load_items
from ..data.presets import PRESET_NAMES
from .splits import LeakageError

_AUG_NAME = re.compile(r"^(?P<stem>.+)__aug\d{3,}$")


def is_expansion(path: Any) -> bool:
    """True if ``path`` is a folder written by ``multiaug expand`` (it holds ``manifest.jsonl`` and ``run.json``)."""
    if not isinstance(path, (str, os.PathLike)):
        return False
    p = Path(path)
    return p.is_dir() and (p / "manifest.jsonl").is_file() and (p / "run.json").is_file()


def check_originals(items: list[Item]) -> None:
    """Refuse a dataset that already contains expand outputs next to their sources (they would be split apart).

    Raises:
        LeakageError: an item is named ``<stem>__augNNN.<ext>`` and an item ``<stem>.*`` is in the dataset.
    """
    stems = {str(Path(it.key).with_suffix("")): it.key for it in items}
    for it in items:
        m = _AUG_NAME.match(str(Path(it.key).with_suffix("")))
        if m and m.group("stem") in stems:
            raise LeakageError(f"evaluate: dataset item '{it.key}' is an augmented copy (expand's naming) of "
                               f"'{stems[m.group('stem')]}'; it could be split away from its original. Evaluate "
                               "the originals only and pass the expansion folder as the plan (--augmented DIR)")


def content_groups(items: list[Item]) -> dict[str, str]:
    """Group id of every item key: exact duplicates (same bytes / same text) share the group of the first key."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for it in items:
        if it.path is not None:
            try:
                data = Path(it.path).read_bytes()
            except OSError as exc:
                raise MediaReadError(f"evaluate: cannot read '{it.path}': {exc}") from None
        else:
            data = (it.text or "").encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        out[it.key] = first.setdefault(digest, it.key)
    return out


def augmented_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines of augmented copies (expand also lists the originals it placed, as ``kind="original"``)."""
    return [ln for ln in lines if ln.get("kind", "augmented") == "augmented"]


def originals_of(folder: Path) -> list[Item]:
    """The originals of an expansion folder, as items keyed like its augmented lines (their sources' keys).

    Uses the ``kind="original"`` lines (the copies expand placed beside the augmented files); an expansion made
    without originals is read from its recorded input instead.

    Raises:
        MediaReadError: neither is available.
    """
    lines = read_expansion(folder)
    originals = [ln for ln in lines if ln.get("kind") == "original"]
    if originals:
        return sorted((Item(key=ln["key"], label=ln["label"], modality=ln["modality"], path=str(folder / ln["output"]))
                       for ln in originals), key=lambda it: it.key)
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    src = Path(str(run.get("input", "")))
    if not src.exists():
        raise MediaReadError(f"evaluate: the expansion '{folder}' lists no originals and its input '{src}' is gone; "
                             "pass the original dataset and --augmented DIR")

    return load_items(src, **(run.get("manifest_options") or {}))[0]


def read_expansion(folder: Path) -> list[dict[str, Any]]:
    """The manifest lines of an expansion folder (originals and augmented copies)."""
    return read_jsonl(folder / "manifest.jsonl", f"evaluate: '{folder / 'manifest.jsonl'}'")


def obtain(dataset: Path, plan: Any, aug_dir: Path, *, copies: int | None, balance_to: int | None, seed: int,
           workers: int, dedup: Any, validation: Any, manifest_options: dict[str, Any] | None,
           quiet: bool) -> tuple[Path, list[dict[str, Any]], dict[str, Any]]:
    """Make (or read) the augmented copies: (their folder, manifest lines, a description for the report).

    Args:
        dataset: the originals (folder or manifest).
        plan: a preset name, a pipeline (document, transform, JSON text or path, or a per-modality mapping), or
            the folder of an earlier ``multiaug expand`` run of ``dataset``.
        aug_dir: where a new expansion is written.
        copies, balance_to: how many copies (exactly one of them unless ``plan`` is an expansion folder).
    """

    if is_expansion(plan):
        if copies is not None or balance_to is not None:
            raise InvalidParameterError("evaluate: 'copies'/'balance_to' do not apply to an existing expansion "
                                        f"('{plan}')", argument="copies")
        folder = Path(plan).resolve()
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        return folder, augmented_lines(read_expansion(folder)), {
            "kind": "expansion", "folder": str(folder), "copies": run.get("copies"),
            "balance_to": run.get("balance_to"), "seed": run.get("seed"), "pipelines": run.get("pipelines", {}),
            "expanded_input": run.get("input")}

    if plan is None:
        plan = "medium"
    if copies is None and balance_to is None:
        copies = 5
    is_preset = isinstance(plan, str) and plan in PRESET_NAMES
    report = expand(dataset, aug_dir, copies=copies, balance_to=balance_to, originals=False,
                    pipeline=None if is_preset else plan, preset=plan if is_preset else None, seed=seed,
                    workers=workers, dedup=dedup, validation=validation, manifest_options=manifest_options,
                    quiet=quiet)
    run = json.loads((aug_dir / "run.json").read_text(encoding="utf-8"))
    return aug_dir, augmented_lines(read_expansion(aug_dir)), {
        "kind": "preset" if is_preset else "pipeline", "preset": plan if is_preset else None, "copies": copies,
        "balance_to": balance_to, "seed": seed, "pipelines": run.get("pipelines", {}),
        "outputs": report["totals"]["outputs"], "dropped": report["totals"]["dropped"],
        "rejected_attempts": report["totals"]["rejected_attempts"], "seconds": report["run"]["seconds"]}


def check_lines(lines: list[dict[str, Any]], items: list[Item]) -> None:
    """Every augmented copy must come from an item of the dataset, with the same label and modality.

    Raises:
        LeakageError: a copy whose source is not in the dataset (its fold cannot be known).
        InvalidParameterError: a copy whose label or modality differs from its source's.
    """
    by_key = {it.key: it for it in items}
    unknown = sorted({ln["key"] for ln in lines if ln["key"] not in by_key})
    if unknown:
        raise LeakageError(f"evaluate: {len(unknown)} sources of augmented copies are not items of the dataset "
                           f"(e.g. {unknown[:3]}); was the expansion made from another dataset? Copies whose fold "
                           "cannot be known could be copies of test items")
    for ln in lines:
        src = by_key[ln["key"]]
        if ln["label"] != src.label or ln["modality"] != src.modality:
            raise InvalidParameterError(f"evaluate: augmented copy '{ln['output']}' is labelled "
                                        f"{ln['label']!r}/{ln['modality']} but its source '{src.key}' is "
                                        f"{src.label!r}/{src.modality}", argument="plan")


def copy_item(line: dict[str, Any], folder: Path) -> Item:
    """The :class:`Item` of an augmented copy (its file in the expansion folder)."""
    return Item(key=f"{line['key']}#aug{int(line['copy']):03d}", label=line["label"], modality=line["modality"],
                path=str(folder / line["output"]))


__all__ = ["augmented_lines", "check_lines", "check_originals", "content_groups", "copy_item", "is_expansion",
           "obtain", "originals_of", "read_expansion"]
