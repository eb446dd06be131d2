"""``multiaug expand``: grow a labelled dataset with augmented copies, reproducibly, in parallel.

::

    from multiaug.data import expand
    report = expand("assets/datasets/pets", "out/pets20", balance_to=20, preset="medium", seed=7, workers=2)

Output folder::

    out/pets20/<label>/<source name>__aug000.<ext>   augmented files, mirroring the class layout
    out/pets20/manifest.jsonl                         one line per output: source, label, output, bboxes, seed
                                                      material and the full tracker records (replays exactly)
    out/pets20/report.json                            counts per class before/after, rejections, throughput
    out/pets20/run.json                               the run's configuration (checked by --resume)

The output of (item, copy index) depends only on the seed, the pipeline/thresholds and the item's key (its path
relative to the input folder, or its manifest id): attempt *a* of copy *c* of item *k* is augmented with
``derive_seed(seed, k, c, a)``. Rejected attempts (validation failure or near-duplicate of the source or of an
earlier copy of the same item) are redrawn with the next attempt's seed, up to ``max_attempts``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.errors import InvalidParameterError, MediaReadError, MultiaugError
from ..core.io import atomic_write_bytes, read_jsonl
from ..core.pipeline import BaseTransform, load_pipeline, pipeline_to_dict
from .dedup import DedupConfig
from .engines import make_engine
from .manifest import Item, load_items, no_items_message, slug
from .originals import in_class_path, original_names, place_originals, remove_originals
from .presets import DEFAULT_PRESET, PresetUnavailableError, load_preset, missing_augmentations, preset_document
from .summary import Progress, build_report, format_summary
from .validation import ValidationConfig
from .worker import load_source, output_ext, process_job

MANIFEST = "manifest.jsonl"
REPORT = "report.json"
RUN = "run.json"
JOURNAL = ".expand-journal.jsonl"
EXPAND_VERSION = 2  # 2: originals in the output, manifest lines carry "kind"


def plan_copies(items: list[Item], copies: int | None, balance_to: int | None) -> dict[str, list[int]]:
    """Copy indices per item key: ``copies`` for every item, or round-robin fill of classes below ``balance_to``."""
    plan: dict[str, list[int]] = {}
    if copies is not None:
        return {it.key: list(range(copies)) for it in items}
    by_label: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_label[it.label].append(it)
    for label in sorted(by_label):
        members = by_label[label]
        need = max(0, int(balance_to or 0) - len(members))
        n = len(members)
        for i, it in enumerate(members):
            plan[it.key] = list(range(math.ceil((need - i) / n))) if need > i else []
    return plan


def output_names(items: list[Item], plan: dict[str, list[int]], folder_input: bool) -> dict[tuple[str, int], str]:
    """Relative output path of every (key, copy): ``<label>/<source stem>__augNNN<ext>`` (folder inputs keep the
    sub-folders inside the class folder); names that would collide get a short hash of the key."""
    stems: dict[str, str] = {}
    for it in items:
        if folder_input:
            stems[it.key] = f"{it.label}/{Path(in_class_path(it)).with_suffix('').as_posix()}"
        elif it.path is not None:
            stems[it.key] = f"{it.label}/{slug(Path(it.path).stem)}"
        else:
            stems[it.key] = f"{it.label}/{slug(it.key)}"
    counts = Counter((stems[it.key], output_ext(it)) for it in items)
    names: dict[tuple[str, int], str] = {}
    for it in items:
        stem = stems[it.key]
        if counts[(stem, output_ext(it))] > 1 or (not folder_input and stem.endswith("/")):
            stem = f"{stem}-{hashlib.sha1(it.key.encode('utf-8')).hexdigest()[:8]}"
        for c in plan.get(it.key, []):
            names[(it.key, c)] = f"{stem}__aug{c:03d}{output_ext(it)}"
    return names


def _pipeline_doc(source: Any) -> dict[str, Any]:
    if isinstance(source, dict):
        return source

    if isinstance(source, BaseTransform):
        return pipeline_to_dict(source)
    text = str(source)
    if not text.lstrip().startswith("{"):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidParameterError(f"expand: argument 'pipeline': cannot read '{source}': {exc}",
                                        argument="pipeline") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidParameterError(f"expand: argument 'pipeline' is not valid JSON ({exc})",
                                    argument="pipeline") from None


def resolve_pipelines(modalities: set[str], pipeline: Any = None, preset: str | None = None) -> dict[str, str]:
    """One pipeline document (canonical JSON text) per modality present in the input.

    ``pipeline`` is a pipeline document / transform / JSON path (its ``modality`` says where it applies), a list of
    them, or a mapping ``{"image": ..., "audio": ...}``. Without ``pipeline`` the preset (default ``medium``) is used.
    """

    docs: dict[str, dict[str, Any]] = {}
    if pipeline is not None:
        if preset is not None:
            raise InvalidParameterError("expand: give either 'pipeline' or 'preset', not both", argument="preset")
        sources = pipeline if isinstance(pipeline, (list, tuple)) else [pipeline]
        for src in sources:
            doc = _pipeline_doc(src)
            if "pipeline" not in doc and all(k in ("image", "text", "audio") for k in doc):
                for mod, sub in doc.items():
                    docs[mod] = _pipeline_doc(sub)
            else:
                t = load_pipeline(doc)
                docs[t._modality().name] = doc
        missing = sorted(modalities - set(docs))
        if missing:
            raise InvalidParameterError(
                f"expand: the input has {', '.join(missing)} items but no pipeline for them; give one pipeline per "
                'modality (repeat --pipeline, or a mapping {"image": ..., "audio": ...}) or use --preset',
                argument="pipeline")
    else:
        name = preset or DEFAULT_PRESET
        missing_all = [m for mod in sorted(modalities) for m in missing_augmentations(preset_document(name, mod))]
        if missing_all:
            raise PresetUnavailableError(
                f"expand: preset '{name}' uses augmentations that are not registered: {', '.join(missing_all)}; "
                "pass --pipeline with pipelines of available augmentations (see `multiaug list`)", argument="preset")
        for mod in sorted(modalities):
            load_preset(name, mod)
            docs[mod] = preset_document(name, mod)
    out: dict[str, str] = {}
    for mod in sorted(modalities):
        t = load_pipeline(docs[mod])
        if t._modality().name != mod:
            raise InvalidParameterError(f"expand: the pipeline given for {mod} is a {t._modality().name} pipeline",
                                        argument="pipeline")
        out[mod] = json.dumps(docs[mod], sort_keys=True, ensure_ascii=False)
    return out


def bind_dataset_pool(document: str, items: list[Item]) -> str:
    """Replace every ``{"$pool": "dataset_images"}`` of an image pipeline (JSON text) by a ``$choice`` of the
    input's image files (absolute paths, sorted), so collages pair items with other images of this dataset and
    the drawn path is recorded. Unchanged when the input has no image files."""
    paths = sorted({it.path for it in items if it.modality == "image" and it.path})
    if not paths or '"dataset_images"' not in document:
        return document

    def sub(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"$pool"} and node["$pool"] == "dataset_images":
                return {"$choice": paths}
            return {k: sub(v) for k, v in node.items()}
        if isinstance(node, list):
            return [sub(v) for v in node]
        return node

    return json.dumps(sub(json.loads(document)), sort_keys=True, ensure_ascii=False)


def _is_nonempty(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, skip_invalid=True, missing_ok=True)  # skip a line cut by an interruption


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def _write_json(path: Path, obj: Any) -> None:
    atomic_write_bytes(path, (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def _check_int(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidParameterError(f"expand: argument '{name}' must be an int >= {low}, got {value!r}", argument=name)
    return value


def expand(
    input: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    copies: int | None = None,
    balance_to: int | None = None,
    pipeline: Any = None,
    preset: str | None = None,
    seed: int = 0,
    workers: int = 1,
    resume: bool = False,
    overwrite: bool = False,
    quiet: bool = True,
    engine: Any = "local",
    engine_options: dict[str, Any] | None = None,
    dedup: DedupConfig | dict[str, Any] | None = None,
    validation: ValidationConfig | dict[str, Any] | None = None,
    max_attempts: int = 5,
    manifest_options: dict[str, Any] | None = None,
    originals: bool = True,
    label: str | None = None,
    stop_after: int | None = None,
) -> dict[str, Any]:
    """Write augmented copies of a labelled dataset to ``out``; returns the report (also saved as report.json).

    The output folder is a complete training set: ``out/<label>/`` holds the class's originals (hard links where
    the file system allows, else copies; see :mod:`multiaug.data.originals`) and its augmented copies, and
    ``report["classes"][label]["after"]`` counts the files there.

    Args:
        input: a folder with one sub-folder per class, a flat folder of media files with ``label``, or a CSV/JSONL
            manifest (see :mod:`multiaug.data.manifest`).
        out: output folder; must be empty or absent unless ``resume`` or ``overwrite``.
        copies: number of augmented variants of every item (>= 1). Exclusive with ``balance_to``.
        balance_to: expand each class with fewer than this many items up to this count (>= 1); larger classes are
            left alone. Exclusive with ``copies``.
        pipeline: pipeline document, transform, JSON text or path — or a list / ``{"image": ..., ...}`` mapping, one
            per modality present. Exclusive with ``preset``.
        preset: preset name (``light``, ``medium``, ``heavy``, ``moderation``); default ``medium`` when neither is given.
        seed: base seed (int >= 0); outputs depend only on it and each item's key.
        workers: worker processes (>= 1) for the local engine, or LocalCluster workers for ``engine="dask"``.
        resume: continue an interrupted run in ``out`` (same configuration required) without redoing finished items.
        overwrite: delete a previous expansion in ``out`` first (refused if ``out`` is not an expansion output).
        quiet: no progress bar and no summary table.
        engine: ``"local"``, ``"dask"`` or an engine object (see :mod:`multiaug.data.engines`).
        engine_options: extra keyword arguments for the engine (e.g. ``{"client": client}`` for dask).
        dedup: near-duplicate thresholds (:class:`~multiaug.data.dedup.DedupConfig` or a dict of its fields).
        validation: validation rules (:class:`~multiaug.data.validation.ValidationConfig` or a dict of its fields).
        max_attempts: draws per output before it is dropped (>= 1).
        manifest_options: column names etc. for a manifest input (see :func:`~multiaug.data.manifest.read_manifest`).
        originals: also place every readable source item in ``out`` (default True); False writes only the
            augmented copies.
        label: class name for a flat folder input (media files directly in ``input``, no class sub-folders).
        stop_after: testing hook — stop after this many items as if interrupted (>= 0), leaving a resumable run.
    """
    t_start = time.perf_counter()
    if (copies is None) == (balance_to is None):
        raise InvalidParameterError("expand: give exactly one of 'copies' or 'balance_to'", argument="copies")
    if copies is not None:
        _check_int("copies", copies, 1)
    if balance_to is not None:
        _check_int("balance_to", balance_to, 1)
    _check_int("seed", seed, 0)
    _check_int("workers", workers, 1)
    _check_int("max_attempts", max_attempts, 1)
    if stop_after is not None:
        _check_int("stop_after", stop_after, 0)
    if resume and overwrite:
        raise InvalidParameterError("expand: 'resume' and 'overwrite' exclude each other", argument="overwrite")
    if not isinstance(originals, bool):
        raise InvalidParameterError(f"expand: argument 'originals' must be True or False, got {originals!r}",
                                    argument="originals")
    dcfg = dedup if isinstance(dedup, DedupConfig) else DedupConfig(**(dedup or {}))
    vcfg = validation if isinstance(validation, ValidationConfig) else ValidationConfig(**(validation or {}))
    src = Path(input).resolve()
    dst = Path(out).resolve()
    folder_input = src.is_dir()
    if folder_input and (dst == src or src in dst.parents):
        raise InvalidParameterError(f"expand: argument 'out' ({dst}) must not be inside the input folder",
                                    argument="out")
    items, skipped = load_items(src, label, **(manifest_options or {}))
    if not items:
        raise MediaReadError(no_items_message(src))
    modalities = {it.modality for it in items}
    pipelines = resolve_pipelines(modalities, pipeline, preset)
    if "image" in pipelines:
        pipelines["image"] = bind_dataset_pool(pipelines["image"], items)
    unreadable_first = _unreadable_in_small_classes(items, balance_to) if balance_to is not None else {}
    plan = plan_copies([it for it in items if it.key not in unreadable_first], copies, balance_to)
    names = output_names(items, plan, folder_input)
    config = {
        "multiaug_expand": EXPAND_VERSION, "input": str(src), "copies": copies, "balance_to": balance_to,
        "seed": seed, "pipelines": {m: json.loads(p) for m, p in pipelines.items()}, "dedup": dcfg.to_json(),
        "validation": vcfg.to_json(), "max_attempts": max_attempts, "manifest_options": manifest_options or {},
        "originals": originals, "label": label,
    }
    done_rows = _prepare_out(dst, config, resume, overwrite)
    done_keys = {r["key"] for r in done_rows}
    base_root = src if folder_input else src.parent
    todo = [it for it in items if plan.get(it.key) and it.key not in done_keys]
    dedup_json, validation_json = dcfg.to_json(), vcfg.to_json()
    jobs = ({
        "item": it.to_json(), "copies": plan[it.key], "outputs": [names[(it.key, c)] for c in plan[it.key]],
        "out_dir": str(dst), "pipeline": pipelines[it.modality], "seed": seed, "dedup": dedup_json,
        "validation": validation_json, "max_attempts": max_attempts, "source": _source_field(it, base_root),
    } for it in todo)
    eng = make_engine(engine, workers, **(engine_options or {}))
    processed = outputs_now = 0
    interrupted = False
    progress: Progress | None = None
    results: Iterator[dict[str, Any]] | None = None
    t_run = time.perf_counter()
    try:
        if hasattr(eng, "start"):
            eng.start()  # before the progress bar starts a thread
        finished = len(done_keys & set(plan))
        progress = Progress(len(todo) + finished, quiet, initial=finished)
        results = eng.map_unordered(process_job, _limited(jobs, stop_after))
        with open(dst / MANIFEST, "a", encoding="utf-8") as man, open(dst / JOURNAL, "a", encoding="utf-8") as jr:
            for res in results:
                if res["lines"]:
                    man.write("".join(line + "\n" for line in res["lines"]))
                    man.flush()
                jr.write(_dump({k: res[k] for k in ("key", "label", "rejected", "dropped", "error")}
                               | {"outputs": len(res["lines"])}) + "\n")
                jr.flush()
                processed += 1
                outputs_now += len(res["lines"])
                progress.update(outputs_now)
    finally:
        for closer in (getattr(results, "close", None), getattr(eng, "close", None)):
            if closer is not None:
                closer()
        if progress is not None:
            progress.close()
    if stop_after is not None and processed < len(todo):
        interrupted = True
    seconds = time.perf_counter() - t_run
    journal = _read_jsonl(dst / JOURNAL)
    journal += [{"key": k, "label": lab, "rejected": [], "dropped": [], "error": reason, "outputs": 0}
                for k, (lab, reason) in sorted(unreadable_first.items())]
    placed: Counter[str] = Counter()
    original_lines: list[dict[str, Any]] = []
    if originals:  # after the jobs, so items a worker found unreadable are left out (and removed on resume)
        unreadable = {j["key"] for j in journal if j.get("error")}
        orig_names = original_names(items, folder_input, taken=set(names.values()))
        remove_originals(orig_names, unreadable, dst)
        original_lines, placed = place_originals([it for it in items if it.key not in unreadable], orig_names, dst,
                                                 {it.key: _source_field(it, base_root) for it in items})
    lines = _sort_manifest(dst / MANIFEST, original_lines)
    run = {"engine": eng.describe() if hasattr(eng, "describe") else str(eng), "workers": workers,
           "processed": processed, "outputs_now": outputs_now, "seconds": seconds, "interrupted": interrupted,
           "resumed": len(done_keys), "total_seconds": time.perf_counter() - t_start, "originals_placed": placed}
    report = build_report(items, skipped, plan, lines, journal, config, dst, run)
    _write_json(dst / REPORT, report)
    if not quiet:
        print(format_summary(report))
    return report


def _sort_manifest(path: Path, extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Rewrite the manifest sorted by (key, copy) — an item's original first — with the ``extra`` lines (the
    originals) added, keeping each written line's bytes; returns the parsed lines."""
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if row.get("kind") != "original":  # originals are re-listed from ``extra`` on every run
            rows.append((row, raw))
    rows += [(row, _dump(row)) for row in extra or []]
    rows.sort(key=lambda r: (r[0]["key"], -1 if r[0]["copy"] is None else r[0]["copy"]))
    atomic_write_bytes(path, "".join(raw + "\n" for _, raw in rows).encode("utf-8"))
    return [r for r, _ in rows]


