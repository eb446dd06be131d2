"""Audio for display: THE WAV encoder of players (16-bit PCM, samples clipped to [-1, 1]), ``<audio>`` players as
data URIs, and waveform + spectrogram figures (matplotlib, from the ``[notebooks]`` extra)."""

from __future__ import annotations

import base64
import html
import io

import numpy as np
import soundfile as sf

from .html import HTML


def audio_to_wav_bytes(audio: np.ndarray, sample_rate: int) -> bytes:
    """16-bit PCM WAV bytes of a mono ``(n,)`` or channels-first ``(c, n)`` float signal, clipped to [-1, 1].

    Args:
        audio: the samples.
        sample_rate: their rate in Hz.
    """
    data = np.asarray(audio, dtype=np.float32)
    data = data.T if data.ndim == 2 else data
    buf = io.BytesIO()
    sf.write(buf, np.clip(data, -1.0, 1.0), int(sample_rate), format="WAV", subtype="PCM_16")
    return buf.getvalue()


def wav_base64(audio: np.ndarray, sample_rate: int, max_seconds: float | None = None) -> str:
    """Base64 of :func:`audio_to_wav_bytes`, cut to the first ``max_seconds`` seconds when given."""
    samples = np.asarray(audio)
    if max_seconds is not None:
        samples = samples[..., : int(max_seconds * sample_rate)]
    return base64.b64encode(audio_to_wav_bytes(samples, sample_rate)).decode("ascii")


def audio_player_html(audio: np.ndarray, sample_rate: int, title: str = "") -> str:
    """An ``<audio controls>`` element playing the signal (WAV data URI), with an optional title above it."""
    uri = "data:audio/wav;base64," + wav_base64(audio, sample_rate)
    label = f"<div style='font:12px sans-serif'>{html.escape(title)}</div>" if title else ""
    return f"<div>{label}<audio controls src='{uri}'></audio></div>"


def spectrogram_png(audio: np.ndarray, sample_rate: int, title: str = "", width: float = 4.0) -> str:
    """Waveform + log spectrogram as a PNG data URI (needs matplotlib, the ``[notebooks]`` extra).

    Args:
        audio: mono or channels-first float signal (mixed to mono).
        sample_rate: its rate in Hz.
        title: title above the waveform.
        width: figure width in inches (height 3.2).
    """
    import matplotlib  # lazy: optional package (the [notebooks] extra); only spectrogram figures need it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # lazy: optional package, after selecting the Agg backend

    mono = audio if audio.ndim == 1 else audio.mean(axis=0)
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(width, 3.2), sharex=True)
    t = np.arange(mono.size) / sample_rate
    ax1.plot(t, mono, linewidth=0.5)
    ax1.set_ylim(-1.05, 1.05)
    ax1.set_title(title, fontsize=9)
    nfft = 1024 if sample_rate >= 16000 else 512
    if mono.size > nfft:
        ax2.specgram(mono + 1e-12, NFFT=nfft, Fs=sample_rate, noverlap=nfft // 2, cmap="magma")
    ax2.set_xlabel("s", fontsize=8)
    ax2.set_ylabel("Hz", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def audio_before_after(before: tuple[np.ndarray, int], after: tuple[np.ndarray, int], title: str = "") -> HTML:
    """Players and waveform/spectrogram figures for audio before and after augmentation (``(samples, rate)``
    pairs)."""
    cells = []
    for label, (a, sr) in (("before", before), ("after", after)):
        cells.append(
            f"<div style='margin:4px'>{audio_player_html(a, sr, f'{label} {title}'.strip())}"
            f"<img src='{spectrogram_png(a, sr, label)}'/></div>"
        )
    return HTML(f"<div style='display:flex;flex-wrap:wrap'>{''.join(cells)}</div>")


__all__ = ["audio_before_after", "audio_player_html", "audio_to_wav_bytes", "spectrogram_png", "wav_base64"]
