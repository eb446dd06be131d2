"""Evidence for `multiaug evaluate`: does augmentation help a proxy model on real data? Writes docs/EVIDENCE.md.

Cases (each an A/B of originals vs originals + augmented copies, 5-fold × 3 repeated stratified group k-fold,
plus accuracy on a perturbed copy of the test folds from the moderation-<modality> robustness suite):

* images: scikit-learn's handwritten digits (ships with scikit-learn, offline; 8×8 upscaled to 32×32 PNG) with
  5, 10 and 20 originals per class, ×5 and ×10 copies, presets light / medium / heavy, and a Keras-style affine
  pipeline when an affine augmentation is registered; the shipped pets set (balanced to 20, medium);
* audio: spoken digits generated offline with espeak-ng (scripts/build_spoken_digits.py: 6 voices × 2 speeds ×
  2 pitches per digit), 4 and 12 originals per class, ×5, presets light / medium / heavy (noise, pitch, tempo,
  volume; heavy adds filters and reverb);
* text: assets/datasets/intents (6 intents, scripts/build_intents.py), 5 and 20 originals per class, ×5, presets
  light / medium / heavy (typos, punctuation, look-alike characters, case);
* tables: the churn merge of multiaug.tabular, when that package is installed (skipped otherwise).

Results accumulate in benchmarks/EVIDENCE.json (one row per case, keyed by its id), so ``--only`` refreshes some
cases and keeps the others; docs/EVIDENCE.md is rendered from the JSON every run. Run times are wall-clock on
whatever machine runs it (the report says how loaded it was)::

    python benchmarks/evaluate_evidence.py                      # everything (~30–60 min on 2 busy cores)
    python benchmarks/evaluate_evidence.py --only text,audio    # refresh some groups
    python benchmarks/evaluate_evidence.py --render             # only rewrite docs/EVIDENCE.md from the JSON
"""

from __future__ import annotations

import argparse
import fnmatch
import inspect
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
JSON_PATH = ROOT / "benchmarks" / "EVIDENCE.json"
MD_PATH = ROOT / "docs" / "EVIDENCE.md"
GROUPS = ("images", "pets", "audio", "text", "tables")
FOLDS, REPEATS, SEED = 5, 3, 0


# ------------------------------------------------------------------------------------------------ datasets
def digits_dataset(root: Path, per_class: int) -> Path:
    """``per_class`` digits per class (a seeded choice), 32×32 grey PNGs in a class-per-folder tree."""
    from PIL import Image
    from sklearn.datasets import load_digits

    out = root / f"digits{per_class}"
    if out.is_dir():
        return out
    d = load_digits()
    rng = np.random.default_rng(18)
    order = rng.permutation(len(d.target))
    taken: dict[int, int] = {}
    for i in order:
        c = int(d.target[i])
        if taken.get(c, 0) >= per_class:
            continue
        taken[c] = taken.get(c, 0) + 1
        (out / str(c)).mkdir(parents=True, exist_ok=True)
        img = Image.fromarray(np.clip(d.images[i] * 16, 0, 255).astype(np.uint8), "L")
        img.resize((32, 32), Image.BICUBIC).save(out / str(c) / f"d{int(i):04d}.png")
    return out


def spoken_digits(root: Path, per_class: int) -> Path | None:
    """A subset of the espeak-ng spoken digits (built once into root/spoken); None if espeak-ng is missing."""
    full = root / "spoken"
    if not (full / "README.md").is_file():
        if shutil.which("espeak-ng") is None:
            return None
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_spoken_digits.py"), str(full)], check=True)
    out = root / f"spoken{per_class}"
    if out.is_dir():
        return out
    rng = np.random.default_rng(18)
    for cls in sorted(p for p in full.iterdir() if p.is_dir()):
        files = sorted(cls.glob("*.wav"))
        (out / cls.name).mkdir(parents=True)
        for j in sorted(rng.permutation(len(files))[:per_class]):
            shutil.copy(files[j], out / cls.name / files[j].name)
    return out


