"""Run a suite against a system under test: predictions on originals once, then every (item, transform, level).

The seed of task (item, transform, level) is ``derive_seed(seed, item.key, transform, level_index)``, so results
depend only on the seed and the items' keys, never on the worker count or the order of processing. Workers are
forked processes (``multiprocessing`` "fork" context; threads where fork is unavailable): the system and the items
are inherited, not pickled, so lambdas and closures work as systems.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidParameterError, MediaReadError, UnsupportedInputError
from ..core.io import parse_rows
from ..core.registry import get_entry
from ..core.seeds import derive_seed
from ..core.tracker import Tracker, replay
from ..measures.viewing import WHITE, parse_background
from ..media.extensions import extensions_of
from ..media.io import read_audio, read_image, read_text
from .metrics import PRIMARY, measure, prepare
from .report import RobustnessReport, build_report
from .suites import Suite, get_suite
from .systems import Classifier, Matcher, SystemOutputError, load_system, same_label


# ------------------------------------------------------------------------------------------------ items
@dataclass
class RobustnessItem:
    """One input item: a stable ``key`` (seeds derive from it), an optional ``label`` and the media source.

    ``source`` is a path, or the media itself (PIL image / uint8 array, str, ``(samples, sample_rate)``).
    """

    key: str
    source: Any
    label: Any = None

    def load(self, modality: str) -> Any:
        """The media in the form systems receive (PIL image, str, ``(float32 samples, sample_rate)``)."""
        src = self.source
        if modality == "image":
            return read_image(src, "robustness", "data")
        if modality == "text":
            if isinstance(src, Path):
                return read_text(src, "robustness")
            if not isinstance(src, str):
                raise UnsupportedInputError(f"robustness: text item '{self.key}' must be a str, got "
                                            f"{type(src).__name__}")
            return src
        if isinstance(src, tuple) and len(src) == 2:
            return read_audio(src[0], "robustness", "data", src[1])
        return read_audio(src, "robustness", "data", None if isinstance(src, (str, os.PathLike)) else 44100)


def _dict_item(d: dict[str, Any], index: int, modality: str, base: Path | None) -> RobustnessItem:
    label = d.get("label")
    if label == "":
        label = None
    if d.get("path"):
        p = Path(d["path"])
        if base is not None and not p.is_absolute():
            p = base / p
        key = str(d.get("key") or d.get("id") or (p.relative_to(base).as_posix() if base and p.is_relative_to(base)
                                                  else p.name))
        src: Any = p if modality == "text" else str(p)
        return RobustnessItem(key, src, label)
    for field_name in ("media", "text", "image", "audio"):
        if field_name in d:
            media = d[field_name]
            if modality == "audio" and "sample_rate" in d:
                media = (media, int(d["sample_rate"]))
            return RobustnessItem(str(d.get("key") or d.get("id") or f"{index:06d}"), media, label)
    raise InvalidParameterError(f"robustness: data item {index} needs a 'path', 'media' or 'text' field",
                                argument="data")


def load_data(data: Any, modality: str, labels: Sequence[Any] | None = None) -> list[RobustnessItem]:
    """Items from a folder, a manifest (.csv / .jsonl), a text file (.txt: one item per line) or a Python list.

    Args:
        data: a folder (every media file below it, sorted; a file in a sub-folder gets the sub-folder's name as
            label), a ``.csv``/``.jsonl`` manifest (columns ``path`` or ``text``, optional ``label`` and ``id``;
            paths relative to the manifest), a ``.txt`` file (text suites: one item per non-empty line), or a
            list of media / dicts (``{"media"|"path"|"text": ..., "label": ..., "key": ...}``) / RobustnessItems.
        modality: the suite's modality.
        labels: optional labels aligned with a list ``data``.
    """
    if isinstance(data, (str, os.PathLike)) and not (modality == "text" and isinstance(data, str)
                                                      and not Path(data).exists()):
        items = _load_path(Path(data), modality)
    elif isinstance(data, (list, tuple)):
        items = []
        for i, d in enumerate(data):
            if isinstance(d, RobustnessItem):
                items.append(d)
            elif isinstance(d, dict):
                items.append(_dict_item(d, i, modality, None))
            else:
                items.append(RobustnessItem(f"{i:06d}", d, None))
    else:
        raise UnsupportedInputError(f"robustness: argument 'data' must be a folder, a manifest, a .txt file or a "
                                    f"list, got {type(data).__name__}")
    if labels is not None:
        if len(labels) != len(items):
            raise InvalidParameterError(f"robustness: {len(labels)} labels for {len(items)} items", argument="labels")
        items = [RobustnessItem(it.key, it.source, lab) for it, lab in zip(items, labels)]
    for it in items:  # labels go into report.json: numpy scalars become Python values
        if isinstance(it.label, np.generic):
            it.label = it.label.item()
        if it.label is not None and not isinstance(it.label, (str, int, float, bool)):
            raise UnsupportedInputError(f"robustness: label of item '{it.key}' must be a str, int, float or bool, "
                                        f"got {type(it.label).__name__}")
    if not items:
        raise InvalidParameterError("robustness: argument 'data' holds no items", argument="data")
    keys = [it.key for it in items]
    if len(set(keys)) != len(keys):
        dup = sorted({k for k in keys if keys.count(k) > 1})[:5]
        raise InvalidParameterError(f"robustness: duplicate item keys {dup}; keys must be unique", argument="data")
    return items


def _load_path(p: Path, modality: str) -> list[RobustnessItem]:
    if p.is_dir():
        exts = extensions_of(modality)
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in exts
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        items = []
        for f in files:
            rel = f.relative_to(p)
            label = rel.parts[0] if len(rel.parts) > 1 else None
            items.append(RobustnessItem(rel.as_posix(), f if modality == "text" else str(f), label))
        return items
    if not p.is_file():
        raise MediaReadError(f"robustness: argument 'data': no such folder or file: '{p}'")
    suffix = p.suffix.lower()
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MediaReadError(f"robustness: cannot read '{p}': {exc}") from None
    if suffix == ".txt":
        if modality != "text":
            raise UnsupportedInputError(f"robustness: a .txt input holds text items, but the suite is {modality}")
        return [RobustnessItem(f"line{n + 1:06d}", line, None) for n, line in enumerate(raw.splitlines())
                if line.strip()]
    rows = parse_rows(raw, suffix, f"robustness: '{p}'")
    if rows is None:
        raise UnsupportedInputError(f"robustness: input file must be a folder, .csv, .jsonl or .txt, got '{p.name}'")
    return [_dict_item(r, i, modality, p.parent) for i, r in enumerate(rows)]


# ------------------------------------------------------------------------------------------------ the job
@dataclass
class _Job:
    items: list[RobustnessItem]
    system: Classifier | Matcher
    suite: Suite
    seed: int
    tasks: list[tuple[int, int, int]]
    original: list[Any]
    background: tuple[int, int, int] = WHITE


_JOB: _Job | None = None
_CACHE: dict[Any, Any] = {}


def _job() -> _Job:
    if _JOB is None:
        raise RuntimeError("robustness: no run in progress")
    return _JOB


def _media(ii: int) -> Any:
    if ii not in _CACHE:
        _CACHE.clear()
        job = _job()
        _CACHE[ii] = job.items[ii].load(job.suite.modality)
    return _CACHE[ii]


def _prepared(ii: int) -> dict[str, Any]:
    """The measures' per-original precomputation, cached next to the media (same item-major order)."""
    key = ("prepared", ii)
    if key not in _CACHE:
        _CACHE[key] = prepare(_job().suite.modality, _media(ii), _job().background)
    return _CACHE[key]


