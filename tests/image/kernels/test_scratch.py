from __future__ import annotations

import threading

import numpy as np

from multiaug.image.kernels import scratch


def test_buffers_are_reused_per_name_and_grow():
    a = scratch.buffer("test.a", (10, 3), np.float32)
    assert a.shape == (10, 3) and a.dtype == np.float32 and a.flags.c_contiguous
    a[...] = 7
    again = scratch.buffer("test.a", (5, 2), np.float32)
    assert np.shares_memory(a, again)  # the same memory, contents undefined (here: left over)
    other = scratch.buffer("test.b", (10, 3), np.float32)
    assert not np.shares_memory(a, other)
    big = scratch.buffer("test.a", (100, 3), np.uint16)
    assert big.shape == (100, 3) and big.dtype == np.uint16 and not np.shares_memory(a, big)
    assert np.shares_memory(big, scratch.buffer("test.a", (10, 3), np.float32))


def test_huge_requests_are_not_kept_and_threads_do_not_share():
    n = scratch.MAX_BYTES // 4 + 1
    x, y = scratch.buffer("test.huge", (n,), np.float32), scratch.buffer("test.huge", (n,), np.float32)
    assert not np.shares_memory(x, y)
    mine = scratch.buffer("test.t", (64,), np.uint8)
    seen = []
    t = threading.Thread(target=lambda: seen.append(scratch.buffer("test.t", (64,), np.uint8)))
    t.start()
    t.join()
    assert not np.shares_memory(mine, seen[0])


def test_a_repeated_request_returns_the_same_view_and_a_new_one_its_own_shape():
    a = scratch.buffer("test.r", (4, 8), np.float32)
    assert scratch.buffer("test.r", (4, 8), np.float32) is a
    b = scratch.buffer("test.r", (8, 4), np.float32)
    assert b.shape == (8, 4) and b.dtype == np.float32 and np.shares_memory(a, b)
    c = scratch.buffer("test.r", (4, 8), np.uint8)
    assert c.shape == (4, 8) and c.dtype == np.uint8
    assert scratch.buffer("test.r", (4, 8), np.float32).shape == (4, 8)
