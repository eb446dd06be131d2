"""Build the augmentation gallery: docs/gallery/image.md, text.md, audio.md, tabular.md and media, from the registry.

For every registered augmentation a page shows its signature (types, defaults, allowed ranges, units, meanings),
its intensity rule (and box rule for images), and the augmentation applied with showcase arguments that visibly do
something: a before/after picture with a box (image), a character diff (text), a spectrogram pair and a short clip
(audio), class counts and synthetic rows (tabular). The showcase arguments are data, in scripts/gallery_showcase.json, one entry per augmentation; they are
checked against the registry, and a showcase that changes nothing visible is refused (never silently shown).

    python scripts/build_gallery.py            # write the pages and the media
    python scripts/build_gallery.py --check    # exit 1 if the pages are not current (what CI runs, via a test)

Media (small JPEG/PNG thumbnails, Ogg Vorbis clips) are written only by a build; ``--check`` compares the page text
and checks that every media file a page names exists.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import soundfile as sf  # noqa: E402

import multiaug  # noqa: E402  (the checkout's multiaug, importable without installing)
from multiaug.assets import asset_path, assets_dir  # noqa: E402
from multiaug.core.functions import function_name, resolve_function  # noqa: E402
from multiaug.core.registry import MODALITIES as REGISTRY_MODALITIES  # noqa: E402
from multiaug.core.registry import Entry, _rule_text, entries  # noqa: E402
from multiaug.measures.spectral import log_spectral_distance, resample, stft_frames  # noqa: E402
from multiaug.measures.viewing import flatten  # noqa: E402
from multiaug.viz.text_diff import text_diff_html  # noqa: E402
from multiaug.viz.text_diff import visible as _visible  # noqa: E402

SHOWCASE = Path(__file__).with_name("gallery_showcase.json")
OUT = ROOT / "docs" / "gallery"
MODALITIES = ("image", "text", "audio", "tabular")
ALIASES = {"image": "imaugs", "text": "txtaugs", "audio": "audaugs", "tabular": "tabaugs"}
TABLE = ("datasets", "churn", "apac.csv")     # the tabular input, under assets/
PHOTO_SIZE = (300, 200)
BOX = [70, 10, 225, 185]                      # pascal_voc, around the cat's head in the 300×200 photo
TEXT = "He is sure the quick brown fox will not jump over the lazy dog today, but she does not agree."
THUMB = 256                                   # longest side of an image thumbnail, px
MIN_IMAGE_MEAN, MIN_IMAGE_SHARE = 3.0, 0.01  # visible: mean |Δ| ≥ 3 levels, or ≥ 1 % of pixels changed by ≥ 40
MIN_AUDIO_CHANGE_DB = 1.0                     # log-spectral distance below which an audio change is inaudible
SPEC_PX_PER_S, SPEC_ROWS, SPEC_MAX_HZ, SPEC_DB = 100, 96, 8000.0, (-90.0, -10.0)
CLIP_SECONDS = 4.0


# ------------------------------------------------------------------------------------------ gallery functions
def gallery_posterize(image: Image.Image) -> Image.Image:
    """Gallery example function: 2 bits per channel."""
    return ImageOps.posterize(image.convert("RGB"), 2)


def gallery_invert(image: Image.Image) -> Image.Image:
    """Gallery example function: colour negative."""
    return ImageOps.invert(image.convert("RGB"))


def gallery_reverse_words(text: str) -> str:
    """Gallery example function: the words in reverse order."""
    return " ".join(reversed(text.split(" ")))


def gallery_reverse(audio: np.ndarray, sample_rate: int) -> tuple[np.ndarray, int]:
    """Gallery example function: the audio played backwards."""
    return np.ascontiguousarray(audio[..., ::-1]), sample_rate


for _fn in (gallery_posterize, gallery_invert, gallery_reverse_words, gallery_reverse):
    multiaug.register_function(_fn.__name__, _fn)


# ------------------------------------------------------------------------------------------ inputs
@cache
def photo(name: str = "chelsea.png") -> Image.Image:
    return Image.open(asset_path("image", "samples", name)).convert("RGB").resize(PHOTO_SIZE, Image.Resampling.LANCZOS)


@cache
def speech() -> tuple[np.ndarray, int]:
    x, sr = sf.read(str(asset_path("audio", "samples", "speech_sample.flac")), dtype="float32")
    return x, int(sr)


def audio_input(kind: str) -> tuple[np.ndarray, int]:
    x, sr = speech()
    if kind == "quiet_speech":
        return (x * 0.1).astype(np.float32), sr
    if kind == "stereo":
        m, msr = sf.read(str(asset_path("audio", "samples", "music_sample.flac")), dtype="float32", always_2d=True)
        m = resample(m.mean(axis=1).astype(np.float64), msr, sr)[: x.size]
        m = np.pad(m, (0, x.size - m.size)) * (np.abs(x).max() / max(1e-9, np.abs(m).max()))
        return np.stack([x, m.astype(np.float32)]), sr
    return x, sr


@cache
def table() -> pd.DataFrame:
    return pd.read_csv(asset_path(*TABLE))


def media_input(modality: str, spec: dict[str, Any]) -> Any:
    kind = spec.get("input")
    if modality == "tabular":
        return table()
    if modality == "image":
        return [photo(), photo("astronaut.jpg")] if kind == "two_photos" else photo()
    if modality == "text":
        return TEXT
    return audio_input(kind or "speech")


def resolve(value: Any) -> Any:
    """Showcase JSON → call arguments (see the '_about' of gallery_showcase.json)."""
    if isinstance(value, dict) and len(value) == 1:
        (key, arg), = value.items()
        if key == "$asset":
            return str(asset_path(*arg.split("/")))
        if key == "$mask":
            return Image.open(asset_path(*arg.split("/"))).convert("L").resize(PHOTO_SIZE, Image.Resampling.NEAREST)
        if key == "$function":
            return resolve_function(arg)
        if key == "$int_keys":
            return {int(k): v for k, v in arg.items()}
    if isinstance(value, dict):
        return {k: resolve(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------------------ checks
def load_showcase() -> dict[str, dict[str, Any]]:
    return json.loads(SHOWCASE.read_text(encoding="utf-8"))


def registry_problems(showcase: dict[str, Any]) -> list[str]:
    """Every registered augmentation has a showcase entry with valid arguments; no entry names an unknown one."""
    problems = [f"the registry has {m} augmentations but the gallery no page for them: add '{m}' to MODALITIES in "
                "scripts/build_gallery.py (input, check of change, section) and its showcases"
                for m in REGISTRY_MODALITIES if m not in MODALITIES]
    for modality in MODALITIES:
        have = {e.name: e for e in entries(modality)}
        shown = showcase.get(modality, {})
        missing = sorted(set(have) - set(shown))
        if missing:
            template = ",\n".join(f'    "{n}": {{"params": {{...}}}}' for n in missing)
            problems.append(f"{modality}: no gallery showcase for {', '.join(missing)}; add to "
                            f"scripts/gallery_showcase.json under \"{modality}\" arguments that visibly change the "
                            f"input, e.g.\n{template}\nthen run python scripts/build_gallery.py")
        for name in sorted(set(shown) - set(have)):
            problems.append(f"{modality}: gallery showcase '{name}' names no registered augmentation; remove it from "
                            "scripts/gallery_showcase.json")
        for name in sorted(set(shown) & set(have)):
            spec = shown[name]
            extra = set(spec) - {"params", "seed", "input", "no_change"}
            if extra or not isinstance(spec.get("params"), dict):
                problems.append(f"{modality}.{name}: showcase needs a 'params' object (and only 'seed', 'input', "
                                f"'no_change' besides), got keys {sorted(spec)}")
                continue
            try:
                have[name].validate_params(resolve(spec["params"]))
            except Exception as exc:  # any invalid argument is reported with the registry's own message
                problems.append(f"{modality}.{name}: invalid showcase arguments: {exc}")
    return problems


def run(entry: Entry, spec: dict[str, Any]) -> dict[str, Any]:
    """Apply ``entry`` with its showcase arguments; returns the input, output, boxes, record and the change size."""
    modality = entry.modality.name
    media = media_input(modality, spec)
    kwargs = resolve(spec["params"])
    if entry.random:
        kwargs["seed"] = spec.get("seed", 1)
    tracker = multiaug.Tracker()
    res: dict[str, Any] = {"before": media}
    if modality == "image":
        out, boxes = entry.public(media, bboxes=[BOX], bbox_format="pascal_voc", return_bboxes=True,
                                  metadata=tracker, **kwargs)
        res.update(after=out, boxes=boxes, change=image_change(media if isinstance(media, Image.Image)
                                                               else media[0], out))
    elif modality == "text":
        out = entry.public(media, metadata=tracker, **kwargs)
        res.update(after=out, change=float(out != media))
    elif modality == "tabular":
        out = entry.public(media, metadata=tracker, **kwargs)
        res.update(after=out, change=float(len(out) != len(media) or not out.iloc[: len(media)].equals(media)))
    else:
        audio, sr = media
        out, out_sr = entry.public(audio, sample_rate=sr, metadata=tracker, **kwargs)
        res.update(after=(out, int(out_sr)), change=audio_change(audio, sr, out, int(out_sr)))
    res["record"] = tracker[-1]
    return res


def image_change(before: Image.Image, after: Any) -> float:
    """How visible a change is, ≥ 1 when visible: max(mean |Δ| / 3 levels, share of pixels changed by ≥ 40 levels
    / 1 %), |Δ| the largest difference over the RGB channels; infinite for a new size."""
    after = after if isinstance(after, Image.Image) else Image.fromarray(np.asarray(after))
    if after.size != before.size:
        return float("inf")
    a = np.asarray(before.convert("RGB"), dtype=np.float64)
    b = np.asarray(after.convert("RGB"), dtype=np.float64)
    d = np.abs(a - b).max(axis=2)
    return float(max(d.mean() / MIN_IMAGE_MEAN, (d >= 40).mean() / MIN_IMAGE_SHARE))


def audio_change(x: np.ndarray, sr: int, y: np.ndarray, sr_y: int) -> float:
    if x.shape != y.shape or sr != sr_y:
        return float("inf")
    xs, ys = np.atleast_2d(x), np.atleast_2d(y)
    return max(log_spectral_distance(a, b, sr) for a, b in zip(xs, ys))


def change_problem(entry: Entry, spec: dict[str, Any], change: float) -> str | None:
    modality, name = entry.modality.name, entry.name
    limit = {"image": 1.0, "text": 1.0, "audio": MIN_AUDIO_CHANGE_DB, "tabular": 1.0}[modality]
    what = {"image": f"mean |Δ| under {MIN_IMAGE_MEAN:g} levels and under {MIN_IMAGE_SHARE:.0%} of the pixels "
                     "changed by 40 levels or more", "text": "the text is unchanged",
            "tabular": "the table is unchanged",
            "audio": f"log-spectral distance {change:.2f} dB (< {limit} dB)"}[modality]
    if spec.get("no_change"):
        return None if change < limit else (f"{modality}.{name}: marked 'no_change' but the showcase changes the "
                                            "input; remove the marker")
    if change < limit:
        return (f"{modality}.{name}: the showcase arguments {json.dumps(spec['params'])} change nothing visible "
                f"({what}); choose stronger ones in scripts/gallery_showcase.json")
    return None


# ------------------------------------------------------------------------------------------ pages
def _show(value: Any) -> str:
    """A default as a reader should see it (asset paths relative to the assets folder, functions by name)."""
    root = str(assets_dir())
    if isinstance(value, str) and value.startswith(root):
        return "assets" + value[len(root):].replace("\\", "/")
    if callable(value) and not isinstance(value, type):
        return function_name(value) or getattr(value, "__name__", "function")
    if hasattr(value, "name") and hasattr(value, "value") and not isinstance(value, (str, int, float)):
        return f"{value.name} ({value.value})"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _py(value: Any) -> str:
    """A showcase argument as Python a reader can type (placeholders shown as what they stand for)."""
    if isinstance(value, dict) and len(value) == 1:
        (key, arg), = value.items()
        if key == "$asset":
            return json.dumps("assets/" + arg)
        if key == "$mask":
            return f'Image.open("assets/{arg}").convert("L")'
        if key == "$function":
            return arg
        if key == "$int_keys":
            return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in arg.items()) + "}"
    if isinstance(value, list) and all(isinstance(v, (int, float)) for v in value) and len(value) in (3, 4):
        return "(" + ", ".join(map(str, value)) + ")"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return _show(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def params_table(entry: Entry) -> list[str]:
    if not entry.params:
        return ["No parameters."]
    rows = ["| parameter | type | default | allowed values | meaning |", "|---|---|---|---|---|"]
    for p in entry.params:
        if p.choices is not None:
            allowed = ", ".join(_show(c) for c in p.choices)
        elif p.range is not None:
            allowed = p.range.describe() + (f" {p.unit}" if p.unit else "")
        else:
            allowed = f"(unit: {p.unit})" if p.unit else ""
        if p.optional and p.choices is None and not allowed.startswith("None"):
            allowed = (allowed + " or None").strip() if allowed else "None allowed"
        default = "required" if p.required else _show(p.default)
        rows.append(f"| `{p.name}` | {_cell(p.annotation)} | {_cell(default)} | {_cell(allowed)} | {_cell(p.doc)} |")
    return rows


def _call(entry: Entry, spec: dict[str, Any], alias: str) -> str:
    args = ", ".join(f"{k}={_py(v)}" for k, v in spec["params"].items())
    if entry.random:
        args = ", ".join(a for a in (args, f"seed={spec.get('seed', 1)}") if a)
    return f"{alias}.{entry.name}({'…, ' if args else '…'}{args})"


def _rule(rule: Any) -> str:
    return _rule_text(rule)


def section(entry: Entry, spec: dict[str, Any], res: dict[str, Any]) -> list[str]:
    modality, name = entry.modality.name, entry.name
    alias = ALIASES[modality]
    lines = [f"## {name}", "", entry.summary, "",
             f"Function `multiaug.{modality}.{name}`, class `multiaug.{modality}.{entry.class_name}`"
             f"{' (random: takes `seed`)' if entry.random else ''}.", ""]
    lines += params_table(entry) + [""]
    lines.append(f"**Intensity:** {_rule(entry.intensity)}")
    if "bbox" in entry.rules:
        lines += ["", f"**Boxes:** {_rule(entry.rules['bbox'])}"]
    lines += ["", f"Shown with `{_call(entry, spec, alias)}` (intensity {round(res['record']['intensity'], 2):g})"
              + (f"; it changes nothing by design: {spec['no_change']}." if spec.get("no_change") else ":"), ""]
    m = f"media/{modality}"
    if modality == "image":
        before = "_before_two.jpg" if spec.get("input") == "two_photos" else "_before.jpg"
        lines += ["| before | after |", "|---|---|", f"| ![before]({m}/{before}) | ![{name}]({m}/{name}.jpg) |"]
    elif modality == "text":
        lines += [f"<div class='after'><b>after:</b> {_visible(res['after'])}</div>", "",
                  f"<div class='diff'><b>diff:</b> {text_diff_html(res['before'], res['after'])}</div>"]
    elif modality == "tabular":
        lines += tabular_view(res["before"], res["after"], spec["params"])
    else:
        before = {"stereo": "_before_stereo", "quiet_speech": "_before_quiet"}.get(spec.get("input"), "_before")
        lines += ["| before | after |", "|---|---|",
                  f"| ![before]({m}/{before}.png) | ![{name}]({m}/{name}.png) |",
                  f"| <audio controls src='{m}/{before}.ogg'><a href='{m}/{before}.ogg'>before.ogg</a></audio> | "
                  f"<audio controls src='{m}/{name}.ogg'><a href='{m}/{name}.ogg'>{name}.ogg</a></audio> |"]
    return lines + [""]


INTROS = {
    "image": f"The input is `assets/image/samples/chelsea.png` resized to {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} px (and "
             "`astronaut.jpg` as the second image of `collage`, `hstack`, `vstack`), with a box in red that each "
             "augmentation moves by its box rule (no box: it left the frame). Thumbnails are at most "
             f"{THUMB} px wide.",
    "text": f"The input is the sentence below; changes are shown as a character diff (struck through: removed, "
            f"underlined: inserted; invisible characters written as ⟨U+XXXX⟩).\n\n> {TEXT}",
    "tabular": f"The input is `assets/{'/'.join(TABLE)}`, a customer-churn sample table of 1,000 rows whose class "
               "column `Churn` is imbalanced; each augmentation adds synthetic rows to the smaller class (tagged in "
               "the column `synthetic`).",
    "audio": "The input is `assets/audio/samples/speech_sample.flac` (3.1 s of speech at 22 050 Hz; mixed with "
             "`music_sample.flac` into a stereo pair for the channel functions, and at −20 dB for `normalize`). "
             f"Spectrograms: 0–{SPEC_MAX_HZ / 1000:g} kHz from bottom to top, {SPEC_PX_PER_S} px per second, "
             f"{SPEC_DB[0]:g} to {SPEC_DB[1]:g} dBFS from dark to bright (stereo: left channel above right); clips are "
             f"the first {CLIP_SECONDS:g} s as Ogg Vorbis.\n\n"
             "Every audio function also takes `sample_rate` (second), `output_path` and `metadata` (after its own "
             "parameters) and the keyword-only `check_finite=True`: NaN/inf samples are refused (one pass over the "
             "samples; the cuts clip and adjust_duration look only at the samples they keep); `check_finite=False` "
             "skips that pass (scipy.linalg's meaning: non-finite samples then flow "
             "through unrefused; records of such calls hold `\"check_finite\": false` and replay the same way). "
             "`help()` on any function shows them.",
}


def _table_md(df: pd.DataFrame) -> list[str]:
    """``df``'s rows as columns (a wide table stays narrow): one line per column of ``df``."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return "" if v != v else f"{v:.2f}"
        return _cell(str(v))

    rows = ["| column | " + " | ".join(f"row {k + 1}" for k in range(len(df))) + " |", "|---" * (len(df) + 1) + "|"]
    rows += [f"| `{_cell(str(c))}` | " + " | ".join(cell(v) for v in df[c]) + " |" for c in df.columns]
    return rows


