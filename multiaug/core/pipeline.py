"""Pipelines as data: any transform tree ↔ a versioned JSON document.

Schema (``version`` 1)::

    {"multiaug_pipeline": true, "version": 1, "modality": "image",
     "pipeline": {"type": "Compose", "p": 1.0, "transforms": [
         {"type": "augmentation", "modality": "image", "name": "blur", "class": "Blur",
          "params": {"radius": {"$uniform": [1, 3]}}, "p": 0.5}]}}

Parameter values are JSON values, ``{"$uniform": [lo, hi]}``, ``{"$choice": [...]}``, ``{"$pool": "name"}`` (a
named, shipped set of values; :mod:`multiaug.core.pools`) or ``{"$function": "registered-name"}``. Unregistered
functions (lambdas) are refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .classes import class_for
from .compose import COMPOSITIONS
from .errors import SerializationError, UnknownArgumentError
from .registry import get_entry
from .transform import PIPELINE_VERSION, AugmentationTransform, BaseTransform
from .values import value_from_json

_AUGMENTATION_KEYS = frozenset({"type", "modality", "name", "class", "params", "p", "seed"})
_COMPOSITION_KEYS = {"Compose": frozenset(), "OneOf": frozenset({"weights"}), "SomeOf": frozenset({"n"})}


def pipeline_to_dict(transform: BaseTransform) -> dict[str, Any]:
    """The versioned pipeline document of a transform tree."""
    if not isinstance(transform, BaseTransform):
        raise SerializationError(f"pipeline_to_dict: expected a multiaug transform, got {type(transform).__name__}")
    return transform.to_document()


def pipeline_to_json(transform: BaseTransform, path: str | os.PathLike[str] | None = None, indent: int = 2) -> str:
    """:func:`pipeline_to_dict` as JSON text, also written (atomically) to ``path`` when given."""
    if not isinstance(transform, BaseTransform):
        raise SerializationError(f"pipeline_to_json: expected a multiaug transform, got {type(transform).__name__}")
    return transform.to_json(path, indent=indent)


def pipeline_from_dict(data: dict[str, Any]) -> BaseTransform:
    """Rebuild a transform tree from :func:`pipeline_to_dict` output (or a bare node dict)."""
    if not isinstance(data, dict):
        raise SerializationError(f"pipeline_from_dict: expected an object, got {type(data).__name__}")
    if "pipeline" in data:
        version = data.get("version")
        if version != PIPELINE_VERSION:
            raise SerializationError(
                f"pipeline_from_dict: unsupported pipeline version {version!r} (this multiaug reads {PIPELINE_VERSION})"
            )
        return _node(data["pipeline"], "pipeline")
    return _node(data, "pipeline")


def _node(node: Any, where: str) -> BaseTransform:
    if not isinstance(node, dict) or "type" not in node:
        raise SerializationError(f"{where}: each node must be an object with a 'type'")
    kind = node["type"]
    seed = node.get("seed")
    if kind == "augmentation":
        try:
            entry = get_entry(node["name"], node.get("modality"))
        except KeyError:
            raise SerializationError(f"{where}: augmentation node needs 'name' and 'modality'") from None
        _check_keys(node, _AUGMENTATION_KEYS, where)
        cls = class_for(entry)
        params = {k: value_from_json(v) for k, v in (node.get("params") or {}).items()}
        kwargs = params.pop("kwargs", {}) if entry.var_kwargs else {}
        if isinstance(kwargs, dict):
            kwargs = {k: value_from_json(v) for k, v in kwargs.items()}
        try:
            return cls(**params, **kwargs, p=node.get("p", 1.0), seed=seed)
        except UnknownArgumentError as exc:
            raise UnknownArgumentError(f"{where}.params: {exc}", function=entry.name, argument=exc.argument) from None
    if kind in COMPOSITIONS:
        _check_keys(node, frozenset({"type", "p", "seed", "transforms"}) | _COMPOSITION_KEYS.get(kind, frozenset()),
                    where)
        children = [_node(c, f"{where}.transforms[{i}]") for i, c in enumerate(node.get("transforms") or [])]
        extra = {}
        if kind == "OneOf" and node.get("weights") is not None:
            extra["weights"] = node["weights"]
        if kind == "SomeOf":
            n = node.get("n", 1)
            extra["n"] = tuple(n) if isinstance(n, list) else n
        if "p" in node:  # else the composition's own default (RandomApply: 0.5, the others: 1.0)
            extra["p"] = node["p"]
        return COMPOSITIONS[kind](children, seed=seed, **extra)
    raise SerializationError(f"{where}: unknown node type {kind!r}; expected 'augmentation' or one of {sorted(COMPOSITIONS)}")


def _check_keys(node: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    """A misspelt key (``"prob"`` for ``"p"``) is an error, never silently ignored."""
    unknown = sorted(set(node) - allowed)
    if unknown:
        raise UnknownArgumentError(f"{where}: unknown key '{unknown[0]}' in a {node['type']!r} node; accepted: "
                                   f"{', '.join(sorted(allowed))}", argument=unknown[0])


def load_pipeline(source: str | os.PathLike[str] | dict[str, Any]) -> BaseTransform:
    """Load a pipeline from a JSON file path, a JSON string, or a dict."""
    if isinstance(source, dict):
        return pipeline_from_dict(source)
    text: str
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith("{")):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise SerializationError(f"load_pipeline: cannot read '{source}': {exc}") from None
    else:
        text = str(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SerializationError(f"load_pipeline: not valid JSON ({exc})") from None
    return pipeline_from_dict(data)


def save_pipeline(transform: BaseTransform, path: str | os.PathLike[str]) -> None:
    pipeline_to_json(transform, path)


__all__ = ["pipeline_to_dict", "pipeline_to_json", "pipeline_from_dict", "load_pipeline", "save_pipeline",
           "AugmentationTransform"]
