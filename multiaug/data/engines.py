"""Execution engines for :func:`multiaug.data.expand`: where the per-item jobs run.

* :class:`LocalEngine` — the calling process (``workers=1``) or a ``concurrent.futures`` process pool
  (``workers>=2``; ``fork`` on Linux from a single-threaded caller, else ``forkserver`` where available, else
  ``spawn``; the job function and its arguments are plain picklable data, so every start method works).
* :class:`DaskEngine` — a ``dask.distributed`` cluster (an existing ``Client``, a scheduler address, or a
  ``LocalCluster`` it starts). Install with ``pip install "multiaug[dask]"``.

Every engine runs the same pure job function, so outputs and manifests are byte-identical across engines and
worker counts; only the completion order differs, and the expansion sorts the manifest at the end.
An engine's :meth:`map_unordered` is a generator: closing it early (an interrupted run) cancels pending jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from ..core.errors import InvalidParameterError, UnsupportedInputError

PRELOAD = ("numpy", "PIL.Image", "multiaug.image", "multiaug.text", "multiaug.audio", "multiaug.data.worker")


def _default_start_method() -> str:
    """``fork`` on Linux when the calling process runs a single thread (no start-up cost, and forking is safe
    without other threads); else ``forkserver`` where available (thread-safe; the server imports multiaug once and
    workers fork from it); else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _ready() -> bool:
    return True


def _init_worker() -> None:
    # one BLAS/OpenMP thread per worker process: the pool provides the parallelism
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # the worker owns its process: Pillow may keep freed image blocks (multiaug.image.tune_pillow)
    from ..image.modality import tune_pillow  # lazy: data.engines stays importable without the image modality

    tune_pillow()


