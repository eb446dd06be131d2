"""Suites: which augmentations, at which severity levels, a robustness run applies.

A suite is a list of transforms, each a registered augmentation name with 3–5 *levels* (parameter sets ordered
from mild to severe). Presets per modality are built from registry names (:data:`PRESETS`); users write their
own as JSON::

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, SerializationError

MODALITIES = ("image", "text", "audio")


def _lv(label: str, **params: Any) -> dict[str, Any]:
    return {"label": label, "params": params}


#: preset suites, keyed by name. Levels go from mild to severe; parameter names are AugLy's.
PRESETS: dict[str, dict[str, Any]] = {
    "moderation-image": {
        "modality": "image",
        "description": "Edits used to evade image matching/moderation: overlays (emoji, meme caption, "
                       "screenshot frame, stripes), crops, rotations, JPEG, blur, pixelisation, perspective.",
        "transforms": [
            {"name": "overlay_emoji", "levels": [_lv("small", emoji_size=0.1), _lv("medium", emoji_size=0.2),
                                                 _lv("large", emoji_size=0.35), _lv("huge", emoji_size=0.5,
                                                                                   x_pos=0.25, y_pos=0.25)]},
            {"name": "meme_format", "levels": [_lv("thin caption", caption_height=75),
                                               _lv("caption", caption_height=150),
                                               _lv("tall caption", caption_height=250)]},
            {"name": "overlay_onto_screenshot", "levels": [_lv("fit", resize_src_to_match_template=True),
                                                           _lv("crop to fit", crop_src_to_fit=True),
                                                           _lv("small", max_image_size_pixels=40000)]},
            {"name": "crop", "levels": [_lv("5% margins", x1=0.05, y1=0.05, x2=0.95, y2=0.95),
                                        _lv("15% margins", x1=0.15, y1=0.15, x2=0.85, y2=0.85),
                                        _lv("25% margins", x1=0.25, y1=0.25, x2=0.75, y2=0.75),
                                        _lv("35% margins", x1=0.35, y1=0.35, x2=0.65, y2=0.65)]},
            {"name": "rotate", "levels": [_lv("5°", degrees=5.0), _lv("15°", degrees=15.0),
                                          _lv("30°", degrees=30.0), _lv("60°", degrees=60.0)]},
            {"name": "encoding_quality", "levels": [_lv("q90", quality=90), _lv("q70", quality=70),
                                                    _lv("q40", quality=40), _lv("q15", quality=15),
                                                    _lv("q5", quality=5)]},
            {"name": "blur", "levels": [_lv("r1", radius=1.0), _lv("r2", radius=2.0), _lv("r4", radius=4.0),
                                        _lv("r8", radius=8.0)]},
            {"name": "pixelization", "levels": [_lv("1/2", ratio=0.5), _lv("1/4", ratio=0.25),
                                                _lv("1/8", ratio=0.125), _lv("1/16", ratio=0.0625)]},
            {"name": "overlay_stripes", "levels": [_lv("sparse", line_width=0.1, line_density=0.2),
                                                   _lv("medium", line_width=0.3, line_density=0.4),
                                                   _lv("dense", line_width=0.5, line_density=0.6)]},
            {"name": "perspective_transform", "levels": [_lv("σ10", sigma=10.0), _lv("σ30", sigma=30.0),
                                                         _lv("σ60", sigma=60.0), _lv("σ100", sigma=100.0)]},
        ],
    },
    "moderation-text": {
        "modality": "text",
        "description": "Character-level evasions of text filters: typos, homoglyphs, zero-width and bidirectional "
                       "characters, leetspeak, fun fonts, emoji.",
        "transforms": [
            {"name": "simulate_typos", "levels": [_lv("10%", aug_word_p=0.1, aug_char_p=0.1),
                                                  _lv("30%", aug_word_p=0.3, aug_char_p=0.3),
                                                  _lv("60%", aug_word_p=0.6, aug_char_p=0.5)]},
            {"name": "replace_similar_unicode_chars", "levels": [_lv("10%", aug_word_p=0.1, aug_char_p=0.1),
                                                                 _lv("30%", aug_word_p=0.3, aug_char_p=0.3),
                                                                 _lv("60%", aug_word_p=0.6, aug_char_p=0.6),
                                                                 _lv("100%", aug_word_p=1.0, aug_char_p=1.0)]},
            {"name": "insert_zero_width_chars", "levels": [_lv("every 8", cadence=8.0),
                                                           _lv("every 3", cadence=3.0),
                                                           _lv("every char", cadence=1.0)]},
            {"name": "replace_bidirectional", "levels": [_lv("words", granularity="word"),
                                                         _lv("words split", granularity="word", split_word=True),
                                                         _lv("all", granularity="all")]},
            {"name": "encode_text", "levels": [
                _lv("leet 10% chars", encoder="leetspeak", granularity="char", aug_p=0.1, aug_min=1, aug_max=10000),
                _lv("leet 30% words", encoder="leetspeak", granularity="word", aug_p=0.3, aug_min=1, aug_max=10000),
                _lv("leet all", encoder="leetspeak", granularity="all", aug_p=1.0, aug_min=1, aug_max=10000)]},
            {"name": "replace_fun_fonts", "levels": [_lv("10% words", aug_p=0.1, granularity="word"),
                                                     _lv("30% words", aug_p=0.3, granularity="word"),
                                                     _lv("all", aug_p=1.0, granularity="all")]},
            {"name": "insert_emoji", "levels": [_lv("1", num_insertions=1), _lv("3", num_insertions=3),
                                                _lv("6", num_insertions=6)]},
        ],
    },
    "moderation-audio": {
        "modality": "audio",
        "description": "Edits used to evade audio matching: background noise, pitch, tempo, reverb, filters, "
                       "clipping.",
        "transforms": [
            {"name": "add_background_noise", "levels": [_lv("30 dB", snr_level_db=30.0), _lv("20 dB", snr_level_db=20.0),
                                                        _lv("10 dB", snr_level_db=10.0), _lv("0 dB", snr_level_db=0.0)]},
            {"name": "pitch_shift", "levels": [_lv("+0.5 st", n_steps=0.5), _lv("+1 st", n_steps=1.0),
                                               _lv("+2 st", n_steps=2.0), _lv("+4 st", n_steps=4.0)]},
            {"name": "tempo", "levels": [_lv("×1.05", factor=1.05), _lv("×1.1", factor=1.1), _lv("×1.25", factor=1.25),
                                         _lv("×1.5", factor=1.5)]},
            {"name": "reverb", "levels": [_lv("25%", reverberance=25.0), _lv("50%", reverberance=50.0),
                                          _lv("100%", reverberance=100.0)]},
            {"name": "low_pass_filter", "levels": [_lv("4 kHz", cutoff_hz=4000.0), _lv("2 kHz", cutoff_hz=2000.0),
                                                   _lv("1 kHz", cutoff_hz=1000.0), _lv("500 Hz", cutoff_hz=500.0)]},
            {"name": "high_pass_filter", "levels": [_lv("300 Hz", cutoff_hz=300.0), _lv("1 kHz", cutoff_hz=1000.0),
                                                    _lv("3 kHz", cutoff_hz=3000.0)]},
            {"name": "clip", "levels": [_lv("90%", offset_factor=0.05, duration_factor=0.9),
                                        _lv("70%", offset_factor=0.15, duration_factor=0.7),
                                        _lv("50%", offset_factor=0.25, duration_factor=0.5)]},
        ],
    },
}


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
        from ..core.registry import entries

        have = {e.name for e in entries(self.modality)}
        return [t.name for t in self.transforms if t.name not in have]

    def resolved(self, *, skip_missing: bool = False) -> Suite:
        """Check every transform is registered and every level's parameters are valid.

        Args:
            skip_missing: drop unregistered transforms (listed in ``skipped``) instead of raising.

        Raises:
            InvalidParameterError: unregistered augmentations (naming them), or a level with invalid parameters.
        """
        from ..core.registry import get_entry

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
