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
import hashlib
import inspect
import math
import typing
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from .errors import InvalidParameterError, RegistrationError, UnknownArgumentError, UnsupportedInputError
from .jsonsafe import NotReplayable, to_jsonable
from .limits import check_costs
from .public import append_doc, public_signature
from .seeds import resolve_seed, rng_from_seed
from .spec import ParamSpec, parse_docstring_args, parse_parameters

SCHEMA_VERSION = 1


@dataclass
class Out:
    """What a kernel may return instead of bare media: the media plus JSON-safe ``info``.

    ``info`` carries facts the target rules and intensity need (e.g. the placed image slot of a
    screenshot frame, a tile permutation, text edits) and is stored in the record.
    """

    media: Any
    info: dict[str, Any] = field(default_factory=dict)
    #: entries merged into the modality's context before restoring (e.g. ``{"keep_mode": True}`` for images)
    ctx: dict[str, Any] = field(default_factory=dict)
    #: ``info`` keys whose values the kernel guarantees are already JSON-safe (stored without a copy)
    json_safe_keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ReservedParam:
    """A plumbing parameter every augmentation of a modality accepts (``output_path``, ``metadata``, ...).

    New-style declarations do not list these; the decorator inserts them into the public signature at AugLy's
    positions and documents them once. ``place``: ``"second"`` (right after the media), ``"after_required"``
    (after the leading required parameters) or ``"tail"`` (after the last positional parameter, in the order
    the modality lists them). A declaration may list one itself to place it differently."""

    name: str
    default: Any
    doc: str
    place: str = "tail"


class Drawn:
    """Marks a keyword-only body parameter whose value the declaration's ``draw`` function supplies:
    ``def random_noise(image: ArrayImage, mean: float = 0.0, *, noise: Drawn) -> ArrayImage``. Drawn
    parameters are not public (no function argument, class parameter or catalogue row); records list them
    under ``drawn``."""


