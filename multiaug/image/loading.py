"""Reading images for the image modality: paths, PIL images and uint8 arrays, checked once for every function.

* Images without pixels (0×0, 0×W, (0, W, 3) arrays) are refused with :class:`UnsupportedInputError`, for every
  function and every secondary image alike (overlays, backgrounds, masks).
* High-bit-depth images (Pillow modes I;16, I, F; a 16-bit PNG opens as one of them) are never quietly quantised to
  8 bits: a function that processes them at their depth declares it (``@augmentation(IMAGE, ..., deep=DEEP)``,
  listed in docs/LIMITS.md); every other function accepts them only when their values fit 8 bits exactly (integers
  0–255) and refuses the rest with an error naming the mode.
* A directory given as an image path is said to be one (not "file not found").
"""

from __future__ import annotations

import functools
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ..core.errors import MediaReadError, UnsupportedInputError
from .kernels.modes import DEEP_DTYPES
from .kernels.paste import resize_for_paste, scaled_size

#: Pillow modes whose samples fit 8 bits: every image function accepts them (converted to its working mode
#: L/LA/RGB/RGBA and back)
EIGHT_BIT_MODES = frozenset({"1", "L", "P", "LA", "PA", "La", "RGB", "RGBA", "RGBX", "RGBa", "CMYK", "YCbCr", "LAB",
                             "HSV"})
#: the high-bit-depth modes a function may declare it processes at their depth: ``@augmentation(IMAGE, ...,
#: deep=DEEP)``. An array body receives them as H×W arrays (I;16 → uint16, I → float64, F → float32, see
#: :data:`multiaug.image.kernels.modes.DEEP_DTYPES`); the modality rounds and clips back to the mode's range.
DEEP: tuple[str, ...] = tuple(DEEP_DTYPES)


def load_image(image: Any, argument: str = "image", where: str = "image",
               deep: tuple[str, ...] | None = None) -> Image.Image:
    """Open a path, accept a PIL image, or wrap a uint8 ndarray (H×W or H×W×C, C in 1, 3, 4).

    Images without pixels, and palette images without palette colours, are refused (:class:`UnsupportedInputError`). With ``deep`` given (the modes the caller
    processes at their depth) any other mode outside :data:`EIGHT_BIT_MODES` is refused too unless its values fit
    8 bits; ``deep=None`` (readers, viewers) accepts every mode.
    """
    if isinstance(image, Image.Image):
        img = image
    elif isinstance(image, (str, os.PathLike)):
        img = _open(Path(image), argument, where)
    elif isinstance(image, np.ndarray):
        return Image.fromarray(np.ascontiguousarray(check_array(image, argument, where)))
    else:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' must be a file path, a PIL.Image.Image or a uint8 numpy array, "
            f"got {type(image).__name__}"
        )
    if img.width == 0 or img.height == 0:
        raise UnsupportedInputError(f"{where}: argument '{argument}' is an empty image ({img.width}×{img.height}); "
                                    "multiaug refuses images without pixels")
    if img.mode in ("P", "PA") and _palette_is_empty(img):
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' is a {img.mode}-mode image without palette colours (as Image.new('P', "
            "size) makes), so its pixel values have no colours; give it a palette with putpalette() or pass an "
            "L/RGB image")
    if deep is not None:
        check_depth(img, deep, argument, where)
    return img


def _palette_is_empty(img: Image.Image) -> bool:
    """True for a P/PA image whose palette holds no colours (``Image.new("P", size)`` on Pillow 11+: its
    conversions fail with "empty palette"; older Pillow gives such an image a grey palette, which is kept). The
    image core's palette is asked (``getpalette``), not the Python-side copy, which Pillow 10 leaves empty after
    some conversions; a lazily opened file is loaded first, since its palette may come with the pixels."""
    img.load()
    return not img.getpalette()


def _open(path: Path, argument: str, where: str) -> Image.Image:
    if path.is_dir():
        raise MediaReadError(f"{where}: argument '{argument}': '{path}' is a directory, not an image file")
    if not path.is_file():
        raise MediaReadError(f"{where}: argument '{argument}': file not found: '{path}'")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise MediaReadError(
            f"{where}: '{path}' exceeds Pillow's decompression-bomb limit ({exc}); raise "
            "PIL.Image.MAX_IMAGE_PIXELS if you trust this file"
        ) from None
    except Exception as exc:  # Pillow raises many types for corrupt files
        raise MediaReadError(f"{where}: cannot read image file '{path}': {exc}") from None
    return img


