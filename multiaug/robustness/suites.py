"""Suites: which augmentations, at which severity levels, a robustness run applies.

A suite is a list of transforms, each a registered augmentation name with 3–5 *levels* (parameter sets ordered
from mild to severe). The shipped suites are JSON documents, ``assets/suites/<name>.json`` (:data:`PRESETS`, listed
by :func:`available_suites` and ``multiaug list --suites``); users write their own in the same form::

    {"name": "my-suite", "modality": "image",
     "transforms": [{"name": "encoding_quality",
                     "levels": [{"quality": 90}, {"quality": 50}, {"label": "worst", "params": {"quality": 10}}]},
                    {"name": "hflip", "levels": [{}]}]}

A level is either a dict of parameters, or ``{"label": ..., "params": {...}}``. Suites may reference
augmentations that are not registered (yet): :func:`available_suites` lists what is missing and running such a
suite raises :class:`~multiaug.core.errors.InvalidParameterError` naming the missing functions (or skips them
with ``skip_missing=True``).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..assets import assets_dir
from ..core.errors import InvalidParameterError, SerializationError
from ..core.registry import entries, get_entry

MODALITIES = ("image", "text", "audio")


class _SuiteFiles(Mapping[str, dict[str, Any]]):
    """The shipped suites, ``assets/suites/<name>.json``, read on first use (name → the suite's JSON form)."""

    def __init__(self) -> None:
        self._data: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            data = {}
            for path in sorted((assets_dir() / "suites").glob("*.json")):
                try:
                    doc = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise SerializationError(f"suite file '{path}': cannot read JSON ({exc})") from None
                if not isinstance(doc, dict):
                    raise SerializationError(f"suite file '{path}': a suite must be a JSON object")
                doc.pop("name", None)  # the file name is the suite's name
                data[path.stem] = doc
            self._data = data
        return self._data

    def __getitem__(self, name: str) -> dict[str, Any]:
        return copy.deepcopy(self._load()[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


#: the shipped suites (``assets/suites/*.json``), keyed by name. Levels go from mild to severe; parameter names are
#: AugLy's.
PRESETS: Mapping[str, dict[str, Any]] = _SuiteFiles()


@dataclass
class Level:
    """One severity level of a transform: a label and the parameters passed to the augmentation."""

    label: str
    params: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "params": copy.deepcopy(self.params)}


@dataclass
class SuiteTransform:
    """A registered augmentation name and its levels, mild to severe."""

    name: str
    levels: list[Level]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "levels": [lv.to_json() for lv in self.levels]}


@dataclass
class Suite:
    """A named list of transforms × levels for one modality.

    Attributes:
        name: suite name (preset name or the user's).
        modality: "image", "text" or "audio".
        transforms: the transforms in run order.
        description: one-line description.
    """

    name: str
    modality: str
    transforms: list[SuiteTransform]
    description: str = ""
    skipped: list[str] = field(default_factory=list)

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any], *, where: str = "suite") -> Suite:
        """Build and check the structure of a suite from its JSON form (see the module docstring)."""
        if not isinstance(data, dict):
            raise SerializationError(f"{where}: a suite must be a JSON object, got {type(data).__name__}")
        modality = data.get("modality")
        if modality not in MODALITIES:
            raise InvalidParameterError(f"{where}: 'modality' must be one of {', '.join(MODALITIES)}, got {modality!r}",
                                        argument="modality")
        raw = data.get("transforms")
        if not isinstance(raw, list) or not raw:
            raise InvalidParameterError(f"{where}: 'transforms' must be a non-empty list", argument="transforms")
        transforms: list[SuiteTransform] = []
        seen: set[str] = set()
        for i, t in enumerate(raw):
            if isinstance(t, str):
                t = {"name": t, "levels": [{}]}
            if not isinstance(t, dict) or not isinstance(t.get("name"), str):
                raise InvalidParameterError(f"{where}: transforms[{i}] must be an object with a 'name'",
                                            argument="transforms")
            name = t["name"]
            if name in seen:
                raise InvalidParameterError(f"{where}: transform '{name}' is listed twice; put all its levels in one "
                                            "entry", argument="transforms")
            seen.add(name)
            raw_levels = t.get("levels", [{}])
            if not isinstance(raw_levels, list) or not raw_levels:
                raise InvalidParameterError(f"{where}: transforms[{i}] ('{name}') needs a non-empty 'levels' list",
                                            argument="levels")
            levels = []
            for k, lv in enumerate(raw_levels):
                if not isinstance(lv, dict):
                    raise InvalidParameterError(f"{where}: '{name}' level {k + 1} must be an object of parameters",
                                                argument="levels")
                if "params" in lv:
                    params = lv["params"]
                    if not isinstance(params, dict):
                        raise InvalidParameterError(f"{where}: '{name}' level {k + 1}: 'params' must be an object",
                                                    argument="levels")
                    label = str(lv.get("label") or _auto_label(params, k))
                else:
                    params = lv
                    label = _auto_label(params, k)
                if "seed" in params:
                    raise InvalidParameterError(f"{where}: '{name}' level {k + 1}: do not set 'seed'; the run derives "
                                                "one per (item, transform, level)", argument="seed")
                levels.append(Level(label, copy.deepcopy(dict(params))))
            transforms.append(SuiteTransform(name, levels))
        return cls(name=str(data.get("name") or "custom"), modality=modality, transforms=transforms,
                   description=str(data.get("description") or ""))

    def to_json(self) -> dict[str, Any]:
        """The suite's JSON form (what :meth:`from_dict` reads)."""
        out = {"name": self.name, "modality": self.modality, "description": self.description,
               "transforms": [t.to_json() for t in self.transforms]}
        if self.skipped:
            out["skipped"] = list(self.skipped)
        return out

    def select(self, names: Iterable[str]) -> Suite:
        """A copy of the suite with only the named transforms (in the given order)."""
        wanted = list(names)
        by_name = {t.name: t for t in self.transforms}
        unknown = [n for n in wanted if n not in by_name]
        if unknown:
            raise InvalidParameterError(f"suite '{self.name}': no transform named {', '.join(unknown)}; it has "
                                        f"{', '.join(by_name)}", argument="names")
        return Suite(self.name, self.modality, [copy.deepcopy(by_name[n]) for n in wanted], self.description)

    # --- checks -------------------------------------------------------------------------------
    def missing(self) -> list[str]:
        """Names of the suite's transforms that are not registered for its modality."""

        have = {e.name for e in entries(self.modality)}
        return [t.name for t in self.transforms if t.name not in have]

    def resolved(self, *, skip_missing: bool = False) -> Suite:
        """Check every transform is registered and every level's parameters are valid.

        Args:
            skip_missing: drop unregistered transforms (listed in ``skipped``) instead of raising.

        Raises:
            InvalidParameterError: unregistered augmentations (naming them), or a level with invalid parameters.
        """

        missing = self.missing()
        if missing and not skip_missing:
            raise InvalidParameterError(
                f"suite '{self.name}' uses {self.modality} augmentations that are not registered: "
                f"{', '.join(missing)}. Install/upgrade multiaug, remove them from the suite, or pass "
                "skip_missing=True (CLI: --skip-missing)", argument="suite")
        kept = [t for t in self.transforms if t.name not in missing]
        if not kept:
            raise InvalidParameterError(f"suite '{self.name}': none of its transforms is registered "
                                        f"({', '.join(missing)})", argument="suite")
        for t in kept:
            entry = get_entry(t.name, self.modality)
            for k, lv in enumerate(t.levels):
                try:
                    entry.validate_params(dict(lv.params))
                except InvalidParameterError as exc:
                    raise InvalidParameterError(f"suite '{self.name}': transform '{t.name}' level {k + 1} "
                                                f"('{lv.label}'): {exc}", argument="suite") from None
        return Suite(self.name, self.modality, copy.deepcopy(kept), self.description, skipped=list(missing))


