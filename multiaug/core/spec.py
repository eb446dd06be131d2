"""Parameter declarations read from a function's signature.

An augmentation declares each parameter once, in its signature::

    def blur(image, output_path=None,
             radius: Annotated[float, Range(0, None, low_open=True), Unit("px")] = 2.0, ...)

:func:`parse_parameters` turns the signature into :class:`ParamSpec` objects; validation, the
catalogue, the generated class and the docs all read those.
"""

from __future__ import annotations

import inspect
import math
import numbers
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from .errors import InvalidParameterError
from .jsonsafe import to_jsonable


@dataclass(frozen=True)
class Range:
    """Numeric bounds for a parameter. ``None`` means unbounded on that side.

    ``low_open`` / ``high_open`` exclude the bound itself (e.g. radius > 0). Values must be finite: ±inf is
    refused like NaN (for every float parameter, ranged or not) unless ``inf_meaning`` documents what an
    infinite value means for this parameter (e.g. ``"no limit"``).
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    inf_meaning: str | None = None

    def contains(self, value: float) -> bool:
        if isinstance(value, float) and math.isnan(value):
            return False
        if self.low is not None:
            if value < self.low or (self.low_open and value == self.low):
                return False
        if self.high is not None:
            if value > self.high or (self.high_open and value == self.high):
                return False
        return True

    def describe(self) -> str:
        lo = "-inf" if self.low is None else _fmt(self.low)
        hi = "inf" if self.high is None else _fmt(self.high)
        inf_ok = self.inf_meaning is not None
        left = "(" if (self.low_open or (self.low is None and not inf_ok)) else "["
        right = ")" if (self.high_open or (self.high is None and not inf_ok)) else "]"
        meaning = f" ({self.inf_meaning})" if inf_ok else ""
        return f"{left}{lo}, {hi}{right}{meaning}"

    def to_json(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "low_open": self.low_open, "high_open": self.high_open,
                "inf_meaning": self.inf_meaning}


@dataclass(frozen=True)
class Unit:
    """Physical unit of a parameter, e.g. ``Unit("px")``, ``Unit("dB")``, ``Unit("frac of width")``."""

    name: str


@dataclass(frozen=True)
class Check:
    """An extra per-value check: ``Check(fn, "description")``; ``fn(value) -> bool``."""

    fn: Callable[[Any], bool]
    description: str


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


_MISSING = inspect.Parameter.empty
_MAX_FLOAT_INT = 2**1023  # ints above this overflow when a kernel converts them to float
_PURE_DEFAULTS = frozenset({int, float, bool, str, type(None)})


@dataclass
class ParamSpec:
    """One declared parameter of an augmentation."""

    name: str
    default: Any = _MISSING
    kind: str = "any"  # "int", "float", "bool", "str", "choice", "any"
    choices: tuple[Any, ...] | None = None
    range: Range | None = None
    unit: str | None = None
    optional: bool = False
    checks: tuple[Check, ...] = ()
    doc: str = ""
    annotation: str = ""
    numeric_tuple: bool = False  # e.g. a colour (int, int, int): not a sampling range
    extra: dict[str, Any] = field(default_factory=dict)
    #: the default as :meth:`validate_default` returned it (set once, when validating it cannot depend on anything else)
    _valid_default: Any = field(default=_MISSING, init=False, repr=False, compare=False)

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("int", "float")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.kind,
            "annotation": self.annotation,
            "default": None if self.required else to_jsonable(self.default),
            "required": self.required,
            "choices": list(self.choices) if self.choices is not None else None,
            "range": self.range.to_json() if self.range else None,
            "range_text": self.range.describe() if self.range else None,
            "unit": self.unit,
            "optional": self.optional,
            "doc": self.doc,
        }

    def coerce(self, value: Any) -> Any:
        """Undo JSON's lossy forms: lists become tuples for tuple-typed parameters, "inf"/"nan" become floats."""
        if isinstance(value, list) and (self.numeric_tuple or isinstance(self.default, tuple)):
            return tuple(value)
        if self.kind == "float" and isinstance(value, str) and value in ("inf", "-inf", "nan"):
            return float(value)
        return value

    def validate(self, value: Any, function: str) -> Any:
        """Check ``value`` (after :meth:`coerce`); return it (ints given for float params stay ints). Raise on error."""
        exact = type(value)  # exact int/float skip coerce and the slow numbers.* ABC checks (same outcome)
        if exact is not float and exact is not int:
            value = self.coerce(value)
        if value is None:
            if self.optional or self.default is None:
                return None
            raise self._error(function, value, "must not be None")
        if self.kind == "choice":
            if value not in self.choices:  # type: ignore[operator]
                allowed = ", ".join(repr(c) for c in self.choices or ())
                raise self._error(function, value, f"must be one of {allowed}")
            return value
        if self.kind == "bool":
            if not isinstance(value, (bool,)) and not (
                hasattr(value, "dtype") and value.dtype.kind == "b"
            ):
                raise self._error(function, value, "must be a bool")
            return bool(value)
        if self.kind in ("int", "float"):
            if exact is float or exact is int:
                integral = exact is int
            elif isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise self._error(function, value, f"must be a number ({self.kind})")
            else:
                integral = isinstance(value, numbers.Integral)
            if self.kind == "int":
                if not integral:
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    else:
                        raise self._error(function, value, "must be an integer")
                value = int(value)
            else:
                if integral:
                    value = int(value)
                else:
                    value = float(value) + 0.0  # -0.0 becomes 0.0 (numpy refuses scale=-0.0, for one)
                if isinstance(value, float) and math.isnan(value):
                    raise self._error(function, value, "must not be NaN")
                if isinstance(value, float) and math.isinf(value) and (self.range is None
                                                                       or self.range.inf_meaning is None):
                    raise self._error(function, value, "must be finite")
            if isinstance(value, int) and abs(value) > _MAX_FLOAT_INT:  # cost rules and kernels use floats
                raise self._error(function, value, "must be finite (too large for a float)")
            if self.range is not None and not self.range.contains(value):
                unit = f" {self.unit}" if self.unit else ""
                raise self._error(function, value, f"must be in {self.range.describe()}{unit}")
        elif self.kind == "str":
            if not isinstance(value, str):
                raise self._error(function, value, "must be a str")
        for check in self.checks:
            ok = False
            try:
                ok = bool(check.fn(value))
            except Exception:  # a check that cannot even evaluate means the value is bad
                ok = False
            if not ok:
                raise self._error(function, value, check.description)
        return value

    @property
    def default_is_constant(self) -> bool:
        """A scalar default without :class:`Check` functions (which may read files or registries): it validates the
        same way every time."""
        return not self.checks and type(self.default) in _PURE_DEFAULTS

    def validate_default(self, function: str) -> Any:
        """:meth:`validate` of the default; a constant default's result (:attr:`default_is_constant`) is kept."""
        if self._valid_default is not _MISSING:
            return self._valid_default
        value = self.validate(self.default, function)
        if self.default_is_constant:
            self._valid_default = value
        return value

    def _error(self, function: str, value: Any, what: str) -> InvalidParameterError:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return InvalidParameterError(
            f"{function}: argument '{self.name}' {what}, got {shown}", function=function, argument=self.name
        )


