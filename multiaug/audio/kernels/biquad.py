"""Biquads: RBJ "Audio EQ Cookbook" second-order sections (low/high pass, peaking EQ) and an exact, fast causal
filter for one section (block state-space form, BLAS), like sox's from a zero state."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

#: Q of a two-pole Butterworth section (-3 dB at the cutoff, 12 dB/octave)
BUTTERWORTH_Q = 1.0 / math.sqrt(2.0)


def biquad_sos(kind: Literal["lowpass", "highpass", "peaking"], f0: float, sample_rate: float,
               q: float = BUTTERWORTH_Q, gain_db: float = 0.0) -> np.ndarray:
    """One second-order section (RBJ Audio EQ Cookbook) as a ``(1, 6)`` SOS array."""
    w0 = 2.0 * math.pi * f0 / sample_rate
    cw, sw = math.cos(w0), math.sin(w0)
    alpha = sw / (2.0 * q)
    if kind == "lowpass":
        b = [(1 - cw) / 2, 1 - cw, (1 - cw) / 2]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    elif kind == "highpass":
        b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
        a = [1 + alpha, -2 * cw, 1 - alpha]
    elif kind == "peaking":
        amp = 10.0 ** (gain_db / 40.0)
        b = [1 + alpha * amp, -2 * cw, 1 - alpha * amp]
        a = [1 + alpha / amp, -2 * cw, 1 - alpha / amp]
    else:  # pragma: no cover - internal
        raise ValueError(kind)
    a0 = a[0]
    return np.array([[b[0] / a0, b[1] / a0, b[2] / a0, 1.0, a[1] / a0, a[2] / a0]])


BIQUAD_BLOCK = 32  # samples per block of :func:`sos_filter` (block length of the state-space form)


def _biquad_blocks(sos: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Block matrices of one biquad in transposed direct form II (float64).

    With the state ``s`` before a block of ``block`` samples ``x`` (a row), the block's output is
    ``x @ T + s @ G`` and the state after it is ``M @ s + x @ F``:  ``T`` (block, block) is the
    upper-triangular Toeplitz matrix of the impulse response, ``G`` (2, block) the response to the initial
    state, ``F`` (block, 2) what each sample adds to the final state, ``M`` (2, 2) the state transition
    over a whole block.
    """
    b0, b1, b2, _, a1, a2 = (float(v) for v in sos[0])
    a = np.array([[-a1, 1.0], [-a2, 0.0]])
    bv = np.array([b1 - a1 * b0, b2 - a2 * b0])
    h = np.empty(block)
    g = np.empty((2, block))
    f = np.empty((block, 2))
    row = np.array([1.0, 0.0])  # C A^k
    col = bv.copy()  # A^k Bv
    h[0] = b0
    for k in range(block):
        g[:, k] = row
        f[block - 1 - k] = col
        if k + 1 < block:
            h[k + 1] = row @ bv
        row = row @ a
        col = a @ col
    idx = np.arange(block)
    lag = idx[None, :] - idx[:, None]
    t = np.where(lag >= 0, h[np.clip(lag, 0, None)], 0.0)
    m = np.linalg.matrix_power(a, block)
    return t, g, f, m


INPLACE_ROWS = 1024  # rows per matrix product when :func:`sos_filter` filters in place (128 KiB of float32)


