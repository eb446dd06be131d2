"""WSOLA (waveform-similarity overlap-add): a time-domain tempo change that keeps the pitch."""

from __future__ import annotations

import math

import numpy as np

from .stft import hann

COARSE_PEAKS = 5  # coarse WSOLA peaks refined at full rate besides the coarse maximum (>= 1)
PEAK_FRACTION = 0.9  # ... among those at least this fraction of the coarse maximum


def wsola(x: np.ndarray, factor: float, sample_rate: int, frame_ms: float = 40.0,
          tolerance_ms: float = 10.0) -> np.ndarray:
    """Waveform-similarity overlap-add tempo change of ``(channels, n)``; length ``round(n / factor)``.

    Hann frames of ``frame_ms`` are laid down every half frame in the output; frame ``k`` is read
    from the input near ``k * hop * factor``, shifted by up to ``± tolerance_ms`` to the position whose
    waveform best continues the previous frame (largest cross-correlation with the samples that follow
    the previous frame, on the channel mix, so all channels share the same positions and the stereo
    image is kept). The search is coarse-to-fine: the whole tolerance window on the mix decimated to
    about 11 kHz (box filter), then ± the decimation factor around the coarse optimum at full rate
    (``numpy.correlate``, C). The frames are then gathered and overlap-added in one vectorised pass.
    Computed in the input's precision (float32 or float64).
    """
    ch, n = x.shape
    work = np.float64 if x.dtype == np.float64 else np.float32
    out_len = round(n / factor)
    w = max(16, round(frame_ms * 1e-3 * sample_rate) // 2 * 2)
    hs = w // 2
    delta = max(1, round(tolerance_ms * 1e-3 * sample_rate))
    n_frames = out_len // hs + 2
    ha = hs * factor
    # pad so that every read x[pos - delta : pos + w + delta + hs] is in range
    front = delta + w
    back = math.ceil(n_frames * ha) + 2 * w + 2 * delta + hs + 1 - n
    xp = np.zeros((ch, front + n + max(back, 0) + w), dtype=work)
    xp[:, front: front + n] = x
    mono = xp[0] if ch == 1 else xp.mean(axis=0, dtype=work)
    dec = max(1, round(sample_rate / 11025))  # coarse search on the mix decimated to ~11 kHz
    mono_d = mono
    if dec > 1:  # box filter + decimation (strided sums: a reduction over a short axis is slow)
        m_d = mono.size // dec
        mono_d = mono[0: m_d * dec: dec].copy()
        for j in range(1, dec):
            mono_d += mono[j: m_d * dec: dec]
        mono_d *= work(1.0 / dec)
    wd = max(1, w // dec)
    pos = np.empty(n_frames, dtype=np.int64)
    prev = front  # input position (padded coordinates) of the previous frame
    pos[0] = prev
    for k in range(1, n_frames):
        lo = front + round(k * ha) - delta  # candidates lo .. lo + 2 * delta
        tpos = prev + hs  # the natural continuation of the previous frame
        # coarse: decimated template against the decimated tolerance window
        t_d = tpos // dec
        lo_d = lo // dec
        corr = np.correlate(mono_d[lo_d: lo_d + (2 * delta) // dec + 1 + wd], mono_d[t_d: t_d + wd], "valid")
        top = int(np.argmax(corr))
        cands = [top]
        top_val = float(corr[top])
        if top_val > 0:
            # a periodic signal has a peak every period, nearly as high: refine the best few of those
            peaks = np.flatnonzero((corr[1:-1] >= corr[:-2]) & (corr[1:-1] >= corr[2:])
                                   & (corr[1:-1] >= PEAK_FRACTION * top_val)) + 1
            if peaks.size > COARSE_PEAKS:
                peaks = peaks[np.argpartition(corr[peaks], -COARSE_PEAKS)[-COARSE_PEAKS:]]
            cands = sorted({top, *peaks.tolist()})
        template = mono[tpos: tpos + w]
        best_val, c0, best, edge = -math.inf, lo, 0, False
        for cd in cands:
            # fine: full rate, ± dec around a coarse optimum, inside the tolerance window
            c = (lo_d + cd) * dec + (tpos - t_d * dec)
            f0 = min(max(c - dec, lo), lo + 2 * delta)
            f1 = min(max(c + dec, lo), lo + 2 * delta)
            fine = np.correlate(mono[f0: f1 + w], template, "valid")
            i = int(fine.argmax())
            val = float(fine[i])
            if val > best_val:
                best_val, c0, best = val, f0, i
                edge = (i == 0 and f0 == lo) or (i == f1 - f0 and f1 == lo + 2 * delta)
        if edge and best_val > 0:
            # the refined optimum is on the edge of the tolerance window (a periodic signal can match
            # there as well as inside): search the whole window at full rate (rare)
            c0 = lo
            best = int(np.argmax(np.correlate(mono[lo: lo + 2 * delta + w], template, "valid")))
        prev = c0 + best
        pos[k] = prev
    win = hann(w).astype(work)
    windows = np.lib.stride_tricks.sliding_window_view(xp, w, axis=-1)  # (ch, positions, w), a view
    # overlap-add: frames 0, 2, 4, ... start at 0, w, 2w (they tile without overlapping), frames 1, 3, ...
    # at hs, hs + w, ...: two strided writes instead of one per frame
    n_even, n_odd = (n_frames + 1) // 2, n_frames // 2
    y = np.empty((ch, max(n_even * w, hs + n_odd * w)), dtype=work)
    np.multiply(windows[:, pos[0::2]], win, out=y[:, : n_even * w].reshape(ch, n_even, w))
    y[:, n_even * w:] = 0.0
    odd = windows[:, pos[1::2]]
    odd *= win
    y[:, hs: hs + n_odd * w].reshape(ch, n_odd, w)[...] += odd
    del odd
    y = y[:, :out_len]
    # window-sum normalisation: the first half frame has only frame 0's rising half; from then on every
    # sample has two frames whose Hann halves sum to win[:hs] + win[hs:] (= 1 up to rounding)
    head = min(hs, out_len)
    y[:, :head] /= np.maximum(win[:head], work(1e-3))
    pair = win[:hs] + win[hs:]
    k = max(out_len - hs, 0) // hs
    if k:
        y[:, hs: hs + k * hs].reshape(ch, k, hs)[...] /= pair
    if hs + k * hs < out_len:
        y[:, hs + k * hs:] /= pair[: out_len - hs - k * hs]
    return np.ascontiguousarray(y)
