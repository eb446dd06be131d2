"""Named pipelines per modality (``light``, ``medium``, ``heavy``, ``moderation``) for ``multiaug expand``.

Presets are plain pipeline documents (the JSON schema of :mod:`multiaug.core.pipeline`) that name
augmentations by their registry name. They are checked lazily, when used: a preset that names an augmentation
this installation does not register fails with :class:`PresetUnavailableError` listing what is missing.

=============  ===========================================================================================
preset         intent
=============  ===========================================================================================
``light``      label-preserving, barely visible/audible changes (flip, small crop, mild colour / typos /
               gain and faint noise)
``medium``     the default: typical training augmentation (crop, rotate, colour jitter, blur; typos,
               punctuation, look-alike characters; noise, pitch, tempo)
``heavy``      strong but still recognisable (plus JPEG artefacts, emoji overlays, noise; fancy Unicode,
               zero-width characters; filters and reverb)
``moderation`` the edits people make to slip past content filters (AugLy's purpose): overlays, re-encoding,
               crops, homoglyphs, zero-width characters, split/merged words, pitch/tempo changes with noise
=============  ===========================================================================================
"""

from __future__ import annotations

import copy
from typing import Any

from ..core.errors import InvalidParameterError

PRESET_NAMES = ("light", "medium", "heavy", "moderation")
DEFAULT_PRESET = "medium"


class PresetUnavailableError(InvalidParameterError):
    """A preset names augmentations that are not registered in this installation."""


def _u(lo: float, hi: float) -> dict[str, list[float]]:
    return {"$uniform": [lo, hi]}


def _a(modality: str, name: str, p: float = 1.0, **params: Any) -> dict[str, Any]:
    return {"type": "augmentation", "modality": modality, "name": name, "params": params, "p": p}


def _compose(*children: dict[str, Any], kind: str = "Compose", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "p": 1.0, **extra, "transforms": list(children)}


def _image(name: str) -> dict[str, Any]:
    i = "image"
    if name == "light":
        return _compose(
            _a(i, "hflip", 0.5),
            _a(i, "crop", 0.5, x1=_u(0.0, 0.08), y1=_u(0.0, 0.08), x2=_u(0.92, 1.0), y2=_u(0.92, 1.0)),
            _a(i, "brightness", 0.5, factor=_u(0.85, 1.15)),
            _a(i, "contrast", 0.5, factor=_u(0.85, 1.15)),
        )
    if name == "medium":
        return _compose(
            _a(i, "hflip", 0.5),
            _a(i, "crop", 0.7, x1=_u(0.0, 0.15), y1=_u(0.0, 0.15), x2=_u(0.85, 1.0), y2=_u(0.85, 1.0)),
            _a(i, "rotate", 0.5, degrees=_u(-15.0, 15.0)),
            _a(i, "color_jitter", 0.8, brightness_factor=_u(0.7, 1.3), contrast_factor=_u(0.7, 1.3),
               saturation_factor=_u(0.7, 1.3)),
            _a(i, "blur", 0.3, radius=_u(0.5, 1.5)),
        )
    if name == "heavy":
        return _compose(
            _a(i, "hflip", 0.5),
            _a(i, "crop", 0.8, x1=_u(0.0, 0.25), y1=_u(0.0, 0.25), x2=_u(0.75, 1.0), y2=_u(0.75, 1.0)),
            _a(i, "rotate", 0.7, degrees=_u(-30.0, 30.0)),
            _a(i, "color_jitter", 0.9, brightness_factor=_u(0.5, 1.5), contrast_factor=_u(0.5, 1.5),
               saturation_factor=_u(0.3, 1.7)),
            _a(i, "blur", 0.4, radius=_u(0.5, 3.0)),
            _a(i, "encoding_quality", 0.5, quality=_u(15, 60)),
            _a(i, "overlay_emoji", 0.3, emoji_size=_u(0.1, 0.3), x_pos=_u(0.0, 0.7), y_pos=_u(0.0, 0.7)),
        )
    return _compose(  # moderation
        _a(i, "crop", 0.5, x1=_u(0.0, 0.2), y1=_u(0.0, 0.2), x2=_u(0.8, 1.0), y2=_u(0.8, 1.0)),
        _compose(
            _a(i, "overlay_emoji", emoji_size=_u(0.1, 0.35), x_pos=_u(0.0, 0.7), y_pos=_u(0.0, 0.7)),
            _a(i, "rotate", degrees=_u(-20.0, 20.0)),
            _a(i, "blur", radius=_u(1.0, 3.0)),
            _a(i, "color_jitter", brightness_factor=_u(0.6, 1.4), contrast_factor=_u(0.6, 1.4),
               saturation_factor=_u(0.0, 1.5)),
            _a(i, "hflip"),
            kind="SomeOf", n=[1, 3],
        ),
        _a(i, "encoding_quality", 0.7, quality=_u(10, 50)),
    )