def _unreadable_in_small_classes(items: list[Item], balance_to: int) -> dict[str, tuple[str, str]]:
    """Read every item of the classes that will be expanded (they are small by definition) so that unreadable ones
    are reported and left out of the plan, and the readable ones still reach ``balance_to``."""

    sizes = Counter(it.label for it in items)
    bad: dict[str, tuple[str, str]] = {}
    for it in items:
        if sizes[it.label] < balance_to:
            try:
                load_source(it)
            except (MultiaugError, OSError) as exc:
                bad[it.key] = (it.label, str(exc))
    return bad


def _limited(jobs: Any, stop_after: int | None) -> Iterator[dict[str, Any]]:
    for i, job in enumerate(jobs):
        if stop_after is not None and i >= stop_after:
            return
        yield job


def _source_field(item: Item, root: Path) -> Any:
    if item.path is None:
        return {"text": item.text}
    p = Path(item.path)
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return str(p)


def _prepare_out(dst: Path, config: dict[str, Any], resume: bool, overwrite: bool) -> list[dict[str, Any]]:
    """Create/validate the output folder; on resume return the journal rows of finished items."""
    marker = dst / RUN
    if _is_nonempty(dst):
        if resume:
            if not marker.is_file():
                raise InvalidParameterError(f"expand: --resume: '{dst}' holds no expansion run ({RUN} missing)",
                                            argument="resume")
            previous = json.loads(marker.read_text(encoding="utf-8"))
            if previous != json.loads(_dump(config)):
                diff = sorted(k for k in set(previous) | set(config) if previous.get(k) != json.loads(_dump(config)).get(k))
                raise InvalidParameterError(f"expand: --resume: the run in '{dst}' used a different configuration "
                                            f"({', '.join(diff)}); use --overwrite or another folder",
                                            argument="resume")
            for tmp in dst.rglob(".*.tmp*"):
                tmp.unlink(missing_ok=True)  # leftovers of writes cut by the interruption
            journal = _read_jsonl(dst / JOURNAL)
            finished = {r["key"] for r in journal}
            kept = [r for r in _read_jsonl(dst / MANIFEST) if r.get("key") in finished and r.get("kind") != "original"]
            atomic_write_bytes(dst / MANIFEST, "".join(_dump(r) + "\n" for r in kept).encode("utf-8"))
            atomic_write_bytes(dst / JOURNAL, "".join(_dump(r) + "\n" for r in journal).encode("utf-8"))
            return journal
        if overwrite:
            if not (marker.is_file() or (dst / MANIFEST).is_file()):
                raise InvalidParameterError(f"expand: --overwrite: '{dst}' is not an expansion output (no {RUN}); "
                                            "refusing to delete it", argument="overwrite")
            shutil.rmtree(dst)
        else:
            raise InvalidParameterError(f"expand: output folder '{dst}' is not empty; pass --resume to continue "
                                        "the run in it or --overwrite to replace it", argument="out")
    dst.mkdir(parents=True, exist_ok=True)
    _write_json(marker, config)
    for name in (MANIFEST, JOURNAL):
        (dst / name).write_text("", encoding="utf-8")
    return []


__all__ = ["MANIFEST", "REPORT", "expand", "format_summary", "output_names", "plan_copies", "resolve_pipelines"]
