"""Resource limits: what one call may produce, checked from the declared cost BEFORE any work is done.

An augmentation whose output size (or work) depends on its arguments declares a cost rule next to its
intensity rule::

    def _pad_cost(params, size):
        '''output W·H = (W + 2·int(w_factor·W))·(H + 2·int(h_factor·H))'''
        return [output_pixels(size["width"] * (1 + 2 * params["w_factor"]),
                              size["height"] * (1 + 2 * params["h_factor"]), "w_factor")]

    @augmentation(IMAGE, intensity=..., bbox=..., cost=_pad_cost)
    def pad(image, ...): ...

``size`` holds the input's dimensions as the modality measures them (image: ``width``, ``height``,
``channels``; text: ``chars`` (longest document), ``docs``; audio: ``samples``, ``channels``,
``sample_rate``; tabular: ``rows``, ``columns`` and the ``table`` itself). The core checks every :class:`Cost` against the :class:`Limits` in force and raises
:class:`~multiaug.core.errors.ResourceLimitError` (naming the argument, the cost and the limit) before the
kernel runs. A cost of an empty output (0 pixels / samples) is refused with an
:class:`~multiaug.core.errors.InvalidParameterError` as well: multiaug never returns empty media.

The limits are generous defaults, not quality judgements; raise them for a call or for the process:

    with multiaug.limits(output_pixels=400_000_000):     # this thread / asyncio task only
        big = multiaug.image.scale(img, factor=20)
    multiaug.set_limits(output_samples=None)              # process-wide; None = unlimited

See docs/LIMITS.md for the table.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from .errors import InvalidParameterError, ResourceLimitError


@dataclass(frozen=True)
class Limits:
    """The limits in force. ``None`` disables a limit."""

    #: pixels (W·H) of an output image, and of any image an augmentation builds on the way (24 MP photo × 4)
    output_pixels: int | None = 100_000_000
    #: samples of an output signal, all channels counted (2**28 ≈ 1 GiB of float32; ≈ 93 min of 48 kHz mono)
    output_samples: int | None = 268_435_456
    #: characters of one output document (10 M ≈ a 10 MB text; a 1 MB input may grow tenfold)
    output_chars: int | None = 10_000_000
    #: side of a filter kernel or window whose cost grows with it (blur, median filters), in px / frames
    kernel_size: int | None = 4_097
    #: cells (rows × columns) of an output table (10**8 ≈ 800 MB of float64)
    output_cells: int | None = 100_000_000

    def replace(self, **changes: Any) -> Limits:
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise InvalidParameterError(
                f"limits: unknown limit {', '.join(sorted(unknown))}; known: {', '.join(LIMIT_NAMES)}",
                argument=sorted(unknown)[0])
        for name, value in changes.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise InvalidParameterError(f"limits: '{name}' must be a positive int or None, got {value!r}",
                                            argument=name)
        return dataclasses.replace(self, **changes)


LIMIT_NAMES = tuple(f.name for f in dataclasses.fields(Limits))
#: what each limit counts (for messages and docs)
LIMIT_UNITS = {"output_pixels": "pixels", "output_samples": "samples", "output_chars": "characters",
               "kernel_size": "taps", "output_cells": "cells"}

_global = Limits()
_global_lock = threading.Lock()
_override: ContextVar[Limits | None] = ContextVar("multiaug_limits", default=None)


def get_limits() -> Limits:
    """The limits in force for a call made here: the innermost :func:`limits` block, else the global ones."""
    return _override.get() or _global


def set_limits(**changes: Any) -> Limits:
    """Change the process-wide limits (e.g. ``set_limits(output_pixels=None)``); returns the previous ones.

    Threads and asyncio tasks without a :func:`limits` block of their own see the new values. Worker
    processes (``expand --workers``) start from the defaults."""
    global _global
    with _global_lock:
        previous = _global
        _global = _global.replace(**changes)
    return previous


@contextlib.contextmanager
def limits(**changes: Any) -> Iterator[Limits]:
    """Override limits for calls made inside the ``with`` block, in this thread or asyncio task only.

    Blocks nest (an inner block starts from the outer one). Yields the limits in force."""
    new = get_limits().replace(**changes)
    token = _override.set(new)
    try:
        yield new
    finally:
        _override.reset(token)


@dataclass(frozen=True)
class Cost:
    """What a call would consume of one limit, and the argument that drives it."""

    limit: str
    value: float
    argument: str

    def __post_init__(self) -> None:
        if self.limit not in LIMIT_NAMES:
            raise ValueError(f"unknown limit {self.limit!r}")


def output_pixels(width: float, height: float, argument: str) -> Cost:
    """An output image of ``width`` × ``height`` (floats allowed: rounding happens in the kernel)."""
    w, h = float(width), float(height)
    return Cost("output_pixels", _floor_product(w, h), argument)


def output_samples(samples: float, channels: int, argument: str) -> Cost:
    return Cost("output_samples", _floor_product(float(samples), float(channels)), argument)


def output_chars(chars: float, argument: str) -> Cost:
    return Cost("output_chars", float(chars), argument)


def kernel_size(size: float, argument: str) -> Cost:
    return Cost("kernel_size", float(size), argument)


def output_cells(rows: float, columns: int, argument: str) -> Cost:
    return Cost("output_cells", float(rows) * float(columns), argument)


def _floor_product(a: float, b: float) -> float:
    if a < 1 or b < 1:  # a side below one pixel / sample: the output would be empty unless the kernel rounds up
        return math.floor(a) * math.floor(b)
    return a * b


def check_costs(costs: Any, function: str, limits_in_force: Limits | None = None) -> None:
    """Raise if a declared cost exceeds its limit, or if an output would be empty."""
    if not costs:
        return
    if isinstance(costs, Cost):
        costs = [costs]
    lim = limits_in_force or get_limits()
    for cost in costs:
        value = cost.value
        if value != value:  # NaN: a cost rule fed by a value the spec should have refused
            raise InvalidParameterError(f"{function}: argument '{cost.argument}' gives an undefined output size",
                                        function=function, argument=cost.argument)
        if cost.limit in ("output_pixels", "output_samples") and value < 1:
            raise InvalidParameterError(
                f"{function}: argument '{cost.argument}' would produce an empty output "
                f"(0 {LIMIT_UNITS[cost.limit]}); multiaug never returns empty media",
                function=function, argument=cost.argument)
        limit = getattr(lim, cost.limit)
        if limit is not None and value > limit:
            raise ResourceLimitError(function=function, argument=cost.argument, limit_name=cost.limit,
                                     cost=value, limit=limit, unit=LIMIT_UNITS[cost.limit])
