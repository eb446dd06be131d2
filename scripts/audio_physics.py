"""Measure the physical claims of multiaug.audio through the public API and write docs/AUDIO_PHYSICS.md.

Every row calls a public function (``multiaug.audio.<name>``) on a synthetic signal and measures the result with
the independent helpers below (FFT peak, tone gain, Welch slope, Schroeder decay, cross-correlation lag) — none
of multiaug's own measuring code is used, so a row cannot agree with the library by construction. The unit
tests (tests/audio/test_physics.py, tests/audio/kernels/) check the same properties over more parameters; this
table is the one-page summary of issue 17's "physics table".

    python scripts/audio_physics.py            # print the table and rewrite docs/AUDIO_PHYSICS.md
    python scripts/audio_physics.py --check    # exit 1 if the committed page differs from a fresh run

Deterministic: fixed signals and seeds, so the page changes only when an output changes.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.signal import welch

import multiaug.audio as A

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "AUDIO_PHYSICS.md"
SR = 44100


# --- independent measuring helpers ------------------------------------------------------------------------------
def tone(freq: float, seconds: float, sr: int = SR, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2)))


def gain_db(fn: Callable[[np.ndarray], np.ndarray], freq: float, seconds: float = 1.0, sr: int = SR) -> float:
    """Steady-state gain of ``fn`` at ``freq`` (dB): RMS ratio over the second half of a tone."""
    x = tone(freq, seconds, sr)
    y = np.asarray(fn(x), dtype=np.float64)
    h = x.size // 2
    return 20 * math.log10(rms(y[..., h:]) / rms(x[h:]))


def crossing(fn: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, level_db: float, rising: bool) -> float:
    """Frequency (Hz) where the gain crosses ``level_db``, by bisection on log frequency."""
    for _ in range(16):
        mid = math.sqrt(lo * hi)
        below = gain_db(fn, mid, 0.5) < level_db
        if below == rising:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


def peak_hz(y: np.ndarray, sr: int = SR) -> float:
    y = np.asarray(y, dtype=np.float64)
    mag = np.abs(np.fft.rfft(y * np.hanning(y.size)))
    k = int(np.argmax(mag[1:-1])) + 1
    a, b, c = np.log(mag[k - 1:k + 2] + 1e-30)
    return (k + 0.5 * (a - c) / (a - 2 * b + c)) * sr / y.size


def psd_slope(x: np.ndarray, sr: int, f_lo: float, f_hi: float) -> float:
    """Least-squares slope of the Welch PSD in dB per octave between f_lo and f_hi."""
    f, p = welch(np.asarray(x, dtype=np.float64), fs=sr, nperseg=4096)
    sel = (f >= f_lo) & (f <= f_hi)
    return float(np.polyfit(np.log2(f[sel]), 10 * np.log10(p[sel]), 1)[0])


def schroeder_rt60(h: np.ndarray, sr: int, lo_db: float = -5.0, hi_db: float = -25.0) -> float:
    """RT60 (s) from the Schroeder backward integral, fitted between lo_db and hi_db (T20 × 3)."""
    e = np.cumsum((np.asarray(h, dtype=np.float64) ** 2)[::-1])[::-1]
    curve = 10 * np.log10(e / e[0] + 1e-300)
    sel = (curve <= lo_db) & (curve >= hi_db)
    t = np.nonzero(sel)[0] / sr
    slope = np.polyfit(t, curve[sel], 1)[0]
    return float(-60.0 / slope)


def lag(x: np.ndarray, y: np.ndarray, max_lag: int = 4000) -> int:
    """Lag (samples) that maximises the cross-correlation of y against x (0 = aligned)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = 1 << int(np.ceil(np.log2(x.size + y.size)))
    c = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)
    c = np.concatenate([c[-max_lag:], c[:max_lag + 1]])
    return int(np.argmax(c)) - max_lag


def sabine(size: tuple[float, float, float], absorption: float) -> float:
    lx, ly, lz = size
    return 0.161 * lx * ly * lz / (2 * (lx * ly + lx * lz + ly * lz) * absorption)


# --- the table --------------------------------------------------------------------------------------------------
@dataclass
class Row:
    function: str
    property: str
    requirement: str
    measured: str
    ok: bool


def _audio(fn: Callable[..., tuple[np.ndarray, int]], **kw: object) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: fn(x, SR, **kw)[0]


