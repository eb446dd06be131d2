"""Tables: does a merge (``multiaug merge``) or synthetic balancing (``smote`` / ``jitter`` / ``category_swap``) help?

The same A/B as for media: repeated stratified group k-fold over the rows of the *primary* table (grouped by the
key column, so one customer never straddles folds), a proxy fitted per fold on the baseline and on the augmented
training data, scored on the same held-out primary rows.

* ``supplementary`` with ``how="append"``: augmented = the training rows + the supplementary rows aligned by
  :func:`multiaug.tabular.merge` (both arms see the merged columns). Supplementary rows whose key is a test row's
  key are dropped in that fold (counted in the report); :func:`check_rows` fails loudly if one would remain.
* ``supplementary`` with ``how="primary"``/``"both"``: same rows, augmented = the merged columns (baseline = the
  primary's columns).
* ``synthetic="smote"`` (or another tabular registry augmentation): in each fold the augmentation balances the
  *training* rows only (the test rows never seed a synthetic row).

Proxy (``model="auto"``): scikit-learn's HistGradientBoostingClassifier (categorical columns ordinal-encoded and
declared categorical; text columns that are ≥ 90 % numbers become numbers; ID-like columns — more than half of the
values distinct — are left out).
"""

from __future__ import annotations

import os
import time
import warnings
from collections import Counter
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError
from ..core.registry import get_entry
from ..core.seeds import derive_seed
from . import stats
from .api import _int, prepare_out
from .report import EvaluationReport, task_line
from .splits import LeakageError, stratified_group_folds
from .task import aggregate


def check_rows(train_keys: set[Any], test_keys: set[Any], where: str) -> None:
    """Raise :class:`LeakageError` if a training row (original, merged or synthetic) has a test row's key."""
    both = sorted(str(k) for k in train_keys & test_keys)
    if both:
        raise LeakageError(f"evaluate: {where}: {len(both)} training rows share a key with the test fold "
                           f"(e.g. {both[:3]})")


def prepare_columns(frame: Any, target: str, drop: set[str]) -> tuple[Any, list[str], list[str]]:
    """(model frame, categorical columns, left-out ID-like columns) of ``frame`` without ``target`` and ``drop``."""
    import pandas as pd  # lazy: pandas is only needed for tables

    cols = [c for c in frame.columns if c != target and c not in drop]
    out = pd.DataFrame(index=frame.index)
    cats, ids = [], []
    for c in cols:
        s = frame[c]
        if s.dtype.kind in "biuf":
            out[c] = s.astype(float)
            continue
        num = pd.to_numeric(s, errors="coerce")
        if num.notna().sum() >= 0.9 * s.notna().sum() and s.notna().any():
            out[c] = num.astype(float)
        elif s.nunique() > 0.5 * len(s):
            ids.append(c)
        else:
            out[c] = s.astype("string").fillna("<NA>").astype(str)
            cats.append(c)
    return out, cats, ids


def conform(frame: Any, cols: list[str], categorical: list[str]) -> Any:
    """``frame``'s ``cols`` typed like :func:`prepare_columns` typed the training data (missing columns → NaN)."""
    import pandas as pd  # lazy: pandas is slow to import; only table proxies need it

    out = pd.DataFrame(index=frame.index)
    for c in cols:
        s = frame[c] if c in frame.columns else pd.Series(np.nan, index=frame.index)
        if c in categorical:
            out[c] = s.astype("string").fillna("<NA>").astype(str)
        else:
            out[c] = pd.to_numeric(s, errors="coerce").astype(float)
    return out


def table_proxy(categorical: list[str], columns: list[str], seed: int) -> Any:
    """HistGradientBoosting with the categorical columns ordinal-encoded (unknown categories → missing)."""
    from sklearn.compose import ColumnTransformer  # lazy: scikit-learn is slow to import; only proxy fits need it
    from sklearn.ensemble import (
        HistGradientBoostingClassifier,  # lazy: scikit-learn is slow to import; only proxy fits need it
    )
    from sklearn.pipeline import Pipeline  # lazy: scikit-learn is slow to import; only proxy fits need it
    from sklearn.preprocessing import OrdinalEncoder  # lazy: scikit-learn is slow to import; only proxy fits need it

    numeric = [c for c in columns if c not in categorical]
    enc = ColumnTransformer([("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan),
                              categorical), ("num", "passthrough", numeric)])
    mask = [True] * len(categorical) + [False] * len(numeric)
    return Pipeline([("enc", enc), ("hgb", HistGradientBoostingClassifier(categorical_features=mask,
                                                                          random_state=seed))])