def intents_dataset(root: Path, per_class: int) -> Path:
    """A manifest with ``per_class`` rows per intent (seeded choice) from assets/datasets/intents."""
    import csv

    out = root / f"intents{per_class}.csv"
    if out.is_file():
        return out
    with open(ROOT / "assets" / "datasets" / "intents" / "intents.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rng = np.random.default_rng(18)
    keep = []
    for label in sorted({r["label"] for r in rows}):
        mine = [r for r in rows if r["label"] == label]
        keep += [mine[j] for j in sorted(rng.permutation(len(mine))[:per_class])]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["text", "label"], lineterminator="\n")
        w.writeheader()
        w.writerows(keep)
    return out


def affine_pipeline() -> dict[str, Any] | None:
    """A Keras ImageDataGenerator-style pipeline (rotation 15°, shifts 10 %, zoom 10 %, shear 0.1) if a registered
    image augmentation with Keras' argument names exists; else None."""
    from multiaug.core.registry import entries

    keras = {"rotation_range": 15.0, "width_shift_range": 0.1, "height_shift_range": 0.1, "zoom_range": 0.1,
             "shear_range": 0.1}
    for e in entries("image"):
        if "affine" not in e.name or e.public is None:
            continue
        params = {k: v for k, v in keras.items() if k in inspect.signature(e.public).parameters}
        if params:
            return {"name": e.name, "doc": {"multiaug_pipeline": True, "version": 1, "modality": "image",
                                            "pipeline": {"type": "augmentation", "modality": "image",
                                                         "name": e.name, "params": params, "p": 1.0}}}
    return None