def _text(name: str) -> dict[str, Any]:
    t = "text"
    if name == "light":
        return _compose(
            _a(t, "simulate_typos", aug_word_p=_u(0.05, 0.15)),
            _a(t, "change_case", 0.2, granularity="word", case="random", cadence=_u(4.0, 10.0)),
            kind="OneOf",
        )
    if name == "medium":
        return _compose(
            _a(t, "simulate_typos", aug_word_p=_u(0.1, 0.3)),
            _a(t, "insert_punctuation_chars", granularity="word", cadence=_u(5.0, 12.0)),
            _a(t, "replace_similar_unicode_chars", aug_word_p=_u(0.1, 0.3)),
            _a(t, "change_case", granularity="word", case="random", cadence=_u(2.0, 6.0)),
            kind="SomeOf", n=[1, 2],
        )
    if name == "heavy":
        return _compose(
            _a(t, "simulate_typos", aug_word_p=_u(0.2, 0.5)),
            _a(t, "insert_punctuation_chars", granularity="word", cadence=_u(1.0, 4.0)),
            _a(t, "replace_similar_unicode_chars", aug_word_p=_u(0.2, 0.5)),
            _a(t, "replace_fun_fonts", aug_p=_u(0.2, 0.5), granularity="word"),
            _a(t, "insert_zero_width_chars", granularity="word", cadence=_u(1.0, 3.0)),
            _a(t, "change_case", granularity="char", case="random", cadence=_u(1.0, 3.0)),
            kind="SomeOf", n=[2, 3],
        )
    return _compose(  # moderation
        _a(t, "replace_similar_unicode_chars", aug_word_p=_u(0.2, 0.5)),
        _a(t, "insert_zero_width_chars", granularity="word", cadence=_u(1.0, 4.0)),
        _a(t, "split_words", aug_word_p=_u(0.1, 0.3)),
        _a(t, "merge_words", aug_word_p=_u(0.1, 0.3)),
        _a(t, "replace_upside_down", aug_p=_u(0.1, 0.3), granularity="word"),
        _a(t, "simulate_typos", aug_word_p=_u(0.1, 0.4)),
        kind="SomeOf", n=[1, 3],
    )


