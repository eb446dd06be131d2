"""How a call reaches an augmentation: the call signature a declaration gets (reserved parameters inserted at
AugLy's positions, ``seed`` added, Drawn parameters removed), a fast argument binder, and :func:`invoke` — the part
every entry point shares (function, class, composition, replay): metadata checks, targets, records delivery."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import UnknownArgumentError, UnsupportedInputError
from .modality import Drawn, Modality, ReservedParam
from .records import augly_view

if TYPE_CHECKING:
    from .registry import Entry


def is_drawn(hint: Any) -> bool:
    if hint is Drawn:
        return True
    return typing.get_origin(hint) is typing.Annotated and any(m is Drawn for m in typing.get_args(hint)[1:])


def call_signature(modality: Modality, sig: inspect.Signature, drawn: frozenset[str], has_draw: bool,
                    seed_default: Any) -> inspect.Signature:
    """The declaration's parameters with the modality's reserved ones inserted at AugLy's positions (see
    :class:`ReservedParam`), ``seed`` added for a ``draw`` declaration that does not place it, Drawn parameters
    removed. For an old-style declaration that lists every reserved parameter this is its own signature."""
    P = inspect.Parameter
    params = list(sig.parameters.values())
    present = {p.name for p in params}
    missing = [r for r in modality.reserved_params if r.name not in present]
    if not missing and not drawn and not (has_draw and "seed" not in present):
        return sig
    own = [p for p in params[1:] if p.kind == P.POSITIONAL_OR_KEYWORD]
    kwonly = [p for p in params[1:] if p.kind == P.KEYWORD_ONLY and p.name not in drawn]
    var_kw = [p for p in params if p.kind == P.VAR_KEYWORD]
    if has_draw and "seed" not in present:
        own.append(P("seed", P.POSITIONAL_OR_KEYWORD, default=seed_default, annotation=int | np.random.Generator | None))

    def param(r: ReservedParam) -> inspect.Parameter:
        return P(r.name, P.POSITIONAL_OR_KEYWORD, default=r.default)

    lead = 0
    while lead < len(own) and own[lead].default is P.empty:
        lead += 1
    positional = [param(r) for r in missing if r.place == "second"] + own[:lead]
    positional += [param(r) for r in missing if r.place == "after_required"] + own[lead:]
    positional += [param(r) for r in missing if r.place == "tail"]
    return sig.replace(parameters=[params[0], *positional, *kwonly, *var_kw])


def fast_binder(sig: inspect.Signature, name: str) -> Callable[[tuple[Any, ...], dict[str, Any]], dict[str, Any]]:
    """A binder equivalent to ``sig.bind(...).arguments`` plus defaults, without ``inspect``'s overhead.

    Handles positional-or-keyword and keyword-only parameters and one ``**kwargs``; anything else falls back
    to ``sig.bind``.
    """
    params = list(sig.parameters.values())
    simple = all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in params)
    names = [p.name for p in params if p.kind == p.POSITIONAL_OR_KEYWORD]
    named = [p for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    defaults = {p.name: p.default for p in named if p.default is not p.empty}
    required = [p.name for p in named if p.default is p.empty]
    var_kw = next((p.name for p in params if p.kind == p.VAR_KEYWORD), None)
    known = frozenset(p.name for p in named)
    position = {n: i for i, n in enumerate(names)}

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if not simple:
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError as exc:
                raise UnknownArgumentError(f"{name}: {exc}", function=name) from None
            bound.apply_defaults()
            return dict(bound.arguments)
        given = len(args)
        if given > len(names):
            raise UnknownArgumentError(f"{name}: takes {len(names)} positional arguments but {given} were given",
                                        function=name)
        out = dict(defaults)
        out.update(zip(names, args))
        extra: dict[str, Any] = {}
        for k, v in kwargs.items():
            if k in known:
                if position.get(k, given) < given:
                    raise UnknownArgumentError(f"{name}: got multiple values for argument '{k}'", function=name,
                                                argument=k)
                out[k] = v
            elif var_kw is not None:
                extra[k] = v
            else:
                raise UnknownArgumentError(
                    f"{name}: unexpected argument '{k}'; accepted: {', '.join(p.name for p in named[1:])}",
                    function=name, argument=k)
        for r in required:
            if r not in out:
                raise UnknownArgumentError(f"{name}: missing required argument '{r}'", function=name, argument=r)
        if var_kw is not None:
            out[var_kw] = extra
        return out

    return bind


#: the seed a public call did not give (its entry's default applies)
NO_SEED: Any = object()


def split_binder(sig: inspect.Signature, name: str, reserved: Collection[str]
                 ) -> Callable[[tuple[Any, ...], dict[str, Any]], tuple[Any, dict[str, Any], dict[str, Any], Any]] | None:
    """A public call's arguments split by role in one pass: ``(media, call, given, seed)`` — the media, the
    ``reserved`` arguments (defaults filled in), the parameters the caller gave (their defaults are the validators'
    business) and the seed (:data:`NO_SEED` when not given). Same checks, errors and messages as
    :func:`fast_binder`; None for signatures with ``**kwargs`` or other kinds (use :func:`fast_binder` there)."""
    params = list(sig.parameters.values())
    if not params or any(p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params):
        return None
    names = [p.name for p in params if p.kind == p.POSITIONAL_OR_KEYWORD]
    role = {p.name: (_CALL if p.name in reserved else _SEED if p.name == "seed" else _PARAM) for p in params[1:]}
    role[params[0].name] = _MEDIA
    call_defaults = {p.name: p.default for p in params if role[p.name] is _CALL and p.default is not p.empty}
    required = [(p.name, role[p.name]) for p in params if p.default is p.empty]
    position = {n: i for i, n in enumerate(names)}
    accepted = ", ".join(p.name for p in params[1:])

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, dict[str, Any], dict[str, Any], Any]:
        count = len(args)
        if count > len(names):
            raise UnknownArgumentError(f"{name}: takes {len(names)} positional arguments but {count} were given",
                                       function=name)
        media = args[0] if count else _ABSENT
        call = dict(call_defaults)
        given: dict[str, Any] = {}
        seed = NO_SEED
        for key, value in zip(names[1:count], args[1:]):
            kind = role[key]
            if kind is _PARAM:
                given[key] = value
            elif kind is _CALL:
                call[key] = value
            else:
                seed = value
        for key, value in kwargs.items():
            kind = role.get(key)
            if kind is None:
                raise UnknownArgumentError(f"{name}: unexpected argument '{key}'; accepted: {accepted}",
                                           function=name, argument=key)
            if position.get(key, count) < count:
                raise UnknownArgumentError(f"{name}: got multiple values for argument '{key}'", function=name,
                                           argument=key)
            if kind is _PARAM:
                given[key] = value
            elif kind is _CALL:
                call[key] = value
            elif kind is _SEED:
                seed = value
            else:
                media = value
        for key, kind in required:
            present = media is not _ABSENT if kind is _MEDIA else key in (given if kind is _PARAM else call)
            if not present:
                raise UnknownArgumentError(f"{name}: missing required argument '{key}'", function=name, argument=key)
        return media, call, given, seed

    return bind


#: roles of a public call's arguments (see :func:`split_binder`), and a media argument not given
_MEDIA, _CALL, _SEED, _PARAM = "media", "call", "seed", "param"
_ABSENT: Any = object()


def invoke(
    mod: Modality,
    name: str,
    metadata: Any,
    call: dict[str, Any],
    opts: dict[str, Any],
    run: Callable[[dict[str, Any], list[dict[str, Any]] | None], tuple[Any, dict[str, Any]]],
    entries: Sequence[Entry] | Callable[[], Sequence[Entry]] = (),
) -> Any:
    """The part every entry point shares (function, class, composition, replay): check ``metadata``, build the
    initial targets (checked against ``entries``, the augmentations the call may run, or a function listing them,
    called only when there are targets), ``run(targets, records)``, deliver the records (built only when metadata
    is wanted) and shape the return value."""
    if metadata is not None:
        check_metadata(metadata, name)
    targets = mod.initial_targets({**call, **opts} if opts else call, name)
    if targets and entries:
        mod.check_targets(entries() if callable(entries) else entries, targets, name)
    records: list[dict[str, Any]] | None = [] if metadata is not None else None
    out, new_targets = run(targets, records)
    if records:
        deliver_records(metadata, records)
    return mod.result(out, new_targets, opts)


def check_metadata(metadata: Any, name: str) -> None:
    if metadata is not None and not isinstance(metadata, list):
        raise UnsupportedInputError(
            f"{name}: argument 'metadata' must be a list (or a multiaug.Tracker), got {type(metadata).__name__}"
        )


def deliver_records(metadata: list[Any] | None, records: list[dict[str, Any]]) -> None:
    """Append records to the caller's metadata: full records for a list that asks for them (a
    :class:`~multiaug.core.tracker.Tracker`, whose ``full_records`` is true), AugLy dicts for a plain list."""
    if metadata is None:
        return
    if getattr(metadata, "full_records", False):  # a multiaug.Tracker (core/tracker.py)
        metadata.extend(records)
    else:
        metadata.extend(augly_view(r) for r in records)


__all__ = ["NO_SEED", "call_signature", "check_metadata", "deliver_records", "fast_binder", "invoke", "is_drawn",
           "split_binder"]