def evaluate_table(primary: Any, *, target: str, supplementary: Any = None, on: str | None = None,
                   how: str = "append", synthetic: str | None = None, folds: int = 5, repeats: int = 3,
                   seed: int = 0, out: str | os.PathLike[str] | None = None, overwrite: bool = False,
                   primary_metric: str = "accuracy", confidence: float = 0.95,
                   merge_options: dict[str, Any] | None = None) -> EvaluationReport:
    """A/B of a table before vs after a merge, or without vs with synthetic balancing (see the module docstring).

    Args:
        primary: the primary table (path or DataFrame); its rows are the test items.
        target: the class column.
        supplementary: the table to merge in (path or DataFrame); exclusive with ``synthetic``.
        on: the key column (groups the folds; the merge key). Without it each row is its own group.
        how: the merge's ``how`` (``append``, ``primary`` or ``both``).
        synthetic: a tabular augmentation name (``smote``, ``jitter``, ``category_swap``) applied to each training
            fold with ``label=target``.
        folds, repeats, seed, out, overwrite, primary_metric, confidence: as for :func:`multiaug.evaluate`.
        merge_options: extra keyword arguments of :func:`multiaug.tabular.merge`.
    """
    import multiaug.tabular as tab  # lazy: pandas, DuckDB and the table libraries load only for tables

    t_start = time.perf_counter()
    _int("folds", folds, 2)
    _int("repeats", repeats, 1)
    _int("seed", seed, 0)
    if (supplementary is None) == (synthetic is None):
        raise InvalidParameterError("evaluate: give exactly one of 'supplementary' and 'synthetic'",
                                    argument="supplementary")
    if how not in ("append", "primary", "both"):
        raise InvalidParameterError(f"evaluate: argument 'how' must be append, primary or both, got {how!r}",
                                    argument="how")
    out_dir = prepare_out(out, overwrite) if out is not None else None
    frame = tab.read_table(primary) if isinstance(primary, (str, os.PathLike)) else primary.reset_index(drop=True)
    if target not in frame.columns:
        raise InvalidParameterError(f"evaluate: target column {target!r} is not in the primary table "
                                    f"({', '.join(map(str, frame.columns))})", argument="target")
    if on is not None and on not in frame.columns:
        raise InvalidParameterError(f"evaluate: key column {on!r} is not in the primary table", argument="on")
    labels = frame[target].astype(str).tolist()
    keys = frame[on].astype(str).tolist() if on is not None else [f"row{i}" for i in range(len(frame))]
    plan: dict[str, Any] = {"kind": "merge" if supplementary is not None else "synthetic", "how": how, "on": on,
                            "synthetic": synthetic, "pipelines": {}}
    extra = None
    base_cols = aug_cols = None
    drop = {on} if on is not None else set()
    if supplementary is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # leaking rows are dropped per fold below
            res = tab.merge(frame, supplementary, on=on, how=how, source_names=("primary", "supplementary"),
                            **(merge_options or {}))
        merged = res.frame
        src = merged["source"] if "source" in merged.columns else None
        drop |= {"source"}
        plan["merge_rows"] = res.report.get("rows")
        if how == "append":
            base = merged[src == "primary"].reset_index(drop=True)
            extra = merged[src == "supplementary"].reset_index(drop=True)
            extra = extra[extra[target].notna()].reset_index(drop=True)
        else:
            base = merged.reset_index(drop=True)
            base_cols = [c for c in frame.columns]
        if len(base) != len(frame):
            raise InvalidParameterError(f"evaluate: the merge changed the primary's row count ({len(frame)} → "
                                        f"{len(base)}); evaluate needs one row per primary row", argument="how")
    else:
        base = frame
    model_frame, cats, ids = prepare_columns(base if extra is None else _concat(base, extra), target, drop)
    x_all = model_frame.iloc[: len(base)]
    x_extra = model_frame.iloc[len(base):].reset_index(drop=True) if extra is not None else None
    if base_cols is not None:
        aug_cols = list(x_all.columns)
        base_cols = [c for c in aug_cols if c in set(base_cols)]
    else:
        base_cols = aug_cols = list(x_all.columns)
    y = np.asarray(labels, dtype=str)
    y_extra = extra[target].astype(str).to_numpy() if extra is not None else None
    classes = sorted(set(labels))
    splits = stratified_group_folds(labels, keys, folds, repeats, seed)
    rows, ratios, excluded, n_aug = [], [], [], []
    t_fit = time.perf_counter()
    for sp in splits:
        test_keys = {keys[i] for i in sp.test}
        train_keys = {keys[i] for i in sp.train}
        check_rows(train_keys, test_keys, f"repeat {sp.repeat}, fold {sp.fold}")
        fold_seed = derive_seed(seed, "evaluate-model", sp.repeat, sp.fold) % 2**32
        ratios.append(len(sp.test) / len(sp.train))
        for arm in ("baseline", "augmented"):
            cols = base_cols if arm == "baseline" else aug_cols
            xt, yt = x_all.iloc[sp.train][cols], y[sp.train]
            if arm == "augmented" and x_extra is not None:
                ek = extra[on].astype(str).to_numpy() if on is not None else np.array([], dtype=str)
                keep = ~np.isin(ek, list(test_keys)) if on is not None else np.ones(len(x_extra), bool)
                excluded.append(int((~keep).sum()))
                check_rows(set(ek[keep]), test_keys, f"repeat {sp.repeat}, fold {sp.fold} (merged rows)")
                xt = _concat(xt, x_extra[cols][keep])
                yt = np.concatenate([yt, y_extra[keep]])
            elif arm == "augmented" and synthetic is not None:
                xt, yt = _synthetic(tab, synthetic, base.iloc[sp.train], target, drop, cols, cats, x_all, sp.train,
                                    derive_seed(seed, "evaluate-synthetic", sp.repeat, sp.fold), test_keys, on)
            if arm == "augmented":
                n_aug.append(len(xt) - len(sp.train))
            used = [c for c in cols if c in cats or xt[c].notna().any()]  # an all-missing column cannot be binned
            est = table_proxy([c for c in cats if c in used], used, fold_seed)
            est.fit(xt[used], yt)
            pred = list(est.predict(x_all.iloc[sp.test][used]))
            rows.append({"modality": "tabular", "repeat": sp.repeat, "fold": sp.fold, "arm": arm,
                         "test_set": "clean", "n_train": len(xt), "n_test": len(sp.test),
                         **stats.fold_metrics(list(y[sp.test]), pred, classes)})
    ratio = float(np.mean(ratios))
    task: dict[str, Any] = {
        "modality": "tabular", "model": "auto:tabular", "notes": [],
        "model_description": "HistGradientBoosting (categorical columns ordinal-encoded)",
        "classes": classes, "dropped_classes": [], "n_originals": len(frame), "folds": folds, "repeats": repeats,
        "n_augmented": int(round(float(np.mean(n_aug)))) if n_aug else 0,
        "originals_per_class": dict(sorted(Counter(labels).items())),
        "augmented_per_class": dict(sorted(Counter(y_extra.tolist()).items())) if y_extra is not None else {},
        "columns": {"baseline": base_cols, "augmented": aug_cols, "categorical": cats, "left_out_id_like": ids},
        "test_train_ratio": round(ratio, 6)}
    if ids:
        task["notes"].append(f"ID-like columns left out of the model: {', '.join(ids)}")
    if excluded and max(excluded):
        task["notes"].append(f"merged rows sharing a key with the test fold were dropped from training: "
                             f"{min(excluded)}–{max(excluded)} per fold")
    if synthetic is not None:
        task["notes"].append(f"n_augmented = mean synthetic rows per training fold ({synthetic})")
    task.update(aggregate(rows, classes, ratio, confidence, False))
    task["verdict"] = stats.verdict(task["difference"]["clean"][primary_metric])
    task["effect"] = task["difference"]["clean"][primary_metric]
    data = {"multiaug_evaluate": 1, "dataset": str(primary) if isinstance(primary, (str, os.PathLike)) else "frame",
            "seed": seed, "folds": folds, "repeats": repeats, "model": "auto", "primary": primary_metric,
            "confidence": confidence, "robustness_level": None, "suite": None, "plan": plan, "skipped": [],
            "tasks": [task], "verdict": task_line(task, primary_metric, confidence),
            "timing": {"fit_predict": round(time.perf_counter() - t_fit, 3),
                       "total": round(time.perf_counter() - t_start, 3)}}
    report = EvaluationReport(data, rows, [])
    if out_dir is not None:
        report.save(out_dir)
    return report


