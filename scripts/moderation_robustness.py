"""Preset against preset: how much do the moderation presets hurt matching and keyword filtering, for how much change?

Image: every shipped photo (``assets/image/photos.csv``) × ``--copies`` seeds through each image preset; for each
output the measured perturbation (SSIM loss, ``multiaug.robustness.metrics``) and whether the reference matchers
(``multiaug.robustness.adapters.phash`` / ``pdq``) still match it to its original; recall per preset overall and per
SSIM-loss band, so presets are compared at the same measured change.

Text: the first 200 shipped sentences (``assets/text/sentences_en.txt``), every other one with an insult of the
reference keyword filter appended ("... You are such a loser."); ``--copies`` outputs per sentence per text
preset; the share of flagged sentences the filter no longer flags (evasion) and the readability proxy: the edit
distance between the original and the output after homoglyph folding (``multiaug.text.resources.folding``:
NFKC, invisible characters removed, look-alikes mapped back), next to the raw edit distance.

    python scripts/moderation_robustness.py            # prints the markdown tables of docs/ROBUSTNESS.md
    python scripts/moderation_robustness.py --json out.json --copies 20

Seeds: output k of item ``key`` uses ``derive_seed(seed, key, k)``, the same for every preset.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
from PIL import Image

import multiaug
from multiaug.assets import asset_path
from multiaug.core.seeds import derive_seed
from multiaug.data.presets import preset_document
from multiaug.robustness import adapters, metrics
from multiaug.measures.edit_distance import levenshtein
from multiaug.text.resources.folding import fold_homoglyphs

IMAGE_PRESETS = ("heavy", "moderation", "moderation-strong")
TEXT_PRESETS = ("heavy", "moderation")
BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
INSULTS = [w for w in adapters.DEFAULT_WORDS if w != "badword" and not w.endswith("s")]


def photos() -> list[tuple[str, Image.Image]]:
    listing = asset_path("image", "photos.csv")
    with open(listing, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["id"], Image.open(listing.parent / r["path"]).convert("RGB")) for r in rows]


def image_rows(copies: int, seed: int) -> list[dict]:
    rows = []
    items = photos()
    matchers = {"phash": adapters.phash, "pdq": adapters.pdq}
    for preset in IMAGE_PRESETS:
        pipe = multiaug.load_pipeline(preset_document(preset, "image"))
        for key, img in items:
            prepared = metrics.prepare("image", img)
            fps = {name: m(img) for name, m in matchers.items()}
            for k in range(copies):
                tr = multiaug.Tracker()
                out = pipe(img, seed=derive_seed(seed, key, k), metadata=tr)
                out = out.convert("RGB") if out.mode != "RGB" else out
                row = {"preset": preset, "key": key, "copy": k, "augmentations": [r["name"] for r in tr]}
                row.update(metrics.measure("image", img, out, prepared))
                for name, m in matchers.items():
                    d = m.compare(fps[name], m(out))
                    row[f"{name}_distance"], row[f"{name}_matched"] = d, d <= m.threshold
                rows.append(row)
    return rows


def sentences(n: int = 200) -> list[tuple[str, str]]:
    lines = asset_path("text", "sentences_en.txt").read_text(encoding="utf-8").splitlines()[:n]
    out = []
    for i, line in enumerate(lines):
        if i % 2:
            out.append((line.rstrip() + f" You are such a {INSULTS[(i // 2) % len(INSULTS)]}.", "flagged"))
        else:
            out.append((line, "ok"))
    return out


def text_rows(copies: int, seed: int) -> list[dict]:
    rows = []
    flt = adapters.KeywordFilter()
    for preset in TEXT_PRESETS:
        pipe = multiaug.load_pipeline(preset_document(preset, "text"))
        for i, (text, label) in enumerate(sentences()):
            assert flt(text) == label, text
            for k in range(copies):
                out = pipe(text, seed=derive_seed(seed, f"s{i}", k))
                rows.append({"preset": preset, "item": i, "label": label, "flagged_after": flt(out) == "flagged",
                             "edit_distance": levenshtein(text, out),
                             "folded_distance": levenshtein(text.casefold(), fold_homoglyphs(out)),
                             "length": len(text)})
    return rows


def _recall(rows: list[dict], name: str) -> str:
    return f"{np.mean([r[f'{name}_matched'] for r in rows]):.2f}" if rows else "–"


def image_tables(rows: list[dict]) -> str:
    out = ["| preset | outputs | mean SSIM loss | pHash recall | PDQ recall | pHash median dist. (/64) | PDQ median dist. (/256) |",
           "|---|---|---|---|---|---|---|"]
    for p in IMAGE_PRESETS:
        rs = [r for r in rows if r["preset"] == p]
        out.append(f"| `{p}` | {len(rs)} | {np.mean([r['ssim_loss'] for r in rs]):.3f} | {_recall(rs, 'phash')} | "
                   f"{_recall(rs, 'pdq')} | {np.median([r['phash_distance'] for r in rs]):.0f} | "
                   f"{np.median([r['pdq_distance'] for r in rs]):.0f} |")
    out += ["", "Recall per measured SSIM-loss band (outputs in the band in brackets):", "",
            "| SSIM loss | " + " | ".join(f"`{p}` pHash | `{p}` PDQ" for p in IMAGE_PRESETS) + " |",
            "|---|" + "---|---|" * len(IMAGE_PRESETS)]
    for lo, hi in BANDS:
        cells = []
        for p in IMAGE_PRESETS:
            rs = [r for r in rows if r["preset"] == p and lo <= r["ssim_loss"] < hi]
            cells += [f"{_recall(rs, 'phash')} ({len(rs)})", f"{_recall(rs, 'pdq')}"]
        out.append(f"| {lo:.1f}–{min(hi, 1.0):.1f} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def matched_table(rows: list[dict], reference: str = "heavy") -> str:
    """Recall of each preset next to the reference preset's recall re-weighted to the same SSIM-loss distribution:
    0.1-wide SSIM-loss bands where both presets have outputs, each band weighted by the preset's outputs in it."""
    ref = [r for r in rows if r["preset"] == reference]
    band = lambda r: min(int(r["ssim_loss"] * 10), 9)  # noqa: E731
    out = [f"| preset | outputs compared | pHash recall | `{reference}` pHash recall at the same SSIM loss | PDQ recall | "
           f"`{reference}` PDQ recall at the same SSIM loss |", "|---|---|---|---|---|---|"]
    for p in IMAGE_PRESETS:
        if p == reference:
            continue
        rs = [r for r in rows if r["preset"] == p]
        cells = {}
        for name in ("phash", "pdq"):
            own = theirs = n = 0.0
            for b in range(10):
                mine, other = [r for r in rs if band(r) == b], [r for r in ref if band(r) == b]
                if mine and other:
                    own += sum(r[f"{name}_matched"] for r in mine)
                    theirs += len(mine) * float(np.mean([r[f"{name}_matched"] for r in other]))
                    n += len(mine)
            cells[name] = (own / n, theirs / n, int(n))
        out.append(f"| `{p}` | {cells['phash'][2]} | {cells['phash'][0]:.3f} | {cells['phash'][1]:.3f} | "
                   f"{cells['pdq'][0]:.3f} | {cells['pdq'][1]:.3f} |")
    return "\n".join(out)