class Modality:
    """How one kind of media flows through an augmentation. Subclassed by each modality."""

    name: ClassVar[str] = "generic"
    media_arg: ClassVar[str] = "media"
    #: accepted names of the first (media) parameter; defaults to ``(media_arg,)``
    media_args: ClassVar[tuple[str, ...]] = ()
    #: signature parameters that are plumbing, not augmentation parameters
    reserved: ClassVar[frozenset[str]] = frozenset({"output_path", "metadata"})
    #: rules every augmentation of this modality must declare (e.g. ``("bbox",)`` for images)
    required_rules: ClassVar[tuple[str, ...]] = ()
    #: positional argument names accepted by a class ``__call__`` after the media (AugLy order)
    class_call_args: ClassVar[tuple[str, ...]] = ("force", "metadata")
    #: keyword arguments of a call that carry targets through compositions
    target_args: ClassVar[tuple[str, ...]] = ()
    #: extra keyword options of a call (e.g. ``return_bboxes``), not targets
    option_args: ClassVar[tuple[str, ...]] = ()

    def pop_options(self, kwargs: dict[str, Any], where: str, taken: Collection[str] = ()) -> dict[str, Any]:
        """Remove this modality's call options (:attr:`option_args`) from a call's ``kwargs`` and return them.

        ``taken`` names the call's other arguments (a modality that reads extra keyword arguments, such as the
        image ``label_fields`` lists, must not take those)."""
        return {k: kwargs.pop(k) for k in self.option_args if k in kwargs}

    # --- media -----------------------------------------------------------------------------
    def load(
        self, media: Any, call: dict[str, Any], targets: dict[str, Any], entry: Entry
    ) -> tuple[Any, dict[str, Any]]:
        """Return ``(data, ctx)``: the kernel's working form and what is needed to restore.

        ``targets`` holds what travels with the media through a chain (image boxes, text spans,
        audio sample rate and segments)."""
        return media, {}

    def draw_params(self, params: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
        """What a declaration's ``draw(rng, params, media)`` receives as ``params``: the validated parameters, plus
        facts of the loaded input a modality adds (audio: ``sample_rate``)."""
        return params

    def call_kernel(self, entry: Entry, data: Any, kwargs: dict[str, Any], ctx: dict[str, Any]) -> Any:
        return ctx.get("kernel", entry.func)(data, **kwargs)

    def facts(self, data: Any, ctx: dict[str, Any], prefix: str) -> dict[str, Any]:
        """AugLy's ``src_*``/``dst_*`` facts for ``data``."""
        return {}

    def restore(self, data: Any, ctx: dict[str, Any]) -> Any:
        return data

    def save(self, media: Any, path: Any, ctx: dict[str, Any]) -> None:
        raise UnsupportedInputError(f"{self.name}: output_path is not supported")

    def check_output_path(self, path: Any, function: str) -> None:
        """Refuse an ``output_path`` that cannot be written, before any work (see :mod:`multiaug.core.io`)."""

    def size(self, data: Any, ctx: dict[str, Any]) -> dict[str, Any]:
        """The input's dimensions as cost rules see them (see :mod:`multiaug.core.limits`)."""
        return {}

    def check_input(self, data: Any, ctx: dict[str, Any], entry: Entry) -> None:
        """Refuse loaded media this entry cannot process faithfully (e.g. an image mode it would quantise)."""

    # --- targets ---------------------------------------------------------------------------
    def apply_targets(
        self,
        entry: Entry,
        targets: dict[str, Any],
        params: dict[str, Any],
        info: dict[str, Any],
        src: dict[str, Any],
        dst: dict[str, Any],
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Move targets through the augmentation. Returns (new targets, keys for the record)."""
        return targets, {}

    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        return {k: call.get(k) for k in self.target_args if call.get(k) is not None}

    def check_targets(self, entries: Sequence[Entry], targets: dict[str, Any], where: str) -> None:
        """Refuse, before any work, targets that one of ``entries`` (the augmentations a call may run) cannot
        move (e.g. image masks through a mixture of layers)."""

    def result(self, media: Any, targets: dict[str, Any], options: dict[str, Any]) -> Any:
        """What the public function returns (media, or media plus targets when asked)."""
        return media

    def augly_keys(self, record: dict[str, Any]) -> list[str]:
        """Keys of a full record that belong to AugLy's flat metadata dict."""
        return []

    # --- what users see (help(), inspect.signature, IDEs, the type stubs) --------------------
    #: annotations of plumbing parameters shared by every function of the modality (e.g. ``bbox_format``)
    public_annotations: ClassVar[dict[str, Any]] = {}
    #: what the public functions return (the declared bodies may return a working form or ``Out``)
    return_annotation: ClassVar[Any] = Any
    #: documentation of :meth:`option_parameters`, appended to every public function's docstring
    options_doc: ClassVar[str] = ""

    #: plumbing parameters inserted into new-style declarations' signatures (see :class:`ReservedParam`)
    reserved_params: ClassVar[tuple[ReservedParam, ...]] = ()

    def media_annotation(self, name: str) -> Any:
        """The accepted types of the media parameter ``name`` (``image``, ``images``, ``texts``, ``audio``)."""
        return Any

    def working_form(self, annotation: Any) -> Any:
        """The working form named by a declaration's media annotation (e.g. image ``ArrayImage``), or None."""
        return None

    def register_kernels(self, entry: Entry) -> None:
        """Fill ``entry.kernels`` ({working form: callable}) from the declaration (modalities with several
        working forms override this)."""
        entry.kernels = {entry.form: entry.func}

    def option_parameters(self) -> list[inspect.Parameter]:
        """The keyword-only options every public function of the modality accepts (:attr:`option_args`)."""
        return []

    # --- helpers for tests/notebooks -------------------------------------------------------
    def equal(self, a: Any, b: Any) -> bool:
        return a == b


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
    def validate_params(self, params: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        known = {p.name for p in self.params}
        for key in params:
            if key not in known and not (self.var_kwargs and key == "kwargs"):
                raise UnknownArgumentError(
                    f"{self.name}: unknown argument '{key}'; accepted: {', '.join(sorted(known)) or 'none'}",
                    function=self.name,
                    argument=key,
                )
        for spec in self.params:
            if spec.name in params:
                value = params[spec.name]
            elif not spec.required:
                value = spec.default
            else:
                raise UnknownArgumentError(
                    f"{self.name}: missing required argument '{spec.name}'", function=self.name, argument=spec.name
                )
            out[spec.name] = spec.validate(value, self.name)
        if self.var_kwargs:
            out["kwargs"] = dict(params.get("kwargs") or {})
        return out

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
    ) -> tuple[Any, dict[str, Any]]:
        """Apply the augmentation with already-validated ``params``.

        Returns ``(media_out, targets_out)`` and appends the full record to ``records``.
        """
        mod = self.modality
        call = dict(call or {})
        targets = dict(targets or {})
        output_path = call.get("output_path")
        if output_path is not None:
            mod.check_output_path(output_path, self.name)
        data, ctx = mod.load(media, call, targets, self)
        mod.check_input(data, ctx, self)
        if self.cost is not None:
            check_costs(self.cost(params, mod.size(data, ctx)), self.name)
        kwargs = {k: v for k, v in params.items() if k != "kwargs"}
        seed_int: int | None = None
        drawn: dict[str, Any] | None = None
        if self.random:
            seed_int = resolve_seed(seed, function=self.name)
            rng = rng_from_seed(seed_int)
            if self.draw is not None:
                drawn = self.draw(rng, mod.draw_params(dict(kwargs), ctx), data)
                kwargs.update(drawn)
            if self.body_takes_seed:
                kwargs["seed"] = rng
        if self.var_kwargs:
            kwargs.update(params.get("kwargs") or {})
        out = mod.call_kernel(self, data, kwargs, ctx)
        info: dict[str, Any] = {}
        safe_keys: frozenset[str] = frozenset()
        if isinstance(out, Out):
            info = dict(out.info)
            ctx.update(out.ctx)
            safe_keys = out.json_safe_keys
            out = out.media
        src = mod.facts(data, ctx, "src")
        dst = mod.facts(out, ctx, "dst")
        new_targets, target_keys = mod.apply_targets(self, targets, params, info, src, dst)
        raw = self.intensity(params, {**src, **dst, "info": info})
        intensity = _clamp_intensity(raw, self.name)
        result = mod.restore(out, ctx)
        if output_path is not None:
            mod.save(result, output_path, ctx)
        if records is not None:
            record = self._record(params, seed_int, intensity, src, dst, info, target_keys, call, provenance, safe_keys)
            if drawn is not None:
                record["drawn"] = {k: summarize_drawn(v) for k, v in drawn.items()}
            records.append(record)
        return result, new_targets

    def _record(
        self,
        params: dict[str, Any],
        seed_int: int | None,
        intensity: float,
        src: dict[str, Any],
        dst: dict[str, Any],
        info: dict[str, Any],
        target_keys: dict[str, Any],
        call: dict[str, Any],
        provenance: dict[str, Any] | None,
        safe_keys: frozenset[str] = frozenset(),
    ) -> dict[str, Any]:
        from .._version import __version__
        from .functions import function_name

        json_params: dict[str, Any] = {}
        not_replayable: list[str] = []
        for k, v in params.items():
            if callable(v):
                reg = function_name(v)
                if reg is not None:
                    json_params[k] = {"$function": reg}
                    continue
            jv = to_jsonable(v)
            if _contains_placeholder(jv):
                not_replayable.append(k)
            json_params[k] = jv
        record: dict[str, Any] = {"name": self.name}
        record.update(to_jsonable(src))
        record.update(to_jsonable(dst))
        flat = {k: (v["$function"] if isinstance(v, dict) and "$function" in v else v) for k, v in json_params.items()}
        record.update(flat)
        if self.random:
            record["seed"] = seed_int
        record["output_path"] = to_jsonable(call.get("output_path"))
        record.update(to_jsonable(target_keys))
        record["intensity"] = intensity
        record["modality"] = self.modality.name
        record["params"] = json_params
        record["info"] = {k: (v if k in safe_keys else to_jsonable(v)) for k, v in info.items()}
        record["replayable"] = not not_replayable
        if not_replayable:
            record["not_replayable"] = not_replayable
        if provenance:
            record["provenance"] = to_jsonable(provenance)
        record["multiaug_version"] = __version__
        record["schema_version"] = SCHEMA_VERSION
        return record

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


def summarize_drawn(value: Any) -> Any:
    """A drawn value as recorded: small values as JSON; arrays above 16 elements as shape, dtype and digest
    (they are re-drawn from the recorded seed on replay)."""
    if isinstance(value, np.ndarray) and value.size > 16:
        digest = hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()[:16]
        return {"$array": {"shape": list(value.shape), "dtype": str(value.dtype), "sha256": digest}}
    return to_jsonable(value)


def _rule_text(rule: Any) -> str:
    if rule is None:
        return "none"
    doc = getattr(rule, "__doc__", None)
    name = getattr(rule, "__name__", type(rule).__name__)
    if doc and name != "<lambda>":
        return doc.strip().splitlines()[0]
    return name


def _contains_placeholder(value: Any) -> bool:
    if isinstance(value, NotReplayable):
        return True
    if isinstance(value, list):
        return any(_contains_placeholder(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_placeholder(v) for v in value.values())
    return False


def _clamp_intensity(value: Any, name: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError) as exc:
        raise RegistrationError(f"{name}: intensity rule returned {value!r}, not a number") from exc
    if math.isnan(v):
        return 0.0
    return float(min(100.0, max(0.0, v)))


# ------------------------------------------------------------------------------------------------
_REGISTRY: dict[tuple[str, str], Entry] = {}
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
                                if p.kind == p.KEYWORD_ONLY and _is_drawn(hints.get(n)))
        if draw is None and drawn_names:
            raise RegistrationError(f"{modality.name}.{fname}: Drawn parameters {sorted(drawn_names)} need draw=")
        skip = set(modality.reserved) | {first, "seed"} | drawn_names
        specs, _ = parse_parameters(func, skip, hints)
        var_kwargs = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
        is_random = "seed" in sig.parameters or draw is not None
        call_sig = _call_signature(modality, sig, drawn_names, draw is not None, seed_default)
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


def _is_drawn(hint: Any) -> bool:
    if hint is Drawn:
        return True
    return typing.get_origin(hint) is typing.Annotated and any(m is Drawn for m in typing.get_args(hint)[1:])


def _call_signature(modality: Modality, sig: inspect.Signature, drawn: frozenset[str], has_draw: bool,
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


def _fast_binder(sig: inspect.Signature, name: str) -> Callable[[tuple[Any, ...], dict[str, Any]], dict[str, Any]]:
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
        if len(args) > len(names):
            raise UnknownArgumentError(f"{name}: takes {len(names)} positional arguments but {len(args)} were given",
                                        function=name)
        out = dict(defaults)
        out.update(zip(names, args))
        extra: dict[str, Any] = {}
        for k, v in kwargs.items():
            if k in known:
                if position.get(k, len(args)) < len(args):
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


def _make_public(entry: Entry, hints: dict[str, Any]) -> Callable[..., Any]:
    mod = entry.modality
    sig = entry.call_signature or entry.signature
    options = tuple(mod.option_args)
    param_names = [p.name for p in entry.params]
    media_name = next(iter(sig.parameters))
    reserved = [k for k in mod.reserved if k in sig.parameters]
    var_kw = next((p.name for p in sig.parameters.values() if p.kind == p.VAR_KEYWORD), None)
    bind = _fast_binder(sig, entry.name)
    taken = frozenset(sig.parameters) | frozenset(options)

    @functools.wraps(entry.func)
    def public(*args: Any, **kwargs: Any) -> Any:
        opts = mod.pop_options(kwargs, entry.name, taken) if kwargs else {}
        arguments = bind(args, kwargs)
        media = arguments.get(media_name)
        call = {k: arguments.get(k) for k in reserved}
        params = {k: arguments[k] for k in param_names if k in arguments}
        if var_kw is not None:
            params["kwargs"] = arguments.get(var_kw) or {}
        seed = arguments.get("seed", entry.seed_default) if entry.random else None
        validated = entry.validate_params(params)
        return invoke(mod, entry.name, call.get("metadata"), call, opts,
                      lambda targets, records: entry.run(media, validated, seed=seed, targets=targets,
                                                         records=records, call=call), (entry,))

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


def invoke(
    mod: Modality,
    name: str,
    metadata: Any,
    call: dict[str, Any],
    opts: dict[str, Any],
    run: Callable[[dict[str, Any], list[dict[str, Any]] | None], tuple[Any, dict[str, Any]]],
    entries: Sequence[Entry] = (),
) -> Any:
    """The part every entry point shares (function, class, composition, replay): check ``metadata``, build the
    initial targets (checked against ``entries``, the augmentations the call may run), ``run(targets, records)``,
    deliver the records (built only when metadata is wanted) and shape the return value."""
    _check_metadata(metadata, name)
    targets = mod.initial_targets({**call, **opts}, name)
    if targets and entries:
        mod.check_targets(entries, targets, name)
    records: list[dict[str, Any]] | None = [] if metadata is not None else None
    out, new_targets = run(targets, records)
    if records:
        deliver_records(metadata, records)
    return mod.result(out, new_targets, opts)


def _check_metadata(metadata: Any, name: str) -> None:
    if metadata is not None and not isinstance(metadata, list):
        raise UnsupportedInputError(
            f"{name}: argument 'metadata' must be a list (or a multiaug.Tracker), got {type(metadata).__name__}"
        )


def deliver_records(metadata: list[Any] | None, records: list[dict[str, Any]]) -> None:
    """Append records to the caller's metadata: full records for a Tracker, AugLy dicts for a list."""
    if metadata is None:
        return
    from .tracker import Tracker, augly_view

    if isinstance(metadata, Tracker):
        metadata.extend(records)
    else:
        metadata.extend(augly_view(r) for r in records)


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
    import importlib

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
