"""Generate the tour notebooks in notebooks/ (they iterate the catalogue at run time, so they stay current).

Run: python scripts/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

GALLERY = ("Every augmentation, with its parameters, ranges, units and a before/after, is in the gallery: "
           "[image](../docs/gallery/image.md), [text](../docs/gallery/text.md), [audio](../docs/gallery/audio.md).")

IMAGE = [
    new_markdown_cell("# multiaug image tour\n\nA few image augmentations on a shipped photo, with arguments strong "
                      "enough to see, and a bounding box drawn before and after (red). Then a `Compose` pipeline, its "
                      "`Tracker` as a table, and an exact replay.\n\n" + GALLERY),
    new_code_cell("""import multiaug, multiaug.image as imaugs
from multiaug.assets import asset_path
from multiaug.notebook import show_grid, before_after
from PIL import Image

photo = Image.open(asset_path("image", "samples", "chelsea.png")).convert("RGB")
box = [[110, 15, 340, 285]]   # pascal_voc: the cat's head
shown = {                     # name -> arguments (random ones also take seed=)
    "brightness": {"factor": 1.6}, "color_jitter": {"contrast_factor": 1.5, "saturation_factor": 2.0},
    "rotate": {"degrees": 25.0}, "perspective_transform": {"sigma": 40.0, "seed": 1},
    "overlay_emoji": {"emoji_size": 0.35, "x_pos": 0.55, "y_pos": 0.45},
    "meme_format": {"text": "WHEN THE CAT SEES YOU", "caption_height": 80},
    "pixelization": {"ratio": 0.08}, "split_and_shuffle": {"seed": 1},
    "stack_with": {"other": asset_path("image", "samples", "astronaut.jpg"), "direction": "horizontal"},
}
images, titles, boxes = [photo], ["original"], [box]
for name, kwargs in shown.items():
    out, out_boxes = getattr(imaugs, name)(photo, bboxes=box, bbox_format="pascal_voc", return_bboxes=True, **kwargs)
    images.append(out); titles.append(name); boxes.append(out_boxes)
show_grid(images, titles, columns=3, max_size=220, boxes=boxes)"""),
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
    new_markdown_cell("# multiaug text tour\n\nA few text augmentations on real sentences, changes highlighted "
                      "(red: removed, green: inserted, invisible characters shown as code points). Then a moderation "
                      "example: one toxic phrase turned into obfuscated variants.\n\n" + GALLERY),
    new_code_cell("""import multiaug, multiaug.text as txtaugs
from multiaug.assets import asset_path
from multiaug.notebook import text_diff, HTML
import html

sentences = ["He is sure the quick brown fox will not jump over the lazy dog today.",
             *asset_path("text", "sentences_en.txt").read_text(encoding="utf-8").splitlines()[:2]]
