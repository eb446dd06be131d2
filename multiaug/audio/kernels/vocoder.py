"""Phase vocoder: time-scale modification of an STFT with identity phase locking, and the time stretch built
on it. Inputs mono ``(n,)`` or channels-first ``(channels, n)``; computed in float32.
"""

from __future__ import annotations

import numpy as np

from .stft import istft, stft

#: output frames per chunk (cache-sized temporaries; 10 s at 44.1 kHz: 43 -> 19 ms, bit-identical results)
PV_CHUNK_FRAMES = 32


def _nearest_peak(peak_flat: np.ndarray, n_bins: int) -> np.ndarray:
    """For every cell of a flattened ``(rows, n_bins)`` peak mask, the column of the nearest peak in its
    row (ties go to the lower peak). Every row must hold a peak.

    Regions are runs between midpoints of consecutive peaks, so the owners are one ``np.repeat``."""
    pos = np.flatnonzero(peak_flat)
    if peak_flat.size < 2**31:
        pos = pos.astype(np.int32)
    row = pos // n_bins
    starts = np.empty(pos.size, dtype=pos.dtype)
    starts[0] = 0
    same_row = row[1:] == row[:-1]
    starts[1:] = np.where(same_row, (pos[:-1] + pos[1:]) // 2 + 1, row[1:] * n_bins)
    counts = np.diff(starts, append=peak_flat.size)
    return np.repeat((pos - row * n_bins).astype(np.int32), counts)


def phase_vocoder(spec: np.ndarray, rate: float, hop: int = 512) -> np.ndarray:
    """Time-scale an STFT ``(..., frames, bins)`` by ``rate`` (> 1 faster/shorter), pitch kept.

    Output frame ``t`` reads the analysis position ``t * rate``: its magnitude is linearly interpolated
    between the two neighbouring analysis frames. Phases use identity phase locking (Laroche & Dolson,
    1999): each output frame's spectral peaks advance by their measured instantaneous frequency, and every
    other bin keeps the phase relation it has with its nearest peak in the analysis frame. A plain
    vocoder (librosa's) lets the bins of one partial drift apart, which smears transients and loses
    1-3 dB when stretching; locking keeps the level and the partials coherent.

    Formulation used (vectorised except for one cheap gather per frame): with ``a_t`` the analysis phase
    of frame ``t``, the output phase is ``a_t + L_t`` where the rotation ``L_t`` is constant over each
    peak's region: ``L_t = (L_{t-1} + a_{t-1} + inc_{t-1} - a_t)[owner_t]`` with ``inc`` the wrapped
    per-hop phase advance of each bin and ``owner_t`` the nearest peak of every bin.
    """
    n_frames, n_bins = spec.shape[-2], spec.shape[-1]
    lead = spec.shape[:-2]
    chans = int(np.prod(lead)) if lead else 1
    steps = np.arange(0.0, n_frames, rate, dtype=np.float64)
    idx = steps.astype(np.int64)
    alpha_all = (steps - idx).astype(np.float32)[:, None]
    n_out = idx.size
    out = np.empty((*lead, n_out, n_bins), dtype=np.complex64)
    two_pi = np.float32(2.0 * np.pi)
    inv_two_pi = np.float32(1.0 / (2.0 * np.pi))
    prev = np.zeros(chans * n_bins, dtype=np.float32)  # rotation carried from frame to frame
    tmp = np.empty(chans * n_bins, dtype=np.float32)
    for c0 in range(0, n_out, PV_CHUNK_FRAMES):
        c1 = min(c0 + PV_CHUNK_FRAMES, n_out)
        t_lo = max(c0 - 1, 0)  # the frame before the chunk is needed for the first phase step
        sel = idx[t_lo:c1]
        lo, hi = int(sel[0]), int(sel[-1]) + 2
        # magnitude and phase of the analysis frames lo..hi-1 (silent past the end)
        block = spec[..., lo:min(hi, n_frames), :]
        mag = np.zeros((*lead, hi - lo, n_bins), dtype=np.float32)
        ang = np.zeros((*lead, hi - lo, n_bins), dtype=np.float32)
        np.abs(block, out=mag[..., : block.shape[-2], :])
        ang[..., : block.shape[-2], :] = np.angle(block)
        # phase advance between consecutive analysis frames, wrapped to [-pi, pi]
        dang = np.diff(ang, axis=-2)
        dang -= two_pi * np.round(dang * inv_two_pi)
        li = sel - lo
        alpha = alpha_all[t_lo:c1]
        out_mag = mag[..., li, :]
        out_mag *= 1.0 - alpha
        out_mag += alpha * mag[..., li + 1, :]
        a_t = ang[..., li, :]
        # rotation step of frame t: a_{t-1} + advance_{t-1} - a_t (frame 0 starts at its analysis phase)
        delta = np.empty_like(a_t)
        np.add(a_t[..., :-1, :], dang[..., li[:-1], :], out=delta[..., 1:, :])
        delta[..., 1:, :] -= a_t[..., 1:, :]
        if c0 == 0:
            delta[..., 0, :] = 0.0
        else:  # drop the helper frame c0 - 1
            out_mag, a_t, delta = out_mag[..., 1:, :], a_t[..., 1:, :], delta[..., 1:, :]
        m = c1 - c0
        # peaks of every output frame (the first bin of a plateau counts) and each bin's nearest peak
        peak = np.empty(out_mag.shape, dtype=bool)
        peak[..., 0] = out_mag[..., 0] >= out_mag[..., 1] if n_bins > 1 else True
        peak[..., -1] = out_mag[..., -1] > out_mag[..., -2] if n_bins > 1 else True
        if n_bins > 2:
            peak[..., 1:-1] = (out_mag[..., 1:-1] > out_mag[..., :-2]) & (out_mag[..., 1:-1] >= out_mag[..., 2:])
        own = _nearest_peak(peak.reshape(-1), n_bins).reshape(chans, m, n_bins)
        if chans > 1:  # index into the channels' bins laid side by side
            own += (np.arange(chans, dtype=np.int32) * n_bins)[:, None, None]
        own = np.moveaxis(own, 0, 1).reshape(m, chans * n_bins)
        dl = np.moveaxis(delta.reshape(chans, m, n_bins), 0, 1).reshape(m, chans * n_bins)
        rot = np.empty((m, chans * n_bins), dtype=np.float32)
        add, take = np.add, tmp.take  # the bound method skips np.take's Python wrappers (~40 % of the loop)
        for t, (d_t, own_t, rot_t) in enumerate(zip(dl, own, rot), start=c0):  # rows as views, no indexing per step
            add(prev, d_t, out=tmp)
            take(own_t, out=rot_t)
            prev = rot_t
            if t % 256 == 255:  # keep the running rotation small (float32 accuracy)
                prev -= two_pi * np.round(prev * inv_two_pi)
        prev = prev.copy()
        phase = np.moveaxis(rot.reshape(m, chans, n_bins), 1, 0).reshape(a_t.shape)
        phase += a_t
        dst = out[..., c0:c1, :]
        dst.real = out_mag * np.cos(phase)
        dst.imag = out_mag * np.sin(phase)
    return out


def stretch(x: np.ndarray, rate: float, n_fft: int = 2048, hop: int = 512) -> np.ndarray:
    """Phase-vocoder time stretch of ``(..., n)``; output length is ``round(n / rate)`` exactly."""
    n = x.shape[-1]
    out_len = round(n / rate)
    spec = stft(x, n_fft, hop)
    out = phase_vocoder(spec, rate, hop)
    del spec  # release the analysis spectrogram (several MB) before the synthesis allocates
    return istft(out, hop, out_len)
