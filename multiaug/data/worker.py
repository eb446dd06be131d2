"""The unit of work of an expansion: one source item → its augmented copies (runs in any worker process).

Everything here is a pure function of the job dict (item, copy indices, pipeline document, seed, thresholds), so
the same job gives the same bytes in the parent process, a local process pool or a dask worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from ..core.errors import MultiaugError, UnsupportedInputError
from ..core.io import atomic_write_bytes
from ..core.pipeline import load_pipeline
from ..core.seeds import derive_seed
from ..core.tracker import Tracker, replay
from ..media.extensions import output_extension
from ..media.io import encode, read_audio, read_image, read_text
from . import dedup as dd
from . import validation as vv
from .manifest import Item

_PIPELINES: dict[str, Any] = {}


def output_ext(item: Item) -> str:
    """Extension of an item's outputs: the source's, except audio formats that are not byte-stable (→ .flac)."""
    return output_extension(item.modality, item.ext)


def pipeline_for(document: str) -> Any:
    """The transform of a pipeline document (JSON text), built once per process."""
    t = _PIPELINES.get(document)
    if t is None:
        t = load_pipeline(json.loads(document))
        _PIPELINES[document] = t
    return t


def load_source(item: Item) -> tuple[Any, dict[str, Any]]:
    """Read an item: (media, call kwargs). Raises :class:`MediaReadError` for unreadable files."""
    if item.modality == "image":
        img = read_image(item.path, "expand", "input")
        return img, ({"bboxes": item.bboxes, "bbox_format": item.bbox_format, "return_bboxes": True}
                     if item.bboxes else {})
    if item.modality == "text":
        if item.text is not None:
            return item.text, {}
        return read_text(item.path, "expand"), {}  # type: ignore[arg-type]
    if item.modality == "audio":
        audio, sr = read_audio(item.path, "expand", "input")
        return audio, {"sample_rate": sr}
    raise UnsupportedInputError(f"expand: unknown modality {item.modality!r}")


def _augment(item: Item, transform: Any, media: Any, call: dict[str, Any], seed: int) -> tuple[Any, Any, int | None,
                                                                                              Tracker]:
    tracker = Tracker()
    out = transform(media, seed=seed, metadata=tracker, **call)
    boxes = None
    sr = None
    if item.modality == "image" and call.get("return_bboxes"):
        out, boxes = out
    elif item.modality == "audio":
        out, sr = out
    return out, boxes, sr, tracker


def process_job(job: dict[str, Any]) -> dict[str, Any]:
    """Augment one item into its copies; write the files atomically; return manifest lines and rejections.

    ``job`` keys: ``item`` (Item JSON), ``copies`` (copy indices), ``outputs`` (relative output paths), ``out_dir``,
    ``pipeline`` (pipeline document as JSON text), ``seed``, ``dedup``/``validation`` (config dicts),
    ``max_attempts``, ``source`` (the item's source as written in the manifest). The returned ``lines`` are
    manifest lines as JSON text.
    """
    t0 = time.perf_counter()
    item = Item.from_json(job["item"])
    result: dict[str, Any] = {"key": item.key, "label": item.label, "lines": [], "rejected": [], "dropped": [],
                              "error": None}
    try:
        media, call = load_source(item)
    except (MultiaugError, OSError) as exc:
        result["error"] = str(exc)
        result["seconds"] = time.perf_counter() - t0
        return result
    dcfg = dd.DedupConfig(**job["dedup"])
    vcfg = vv.ValidationConfig(**{k: tuple(v) if k == "rules" else v for k, v in job["validation"].items()})
    transform = pipeline_for(job["pipeline"])
    src_fp = dd.fingerprint(item.modality, media, dcfg) if dcfg.enabled else None
    siblings: list[tuple[int, Any]] = []
    base = int(job["seed"])
    out_dir = Path(job["out_dir"])
    for copy, rel in zip(job["copies"], job["outputs"]):
        reasons: list[str] = []
        for attempt in range(int(job["max_attempts"])):
            seed = derive_seed(base, item.key, copy, attempt)
            try:
                out, boxes, sr, tracker = _augment(item, transform, media, call, seed)
            except Exception as exc:  # noqa: BLE001  (one bad draw must not abort a long run: report, redraw)
                reasons = [f"augmentation_error: {type(exc).__name__}: {exc}"]
                result["rejected"].append({"key": item.key, "copy": copy, "attempt": attempt, "kind": "error",
                                           "reasons": reasons})
                continue
            reasons = vv.check(item.modality, out, media, vcfg, src_bboxes=item.bboxes, dst_bboxes=boxes)
            kind = "validation"
            fp = None
            if not reasons and dcfg.enabled:
                fp = dd.fingerprint(item.modality, out, dcfg)
                dup, m = dd.is_near_duplicate(item.modality, src_fp, fp, dcfg)
                if dup:
                    reasons = [f"near_duplicate: of the source ({_measure(item.modality, m)})"]
                else:
                    for sib_copy, sib_fp in siblings:
                        dup, m = dd.is_near_duplicate(item.modality, sib_fp, fp, dcfg)
                        if dup:
                            reasons = [f"near_duplicate: of copy {sib_copy} ({_measure(item.modality, m)})"]
                            break
                kind = "near_duplicate"
            if reasons:
                result["rejected"].append({"key": item.key, "copy": copy, "attempt": attempt, "kind": kind,
                                           "reasons": reasons})
                continue
            data = encode(item.modality, out, Path(rel).suffix, sr)
            atomic_write_bytes(out_dir / rel, data)
            if fp is not None:
                siblings.append((copy, fp))
            result["lines"].append(manifest_line({
                "key": item.key, "label": item.label, "modality": item.modality, "kind": "augmented", "copy": copy,
                "source": job["source"], "output": rel, "sha256": hashlib.sha256(data).hexdigest(),
                "bboxes": boxes, "src_bboxes": item.bboxes, "bbox_format": item.bbox_format,
                "sample_rate": sr,
                "seed_material": {"base_seed": base, "key": item.key, "copy": copy, "attempt": attempt,
                                  "derived_seed": seed},
                "records": list(tracker),
            }))
            reasons = []
            break
        else:
            result["dropped"].append({"key": item.key, "copy": copy, "attempts": int(job["max_attempts"]),
                                      "reasons": reasons})
    result["seconds"] = time.perf_counter() - t0
    return result


def manifest_line(line: dict[str, Any]) -> str:
    """One manifest line as JSON text (sorted keys, UTF-8 kept), built in the worker so the parent only writes it."""
    return json.dumps(line, sort_keys=True, ensure_ascii=False)


def _measure(modality: str, m: float) -> str:
    if modality == "image":
        return f"hash distance {int(m)} bits"
    if modality == "text":
        return f"normalised edit distance {m:.3f}"
    return f"spectral similarity {m:.3f}"


def source_path(line: dict[str, Any], input_root: str | os.PathLike[str]) -> Path:
    return Path(input_root) / line["source"]


def replay_line(line: dict[str, Any] | str, input_root: str | os.PathLike[str] | None = None,
                text: str | None = None) -> bytes:
    """Re-create the bytes of one manifest line from its source and its tracker records (an ``original`` line: the
    source's bytes).

    Args:
        line: a manifest line (dict or JSON text).
        input_root: folder the line's ``source`` is relative to (the expansion's input folder, or the manifest's
            folder); not needed for inline text sources.
        text: the source text for inline-text items (manifest rows without a path).
    """
    if isinstance(line, str):
        line = json.loads(line)
    modality = line["modality"]
    src = line["source"]
    if line.get("kind") == "original":  # the source itself, placed as it is
        if isinstance(src, dict):
            return str(src["text"]).encode("utf-8")
        if text is not None:
            return text.encode("utf-8")
        return (Path(src) if Path(src).is_absolute() or input_root is None else Path(input_root) / src).read_bytes()
    call: dict[str, Any] = {}
    if modality == "text" and isinstance(src, dict):
        media: Any = src["text"]
    elif text is not None:
        media = text
    else:
        p = Path(src) if Path(src).is_absolute() or input_root is None else Path(input_root) / src
        item = Item(key=line["key"], label=line["label"], modality=modality, path=str(p),
                    bboxes=line.get("src_bboxes"), bbox_format=line.get("bbox_format"))
        media, call = load_source(item)
    records = line["records"]
    if not records:
        out: Any = media
        sr = call.get("sample_rate")
    else:
        out = replay(records, media, **call)
        sr = None
        if modality == "audio":
            out, sr = out
        elif modality == "image" and call.get("return_bboxes"):
            out = out[0]
    return encode(modality, out, Path(line["output"]).suffix, sr)


__all__ = ["encode", "load_source", "output_ext", "pipeline_for", "process_job", "replay_line"]
