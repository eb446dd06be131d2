"""Training-loop helpers with no framework dependency (numpy in, numpy out).

* :func:`to_chw` — an image (PIL or uint8 array) as a float32 C×H×W array, scaled to [0, 1]: what a PyTorch model
  takes.
* :func:`collate` — a ``collate_fn`` for ``torch.utils.data.DataLoader``: stacks images (C×H×W), numbers and
  equal-shape arrays into batch arrays, keeps ragged targets (boxes of different counts, strings) as per-sample
  lists; ``convert=torch.as_tensor`` turns every array into a tensor. Works on tuples, dicts and nests of them.
* :func:`hf_map_fn` — a function for Hugging Face ``datasets.Dataset.map(fn, batched=True, with_indices=True)``
  that augments one column (images, text, or audio dicts), optionally with boxes and their labels, each row seeded
  by ``derive_seed(seed, epoch, row index)``.

::

    from multiaug.data import AugmentedDataset, collate
    ds = AugmentedDataset(items, pipeline, seed=0)              # items: (path, {"bboxes": ..., "labels": ...})
    loader = torch.utils.data.DataLoader(ds, batch_size=8, collate_fn=partial(collate, convert=torch.as_tensor))
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from PIL import Image

from ..core.errors import InvalidParameterError, UnsupportedInputError
from ..core.pipeline import load_pipeline
from ..core.seeds import derive_seed
from ..core.tracker import Tracker


def to_chw(image: Any, *, scale: bool = True) -> np.ndarray:
    """``image`` as a contiguous float32 C×H×W array (H×W images get C = 1).

    Args:
        image: a PIL image (any mode: palette/1/I/F/CMYK are first converted to L, LA, RGB or RGBA as
            :func:`multiaug.image.kernels.modes.working` does) or an H×W / H×W×C array.
        scale: divide integer images by their dtype's maximum (uint8: 255) so values lie in [0, 1]; float
            inputs are never rescaled.
    """
    # lazy: importing any of multiaug.image loads the whole image modality, which text/audio users never need
    from ..image.kernels.color_ops import to_chw as chw_kernel  # lazy: see above
    from ..image.kernels.modes import to_array, working  # lazy: see above

    if isinstance(image, Image.Image):
        image = to_array(working(image))
    if not isinstance(image, np.ndarray):
        raise UnsupportedInputError(f"to_chw: argument 'image' must be a PIL image or an ndarray, got "
                                    f"{type(image).__name__}")
    if image.ndim not in (2, 3):
        raise UnsupportedInputError(f"to_chw: argument 'image' must be H×W or H×W×C, got shape {image.shape}")
    return chw_kernel(image, scale=scale)


def _is_image(x: Any) -> bool:
    """PIL images and uint8 arrays shaped H×W or H×W×C (C ≤ 4) are images; other arrays are data."""
    if isinstance(x, Image.Image):
        return True
    return (isinstance(x, np.ndarray) and x.dtype == np.uint8
            and (x.ndim == 2 or (x.ndim == 3 and x.shape[2] in (1, 2, 3, 4))))


def _numeric_array(values: Any) -> np.ndarray | None:
    """``values`` (nested lists of numbers) as an array (float64 → float32), or None when ragged / not numeric."""
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError):
        return None
    if arr.dtype.kind not in "biuf":
        return None
    return arr.astype(np.float32) if arr.dtype == np.float64 else arr


def collate(batch: Sequence[Any], *, chw: bool = True, scale: bool = True,
            convert: Callable[[np.ndarray], Any] | None = None) -> Any:
    """Merge a list of samples into a batch, like PyTorch's ``default_collate`` but with numpy arrays.

    Per position (tuples), key (dicts) or value:

    * images (PIL, uint8 H×W×C arrays): :func:`to_chw` each (when ``chw``), then stacked to N×C×H×W when they
      share a shape, else kept as a list of arrays (detection models take lists of different sizes);
    * other arrays: stacked when they share shape and dtype, else a list;
    * numbers (bool, int, float, numpy scalars): one array of N values;
    * lists (e.g. a sample's boxes ``[[x1, y1, x2, y2], ...]`` or labels): one array per sample (float64 becomes
      float32) when numeric, else left as they are — always a list of N, never stacked across samples;
    * strings, None and anything else: a list of N.

    Args:
        batch: the samples (all of the same structure).
        chw: convert images to float32 C×H×W (False: images are stacked as given, H×W×C).
        scale: with ``chw``, scale integer images to [0, 1].
        convert: applied to every resulting array, e.g. ``torch.as_tensor`` (tensors without a torch import here).
    """
    if isinstance(batch, (str, bytes)) or not isinstance(batch, Sequence) or not len(batch):
        raise UnsupportedInputError("collate: argument 'batch' must be a non-empty list of samples")

    def leaf(arr: np.ndarray) -> Any:
        return convert(arr) if convert is not None else arr

    first = batch[0]
    if isinstance(first, Mapping):
        keys = list(first)
        for i, sample in enumerate(batch):
            if not isinstance(sample, Mapping) or list(sample) != keys:
                raise InvalidParameterError(f"collate: sample {i} does not have the keys of sample 0 ({keys})",
                                            argument="batch")
        return {k: collate([s[k] for s in batch], chw=chw, scale=scale, convert=convert) for k in keys}
    if isinstance(first, tuple):
        if any(not isinstance(s, tuple) or len(s) != len(first) for s in batch):
            raise InvalidParameterError(f"collate: every sample must be a tuple of {len(first)} like sample 0",
                                        argument="batch")
        return tuple(collate(list(field), chw=chw, scale=scale, convert=convert) for field in zip(*batch))
    if _is_image(first) and all(_is_image(s) for s in batch):
        arrays = [to_chw(s, scale=scale) if chw else np.asarray(s) for s in batch]
        if len({a.shape for a in arrays}) == 1:
            return leaf(np.stack(arrays))
        return [leaf(a) for a in arrays]
    if isinstance(first, np.ndarray):
        if all(isinstance(s, np.ndarray) and s.shape == first.shape and s.dtype == first.dtype for s in batch):
            return leaf(np.stack(batch))
        return [leaf(np.asarray(s)) if isinstance(s, np.ndarray) else s for s in batch]
    if isinstance(first, (numbers.Number, np.generic)) and all(isinstance(s, (numbers.Number, np.generic))
                                                                for s in batch):
        return leaf(np.asarray(batch))
    if isinstance(first, list):
        out = []
        for s in batch:
            arr = _numeric_array(s) if isinstance(s, list) and s else None
            out.append(leaf(arr) if arr is not None else s)
        return out
    return list(batch)


# ------------------------------------------------------------------------------------------------------------------
# Hugging Face datasets
# ------------------------------------------------------------------------------------------------------------------

def _column(batch: Mapping[str, Any], path: str) -> list[Any]:
    """Values of a column; ``"objects.bbox"`` reads key ``bbox`` of each row's ``objects`` dict."""
    head, _, rest = path.partition(".")
    if head not in batch:
        raise InvalidParameterError(f"hf_map_fn: column '{head}' is not in the batch (columns: {sorted(batch)})",
                                    argument="column")
    values = list(batch[head])
    if rest:
        try:
            return [row[rest] for row in values]
        except (KeyError, TypeError):
            raise InvalidParameterError(f"hf_map_fn: column '{head}' has no field '{rest}'",
                                        argument="column") from None
    return values