_ARG_LINE = re.compile(r"^\s{0,8}([A-Za-z_][A-Za-z0-9_]*)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


def parse_docstring_args(doc: str | None) -> dict[str, str]:
    """Read a Google-style ``Args:`` section into {name: description}."""
    if not doc:
        return {}
    lines = inspect.cleandoc(doc).splitlines()
    out: dict[str, str] = {}
    in_args = False
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if stripped in ("Args:", "Arguments:", "Parameters:"):
            in_args = True
            current = None
            continue
        if in_args:
            if stripped and not line.startswith(" ") and stripped.endswith(":"):
                in_args = False
                continue
            if not stripped:
                continue
            m = _ARG_LINE.match(line)
            indent = len(line) - len(line.lstrip())
            if m and indent <= 4:
                current = m.group(1)
                out[current] = m.group(2).strip()
            elif current:
                out[current] = (out[current] + " " + stripped).strip()
    return out


def _unwrap_annotated(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    if typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        return args[0], tuple(args[1:])
    return tp, ()


def _classify(tp: Any) -> tuple[str, tuple[Any, ...] | None, bool, bool]:
    """Return (kind, choices, optional, numeric_tuple) for a bare annotation."""
    optional = False
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) != len(typing.get_args(tp))
        if len(args) == 1:
            kind, choices, _, nt = _classify(args[0])
            return kind, choices, optional, nt
        if set(args) <= {int, float}:
            return "float", None, optional, False
        return "any", None, optional, False
    if origin is Literal:
        return "choice", tuple(typing.get_args(tp)), optional, False
    if tp is bool:
        return "bool", None, optional, False
    if tp is int:
        return "int", None, optional, False
    if tp is float:
        return "float", None, optional, False
    if tp is str:
        return "str", None, optional, False
    if origin is tuple:
        return "any", None, optional, True
    return "any", None, optional, False


def parse_parameters(
    func: Callable[..., Any], skip: set[str] | frozenset[str], hints: dict[str, Any] | None = None
) -> tuple[list[ParamSpec], inspect.Signature]:
    """Build :class:`ParamSpec` objects for every parameter of ``func`` not in ``skip``.

    ``hints``: ``typing.get_type_hints(func, include_extras=True)`` when the caller has it already."""
    sig = inspect.signature(func)
    if hints is None:
        hints = typing.get_type_hints(func, include_extras=True)
    docs = parse_docstring_args(func.__doc__)
    specs: list[ParamSpec] = []
    for name, param in sig.parameters.items():
        if name in skip or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        tp = hints.get(name, Any)
        bare, meta = _unwrap_annotated(tp)
        kind, choices, optional, numeric_tuple = _classify(bare)
        spec = ParamSpec(
            name=name,
            default=param.default,
            kind=kind,
            choices=choices,
            optional=optional or param.default is None,
            doc=docs.get(name, ""),
            annotation=_annotation_text(bare),
            numeric_tuple=numeric_tuple,
        )
        checks = []
        for m in meta:
            if isinstance(m, Range):
                spec.range = m
            elif isinstance(m, Unit):
                spec.unit = m.name
            elif isinstance(m, Check):
                checks.append(m)
        spec.checks = tuple(checks)
        specs.append(spec)
    return specs, sig


def public_type(tp: Any) -> Any:
    """The type a user sees for a declared annotation: ``Annotated[...]`` metadata removed (``_FRAC`` →
    ``float``, ``Annotated[int, Range(1, None)] | None`` → ``int | None``)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return public_type(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        args = tuple(public_type(a) for a in typing.get_args(tp))
        out = args[0]
        for a in args[1:]:
            out = out | a  # type: ignore[operator]
        return out
    return tp


def _annotation_text(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    text = str(tp).replace("typing.", "")
    return text