def sos_filter(x: np.ndarray, sos: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Causal filtering of ``(..., n)`` by one biquad ``sos`` (``(1, 6)``) from a zero state, like sox.

    Block state-space form (exact, not an approximation of the recursion): the signal is cut into rows
    of :data:`BIQUAD_BLOCK` samples; each row's zero-state response is one matrix product with the
    impulse-response Toeplitz matrix (BLAS), the states at the row boundaries follow a 2-state recursion
    over the rows (``scipy.signal.lfilter`` on n / 32 values, float64), and their contribution is added in
    place by a second matrix product (BLAS gemm, beta = 1): the output is the only full-size allocation.
    Same result as a sample-by-sample recursion up to rounding (silence before the
    first non-zero sample stays exactly 0); computed in the input's precision (float32 or float64).

    ``out``: a C-contiguous array of ``x``'s shape in the working dtype to write into — ``x`` itself filters in
    place (no full-size allocation at all); a fresh array when None.
    """
    x = np.asarray(x)
    work = np.float64 if x.dtype == np.float64 else np.float32
    n = x.shape[-1]
    t, g, f, m = _biquad_blocks(sos, BIQUAD_BLOCK)
    t, g, f = (np.ascontiguousarray(v, dtype=work) for v in (t, g, f))  # m stays float64 (state recursion)
    if out is None:
        out = np.empty(x.shape, dtype=work)  # the only full-size allocation (page faults are costly)
    elif out.shape != x.shape or out.dtype != work or not out.flags.c_contiguous:
        raise ValueError(f"sos_filter: out must be a C-contiguous {np.dtype(work)} array of shape {x.shape}")
    elif np.may_share_memory(out, x) and out is not x:
        raise ValueError("sos_filter: out must be x itself or not overlap it")
    x2 = x.reshape(-1, n)
    o2 = out.reshape(-1, n)
    for c in range(x2.shape[0]):
        _biquad_channel(np.ascontiguousarray(x2[c], dtype=work), o2[c], t, g, f, m)
    return out


def _biquad_channel(x: np.ndarray, out: np.ndarray, t: np.ndarray, g: np.ndarray, f: np.ndarray,
                    m: np.ndarray) -> None:
    """:func:`sos_filter` of one contiguous channel ``x`` into ``out`` (same length, contiguous)."""
    from scipy.linalg.blas import dgemm, sgemm  # lazy: scipy.linalg costs ~0.2-0.3 s to import
    from scipy.signal import lfilter  # lazy: scipy.signal costs ~0.3-1 s to import

    block = t.shape[0]
    n = x.size
    full = n // block
    rest = n - full * block
    xr = x[: full * block].reshape(full, block)  # a view: no copy of the input
    last = np.zeros((1, block), dtype=x.dtype)
    last[0, :rest] = x[full * block:]
    rows = full + (1 if rest else 0)
    u = np.empty((rows, 2))
    u[:full] = xr @ f  # what each row adds to the state after it
    if rest:
        u[full] = (last @ f)[0]
    # state before row r: S[r] = M S[r-1] + U[r-1], S[0] = 0; per component (adjugate of zI - M):
    # S1 = (z^-1 U1 - z^-2 (m22 U1 - m12 U2)) / D(z),  S2 = (z^-1 U2 - z^-2 (m11 U2 - m21 U1)) / D(z)
    den = [1.0, -(m[0, 0] + m[1, 1]), m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]]
    u1, u2 = u[:, 0], u[:, 1]
    w = np.zeros((2, rows))
    if rows > 1:
        w[0, 1:] = u1[:-1]
        w[1, 1:] = u2[:-1]
    if rows > 2:
        w[0, 2:] -= m[1, 1] * u1[:-2] - m[0, 1] * u2[:-2]
        w[1, 2:] -= m[0, 0] * u2[:-2] - m[1, 0] * u1[:-2]
    states = np.ascontiguousarray(lfilter([1.0], den, w, axis=-1).T, dtype=x.dtype)  # (rows, 2)
    if full:
        out_rows = out[: full * block].reshape(full, block)
        if np.shares_memory(xr, out_rows):  # in place: bands of rows (numpy buffers each small overlapping band)
            for r0 in range(0, full, INPLACE_ROWS):
                np.matmul(xr[r0: r0 + INPLACE_ROWS], t, out=out_rows[r0: r0 + INPLACE_ROWS])
        else:
            np.matmul(xr, t, out=out_rows)  # zero-state response of every row
        # += states @ g in place (BLAS gemm with beta = 1 on the transposed, Fortran-ordered view)
        gemm = sgemm if x.dtype == np.float32 else dgemm
        res = gemm(1.0, g.T, states[:full].T, 1.0, out_rows.T, overwrite_c=True)
        if not np.shares_memory(res, out_rows):  # pragma: no cover - f2py made a copy
            out_rows[...] = res.T
    if rest:
        out[full * block:] = (last @ t + states[full:] @ g)[0, :rest]