def text_table(rows: list[dict]) -> str:
    out = ["| preset | outputs of flagged sentences | evaded (no longer flagged) | edit distance: raw mean | "
           "after folding: mean | median | p90 | max | folded distance / length: mean |",
           "|---|---|---|---|---|---|---|---|---|"]
    for p in TEXT_PRESETS:
        rs = [r for r in rows if r["preset"] == p]
        fl = [r for r in rs if r["label"] == "flagged"]
        fd = np.array([r["folded_distance"] for r in rs])
        out.append(f"| `{p}` | {len(fl)} | {1 - np.mean([r['flagged_after'] for r in fl]):.2f} | "
                   f"{np.mean([r['edit_distance'] for r in rs]):.1f} | {fd.mean():.1f} | {np.median(fd):.0f} | "
                   f"{np.percentile(fd, 90):.0f} | {fd.max():.0f} | "
                   f"{np.mean([r['folded_distance'] / r['length'] for r in rs]):.3f} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="outputs per item and preset (default 20)")
    ap.add_argument("--text-copies", type=int, default=3, help="outputs per sentence and preset (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, help="also write every row here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    img = image_rows(args.copies, args.seed)
    t1 = time.perf_counter()
    txt = text_rows(args.text_copies, args.seed)
    t2 = time.perf_counter()
    print(image_tables(img), "\n")
    print(matched_table(img), "\n")
    print(text_table(txt), "\n")
    print(f"image: {len(img)} outputs in {t1 - t0:.0f} s; text: {len(txt)} outputs in {t2 - t1:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"image": img, "text": txt}, default=float) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