def rows() -> list[Row]:
    out: list[Row] = []

    # pitch and time
    for steps in (2.0, -3.0):
        want = 440.0 * 2 ** (steps / 12)
        y, _ = A.pitch_shift(tone(440.0, 3.0), SR, n_steps=steps)
        got = peak_hz(y[4096:-4096])
        out.append(Row("pitch_shift", f"440 Hz tone, n_steps={steps:+g}", f"{want:.1f} Hz ± 0.5 %",
                       f"{got:.1f} Hz", abs(got / want - 1) <= 0.005))
    y, _ = A.time_stretch(tone(440.0, 3.0), SR, rate=0.8)
    ok = abs(y.shape[-1] / (3.0 * SR / 0.8) - 1) < 0.01 and abs(peak_hz(y[4096:-4096]) / 440 - 1) < 0.005
    out.append(Row("time_stretch", "rate 0.8: length × 1.25, pitch kept", "±1 % length, ±0.5 % pitch",
                   f"{y.shape[-1] / SR:.3f} s, {peak_hz(y[4096:-4096]):.1f} Hz", ok))

    # noise colours: slope of the noise alone (the 1 kHz carrier is 60 dB below the noise)
    carrier = tone(1000.0, 4.0, amp=1e-3)
    for color, want in (("white", 0.0), ("pink", -3.01), ("brown", -6.02), ("blue", 3.01), ("violet", 6.02)):
        y, _ = A.add_color_noise(carrier, SR, snr_db=-60.0, color=color, seed=1)
        got = psd_slope(y, SR, 100.0, 16000.0)
        out.append(Row("add_color_noise", f"{color} slope 100 Hz–16 kHz", f"{want:+.1f} ± 0.5 dB/oct",
                       f"{got:+.2f} dB/oct", abs(got - want) <= 0.5))
    y, _ = A.add_gaussian_snr(tone(1000.0, 2.0), SR, snr_db=10.0, seed=1)
    noise = y - tone(1000.0, 2.0)
    got = 20 * math.log10(rms(tone(1000.0, 2.0)) / rms(noise))
    out.append(Row("add_gaussian_snr", "snr_db=10 on a tone", "10 ± 0.1 dB", f"{got:.2f} dB", abs(got - 10) <= 0.1))

    # filters and EQ
    for center, frac in ((1000.0, 1.0), (3000.0, 0.5)):
        lo_edge, hi_edge = center * (1 - frac / 2), center * (1 + frac / 2)  # width = centre × fraction
        fn = _audio(A.band_pass_filter, center_freq=center, bandwidth_fraction=frac)
        f1 = crossing(fn, lo_edge / 2, center, -3.01, rising=True)
        f2 = crossing(fn, center, hi_edge * 2, -3.01, rising=False)
        err = max(abs(f1 / lo_edge - 1), abs(f2 / hi_edge - 1))
        out.append(Row("band_pass_filter", f"−3 dB points, centre {center:g} Hz, width {frac:g} × centre",
                       f"{lo_edge:.0f} / {hi_edge:.0f} Hz ± 5 %", f"{f1:.0f} / {f2:.0f} Hz ({err:.1%})", err <= 0.05))
    fn = _audio(A.band_stop_filter, center_freq=2000.0, bandwidth_fraction=0.5)
    depth = gain_db(fn, 2000.0)
    out.append(Row("band_stop_filter", "depth at the centre (2 kHz, width 0.5 × centre)", "≤ −30 dB", f"{depth:.1f} dB",
                   depth <= -30))
    for rolloff in (12, 24):
        fn = _audio(A.band_pass_filter, center_freq=1000.0, bandwidth_fraction=1.0, rolloff=rolloff)
        # measured on the lower skirt, 2-5 octaves below the band: above the band a digital (bilinear) filter
        # steepens toward its zero at Nyquist (14/28 dB per octave at 3-6 kHz), which is not the design slope
        drop = gain_db(fn, 62.5, 2.0) - gain_db(fn, 31.25, 2.0)
        out.append(Row("band_pass_filter", f"roll-off below the band (31–62 Hz), rolloff={rolloff}",
                       f"{rolloff} ± 1.5 dB/oct",
                       f"{drop:.1f} dB/oct", abs(drop - rolloff) <= 1.5))
    for fn_name, f_meas, f0 in (("low_shelf_filter", 20.0, 200.0), ("high_shelf_filter", 18000.0, 4000.0)):
        fn = _audio(getattr(A, fn_name), center_freq=f0, gain_db=-9.0)
        got = gain_db(fn, f_meas, 2.0)
        out.append(Row(fn_name, f"gain −9 dB, measured at {f_meas:g} Hz", "−9 ± 0.5 dB", f"{got:.2f} dB",
                       abs(got + 9) <= 0.5))
    fn = _audio(A.peaking_filter, center_freq=1000.0, gain_db=8.0, q=1.0)
    got = gain_db(fn, 1000.0)
    out.append(Row("peaking_filter", "gain +8 dB at the centre (1 kHz)", "+8 ± 0.5 dB", f"{got:+.2f} dB",
                   abs(got - 8) <= 0.5))
    for fn_name, cutoff in (("low_pass_filter", 500.0), ("high_pass_filter", 3000.0)):
        fn = _audio(getattr(A, fn_name), cutoff_hz=cutoff)
        got = gain_db(fn, cutoff)
        out.append(Row(fn_name, f"gain at the cutoff ({cutoff:g} Hz)", "−3 ± 0.5 dB", f"{got:.2f} dB",
                       abs(got + 3.01) <= 0.5))

    # level
    y, _ = A.change_volume(tone(1000.0, 1.0), SR, volume_db=6.0)
    got = 20 * math.log10(rms(y) / rms(tone(1000.0, 1.0)))
    out.append(Row("change_volume", "volume_db=+6", "+6 ± 0.01 dB", f"{got:+.3f} dB", abs(got - 6) <= 0.01))
    burst = np.concatenate([tone(1000.0, 0.5, amp=0.1), tone(1000.0, 0.5, amp=1.0), tone(1000.0, 0.5, amp=0.1)])
    y, _ = A.limiter(burst, SR, threshold_db=-6.0, attack=0.005, release=0.1, threshold_mode="absolute")
    peak = 20 * math.log10(float(np.max(np.abs(y))))
    out.append(Row("limiter", "0 dBFS burst, threshold −6 dBFS (absolute)", "peak ≤ −6 dBFS everywhere",
                   f"{peak:.2f} dBFS", peak <= -6.0 + 1e-6))
    for target in (-23.0, -14.0):
        y, _ = A.loudness_normalization(tone(997.0, 5.0, amp=0.3), SR, target_lufs=target)
        # BS.1770: a 997 Hz sine of peak amplitude a reads 20·log10(a) − 3.01 LUFS (K-weighting is ~0 dB there)
        got = 20 * math.log10(float(np.max(np.abs(y[SR:-SR])))) - 3.01
        out.append(Row("loudness_normalization", f"997 Hz tone to {target:g} LUFS",
                       f"{target:g} ± 0.5 LU", f"{got:.2f} LUFS", abs(got - target) <= 0.5))

    # codecs
    for f in (150.0, 5000.0):
        fn = _audio(A.telephone, packet_loss=0.0, seed=0)
        got = gain_db(fn, f)
        out.append(Row("telephone", f"gain at {f:g} Hz (outside 300–3400 Hz)", "≤ −20 dB", f"{got:.1f} dB",
                       got <= -20))
    got = gain_db(_audio(A.telephone, packet_loss=0.0, seed=0), 1000.0)
    out.append(Row("telephone", "gain at 1 kHz (in band)", "0 ± 1.5 dB", f"{got:+.2f} dB", abs(got) <= 1.5))
    rng = np.random.default_rng(7)
    speech_like = (rng.standard_normal(3 * SR) * np.repeat(rng.random(3 * SR // 2205 + 1), 2205)[:3 * SR] * 0.2)
    speech_like = speech_like.astype(np.float32)
    for kbps in (32.0, 128.0):
        y, _ = A.mp3_compression(speech_like, SR, bitrate=kbps)
        got = lag(speech_like, y)
        out.append(Row("mp3_compression", f"{kbps:g} kbit/s: length and alignment",
                       "same length, lag 0", f"length {'same' if y.shape == speech_like.shape else y.shape}, lag {got}",
                       y.shape == speech_like.shape and got == 0))

    # rooms: the room's response to an impulse
    impulse = np.zeros(int(2.5 * SR), dtype=np.float32)
    impulse[100] = 1.0
    for size, alpha in (((5.0, 4.0, 3.0), 0.25), ((8.0, 6.0, 3.5), 0.15)):
        y, _ = A.room_simulator(impulse, SR, size_x=size[0], size_y=size[1], size_z=size[2], absorption=alpha,
                                mic_distance=1.5, seed=3)
        got, want = schroeder_rt60(y[100:], SR), sabine(size, alpha)
        out.append(Row("room_simulator", f"RT60 of a {size[0]:g}×{size[1]:g}×{size[2]:g} m room, α={alpha:g}",
                       f"Sabine {want:.2f} s ± 15 %", f"{got:.2f} s ({got / want - 1:+.0%})",
                       abs(got / want - 1) <= 0.15))
    near = gain_db(_audio(A.air_absorption, distance=1.0), 10000.0)
    far = gain_db(_audio(A.air_absorption, distance=100.0), 10000.0)
    out.append(Row("air_absorption", "10 kHz loss, 100 m vs 1 m (20 °C, 50 % RH)", "more loss far away (ISO 9613-1 ≈ 15 dB/100 m)",
                   f"{near:.2f} dB at 1 m, {far:.1f} dB at 100 m", far < near - 5))
    return out


def render(table: list[Row]) -> str:
    lines = [
        "# multiaug.audio — physics table",
        "",
        "Generated by `python scripts/audio_physics.py` (do not edit by hand; `--check` compares). Each row calls the",
        "public function on a synthetic signal (44.1 kHz) and measures the output with helpers independent of",
        "multiaug's own code (FFT peak, tone gain, Welch slope, Schroeder decay, cross-correlation). The unit tests",
        "(`tests/audio/test_physics.py`, `tests/audio/kernels/`) check the same properties over more parameters.",
        "",
        "| function | property | requirement | measured | ok |",
        "|---|---|---|---|---|",
    ]
    for r in table:
        lines.append(f"| `{r.function}` | {r.property} | {r.requirement} | {r.measured} | {'yes' if r.ok else '**NO**'} |")
    passed = sum(r.ok for r in table)
    lines += ["", f"{passed} of {len(table)} rows within their requirement.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed page instead of writing")
    args = parser.parse_args(argv)
    page = render(rows())
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != page:
            print(f"{PAGE} is out of date: run python scripts/audio_physics.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
