"""The native libraries behind the array kernels, imported on first use so ``import multiaug.image`` stays cheap.

* OpenCV (``opencv-python-headless``): on first use :func:`cv2_module` calls ``cv2.setNumThreads(1)``: multiaug
  parallelises across samples (``multiaug expand`` workers, data loaders), and OpenCV's own thread pool would
  oversubscribe the cores. A caller who wants OpenCV's threads back can call ``cv2.setNumThreads(n)`` after the
  first augmentation.
* StringZilla: a SIMD byte-translation table (one 256-entry lookup over a buffer at memory speed, about 7× faster
  than ``cv2.LUT`` on a 1024×768 RGB image), see :func:`multiaug.image.kernels.lut.byte_lut`.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def cv2_module() -> Any:
    """The ``cv2`` module, imported on first use with ``cv2.setNumThreads(1)`` (see the module docstring)."""
    import cv2  # lazy: OpenCV takes about 100 ms to import; many programs never run an array kernel

    cv2.setNumThreads(1)
    return cv2


@functools.cache
def stringzilla_module() -> Any:
    """The ``stringzilla`` module, imported on first use."""
    import stringzilla  # lazy: only the look-up-table kernels need it

    return stringzilla