shown = {                     # name -> arguments (random ones also take seed=)
    "contractions": {"aug_p": 1.0, "seed": 3}, "simulate_typos": {"aug_word_p": 0.5, "seed": 3},
    "replace_similar_unicode_chars": {"aug_word_p": 0.5, "aug_char_p": 0.5, "seed": 3},
    "insert_zero_width_chars": {"granularity": "word", "seed": 3},
    "swap_gendered_words": {"aug_word_p": 1.0, "seed": 3}, "replace_fun_fonts": {"granularity": "word", "aug_p": 0.5, "seed": 3},
    "insert_chars": {"chars": ["🔥", "💀"], "seed": 3},
}
rows = [f"<h4>{html.escape(name)}</h4>" + text_diff(sentences, getattr(txtaugs, name)(sentences, **kwargs)).body
        for name, kwargs in shown.items()]
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
    new_markdown_cell("# multiaug audio tour\n\nA few audio augmentations on the shipped speech sample: a player "
                      "and waveform/spectrogram before and after.\n\n" + GALLERY),
    new_code_cell("""import numpy as np, multiaug, multiaug.audio as audaugs
from multiaug.assets import asset_path
from multiaug.notebook import audio_before_after, HTML
import html, soundfile as sf

audio, sr = sf.read(str(asset_path("audio", "samples", "speech_sample.flac")), dtype="float32")
shown = {                     # name -> arguments (random ones also take seed=)
    "add_background_noise": {"snr_level_db": 5.0, "seed": 5}, "pitch_shift": {"n_steps": 5.0},
    "tempo": {"factor": 1.5}, "low_pass_filter": {"cutoff_hz": 800.0}, "reverb": {"reverberance": 90.0},
}
parts = []
for name, kwargs in shown.items():
    out = getattr(audaugs, name)(audio, sample_rate=sr, **kwargs)
    parts.append(f"<h4>{html.escape(name)}</h4>" + audio_before_after((audio, sr), out).body)
HTML("".join(parts))"""),
    new_markdown_cell("## Re-recording and codecs, with the physics reported\n\nThe moderation case: the speech played "
                      "through a small speaker in a room, picked up by a phone, sent over a phone line and stored as "
                      "a 32 kbps MP3, all replayable from the record. Then what the room and loudness functions "
                      "measure: the simulated room's RT60 against Sabine's formula, and the BS.1770 loudness after "
                      "normalisation."),
    new_code_cell("""from multiaug import Compose, Tracker
from multiaug.audio.kernels.level import integrated_loudness

pipe = Compose([audaugs.Rerecord(distance=2.0), audaugs.Telephone(packet_loss=0.05), audaugs.Mp3Compression(bitrate=32)])
tracker = Tracker()
phone = pipe(audio, sample_rate=sr, metadata=tracker, seed=3)
assert np.array_equal(tracker.replay(audio, sample_rate=sr)[0], phone[0])
room = Tracker()
audaugs.room_simulator(audio, sr, absorption=0.2, seed=1, metadata=room)
info = room[0]["info"]
loud, _ = audaugs.loudness_normalization(audio, sr, target_lufs=-23.0)
print(f"RT60 measured {info['measured_rt60']:.2f} s, Sabine {info['sabine_rt60']:.2f} s, Eyring {info['eyring_rt60']:.2f} s;"
      f" loudness after normalisation {integrated_loudness(loud, sr):.2f} LUFS")
HTML(audio_before_after((audio, sr), phone, "re-recorded + phone + mp3").body + tracker._repr_html_())"""),
]


TABULAR = [
    new_markdown_cell("# multiaug tabular tour\n\nTwo regional churn exports (APAC and MENA) with different column "
                      "names and category spellings: the fuzzy column alignment and its scores, appending the rows, "
                      "joining attributes, fuzzy keys, the report, synthetic rows for balance, and an exact replay."),
    new_code_cell("""import warnings
import pandas as pd
import multiaug
import multiaug.tabular as tab
from multiaug.assets import asset_path

apac_path, mena_path = asset_path("datasets", "churn", "apac.csv"), asset_path("datasets", "churn", "mena.csv")
apac, mena = tab.read_table(apac_path), tab.read_table(mena_path)
print(len(apac), "APAC rows,", len(mena), "MENA rows")
mena.head()"""),
    new_markdown_cell("## Column alignment: every pairing with its score"),
    new_code_cell("""res = tab.merge(apac_path, mena_path, on="customerID", how="append", source_names=("APAC", "MENA"))
pd.DataFrame(res.report["columns"]["pairs"])"""),
    new_code_cell("""changes = [{"column": col, **c} for col, cs in res.report["value_changes"].items() for c in cs]
pd.DataFrame(changes)"""),
    new_code_cell("""print(res.report["rows"])
res.frame.groupby("source")["Churn"].value_counts().unstack()"""),
    new_markdown_cell("## Joining attributes: keep every primary row vs only rows in both"),
    new_code_cell("""left = tab.merge(apac_path, mena_path, on="customerID", how="primary", prefer="coalesce")
inner = tab.merge(apac_path, mena_path, on="customerID", how="both")
pd.DataFrame({"primary": left.report["rows"], "both": inner.report["rows"]})"""),
    new_code_cell("""inner.frame[["customerID", "tenure", "MonthlyCharges", "support_calls"]].head()"""),
    new_markdown_cell("## Fuzzy keys"),
    new_code_cell("""deals = pd.DataFrame({"company": ["ACME Corp.", "Globex Inc", "Initech", "Hooli"], "deals": [3, 1, 4, 1]})
firms = pd.DataFrame({"Company Name": ["Acme Corporation", "GLOBEX INCORPORATED", "Inittech", "Umbrella"],
                      "employees": [100, 250, 40, 9]})
fk = tab.merge(deals, firms, on="company", key_match="fuzzy", columns={"company": "Company Name"})
fk.frame"""),
    new_markdown_cell("## Synthetic rows for balance (seeded, recorded, replayable)"),
    new_code_cell("""table = apac.drop(columns=["TotalCharges"])
tracker = multiaug.Tracker()
balanced = tab.smote(table, label="Churn", seed=0, metadata=tracker)
assert tracker.replay(table).equals(balanced), "replay must be exact"
pd.DataFrame({"before": table["Churn"].value_counts(), "after": balanced["Churn"].value_counts()})"""),
    new_code_cell("""balanced[balanced["synthetic"]].head()"""),
    new_markdown_cell("## Replay of a merge from its report"),
    new_code_cell("""again = tab.replay_merge(res.report, apac_path, mena_path)
assert again.frame.equals(res.frame)
print("replayed:", again.report["output"]["frame_sha256"][:16])"""),
]


