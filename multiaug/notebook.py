"""Notebook display helpers: image grids with boxes, side-by-side before/after, text diffs, audio players.

Everything returns plain HTML strings or objects with ``_repr_html_`` so it works in Jupyter, VS Code and
exported HTML without extra dependencies (matplotlib is used only for spectrograms, if installed).
"""

from __future__ import annotations

import base64
import difflib
import html
import io
from collections.abc import Sequence
from typing import Any

import numpy as np


class HTML:
    """A tiny HTML container with ``_repr_html_`` (no IPython dependency)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __str__(self) -> str:
        return self.body


def _to_pil(image: Any) -> Any:
    from .image.modality import load_image

    return load_image(image, "image", "show")


def image_to_data_uri(image: Any, max_size: int = 320, boxes: Sequence[Any] | None = None,
                      bbox_format: str = "pascal_voc") -> str:
    """PNG data URI of ``image`` (thumbnail of at most ``max_size`` px), with ``boxes`` drawn in red."""
    from PIL import ImageDraw

    from .image.targets.boxes import from_norm, to_norm

    img = _to_pil(image)
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.mode else "RGB")
    else:
        img = img.copy()
    if boxes:
        draw = ImageDraw.Draw(img)
        w, h = img.size
        width = max(2, round(min(w, h) / 150))
        for b in boxes:
            if b is None:
                continue
            l, u, r, d = from_norm(to_norm(b, bbox_format, w, h), "pascal_voc", w, h)
            draw.rectangle([l, u, r, d], outline=(255, 0, 0), width=width)
    img.thumbnail((max_size, max_size))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def show_grid(images: Sequence[Any], titles: Sequence[str] | None = None, columns: int = 4, max_size: int = 240,
              boxes: Sequence[Sequence[Any] | None] | None = None, bbox_format: str = "pascal_voc") -> HTML:
    """A grid of images (paths, PIL or arrays) with optional titles and per-image boxes."""
    cells = []
    for i, img in enumerate(images):
        title = html.escape(titles[i]) if titles and i < len(titles) else ""
        b = boxes[i] if boxes and i < len(boxes) else None
        uri = image_to_data_uri(img, max_size, b, bbox_format)
        cells.append(
            f"<figure style='margin:4px;text-align:center'><img src='{uri}' style='max-width:{max_size}px'/>"
            f"<figcaption style='font:12px sans-serif'>{title}</figcaption></figure>"
        )
    style = f"display:grid;grid-template-columns:repeat({columns}, auto);gap:4px;align-items:start"
    return HTML(f"<div style='{style}'>{''.join(cells)}</div>")


def before_after(before: Any, after: Any, title: str = "", **kw: Any) -> HTML:
    """Side-by-side view of an image before and after augmentation."""
    return show_grid([before, after], [f"before {title}".strip(), f"after {title}".strip()], columns=2, **kw)


def text_diff_html(before: str, after: str) -> str:
    """Character-level diff: deletions struck through in red, insertions in green; whitespace shown."""
    sm = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    out = []

    def esc(s: str) -> str:
        return html.escape(s).replace("\t", "&#8677;").replace("\n", "&#8629;<br/>")

    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            out.append(esc(before[a0:a1]))
        if op in ("delete", "replace"):
            out.append(f"<del style='background:#fdd;color:#a00'>{esc(before[a0:a1])}</del>")
        if op in ("insert", "replace"):
            shown = after[b0:b1]
            invisible = all(not c.isprintable() or c.isspace() for c in shown)
            label = esc(shown) if not invisible else "".join(f"&lt;U+{ord(c):04X}&gt;" for c in shown)
            out.append(f"<ins style='background:#dfd;color:#070;text-decoration:none'>{label}</ins>")
    return "<span style='font-family:monospace;white-space:pre-wrap'>" + "".join(out) + "</span>"


def text_diff(before: str | Sequence[str], after: str | Sequence[str]) -> HTML:
    """HTML diff of one text or of matching lists of texts."""
    if isinstance(before, str):
        before, after = [before], [after]  # type: ignore[list-item]
    rows = "".join(f"<div style='margin:2px 0'>{text_diff_html(b, a)}</div>" for b, a in zip(before, after))
    return HTML(rows)


def audio_to_wav_bytes(audio: np.ndarray, sample_rate: int) -> bytes:
    import soundfile as sf

    data = np.asarray(audio, dtype=np.float32)
    data = data.T if data.ndim == 2 else data
    buf = io.BytesIO()
    sf.write(buf, np.clip(data, -1.0, 1.0), int(sample_rate), format="WAV", subtype="PCM_16")
    return buf.getvalue()


def audio_player_html(audio: np.ndarray, sample_rate: int, title: str = "") -> str:
    uri = "data:audio/wav;base64," + base64.b64encode(audio_to_wav_bytes(audio, sample_rate)).decode("ascii")
    label = f"<div style='font:12px sans-serif'>{html.escape(title)}</div>" if title else ""
    return f"<div>{label}<audio controls src='{uri}'></audio></div>"


def spectrogram_png(audio: np.ndarray, sample_rate: int, title: str = "", width: float = 4.0) -> str:
    """Waveform + log spectrogram as a PNG data URI (needs matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
    """Players and waveform/spectrogram figures for audio before and after augmentation."""
    cells = []
    for label, (a, sr) in (("before", before), ("after", after)):
        cells.append(
            f"<div style='margin:4px'>{audio_player_html(a, sr, f'{label} {title}'.strip())}"
            f"<img src='{spectrogram_png(a, sr, label)}'/></div>"
        )
    return HTML(f"<div style='display:flex;flex-wrap:wrap'>{''.join(cells)}</div>")
