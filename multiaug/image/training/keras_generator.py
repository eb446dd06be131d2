"""An ``ImageDataGenerator`` with Keras' arguments and meanings, yielding framework-neutral numpy batches.

``ImageDataGenerator(rotation_range=20, width_shift_range=0.1, ..., rescale=1/255).flow(x, y, batch_size=32,
seed=1)`` and ``.flow_from_directory(directory, target_size=(256, 256), class_mode="categorical", subset=...)``
yield ``(x, y)`` float32 batches (channels last unless ``data_format="channels_first"``) that Keras 3, PyTorch
and JAX all take. The random transform is :func:`multiaug.image.random_affine`'s (one matrix, one
resampling, Keras' order), drawn from a per-sample seed ``derive_seed(seed, epoch, index)``: batch b of
epoch e is the same whatever the worker count, and :meth:`NumpyIterator.transform_params` says what was drawn.
Deliberate differences from Keras (docs/TRAINING.md): the shift axes follow the documentation (Keras' code
swaps them), no global NumPy RNG is used, and ``fit`` / ``standardize`` return new arrays.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ...core.errors import InvalidParameterError
from ...core.seeds import derive_seed, resolve_seed
from ..augmentations.affine import draw_keras_params
from ..kernels import affine as ka

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tif", ".tiff", ".webp")
CLASS_MODES = ("categorical", "binary", "sparse", "input", None)
_RESAMPLE = {"nearest": Image.Resampling.NEAREST, "bilinear": Image.Resampling.BILINEAR,
             "bicubic": Image.Resampling.BICUBIC, "lanczos": Image.Resampling.LANCZOS,
             "box": Image.Resampling.BOX, "hamming": Image.Resampling.HAMMING}


class ImageDataGenerator:
    """Keras' ``ImageDataGenerator`` (same arguments, order and defaults, plus ``seed``)."""

    def __init__(self, featurewise_center: bool = False, samplewise_center: bool = False,
                 featurewise_std_normalization: bool = False, samplewise_std_normalization: bool = False,
                 zca_whitening: bool = False, zca_epsilon: float = 1e-6, rotation_range: float = 0,
                 width_shift_range: Any = 0.0, height_shift_range: Any = 0.0, brightness_range: Any = None,
                 shear_range: float = 0.0, zoom_range: Any = 0.0, channel_shift_range: float = 0.0,
                 fill_mode: str = "nearest", cval: float = 0.0, horizontal_flip: bool = False,
                 vertical_flip: bool = False, rescale: float | None = None,
                 preprocessing_function: Callable[[np.ndarray], np.ndarray] | None = None,
                 data_format: str = "channels_last", validation_split: float = 0.0, interpolation_order: int = 1,
                 dtype: str = "float32", *, seed: int | None = None):
        if fill_mode not in ka.FILL_MODES:
            raise InvalidParameterError(f"ImageDataGenerator: argument 'fill_mode' must be one of {ka.FILL_MODES}, got "
                                        f"{fill_mode!r}", argument="fill_mode")
        if data_format not in ("channels_last", "channels_first"):
            raise InvalidParameterError("ImageDataGenerator: argument 'data_format' must be 'channels_last' or "
                                        "'channels_first'", argument="data_format")
        if not 0.0 <= float(validation_split) < 1.0:
            raise InvalidParameterError("ImageDataGenerator: argument 'validation_split' must be in [0, 1)",
                                        argument="validation_split")
        if interpolation_order not in (0, 1, 3):
            raise InvalidParameterError("ImageDataGenerator: argument 'interpolation_order' must be 0, 1 or 3",
                                        argument="interpolation_order")
        if isinstance(zoom_range, (int, float)) and not 0 <= zoom_range < 1 and zoom_range != 0:
            raise InvalidParameterError("ImageDataGenerator: argument 'zoom_range' must be a float in [0, 1) or a pair",
                                        argument="zoom_range")
        if brightness_range is not None and (len(brightness_range) != 2 or brightness_range[0] > brightness_range[1]):
            raise InvalidParameterError("ImageDataGenerator: argument 'brightness_range' must be (low, high)",
                                        argument="brightness_range")
        self.featurewise_center, self.samplewise_center = featurewise_center, samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening, self.zca_epsilon = zca_whitening, zca_epsilon
        self.ranges = {"rotation_range": float(rotation_range), "width_shift_range": width_shift_range,
                       "height_shift_range": height_shift_range, "shear_range": float(shear_range),
                       "zoom_range": zoom_range, "channel_shift_range": float(channel_shift_range),
                       "brightness_range": brightness_range, "horizontal_flip": bool(horizontal_flip),
                       "vertical_flip": bool(vertical_flip)}
        self.fill_mode, self.cval, self.interpolation_order = fill_mode, float(cval), int(interpolation_order)
        self.rescale, self.preprocessing_function = rescale, preprocessing_function
        self.data_format, self.dtype = data_format, np.dtype(dtype)
        self.validation_split = float(validation_split)
        self.seed = resolve_seed(seed, function="ImageDataGenerator")
        self.mean: np.ndarray | None = None
        self.std: np.ndarray | None = None
        self.zca_whitening_matrix: np.ndarray | None = None

    # --- one image ------------------------------------------------------------------------------
    def get_random_transform(self, img_shape: Sequence[int], seed: Any = None) -> dict[str, Any]:
        """Draw the parameters of one transform for an H×W(×C) image (Keras' names; ``tx`` horizontal)."""
        rng = np.random.default_rng(resolve_seed(seed, function="ImageDataGenerator"))
        return draw_keras_params(rng, int(img_shape[1]), int(img_shape[0]), **self.ranges)

    def apply_transform(self, x: np.ndarray, transform_parameters: dict[str, Any]) -> np.ndarray:
        """Apply drawn parameters to one H×W×C image (any dtype OpenCV warps: uint8, uint16, float32)."""
        x = np.asarray(x)
        if x.dtype == np.float64:
            x = x.astype(np.float32)
        return ka.apply_keras_transform(x, **transform_parameters, fill_mode=self.fill_mode, cval=self.cval,
                                        order=self.interpolation_order)

    def random_transform(self, x: np.ndarray, seed: Any = None) -> np.ndarray:
        return self.apply_transform(x, self.get_random_transform(np.shape(x), seed))

    def standardize(self, x: np.ndarray) -> np.ndarray:
        """Keras' order: preprocessing_function, rescale, samplewise centre/std, featurewise centre/std, ZCA
        (a new array; Keras works in place)."""
        x = np.array(x, dtype=self.dtype, copy=True)
        if self.preprocessing_function is not None:
            x = np.asarray(self.preprocessing_function(x), dtype=self.dtype)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        if self.featurewise_center and self.mean is not None:
            x -= self.mean
        if self.featurewise_std_normalization and self.std is not None:
            x /= self.std + 1e-6
        if self.zca_whitening and self.zca_whitening_matrix is not None:
            x = (x.reshape(-1, self.zca_whitening_matrix.shape[0]) @ self.zca_whitening_matrix).reshape(x.shape)
        return x

    def fit(self, x: np.ndarray, augment: bool = False, rounds: int = 1, seed: int | None = None) -> None:
        """Dataset statistics for the featurewise options and ZCA from an N×H×W×C sample (after ``rescale``)."""
        x = np.array(x, dtype=self.dtype, copy=True)
        if x.ndim != 4:
            raise InvalidParameterError(f"ImageDataGenerator.fit: x must be N×H×W×C, got shape {x.shape}",
                                        argument="x")
        if self.rescale:
            x *= self.rescale
        if augment:
            base = resolve_seed(seed, function="ImageDataGenerator.fit")
            x = np.stack([self.random_transform(x[i], derive_seed(base, r, i))
                          for r in range(rounds) for i in range(x.shape[0])])
        if self.featurewise_center:
            self.mean = np.mean(x, axis=(0, 1, 2)).reshape(1, 1, -1).astype(self.dtype)
            x = x - self.mean
        if self.featurewise_std_normalization:
            self.std = np.std(x, axis=(0, 1, 2)).reshape(1, 1, -1).astype(self.dtype)
            x = x / (self.std + 1e-6)
        if self.zca_whitening:
            flat = x.reshape(x.shape[0], -1)
            u, s, _ = np.linalg.svd(flat.T, full_matrices=False)
            s_inv = np.sqrt(flat.shape[0]) / (s + self.zca_epsilon)
            self.zca_whitening_matrix = ((u * s_inv) @ u.T).astype(self.dtype)

    # --- iterators ----------------------------------------------------------------------------------
    def flow(self, x: np.ndarray, y: Any = None, batch_size: int = 32, shuffle: bool = True,
             sample_weight: Any = None, seed: int | None = None, subset: str | None = None) -> NumpyIterator:
        """Batches of augmented samples of the in-memory array ``x`` (N×H×W×C) with labels ``y``."""
        x = np.asarray(x)
        if x.ndim != 4:
            raise InvalidParameterError(f"flow: x must be N×H×W×C, got shape {x.shape}", argument="x")
        idx = np.arange(x.shape[0])
        if subset is not None:
            split = int(self.validation_split * x.shape[0])
            idx = _subset(idx, split, subset)
        return NumpyIterator(self, lambda i: x[i], idx, None if y is None else np.asarray(y), None, batch_size,
                             shuffle, seed, sample_weight)

    def flow_from_directory(self, directory: str | os.PathLike[str], target_size: tuple[int, int] = (256, 256),
                            color_mode: str = "rgb", classes: Sequence[str] | None = None,
                            class_mode: str | None = "categorical", batch_size: int = 32, shuffle: bool = True,
                            seed: int | None = None, subset: str | None = None, interpolation: str = "nearest",
                            keep_aspect_ratio: bool = False) -> NumpyIterator:
        """Batches from one sub-folder per class (classes sorted alphabetically unless given), images resized
        to ``target_size`` = (height, width); ``subset`` takes the first ``validation_split`` of each class as
        "validation" and the rest as "training", as Keras."""
        root = Path(directory)
        if not root.is_dir():
            raise InvalidParameterError(f"flow_from_directory: '{root}' is not a directory", argument="directory")
        if color_mode not in ("rgb", "rgba", "grayscale"):
            raise InvalidParameterError("flow_from_directory: color_mode must be 'rgb', 'rgba' or 'grayscale'",
                                        argument="color_mode")
        if class_mode not in CLASS_MODES:
            raise InvalidParameterError(f"flow_from_directory: class_mode must be one of {CLASS_MODES}",
                                        argument="class_mode")
        if interpolation not in _RESAMPLE:
            raise InvalidParameterError(f"flow_from_directory: interpolation must be one of {sorted(_RESAMPLE)}",
                                        argument="interpolation")
        names = list(classes) if classes else sorted(p.name for p in root.iterdir() if p.is_dir())
        files: list[Path] = []
        labels: list[int] = []
        for k, name in enumerate(names):
            found = sorted(p for p in (root / name).rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS)
            if subset is not None:
                found = list(np.asarray(found, dtype=object)[_subset(np.arange(len(found)),
                                                                      int(self.validation_split * len(found)), subset)])
            files += found
            labels += [k] * len(found)
        mode = {"rgb": "RGB", "rgba": "RGBA", "grayscale": "L"}[color_mode]
        size = (int(target_size[1]), int(target_size[0]))

        def load(i: int) -> np.ndarray:
            img = Image.open(files[i])
            img = img.convert(mode)
            if keep_aspect_ratio:
                img = _centre_to_aspect(img, size[0] / size[1])
            if img.size != size:
                img = img.resize(size, _RESAMPLE[interpolation])
            arr = np.asarray(img)
            return arr[..., None] if arr.ndim == 2 else arr

        it = NumpyIterator(self, load, np.arange(len(files)), np.asarray(labels, dtype=np.int64), class_mode,
                           batch_size, shuffle, seed, None, num_classes=len(names))
        it.class_indices = {n: k for k, n in enumerate(names)}
        it.filenames = [str(f.relative_to(root)) for f in files]
        it.classes = np.asarray(labels, dtype=np.int64)
        return it


