"""Named pipelines per modality for ``multiaug expand`` — data, not code.

A preset is a pipeline document (the JSON schema of :mod:`multiaug.core.pipeline`) shipped as
``assets/presets/<modality>/<name>.json`` with two extra top-level keys, ``name`` and ``description``. This module
only finds, reads and checks them; to add a preset, add a file (``python scripts/format_json_assets.py`` lays it
out). :func:`describe_presets` (CLI: ``multiaug list --presets``) lists them with their descriptions.

Documents are checked lazily, when used: a preset that names an augmentation this installation does not register
fails with :class:`PresetUnavailableError` listing what is missing.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

from ..assets import assets_dir
from ..core.errors import InvalidParameterError, SerializationError

MODALITIES = ("image", "text", "audio")
DEFAULT_PRESET = "medium"


class PresetUnavailableError(InvalidParameterError):
    """A preset names augmentations that are not registered in this installation."""


def presets_dir() -> Path:
    """The folder of the shipped preset documents (``assets/presets``)."""
    return assets_dir() / "presets"


@functools.lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], Path]:
    """(name, modality) → document path, for every shipped preset."""
    root = presets_dir()
    found: dict[tuple[str, str], Path] = {}
    for modality in MODALITIES:
        folder = root / modality
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                found[(path.stem, modality)] = path
    return found


def preset_names(modality: str | None = None) -> tuple[str, ...]:
    """Names of the shipped presets (for one modality, or for any), sorted.

    Args:
        modality: ``"image"``, ``"text"``, ``"audio"`` or None for every modality.
    """
    return tuple(sorted({n for n, m in _index() if modality is None or m == modality}))


PRESET_NAMES = preset_names()


@functools.lru_cache(maxsize=64)
def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SerializationError(f"preset file '{path}': cannot read JSON ({exc})") from None
    if not isinstance(data, dict) or "pipeline" not in data:
        raise SerializationError(f"preset file '{path}': not a pipeline document (no 'pipeline' key)")
    return data


def preset_document(name: str, modality: str) -> dict[str, Any]:
    """The pipeline document of preset ``name`` for ``modality`` (a copy; not yet checked against the registry).

    The document is a pipeline document plus ``name`` and ``description``.

    Args:
        name: a preset name (see :func:`preset_names`).
        modality: ``"image"``, ``"text"`` or ``"audio"``.
    """
    if modality not in MODALITIES:
        raise InvalidParameterError(f"preset: argument 'modality' must be image, text or audio, got {modality!r}",
                                    argument="modality")
    path = _index().get((name, modality))
    if path is None:
        if name in PRESET_NAMES:
            raise InvalidParameterError(f"preset '{name}' has no {modality} pipeline (it exists for "
                                        f"{', '.join(m for n, m in _index() if n == name)})", argument="preset")
        raise InvalidParameterError(f"expand: argument 'preset' must be one of {', '.join(PRESET_NAMES)}, got {name!r}",
                                    argument="preset")
    return copy.deepcopy(_read(path))


def referenced_augmentations(node: dict[str, Any]) -> list[tuple[str, str]]:
    """(modality, name) of every augmentation node in a pipeline document or node, in order."""
    node = node.get("pipeline", node)
    if node.get("type") == "augmentation":
        return [(node.get("modality", ""), node.get("name", ""))]
    out: list[tuple[str, str]] = []
    for child in node.get("transforms") or []:
        out.extend(referenced_augmentations(child))
    return out


def missing_augmentations(document: dict[str, Any]) -> list[str]:
    """``modality.name`` of the referenced augmentations that are not registered."""
    from ..core.registry import entries  # lazy: importing the registry loads the modalities

    have = {(e.modality.name, e.name) for e in entries()}
    seen: list[str] = []
    for mod, name in referenced_augmentations(document):
        if (mod, name) not in have and f"{mod}.{name}" not in seen:
            seen.append(f"{mod}.{name}")
    return seen


def check_available(document: dict[str, Any], name: str, modality: str) -> None:
    """Raise :class:`PresetUnavailableError` when ``document`` names augmentations that are not registered."""
    missing = missing_augmentations(document)
    if missing:
        raise PresetUnavailableError(
            f"preset '{name}' for {modality} uses augmentations that are not registered: {', '.join(missing)}; "
            "pass --pipeline with a pipeline of available augmentations (see `multiaug list`)",
            argument="preset",
        )


def load_preset(name: str, modality: str) -> Any:
    """Build the transform of preset ``name`` for ``modality``; raises :class:`PresetUnavailableError` when it
    names augmentations this installation lacks.

    Args:
        name: a preset name (see :func:`preset_names`).
        modality: ``"image"``, ``"text"`` or ``"audio"``.
    """
    from ..core.pipeline import load_pipeline  # lazy: importing the registry loads the modalities

    doc = preset_document(name, modality)
    check_available(doc, name, modality)
    return load_pipeline(doc)


def describe_presets() -> list[dict[str, Any]]:
    """One row per (preset, modality): name, description, the augmentations used and those not registered."""
    rows = []
    for (name, modality) in sorted(_index(), key=lambda k: (k[0], MODALITIES.index(k[1]))):
        doc = preset_document(name, modality)
        rows.append({"preset": name, "modality": modality, "description": str(doc.get("description") or ""),
                     "augmentations": [n for _, n in referenced_augmentations(doc)],
                     "missing": missing_augmentations(doc)})
    return rows


__all__ = [
    "DEFAULT_PRESET",
    "PRESET_NAMES",
    "PresetUnavailableError",
    "check_available",
    "describe_presets",
    "load_preset",
    "missing_augmentations",
    "preset_document",
    "preset_names",
    "presets_dir",
    "referenced_augmentations",
]