def _concat(a: Any, b: Any) -> Any:
    import pandas as pd  # lazy: pandas is slow to import; only table proxies need it

    return pd.concat([a, b], ignore_index=True)


def _synthetic(tab: Any, name: str, train: Any, target: str, drop: set[str], cols: list[str], cats: list[str],
               x_all: Any, train_idx: Any, seed: int, test_keys: set[str], on: str | None) -> tuple[Any, np.ndarray]:
    """The training fold balanced by the tabular augmentation ``name`` (only training rows seed it)."""

    fn = get_entry(name, "tabular").public
    grown = fn(train.drop(columns=[c for c in drop if c in train.columns]).reset_index(drop=True), label=target,
               seed=seed)
    tag = "synthetic"
    new = grown[grown[tag].astype(bool)] if tag in grown.columns else grown.iloc[len(train):]
    if on is not None and on in new.columns:
        check_rows(set(new[on].astype(str)), test_keys, "synthetic rows")
    x_new = conform(new, cols, cats)
    xt = _concat(x_all.iloc[train_idx][cols], x_new)
    return xt, np.concatenate([train[target].astype(str).to_numpy(), new[target].astype(str).to_numpy()])


__all__ = ["check_rows", "conform", "evaluate_table", "prepare_columns", "table_proxy"]
