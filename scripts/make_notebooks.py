"""Generate the tour notebooks in notebooks/ (they iterate the catalogue at run time, so they stay current).

Run: python scripts/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

IMAGE = [
    new_markdown_cell("# multiaug image tour\n\nEvery registered image augmentation on the shipped sample photo, "
                      "with a bounding box drawn before and after (red). Then a `Compose` pipeline, its `Tracker` "
                      "as a table, and an exact replay."),
    new_code_cell("""import multiaug, multiaug.image as imaugs
from multiaug.assets import asset_path
from multiaug.core.registry import entries
from multiaug.notebook import show_grid, before_after
from PIL import Image

photo = Image.open(asset_path("image", "samples", "photo_1024x768.jpg")).convert("RGB")
other = Image.open(asset_path("image", "samples", "chelsea.png")).convert("RGB")
box = [[300, 200, 700, 560]]   # pascal_voc
print(len(entries("image")), "image augmentations")"""),
    new_code_cell("""images, titles, boxes = [photo], ["original"], [box]
for entry in entries("image"):
    kwargs = entry.example_params()
    if entry.random:
        kwargs["seed"] = 1
    first = next(iter(entry.signature.parameters))
    media = [photo, other] if first == "images" else photo
    out, out_boxes = entry.public(media, bboxes=box, bbox_format="pascal_voc", return_bboxes=True, **kwargs)
    images.append(out); titles.append(entry.name); boxes.append(out_boxes)
show_grid(images, titles, columns=5, max_size=200, boxes=boxes)"""),
    new_code_cell("""pipe = multiaug.Compose([
    imaugs.HFlip(p=0.5),
    multiaug.OneOf([imaugs.Blur(radius=(1.0, 3.0)), imaugs.Brightness(factor=(0.6, 1.4))]),
    imaugs.Crop(x1=(0.0, 0.2), y1=(0.0, 0.2), x2=(0.8, 1.0), y2=(0.8, 1.0)),
])
tracker = multiaug.Tracker()
out = pipe(photo, metadata=tracker, seed=7)
tracker"""),
    new_code_cell("""replayed = tracker.replay(photo)
assert replayed.tobytes() == out.tobytes(), "replay must be bit-identical"
before_after(photo, out, "Compose pipeline (replay verified)")"""),
]

TEXT = [
    new_markdown_cell("# multiaug text tour\n\nEach text augmentation on a few real sentences, changes highlighted "
                      "(red: removed, green: inserted, invisible characters shown as code points). Then a moderation "
                      "example: one toxic phrase turned into obfuscated variants."),
    new_code_cell("""import multiaug, multiaug.text as txtaugs
from multiaug.assets import asset_path
from multiaug.core.registry import entries
from multiaug.notebook import text_diff, HTML
import html

sentences = asset_path("text", "sentences_en.txt").read_text(encoding="utf-8").splitlines()[:3]
print(len(entries("text")), "text augmentations")"""),
    new_code_cell("""rows = []
for entry in entries("text"):
    kwargs = entry.example_params()
    if entry.random:
        kwargs["seed"] = 3
    out = entry.public(sentences, **kwargs)
    rows.append(f"<h4>{html.escape(entry.name)}</h4>" + text_diff(sentences, out).body)
HTML("".join(rows))"""),
    new_code_cell("""phrase = "you are a total idiot"
variants = multiaug.OneOf([
    txtaugs.ReplaceSimilarUnicodeChars(aug_char_p=0.5, aug_word_p=1.0),
    txtaugs.InsertZeroWidthChars(granularity="word"),
    txtaugs.SimulateTypos(aug_word_p=1.0),
    txtaugs.ReplaceFunFonts(granularity="word", aug_p=1.0),
], seed=1)
outs = [variants(phrase) for _ in range(6)]
text_diff([phrase] * len(outs), outs)"""),
]

AUDIO = [
    new_markdown_cell("# multiaug audio tour\n\nEach audio augmentation on the shipped speech sample: a player "
                      "and waveform/spectrogram before and after."),
    new_code_cell("""import numpy as np, multiaug, multiaug.audio as audaugs
from multiaug.assets import asset_path
from multiaug.core.registry import entries
from multiaug.notebook import audio_before_after, HTML
import html

audio, sr = audaugs.change_volume(str(asset_path("audio", "samples", "speech_sample.flac")), volume_db=0.0)
print(audio.shape, sr, len(entries("audio")), "audio augmentations")"""),
    new_code_cell("""parts = []
for entry in entries("audio"):
    kwargs = entry.example_params()
    if entry.random:
        kwargs["seed"] = 5
    out = entry.public(audio, sample_rate=sr, **kwargs)
    parts.append(f"<h4>{html.escape(entry.name)}</h4>" + audio_before_after((audio, sr), out).body)
HTML("".join(parts))"""),
]


def write(name: str, cells: list) -> None:
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}})
    path = ROOT / "notebooks" / name
    nbformat.write(nb, path)
    print("wrote", path)


if __name__ == "__main__":
    write("image_tour.ipynb", IMAGE)
    write("text_tour.ipynb", TEXT)
    write("audio_tour.ipynb", AUDIO)
