"""Display helpers: the one text diff, the one WAV encoder of players, image thumbnails with boxes."""

from __future__ import annotations

import base64
import html
import io
import re

import numpy as np
import soundfile as sf
from PIL import Image

import multiaug.notebook as nb
from multiaug.robustness.report import text_diff_html as report_diff
from multiaug.viz.audio import audio_to_wav_bytes, wav_base64
from multiaug.viz.images import image_to_data_uri, png_base64, show_grid
from multiaug.viz.text_diff import text_diff, text_diff_html, visible


def _strip(markup: str, drop: str) -> str:
    """The text a diff shows once the ``drop`` elements (``del`` or ``ins``) are removed, tags gone, unescaped."""
    markup = re.sub(rf"<{drop}[^>]*>.*?</{drop}>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_the_diff_rebuilds_both_texts_and_shows_invisible_characters():
    before, after = "the cat sat", "the  bat s\u200bat!"
    diff = text_diff_html(before, after)
    assert _strip(diff, "ins") == before
    assert _strip(diff, "del") == after.replace("\u200b", "⟨U+200B⟩")
    assert text_diff_html("abc", "a\u200bbc") == "a<ins>⟨U+200B⟩</ins>bc"
    assert visible("<a>\t\u00a0") == "&lt;a&gt;⟨U+0009⟩⟨U+00A0⟩"


def test_one_diff_for_the_report_the_gallery_and_notebooks():
    assert report_diff is text_diff_html and nb.text_diff_html is text_diff_html
    styled = text_diff_html("ab", "xb", inline_style=True)
    assert styled.startswith("<span style='font-family:monospace") and "<del style=" in styled
    assert _strip(styled, "ins") == "ab" and _strip(styled, "del") == "xb"
    rows = str(text_diff(["a", "b"], ["a", "c"]))
    assert rows.count("<div") == 2 and "<ins style=" in rows and nb.text_diff is text_diff


def test_wav_encoder_round_trips_clipped_pcm16():
    sr = 8000
    t = np.arange(sr // 4) / sr
    stereo = np.stack([0.5 * np.sin(2 * np.pi * 440 * t), 1.5 * np.ones_like(t)]).astype(np.float32)
    data, rate = sf.read(io.BytesIO(audio_to_wav_bytes(stereo, sr)), dtype="float32")
    assert rate == sr and data.shape == (t.size, 2)
    assert np.max(np.abs(data[:, 0] - stereo[0])) <= 1 / 32768 + 1e-7     # 16-bit quantisation only
    assert np.all(data[:, 1] > 0.999)                                        # 1.5 clipped to full scale
    cut, _ = sf.read(io.BytesIO(base64.b64decode(wav_base64(stereo[0], sr, max_seconds=0.1))))
    assert cut.shape == (800,)
    assert nb.audio_to_wav_bytes is audio_to_wav_bytes


def test_thumbnails_keep_the_input_and_draw_boxes():
    img = Image.new("RGB", (400, 200), (0, 0, 0))
    thumb = Image.open(io.BytesIO(base64.b64decode(png_base64(img, 100))))
    assert thumb.size == (100, 50) and img.size == (400, 200)
    uri = image_to_data_uri(np.asarray(img), max_size=400, boxes=[(100, 50, 300, 150)])
    drawn = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB"))
    assert drawn[50, 200].tolist() == [255, 0, 0] and drawn[100, 200].tolist() == [0, 0, 0]
    grid = str(show_grid([img, img], titles=["a<b", "c"], columns=2))
    assert grid.count("<figure") == 2 and "a&lt;b" in grid