def tabular_view(before: pd.DataFrame, after: pd.DataFrame, params: dict[str, Any]) -> list[str]:
    label = params["label"]
    counts = before[label].value_counts().sort_index()
    grown = after[label].value_counts().sort_index()
    tag = params.get("tag_column", "synthetic")
    new = after[after[tag].astype(bool)] if tag in after.columns else after.iloc[len(before):]
    lines = [f"| `{label}` | rows before | rows after |", "|---|---|---|"]
    lines += [f"| {_cell(str(k))} | {counts.get(k, 0)} | {grown.get(k, 0)} |" for k in grown.index]
    lines += ["", f"The first 3 of {len(new)} synthetic rows (`{tag}` = True), one column each:", ""]
    return lines + _table_md(new.head(3))


GALLERY_FUNCTIONS = {"image": (gallery_posterize, gallery_invert), "text": (gallery_reverse_words,),
                     "audio": (gallery_reverse,), "tabular": ()}


def page(modality: str, showcase: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    es = entries(modality)
    fns = "; ".join(f"`{f.__name__}`: {f.__doc__.split(': ', 1)[1].rstrip('.')}" for f in GALLERY_FUNCTIONS[modality])
    uses = (f"Functions registered by the gallery for `apply_lambda` and the like ({fns}) are ordinary "
            "`multiaug.register_function` functions.") if fns else ""
    alias = ALIASES[modality]
    lines = [f"# {modality.capitalize()} augmentations: gallery",
             "",
             f"All {len(es)} {modality} augmentations of multiaug, generated from the registry by "
             "`scripts/build_gallery.py` with the arguments in `scripts/gallery_showcase.json` (CI checks that this "
             "page is current). Signatures list every parameter with its default, allowed range or choices, and "
             f"unit. In the calls, `{alias}` is `multiaug.{modality}` and `…` the input.",
             "",
             INTROS[modality], "",
             *([uses, ""] if uses else []),
             "Other pages: " + ", ".join(f"[{m}]({m}.md)" for m in MODALITIES if m != modality)
             + "; the JSON form of these arguments: [PIPELINES.md](../PIPELINES.md).",
             "",
             " · ".join(f"[{e.name}](#{e.name})" for e in es), ""]
    for e in es:
        lines += section(e, showcase[modality][e.name], results[e.name])
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------------------ media
def _thumb(image: Any, boxes: list[Any] | None) -> Image.Image:
    img = image if isinstance(image, Image.Image) else Image.fromarray(np.asarray(image))
    if img.mode in ("RGBA", "LA", "PA", "P") or "transparency" in img.info:
        img = flatten(img)
    img = img.convert("RGB")
    if boxes:
        draw = ImageDraw.Draw(img)
        for b in boxes:
            if b is not None:
                draw.rectangle([float(v) for v in b[:4]], outline=(255, 0, 0), width=max(2, img.width // 150))
    if max(img.size) > THUMB:
        img.thumbnail((THUMB, THUMB), Image.Resampling.LANCZOS)
    return img


_LUT_STOPS = [(0.0, (0, 0, 4)), (0.25, (59, 15, 112)), (0.5, (140, 41, 129)), (0.75, (229, 80, 100)),
              (0.9, (253, 165, 110)), (1.0, (252, 253, 191))]


def _lut() -> np.ndarray:
    xs = np.linspace(0, 1, 256)
    return np.stack([np.interp(xs, [s for s, _ in _LUT_STOPS], [c[i] for _, c in _LUT_STOPS])
                     for i in range(3)], axis=1).astype(np.uint8)


def spectrogram(audio: np.ndarray, sr: int) -> Image.Image:
    rows = []
    for ch in np.atleast_2d(np.asarray(audio, dtype=np.float64)):
        spec = np.abs(stft_frames(ch, 512, 128)) / 128.0
        spec = spec[:, : int(SPEC_MAX_HZ / (sr / 512)) + 1]
        db = 20 * np.log10(np.maximum(spec, 1e-9))
        lo, hi = SPEC_DB
        level = np.clip((db - lo) / (hi - lo), 0, 1)
        img = Image.fromarray((level.T[::-1] * 255).astype(np.uint8), "L")
        width = max(8, int(round(ch.size / sr * SPEC_PX_PER_S)))
        rows.append(img.resize((width, SPEC_ROWS), Image.Resampling.BILINEAR))
    out = Image.new("L", (max(r.width for r in rows), SPEC_ROWS * len(rows) + 2 * (len(rows) - 1)), 0)
    for k, r in enumerate(rows):
        out.paste(r, (0, k * (SPEC_ROWS + 2)))
    rgb = Image.fromarray(_lut()[np.asarray(out)], "RGB")
    return rgb.quantize(64)


def write_clip(path: Path, audio: np.ndarray, sr: int) -> None:
    x = np.asarray(audio, dtype=np.float32)[..., : int(CLIP_SECONDS * sr)]
    x = x / max(1.0, float(np.abs(x).max()))                 # Vorbis clips above full scale
    sf.write(str(path), x.T, sr, format="OGG", subtype="VORBIS")


def write_media(modality: str, showcase: dict[str, Any], results: dict[str, dict[str, Any]]) -> None:
    d = OUT / "media" / modality
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        old.unlink()
    if modality == "image":
        _thumb(photo(), [BOX]).save(d / "_before.jpg", quality=85, optimize=True)
        first, second = _thumb(photo(), [BOX]), _thumb(photo("astronaut.jpg"), None)
        pair = Image.new("RGB", (first.width + 6 + second.width, max(first.height, second.height)), "white")
        pair.paste(first, (0, 0))
        pair.paste(second, (first.width + 6, 0))
        _thumb(pair, None).save(d / "_before_two.jpg", quality=85, optimize=True)
        for name, res in results.items():
            _thumb(res["after"], res["boxes"]).save(d / f"{name}.jpg", quality=85, optimize=True)
    elif modality == "audio":
        for stem, kind in (("_before", "speech"), ("_before_stereo", "stereo"), ("_before_quiet", "quiet_speech")):
            x, sr = audio_input(kind)
            spectrogram(x, sr).save(d / f"{stem}.png", optimize=True)
            write_clip(d / f"{stem}.ogg", x, sr)
        for name, res in results.items():
            x, sr = res["after"]
            spectrogram(x, sr).save(d / f"{name}.png", optimize=True)
            write_clip(d / f"{name}.ogg", x, sr)


def media_named(text: str) -> list[str]:
    return sorted(set(re.findall(r"(media/[a-z]+/[A-Za-z0-9_]+\.(?:jpg|png|ogg))", text)))


# ------------------------------------------------------------------------------------------ main
def build(modalities: tuple[str, ...] = MODALITIES, write: bool = True) -> list[str]:
    """Run every showcase; write pages (+ media) or, with ``write=False``, compare. Returns the problems."""
    showcase = load_showcase()
    problems = registry_problems(showcase)
    if problems:
        return problems
    for modality in modalities:
        results = {}
        for e in entries(modality):
            spec = showcase[modality][e.name]
            try:
                results[e.name] = res = run(e, spec)
            except Exception as exc:  # report every failing showcase, not only the first
                problems.append(f"{modality}.{e.name}: the showcase call failed: {type(exc).__name__}: {exc}")
                continue
            problem = change_problem(e, spec, res["change"])
            if problem:
                problems.append(problem)
        if problems:
            continue
        text = page(modality, showcase, results)
        path = OUT / f"{modality}.md"
        if write:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if modality in ("image", "audio"):
                write_media(modality, showcase, results)
        else:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                problems.append(f"docs/gallery/{modality}.md is not current: run python scripts/build_gallery.py")
            missing = [m for m in media_named(text) if not (OUT / m).is_file()]
            if missing:
                problems.append(f"docs/gallery/{modality}.md names missing media {missing[:5]}: run "
                                "python scripts/build_gallery.py")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 when out of date")
    ap.add_argument("--modality", choices=MODALITIES, action="append", help="only these pages (repeatable)")
    args = ap.parse_args(argv)
    problems = build(tuple(args.modality or MODALITIES), write=not args.check)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems and not args.check:
        print(f"wrote {', '.join(f'docs/gallery/{m}.md' for m in (args.modality or MODALITIES))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
