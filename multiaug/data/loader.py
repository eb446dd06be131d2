"""On-the-fly augmentation inside a training loop, framework-agnostic.

:class:`AugmentedDataset` wraps any sequence of items with a transform. Item *i* in epoch *e* is augmented with
``derive_seed(seed, e, i)`` — a pure function of (base seed, epoch, index) — so:

* every data-loader worker process produces different, non-overlapping randomness (the classic bug where forked
  workers inherit one global NumPy state and return identical "random" crops cannot happen: no global state is
  used), whatever the worker count or order;
* epochs differ (call :meth:`set_epoch` at the start of each epoch);
* any sample can be reproduced later from (seed, epoch, index).

PyTorch-style use (no torch dependency here)::

    ds = AugmentedDataset(paths_and_labels, "pipe.json", seed=1234)
    loader = torch.utils.data.DataLoader(ds, batch_size=32, num_workers=4, collate_fn=my_collate)
    for epoch in range(10):
        ds.set_epoch(epoch)          # before creating the iterator (workers copy the dataset then)
        for batch in loader:
            ...

With ``persistent_workers=True`` the workers keep the dataset copy they got first; then pass the epoch through
the sampler instead (e.g. yield ``(epoch, i)`` pairs) and call ``ds.get(i, epoch=epoch)``.

**Per-item targets.** An item ``(media, target)`` whose target is a dict carries targets that move with the
media: ``{"bboxes": [[x1, y1, x2, y2], ...], "bbox_format": "coco", "labels": [...], ...}`` gives back the same
dict with the boxes moved and the per-box label lists kept aligned (a box that left the image is dropped with
its labels); ``"masks"`` (a list of H×W label maps) and ``"keypoints"`` (``[[x, y, ...], ...]``, format from
``"keypoint_format"``, default ``xy`` px) come back moved with the image; other keys pass through. Each kind of
target is handled by a :class:`TargetAdapter` (``target_adapters=``; default: :class:`BoxTargets`,
:class:`MaskTargets`, :class:`KeypointTargets`): it says which keyword arguments the pipeline call needs and takes
its part of the call's result back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.pipeline import load_pipeline
from ..core.seeds import derive_seed
from ..core.tracker import Tracker


class TargetAdapter(Protocol):
    """How one kind of per-item target travels through a pipeline call (see :class:`BoxTargets`).

    The pipeline is called with the merged :meth:`call_kwargs` of every adapter that applies; its result is
    ``media`` when no adapter asked for outputs, else ``(media, *outputs)``, the outputs in adapter order (which
    must be the modality's return order: boxes and labels, masks, keypoints), each adapter taking
    :meth:`n_outputs` of them.
    """

    def call_kwargs(self, target: Mapping[str, Any]) -> dict[str, Any]:
        """Keyword arguments for the pipeline call (``{}`` when ``target`` has nothing for this adapter)."""
        ...

    def n_outputs(self, kwargs: Mapping[str, Any]) -> int:
        """How many values the call returns after the media for these ``kwargs``."""
        ...

    def update(self, target: dict[str, Any], outputs: tuple[Any, ...]) -> None:
        """Write the moved targets from ``outputs`` into ``target`` (a copy of the item's target dict)."""
        ...


@dataclass(frozen=True)
class BoxTargets:
    """Bounding boxes (image items): ``target["bboxes"]`` moved with the image, per-box label lists kept aligned.

    Args:
        bbox_format: format of the boxes when the target has no ``"bbox_format"`` key (pascal_voc, pascal_voc_norm,
            coco, yolo).
        label_fields: keys of the target holding one label per box (those present are carried).
        drop_empty: drop a box that left the image with its labels (default), or keep ``None`` in its place.
        key: the target key holding the boxes.
    """

    bbox_format: str | None = None
    label_fields: tuple[str, ...] = ("labels",)
    drop_empty: bool = True
    key: str = "bboxes"

    def call_kwargs(self, target: Mapping[str, Any]) -> dict[str, Any]:
        if target.get(self.key) is None:
            return {}
        # boxes that left come back as None (drop_empty=False: the call's option is shared with keypoints) and
        # are dropped here with their labels
        return {"bboxes": target[self.key], "bbox_format": target.get("bbox_format", self.bbox_format),
                "return_bboxes": True, "drop_empty": False,
                "label_fields": {k: target[k] for k in self.label_fields if k in target}}

    def n_outputs(self, kwargs: Mapping[str, Any]) -> int:
        return 2 if kwargs else 0

    def update(self, target: dict[str, Any], outputs: tuple[Any, ...]) -> None:
        boxes, labels = outputs
        if self.drop_empty:
            keep = [i for i, b in enumerate(boxes) if b is not None]
            boxes = [boxes[i] for i in keep]
            labels = {k: [v[i] for i in keep] for k, v in labels.items()}
        target[self.key] = boxes
        target.update(labels)


@dataclass(frozen=True)
class MaskTargets:
    """Segmentation masks (image items): ``target["masks"]``, a list of H×W (or H×W×K) arrays of the image's size,
    resampled nearest with the image.

    Args:
        fill: value of mask pixels no source pixel reaches (e.g. 255 for an "ignore" label).
        key: the target key holding the masks.
    """

    fill: float = 0
    key: str = "masks"

    def call_kwargs(self, target: Mapping[str, Any]) -> dict[str, Any]:
        if target.get(self.key) is None:
            return {}
        return {"masks": target[self.key], "mask_fill": self.fill, "return_masks": True}

    def n_outputs(self, kwargs: Mapping[str, Any]) -> int:
        return 1 if kwargs else 0

    def update(self, target: dict[str, Any], outputs: tuple[Any, ...]) -> None:
        target[self.key] = outputs[0]


@dataclass(frozen=True)
class KeypointTargets:
    """Keypoints (image items): ``target["keypoints"]``, ``[[x, y, extra...], ...]`` moved with the image.

    Args:
        keypoint_format: format when the target has no ``"keypoint_format"`` key (xy, yx, xy_norm).
        drop_empty: drop a keypoint that left the image (default) or keep ``None`` in its place (pose skeletons
            that need fixed indices), independently of the boxes' adapter.
        key: the target key holding the keypoints.
    """

    keypoint_format: str = "xy"
    drop_empty: bool = True
    key: str = "keypoints"

    def call_kwargs(self, target: Mapping[str, Any]) -> dict[str, Any]:
        if target.get(self.key) is None:
            return {}
        return {"keypoints": target[self.key], "keypoint_format": target.get("keypoint_format", self.keypoint_format),
                "return_keypoints": True, "drop_empty": False}  # None kept by the call, dropped here

    def n_outputs(self, kwargs: Mapping[str, Any]) -> int:
        return 1 if kwargs else 0

    def update(self, target: dict[str, Any], outputs: tuple[Any, ...]) -> None:
        target[self.key] = [k for k in outputs[0] if k is not None] if self.drop_empty else outputs[0]


class AugmentedDataset:
    """A sequence whose item *i* is ``pipeline(items[i])`` seeded by ``(seed, epoch, i)``.

    Args:
        items: a sequence of media, or of ``(media, label)`` pairs: a label is passed through untouched, a dict
            target (``{"bboxes": ..., "labels": ...}``) comes back with its targets moved (see the module doc).
        pipeline: a multiaug transform or composition (anything called as ``pipeline(media, seed=...)``), or a
            pipeline document (dict) or JSON file path, loaded with :func:`multiaug.load_pipeline`.
        seed: base seed (int >= 0).
        call_kwargs: extra keyword arguments for every call (e.g. ``{"sample_rate": 16000}`` for audio arrays).
        loader: optional function turning a stored item into media before augmentation (e.g. a path reader).
        with_labels: whether items are ``(media, label)`` pairs; guessed from the first item when None.
        return_records: also return the item's tracker records (for logging or exact replay).
        target_adapters: how dict targets travel (default: ``(BoxTargets(), MaskTargets(), KeypointTargets())``);
            see :class:`TargetAdapter`.
    """

    def __init__(self, items: Sequence[Any], pipeline: Any, seed: int, *, call_kwargs: dict[str, Any] | None = None,
                 loader: Callable[[Any], Any] | None = None, with_labels: bool | None = None,
                 return_records: bool = False, target_adapters: Sequence[TargetAdapter] | None = None):
        if not hasattr(items, "__len__") or not hasattr(items, "__getitem__"):
            raise UnsupportedInputError(f"AugmentedDataset: argument 'items' must be a sequence, got "
                                        f"{type(items).__name__}")
        if isinstance(pipeline, (dict, str, os.PathLike)):

            pipeline = load_pipeline(pipeline)
        if not callable(pipeline):
            raise UnsupportedInputError("AugmentedDataset: argument 'pipeline' must be a multiaug transform, a pipeline "
                                        f"document or a JSON path, got {type(pipeline).__name__}")
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise InvalidParameterError(f"AugmentedDataset: argument 'seed' must be an int >= 0, got {seed!r}",
                                        argument="seed")
        self.items = items
        self.pipeline = pipeline
        self.seed = seed
        self.call_kwargs = dict(call_kwargs or {})
        self.loader = loader
        if with_labels is None:
            first = items[0] if len(items) else None
            with_labels = isinstance(first, tuple) and len(first) == 2
        self.with_labels = with_labels
        self.return_records = return_records
        self.target_adapters: tuple[TargetAdapter, ...] = (
            (BoxTargets(), MaskTargets(), KeypointTargets()) if target_adapters is None else tuple(target_adapters))
        self.epoch = 0

    def __len__(self) -> int:
        return len(self.items)

    def set_epoch(self, epoch: int) -> None:
        """Select the epoch whose seeds :meth:`__getitem__` uses (int >= 0)."""
        if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
            raise InvalidParameterError(f"AugmentedDataset.set_epoch: argument 'epoch' must be an int >= 0, "
                                        f"got {epoch!r}", argument="epoch")
        self.epoch = epoch

    def seed_for(self, index: int, epoch: int | None = None) -> int:
        """The seed item ``index`` gets in ``epoch`` (default: the current epoch)."""
        return derive_seed(self.seed, self.epoch if epoch is None else epoch, index)

    def get(self, index: int, epoch: int | None = None) -> Any:
        """Item ``index`` augmented for ``epoch`` (default: the current epoch)."""
        n = len(self.items)
        if isinstance(index, bool) or not isinstance(index, int):
            raise UnsupportedInputError(f"AugmentedDataset: index must be an int, got {type(index).__name__}")
        if not -n <= index < n:
            raise IndexError(f"AugmentedDataset: index {index} out of range for {n} items")
        index %= n
        raw = self.items[index]
        label = None
        if self.with_labels:
            raw, label = raw
        media = self.loader(raw) if self.loader is not None else raw
        call = dict(self.call_kwargs)
        plan: list[tuple[TargetAdapter, int]] = []
        if isinstance(label, Mapping):
            target: dict[str, Any] = dict(label)  # the item's own dict is never modified
            label = target
            for adapter in self.target_adapters:
                kwargs = adapter.call_kwargs(target)
                if kwargs:
                    call.update(kwargs)
                    plan.append((adapter, adapter.n_outputs(kwargs)))
        tracker = Tracker()
        out = self.pipeline(media, seed=self.seed_for(index, epoch), metadata=tracker, **call)
        if any(n for _, n in plan):
            out, *rest = out
            for adapter, n in plan:
                adapter.update(target, tuple(rest[:n]))
                rest = rest[n:]
        result: tuple[Any, ...] = (out,)
        if self.with_labels:
            result += (label,)
        if self.return_records:
            result += (tracker,)
        return result[0] if len(result) == 1 else result

    def __getitem__(self, index: int) -> Any:
        return self.get(index)

    def __repr__(self) -> str:
        return f"AugmentedDataset({len(self)} items, seed={self.seed}, epoch={self.epoch}, pipeline={self.pipeline!r})"


__all__ = ["AugmentedDataset", "BoxTargets", "KeypointTargets", "MaskTargets", "TargetAdapter"]