def _short_exc(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _original_task(ii: int) -> tuple[str, Any]:
    job = _job()
    try:
        media = _media(ii)
    except Exception as exc:  # unreadable item: reported, the run continues
        return "error", f"load: {_short_exc(exc)}"
    try:
        return "ok", job.system(media)
    except SystemOutputError as exc:
        return "fatal", str(exc)
    except Exception as exc:  # the system failed on this item: reported, the run continues
        return "error", f"system: {_short_exc(exc)}"


def apply_level(modality: str, name: str, params: dict[str, Any], media: Any, seed: int,
                tracker: list[Any] | None = None) -> Any:
    """Apply one suite level to ``media`` (system form) and return the augmented media in the same form."""

    entry = get_entry(name, modality)
    kwargs = dict(params)
    if entry.random:
        kwargs["seed"] = seed
    fn = entry.public
    if fn is None:
        raise InvalidParameterError(f"robustness: augmentation '{name}' has no public function", argument="suite")
    if modality == "audio":
        audio, sr = media
        out, out_sr = fn(audio, sample_rate=sr, metadata=tracker, **kwargs)
        return out, int(out_sr)
    out = fn(media, metadata=tracker, **kwargs)
    if modality == "text" and isinstance(out, list):
        out = out[0] if len(out) == 1 else " ".join(out)
    return out


def _augment_task(ti_task: int) -> tuple[str, dict[str, Any]]:
    job = _job()
    ii, ti, li = job.tasks[ti_task]
    item = job.items[ii]
    t = job.suite.transforms[ti]
    lv = t.levels[li]
    seed = derive_seed(job.seed, item.key, t.name, li)
    # levels are numbered from 1 everywhere a person reads them (report.json, results.csv, HTML, CLI)
    row: dict[str, Any] = {"key": item.key, "label": item.label, "transform": t.name, "level": li + 1,
                           "level_label": lv.label, "params": lv.params, "seed": seed}
    status, base = job.original[ii]
    if status != "ok":
        row["error"] = f"original: {base}"
        return "skip", row
    media = _media(ii)
    tracker = Tracker()
    try:
        aug = apply_level(job.suite.modality, t.name, lv.params, media, seed, tracker)
    except Exception as exc:
        row["error"] = f"augment: {_short_exc(exc)}"
        return "error", row
    rec = tracker[0]
    row["intensity"] = rec.get("intensity")
    row["record"] = rec
    try:
        measured = measure(job.suite.modality, media, aug, _prepared(ii), job.background)
        row["measured"] = {k: _r(v) for k, v in measured.items()}
    except Exception as exc:  # a measure that cannot be computed is reported, not fatal
        row["measured"] = {}
        row["measure_error"] = _short_exc(exc)
    try:
        out = job.system(aug)
        if isinstance(job.system, Matcher):
            dist = job.system.compare(base, out)
    except SystemOutputError as exc:
        return "fatal", {"message": str(exc)}
    except Exception as exc:
        row["error"] = f"system: {_short_exc(exc)}"
        return "error", row
    if isinstance(job.system, Classifier):
        row["original_decision"], row["original_score"] = base["decision"], _r(base["score"])
        row["decision"], row["score"] = out["decision"], _r(out["score"])
        row["changed"] = out["decision"] != base["decision"]
        if item.label is not None:
            row["correct"] = same_label(out["decision"], item.label)
    else:
        row["distance"] = _r(dist)
        row["matched"] = bool(dist <= job.system.threshold)
    return "ok", row


def _r(v: Any) -> Any:
    if v is None:
        return None
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return round(v, 6)


def _map(fn: Callable[[int], Any], n: int, workers: int, chunksize: int) -> list[Any]:
    if workers <= 1 or n <= 1:
        return [fn(i) for i in range(n)]
    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(processes=min(workers, n)) as pool:
            return list(pool.imap(fn, range(n), chunksize=max(1, chunksize)))
    with ThreadPoolExecutor(max_workers=workers) as ex:  # pragma: no cover - platforms without fork
        return list(ex.map(fn, range(n)))


# ------------------------------------------------------------------------------------------------ run
def run_robustness(
    data: Any,
    system: Any,
    suite: Any,
    *,
    kind: str | None = None,
    seed: int = 0,
    workers: int = 1,
    labels: Sequence[Any] | None = None,
    threshold: float | None = None,
    skip_missing: bool = False,
    examples_per_transform: int = 2,
    background: Any = WHITE,
    out: str | os.PathLike[str] | None = None,
) -> RobustnessReport:
    """Evaluate how a classifier or matcher survives a suite of augmentations.

    Args:
        data: folder, manifest (.csv/.jsonl), .txt file (text) or a list of items (see :func:`load_data`).
        system: classifier or matcher (object, callable or ``"module:function"``; see :func:`load_system`).
        suite: preset name, JSON path, dict or :class:`Suite`.
        kind: "classifier" or "matcher" (required for plain callables).
        seed: run seed (int >= 0); each task's seed derives from it and the item's key.
        workers: worker processes (1 = in this process; 0 = one per CPU).
        labels: labels aligned with a list ``data`` (classifier accuracy).
        threshold: classifier score threshold or matcher distance threshold (overrides the system's).
        skip_missing: skip suite transforms that are not registered instead of raising.
        examples_per_transform: worst cases kept per transform (0–20), replayed from their records.
        background: images: the colour transparent images are composited onto before the measures compare them
            and in the report's thumbnails (a colour name, ``"#rrggbb"`` or ``(r, g, b)``; default white). The
            built-in image adapters composite onto white too; ``adapters.phash_matcher(background=...)`` builds one
            for another colour. Systems of your own receive the image as read, alpha included.
        out: if given, write report.json, results.csv and report.html there.

    Returns:
        a :class:`~multiaug.robustness.report.RobustnessReport`.
    """
    global _JOB
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidParameterError(f"robustness: argument 'seed' must be an int >= 0, got {seed!r}", argument="seed")
    if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)) or workers < 0:
        raise InvalidParameterError(f"robustness: argument 'workers' must be an int >= 0, got {workers!r}",
                                    argument="workers")
    if not isinstance(examples_per_transform, int) or not 0 <= examples_per_transform <= 20:
        raise InvalidParameterError("robustness: argument 'examples_per_transform' must be an int in [0, 20], got "
                                    f"{examples_per_transform!r}", argument="examples_per_transform")
    workers = int(workers) or (os.cpu_count() or 1)
    bg = parse_background(background)
    sys_ = load_system(system, kind, threshold=threshold)
    resolved = get_suite(suite).resolved(skip_missing=skip_missing)
    items = load_data(data, resolved.modality, labels)
    tasks = [(ii, ti, li) for ii in range(len(items)) for ti, t in enumerate(resolved.transforms)
             for li in range(len(t.levels))]
    _JOB = _Job(items, sys_, resolved, int(seed), tasks, [], bg)
    _CACHE.clear()
    try:
        original = _map(_original_task, len(items), workers, max(1, len(items) // (4 * workers)))
        for status, payload in original:
            if status == "fatal":
                raise SystemOutputError(payload)
        _JOB.original = original
        per_item = len(tasks) // max(1, len(items))
        results = _map(_augment_task, len(tasks), workers, per_item)
        for status, payload in results:
            if status == "fatal":
                raise SystemOutputError(payload["message"])
        rows = [payload for _, payload in results]
        report = build_report(_JOB, rows, examples_per_transform)
        _attach_examples(report, _JOB)
    finally:
        _JOB = None
        _CACHE.clear()
    if out is not None:
        report.save(out)
    return report


def _attach_examples(report: RobustnessReport, job: _Job) -> None:
    """Replay each worst case from its record, check it gives the same output, and keep the media for display."""
    index = {it.key: i for i, it in enumerate(job.items)}
    modality = job.suite.modality
    for ex in report.examples:
        ii = index[ex["key"]]
        before = job.items[ii].load(modality)
        try:
            if modality == "audio":
                after = replay([ex["record"]], before[0], sample_rate=before[1])
                after = (after[0], int(after[1]))
            else:
                after = replay([ex["record"]], before)
                if modality == "text" and isinstance(after, list):
                    after = after[0]
            out = job.system(after)
            if isinstance(job.system, Classifier):
                same = out["decision"] == ex["decision"]
            else:
                same = _r(job.system.compare(job.original[ii][1], out)) == ex["distance"]
        except SystemOutputError:
            raise
        except Exception as exc:  # reported on the example; the report is still written
            ex["replay_verified"] = False
            ex["replay_error"] = _short_exc(exc)
            continue
        ex["replay_verified"] = bool(same)
        report.media[(ex["key"], ex["transform"], ex["level"])] = (before, after)


__all__ = ["PRIMARY", "RobustnessItem", "apply_level", "load_data", "run_robustness"]
