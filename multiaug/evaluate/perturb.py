"""The perturbed copy of the test items: one edit per original from a ``multiaug robustness`` suite.

Original *i* (in key order) gets transform ``i mod T`` of the suite at the chosen severity level, with the seed
the robustness runner would use, ``derive_seed(seed, key, transform, level)``; its record is kept, so every
perturbed item replays with :func:`multiaug.replay`. Each original is in exactly one test fold per repeat, so the
perturbed copy is made once and scored by both models in every fold that tests its original.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import InvalidParameterError
from ..core.seeds import derive_seed
from ..core.tracker import Tracker
from ..robustness.runner import apply_level
from ..robustness.suites import get_suite

LEVELS = ("mild", "middle", "severe")
DEFAULT_SUITES = {"image": "moderation-image", "text": "moderation-text", "audio": "moderation-audio"}


def level_index(level: str | int, n: int) -> int:
    """Index of ``level`` (``mild`` = first, ``middle`` = n // 2, ``severe`` = last, or an int, clipped) of n."""
    if isinstance(level, bool):
        raise InvalidParameterError(f"evaluate: argument 'robustness_level' must be one of {LEVELS} or an int, got "
                                    f"{level!r}", argument="robustness_level")
    if isinstance(level, int):
        return max(0, min(n - 1, level))
    if level == "mild":
        return 0
    if level == "middle":
        return n // 2
    if level == "severe":
        return n - 1
    raise InvalidParameterError(f"evaluate: argument 'robustness_level' must be one of {LEVELS} or an int, got "
                                f"{level!r}", argument="robustness_level")


def resolve_suite(suite: Any, modality: str) -> Any:
    """The suite for ``modality``: ``"auto"`` → the moderation preset of the modality; ``None``/``"none"`` → None.

    A suite of another modality is not used for this one (``None``).
    """

    if suite is None or suite == "none":
        return None
    s = get_suite(DEFAULT_SUITES[modality] if suite == "auto" else suite)
    if s.modality != modality:
        return None
    return s.resolved(skip_missing=True)


def perturb(medias: list[Any], keys: list[str], modality: str, suite: Any, level: str | int,
            seed: int) -> tuple[list[Any], list[dict[str, Any]]]:
    """One perturbed copy per original: (media or ``None`` where the edit failed, one record row per original)."""

    out: list[Any] = []
    rows: list[dict[str, Any]] = []
    for i, (media, key) in enumerate(zip(medias, keys)):
        t = suite.transforms[i % len(suite.transforms)]
        li = level_index(level, len(t.levels))
        s = derive_seed(seed, key, t.name, li)
        row: dict[str, Any] = {"key": key, "transform": t.name, "level": li, "level_label": t.levels[li].label,
                               "params": t.levels[li].params, "seed": s}
        tracker = Tracker()
        try:
            out.append(apply_level(modality, t.name, t.levels[li].params, media, s, tracker))
            row["record"] = tracker[0]
        except Exception as exc:  # noqa: BLE001  (one failed edit leaves that item out of the robustness score)
            out.append(None)
            row["error"] = f"{type(exc).__name__}: {exc}"[:300]
        rows.append(row)
    return out, rows


__all__ = ["DEFAULT_SUITES", "LEVELS", "level_index", "perturb", "resolve_suite"]
