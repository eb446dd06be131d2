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
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.seeds import derive_seed
from ..core.tracker import Tracker


class AugmentedDataset:
    """A sequence whose item *i* is ``pipeline(items[i])`` seeded by ``(seed, epoch, i)``.

    Args:
        items: a sequence of media, or of ``(media, label)`` pairs (the label is passed through untouched).
        pipeline: a multiaug transform or composition (anything called as ``pipeline(media, seed=...)``), or a
            pipeline document (dict) or JSON file path, loaded with :func:`multiaug.load_pipeline`.
        seed: base seed (int >= 0).
        call_kwargs: extra keyword arguments for every call (e.g. ``{"sample_rate": 16000}`` for audio arrays).
        loader: optional function turning a stored item into media before augmentation (e.g. a path reader).
        with_labels: whether items are ``(media, label)`` pairs; guessed from the first item when None.
        return_records: also return the item's tracker records (for logging or exact replay).
    """

    def __init__(self, items: Sequence[Any], pipeline: Any, seed: int, *, call_kwargs: dict[str, Any] | None = None,
                 loader: Callable[[Any], Any] | None = None, with_labels: bool | None = None,
                 return_records: bool = False):
        if not hasattr(items, "__len__") or not hasattr(items, "__getitem__"):
            raise UnsupportedInputError(f"AugmentedDataset: argument 'items' must be a sequence, got "
                                        f"{type(items).__name__}")
        if isinstance(pipeline, (dict, str, os.PathLike)):
            from ..core.pipeline import load_pipeline

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
        tracker = Tracker()
        out = self.pipeline(media, seed=self.seed_for(index, epoch), metadata=tracker, **self.call_kwargs)
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


__all__ = ["AugmentedDataset"]