def check_array(image: np.ndarray, argument: str = "image", where: str = "image") -> np.ndarray:
    """Validate a uint8 H×W or H×W×C (C in 1, 3, 4) array with pixels; H×W×1 comes back as an H×W view."""
    if image.dtype != np.uint8:
        raise UnsupportedInputError(
            f"{where}: argument '{argument}' ndarray must be uint8 (H×W or H×W×C), got dtype {image.dtype}"
        )
    if image.ndim in (2, 3) and (image.shape[0] == 0 or image.shape[1] == 0):
        raise UnsupportedInputError(f"{where}: argument '{argument}' is an empty image (shape {image.shape}); "
                                    "multiaug refuses images without pixels")
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] in (1, 3, 4):
        return image[:, :, 0] if image.shape[2] == 1 else image
    raise UnsupportedInputError(
        f"{where}: argument '{argument}' ndarray must have shape H×W or H×W×C with C in (1, 3, 4), got {image.shape}"
    )


def fits_8_bits(img: Image.Image) -> bool:
    """True when every sample of a single-band image is an integer in [0, 255] (8 bits hold it exactly)."""
    if len(img.getbands()) != 1:
        return False
    arr = np.asarray(img)
    if arr.dtype.kind == "f" and (not np.isfinite(arr).all() or not np.array_equal(arr, np.rint(arr))):
        return False
    return bool(arr.size == 0 or (arr.min() >= 0 and arr.max() <= 255))


def check_depth(img: Image.Image, deep: tuple[str, ...], argument: str, where: str) -> None:
    """Refuse an image the function would quantise: a mode that is neither 8-bit nor one of the ``deep`` modes the
    function processes at their depth, unless its values fit 8 bits exactly (converting them loses nothing)."""
    mode = img.mode
    if mode in EIGHT_BIT_MODES or mode in deep or fits_8_bits(img):
        return
    native = f"; it processes {', '.join(deep)} at their depth" if deep else ""
    raise UnsupportedInputError(
        f"{where}: argument '{argument}' has mode {mode!r} with values beyond 8 bits, which this function would "
        f"quantise{native}. Convert the image to an 8-bit mode yourself (e.g. scale to 0–255, then 'L' or 'RGB') "
        "or use a function that supports the mode (docs/LIMITS.md lists them)")


def deep_array(img: Image.Image) -> np.ndarray:
    """The H×W working array of a high-bit-depth image (:data:`DEEP`), in the dtype of its mode."""
    return np.asarray(img).astype(DEEP_DTYPES[img.mode])


def load_image_cached(value: Any, argument: str, where: str) -> tuple[Image.Image, tuple[Any, ...] | None]:
    """:func:`load_image` for overlays, backgrounds and templates reused across calls: files are decoded once and
    cached by (path, mtime, size). Returns the image and its cache key (None when ``value`` is not a file) so resized
    versions can be cached too. Cached images are never modified. Secondary images are composited in 8 bits: one
    with values beyond 8 bits is refused."""
    if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
        st = os.stat(value)
        key = (os.fspath(value), st.st_mtime_ns, st.st_size, argument, where)
        return cached_file(*key), key
    return load_image(value, argument, where, deep=()), None


@functools.lru_cache(maxsize=16)
def cached_file(path: str, mtime_ns: int, size: int, argument: str, where: str) -> Image.Image:
    """The decoded file behind a :func:`load_image_cached` key (shared; do not modify)."""
    return load_image(path, argument, where, deep=())


def load_scaled(value: Any, height: int, argument: str, where: str) -> Image.Image:
    """An overlay (path, PIL image or array) scaled to ``height`` px, aspect kept, for pasting
    (:func:`multiaug.image.kernels.paste.resize_for_paste`); a file's scaled version (up to 4096² px) is cached."""
    img, key = load_image_cached(value, argument, where)
    w, h = scaled_size(img, height)
    if key is not None and w * h <= 4096 * 4096:
        return _cached_resized(key, w, h)
    return resize_for_paste(img, w, h)


@functools.lru_cache(maxsize=16)
def _cached_resized(key: tuple[Any, ...], w: int, h: int) -> Image.Image:
    return resize_for_paste(cached_file(*key), w, h)


def save_format(ext: str) -> str | None:
    """The Pillow format that writes files with extension ``ext`` (None when Pillow cannot write it)."""
    fmt = Image.registered_extensions().get(ext.lower())
    return fmt if fmt is not None and fmt in Image.SAVE else None
