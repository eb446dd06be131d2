"""Validation rules for augmented outputs, configurable per modality.

Each rule returns a reason string when an output fails it; the expansion then redraws the output with the next
derived seed (up to a limit) or drops it and reports why.

========================  =========================================================================================
rule                      fails when
========================  =========================================================================================
``image_blank``           the grey-level standard deviation is below ``blank_std`` (a flat picture)
``image_saturated``       more than ``saturated_fraction`` of the pixels are pure black or pure white
``boxes_lost``            the source had bounding boxes and none survived
``audio_silent``          the RMS level is below ``silent_dbfs`` dBFS
``audio_clipped``         more than ``clipped_fraction`` of the samples have ``|x| >= 0.999``
``text_empty``            the output is empty or only whitespace
``text_unchanged``        the output equals the source text
========================  =========================================================================================
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError
from ..media.io import as_pil

RULES = ("image_blank", "image_saturated", "boxes_lost", "audio_silent", "audio_clipped", "text_empty",
         "text_unchanged")


@dataclass(frozen=True)
class ValidationConfig:
    """Which rules run and their thresholds.

    Attributes:
        rules: names of the enabled rules (subset of :data:`RULES`); all by default.
        blank_std: minimum grey-level standard deviation of an image (0–255 scale), >= 0.
        saturated_fraction: maximum fraction of pure black/white pixels, in [0, 1].
        silent_dbfs: minimum RMS level of audio in dBFS (<= 0).
        clipped_fraction: maximum fraction of clipped samples, in [0, 1].
    """

    rules: tuple[str, ...] = RULES
    blank_std: float = 2.0
    saturated_fraction: float = 0.95
    silent_dbfs: float = -70.0
    clipped_fraction: float = 0.01
    _set: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rules = tuple(self.rules)
        unknown = [r for r in rules if r not in RULES]
        if unknown:
            raise InvalidParameterError(f"ValidationConfig: unknown rules {unknown}; known: {', '.join(RULES)}",
                                        argument="rules")
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "_set", frozenset(rules))
        if self.blank_std < 0:
            raise InvalidParameterError(f"ValidationConfig: 'blank_std' must be >= 0, got {self.blank_std}",
                                        argument="blank_std")
        for name in ("saturated_fraction", "clipped_fraction"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise InvalidParameterError(f"ValidationConfig: '{name}' must be in [0, 1], got {v}", argument=name)
        if self.silent_dbfs > 0:
            raise InvalidParameterError(f"ValidationConfig: 'silent_dbfs' must be <= 0 dBFS, got {self.silent_dbfs}",
                                        argument="silent_dbfs")

    def on(self, rule: str) -> bool:
        return rule in self._set

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("_set", None)
        d["rules"] = list(self.rules)
        return d


def check_image(image: Any, config: ValidationConfig, src_bboxes: list[Any] | None = None,
                dst_bboxes: list[Any] | None = None) -> list[str]:
    """Reasons an image output fails (empty list = valid)."""
    reasons: list[str] = []
    img = as_pil(image)
    if config.on("image_blank") or config.on("image_saturated"):
        # exact statistics from the 256-bin grey histogram (computed in C, no full-size array)
        hist = np.asarray((img if img.mode == "L" else img.convert("L")).histogram(), dtype=np.float64)
        total = hist.sum()
        levels = np.arange(256, dtype=np.float64)
        mean = float(hist @ levels) / total if total else 0.0
        std = float(np.sqrt(max(float(hist @ (levels - mean) ** 2) / total, 0.0))) if total else 0.0
        if config.on("image_blank") and std < config.blank_std:
            reasons.append(f"image_blank: grey std {std:.2f} < {config.blank_std}")
        if config.on("image_saturated") and total:
            frac = float(hist[0] + hist[255]) / total
            if frac > config.saturated_fraction:
                reasons.append(f"image_saturated: {frac:.1%} of pixels pure black/white > "
                               f"{config.saturated_fraction:.0%}")
    if config.on("boxes_lost") and src_bboxes and (not dst_bboxes or all(b is None for b in dst_bboxes)):
        reasons.append(f"boxes_lost: all {len(src_bboxes)} boxes lost")
    return reasons


def check_audio(audio: np.ndarray, config: ValidationConfig) -> list[str]:
    """Reasons an audio output fails (empty list = valid)."""
    reasons: list[str] = []
    x = np.asarray(audio, dtype=np.float64)
    if config.on("audio_silent"):
        rms = float(np.sqrt(np.mean(x * x))) if x.size else 0.0
        level = 20.0 * np.log10(rms) if rms > 0 else -np.inf
        if level < config.silent_dbfs:
            reasons.append(f"audio_silent: RMS {level:.1f} dBFS < {config.silent_dbfs} dBFS")
    if config.on("audio_clipped") and x.size:
        frac = float(np.count_nonzero(np.abs(x) >= 0.999)) / x.size
        if frac > config.clipped_fraction:
            reasons.append(f"audio_clipped: {frac:.1%} of samples clipped > {config.clipped_fraction:.1%}")
    return reasons


def check_text(text: str, source: str, config: ValidationConfig) -> list[str]:
    """Reasons a text output fails (empty list = valid)."""
    reasons: list[str] = []
    if config.on("text_empty") and not text.strip():
        reasons.append("text_empty: output is empty")
    if config.on("text_unchanged") and text == source:
        reasons.append("text_unchanged: output equals the source")
    return reasons


def check(modality: str, output: Any, source: Any, config: ValidationConfig, *,
          src_bboxes: list[Any] | None = None, dst_bboxes: list[Any] | None = None) -> list[str]:
    """Dispatch to the modality's checks; returns the failure reasons (empty = valid)."""
    if modality == "image":
        return check_image(output, config, src_bboxes, dst_bboxes)
    if modality == "audio":
        return check_audio(output, config)
    if modality == "text":
        return check_text(output, source, config)
    raise InvalidParameterError(f"validation: unknown modality {modality!r}", argument="modality")


__all__ = ["RULES", "ValidationConfig", "check", "check_audio", "check_image", "check_text"]