def _auto_label(params: dict[str, Any], k: int) -> str:
    if not params:
        return "default" if k == 0 else f"level {k + 1}"
    return ", ".join(f"{key}={json.dumps(v, ensure_ascii=False)}" for key, v in params.items())


def get_suite(suite: str | os.PathLike[str] | dict[str, Any] | Suite) -> Suite:
    """A :class:`Suite` from a preset name, a JSON file path, a dict, or a suite.

    Args:
        suite: preset name (see :func:`available_suites`), path to a ``.json`` suite, its dict form, or a Suite.
    """
    if isinstance(suite, Suite):
        return suite
    if isinstance(suite, dict):
        return Suite.from_dict(suite)
    if isinstance(suite, str) and suite in PRESETS:
        return Suite.from_dict({"name": suite, **PRESETS[suite]}, where=f"preset '{suite}'")
    if isinstance(suite, (str, os.PathLike)):
        p = Path(suite)
        if p.is_file():
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise SerializationError(f"suite file '{p}': cannot read JSON ({exc})") from None
            if isinstance(data, dict):
                data.setdefault("name", p.stem)
            return Suite.from_dict(data, where=f"suite file '{p}'")
        raise InvalidParameterError(f"unknown suite {str(suite)!r}: not a preset ({', '.join(PRESETS)}) and not a "
                                    "JSON file", argument="suite")
    raise InvalidParameterError(f"argument 'suite' must be a preset name, a JSON path, a dict or a Suite, got "
                                f"{type(suite).__name__}", argument="suite")


def available_suites() -> list[dict[str, Any]]:
    """The preset suites: name, modality, description, transforms, levels per transform and what is missing.

    ``ready`` is True when every transform of the preset is registered.
    """
    out = []
    for name in PRESETS:
        s = get_suite(name)
        missing = s.missing()
        out.append({"name": name, "modality": s.modality, "description": s.description,
                    "transforms": [t.name for t in s.transforms],
                    "levels": {t.name: len(t.levels) for t in s.transforms},
                    "missing": missing, "ready": not missing})
    return out


__all__ = ["PRESETS", "Level", "Suite", "SuiteTransform", "available_suites", "get_suite"]
