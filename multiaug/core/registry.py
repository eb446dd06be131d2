"""The registry: each augmentation is declared once and everything else derives from it.

A modality (image, text, audio) subclasses :class:`Modality` to say how its media are loaded,
described, restored and saved and how its targets (bboxes, spans, segments) move. An augmentation
is a plain function decorated with :func:`augmentation`; the decorator reads the signature
(:mod:`multiaug.core.spec`), wraps the function so that it validates, dispatches on the input
type, seeds, records and writes ``output_path``, and registers an :class:`Entry` from which the
class form, catalogue and docs are generated.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .calling import NO_SEED, call_signature, fast_binder, invoke, is_drawn, split_binder
from .errors import InvalidParameterError, RegistrationError, UnknownArgumentError
from .fastcheck import Validator, compile_check
from .limits import check_costs
from .modality import Drawn, Modality, Out, ReservedParam
from .public import append_doc, public_signature
from .records import SCHEMA_VERSION, build_record, clamp_intensity, summarize_drawn
from .seeds import resolve_seed, rng_from_seed
from .spec import ParamSpec, parse_docstring_args, parse_parameters

@dataclass
class Entry:
    """One registered augmentation: the single source of truth for its function, class and docs."""

    name: str
    modality: Modality
    func: Callable[..., Any]
    params: list[ParamSpec]
    signature: inspect.Signature
    intensity: Callable[[dict[str, Any], dict[str, Any]], float]
    rules: dict[str, Any]
    random: bool
    class_name: str
    family: str
    public: Callable[..., Any] | None = None
    var_kwargs: bool = False
    seed_default: Any = None
    example: Any = None
    #: the declaration's signature with the modality's reserved parameters inserted (and ``seed`` for ``draw``
    #: declarations; without Drawn parameters): what calls are bound against
    call_signature: inspect.Signature | None = None
    #: ``draw(rng, params, media) -> dict`` run before the body; its values go to the body's Drawn parameters
    draw: Callable[..., dict[str, Any]] | None = None
    #: the working form the body receives (``None`` for modalities with one form)
    form: Any = None
    #: {working form: kernel}: the body plus kernels registered with ``@public.kernel_for(form)``
    kernels: dict[Any, Callable[..., Any]] = field(default_factory=dict)
    #: True when the body receives the seeded Generator as ``seed`` (declarations without ``draw``)
    body_takes_seed: bool = False
    #: ``rule(params, size) -> Cost | list[Cost]``: what a call would produce, checked against the limits
    cost: Callable[[dict[str, Any], dict[str, Any]], Any] | None = None

    def example_params(self) -> dict[str, Any]:
        """Valid example arguments (for required parameters, tests, docs and demos)."""
        ex = self.example() if callable(self.example) else self.example
        return dict(ex or {})

    @property
    def key(self) -> tuple[str, str]:
        return (self.modality.name, self.name)

    @property
    def summary(self) -> str:
        doc = inspect.getdoc(self.func) or ""
        return doc.split("\n\n")[0].replace("\n", " ").strip()

    def param(self, name: str) -> ParamSpec:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    # --- parameters ------------------------------------------------------------------------
    @functools.cached_property
    def param_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.params)

    @functools.cached_property
    def checks(self) -> tuple[tuple[str, Validator, ParamSpec], ...]:
        """``(name, validator, spec)`` per parameter, in declaration order (see :mod:`multiaug.core.fastcheck`)."""
        return tuple((p.name, compile_check(p), p) for p in self.params)

    @functools.cached_property
    def constant_defaults(self) -> dict[str, Any] | None:
        """Every parameter's validated default, when each is a constant (:attr:`ParamSpec.default_is_constant`; no
        required parameter, no ``**kwargs``); else None."""
        if self.var_kwargs or not all(p.default_is_constant for p in self.params):
            return None
        return {p.name: p.validate_default(self.name) for p in self.params}

    def validate_params(self, params: dict[str, Any]) -> dict[str, Any]:
        if not self.param_names.issuperset(params):
            self._refuse_unknown(params)
        name = self.name
        defaults = self.constant_defaults
        if defaults is not None:  # the defaults, with the given values validated in declaration order
            out = dict(defaults)
            if params:
                for key, check, spec in self.checks:
                    if key in params:
                        value = params[key]
                        out[key] = defaults[key] if value is spec.default else check(value, name)
            return out
        out: dict[str, Any] = {}
        for key, check, spec in self.checks:
            if key in params:
                value = params[key]  # the default object itself (bound calls fill them in) validates as the default
                out[key] = spec.validate_default(name) if value is spec.default else check(value, name)
            elif not spec.required:
                out[key] = spec.validate_default(name)
            else:
                raise UnknownArgumentError(f"{name}: missing required argument '{key}'", function=name, argument=key)
        if self.var_kwargs:
            out["kwargs"] = dict(params.get("kwargs") or {})
        return out

    def _refuse_unknown(self, params: dict[str, Any]) -> None:
        """Raise for the first key of ``params`` that is not a parameter (``kwargs`` is one with ``**kwargs``)."""
        known = self.param_names
        for key in params:
            if key not in known and not (self.var_kwargs and key == "kwargs"):
                raise UnknownArgumentError(
                    f"{self.name}: unknown argument '{key}'; accepted: {', '.join(sorted(known)) or 'none'}",
                    function=self.name,
                    argument=key,
                )

    # --- the one code path every call goes through ------------------------------------------
    def run(
        self,
        media: Any,
        params: dict[str, Any],
        *,
        seed: Any = None,
        targets: dict[str, Any] | None = None,
        records: list[dict[str, Any]] | None = None,
        call: dict[str, Any] | None = None,
        provenance: dict[str, Any] | None = None,
        remember_seed: bool = False,
    ) -> tuple[Any, dict[str, Any]]:
        """Apply the augmentation with already-validated ``params``.

        Returns ``(media_out, targets_out)`` and appends the full record to ``records``. ``remember_seed``: ``seed``
        is the caller's own int, which may come again (see :func:`~multiaug.core.seeds.rng_from_seed`).
        """
        mod = self.modality
        call = dict(call) if call else {}
        targets = dict(targets) if targets else {}
        output_path = call.get("output_path")
        if output_path is not None:
            mod.check_output_path(output_path, self.name)
        data, ctx = mod.load(media, call, targets, self)
        mod.check_input(data, ctx, self)
        if self.cost is not None:
            check_costs(self.cost(params, mod.size(data, ctx)), self.name)
        if self.random or self.var_kwargs:
            kwargs, seed_int, drawn = self._kernel_arguments(data, ctx, params, seed, remember_seed)
        else:  # the body's keyword arguments are the parameters (a fresh dict: the modality may add to it)
            kwargs, seed_int, drawn = dict(params), None, None
        out = mod.call_kernel(self, data, kwargs, ctx)
        info: dict[str, Any] = {}
        lazy, safe_keys = _NOTHING_LAZY, _NO_KEYS
        if isinstance(out, Out):
            info, lazy, safe_keys = dict(out.info), out.lazy, out.json_safe_keys
            ctx.update(out.ctx)
            out = out.media
        if records is None:  # nobody reads this step's record: the modality may know the targets without the rules
            untracked = mod.untracked_targets(self, targets, out, ctx)
            if untracked is not None:
                return self._finish(out, ctx, output_path), untracked
        src = mod.facts(data, ctx, "src")
        dst = mod.facts(out, ctx, "dst")
        new_targets, target_keys = mod.apply_targets(self, targets, params, info, src, dst)
        intensity = 0.0
        if records is not None:  # the intensity and measured facts only live in the record: not built without one
            for key, measure in lazy.items():
                info[key] = measure()
            intensity = clamp_intensity(self.intensity(params, {**src, **dst, "info": info}), self.name)
        result = self._finish(out, ctx, output_path)
        if records is not None:
            record = build_record(self, params, seed_int, intensity, src, dst, info, target_keys, call, provenance,
                                  safe_keys)
            if drawn is not None:
                record["drawn"] = {k: summarize_drawn(v) for k, v in drawn.items()}
            records.append(record)
        return result, new_targets

    def _kernel_arguments(self, data: Any, ctx: dict[str, Any], params: dict[str, Any], seed: Any, remember_seed: bool
                          ) -> tuple[dict[str, Any], int | None, dict[str, Any] | None]:
        """The body's keyword arguments (a fresh dict: the modality may add to it), the recorded seed and the drawn
        values: a random entry resolves ``seed``, seeds its generator and runs ``draw`` first."""
        kwargs = dict(params)
        kwargs.pop("kwargs", None)
        seed_int: int | None = None
        drawn: dict[str, Any] | None = None
        if self.random:
            seed_int = resolve_seed(seed, function=self.name)
            rng = rng_from_seed(seed_int, remember=remember_seed)
            if self.draw is not None:
                drawn = self.draw(rng, self.modality.draw_params(dict(kwargs), ctx), data)
                kwargs.update(drawn)
            if self.body_takes_seed:
                kwargs["seed"] = rng
        if self.var_kwargs:
            kwargs.update(params.get("kwargs") or {})
        return kwargs, seed_int, drawn

    def _finish(self, out: Any, ctx: dict[str, Any], output_path: Any) -> Any:
        """The output in the caller's form (:meth:`Modality.restore`), also written to ``output_path`` when given."""
        result = self.modality.restore(out, ctx)
        if output_path is not None:
            self.modality.save(result, output_path, ctx)
        return result

    # --- catalogue ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "modality": self.modality.name,
            "name": self.name,
            "class_name": self.class_name,
            "family": self.family,
            "random": self.random,
            "summary": self.summary,
            "params": [p.to_json() for p in self.params],
            "intensity_rule": _rule_text(self.intensity),
            "cost_rule": _rule_text(self.cost),
            "rules": {k: list(v) if isinstance(v, (tuple, list, frozenset)) else _rule_text(v)
                      for k, v in self.rules.items()},
        }


