"""Per-thread work buffers that kernels reuse from call to call (never returned to a caller).

A 1024×768 colour kernel needs a few megabytes of float32 temporaries per call (a grey plane, pixel blocks). Fresh
buffers of that size come from the operating system again and again once the allocator trims its heap between
calls — on the benchmark VM that costs about 3.5 µs per 4 KiB page, ~1,500 page faults (5 ms) per ColorJitter call,
as much as the arithmetic. Buffers from :func:`buffer` are kept per thread and per name, grown when a larger image
comes, and hold no state that matters: their contents are undefined on return, every caller overwrites what it
reads. Buffers larger than :data:`MAX_BYTES` are not kept (a one-off huge image does not pin its memory).
"""

from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

#: largest buffer kept per name and thread (larger requests get a fresh array each time)
MAX_BYTES = 16 << 20

_LOCAL = threading.local()


def buffer(name: str, shape: tuple[int, ...], dtype: type | np.dtype) -> np.ndarray:  # type: ignore[type-arg]
    """A C-contiguous work array of ``shape`` and ``dtype`` with undefined contents, reused by later calls of this
    thread with the same ``name``; a kernel must not return it, nor keep it across calls, nor hand the same name to
    two buffers it uses at once. The view last handed out per name is kept: the same request again (a training loop's
    fixed image size) returns it without rebuilding it."""
    last: dict[str, tuple[tuple[int, ...], Any, np.ndarray]] | None = getattr(_LOCAL, "last", None)
    if last is None:
        last = _LOCAL.last = {}
    hit = last.get(name)
    if hit is not None and hit[0] == shape and hit[1] is dtype:
        return hit[2]
    dt = np.dtype(dtype)
    nbytes = math.prod(shape) * dt.itemsize
    if nbytes > MAX_BYTES:
        return np.empty(shape, dt)
    pool: dict[str, np.ndarray] | None = getattr(_LOCAL, "pool", None)
    if pool is None:
        pool = _LOCAL.pool = {}
    raw = pool.get(name)
    if raw is None or raw.nbytes < nbytes:
        raw = pool[name] = np.empty(max(nbytes, 64), np.uint8)
    view = raw[:nbytes].view(dt).reshape(shape)
    last[name] = (shape, dtype, view)
    return view