TRAINING = [
    new_markdown_cell("# multiaug training tour\n\nTraining-time augmentation on the shipped sample data: a Keras-style "
                      "`ImageDataGenerator` over `assets/datasets/pets`, the automatic policies (RandAugment, "
                      "TrivialAugmentWide, AutoAugment, AugMix) with their recorded ops, a weather gallery with the "
                      "measured contrast loss, MixUp/CutMix on a batch, boxes moved by the geometric augmentations, "
                      "and a mask and keypoints carried through a pipeline. Every random call is seeded and replays "
                      "exactly."),
    new_code_cell("""import numpy as np
import multiaug, multiaug.image as imaugs
from multiaug.assets import asset_path
from multiaug.notebook import show_grid
from PIL import Image

photo = np.asarray(Image.open(asset_path("image", "samples", "photo_1024x768.jpg")).convert("RGB").resize((512, 384)))
gen = imaugs.ImageDataGenerator(rotation_range=25, width_shift_range=0.15, height_shift_range=0.1, shear_range=10,
                                zoom_range=0.2, horizontal_flip=True, fill_mode="reflect", rescale=1 / 255, seed=0)
flow = gen.flow_from_directory(asset_path("datasets", "pets"), target_size=(128, 128), classes=["cat", "not_pet"],
                               batch_size=8)
x, y = next(flow)
names = {v: k for k, v in flow.class_indices.items()}
show_grid([(b * 255).astype(np.uint8) for b in x], [names[int(i)] for i in y.argmax(1)], columns=8, max_size=128)"""),
    new_code_cell("""policies = {"RandAugment(2, 9)": imaugs.RandAugment(2, 9), "TrivialAugmentWide": imaugs.TrivialAugmentWide(),
            "AutoAugment(imagenet)": imaugs.AutoAugment("imagenet"), "AugMix": imaugs.AugMix()}
images, titles = [], []
for name, policy in policies.items():
    for seed in range(4):
        tracker = multiaug.Tracker()
        images.append(policy(photo, metadata=tracker, seed=seed))
        ops = [r["provenance"]["via"][-1].get("policy_op", r["name"]) for r in tracker]
        titles.append(f"{name} s{seed}: {', '.join(ops) or 'nothing'}")
show_grid(images, titles, columns=4, max_size=200)"""),
    new_code_cell("""tracker = multiaug.Tracker()
out = imaugs.RandAugment(3, 15)(photo, metadata=tracker, seed=5)
assert np.array_equal(multiaug.replay(tracker, photo), out), "replay must be exact"
tracker"""),
    new_code_cell("""weather = [imaugs.Rain(rain_type="heavy"), imaugs.Snow(snow_point_range=(0.3, 0.5)), imaugs.Fog(beta_range=(1.0, 1.0)),
           imaugs.Fog(beta_range=(3.0, 3.0)), imaugs.SunFlare(), imaugs.Shadow(num_shadows_limit=(2, 2)), imaugs.Night()]
images, titles = [photo], ["original"]
for t in weather:
    tracker = multiaug.Tracker()
    images.append(t(photo, metadata=tracker, seed=2))
    titles.append(f"{type(t).__name__}: contrast loss {tracker[0]['info']['contrast_loss']:.2f}")
show_grid(images, titles, columns=4, max_size=220)"""),
    new_code_cell("""batch = np.stack([np.asarray(Image.open(asset_path("datasets", "pets", "cat", f"chelsea_{i}.jpg")).convert("RGB")
                            .resize((160, 120))) for i in (1, 2, 3)])
labels = np.array([0, 1, 1])
mixup, cutmix = imaugs.MixUp(alpha=0.4, num_classes=2), imaugs.CutMix(num_classes=2)
mixed, soft_m = mixup(batch, labels, seed=3)
cut, soft_c = cutmix(batch, labels, seed=3)
show_grid(list(mixed) + list(cut), [f"MixUp λ={mixup.last_record['lambda']:.2f} y={np.round(s, 2)}" for s in soft_m]
          + [f"CutMix box {cutmix.last_record['box']} y={np.round(s, 2)}" for s in soft_c], columns=3, max_size=200)"""),
    new_code_cell("""box = [[200, 120, 330, 260]]
ops = [imaugs.RandomAffine(rotation_range=30, zoom_range=0.2, shear_range=10, horizontal_flip=True),
       imaugs.RandomResizedCrop(size=(300, 400), scale=(0.4, 0.8)), imaugs.Shear(factor=0.3),
       imaugs.RotateKeepSize(degrees=35), imaugs.GridDistortion(distort_limit=0.4), imaugs.ElasticTransform(alpha=20)]
images, titles, boxes = [photo], ["original"], [box]
for t in ops:
    out, moved = t(photo, bboxes=box, bbox_format="pascal_voc", return_bboxes=True, seed=4)
    images.append(out); titles.append(type(t).__name__); boxes.append(moved)
show_grid(images, titles, columns=4, max_size=220, boxes=boxes)"""),
    new_markdown_cell("Segmentation masks and keypoints travel with the image like boxes (albumentations' `additional_targets`): masks are\nresampled nearest by the same geometry, keypoints moved by the same rule as boxes; records replay them too."),
    new_code_cell('''mask = np.zeros(photo.shape[:2], np.uint8)
mask[110:270, 190:340] = 1                                               # a label map (any int dtype, H×W)
points = [[230.5, 170.5, "left_eye"], [300.5, 170.5, "right_eye"], [265.5, 230.5, "nose"]]


def overlay(img, m, pts):
    """The mask tinted green, the keypoints as red dots."""
    out = img.copy()
    out[m == 1] = (0.5 * out[m == 1] + np.array([0, 127, 0])).astype(np.uint8)
    for p in pts:
        if p is not None:                                                # drop_empty=False keeps None for a point gone
            x, y = int(p[0]), int(p[1])
            out[max(y - 4, 0):y + 5, max(x - 4, 0):x + 5] = (255, 0, 0)
    return out


targets = dict(masks=[mask], return_masks=True, keypoints=points, return_keypoints=True, drop_empty=False)
pipe = multiaug.Compose([imaugs.RandomResizedCrop(size=(300, 400), scale=(0.5, 0.9)), imaugs.HFlip(p=0.5),
                         imaugs.RotateKeepSize(degrees=20)])
images, titles = [overlay(photo, mask, points)], ["original"]
for seed in range(3):
    out, (m,), pts = pipe(photo, seed=seed, **targets)
    images.append(overlay(out, m, pts)); titles.append(f"RRC + flip + rotate, seed {seed}")
for t in (imaugs.RandomAffine(rotation_range=30, zoom_range=0.2, fill_mode="reflect"), imaugs.GridDistortion(distort_limit=0.4)):
    out, (m,), pts = t(photo, seed=4, **targets)
    images.append(overlay(out, m, pts)); titles.append(type(t).__name__)
show_grid(images, titles, columns=3, max_size=220)'''),
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
    write("tabular_tour.ipynb", TABULAR)
    write("training_tour.ipynb", TRAINING)
