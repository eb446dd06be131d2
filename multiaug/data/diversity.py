"""How varied an expansion's outputs are, computed from their records (``report.json`` → ``diversity``).

For each modality, from the tracker records of every augmented output:

* ``families`` — distinct augmentation families (the declaration module: ``overlay``, ``social``, ``geometry``, …);
* ``augmentations`` — distinct augmentation names;
* ``emoji`` — distinct emoji drawn (image ``overlay_emoji``'s ``emoji_path``; text emoji insertions and
  replacements, from the recorded edits);
* ``frame_layouts`` — distinct screenshot frames (``overlay_onto_screenshot``'s ``layout/theme``, or the template);
* ``captions`` — distinct caption / overlay texts (``meme_format``, ``overlay_text``, ``overlay_wrap_text``
  texts and ``overlay_random_text_with_background`` phrases);

each given **per 100 outputs**: the expected number of distinct values in 100 outputs drawn at random, without
replacement, from all the outputs (exact: Σ over values of 1 − C(N − n_v, 100) / C(N, 100), with n_v the number of
outputs that used value v). With fewer than 100 outputs it is the count over all of them (``sample`` says how
many). The number does not depend on output order, worker count or how many copies were made beyond 100.

``shares`` gives the fraction of outputs in which each kind of edit ran (``memes``, ``screenshots``,
``text_overlays``, ``emoji``, ``collages``, ``jpeg``), and ``by_augmentation`` the fraction per augmentation name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

PER = 100
_KINDS = {
    "memes": {"meme_format"},
    "screenshots": {"overlay_onto_screenshot"},
    "text_overlays": {"overlay_text", "overlay_wrap_text", "overlay_random_text", "overlay_random_text_with_background"},
    "emoji": {"overlay_emoji", "insert_emoji", "replace_words_with_emoji"},
    "collages": {"stack_with", "hstack", "vstack", "collage", "overlay_onto_background_image", "overlay_image"},
    "jpeg": {"encoding_quality"},
}
_VS16 = "\ufe0f"


def family_of(name: str, modality: str) -> str:
    """The family (declaration module) of a registered augmentation, or its name when it is not registered."""
    from ..core.registry import get_entry  # lazy: the registry loads the modalities

    try:
        return get_entry(name, modality).func.__module__.rsplit(".", 1)[-1]
    except (KeyError, AttributeError):
        return name


def _values(record: dict[str, Any]) -> dict[str, set[str]]:
    """What one record contributes: emoji, frame layouts, captions."""
    name, params, info = record.get("name"), record.get("params") or {}, record.get("info") or {}
    out: dict[str, set[str]] = {"emoji": set(), "frame_layouts": set(), "captions": set()}
    if name == "overlay_emoji" and isinstance(params.get("emoji_path"), str):
        out["emoji"].add(params["emoji_path"].replace(_VS16, ""))
    if name in ("insert_emoji", "replace_words_with_emoji"):
        for group in info.get("edits") or []:
            for edit in group if isinstance(group, list) else [group]:
                if isinstance(edit, dict) and edit.get("new", "").strip():
                    out["emoji"].add(edit["new"].strip().replace(_VS16, ""))
    if name == "overlay_onto_screenshot":
        frame = (f"{info.get('layout')}/{info.get('theme')}" if info.get("source") == "procedural"
                 else f"template:{info.get('template')}")
        out["frame_layouts"].add(frame)
    if name in ("meme_format", "overlay_text", "overlay_wrap_text") and isinstance(params.get("text"), str):
        out["captions"].add(params["text"])
    if name == "overlay_random_text_with_background":
        out["captions"].update(o["phrase"] for o in info.get("overlays") or [] if isinstance(o, dict) and "phrase" in o)
    return out


def expected_distinct(counts: Iterable[int], n: int, k: int) -> float:
    """Expected number of distinct values in ``k`` of ``n`` outputs drawn without replacement, when value v is used
    by ``counts[v]`` outputs: Σ_v 1 − C(n − c_v, k) / C(n, k)."""
    total = 0.0
    for c in counts:
        miss = 1.0
        if n - c < k:
            miss = 0.0
        else:
            for i in range(k):
                miss *= (n - c - i) / (n - i)
                if miss == 0.0:
                    break
        total += 1.0 - miss
    return total


def diversity(outputs: list[tuple[str, list[dict[str, Any]]]], per: int = PER) -> dict[str, Any]:
    """The diversity measure per modality.

    Args:
        outputs: one ``(modality, records)`` pair per augmented output (its full tracker records).
        per: the sample size the counts refer to (100).
    """
    by_mod: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
    for modality, records in outputs:
        by_mod[modality].append(list(records or []))
    result: dict[str, Any] = {}
    for modality, outs in sorted(by_mod.items()):
        n, k = len(outs), min(per, len(outs))
        usage: dict[str, defaultdict[str, int]] = {m: defaultdict(int) for m in
                                                   ("families", "augmentations", "emoji", "frame_layouts", "captions")}
        kinds: defaultdict[str, int] = defaultdict(int)
        for records in outs:
            names = {r.get("name") for r in records if isinstance(r.get("name"), str)}
            seen: dict[str, set[str]] = {"families": {family_of(x, modality) for x in names}, "augmentations": names,
                                         "emoji": set(), "frame_layouts": set(), "captions": set()}
            for r in records:
                for key, vals in _values(r).items():
                    seen[key] |= vals
            for key, vals in seen.items():
                for v in vals:
                    usage[key][v] += 1
            for kind, members in _KINDS.items():
                kinds[kind] += bool(names & members)
        entry: dict[str, Any] = {"outputs": n, "sample": k}
        for key, counts in usage.items():
            entry[key] = round(expected_distinct(counts.values(), n, k), 2) if n else 0.0
            entry[f"{key}_total"] = len(counts)
        entry["shares"] = {kind: round(c / n, 4) if n else 0.0 for kind, c in kinds.items() if c or modality == "image"}
        entry["by_augmentation"] = {a: round(c / n, 4) for a, c in sorted(usage["augmentations"].items())}
        result[modality] = entry
    return {"per": per, "method": "expected distinct values in `per` outputs drawn at random without replacement "
                                  "(all outputs when fewer); *_total: distinct values over all outputs",
            "by_modality": result}


__all__ = ["diversity", "expected_distinct", "family_of"]
