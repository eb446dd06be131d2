"""The modality base: how one kind of media flows through an augmentation (:class:`Modality`, subclassed by
``image/modality.py``, ``text/modality.py``, ``audio/modality.py``, ``tabular/modality.py``), and the small types a
declaration uses with it: :class:`Out` (media plus recorded facts), :class:`ReservedParam` (plumbing parameters the
modality inserts), :class:`Drawn` (values a ``draw`` function supplies)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import UnsupportedInputError

if TYPE_CHECKING:
    from .registry import Entry


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
    #: ``info`` entries measured only when a record is built (the caller asked for metadata), as
    #: ``{key: zero-argument function}``: costly measurements (e.g. a contrast loss) that only the record and the
    #: intensity use; target rules never see them
    lazy: dict[str, Callable[[], Any]] = field(default_factory=dict)


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
        image ``label_fields`` lists, must not take those). Public functions call it only when ``kwargs`` holds one
        of the :attr:`option_args` (without one there is nothing to take)."""
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

    def untracked_targets(self, entry: Entry, targets: dict[str, Any], out: Any, ctx: dict[str, Any]
                          ) -> dict[str, Any] | None:
        """The targets after a step that builds no record (the call has no ``metadata``), when the modality knows
        them without :meth:`facts` and :meth:`apply_targets` — e.g. nothing travels with the media — else None.

        Called after the kernel with its output ``out`` (the media of an :class:`Out`). Returning a dict skips the
        facts and the target rules of that step, so it must equal what :meth:`apply_targets` would return there
        (and those must not be able to raise). Default: None (facts and rules run as always)."""
        return None

    def initial_targets(self, call: dict[str, Any], entry_name: str) -> dict[str, Any]:
        return {k: call.get(k) for k in self.target_args if call.get(k) is not None}

    def replay_targets(self, targets: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
        """The targets one replayed step starts from, given its record (audio: a ``check_finite=False`` call
        replays unchecked). Default: unchanged."""
        return targets

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


__all__ = ["Drawn", "Modality", "Out", "ReservedParam"]
