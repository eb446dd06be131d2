"""Rooms: a shoebox image-source model (Allen & Berkley, 1979) in numpy, Sabine / Eyring reverberation times,
Schroeder-integral RT60 measurement, ISO 9613-1 air absorption, and a re-recording chain (small speaker → room
→ phone microphone).

Image-source model: for a rectangular room ``(Lx, Ly, Lz)`` with the same energy absorption ``α`` on every wall
(pressure reflection coefficient ``β = sqrt(1 - α)``), the image of the source with indices ``(n, q)`` per axis
sits at ``(1 - 2q)·s + 2nL`` and has met ``|n - q| + |n|`` walls of that axis. Every image within ``c · max_time``
of the microphone contributes ``β^reflections / (4π d)`` at delay ``d / c``; the direct path and first-order
images are placed with a 32-tap Hann-windowed sinc (exact fractional delay), later ones by linear interpolation
between the two nearest samples (their count makes the tail dense and diffuse).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.fft as sfft

from . import eq
from .channels import as_2d, like_input
from .length import fix_length
from .level import rms

SPEED_OF_SOUND = 343.0  # m/s at 20 °C
SINC_TAPS = 32


def sabine_rt60(size: tuple[float, float, float], absorption: float, c: float = SPEED_OF_SOUND) -> float:
    """Sabine's reverberation time (s): ``24 ln(10) V / (c S α)`` (≈ 0.161 V / (S α))."""
    lx, ly, lz = size
    v = lx * ly * lz
    s = 2.0 * (lx * ly + lx * lz + ly * lz)
    return 24.0 * math.log(10.0) * v / (c * s * absorption)


def eyring_rt60(size: tuple[float, float, float], absorption: float, c: float = SPEED_OF_SOUND) -> float:
    """Eyring's reverberation time (s): Sabine's with ``α`` replaced by ``-ln(1 - α)``."""
    return sabine_rt60(size, -math.log(1.0 - absorption), c) if absorption < 1.0 else 0.0


