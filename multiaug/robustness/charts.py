"""Inline SVG charts for the robustness report: small multiples, one panel per series, so no series hides another.

A chart is a wrapping row of small panels sharing one x range and the y range [0, 1]; each panel is titled with its
series' name (no legend to cut). Tick labels use as many decimals as the tick step needs (``50``, ``0.25``), never a
fixed ``50.000``. Every panel carries ``data-series`` and ``data-points`` attributes, so a browser test can check that
each series drew all its points inside its panel.
"""

from __future__ import annotations

import html
import math
from typing import Any

Series = list[tuple[str, list[tuple[Any, Any]]]]

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#393b79", "#637939")


def nice_ticks(lo: float, hi: float, target: int = 4) -> tuple[list[float], float]:
    """Round tick values (steps of 1, 2 or 5 × 10^k) inside [lo, hi], and the step.

    Args:
        lo: lower end of the axis.
        hi: upper end (> lo).
        target: about how many intervals to aim for.
    """
    span = hi - lo
    if not span > 0:
        return [lo], 1.0
    mag = 10 ** math.floor(math.log10(span / max(1, target)))

    def count(step: float) -> int:
        return math.floor(hi / step + 1e-9) - math.ceil(lo / step - 1e-9) + 1

    # the finest round step that gives at most target + 1 ticks (never fewer than 2 when a finer step has them)
    steps = [m * mag for m in (1, 2, 5, 10, 20)]
    step = next((st for st in steps if count(st) <= target + 1), steps[-1])
    if count(step) < 2:
        step = max((st for st in steps if count(st) >= 2), default=step)
    first = math.ceil(lo / step - 1e-9) * step
    return [round(first + k * step, 10) for k in range(count(step))], step


def tick_label(x: float, step: float) -> str:
    """``x`` with the decimals its step needs: ``50`` for step 10, ``0.25`` for step 0.05, ``-0`` never."""
    decimals = 0 if step >= 1 else min(6, -math.floor(math.log10(step) + 1e-9))
    text = f"{x:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


def _title(name: str, x: float, width: float) -> str:
    # about 6.6 px per character at 12 px: squeeze only names that would not fit
    fit = f" textLength='{width:.0f}' lengthAdjust='spacingAndGlyphs'" if len(name) * 6.6 > width else ""
    return (f"<text x='{x:.1f}' y='14' font-size='12' font-weight='bold'{fit}>{html.escape(name)}</text>")


def svg_panels(series: Series, xlabel: str, ylabel: str, *, integer_x: bool = False, width: int = 232,
               height: int = 168) -> str:
    """Small multiples: one inline-SVG panel per series, y in [0, 1], a shared x range.

    Args:
        series: ``[(name, [(x, y), ...]), ...]``; points with ``None`` are left out.
        xlabel: what x is (written once under the panels).
        ylabel: what y is (written once under the panels).
        integer_x: x values are level numbers (1, 2, ...): integer ticks.
        width: width of one panel in px.
        height: height of one panel in px.

    Returns:
        an HTML ``<div class='ma-panels'>`` holding the panels and a caption.
    """
    good_all = [(float(x), float(y)) for _, pts in series for x, y in pts if x is not None and y is not None]
    if good_all:
        x0, x1 = min(x for x, _ in good_all), max(x for x, _ in good_all)
    else:
        x0, x1 = 0.0, 1.0
    if integer_x:
        x0, x1 = 1.0, max(x1, 2.0)
        ticks, step = [float(k) for k in range(int(x0), int(x1) + 1)], 1.0
        x0, x1 = x0 - 0.3, x1 + 0.3
    else:
        if x1 - x0 < 1e-12:
            x0, x1 = x0 - 0.5, x1 + 0.5
        pad = 0.06 * (x1 - x0)
        x0, x1 = x0 - pad, x1 + pad
        ticks, step = nice_ticks(x0, x1)
    left, right, top, bottom = 34, 10, 24, 22
    pw, ph = width - left - right, height - top - bottom

    def sx(x: float) -> float:
        return left + (float(x) - x0) / (x1 - x0) * pw

    def sy(y: float) -> float:
        return top + (1.0 - float(y)) * ph

    panels = []
    for i, (name, pts) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        good = [(float(x), float(y)) for x, y in pts if x is not None and y is not None]
        out = [f"<svg class='ma-panel' data-series='{html.escape(name, quote=True)}' data-points='{len(good)}' "
               f"xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
               f"font-family='sans-serif' font-size='10'>",
               _title(name, 4, width - 8),
               f"<rect x='{left}' y='{top}' width='{pw}' height='{ph}' fill='#fafafa' stroke='#bbb'/>"]
        for y in (0.0, 0.5, 1.0):
            out.append(f"<line x1='{left}' x2='{left + pw}' y1='{sy(y):.1f}' y2='{sy(y):.1f}' stroke='#e4e4e4'/>"
                       f"<text x='{left - 4}' y='{sy(y) + 3.5:.1f}' text-anchor='end'>{tick_label(y, 0.5)}</text>")
        for x in ticks:
            out.append(f"<text x='{sx(x):.1f}' y='{top + ph + 13}' text-anchor='middle'>{tick_label(x, step)}</text>")
        if len(good) > 1:
            path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in good)
            out.append(f"<polyline points='{path}' fill='none' stroke='{color}' stroke-width='2' "
                       "stroke-linejoin='round'/>")
        for k, (x, y) in enumerate(good):
            out.append(f"<circle class='ma-point' cx='{sx(x):.1f}' cy='{sy(y):.1f}' r='3.5' fill='{color}'><title>"
                       f"{html.escape(name)} {k + 1}: x={tick_label(x, step / 100 if not integer_x else 1)}, "
                       f"y={y:.3f}</title></circle>")
        out.append("</svg>")
        panels.append("".join(out))
    caption = (f"<div class='ma-caption'>y: {html.escape(ylabel)} (0–1) · x: {html.escape(xlabel)} · "
               "one panel per transform</div>")
    return f"<div class='ma-panels'>{''.join(panels)}</div>{caption}"


__all__ = ["PALETTE", "nice_ticks", "svg_panels", "tick_label"]
