"""Preset against preset: how much do the moderation presets hurt matching and keyword filtering, for how much change?

Image: every shipped photo (``assets/image/photos.csv``) × ``--copies`` outputs × every run seed of ``--seeds``
through each image preset; for each output the measured perturbation (SSIM loss, ``multiaug.robustness.metrics``)
and whether the reference matchers (``multiaug.robustness.adapters.phash`` / ``pdq``) still match it to its original;
recall per preset overall and per SSIM-loss band, and each preset's recall next to ``heavy``'s at the same measured
SSIM loss, matched two ways: (1) 0.1-wide SSIM-loss bins, ``heavy``'s recall in each bin weighted by the preset's
outputs in it (bins where ``heavy`` has no output are left out), with a bootstrap 95 % interval of the difference;
(2) interpolation: ``heavy``'s recall as a non-increasing function of SSIM loss (isotonic least-squares fit,
linear between the fitted blocks) evaluated at every output of the preset.

Text: the first 200 shipped sentences (``assets/text/sentences_en.txt``), every other one with an insult of the
reference keyword filter appended ("... You are such a loser."); ``--copies`` outputs per sentence per text
preset; the share of flagged sentences the filter no longer flags (evasion) and the readability proxy: the edit
distance between the original and the output after homoglyph folding (``multiaug.text.resources.folding``:
NFKC, invisible characters removed, look-alikes mapped back), next to the raw edit distance.

    python scripts/moderation_robustness.py            # prints the markdown tables of docs/ROBUSTNESS.md
    python scripts/moderation_robustness.py --json out.json --copies 20 --seeds 0

Audio: the eight shipped clips (``assets/audio/samples`` and ``assets/audio/speech``) × ``--audio-copies`` outputs
through the audio presets ``heavy`` and ``moderation``; measured change (log-spectral distance, SNR) and whether the
reference audio matcher (``adapters.audio_fingerprint_matcher``, bit error rate ≤ 0.35) still matches, overall, per
LSD band and at the same LSD (5 dB bins, as for images).

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
from multiaug.robustness.runner import load_data
from multiaug.measures.edit_distance import levenshtein
from multiaug.text.resources.folding import fold_homoglyphs

IMAGE_PRESETS = ("heavy", "moderation", "moderation-strong")
TEXT_PRESETS = ("heavy", "moderation")
AUDIO_PRESETS = ("heavy", "moderation")
BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
INSULTS = [w for w in adapters.DEFAULT_WORDS if w != "badword" and not w.endswith("s")]


def photos() -> list[tuple[str, Image.Image]]:
    listing = asset_path("image", "photos.csv")
    with open(listing, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["id"], Image.open(listing.parent / r["path"]).convert("RGB")) for r in rows]


def image_rows(copies: int, seeds: list[int]) -> list[dict]:
    rows = []
    items = photos()
    matchers = {"phash": adapters.phash, "pdq": adapters.pdq}
    for preset in IMAGE_PRESETS:
        pipe = multiaug.load_pipeline(preset_document(preset, "image"))
        for key, img in items:
            prepared = metrics.prepare("image", img)
            fps = {name: m(img) for name, m in matchers.items()}
            for seed, k in ((s, k) for s in seeds for k in range(copies)):
                tr = multiaug.Tracker()
                out = pipe(img, seed=derive_seed(seed, key, k), metadata=tr)
                out = out.convert("RGB") if out.mode != "RGB" else out
                row = {"preset": preset, "key": key, "seed": seed, "copy": k,
                       "augmentations": [r["name"] for r in tr]}
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


def audio_rows(copies: int, seed: int) -> list[dict]:
    rows = []
    m = adapters.audio_fingerprint_matcher
    items = [it for folder in ("samples", "speech") for it in load_data(asset_path("audio", folder), "audio")]
    for preset in AUDIO_PRESETS:
        pipe = multiaug.load_pipeline(preset_document(preset, "audio"))
        for it in items:
            x, sr = it.load("audio")
            fp = m((x, sr))
            for k in range(copies):
                tr = multiaug.Tracker()
                y, sr_y = pipe(x, sample_rate=sr, seed=derive_seed(seed, it.key, k), metadata=tr)
                row = {"preset": preset, "key": it.key, "copy": k, "augmentations": [r["name"] for r in tr]}
                row.update(metrics.measure("audio", (x, sr), (y, sr_y)))
                d = m.compare(fp, m((y, sr_y)))
                row["fingerprint_distance"], row["fingerprint_matched"] = d, d <= m.threshold
                rows.append(row)
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


def _binned(rows: list[dict], ref: list[dict], name: str, x: str, width: float) -> tuple[float, float, int]:
    """(recall of rows, the reference's recall re-weighted to rows' distribution of ``x``, outputs compared):
    bins of ``width`` where both have outputs, each bin weighted by the rows in it."""
    own = theirs = n = 0.0
    for b in sorted({int(r[x] // width) for r in rows}):
        mine = [r for r in rows if int(r[x] // width) == b]
        other = [r for r in ref if int(r[x] // width) == b]
        if other:
            own += sum(r[f"{name}_matched"] for r in mine)
            theirs += len(mine) * float(np.mean([r[f"{name}_matched"] for r in other]))
            n += len(mine)
    return own / n, theirs / n, int(n)


def isotonic_decreasing(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares non-increasing fit of ``y`` on ``x`` (pool adjacent violators): block means of x and y."""
    order = np.argsort(x, kind="stable")
    blocks: list[list[float]] = []  # [sum of y, count, sum of x]
    for xi, yi in zip(np.asarray(x, float)[order], np.asarray(y, float)[order]):
        blocks.append([yi, 1.0, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            s_y, n, s_x = blocks.pop()
            blocks[-1][0] += s_y
            blocks[-1][1] += n
            blocks[-1][2] += s_x
    return np.array([b[2] / b[1] for b in blocks]), np.array([b[0] / b[1] for b in blocks])


def _interpolated(rows: list[dict], ref: list[dict], name: str, x: str) -> float:
    """The reference's recall at each row's ``x`` (isotonic fit, linear between blocks), averaged over rows."""
    bx, by = isotonic_decreasing(np.array([r[x] for r in ref]), np.array([r[f"{name}_matched"] for r in ref]))
    return float(np.interp([r[x] for r in rows], bx, by).mean())


def _interval(rows: list[dict], ref: list[dict], name: str, x: str, width: float, n_boot: int = 400) -> str:
    """Bootstrap 95 % interval of (recall − reference recall at the same ``x``), outputs resampled in both sets."""
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(n_boot):
        a = [rows[i] for i in rng.integers(0, len(rows), len(rows))]
        b = [ref[i] for i in rng.integers(0, len(ref), len(ref))]
        own, theirs, _n = _binned(a, b, name, x, width)
        diffs.append(own - theirs)
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return f"[{lo:+.3f}, {hi:+.3f}]"


def matched_table(rows: list[dict], reference: str = "heavy") -> str:
    """Each preset's recall next to the reference preset's recall at the same SSIM loss (bins and interpolation)."""
    ref = [r for r in rows if r["preset"] == reference]
    out = ["| preset | hash | outputs compared | recall | `heavy` at the same SSIM loss: 0.1 bins | difference "
           "(95 % bootstrap interval) | `heavy` at the same SSIM loss: interpolated |", "|---|---|---|---|---|---|---|"]
    for p in IMAGE_PRESETS:
        if p == reference:
            continue
        rs = [r for r in rows if r["preset"] == p]
        for name, label in (("phash", "pHash"), ("pdq", "PDQ")):
            own, theirs, n = _binned(rs, ref, name, "ssim_loss", 0.1)
            out.append(f"| `{p}` | {label} | {n} | {own:.3f} | {theirs:.3f} | {own - theirs:+.3f} "
                       f"{_interval(rs, ref, name, 'ssim_loss', 0.1)} | {_interpolated(rs, ref, name, 'ssim_loss'):.3f} |")
    return "\n".join(out)


def audio_table(rows: list[dict]) -> str:
    out = ["| preset | outputs | fingerprint recall | median BER | mean LSD (dB) | mean SNR (dB) | outputs compared | "
           "their recall | `heavy` at the same LSD: 5 dB bins | `heavy` at the same LSD: interpolated |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    ref = [r for r in rows if r["preset"] == "heavy"]
    for p in AUDIO_PRESETS:
        rs = [r for r in rows if r["preset"] == p]
        same = "– | – | – | –"
        if p != "heavy":
            own, theirs, n = _binned(rs, ref, "fingerprint", "lsd_db", 5.0)
            same = f"{n} | {own:.2f} | {theirs:.2f} | {_interpolated(rs, ref, 'fingerprint', 'lsd_db'):.2f}"
        out.append(f"| `{p}` | {len(rs)} | {np.mean([r['fingerprint_matched'] for r in rs]):.2f} | "
                   f"{np.median([r['fingerprint_distance'] for r in rs]):.2f} | {np.mean([r['lsd_db'] for r in rs]):.1f} | "
                   f"{np.mean([r['snr_db'] for r in rs]):.1f} | {same} |")
    out += ["", "Recall by what ran (outputs in brackets):", "",
            "| preset | with a speed / pitch / tempo change | without | with a re-recording / room / phone line | "
            "without |", "|---|---|---|---|---|"]
    timing = {"speed", "pitch_shift", "tempo"}
    chain = {"rerecord", "room_simulator", "telephone"}
    for p in AUDIO_PRESETS:
        rs = [r for r in rows if r["preset"] == p]
        cells = []
        for group in (timing, chain):
            for inside in (True, False):
                sel = [r for r in rs if bool(group & set(r["augmentations"])) == inside]
                cells.append(f"{np.mean([r['fingerprint_matched'] for r in sel]):.2f} ({len(sel)})" if sel else "–")
        out.append(f"| `{p}` | " + " | ".join(cells) + " |")
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
    ap.add_argument("--copies", type=int, default=20, help="image outputs per photo, preset and seed (default 20)")
    ap.add_argument("--seeds", default="0,1,2,3,4", help="image run seeds, pooled (default 0,1,2,3,4)")
    ap.add_argument("--audio-copies", type=int, default=20, help="outputs per clip and audio preset (default 20)")
    ap.add_argument("--text-copies", type=int, default=3, help="outputs per sentence and preset (default 3)")
    ap.add_argument("--seed", type=int, default=0, help="text and audio run seed (default 0)")
    ap.add_argument("--json", type=Path, help="also write every row here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    img = image_rows(args.copies, [int(s) for s in args.seeds.split(",")])
    t1 = time.perf_counter()
    txt = text_rows(args.text_copies, args.seed)
    t2 = time.perf_counter()
    aud = audio_rows(args.audio_copies, args.seed)
    t3 = time.perf_counter()
    print(image_tables(img), "\n")
    print(matched_table(img), "\n")
    print(text_table(txt), "\n")
    print(audio_table(aud), "\n")
    print(f"image: {len(img)} outputs in {t1 - t0:.0f} s; text: {len(txt)} outputs in {t2 - t1:.0f} s; "
          f"audio: {len(aud)} outputs in {t3 - t2:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"image": img, "text": txt, "audio": aud}, default=float) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
