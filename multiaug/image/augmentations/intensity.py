"""Intensity rules shared by several image families (AugLy's 0–100 scale).

A rule is ``rule(params, facts) -> float``: ``params`` are the call's validated parameters, ``facts`` the
``src_*``/``dst_*`` sizes and the kernel's ``info``. The first docstring line is the rule's text in the catalogue.
"""

from __future__ import annotations

from typing import Any


def norm_factor(f: float) -> float:
    """AugLy's ``norm(f)``: 0 if f == 1, else f if f ≥ 1, else 1/f (``inf`` for 0)."""
    if f == 1:
        return 0.0
    if f >= 1:
        return float(f)
    return float("inf") if f == 0 else 1.0 / f


def mult_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """min(norm(factor)·10, 100) with norm(f) = 0 if f == 1, f if f ≥ 1, else 1/f."""
    return min(norm_factor(params["factor"]) * 10.0, 100.0)


def always_100(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 (the operation is applied fully or not at all)."""
    return 100.0


def resize_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """|dst_area − src_area| / max(src_area, dst_area) · 100."""
    src = facts["src_width"] * facts["src_height"]
    dst = facts["dst_width"] * facts["dst_height"]
    return abs(dst - src) / max(src, dst, 1) * 100.0


def overlay(opacity: float, size: float) -> float:
    """AugLy's overlay intensity: opacity · size² · 100."""
    return opacity * size * size * 100.0


def overlay_intensity(size: str) -> Any:
    """AugLy's overlay intensity rule on the ``opacity`` and ``size`` parameters."""

    def rule(params: dict[str, Any], facts: dict[str, Any]) -> float:
        return overlay(params["opacity"], params[size])

    rule.__doc__ = f"overlay(opacity, {size}) = opacity * {size}^2 * 100."
    rule.__name__ = f"overlay_intensity_{size}"
    return rule


def text_area_intensity(params: dict[str, Any], facts: dict[str, Any]) -> float:
    """100 x (area of the drawn text block(s) / image area), capped at 100."""
    return 100.0 * float(facts["info"].get("text_area_fraction", 0.0))
