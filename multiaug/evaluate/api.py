"""``multiaug.evaluate``: does an augmentation plan help a model? A proxy-model A/B without leakage.

::

    import multiaug
    report = multiaug.evaluate("assets/datasets/pets", "medium", copies=5, folds=5, repeats=3, seed=0, out="ev/")
    print(report.verdict)      # "image: no measurable effect: accuracy 0.800 → 0.833 (+3.3 points, 95% CI ...)"
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, MediaReadError
from ..data.manifest import load_items
from .expansion import check_lines, check_originals, content_groups, is_expansion, obtain, originals_of
from .perturb import level_index, resolve_suite
from .proxies import get_proxy
from .report import EvaluationReport, task_line
from .task import run_task

EVALUATE_VERSION = 1
PRIMARY = ("accuracy", "macro_f1")


def _int(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidParameterError(f"evaluate: argument '{name}' must be an int >= {low}, got {value!r}",
                                    argument=name)
    return value


def prepare_out(out: str | os.PathLike[str], overwrite: bool) -> Path:
    """Create ``out`` (or check it) before any work; refuse a non-empty folder that is not an earlier evaluation
    (or any non-empty folder without ``overwrite``) and a folder that cannot be written."""
    d = Path(out)
    if d.exists() and not d.is_dir():
        raise InvalidParameterError(f"evaluate: argument 'out': '{d}' exists and is not a folder", argument="out")
    if d.is_dir() and any(d.iterdir()):
        if not overwrite:
            raise InvalidParameterError(f"evaluate: output folder '{d}' is not empty; pass --overwrite to replace an "
                                        "earlier evaluation, or choose another folder", argument="out")
        if not (d / "report.json").is_file() and not (d / "augmented" / "run.json").is_file():
            raise InvalidParameterError(f"evaluate: --overwrite: '{d}' is not an evaluation output; refusing to "
                                        "delete it", argument="out")
        shutil.rmtree(d)
    try:
        d.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise InvalidParameterError(f"evaluate: argument 'out': cannot write to '{d}': {exc.strerror or exc}",
                                    argument="out") from None
    return d


def evaluate(
    dataset: str | os.PathLike[str],
    plan: Any = None,
    *,
    copies: int | None = None,
    balance_to: int | None = None,
    model: Any = "auto",
    folds: int = 5,
    repeats: int = 3,
    seed: int = 0,
    out: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    suite: Any = "auto",
    robustness_level: str | int = "middle",
    primary: str = "accuracy",
    confidence: float = 0.95,
    workers: int = 1,
    dedup: Any = None,
    validation: Any = None,
    manifest_options: dict[str, Any] | None = None,
    quiet: bool = True,
) -> EvaluationReport:
    """Train a proxy model on the originals and on originals + augmented copies, on the same folds, and compare.

    Args:
        dataset: the originals: a folder with one sub-folder per class, or a CSV/JSONL manifest (as for expand);
            or the output folder of ``multiaug expand`` (its originals and its copies are evaluated; no plan).
        plan: a preset name (``light``, ``medium``, ``heavy``, ``moderation``; default ``medium``), a pipeline
            (document, transform, JSON path, or ``{"image": ..., "text": ...}``), or the folder of an earlier
            ``multiaug expand`` run of ``dataset`` (its copies are used as they are).
        copies: augmented copies per original (default 5). Exclusive with ``balance_to``.
        balance_to: expand every class below this size up to it instead.
        model: ``"auto"`` (a proxy per modality, see :mod:`multiaug.evaluate.proxies`), ``"module:function"`` or
            a callable returning an object with ``fit(items, labels)`` / ``predict(items)``.
        folds: k of the stratified group k-fold (>= 2; lowered to the smallest class's size, with a note).
        repeats: reshuffled k-fold rounds (>= 1).
        seed: seed of the expansion, the folds, the models and the perturbations (int >= 0).
        out: folder for report.json, results.csv, report.html, perturbed.jsonl and the expansion (``augmented/``);
            ``None`` keeps the expansion in a temporary folder and writes nothing.
        overwrite: replace an earlier evaluation in ``out``.
        suite: robustness suite for the perturbed test set: ``"auto"`` (the ``moderation-<modality>`` preset),
            a preset name, a JSON path, a dict, or ``None`` for no robustness score.
        robustness_level: severity of the one edit per test item: ``mild``, ``middle``, ``severe`` or a level
            index.
        primary: metric of the verdict: ``accuracy`` or ``macro_f1``.
        confidence: interval coverage, in (0.5, 1).
        workers: worker processes of the expansion.
        dedup, validation: near-duplicate and validation settings of the expansion (see ``expand``).
        manifest_options: column names of a manifest dataset (see ``expand``).
        quiet: no progress output from the expansion.

    Returns:
        an :class:`~multiaug.evaluate.report.EvaluationReport`; ``report.verdict`` is the one-line answer.

    Raises:
        LeakageError: the dataset or the expansion would put a copy of a test item into training.
        InvalidParameterError: bad arguments, an unwritable ``out``.
    """
    t_start = time.perf_counter()
    _int("folds", folds, 2)
    _int("repeats", repeats, 1)
    _int("seed", seed, 0)
    _int("workers", workers, 1)
    if copies is not None and balance_to is not None:
        raise InvalidParameterError("evaluate: give at most one of 'copies' and 'balance_to'", argument="copies")
    if copies is not None:
        _int("copies", copies, 1)
    if balance_to is not None:
        _int("balance_to", balance_to, 1)
    if primary not in PRIMARY:
        raise InvalidParameterError(f"evaluate: argument 'primary' must be one of {PRIMARY}, got {primary!r}",
                                    argument="primary")
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0.5 < confidence < 1:
        raise InvalidParameterError(f"evaluate: argument 'confidence' must be in (0.5, 1), got {confidence!r}",
                                    argument="confidence")
    level_index(robustness_level, 3)  # validates the name early
    src = Path(dataset)
    if not src.exists():
        raise MediaReadError(f"evaluate: argument 'dataset': no such folder or manifest: '{src}'")
    out_dir = prepare_out(out, overwrite) if out is not None else None
    if is_expansion(src):  # the output of `multiaug expand`: its originals, evaluated with its own copies
        if plan is not None:
            raise InvalidParameterError(f"evaluate: '{src}' is an expansion output, evaluated with its own copies; "
                                        "give no plan (or evaluate its input with this plan)", argument="plan")
        items, skipped, plan = originals_of(src), [], src
    else:
        items, skipped = load_items(src, **(manifest_options or {}))
        check_originals(items)
    if not items:
        raise MediaReadError(f"evaluate: no usable items found in '{src}'")
    groups = content_groups(items)
    modalities = sorted({it.modality for it in items})
    proxies = {m: get_proxy(model, m) for m in modalities}
    suites = {m: resolve_suite(suite, m) for m in modalities}
    tmp = None
    if out_dir is not None:
        aug_dir = out_dir / "augmented"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="multiaug-evaluate-")
        aug_dir = Path(tmp.name) / "augmented"
    try:
        t0 = time.perf_counter()
        folder, lines, plan_info = obtain(src, plan, aug_dir, copies=copies, balance_to=balance_to, seed=seed,
                                          workers=workers, dedup=dedup, validation=validation,
                                          manifest_options=manifest_options, quiet=quiet)
        t_expand = time.perf_counter() - t0
        check_lines(lines, items)
        tasks, rows, perturbed = [], [], []
        for m in modalities:
            task, r, p = run_task(m, [it for it in items if it.modality == m], lines, folder, groups, proxies[m],
                                  suites[m], robustness_level, folds, repeats, seed, primary, confidence)
            tasks.append(task)
            rows += r
            perturbed += [{"modality": m, **x} for x in p]
    finally:
        if tmp is not None:
            tmp.cleanup()
    plan_info.pop("seconds", None)  # run time of expand's workers; "expand" in timing has the whole call
    if plan_info["kind"] != "expansion":
        plan_info["folder"] = "augmented" if out_dir is not None else None
    timing = {"expand": round(t_expand, 3)}
    for t in tasks:
        timing.update({f"{t['modality']}_{k}": v for k, v in t.pop("timing", {}).items()})
    timing["total"] = round(time.perf_counter() - t_start, 3)
    data = {
        "multiaug_evaluate": EVALUATE_VERSION, "dataset": str(dataset), "seed": seed, "folds": folds,
        "repeats": repeats, "model": model if isinstance(model, str) else getattr(model, "__qualname__", "callable"),
        "primary": primary, "confidence": confidence, "robustness_level": robustness_level,
        "suite": suite if isinstance(suite, (str, type(None))) else "custom",
        "plan": plan_info, "skipped": skipped, "tasks": tasks,
        "verdict": "; ".join(task_line(t, primary, confidence) for t in tasks),
        "timing": timing,
    }
    report = EvaluationReport(json.loads(json.dumps(data, ensure_ascii=False)), rows, perturbed)
    if out_dir is not None:
        report.save(out_dir)
    return report


__all__ = ["EVALUATE_VERSION", "evaluate", "prepare_out"]
