"""Dataset-level tools: ``expand`` (grow a labelled dataset with augmented copies), manifests, near-duplicate and
validation checks, presets, execution engines and an on-the-fly training wrapper.

``multiaug.data.expand`` is the function (the module of the same name is imported here first, so the name is
bound to the function; use ``from multiaug.data.expand import ...`` for the module's other names). The other
names load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .expand import expand, format_summary, plan_copies, resolve_pipelines

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time these names load on first use (__getattr__)
    from .dedup import DedupConfig, audio_similarity, dhash, hamming, normalized_edit_distance, phash
    from .engines import DaskEngine, LocalEngine
    from .loader import AugmentedDataset, BoxTargets, KeypointTargets, MaskTargets, TargetAdapter
    from .manifest import Item, detect_modality, load_items, read_manifest, scan_folder
    from .presets import PRESET_NAMES, PresetUnavailableError, describe_presets, load_preset, preset_document
    from .training import collate, hf_map_fn, to_chw
    from .validation import ValidationConfig
    from .worker import encode, replay_line

_NAMES = {
    "expand": "expand", "format_summary": "expand", "plan_copies": "expand", "resolve_pipelines": "expand",
    "replay_line": "worker", "encode": "worker",
    "Item": "manifest", "load_items": "manifest", "read_manifest": "manifest", "scan_folder": "manifest",
    "detect_modality": "manifest",
    "DedupConfig": "dedup", "dhash": "dedup", "phash": "dedup", "hamming": "dedup",
    "normalized_edit_distance": "dedup", "audio_similarity": "dedup",
    "ValidationConfig": "validation",
    "LocalEngine": "engines", "DaskEngine": "engines",
    "PRESET_NAMES": "presets", "load_preset": "presets", "preset_document": "presets", "describe_presets": "presets",
    "PresetUnavailableError": "presets",
    "AugmentedDataset": "loader", "BoxTargets": "loader", "TargetAdapter": "loader", "MaskTargets": "loader",
    "KeypointTargets": "loader",
    "to_chw": "training", "collate": "training", "hf_map_fn": "training",
}

__all__ = [
    "PRESET_NAMES",
    "AugmentedDataset",
    "BoxTargets",
    "DaskEngine",
    "DedupConfig",
    "Item",
    "KeypointTargets",
    "LocalEngine",
    "MaskTargets",
    "PresetUnavailableError",
    "TargetAdapter",
    "ValidationConfig",
    "audio_similarity",
    "collate",
    "describe_presets",
    "detect_modality",
    "dhash",
    "encode",
    "expand",
    "format_summary",
    "hamming",
    "hf_map_fn",
    "load_items",
    "load_preset",
    "normalized_edit_distance",
    "phash",
    "plan_copies",
    "preset_document",
    "read_manifest",
    "replay_line",
    "resolve_pipelines",
    "scan_folder",
    "to_chw",
]


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'multiaug.data' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"multiaug.data.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
