"""One evaluation task (the items of one modality): features, folds, the two arms, and the aggregated scores."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..core.seeds import derive_seed
from ..data.manifest import Item
from ..data.worker import load_source
from . import stats
from .expansion import copy_item
from .perturb import perturb
from .proxies import Proxy
from .splits import check_fold, max_folds, stratified_group_folds

ARMS = ("baseline", "augmented")


def system_form(item: Item) -> Any:
    """The media of an item as proxies and suites take it: PIL image, ``str`` or ``(samples, sample_rate)``."""

    media, call = load_source(item)
    if item.modality == "audio":
        return media, int(call["sample_rate"])
    return media


def _take(proxy: Proxy, rows: list[Any], idx: Any) -> Any:
    return proxy.inputs([rows[i] for i in idx])


def run_task(modality: str, items: list[Item], lines: list[dict[str, Any]], aug_root: Path, groups: dict[str, str],
             proxy: Proxy, suite: Any, level: str | int, folds: int, repeats: int, seed: int, primary: str,
             confidence: float) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Evaluate one modality: (task summary, results.csv rows, perturbed-copy records)."""
    timing: dict[str, float] = {}
    t0 = time.perf_counter()
    task: dict[str, Any] = {"modality": modality, "model": proxy.name, "model_description": proxy.description,
                            "notes": []}
    group_count = Counter(lab for lab, _ in {(it.label, groups[it.key]) for it in items})
    kept = sorted(c for c, n in group_count.items() if n >= 2)
    dropped = sorted(set(it.label for it in items) - set(kept))
    if dropped:
        task["notes"].append(f"classes with fewer than 2 distinct items cannot be both trained and tested and are "
                             f"left out: {', '.join(dropped)}")
    items = [it for it in items if it.label in kept]
    task.update({"classes": kept, "dropped_classes": dropped, "n_originals": len(items)})
    if len(kept) < 2:
        task.update({"skipped": "fewer than 2 classes with at least 2 distinct items", "verdict": None})
        return task, [], []
    keys = [it.key for it in items]
    labels = [it.label for it in items]
    gids = [groups[k] for k in keys]
    k = min(folds, max_folds(labels, gids))
    if k < folds:
        task["notes"].append(f"{k} folds instead of {folds}: the smallest class has {k} distinct items")
    task.update({"folds": k, "repeats": repeats})
    key_index = {key: i for i, key in enumerate(keys)}
    mine = [ln for ln in lines if ln["key"] in key_index]
    medias = [system_form(it) for it in items]
    timing["load_originals"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    x_orig = [proxy.featurize(m) for m in medias]
    aug_items = [copy_item(ln, aug_root) for ln in mine]
    x_aug = [proxy.featurize(system_form(it)) for it in aug_items]
    aug_src = [ln["key"] for ln in mine]
    aug_labels = [ln["label"] for ln in mine]
    timing["features"] = time.perf_counter() - t1
    task["n_augmented"] = len(mine)
    task["augmented_per_class"] = dict(sorted(Counter(aug_labels).items()))
    task["originals_per_class"] = dict(sorted(Counter(labels).items()))
    records: list[dict[str, Any]] = []
    x_pert: list[Any] = [None] * len(items)
    t2 = time.perf_counter()
    if suite is not None:
        pert, records = perturb(medias, keys, modality, suite, level, seed)
        x_pert = [None if m is None else proxy.featurize(m) for m in pert]
        task["robustness"] = {"suite": suite.name, "level": level, "skipped_transforms": list(suite.skipped),
                              "transforms": dict(sorted(Counter(r["transform"] for r in records).items())),
                              "errors": sum(1 for r in records if "error" in r)}
    timing["perturb"] = time.perf_counter() - t2
    del medias
    t3 = time.perf_counter()
    splits = stratified_group_folds(labels, gids, k, repeats, seed)
    key_group = {key: groups[key] for key in keys}
    y = np.asarray(labels, dtype=str)
    rows: list[dict[str, Any]] = []
    ratios = []
    for sp in splits:
        train_set = set(sp.train.tolist())
        aug_idx = [j for j, s in enumerate(aug_src) if key_index[s] in train_set]
        check_fold(sp, gids, keys, [aug_src[j] for j in aug_idx], key_group)
        ratios.append(len(sp.test) / len(sp.train))
        fold_seed = derive_seed(seed, "evaluate-model", sp.repeat, sp.fold) % 2**32  # scikit-learn takes 32 bits
        pert_idx = [i for i in sp.test if x_pert[i] is not None]
        for arm in ARMS:
            est = proxy.make(fold_seed)
            train_rows = [x_orig[i] for i in sp.train]
            train_y = list(y[sp.train])
            if arm == "augmented":
                train_rows += [x_aug[j] for j in aug_idx]
                train_y += [aug_labels[j] for j in aug_idx]
            est.fit(proxy.inputs(train_rows), np.asarray(train_y, dtype=str))
            for test_set, idx, xs in (("clean", sp.test, x_orig), ("perturbed", pert_idx, x_pert)):
                if test_set == "perturbed" and suite is None:
                    continue
                pred = list(est.predict(_take(proxy, xs, idx))) if len(idx) else []
                m = stats.fold_metrics(list(y[idx]), pred, kept)
                rows.append({"modality": modality, "repeat": sp.repeat, "fold": sp.fold, "arm": arm,
                             "test_set": test_set, "n_train": len(train_rows), "n_test": len(idx), **m})
    timing["fit_predict"] = time.perf_counter() - t3
    ratio = float(np.mean(ratios))
    task["test_train_ratio"] = round(ratio, 6)
    task.update(aggregate(rows, kept, ratio, confidence, suite is not None))
    d = task["difference"]["clean"][primary]
    task["verdict"] = stats.verdict(d)
    task["effect"] = d
    task["timing"] = {k2: round(v, 3) for k2, v in timing.items()}
    return task, rows, records


def aggregate(rows: list[dict[str, Any]], classes: list[str], ratio: float, confidence: float,
               perturbed: bool) -> dict[str, Any]:
    sets = ("clean", "perturbed") if perturbed else ("clean",)
    metrics: dict[str, Any] = {}
    per: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for arm in ARMS:
        metrics[arm] = {}
        for s in sets:
            rs = [r for r in rows if r["arm"] == arm and r["test_set"] == s]
            rs.sort(key=lambda r: (r["repeat"], r["fold"]))
            per[(arm, s)] = rs
            metrics[arm][s] = {
                "accuracy": stats.interval([r["accuracy"] for r in rs], ratio, confidence),
                "macro_f1": stats.interval([r["macro_f1"] for r in rs], ratio, confidence),
                "recall": {c: stats.interval([r["recall"][c] for r in rs], ratio, confidence) for c in classes},
            }
    diff: dict[str, Any] = {}
    for s in sets:
        a, b = per[("baseline", s)], per[("augmented", s)]
        diff[s] = {m: stats.paired([r[m] for r in a], [r[m] for r in b], ratio, confidence)
                   for m in ("accuracy", "macro_f1")}
        diff[s]["recall"] = {c: stats.paired([r["recall"][c] for r in a], [r["recall"][c] for r in b], ratio,
                                             confidence) for c in classes}
    return {"metrics": metrics, "difference": diff}


__all__ = ["ARMS", "aggregate", "run_task", "system_form"]
