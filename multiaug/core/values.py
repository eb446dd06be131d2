"""Parameter values of the class API: a fixed value, or one drawn per call — :class:`Uniform` (a ``(low, high)``
tuple), :class:`Choice` (a list), :class:`Pool` (a named pool) — with their validation (:func:`value_spec`) and
their JSON form in pipeline documents. The drawn values are what gets recorded, so a record replays exactly."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import InvalidParameterError, SerializationError
from .functions import function_name, resolve_function
from .jsonsafe import to_jsonable
from .pools import pool_values
from .spec import ParamSpec


class Uniform:
    """Draw a number uniformly from ``[low, high]`` (integers inclusive for int parameters)."""

    def __init__(self, low: float, high: float):
        if isinstance(low, bool) or isinstance(high, bool):
            raise InvalidParameterError("Uniform: low and high must be numbers")
        if any(isinstance(v, float) and not math.isfinite(v) for v in (low, high)):
            raise InvalidParameterError(f"Uniform: 'low' and 'high' must be finite, got {low!r}, {high!r}")
        if high < low:
            raise InvalidParameterError(f"Uniform: 'low' ({low}) must be <= 'high' ({high})")
        self.low, self.high = low, high

    def sample(self, rng: np.random.Generator, spec: ParamSpec) -> Any:
        if spec.kind == "int":
            return int(rng.integers(int(self.low), int(self.high) + 1))
        return float(rng.uniform(self.low, self.high))

    def to_json(self) -> dict[str, Any]:
        return {"$uniform": [self.low, self.high]}

    def __repr__(self) -> str:
        return f"Uniform({self.low!r}, {self.high!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Uniform) and (self.low, self.high) == (other.low, other.high)


class Choice:
    """Draw one of ``options`` uniformly (or with ``weights``)."""

    def __init__(self, options: Sequence[Any], weights: Sequence[float] | None = None):
        options = list(options)
        if not options:
            raise InvalidParameterError("Choice: 'options' must not be empty")
        if weights is not None:
            w = np.asarray(weights, dtype=float)
            if w.shape != (len(options),) or (w < 0).any() or w.sum() <= 0:
                raise InvalidParameterError("Choice: 'weights' must be non-negative, one per option, not all 0")
            weights = list(w / w.sum())
        self.options, self.weights = options, weights

    def sample(self, rng: np.random.Generator, spec: ParamSpec) -> Any:
        i = int(rng.choice(len(self.options), p=self.weights))
        return spec.coerce(self.options[i])

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"$choice": to_jsonable(self.options, strict=True)}
        if self.weights is not None:
            d["weights"] = self.weights
        return d

    def __repr__(self) -> str:
        return f"Choice({self.options!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choice) and (self.options, self.weights) == (other.options, other.weights)


class Pool(Choice):
    """Draw one value uniformly from the named pool ``name`` (see :mod:`multiaug.core.pools`): a ``Choice``
    over the pool's values that is written to JSON as ``{"$pool": name}``. The drawn value is recorded."""

    def __init__(self, name: str):
        super().__init__(pool_values(name))
        self.name = name

    def to_json(self) -> dict[str, Any]:
        return {"$pool": self.name}

    def __repr__(self) -> str:
        return f"Pool({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pool) and self.name == other.name


def value_spec(spec: ParamSpec, value: Any, owner: str) -> Any:
    """Interpret a constructor value: fixed, range tuple, choice list, Uniform or Choice; validate it."""
    if isinstance(value, Uniform):
        if not spec.is_numeric:
            raise InvalidParameterError(f"{owner}: argument '{spec.name}' is not numeric; a range is not allowed")
        spec.validate(value.low, owner)
        spec.validate(value.high, owner)
        return value
    if isinstance(value, Choice):
        for option in value.options:
            spec.validate(option, owner)
        return value
    if (
        spec.is_numeric
        and isinstance(value, tuple)
        and len(value) == 2
        and all(not isinstance(v, bool) and isinstance(v, (int, float, np.number)) for v in value)
    ):
        return value_spec(spec, Uniform(value[0], value[1]), owner)
    if isinstance(value, list) and spec.kind in ("int", "float", "str", "choice", "bool"):
        return value_spec(spec, Choice(value), owner)
    return spec.validate(value, owner)


def json_value(value: Any, owner: str, name: str) -> Any:
    if isinstance(value, (Uniform, Choice)):
        return value.to_json()
    if callable(value) and not isinstance(value, type):
        reg = function_name(value)
        if reg is None:
            raise SerializationError(
                f"{owner}: argument '{name}' is an unregistered function ({getattr(value, '__name__', value)!r}); "
                "user functions are serialised by name: call multiaug.register_function(name, fn) first"
            )
        return {"$function": reg}
    try:
        return to_jsonable(value, strict=True)
    except TypeError:
        raise SerializationError(
            f"{owner}: argument '{name}' ({type(value).__name__}) cannot be written to JSON; pass a file path instead"
        ) from None


def value_from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$uniform"}:
            return Uniform(*value["$uniform"])
        if "$choice" in value and set(value) <= {"$choice", "weights"}:
            return Choice(value["$choice"], value.get("weights"))
        if set(value) == {"$function"}:
            return resolve_function(value["$function"])
        if set(value) == {"$pool"}:
            return Pool(value["$pool"])
    return value


__all__ = ["Choice", "Pool", "Uniform", "json_value", "value_from_json", "value_spec"]
