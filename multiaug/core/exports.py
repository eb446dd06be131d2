"""Populate a modality package namespace: import its declarations, export functions, classes and ``EXPORTS``.

A modality in the issue-14 layout keeps its declarations in ``<modality>/augmentations/``: every module of that
folder is imported (no naming conventions), then every registered function of the modality, its generated class
and each imported module's ``EXPORTS`` names are exported. A modality not moved yet is scanned the old way (every
module of the package whose name does not start with ``_``); that branch goes when the last modality moves.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from types import ModuleType
from typing import Any

from .classes import export_classes
from .registry import _REGISTRY


def declaration_modules(package: str) -> list[ModuleType]:
    """The imported modules that declare ``package``'s augmentations (see the module docstring)."""
    folder = f"{package}.augmentations"
    if importlib.util.find_spec(folder) is not None:
        pkg = importlib.import_module(folder)
        infos = sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name)
        return [importlib.import_module(f"{folder}.{info.name}") for info in infos]
    pkg = importlib.import_module(package)  # legacy layout
    infos = sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name)
    return [importlib.import_module(f"{package}.{info.name}") for info in infos if not info.name.startswith("_")]


def populate(namespace: dict[str, Any], package: str, modality: str) -> list[str]:
    """Import the declaration modules of ``package`` (:func:`declaration_modules`), then export every registered
    function of ``modality``, its generated class, and each module's ``EXPORTS`` names."""
    names: list[str] = []
    for mod in declaration_modules(package):
        for extra in getattr(mod, "EXPORTS", ()):
            namespace[extra] = getattr(mod, extra)
            names.append(extra)
    for (mod_name, fname), entry in sorted(_REGISTRY.items()):
        if mod_name == modality:
            namespace[fname] = entry.public
            names.append(fname)
    names += export_classes(namespace, modality)
    return names
