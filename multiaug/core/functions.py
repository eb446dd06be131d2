"""Named user functions, so pipelines using ``ApplyLambda`` can be saved and replayed.

``multiaug.register_function("sepia", my_sepia)`` makes ``my_sepia`` serialisable as
``{"$function": "sepia"}``. Unregistered callables are refused by pipeline serialisation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import InvalidParameterError, SerializationError

_FUNCTIONS: dict[str, Callable[..., Any]] = {}


def register_function(name: str, fn: Callable[..., Any] | None = None) -> Any:
    """Register ``fn`` under ``name`` (usable as a decorator: ``@register_function("sepia")``)."""
    if not isinstance(name, str) or not name:
        raise InvalidParameterError("register_function: argument 'name' must be a non-empty str", argument="name")

    def add(f: Callable[..., Any]) -> Callable[..., Any]:
        if not callable(f):
            raise InvalidParameterError("register_function: argument 'fn' must be callable", argument="fn")
        existing = _FUNCTIONS.get(name)
        if existing is not None and existing is not f:
            raise InvalidParameterError(f"register_function: name '{name}' is already registered", argument="name")
        _FUNCTIONS[name] = f
        return f

    return add(fn) if fn is not None else add


def function_name(fn: Any) -> str | None:
    for name, f in _FUNCTIONS.items():
        if f is fn:
            return name
    return None


def resolve_function(name: str) -> Callable[..., Any]:
    try:
        return _FUNCTIONS[name]
    except KeyError:
        raise SerializationError(
            f"function '{name}' is not registered; call multiaug.register_function('{name}', fn) first"
        ) from None


def identity_function(media: Any, *args: Any, **kwargs: Any) -> Any:
    """The default ``aug_function`` of ``apply_lambda``: returns the media unchanged."""
    if args:
        return (media, *args)
    return media


register_function("identity", identity_function)
