"""Class API generated from registry entries, plus the base of compositions.

Every augmentation function gets a CamelCase class whose constructor takes the same parameters
(same order, same defaults) plus ``p`` and ``seed``. Each parameter may be

* a fixed value,
* a ``(low, high)`` tuple for a numeric parameter, drawn uniformly (ints: inclusive integers),
* a list of choices (for numeric, str, bool or literal parameters), drawn uniformly,
* or explicitly ``Uniform(low, high)`` / ``Choice([...])``.

The drawn values are what gets recorded, so a record replays exactly.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import numpy as np

from .errors import InvalidParameterError, UnknownArgumentError
from .io import atomic_write_bytes
from .registry import Entry, Modality, invoke
from .seeds import draw_seed, resolve_seed, rng_from_seed
from .spec import ParamSpec
from .values import Choice, Uniform, json_value, value_spec

#: version of the pipeline JSON document (see :mod:`multiaug.core.pipeline`)
PIPELINE_VERSION = 1
#: value types that are numbers (or None)
_NUMBERS = frozenset({int, float, bool, type(None)})


def _stable(spec: ParamSpec, value: Any) -> bool:
    """Whether validating ``value`` again always gives the same result: numbers (a number, or a tuple of numbers),
    whatever the :class:`~multiaug.core.spec.Check` functions (a check of numbers cannot depend on files or
    registries), and strings without Check functions (a check may look a name or a path up)."""
    kind = type(value)
    if kind in _NUMBERS:
        return True
    if kind is tuple:
        return all(type(v) in _NUMBERS for v in value)
    return kind is str and not spec.checks


class BaseTransform:
    """Common behaviour of augmentation classes and compositions.

    Calling an instance: ``t(media, *modality_args, force=False, metadata=None, seed=None, ...)``.
    The seed of a call is, in order: the ``seed=`` argument; else a draw from the instance's
    generator when the instance was built with ``seed=``; else fresh OS entropy.
    """

    modality: Modality | None = None

    def __init__(self, p: float = 1.0, seed: int | None = None):
        if isinstance(p, bool) or not isinstance(p, (int, float, np.number)) or not 0.0 <= float(p) <= 1.0:
            raise InvalidParameterError(f"{type(self).__name__}: argument 'p' must be in [0, 1], got {p!r}", argument="p")
        self.p = float(p)
        if seed is not None:
            resolve_seed(seed, function=type(self).__name__)
        self.seed = seed if not isinstance(seed, np.random.Generator) else None
        self._rng = np.random.default_rng(seed) if seed is not None else None

    # subclasses implement
    def _run(self, media: Any, *, seed: int | None, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = ()) -> tuple[Any, dict[str, Any]]:
        raise NotImplementedError

    def leaf_entries(self) -> tuple[Entry, ...]:
        """The registered augmentations a call of this transform may run (for checks made before any work, e.g.
        that every one can move the call's targets); empty when unknown."""
        return ()

    def _modality(self) -> Modality:
        if self.modality is None:
            raise InvalidParameterError(f"{type(self).__name__}: cannot tell the modality of an empty composition")
        return self.modality

    def _call_seed(self, seed: Any) -> int:
        if seed is not None:
            return resolve_seed(seed, function=type(self).__name__)
        if self._rng is not None:
            return draw_seed(self._rng)
        return resolve_seed(None)

    def _uses_seed(self, tracked: bool, force: bool) -> bool:
        """Whether a call of this transform reads its seed (draws from it, or records it when ``tracked``); a
        composition does not derive a seed for a child that would not read it (a deterministic step at p = 1
        without records). Conservative default: True."""
        return True

    def _taken(self, call: dict[str, Any]) -> set[str]:
        """The names a call's other keyword arguments may not use (see :meth:`Modality.pop_options`)."""
        mod = self._modality()
        taken = {*mod.class_call_args, *call, *mod.reserved, *mod.target_args, "force", "metadata", "seed"}
        if isinstance(self, AugmentationTransform):
            taken.update(s.name for s in self.entry.params)
        return taken

    def _decide(self, rng: np.random.Generator, force: bool) -> bool:
        if force or self.p >= 1.0:
            return True
        if self.p <= 0.0:
            return False
        return bool(rng.random() < self.p)

    def __call__(self, media: Any, *args: Any, **kwargs: Any) -> Any:
        mod = self._modality()
        names = mod.class_call_args
        if len(args) > len(names):
            raise UnknownArgumentError(
                f"{type(self).__name__}: too many positional arguments; after the media accepted: {', '.join(names)}"
            )
        for name, value in zip(names, args):
            if name in kwargs:
                raise UnknownArgumentError(f"{type(self).__name__}: got multiple values for '{name}'")
            kwargs[name] = value
        force = bool(kwargs.pop("force", False))
        metadata = kwargs.pop("metadata", None)
        seed = kwargs.pop("seed", None)
        call = {k: kwargs.pop(k) for k in list(kwargs) if k in mod.reserved or k in mod.target_args} if kwargs else {}
        opts = mod.pop_options(kwargs, type(self).__name__, self._taken(call)) if kwargs else {}
        run_kwargs: dict[str, Any] = {}
        if kwargs:  # what is left overrides parameters for this call (AugLy's text classes)
            if not isinstance(self, AugmentationTransform):
                raise UnknownArgumentError(f"{type(self).__name__}: unexpected keyword arguments {sorted(kwargs)}")
            known = {spec.name for spec in self.entry.params}
            unknown = sorted(k for k in kwargs if k not in known)
            if unknown:
                raise UnknownArgumentError(
                    f"{type(self).__name__}: unknown argument '{unknown[0]}' for this call; accepted: "
                    f"{', '.join(dict.fromkeys([*sorted(known), *names, *mod.option_args, *mod.target_args, 'metadata', 'seed', 'force']))}",
                    argument=unknown[0])
            run_kwargs["overrides"] = kwargs
        if type(seed) is int and isinstance(self, AugmentationTransform):  # the caller's own seed: cached seeding
            run_kwargs["remember_seed"] = True
        # the instance's generator advances on every call; fresh entropy is not fetched for a call that never reads it
        unread = (seed is None and self._rng is None and "overrides" not in run_kwargs
                  and not self._uses_seed(metadata is not None, force))
        call_seed = None if unread else self._call_seed(seed)
        return invoke(mod, type(self).__name__, metadata, call, opts,
                      lambda targets, records: self._run(media, seed=call_seed, targets=targets, records=records,
                                                         call=call, force=force, **run_kwargs),
                      self.leaf_entries)

    # --- serialisation -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """This transform as a JSON-safe dict (see :func:`multiaug.pipeline_to_dict`)."""
        raise NotImplementedError

    def to_document(self) -> dict[str, Any]:
        """This transform as a versioned pipeline document (see :func:`multiaug.pipeline_to_dict`)."""
        return {
            "multiaug_pipeline": True,
            "version": PIPELINE_VERSION,
            "modality": self._modality().name,
            "pipeline": self.to_dict(),
        }

    def to_json(self, path: Any = None, indent: int = 2) -> str:
        """The pipeline document as JSON text, also written (atomically) to ``path`` when given."""
        text = json.dumps(self.to_document(), indent=indent, ensure_ascii=False)
        if path is not None:
            atomic_write_bytes(path, (text + "\n").encode("utf-8"))
        return text


class AugmentationTransform(BaseTransform):
    """Base of every generated augmentation class (``Blur``, ``ChangeCase``, ...)."""

    entry: Entry

    def __init__(self, *args: Any, p: Any = None, seed: int | None = None, **kwargs: Any):
        p_given = p is not None
        super().__init__(p=1.0 if p is None else p, seed=seed)
        entry = self.entry
        specs = entry.params
        if len(args) == len(specs) + 1:  # AugLy passes p positionally after the parameters
            if p_given:
                raise UnknownArgumentError(f"{type(self).__name__}: got multiple values for 'p'")
            super().__init__(p=args[-1], seed=seed)
            args = args[:-1]
        if len(args) > len(specs):
            raise UnknownArgumentError(f"{type(self).__name__}: too many positional arguments")
        values: dict[str, Any] = {}
        for spec, value in zip(specs, args):
            values[spec.name] = value
        extra_kwargs = {}
        for k, v in kwargs.items():
            if k in values:
                raise UnknownArgumentError(f"{type(self).__name__}: got multiple values for '{k}'")
            if any(s.name == k for s in specs):
                values[k] = v
            elif entry.var_kwargs:
                extra_kwargs[k] = v
            else:
                accepted = ", ".join([s.name for s in specs] + ["p", "seed"])
                raise UnknownArgumentError(
                    f"{type(self).__name__}: unknown argument '{k}'; accepted: {accepted}", argument=k
                )
        self.params: dict[str, Any] = {}
        for spec in specs:
            if spec.name in values:
                self.params[spec.name] = value_spec(spec, values[spec.name], type(self).__name__)
            elif spec.required:
                raise UnknownArgumentError(
                    f"{type(self).__name__}: missing required argument '{spec.name}'", argument=spec.name
                )
            else:
                self.params[spec.name] = spec.default
        self.kwargs = extra_kwargs
        #: whether a parameter is drawn on every call (``params`` is set here, once)
        self._ranged = any(isinstance(v, (Uniform, Choice)) for v in self.params.values())
        #: the validated fixed parameters, kept after the first call when validating them again cannot differ
        self._fixed: dict[str, Any] | None = None
        self._keep_fixed = (not self._ranged and not entry.var_kwargs
                            and all(_stable(spec, self.params[spec.name]) for spec in specs))

    @property
    def modality(self) -> Modality:  # type: ignore[override]
        return self.entry.modality

    def leaf_entries(self) -> tuple[Entry, ...]:
        return (self.entry,)

    def sample_params(self, rng: np.random.Generator, overrides: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[str]]:
        """Draw concrete values for every parameter; returns (values, names that were drawn)."""
        values: dict[str, Any] = {}
        drawn: list[str] = []
        for spec in self.entry.params:
            v = overrides[spec.name] if overrides and spec.name in overrides else self.params[spec.name]
            if isinstance(v, (Uniform, Choice)):
                values[spec.name] = v.sample(rng, spec)
                drawn.append(spec.name)
            else:
                values[spec.name] = v
        if self.entry.var_kwargs:
            values["kwargs"] = dict(self.kwargs)
        return values, drawn

    def _run(self, media: Any, *, seed: int | None, targets: dict[str, Any], records: list[dict[str, Any]] | None,
             call: dict[str, Any], force: bool = False, via: tuple[dict[str, Any], ...] = (),
             overrides: dict[str, Any] | None = None, remember_seed: bool = False) -> tuple[Any, dict[str, Any]]:
        # the call's generator draws the p roll, the ranged parameters and the function's seed, in that order;
        # a call that draws none of them (p = 1, fixed parameters, deterministic augmentation) does not build it
        rng: Any = rng_from_seed(seed, remember=remember_seed) if self._draws(force, overrides) else None
        if not self._decide(rng, force):
            return media, targets
        params, drawn = self._call_params(rng, overrides)
        func_seed = draw_seed(rng) if self.entry.random else None
        provenance = None
        if records is not None:  # only records show it
            provenance = {"class": type(self).__name__, "call_seed": seed, "drawn": drawn, "via": list(via)}
        return self.entry.run(media, params, seed=func_seed, targets=targets, records=records, call=call,
                              provenance=provenance)

    def _call_params(self, rng: Any, overrides: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
        """The validated parameters of one call (a fresh dict) and the names drawn for it."""
        if overrides is None and self._fixed is not None:
            return dict(self._fixed), []
        values, drawn = self.sample_params(rng, overrides)
        params = self.entry.validate_params(values)
        if overrides is None and self._keep_fixed:
            self._fixed = dict(params)
        return params, drawn

    def _draws(self, force: bool, overrides: dict[str, Any] | None = None) -> bool:
        """Whether a call draws from its generator: a random augmentation, a ``p`` to roll, or a ranged parameter."""
        return (self.entry.random or (not force and 0.0 < self.p < 1.0) or self._ranged
                or (overrides is not None and any(isinstance(v, (Uniform, Choice)) for v in overrides.values())))

    def _uses_seed(self, tracked: bool, force: bool) -> bool:
        return tracked or self._draws(force)

    def to_dict(self) -> dict[str, Any]:
        owner = type(self).__name__
        params = {k: json_value(v, owner, k) for k, v in self.params.items()}
        if self.kwargs:
            params["kwargs"] = {k: json_value(v, owner, k) for k, v in self.kwargs.items()}
        d: dict[str, Any] = {
            "type": "augmentation",
            "modality": self.entry.modality.name,
            "name": self.entry.name,
            "class": self.entry.class_name,
            "params": params,
            "p": self.p,
        }
        if self.seed is not None:
            d["seed"] = int(self.seed)
        return d

    def __repr__(self) -> str:
        shown = [f"{k}={v!r}" for k, v in self.params.items() if not _same(v, self.entry.param(k).default)]
        if self.p != 1.0:
            shown.append(f"p={self.p}")
        return f"{type(self).__name__}({', '.join(shown)})"


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:
        return False


def make_class(entry: Entry, module: str) -> type[AugmentationTransform]:
    """Generate the class for ``entry`` (constructor signature mirrors the function's)."""
    doc = (
        f"Class form of :func:`{module}.{entry.name}`.\n\n"
        f"{inspect.getdoc(entry.func) or ''}\n\n"
        "Each parameter may be a fixed value, a ``(low, high)`` range (numeric parameters) or a list of\n"
        "choices; ``p`` is the probability of applying, ``seed`` seeds the instance's generator."
    )
    cls = type(entry.class_name, (AugmentationTransform,), {"entry": entry, "__doc__": doc, "__module__": module})
    params = [
        inspect.Parameter(s.name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          default=(inspect.Parameter.empty if s.required else s.default))
        for s in entry.params
    ]
    params += [
        inspect.Parameter("p", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=1.0),
        inspect.Parameter("seed", inspect.Parameter.KEYWORD_ONLY, default=None),
    ]
    if entry.var_kwargs:
        params.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    cls.__init__.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    cls.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return cls


def make_range_class(
    class_name: str,
    entry: Entry,
    param: str,
    min_arg: tuple[str, float],
    max_arg: tuple[str, float],
    module: str,
    fixed: dict[str, Any] | None = None,
) -> type[AugmentationTransform]:
    """AugLy's ``Random*`` classes: e.g. ``RandomBlur(min_radius=0.0, max_radius=10.0, p=1.0)``."""
    base = make_class(entry, module)
    (min_name, min_default), (max_name, max_default) = min_arg, max_arg
    fixed_names = list(fixed or {})

    def __init__(self: Any, *args: Any, p: Any = None, seed: int | None = None, **kwargs: Any) -> None:
        names = [min_name, max_name, *fixed_names]
        if len(args) == len(names) + 1:  # AugLy passes p positionally last
            if p is not None:
                raise UnknownArgumentError(f"{class_name}: got multiple values for 'p'")
            p, args = args[-1], args[:-1]
        p = 1.0 if p is None else p
        if len(args) > len(names):
            raise UnknownArgumentError(f"{class_name}: too many positional arguments")
        vals = dict(zip(names, args))
        for k, v in kwargs.items():
            if k in vals:
                raise UnknownArgumentError(f"{class_name}: got multiple values for '{k}'")
            if k not in names:
                raise UnknownArgumentError(f"{class_name}: unknown argument '{k}'; accepted: {', '.join(names + ['p', 'seed'])}",
                                           argument=k)
            vals[k] = v
        lo = vals.get(min_name, min_default)
        hi = vals.get(max_name, max_default)
        if lo > hi:
            raise InvalidParameterError(f"{class_name}: '{min_name}' ({lo}) must be <= '{max_name}' ({hi})", argument=min_name)
        other = {k: vals.get(k, (fixed or {})[k]) for k in fixed_names}
        base.__init__(self, p=p, seed=seed, **{param: Uniform(lo, hi)}, **other)

    sig = inspect.Signature(
        [inspect.Parameter(min_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=min_default),
         inspect.Parameter(max_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=max_default)]
        + [inspect.Parameter(k, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=v) for k, v in (fixed or {}).items()]
        + [inspect.Parameter("p", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=1.0),
           inspect.Parameter("seed", inspect.Parameter.KEYWORD_ONLY, default=None)]
    )
    __init__.__signature__ = sig  # type: ignore[attr-defined]
    doc = f"AugLy-compatible range class: :class:`{entry.class_name}` with ``{param}`` drawn uniformly in [{min_name}, {max_name}]."
    return type(class_name, (base,), {"__init__": __init__, "__doc__": doc, "__module__": module, "__signature__": sig})