class LocalEngine:
    """Run jobs in this process (``workers=1``) or in a local process pool.

    Args:
        workers: number of worker processes (>= 1); 1 runs in the calling process.
        start_method: multiprocessing start method for the pool: ``"fork"``, ``"forkserver"`` or ``"spawn"``; None
            (default) picks ``fork`` on Linux when the caller has a single thread, else ``forkserver`` where
            available (safe with threads; multiaug imported once by the server), else ``spawn``.
        max_pending: jobs in flight per worker (bounds memory on huge datasets), >= 1.
    """

    name = "local"

    def __init__(self, workers: int = 1, start_method: str | None = None, max_pending: int = 4):
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise InvalidParameterError(f"expand: argument 'workers' must be an int >= 1, got {workers!r}",
                                        argument="workers")
        if start_method is not None and start_method not in multiprocessing.get_all_start_methods():
            raise InvalidParameterError(
                f"LocalEngine: argument 'start_method' must be one of {multiprocessing.get_all_start_methods()}, "
                f"got {start_method!r}", argument="start_method")
        if max_pending < 1:
            raise InvalidParameterError(f"LocalEngine: argument 'max_pending' must be >= 1, got {max_pending}",
                                        argument="max_pending")
        self.workers = workers
        self.start_method = start_method
        self.max_pending = max_pending
        self._pool: ProcessPoolExecutor | None = None

    def describe(self) -> str:
        method = getattr(self, "used_start_method", None)
        return f"local ({self.workers} worker{'s' if self.workers > 1 else ''}{', ' + method if method else ''})"

    def start(self) -> ProcessPoolExecutor | None:
        """Start the worker pool now (``expand`` does this before it starts threads such as the progress bar's,
        so the start method can be chosen safely); a no-op for one worker or an already started pool."""
        if self.workers == 1 or self._pool is not None:
            return self._pool
        method = self.start_method or _default_start_method()
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            # the server imports multiaug once; each worker is a cheap fork of it (no per-worker import)
            ctx.set_forkserver_preload(list(PRELOAD))
        self.used_start_method = method
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_init_worker)
        # launch every worker now (the executor starts them lazily, after its own manager thread)
        for fut in [self._pool.submit(_ready) for _ in range(self.workers)]:
            fut.result()
        return self._pool

    def close(self) -> None:
        """Stop the pool (pending jobs are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map_unordered(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        """Yield ``fn(job)`` for every job, in completion order."""
        pool = self.start()
        if pool is None:
            for job in jobs:
                yield fn(job)
            return
        pending: set[Future[Any]] = set()
        queue = deque(jobs)
        limit = self.workers * self.max_pending
        try:
            while queue or pending:
                while queue and len(pending) < limit:
                    pending.add(pool.submit(fn, queue.popleft()))
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
        finally:
            for fut in pending:
                fut.cancel()
            self.close()


class DaskEngine:
    """Run jobs on a ``dask.distributed`` cluster.

    Args:
        client: an existing ``distributed.Client`` (not closed by the engine).
        address: a scheduler address to connect to (used when ``client`` is None).
        n_workers: size of the ``LocalCluster`` started when neither ``client`` nor ``address`` is given (>= 1).
        threads_per_worker: threads per local worker process (1: augmentation is CPU-bound Python/numpy).
        max_pending: jobs in flight per worker, >= 1.
    """

    name = "dask"

    def __init__(self, client: Any = None, address: str | None = None, n_workers: int = 2,
                 threads_per_worker: int = 1, max_pending: int = 8):
        try:
            import distributed  # noqa: F401  # lazy: optional package (the [dask] extra); probing whether it imports
        except ImportError:
            raise UnsupportedInputError(
                'expand: engine "dask" needs dask.distributed; install it with pip install "multiaug[dask]"'
            ) from None
        if isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1:
            raise InvalidParameterError(f"DaskEngine: argument 'n_workers' must be an int >= 1, got {n_workers!r}",
                                        argument="n_workers")
        self.client = client
        self.address = address
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.max_pending = max_pending

    def describe(self) -> str:
        if self.client is not None:
            return "dask (given client)"
        return f"dask ({self.address})" if self.address else f"dask (LocalCluster, {self.n_workers} workers)"

    def map_unordered(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        """Yield ``fn(job)`` for every job, in completion order."""
        from distributed import Client, LocalCluster, as_completed  # lazy: optional package (the [dask] extra)

        own_cluster = own_client = None
        client = self.client
        if client is None:
            if self.address:
                client = own_client = Client(self.address)
            else:
                own_cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=self.threads_per_worker,
                                           processes=True, dashboard_address=None)
                client = own_client = Client(own_cluster)
        queue = deque(jobs)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or self.n_workers)
        limit = workers * self.max_pending
        seq = as_completed([])
        in_flight = 0
        futures = []
        try:
            while queue and in_flight < limit:
                fut = client.submit(fn, queue.popleft(), pure=False)
                futures.append(fut)
                seq.add(fut)
                in_flight += 1
            for fut in seq:
                in_flight -= 1
                yield fut.result()
                fut.release()
                if queue:
                    nxt = client.submit(fn, queue.popleft(), pure=False)
                    futures.append(nxt)
                    seq.add(nxt)
                    in_flight += 1
        finally:
            for fut in futures:
                if not fut.done():
                    fut.cancel()
            if own_client is not None:
                own_client.close()
            if own_cluster is not None:
                own_cluster.close()


def make_engine(engine: str | Any = "local", workers: int = 1, **options: Any) -> Any:
    """An engine from a name (``"local"`` or ``"dask"``) or pass an engine object through.

    Args:
        engine: ``"local"``, ``"dask"`` or an object with ``map_unordered(fn, jobs)``.
        workers: worker processes (local) or LocalCluster workers (dask), >= 1.
        **options: passed to the engine's constructor.
    """
    if hasattr(engine, "map_unordered"):
        return engine
    if engine == "local":
        return LocalEngine(workers=workers, **options)
    if engine == "dask":
        return DaskEngine(n_workers=workers, **options)
    raise InvalidParameterError(f"expand: argument 'engine' must be 'local' or 'dask', got {engine!r}",
                                argument="engine")


__all__ = ["DaskEngine", "LocalEngine", "make_engine"]
