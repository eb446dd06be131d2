"""Named value pools: a parameter drawn from a shipped set (every emoji, a caption list, the sample photos).

A pool is a named, ordered tuple of parameter values. ``{"$pool": "emoji"}`` in a pipeline document (or
``multiaug.Pool("emoji")`` in Python) draws one value uniformly from the pool on every call, from the node's
``numpy.random.Generator`` — exactly like ``{"$choice": [...]}`` over the pool's values, so the record holds the
value that was drawn and replays without the pool. The pool keeps documents short: "any of the 400 shipped emoji"
is one line instead of 400.

Modalities register their shipped pools when they are imported (image: ``emoji``, ``captions``, ``photos``;
see ``multiaug/image/resources/pools.py``); users add their own with :func:`register_pool`. Values are loaded
lazily, on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .errors import InvalidParameterError, SerializationError

_POOLS: dict[str, tuple[str, Callable[[], Sequence[Any]]]] = {}
_LOADED: dict[str, tuple[Any, ...]] = {}


def register_pool(name: str, values: Sequence[Any] | Callable[[], Sequence[Any]], description: str = "",
                  replace: bool = False) -> None:
    """Register a pool of parameter values under ``name``.

    Args:
        name: the pool's name, as written in ``{"$pool": name}`` (non-empty str).
        values: the values (a non-empty sequence), or a function returning them (called once, on first use).
        description: one line saying what the pool holds (``multiaug.describe_pools()`` lists it).
        replace: allow replacing a pool registered under the same name (else an error).
    """
    if not isinstance(name, str) or not name:
        raise InvalidParameterError("register_pool: argument 'name' must be a non-empty str", argument="name")
    if name in _POOLS and not replace:
        raise InvalidParameterError(f"register_pool: pool '{name}' is already registered (pass replace=True)",
                                    argument="name")
    if callable(values):
        loader = values
    else:
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) == 0:
            raise InvalidParameterError("register_pool: argument 'values' must be a non-empty sequence or a function",
                                        argument="values")
        frozen = tuple(values)
        loader = lambda: frozen  # noqa: E731 - a constant loader
    _POOLS[name] = (description, loader)
    _LOADED.pop(name, None)


def pool_values(name: str) -> tuple[Any, ...]:
    """The values of pool ``name`` (loaded once)."""
    if name not in _LOADED:
        if name not in _POOLS:
            raise SerializationError(f"pool '{name}' is not registered (known: {', '.join(sorted(_POOLS)) or 'none'}); "
                                     f"call multiaug.register_pool('{name}', values) first")
        values = tuple(_POOLS[name][1]())
        if not values:
            raise InvalidParameterError(f"pool '{name}' is empty", argument="$pool")
        _LOADED[name] = values
    return _LOADED[name]


def describe_pools() -> dict[str, str]:
    """Registered pool names → their descriptions."""
    return {name: desc for name, (desc, _) in sorted(_POOLS.items())}


__all__ = ["describe_pools", "pool_values", "register_pool"]