def _axis_images(length: float, src: float, mic: float, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """(mic-to-image offsets, reflection counts) of the images along one axis within ``reach`` metres."""
    n_max = int(math.ceil(reach / (2.0 * length))) + 1
    n = np.arange(-n_max, n_max + 1)
    offs, counts = [], []
    for q in (0, 1):
        pos = (1 - 2 * q) * src + 2.0 * n * length
        offs.append(pos - mic)
        counts.append(np.abs(n - q) + np.abs(n))
    off = np.concatenate(offs)
    cnt = np.concatenate(counts)
    keep = np.abs(off) <= reach
    return off[keep], cnt[keep]


def _sinc_kernel(frac: np.ndarray) -> np.ndarray:
    """Hann-windowed sinc taps (``(k, SINC_TAPS)``) for fractional delays ``frac`` in [0, 1)."""
    half = SINC_TAPS // 2
    t = np.arange(-half + 1, half + 1)[None, :] - frac[:, None]
    win = 0.5 + 0.5 * np.cos(np.pi * t / half)
    return np.sinc(t) * win


def image_source_rir(size: tuple[float, float, float], source: tuple[float, float, float],
                     mic: tuple[float, float, float], absorption: float, sample_rate: int, max_time: float,
                     c: float = SPEED_OF_SOUND) -> np.ndarray:
    """Room impulse response (float64, ``ceil(max_time · sample_rate) + SINC_TAPS`` samples) of a shoebox room
    by the image-source method; sample 0 is the moment the source emits (the direct sound arrives at d/c).

    Args:
        size: room dimensions (Lx, Ly, Lz) in metres (> 0).
        source, mic: positions in metres, inside the room.
        absorption: energy absorption coefficient of every wall, in (0, 1].
        sample_rate: in Hz.
        max_time: length of the response in seconds (images farther than c · max_time are left out).
        c: speed of sound in m/s.
    """
    reach = c * max_time
    beta = math.sqrt(max(0.0, 1.0 - absorption))
    axes = [_axis_images(size[i], source[i], mic[i], reach) for i in range(3)]
    (ox, cx), (oy, cy), (oz, cz) = axes
    length = int(math.ceil(max_time * sample_rate)) + SINC_TAPS
    h = np.zeros(length + 2)
    dxy = ox[:, None] ** 2 + oy[None, :] ** 2
    cxy = cx[:, None] + cy[None, :]
    log_beta = math.log(beta) if beta > 0 else -np.inf
    for k in range(oz.size):  # one z-slab at a time bounds memory
        d2 = dxy + oz[k] ** 2
        inside = d2 <= reach * reach
        if not inside.any():
            continue
        d = np.sqrt(d2[inside])
        refl = (cxy[inside] + cz[k]).astype(np.float64)
        with np.errstate(invalid="ignore"):
            amp = np.exp(refl * log_beta) if beta > 0 else (refl == 0).astype(np.float64)
        amp = amp / (4.0 * math.pi * np.maximum(d, 1e-3))
        t = d / c * sample_rate
        early = refl <= 1
        if early.any():  # direct path and first-order images: windowed-sinc fractional delay
            te, ae = t[early], amp[early]
            base = np.floor(te).astype(np.int64)
            taps = _sinc_kernel(te - base) * ae[:, None]
            idx = base[:, None] + np.arange(-SINC_TAPS // 2 + 1, SINC_TAPS // 2 + 1)[None, :]
            ok = (idx >= 0) & (idx < h.size)
            np.add.at(h, idx[ok], taps[ok])
        late = ~early
        if late.any():  # linear interpolation between the two nearest samples
            tl, al = t[late], amp[late]
            base = np.floor(tl).astype(np.int64)
            frac = tl - base
            ok = base + 1 < h.size
            h += np.bincount(base[ok], weights=al[ok] * (1.0 - frac[ok]), minlength=h.size)[: h.size]
            h += np.bincount(base[ok] + 1, weights=al[ok] * frac[ok], minlength=h.size)[: h.size]
    return h[:length]


def diffuse_energy(t: np.ndarray, volume: float, rt60: float, sample_rate: int, c: float = SPEED_OF_SOUND
                   ) -> np.ndarray:
    """Expected energy per sample of a room impulse response at times ``t`` (s) in the diffuse field: the image
    density ``1/V`` over a shell ``4π r² c/fs`` thick, each image at energy ``1/(4π r)²``, decaying by 60 dB per
    ``rt60``: ``c / (4π V fs) · 10^(-6 t / rt60)``."""
    return c / (4.0 * math.pi * volume * sample_rate) * 10.0 ** (-6.0 * np.asarray(t) / rt60)


def room_rir(size: tuple[float, float, float], source: tuple[float, float, float], mic: tuple[float, float, float],
             absorption: float, sample_rate: int, rng: np.random.Generator, max_time: float,
             ism_time: float = 0.08, c: float = SPEED_OF_SOUND) -> np.ndarray:
    """Hybrid room impulse response: exact image sources for the first ``ism_time`` seconds (direct sound and
    early reflections), then a diffuse tail (Gaussian noise from ``rng`` with the expected diffuse-field energy
    :func:`diffuse_energy`, decaying at Sabine's rate, continuing at the level the image sources reached) up to
    ``max_time``.

    A shoebox with purely specular walls never becomes diffuse (axial paths meet fewer walls and dominate late,
    so its decay is 25-45 % slower than Sabine's); real rooms scatter, which the diffuse tail models.

    Args:
        size, source, mic, absorption, sample_rate, c: as in :func:`image_source_rir`.
        rng: source of the tail's noise.
        max_time: response length in seconds (> ism_time for a tail).
        ism_time: end of the image-source part in seconds (> 0).
    """
    t_ism = min(ism_time, max_time)
    h = image_source_rir(size, source, mic, absorption, sample_rate, t_ism, c)
    length = int(math.ceil(max_time * sample_rate)) + SINC_TAPS
    out = np.zeros(length)
    start = int(math.ceil(t_ism * sample_rate))
    keep = min(start, h.size)
    out[:keep] = h[:keep]
    if start < length:
        volume = size[0] * size[1] * size[2]
        rt60 = sabine_rt60(size, absorption, c)
        t = np.arange(start, length) / sample_rate
        env = diffuse_energy(t, volume, rt60, sample_rate, c)
        # continue at the level the image sources reached over their last 20 ms (their arrivals all have the
        # same sign, so where they are dense they carry more energy than the incoherent diffuse estimate)
        w = max(1, min(keep, round(0.02 * sample_rate)))
        if keep > w and start > 0:
            ism = float(np.mean(h[keep - w: keep] ** 2))
            ref = float(np.mean(diffuse_energy(np.arange(keep - w, keep) / sample_rate, volume, rt60, sample_rate, c)))
            if ism > 0 and ref > 0:
                env = env * (ism / ref)
        out[start:] = rng.standard_normal(length - start) * np.sqrt(env)
    return out


def measured_rt60(rir: np.ndarray, sample_rate: int, db_range: tuple[float, float] = (-5.0, -35.0)) -> float:
    """RT60 (s) from a room impulse response: Schroeder backward integration, least-squares line through the
    decay between ``db_range`` (T30 by default), extrapolated to -60 dB."""
    e = np.cumsum((np.asarray(rir, dtype=np.float64) ** 2)[::-1])[::-1]
    with np.errstate(divide="ignore"):
        edc = 10.0 * np.log10(e / e[0])
    hi, lo = db_range
    sel = np.flatnonzero((edc <= hi) & (edc >= lo))
    if sel.size < 2:
        return float("nan")
    t = sel / sample_rate
    slope, _ = np.polyfit(t, edc[sel], 1)
    return -60.0 / slope


def air_absorption_db_per_m(freqs: np.ndarray, temperature_c: float, humidity: float,
                            pressure_kpa: float = 101.325) -> np.ndarray:
    """Atmospheric absorption (dB/m) at ``freqs`` Hz by ISO 9613-1 (temperature in °C, relative humidity in %)."""
    t = temperature_c + 273.15
    t0, t01, pr = 293.15, 273.16, 101.325
    pa = pressure_kpa / pr
    psat = 10.0 ** (-6.8346 * (t01 / t) ** 1.261 + 4.6151)
    h = humidity * psat / pa
    fro = pa * (24.0 + 4.04e4 * h * (0.02 + h) / (0.391 + h))
    frn = pa * (t / t0) ** -0.5 * (9.0 + 280.0 * h * math.exp(-4.170 * ((t / t0) ** (-1.0 / 3.0) - 1.0)))
    f2 = np.asarray(freqs, dtype=np.float64) ** 2
    return 8.686 * f2 * (1.84e-11 / pa * (t / t0) ** 0.5 + (t / t0) ** -2.5 * (
        0.01275 * math.exp(-2239.1 / t) / (fro + f2 / fro) + 0.1068 * math.exp(-3352.0 / t) / (frn + f2 / frn)))


def air_absorption(audio: np.ndarray, sample_rate: int, distance_m: float, temperature_c: float,
                   humidity: float) -> np.ndarray:
    """Apply the ISO 9613-1 air absorption of ``distance_m`` metres as a zero-phase (aligned) frequency-domain
    attenuation; same shape and dtype. Spreading loss (1/r) is not included: only the high-frequency loss."""
    n = audio.shape[-1]
    nfft = sfft.next_fast_len(n, real=True)
    freqs = np.fft.rfftfreq(nfft, 1.0 / sample_rate)
    gain = 10.0 ** (-air_absorption_db_per_m(freqs, temperature_c, humidity) * distance_m / 20.0)
    spec = sfft.rfft(audio, nfft, axis=-1)
    spec *= gain.astype(spec.real.dtype)
    return sfft.irfft(spec, nfft, axis=-1)[..., :n].astype(audio.dtype, copy=False)


def convolve_same(audio: np.ndarray, ir: np.ndarray, delay: int = 0) -> np.ndarray:
    """Convolve ``(n,)``/``(channels, n)`` with a mono impulse response and keep ``n`` samples starting at
    ``delay`` (drop the response's first ``delay`` samples so the direct sound stays aligned)."""
    from scipy.signal import oaconvolve  # lazy: scipy.signal costs ~0.3-1 s to import

    x2 = as_2d(audio)
    work = np.float64 if audio.dtype == np.float64 else np.float32
    n = x2.shape[-1]
    h = np.asarray(ir, dtype=work)[None, :]
    y = oaconvolve(x2.astype(work, copy=False), h, mode="full", axes=-1)
    y = fix_length(y[:, delay:], n)
    return like_input(y, audio).astype(audio.dtype, copy=False)


def direct_path_delay(source: tuple[float, float, float], mic: tuple[float, float, float],
                      sample_rate: int, c: float = SPEED_OF_SOUND) -> int:
    """Samples the direct sound takes from ``source`` to ``mic`` (rounded down)."""
    return int(math.dist(source, mic) / c * sample_rate)


def rerecord(audio: np.ndarray, sample_rate: int, ir: np.ndarray, delay: int, speaker_low_hz: float,
             speaker_high_hz: float, resonance_hz: float, resonance_db: float, drive_db: float,
             mic_low_hz: float, mic_high_hz: float) -> np.ndarray:
    """Play through a small loudspeaker, a room and a phone microphone (the "filmed a speaker" case).

    Speaker: 2nd-order high-pass at ``speaker_low_hz`` (no bass), a ``resonance_db`` peak at ``resonance_hz``
    (Q 2), 2nd-order low-pass at ``speaker_high_hz``, then ``tanh`` saturation driven by ``drive_db``. Room:
    convolution with ``ir`` (direct sound aligned by dropping ``delay`` samples). Microphone: 2nd-order
    band-pass ``mic_low_hz``–``mic_high_hz``. The output RMS equals the input RMS (same length and dtype).
    """
    x = as_2d(np.asarray(audio, dtype=np.float64))
    nyq = sample_rate / 2.0
    y = eq.pass_filter(x, sample_rate, "highpass", min(speaker_low_hz, 0.45 * sample_rate), 12.0)
    y = eq.apply_sos(y, eq.peaking_sos(min(resonance_hz, 0.45 * sample_rate), sample_rate, resonance_db, 2.0))
    if speaker_high_hz < nyq * 0.95:
        y = eq.pass_filter(y, sample_rate, "lowpass", speaker_high_hz, 12.0)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > 0:
        drive = 10.0 ** (drive_db / 20.0)
        y = np.tanh(y / peak * drive) * peak / math.tanh(drive)
    y = as_2d(convolve_same(y, ir, delay))
    y = eq.pass_filter(y, sample_rate, "highpass", min(mic_low_hz, 0.45 * sample_rate), 12.0)
    if mic_high_hz < nyq * 0.95:
        y = eq.pass_filter(y, sample_rate, "lowpass", mic_high_hz, 12.0)
    r_in, r_out = rms(x), rms(y)
    if r_in > 0 and r_out > 0:
        y = y * (r_in / r_out)
    return like_input(y, audio).astype(audio.dtype, copy=False)


def draw_positions(size: tuple[float, float, float], distance: float, rng: np.random.Generator, margin: float
                    ) -> tuple[list[float], list[float]]:
    """A source anywhere at least margin from the walls, and a microphone ``distance`` away from it in a
    random direction that stays inside the same margin (the distance shrinks if no direction fits)."""
    lo = np.full(3, margin)
    hi = np.asarray(size) - margin
    src = rng.uniform(lo, hi)
    dirs = rng.standard_normal((64, 3))
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    for d in (distance, distance / 2, distance / 4, 0.1):
        cand = src + d * dirs
        ok = np.all((cand >= lo) & (cand <= hi), axis=1)
        if ok.any():
            return src.tolist(), cand[int(np.argmax(ok))].tolist()
    return src.tolist(), src.tolist()


def simulate_room(audio: np.ndarray, sample_rate: int, size: tuple[float, float, float], source: list[float],
                  mic: list[float], absorption: float, tail_seed: int, max_rir_s: float) -> tuple[np.ndarray, dict]:
    """``audio`` played at ``source`` and picked up at ``mic`` in a shoebox room: image sources + diffuse tail (its
    noise from ``tail_seed``), cut at min(Sabine RT60, ``max_rir_s``); the direct sound aligned and at its
    free-field level scaled to 1. Returns (output, facts: positions, distance, Sabine/Eyring/measured RT60s, response
    length in s)."""
    sabine = sabine_rt60(size, absorption)
    max_time = min(sabine, max_rir_s)
    h = room_rir(size, tuple(source), tuple(mic), absorption, sample_rate, np.random.default_rng(tail_seed), max_time)
    d = math.dist(source, mic)
    delay = direct_path_delay(tuple(source), tuple(mic), sample_rate)
    out = convolve_same(audio, h * (4.0 * math.pi * max(d, 1e-3)), delay)
    return out, {"source": source, "mic": mic, "distance": d, "sabine_rt60": sabine,
                 "eyring_rt60": eyring_rt60(size, absorption),
                 "measured_rt60": float(measured_rt60(h, sample_rate)), "rir_seconds": max_time}


def apply_rir(audio: np.ndarray, sample_rate: int, rir: np.ndarray, align: bool) -> tuple[np.ndarray, float, int]:
    """``audio`` convolved with a room response (multi-channel responses mixed to mono), same length; ``align``:
    the lead-in up to the response's strongest peak is removed. Returns (output, response length in s, delay in
    samples)."""
    h = np.asarray(rir, dtype=np.float64)
    h = h.mean(axis=0) if h.ndim == 2 else h
    delay = int(np.argmax(np.abs(h))) if align else 0
    return convolve_same(audio, h, delay), h.size / sample_rate, delay


def rerecord_in_room(audio: np.ndarray, sample_rate: int, size: tuple[float, float, float], source: list[float],
                     mic: list[float], absorption: float, drive_db: float, chain: dict[str, float], tail_seed: int,
                     max_rir_s: float) -> np.ndarray:
    """:func:`rerecord` through a simulated shoebox room (see :func:`simulate_room`) with the loudspeaker and
    microphone bands of ``chain`` (speaker_low_hz, speaker_high_hz, resonance_hz, resonance_db, mic_low_hz,
    mic_high_hz)."""
    max_time = min(sabine_rt60(size, absorption), max_rir_s)
    h = room_rir(size, tuple(source), tuple(mic), absorption, sample_rate, np.random.default_rng(tail_seed), max_time)
    delay = direct_path_delay(tuple(source), tuple(mic), sample_rate)
    return rerecord(audio, sample_rate, h, delay, chain["speaker_low_hz"], chain["speaker_high_hz"],
                    chain["resonance_hz"], chain["resonance_db"], drive_db, chain["mic_low_hz"], chain["mic_high_hz"])