def _as_transform(pipeline: Any, where: str) -> Any:
    if isinstance(pipeline, (dict, str, os.PathLike)):

        pipeline = load_pipeline(pipeline)
    if not callable(pipeline):
        raise UnsupportedInputError(f"{where}: argument 'pipeline' must be a multiaug transform, a pipeline document "
                                    f"or a JSON path, got {type(pipeline).__name__}")
    return pipeline


def hf_map_fn(pipeline: Any, column: str = "image", *, seed: int, epoch: int = 0, output_column: str | None = None,
              bboxes: str | None = None, bbox_format: str | None = None, labels: Sequence[str] = (),
              drop_empty: bool = True, records_column: str | None = None,
              call_kwargs: dict[str, Any] | None = None) -> Callable[..., dict[str, Any]]:
    """A function for ``datasets.Dataset.map`` that augments ``column`` (no ``datasets`` import here).

    ::

        ds = ds.map(hf_map_fn(pipe, "image", seed=0, bboxes="objects.bbox", bbox_format="coco",
                              labels=["objects.category"]), batched=True, with_indices=True)

    Row ``i`` is augmented with ``derive_seed(seed, epoch, i)``: the result does not depend on batch size,
    ``num_proc`` or order. Images come as PIL images (the ``Image`` feature), text as ``str``, audio as the
    ``Audio`` feature's ``{"array", "sampling_rate"}`` dict (the sample rate is passed to the pipeline and the
    output rate written back).

    Args:
        pipeline: a multiaug transform or composition, a pipeline document (dict) or a JSON path.
        column: the column to augment.
        seed: base seed (int >= 0).
        epoch: mixed into every row's seed (map again with another epoch for fresh augmentations).
        output_column: where the result goes (default: replaces ``column``).
        bboxes: column of per-row boxes to move with images (``"objects.bbox"`` for a field of a dict column).
        bbox_format: format of those boxes (``coco`` for most Hugging Face detection sets).
        labels: columns of per-box labels kept aligned with the boxes (same dotted form).
        drop_empty: drop a box that left the image with its labels (default), or keep ``None``.
        records_column: also write each row's tracker records (JSON text) to this column.
        call_kwargs: extra keyword arguments for every call (e.g. ``{"sample_rate": 16000}`` for plain arrays).

    The returned function takes ``(batch, indices)`` (``batched=True, with_indices=True``) or ``(example, index)``
    (``batched=False, with_indices=True``) and returns the changed columns.
    """
    transform = _as_transform(pipeline, "hf_map_fn")
    for name, value in (("seed", seed), ("epoch", epoch)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidParameterError(f"hf_map_fn: argument '{name}' must be an int >= 0, got {value!r}",
                                        argument=name)
    if isinstance(labels, str):
        labels = [labels]
    if labels and bboxes is None:
        raise InvalidParameterError("hf_map_fn: argument 'labels' needs 'bboxes'", argument="labels")
    base_call = dict(call_kwargs or {})
    target = output_column or column

    def augment(batch: dict[str, Any], indices: Any = None) -> dict[str, Any]:
        if indices is None:
            raise InvalidParameterError("hf_map_fn: the function needs the row indices (they seed each row): call "
                                        "Dataset.map(fn, batched=True, with_indices=True)", argument="indices")
        single = isinstance(indices, numbers.Integral)
        if single:  # batched=False: one example, one index
            batch = {k: [v] for k, v in batch.items()}
            indices = [indices]
        values = _column(batch, column)
        boxes = _column(batch, bboxes) if bboxes else None
        label_lists = {name: _column(batch, name) for name in labels}
        out_values, out_boxes, out_records = [], [], []
        out_labels: dict[str, list[Any]] = {name: [] for name in labels}
        for j, (value, index) in enumerate(zip(values, indices)):
            call = dict(base_call)
            media = value
            if isinstance(value, Mapping) and "array" in value:  # the Audio feature
                media = np.asarray(value["array"])
                call["sample_rate"] = int(value["sampling_rate"])
            if boxes is not None:
                call.update(bboxes=boxes[j], bbox_format=bbox_format, return_bboxes=True, drop_empty=drop_empty,
                            label_fields={name: label_lists[name][j] for name in labels})
            tracker = Tracker() if records_column else None
            result = transform(media, seed=derive_seed(seed, epoch, int(index)), metadata=tracker, **call)
            if boxes is not None:
                result, moved, moved_labels = result
                out_boxes.append(moved)
                for name in labels:
                    out_labels[name].append(moved_labels[name])
            if isinstance(value, Mapping) and "array" in value:
                audio, sr = result
                result = {**value, "array": audio, "sampling_rate": sr}
            elif isinstance(result, tuple) and len(result) == 2 and "sample_rate" in call:
                result = result[0]  # a plain audio array column: keep the array
            out_values.append(result)
            if tracker is not None:
                out_records.append(tracker.to_json(indent=None))
        changed: dict[str, list[Any]] = {target: out_values}
        if bboxes is not None:
            _set_column(changed, batch, bboxes, out_boxes)
            for name in labels:
                _set_column(changed, batch, name, out_labels[name])
        if records_column:
            changed[records_column] = out_records
        return {k: v[0] for k, v in changed.items()} if single else changed

    augment.__name__ = f"multiaug_map_{column.replace('.', '_')}"
    augment.__qualname__ = augment.__name__
    return augment


def _set_column(changed: dict[str, list[Any]], batch: Mapping[str, Any], path: str, values: list[Any]) -> None:
    head, _, rest = path.partition(".")
    if not rest:
        changed[head] = values
        return
    rows = changed.get(head) or [dict(row) for row in batch[head]]
    for row, v in zip(rows, values):
        row[rest] = v
    changed[head] = rows


__all__ = ["collate", "hf_map_fn", "to_chw"]