# ------------------------------------------------------------------------------------------------ cases
def cases(work: Path, groups: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if "images" in groups:
        affine = affine_pipeline()
        for n in (5, 10, 20):
            for copies in (5, 10):
                plans: list[tuple[str, Any]] = [(p, p) for p in ("light", "medium", "heavy")]
                if affine is not None:
                    plans.append((f"keras-affine ({affine['name']})", affine["doc"]))
                for name, plan in plans:
                    out.append({"id": f"digits-{n}-x{copies}-{name.split(' ')[0]}", "group": "images",
                                "dataset": f"digits, {n}/class", "plan": name, "copies": copies,
                                "make": lambda n=n: digits_dataset(work, n), "run_plan": plan})
    if "pets" in groups:
        out.append({"id": "pets-balance20-medium", "group": "pets", "dataset": "pets (shipped)", "plan": "medium",
                    "balance_to": 20, "make": lambda: ROOT / "assets" / "datasets" / "pets", "run_plan": "medium"})
    if "audio" in groups:
        for n in (4, 12):
            for p in ("light", "medium", "heavy"):
                out.append({"id": f"spoken-{n}-x5-{p}", "group": "audio", "dataset": f"spoken digits, {n}/class",
                            "plan": p, "copies": 5, "make": lambda n=n: spoken_digits(work, n), "run_plan": p})
    if "text" in groups:
        for n in (5, 20):
            for p in ("light", "medium", "heavy"):
                out.append({"id": f"intents-{n}-x5-{p}", "group": "text", "dataset": f"intents, {n}/class",
                            "plan": p, "copies": 5, "make": lambda n=n: intents_dataset(work, n), "run_plan": p})
    if "tables" in groups:
        out += tabular_cases(work)
    return out


def tabular_cases(work: Path) -> list[dict[str, Any]]:
    """The churn merge of multiaug.tabular (before vs after the merge) when that package is installed."""
    try:
        import multiaug.tabular  # noqa: F401
        from multiaug.evaluate.tables import evaluate_table
    except ImportError:
        return []
    churn = ROOT / "assets" / "datasets" / "churn"

    def merge_run(out: Path) -> Any:
        return evaluate_table(churn / "apac.csv", target="Churn", supplementary=churn / "mena.csv", on="customerID",
                              how="append", folds=FOLDS, repeats=REPEATS, seed=SEED, out=out, overwrite=True)

    def smote_run(out: Path) -> Any:
        return evaluate_table(churn / "apac.csv", target="Churn", synthetic="smote", on="customerID", folds=FOLDS,
                              repeats=REPEATS, seed=SEED, out=out, overwrite=True)

    return [{"id": "churn-append-mena", "group": "tables", "dataset": "churn APAC (1000 rows)",
             "plan": "merge MENA (append)", "make": lambda: churn, "run": merge_run},
            {"id": "churn-smote", "group": "tables", "dataset": "churn APAC (1000 rows)",
             "plan": "smote (per training fold)", "make": lambda: churn, "run": smote_run}]


def run_case(case: dict[str, Any], work: Path) -> dict[str, Any] | None:
    import multiaug

    data = case["make"]()
    if data is None:
        print(f"skip {case['id']}: dataset unavailable", file=sys.stderr)
        return None
    out = work / "runs" / case["id"]
    t0 = time.perf_counter()
    if "run" in case:
        r = case["run"](out)
    else:
        r = multiaug.evaluate(data, case["run_plan"], copies=case.get("copies"), balance_to=case.get("balance_to"),
                              folds=FOLDS, repeats=REPEATS, seed=SEED, out=out, overwrite=True, workers=2)
    wall = time.perf_counter() - t0
    rows = []
    for t in r.tasks:
        if t.get("skipped"):
            continue
        m, d = t["metrics"], t["difference"]
        row = {"id": case["id"] + ("" if len(r.tasks) == 1 else f"-{t['modality']}"), "group": case["group"],
               "dataset": case["dataset"], "modality": t["modality"], "plan": case["plan"],
               "copies": case.get("copies"), "balance_to": case.get("balance_to"),
               "originals": t["n_originals"], "augmented": t["n_augmented"], "folds": t["folds"],
               "baseline": m["baseline"]["clean"]["accuracy"], "augmented_acc": m["augmented"]["clean"]["accuracy"],
               "difference": d["clean"]["accuracy"], "verdict": t["verdict"],
               "macro_f1_difference": d["clean"]["macro_f1"], "notes": t["notes"],
               "seconds": round(wall, 1), "timing": r.data["timing"]}
        if "perturbed" in m["baseline"]:
            row.update({"perturbed_baseline": m["baseline"]["perturbed"]["accuracy"],
                        "perturbed_augmented": m["augmented"]["perturbed"]["accuracy"],
                        "perturbed_difference": d["perturbed"]["accuracy"],
                        "suite": t["robustness"]["suite"]})
        rows.append(row)
    for row in rows:
        print(f"{row['id']}: {row['verdict']} {_pct(row['baseline'])} → {_pct(row['augmented_acc'])} "
              f"({row['seconds']} s)", flush=True)
    return {"rows": rows}


# ------------------------------------------------------------------------------------------------ markdown
def _pct(ci: dict[str, Any] | None) -> str:
    if not ci or ci.get("mean") is None:
        return "–"
    if ci.get("low") is None:
        return f"{100 * ci['mean']:.1f}"
    return f"{100 * ci['mean']:.1f} [{100 * ci['low']:.1f}, {100 * ci['high']:.1f}]"


def _diff(ci: dict[str, Any] | None) -> str:
    if not ci or ci.get("mean") is None:
        return "–"
    return f"{100 * ci['mean']:+.1f} [{100 * ci['low']:+.1f}, {100 * ci['high']:+.1f}]"


def render(results: dict[str, Any]) -> str:
    rows = sorted(results["rows"].values(), key=lambda r: (GROUPS.index(r["group"]), r["dataset"].split(",")[0],
                                                           r["originals"], r.get("copies") or 0, r["plan"]))
    lines = [
        "# Evidence: does augmentation help? (`multiaug evaluate`)",
        "",
        "Produced by `python benchmarks/evaluate_evidence.py` (re-runnable; `--only GROUP` refreshes some rows, "
        "results in `benchmarks/EVIDENCE.json`). Every row is one `multiaug.evaluate` run: a proxy model "
        "(see [`EVALUATE.md`](EVALUATE.md)) trained on the originals (*baseline*) and on the originals plus their "
        f"augmented copies (*augmented*), on the same {FOLDS}-fold × {REPEATS} repeated stratified group k-fold "
        f"(seed {SEED}; copies stay in their original's fold), tested on the same held-out originals. Accuracy in %, "
        "mean [95 % corrected resampled t-interval]; the difference is paired per fold, in points. *Perturbed*: the "
        "same test items, each edited once by the `moderation-<modality>` robustness suite at its middle level. "
        "*Verdict*: helps / hurts when the interval of the clean-accuracy difference excludes 0, else no "
        "measurable effect. Run time: the whole evaluation (expansion with 2 workers, features, "
        f"{2 * FOLDS * REPEATS} fits), wall clock.",
        "",
        f"Machine: {results.get('machine', '?')}.",
        "",
        "| dataset | modality | plan | copies | originals + augmented | baseline | augmented | difference | verdict "
        "| perturbed: baseline | perturbed: augmented | perturbed: difference | run time |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        copies = f"×{r['copies']}" if r.get("copies") else f"to {r['balance_to']}" if r.get("balance_to") else "–"
        lines.append(
            f"| {r['dataset']} | {r['modality']} | {r['plan']} | {copies} | {r['originals']} + {r['augmented']} | "
            f"{_pct(r['baseline'])} | {_pct(r['augmented_acc'])} | {_diff(r['difference'])} | **{r['verdict']}** | "
            f"{_pct(r.get('perturbed_baseline'))} | {_pct(r.get('perturbed_augmented'))} | "
            f"{_diff(r.get('perturbed_difference'))} | {r['seconds']:.0f} s |")
    notes = sorted({n for r in rows for n in r.get("notes", [])})
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in ("helps", "no measurable effect", "hurts")}
    rob = {"helps": 0, "no measurable effect": 0, "hurts": 0}
    for r in rows:
        d = r.get("perturbed_difference")
        if d and d.get("low") is not None:
            rob["helps" if d["low"] > 0 else "hurts" if d["high"] < 0 else "no measurable effect"] += 1
    lines += ["", f"Verdicts on the clean test set: {counts['helps']} helps, {counts['no measurable effect']} no "
                  f"measurable effect, {counts['hurts']} hurts (of {len(rows)}). On the perturbed test set (same rule "
                  f"on the perturbed difference): {rob['helps']} helps, {rob['no measurable effect']} no measurable "
                  f"effect, {rob['hurts']} hurts.", ""]
    if results.get("skipped"):
        lines += ["Not run: " + "; ".join(results["skipped"]) + ".", ""]
    if notes:
        lines += ["Notes from the runs: " + "; ".join(notes) + ".", ""]
    lines += results.get("commentary", [])
    return "\n".join(lines) + "\n"


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average "
            f"{load:.1f} at the end of the run (other processes shared the CPUs)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated groups of {GROUPS}")
    ap.add_argument("--work", type=Path, default=Path("/tmp/multiaug-evidence"), help="datasets and run outputs")
    ap.add_argument("--ids", default="*", help="only the cases whose id matches this glob (e.g. 'digits-20-*')")
    ap.add_argument("--render", action="store_true", help="only rewrite docs/EVIDENCE.md from the JSON")
    args = ap.parse_args(argv)
    results: dict[str, Any] = json.loads(JSON_PATH.read_text()) if JSON_PATH.is_file() else {"rows": {}}
    if not args.render:
        groups = {g.strip() for g in args.only.split(",") if g.strip()}
        unknown = groups - set(GROUPS)
        if unknown:
            ap.error(f"unknown groups {sorted(unknown)}")
        args.work.mkdir(parents=True, exist_ok=True)
        skipped = [s for s in results.get("skipped", []) if not any(s.startswith(g) for g in groups)]
        if "tables" in groups and not tabular_cases(args.work):
            skipped.append("tables: multiaug.tabular is not installed")
        if "audio" in groups and shutil.which("espeak-ng") is None and not (args.work / "spoken").is_dir():
            skipped.append("audio: espeak-ng is not installed (apt-get install espeak-ng)")
        for case in cases(args.work, groups):
            if not fnmatch.fnmatch(case["id"], args.ids):
                continue
            res = run_case(case, args.work)
            if res is None:
                continue
            for row in res["rows"]:
                results["rows"][row["id"]] = row
            results["machine"] = machine()
            results["skipped"] = skipped
            JSON_PATH.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
            MD_PATH.write_text(render(results), encoding="utf-8")
        results["skipped"] = skipped
        JSON_PATH.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    MD_PATH.write_text(render(results), encoding="utf-8")
    print(f"wrote {MD_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
