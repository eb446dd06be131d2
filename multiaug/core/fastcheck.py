"""Per-parameter validators compiled once from a :class:`~multiaug.core.spec.ParamSpec`.

:meth:`ParamSpec.validate` is the one statement of the rules and their error messages. Most calls pass values
that are already valid in the plainest way (a Python ``float`` inside its range, a ``str`` among the choices, the
default object itself), and for those the full method is mostly type dispatch. :func:`compile_check` returns a
function that accepts exactly such a value in a few operations and returns what ``validate`` would return; every
other value (numpy scalars, bools for numbers, ``None``, NaN/inf, out-of-range values, values with
:class:`~multiaug.core.spec.Check` functions) goes to ``validate`` itself, so results and errors are unchanged.
``tests/core/test_call_path.py`` compares both on valid and invalid values of every registered parameter.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from .spec import ParamSpec, Range

#: ``check(value, function) -> validated value``
Validator = Callable[[Any, str], Any]

#: ints above this are refused by :meth:`ParamSpec.validate` (they overflow as floats); the fast path stays below
_INT_LIMIT = 2**1023


def compile_check(spec: ParamSpec) -> Validator:
    """The validator of ``spec``: :meth:`ParamSpec.validate` with a fast path for plainly valid values."""
    slow = spec.validate
    if spec.checks:  # a Check may read files or registries: always the full method
        return slow
    if spec.kind == "float":
        return _number_check(spec, accept_float=True)
    if spec.kind == "int":
        return _number_check(spec, accept_float=False)
    if spec.kind == "bool":
        return _typed_check(spec, bool)
    if spec.kind == "str":
        return _typed_check(spec, str)
    if spec.kind == "choice" and spec.choices and all(type(c) is str for c in spec.choices):
        choices = frozenset(spec.choices)

        def check_choice(value: Any, function: str) -> Any:
            if type(value) is str and value in choices:
                return value
            return slow(value, function)

        return check_choice
    return slow


def _typed_check(spec: ParamSpec, exact: type) -> Validator:
    slow = spec.validate

    def check(value: Any, function: str) -> Any:
        return value if type(value) is exact else slow(value, function)

    return check


def _bounds(rng: Range | None) -> tuple[Callable[[Any, Any], bool], Any, Callable[[Any, Any], bool], Any]:
    """``(below, low, above, high)`` such that ``below(low, v) and above(v, high)`` holds exactly for the finite
    values inside ``rng`` (and the infinities it allows): an unbounded side compares strictly with an infinity
    unless ``inf_meaning`` allows that infinity."""
    inf_ok = rng is not None and rng.inf_meaning is not None
    unbounded = operator.le if inf_ok else operator.lt
    if rng is None or rng.low is None:
        below, low = unbounded, -math.inf
    else:
        below, low = (operator.lt if rng.low_open else operator.le), rng.low
    if rng is None or rng.high is None:
        above, high = unbounded, math.inf
    else:
        above, high = (operator.lt if rng.high_open else operator.le), rng.high
    return below, low, above, high


def _number_check(spec: ParamSpec, accept_float: bool) -> Validator:
    """``float``/``int`` kinds: an exact ``int`` (and for floats an exact ``float``) inside the range returns as
    ``validate`` returns it (ints unchanged; floats with -0.0 made 0.0). NaN fails every comparison and an
    infinity fails the strict ones, so they reach ``validate`` and its messages."""
    slow = spec.validate
    below, low, above, high = _bounds(spec.range)

    def check(value: Any, function: str) -> Any:
        kind = type(value)
        if kind is float:
            if accept_float and below(low, value) and above(value, high):
                return value + 0.0
        elif kind is int and -_INT_LIMIT <= value <= _INT_LIMIT and below(low, value) and above(value, high):
            return value
        return slow(value, function)

    return check


__all__ = ["Validator", "compile_check"]
