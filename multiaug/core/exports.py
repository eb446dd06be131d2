"""Populate a modality package namespace: import every family module, export functions and classes."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def populate(namespace: dict[str, Any], package: str, modality: str) -> list[str]:
    """Import each public module of ``package`` (files not starting with ``_``), then export every
    registered function of ``modality``, its generated class, and each module's ``EXPORTS`` names."""
    from .classes import export_classes
    from .registry import _REGISTRY

    pkg = importlib.import_module(package)
    names: list[str] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        for extra in getattr(mod, "EXPORTS", ()):
            namespace[extra] = getattr(mod, extra)
            names.append(extra)
    for (mod_name, fname), entry in sorted(_REGISTRY.items()):
        if mod_name == modality:
            namespace[fname] = entry.public
            names.append(fname)
    names += export_classes(namespace, modality)
    return names