def _audio(name: str) -> dict[str, Any]:
    a = "audio"
    if name == "light":
        return _compose(
            _a(a, "change_volume", volume_db=_u(-8.0, 8.0)),
            _a(a, "pitch_shift", 0.5, n_steps=_u(-0.7, 0.7)),
            _a(a, "add_background_noise", 0.7, snr_level_db=_u(20.0, 35.0)),
        )
    if name == "medium":
        return _compose(
            _a(a, "add_background_noise", 0.7, snr_level_db=_u(10.0, 30.0)),
            _a(a, "pitch_shift", 0.5, n_steps=_u(-2.0, 2.0)),
            _a(a, "tempo", 0.5, factor=_u(0.9, 1.1)),
            _a(a, "change_volume", volume_db=_u(-6.0, 6.0)),
        )
    if name == "heavy":
        return _compose(
            _a(a, "add_background_noise", 0.8, snr_level_db=_u(5.0, 20.0)),
            _a(a, "pitch_shift", 0.6, n_steps=_u(-4.0, 4.0)),
            _a(a, "tempo", 0.6, factor=_u(0.8, 1.25)),
            _a(a, "low_pass_filter", 0.3, cutoff_hz=_u(2000.0, 6000.0)),
            _a(a, "reverb", 0.3, reverberance=_u(20.0, 70.0)),
            _a(a, "change_volume", volume_db=_u(-10.0, 3.0)),
        )
    return _compose(  # moderation
        _compose(
            _a(a, "pitch_shift", n_steps=_u(-3.0, 3.0)),
            _a(a, "tempo", factor=_u(0.85, 1.2)),
            _a(a, "speed", factor=_u(0.9, 1.1)),
            _a(a, "reverb", reverberance=_u(20.0, 60.0)),
            kind="SomeOf", n=[1, 2],
        ),
        _a(a, "add_background_noise", 0.8, snr_level_db=_u(10.0, 25.0)),
        _a(a, "change_volume", volume_db=_u(-6.0, 3.0)),
    )


_BUILDERS = {"image": _image, "text": _text, "audio": _audio}


def preset_document(name: str, modality: str) -> dict[str, Any]:
    """The pipeline document of preset ``name`` for ``modality`` (not yet checked against the registry).

    Args:
        name: one of :data:`PRESET_NAMES`.
        modality: ``"image"``, ``"text"`` or ``"audio"``.
    """
    if name not in PRESET_NAMES:
        raise InvalidParameterError(f"expand: argument 'preset' must be one of {', '.join(PRESET_NAMES)}, got {name!r}",
                                    argument="preset")
    if modality not in _BUILDERS:
        raise InvalidParameterError(f"preset: argument 'modality' must be image, text or audio, got {modality!r}",
                                    argument="modality")
    return {"multiaug_pipeline": True, "version": 1, "modality": modality,
            "pipeline": copy.deepcopy(_BUILDERS[modality](name))}


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
    from ..core.registry import entries

    have = {(e.modality.name, e.name) for e in entries()}
    seen: list[str] = []
    for mod, name in referenced_augmentations(document):
        if (mod, name) not in have and f"{mod}.{name}" not in seen:
            seen.append(f"{mod}.{name}")
    return seen


def load_preset(name: str, modality: str) -> Any:
    """Build the transform of preset ``name`` for ``modality``; raises :class:`PresetUnavailableError` when it
    names augmentations this installation lacks.

    Args:
        name: one of :data:`PRESET_NAMES`.
        modality: ``"image"``, ``"text"`` or ``"audio"``.
    """
    from ..core.pipeline import load_pipeline

    doc = preset_document(name, modality)
    missing = missing_augmentations(doc)
    if missing:
        raise PresetUnavailableError(
            f"preset '{name}' for {modality} uses augmentations that are not registered: {', '.join(missing)}; "
            "pass --pipeline with a pipeline of available augmentations (see `multiaug list`)",
            argument="preset",
        )
    return load_pipeline(doc)


def describe_presets() -> list[dict[str, Any]]:
    """One row per (preset, modality): the augmentations used and whether all are available."""
    rows = []
    for name in PRESET_NAMES:
        for modality in _BUILDERS:
            doc = preset_document(name, modality)
            rows.append({"preset": name, "modality": modality,
                         "augmentations": [n for _, n in referenced_augmentations(doc)],
                         "missing": missing_augmentations(doc)})
    return rows


__all__ = [
    "DEFAULT_PRESET",
    "PRESET_NAMES",
    "PresetUnavailableError",
    "describe_presets",
    "load_preset",
    "missing_augmentations",
    "preset_document",
    "referenced_augmentations",
]