def _subset(idx: np.ndarray, split: int, subset: str) -> np.ndarray:
    if subset == "validation":
        return idx[:split]
    if subset == "training":
        return idx[split:]
    raise InvalidParameterError(f"subset must be 'training' or 'validation', got {subset!r}", argument="subset")


def _centre_to_aspect(img: Image.Image, aspect: float) -> Image.Image:
    w, h = img.size
    if w / h > aspect:
        nw = int(round(h * aspect))
        return img.crop(((w - nw) // 2, 0, (w - nw) // 2 + nw, h))
    nh = int(round(w / aspect))
    return img.crop((0, (h - nh) // 2, w, (h - nh) // 2 + nh))


class NumpyIterator:
    """Keras-style iterator: ``len(it)`` batches per epoch, ``it[b]`` is batch b of the current epoch, ``next(it)``
    walks the epochs forever (reshuffling each epoch when ``shuffle``)."""

    def __init__(self, gen: ImageDataGenerator, load: Callable[[int], np.ndarray], index: np.ndarray, y: Any,
                 class_mode: str | None, batch_size: int, shuffle: bool, seed: int | None, sample_weight: Any,
                 num_classes: int | None = None):
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidParameterError("batch_size must be an int ≥ 1", argument="batch_size")
        self.gen, self._load, self.index, self.y = gen, load, index, y
        self.class_mode, self.batch_size, self.shuffle = class_mode, batch_size, shuffle
        self.seed = gen.seed if seed is None else resolve_seed(seed, function="flow")
        self.sample_weight = None if sample_weight is None else np.asarray(sample_weight)
        self.num_classes = num_classes
        self.n = len(index)
        self.epoch = 0
        self.batch_index = 0
        self.class_indices: dict[str, int] = {}
        self.filenames: list[str] = []
        self.classes = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return (self.n + self.batch_size - 1) // self.batch_size

    def order(self, epoch: int) -> np.ndarray:
        """The sample order of ``epoch`` (a seeded permutation when shuffling)."""
        if not self.shuffle:
            return self.index
        return self.index[np.random.default_rng(derive_seed(self.seed, "order", epoch)).permutation(self.n)]

    def transform_params(self, epoch: int, sample: int, shape: Sequence[int]) -> dict[str, Any]:
        """The random transform drawn for dataset sample ``sample`` in ``epoch`` (for an image of ``shape``)."""
        return self.gen.get_random_transform(shape, derive_seed(self.seed, epoch, int(sample)))

    def batch(self, epoch: int, b: int) -> Any:
        if not 0 <= b < len(self):
            raise IndexError(f"batch {b} out of range for {len(self)} batches")
        ids = self.order(epoch)[b * self.batch_size:(b + 1) * self.batch_size]
        xs = []
        for i in ids:
            img = self._load(int(i))
            params = self.transform_params(epoch, int(i), img.shape)
            xs.append(self.gen.standardize(self.gen.apply_transform(img.astype(np.float32), params)))
        bx = np.stack(xs).astype(self.gen.dtype)
        if self.gen.data_format == "channels_first":
            bx = np.ascontiguousarray(np.transpose(bx, (0, 3, 1, 2)))
        by = self._labels(ids, bx)
        if by is None:
            return bx
        if self.sample_weight is not None:
            return bx, by, self.sample_weight[ids]
        return bx, by

    def _labels(self, ids: np.ndarray, bx: np.ndarray) -> Any:
        if self.class_mode is None and self.num_classes is not None:
            return None
        if self.num_classes is None:  # flow(x, y)
            return None if self.y is None else self.y[ids]
        labels = self.y[ids]
        if self.class_mode == "input":
            return bx.copy()
        if self.class_mode in ("binary", "sparse"):
            return labels.astype(self.gen.dtype)
        out = np.zeros((len(ids), self.num_classes), dtype=self.gen.dtype)
        out[np.arange(len(ids)), labels] = 1.0
        return out

    def __getitem__(self, b: int) -> Any:
        return self.batch(self.epoch, b)

    def __iter__(self) -> NumpyIterator:
        return self

    def __next__(self) -> Any:
        if self.n == 0:
            raise StopIteration
        out = self.batch(self.epoch, self.batch_index)
        self.batch_index += 1
        if self.batch_index >= len(self):
            self.on_epoch_end()
        return out

    def on_epoch_end(self) -> None:
        self.epoch += 1
        self.batch_index = 0

    def reset(self) -> None:
        self.batch_index = 0
