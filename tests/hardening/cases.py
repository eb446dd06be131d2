"""The case lists: every registry entry × odd inputs, × odd arguments, × odd secondary media and output paths.

Everything is derived from the registry (entries, their declared parameters and ranges), so a new augmentation
is covered without editing this file.
"""

from __future__ import annotations

from typing import Any

from multiaug.core.registry import Entry, entries

from . import inputs as odd

#: parameters that take a second piece of media, and the odd values tried for them
SECONDARY = {
    "image": ["image:rgb_1x1", "image:rgb_4000x1", "image:rgb_0x0", "image:dir_path", "image:mode_I;16",
              "image:arr_u8_hw", "image:mode_P_transparent"],
    "audio": ["audio:one_sample", "audio:six_channels", "audio:nan", "audio:stereo_last", "audio:silence"],
}
SECONDARY_PARAMS = {"overlay": "image", "background_image": "image", "mask": "image",
                    "background_audio": "audio", "impulse_audio": "audio"}
#: output_path variants: a normal file, no extension, over a 0444 file, onto an existing directory
OUTPUTS = {"image": ["out.png", "noext", "readonly.png", "existing_dir"],
           "audio": ["out.wav", "noext", "readonly.wav", "existing_dir"],
           "tabular": ["out.csv", "noext", "readonly.csv", "existing_dir"]}


def budget(modality: str, name: str) -> float:
    """Seconds a call on this input may take on a loaded 2-core machine before it counts as a blow-up."""
    if (modality, name) in odd.HEAVY:
        return 30.0
    return 5.0


def input_cases(selection: list[Entry] | None = None, *, heavy: bool = True) -> list[dict[str, Any]]:
    out = []
    for e in selection or entries():
        m = e.modality.name
        for name in odd.INPUTS[m]:
            if not heavy and (m, name) in odd.HEAVY:
                continue
            out.append({"modality": m, "entry": e.name, "input": name, "args": {}, "budget_s": budget(m, name)})
    return out


def heavy_cases(selection: list[Entry] | None = None) -> list[dict[str, Any]]:
    out = []
    for e in selection or entries():
        m = e.modality.name
        for mm, name in sorted(odd.HEAVY):
            if mm == m:
                out.append({"modality": m, "entry": e.name, "input": name, "args": {}, "budget_s": budget(m, name)})
    return out


def argument_cases(selection: list[Entry] | None = None) -> list[dict[str, Any]]:
    out = []
    for e in selection or entries():
        m = e.modality.name
        for spec in e.params:
            for value in odd.odd_values(spec):
                out.append({"modality": m, "entry": e.name, "input": odd.BASELINE[m], "args": {spec.name: value},
                            "budget_s": 5.0})
    return out


def secondary_cases(selection: list[Entry] | None = None) -> list[dict[str, Any]]:
    out = []
    for e in selection or entries():
        m = e.modality.name
        for spec in e.params:
            kind = SECONDARY_PARAMS.get(spec.name)
            if kind is None:
                continue
            for ref in SECONDARY[kind]:
                out.append({"modality": m, "entry": e.name, "input": odd.BASELINE[m],
                            "args": {spec.name: {"$input": ref}}, "budget_s": 5.0})
        if e.name == "overlay_onto_background_image":  # the 4000×1 foreground
            out.append({"modality": m, "entry": e.name, "input": "rgb_4000x1", "args": {}, "budget_s": 5.0,
                        "mem_mb": 200})
    return out


def output_cases(selection: list[Entry] | None = None) -> list[dict[str, Any]]:
    out = []
    for e in selection or entries():
        m = e.modality.name
        if "output_path" not in e.signature.parameters:
            continue
        for name in OUTPUTS.get(m, []):
            out.append({"modality": m, "entry": e.name, "input": odd.BASELINE[m],
                        "args": {"output_path": {"$out": name}}, "budget_s": 5.0})
    return out


def ci_cases(selection: list[Entry] | None = None, *, inputs_per: int = 2, args_per_entry: int = 2) -> list[dict[str, Any]]:
    """A covering sample of :func:`all_cases` (without the heavy inputs) small enough for CI: every odd input on
    ``inputs_per`` entries of its modality (spread round-robin), and for every entry its baseline call,
    ``args_per_entry`` odd argument values, one odd secondary medium and one odd output path (each chosen
    round-robin, so across entries every kind of value is exercised). The full product is
    ``python scripts/hardening_sweep.py``."""
    sel = selection or entries()
    out: list[dict[str, Any]] = []
    by_modality: dict[str, list[Entry]] = {}
    for e in sel:
        by_modality.setdefault(e.modality.name, []).append(e)
    for m, ents in by_modality.items():
        light = [n for n in odd.INPUTS[m] if (m, n) not in odd.HEAVY]
        for r in range(inputs_per):
            for j, name in enumerate(light):
                e = ents[(j + r * max(1, len(ents) // inputs_per)) % len(ents)]
                out.append({"modality": m, "entry": e.name, "input": name, "args": {}, "budget_s": budget(m, name)})
    for i, e in enumerate(sel):
        m = e.modality.name
        out.append({"modality": m, "entry": e.name, "input": odd.BASELINE[m], "args": {}, "budget_s": 5.0})
        args = argument_cases([e])
        for k in range(min(args_per_entry, len(args))):
            out.append(args[(i * 3 + k * (len(args) // args_per_entry + 1)) % len(args)])
        for pool in (secondary_cases([e]), output_cases([e])):
            if pool:
                out.append(pool[i % len(pool)])
    return out


def all_cases(selection: list[Entry] | None = None, *, heavy: bool = True) -> list[dict[str, Any]]:
    return (input_cases(selection, heavy=heavy) + argument_cases(selection) + secondary_cases(selection)
            + output_cases(selection))