def _rule_text(rule: Any) -> str:
    if rule is None:
        return "none"
    doc = getattr(rule, "__doc__", None)
    name = getattr(rule, "__name__", type(rule).__name__)
    if doc and name != "<lambda>":
        return doc.strip().splitlines()[0]
    return name


# ------------------------------------------------------------------------------------------------
_REGISTRY: dict[tuple[str, str], Entry] = {}
_NOTHING_LAZY: dict[str, Any] = {}  # read only
_NO_KEYS: frozenset[str] = frozenset()
_CLASS_ACRONYMS = {"pil": "PIL", "fft": "FFT", "hflip": "HFlip", "vflip": "VFlip", "hstack": "HStack", "vstack": "VStack"}


def class_name_for(func_name: str) -> str:
    """``overlay_emoji`` → ``OverlayEmoji``; ``apply_pil_filter`` → ``ApplyPILFilter``; ``hflip`` → ``HFlip``."""
    return "".join(_CLASS_ACRONYMS.get(part, part[:1].upper() + part[1:]) for part in func_name.split("_"))


def augmentation(
    modality: Modality,
    *,
    intensity: Callable[[dict[str, Any], dict[str, Any]], float],
    name: str | None = None,
    class_name: str | None = None,
    example: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    draw: Callable[..., dict[str, Any]] | None = None,
    seed_default: Any = None,
    cost: Callable[[dict[str, Any], dict[str, Any]], Any] | None = None,
    **rules: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func`` as an augmentation of ``modality``.

    The decorated function is the declaration: its signature lists the augmentation's own parameters with
    their constraints (``Annotated[float, Range(...), Unit(...)]``, ``Literal[...]``) and AugLy's defaults;
    its media parameter's annotation names the working form the body receives (e.g. image ``ArrayImage``);
    its docstring documents each own parameter under ``Args:``. The modality's reserved parameters
    (:attr:`Modality.reserved_params`: ``output_path``, ``metadata``, ``bboxes``…) are inserted into the public
    signature at AugLy's positions unless the declaration lists them itself. Keyword-only parameters are public
    multiaug extensions, except those annotated :class:`Drawn`, which ``draw`` supplies.

    Args:
        modality: the modality adapter instance.
        intensity: ``rule(params, facts) -> float`` giving AugLy's 0–100 intensity; facts hold the
            ``src_*``/``dst_*`` facts and the kernel's ``info``. Required: no silent 0.
        name: registry name (defaults to the function name).
        class_name: name of the generated class (defaults to CamelCase with acronyms).
        example: valid arguments for an example call (a dict, or a function returning one), required
            when the function has required parameters; used by the generic tests, docs and demos.
        draw: ``draw(rng, params, media) -> {name: value}``: every random draw of the augmentation, made
            from the seeded ``numpy.random.Generator`` before the body runs; the values go to the body's
            :class:`Drawn` parameters and into the record (``drawn``). A declaration with ``draw`` is random:
            its public signature has ``seed`` (where the declaration lists it, else before the reserved tail,
            default ``seed_default``); the body does not receive ``seed``.
        seed_default: default of the inserted ``seed`` parameter (AugLy's default where AugLy had one).
        cost: ``rule(params, size) -> Cost | list[Cost]`` for functions whose output size or work grows with
            their arguments (see :mod:`multiaug.core.limits`); checked before the kernel runs.
        **rules: modality rules, e.g. ``bbox=`` for images. Each ``modality.required_rules`` must be given.
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        fname = name or func.__name__
        if intensity is None or not callable(intensity):
            raise RegistrationError(f"{modality.name}.{fname}: an intensity rule is required")
        for rule in modality.required_rules:
            if rule not in rules or rules[rule] is None:
                raise RegistrationError(f"{modality.name}.{fname}: a '{rule}' rule is required")
        sig = inspect.signature(func)
        first = next(iter(sig.parameters), None)
        allowed_first = modality.media_args or (modality.media_arg,)
        if first not in allowed_first:
            raise RegistrationError(
                f"{modality.name}.{fname}: first parameter must be one of {allowed_first}, got '{first}'"
            )
        hints = typing.get_type_hints(func, include_extras=True)
        drawn_names = frozenset(n for n, p in sig.parameters.items()
                                if p.kind == p.KEYWORD_ONLY and is_drawn(hints.get(n)))
        if draw is None and drawn_names:
            raise RegistrationError(f"{modality.name}.{fname}: Drawn parameters {sorted(drawn_names)} need draw=")
        skip = set(modality.reserved) | {first, "seed"} | drawn_names
        specs, _ = parse_parameters(func, skip, hints)
        var_kwargs = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
        is_random = "seed" in sig.parameters or draw is not None
        call_sig = call_signature(modality, sig, drawn_names, draw is not None, seed_default)
        entry = Entry(
            name=fname,
            modality=modality,
            func=func,
            params=specs,
            signature=sig,
            intensity=intensity,
            rules=dict(rules),
            random=is_random,
            class_name=class_name or class_name_for(fname),
            family=func.__module__.rsplit(".", 1)[-1],
            var_kwargs=var_kwargs,
            seed_default=call_sig.parameters["seed"].default if is_random else None,
            example=example,
            call_signature=call_sig,
            draw=draw,
            form=modality.working_form(hints.get(first)),
            body_takes_seed="seed" in sig.parameters and draw is None,
            cost=cost,
        )
        modality.register_kernels(entry)
        missing = [p.name for p in specs if p.required]
        if missing and example is None:
            raise RegistrationError(f"{modality.name}.{fname}: required parameters {missing} need an example=")
        public = _make_public(entry, hints)
        entry.public = public
        if entry.key in _REGISTRY:
            raise RegistrationError(f"{modality.name}.{fname} is registered twice")
        _REGISTRY[entry.key] = entry
        return public

    return decorate


def _make_public(entry: Entry, hints: dict[str, Any]) -> Callable[..., Any]:
    mod = entry.modality
    sig = entry.call_signature or entry.signature
    options = tuple(mod.option_args)
    param_names = [p.name for p in entry.params]
    media_name = next(iter(sig.parameters))
    reserved = [k for k in mod.reserved if k in sig.parameters]
    var_kw = next((p.name for p in sig.parameters.values() if p.kind == p.VAR_KEYWORD), None)
    taken = frozenset(sig.parameters) | frozenset(options)
    option_names = frozenset(options)
    split = split_binder(sig, entry.name, reserved)
    bind = fast_binder(sig, entry.name)

    def bound_with_kwargs(args: tuple[Any, ...], kwargs: dict[str, Any]
                          ) -> tuple[Any, dict[str, Any], dict[str, Any], Any]:
        """``(media, call, validated params, seed)`` of a call of a declaration with ``**kwargs``."""
        arguments = bind(args, kwargs)
        params = {k: arguments[k] for k in param_names if k in arguments}
        if var_kw is not None:
            params["kwargs"] = arguments.get(var_kw) or {}
        seed = arguments.get("seed", entry.seed_default) if entry.random else None
        return arguments.get(media_name), {k: arguments.get(k) for k in reserved}, entry.validate_params(params), seed

    @functools.wraps(entry.func)
    def public(*args: Any, **kwargs: Any) -> Any:
        opts = mod.pop_options(kwargs, entry.name, taken) if kwargs and not option_names.isdisjoint(kwargs) else {}
        if split is not None:  # every declaration without **kwargs
            media, call, given, seed = split(args, kwargs)
            validated = entry.validate_params(given)
            if seed is NO_SEED:
                seed = entry.seed_default
        else:
            media, call, validated, seed = bound_with_kwargs(args, kwargs)
        remember = type(seed) is int  # the caller's own seed, which may come again (a loop, a test): cached seeding
        return invoke(mod, entry.name, call.get("metadata"), call, opts,
                      lambda targets, records: entry.run(media, validated, seed=seed, targets=targets, records=records,
                                                         call=call, remember_seed=remember), (entry,))

    shown = public_signature(entry, hints)
    public.__signature__ = shown  # type: ignore[attr-defined]
    public.__annotations__ = {**{p.name: p.annotation for p in shown.parameters.values()
                                 if p.annotation is not p.empty}, "return": shown.return_annotation}
    doc = entry.func.__doc__ or ""
    own_docs = parse_docstring_args(doc)
    inserted = [r for r in mod.reserved_params if r.name not in own_docs]  # listed or not: documented once
    if inserted:
        lines = "\n".join(f"    {r.name}: {r.doc}" for r in inserted)
        doc = append_doc(doc, f"Reserved arguments (every {mod.name} function):\n{lines}")
    if entry.draw is not None and "seed" not in parse_docstring_args(entry.func.__doc__):
        doc = append_doc(doc, "Randomness:\n    seed: an int (recorded: the call replays exactly), a numpy Generator or None "
                              "(fresh entropy); every random value is drawn from it before the augmentation runs and "
                              "is listed in the record's ``drawn``.")
    if mod.options_doc:
        doc = append_doc(doc, mod.options_doc)
    public.__doc__ = doc
    public.__multiaug_entry__ = entry  # type: ignore[attr-defined]

    def kernel_for(form: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register an extra kernel for another working form (e.g. ``PILImage``); it is called with that form
        and the same keyword arguments as the body (torchvision v2's per-type kernel registration)."""
        key = mod.working_form(form)
        if key is None:
            raise RegistrationError(f"{entry.name}: {form!r} is not a working form of the {mod.name} modality")

        def register(kernel: Callable[..., Any]) -> Callable[..., Any]:
            entry.kernels[key] = kernel
            return kernel

        return register

    public.kernel_for = kernel_for  # type: ignore[attr-defined]
    return public


def get_entry(name: str, modality: str | None = None) -> Entry:
    """Look up an entry by name (and modality when the name exists in several)."""
    load_all_modalities()
    if modality is not None:
        try:
            return _REGISTRY[(modality, name)]
        except KeyError:
            raise InvalidParameterError(f"unknown {modality} augmentation '{name}'", argument="name") from None
    matches = [e for (m, n), e in _REGISTRY.items() if n == name]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InvalidParameterError(f"unknown augmentation '{name}'", argument="name")
    mods = ", ".join(sorted(e.modality.name for e in matches))
    raise InvalidParameterError(f"'{name}' exists in several modalities ({mods}); pass modality=", argument="modality")


def entries(modality: str | None = None) -> list[Entry]:
    """All registered entries (optionally of one modality), sorted by modality then name."""
    load_all_modalities()
    return sorted(
        (e for e in _REGISTRY.values() if modality is None or e.modality.name == modality),
        key=lambda e: (e.modality.name, e.name),
    )


MODALITIES = ("image", "text", "audio", "tabular")


def load_all_modalities(which: Iterable[str] = MODALITIES) -> None:
    for m in which:
        importlib.import_module(f"multiaug.{m}")


def catalogue(modality: str | None = None) -> list[dict[str, Any]]:
    """Machine-readable list of every augmentation: name, modality, class, parameters, rules."""
    if modality is not None and modality not in MODALITIES:
        raise InvalidParameterError(
            f"catalogue: argument 'modality' must be one of {', '.join(MODALITIES)}, got {modality!r}",
            argument="modality",
        )
    return [e.to_json() for e in entries(modality)]


# Drawn, Modality, Out, ReservedParam (core/modality.py) and invoke (core/calling.py) are imported from here by the
# modalities and declarations: the registry is the one import a declaration needs
__all__ = ["MODALITIES", "SCHEMA_VERSION", "Drawn", "Entry", "Modality", "Out", "ReservedParam", "augmentation",
           "catalogue", "class_name_for", "entries", "get_entry", "invoke", "load_all_modalities", "summarize_drawn"]
