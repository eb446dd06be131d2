"""The shared metadata tracker and exact replay.

A :class:`Tracker` is a ``list`` of full records, so it is a drop-in for AugLy's ``metadata=[]``:
every record also carries AugLy's flat keys (``name``, ``src_width``, ``intensity``, ...). A plain
``list`` passed as ``metadata`` receives only AugLy's keys (see :func:`augly_view`).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ReplayError, SerializationError
from .functions import resolve_function
from .io import atomic_write_bytes, jsonl_text, write_jsonl
from .records import MULTIAUG_KEYS, augly_view  # noqa: F401  (kept import path of MULTIAUG_KEYS)
from .registry import get_entry, invoke


class Tracker(list):
    """A list of full, JSON-serialisable records with save/load, a summary table and replay.

    Pass it wherever AugLy takes ``metadata=[]``::

        tracker = multiaug.Tracker()
        out = imaugs.blur(img, radius=3, metadata=tracker)
        tracker.replay(img)          # bit-identical to ``out``
        tracker.to_jsonl("run.jsonl")
    """

    #: augmentations deliver full records to a list with this flag (a plain list gets AugLy's dicts)
    full_records = True

    # --- (de)serialisation ---------------------------------------------------------------------
    def to_json(self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
        text = json.dumps(list(self), indent=indent, ensure_ascii=False, sort_keys=True)
        if path is not None:
            _atomic_write_text(path, text + "\n")
        return text

    def to_jsonl(self, path: str | os.PathLike[str] | None = None) -> str:
        return write_jsonl(path, self) if path is not None else jsonl_text(self)

    @classmethod
    def from_json(cls, source: str | os.PathLike[str]) -> Tracker:
        """Load from a JSON file path or a JSON string (a list of records)."""
        text = _read_source(source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SerializationError(f"Tracker.from_json: not valid JSON ({exc})") from None
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise SerializationError("Tracker.from_json: expected a list of record objects")
        return cls(data)

    @classmethod
    def from_jsonl(cls, source: str | os.PathLike[str]) -> Tracker:
        text = _read_source(source)
        records = []
        for i, line in enumerate(text.splitlines()):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SerializationError(f"Tracker.from_jsonl: line {i + 1} is not valid JSON ({exc})") from None
        return cls(records)

    # --- views ---------------------------------------------------------------------------------
    def augly(self) -> list[dict[str, Any]]:
        """The records as AugLy's plain metadata dicts."""
        return [augly_view(r) for r in self]

    def summary(self) -> list[dict[str, Any]]:
        """One row per record: step, modality, name, intensity, seed and the parameters."""
        rows = []
        for i, r in enumerate(self):
            params = r.get("params", {})
            rows.append(
                {
                    "step": i,
                    "modality": r.get("modality", ""),
                    "name": r.get("name", ""),
                    "intensity": round(float(r.get("intensity", 0.0)), 3),
                    "seed": r.get("seed"),
                    "params": ", ".join(f"{k}={_short(v)}" for k, v in params.items()),
                }
            )
        return rows

    def __str__(self) -> str:
        rows = self.summary()
        if not rows:
            return "Tracker (empty)"
        cols = ["step", "modality", "name", "intensity", "seed", "params"]
        widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
        line = "  ".join(c.ljust(widths[c]) for c in cols)
        body = ["  ".join(str(r[c]).ljust(widths[c]) for c in cols) for r in rows]
        return "\n".join([line, *body])

    def _repr_html_(self) -> str:
        rows = self.summary()
        cols = ["step", "modality", "name", "intensity", "seed", "params"]
        head = "".join(f"<th>{c}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in cols) + "</tr>" for r in rows
        )
        return f"<table class='multiaug-tracker'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    # --- replay --------------------------------------------------------------------------------
    def replay(self, media: Any, **call: Any) -> Any:
        """Re-apply every record in order to ``media``; the result is bit-identical to the original run.

        Extra keyword arguments are passed to each step's call (e.g. ``sample_rate=`` for audio
        arrays, ``bboxes=``/``bbox_format=`` for images).
        """
        return replay(list(self), media, **call)


def replay(records: Iterable[dict[str, Any]] | dict[str, Any] | str | os.PathLike[str], media: Any, **call: Any) -> Any:
    """Replay records (a list, one record, or a path to a .json/.jsonl file) on ``media``."""
    if isinstance(records, (str, os.PathLike)):
        p = Path(records)
        records = Tracker.from_jsonl(p) if p.suffix == ".jsonl" else Tracker.from_json(p)
    if isinstance(records, dict):
        records = [records]
    records = list(records)
    if not records:
        return media
    for i, rec in enumerate(records):
        if "params" not in rec or "modality" not in rec:
            raise ReplayError(f"replay: record {i} is an AugLy-style dict without 'params'; use a multiaug.Tracker")
        if not rec.get("replayable", True):
            raise ReplayError(
                f"replay: record {i} ({rec['name']}) used non-serialisable arguments "
                f"{rec.get('not_replayable')} and cannot be replayed"
            )
    steps = [(get_entry(r["name"], r["modality"]), r) for r in records]
    mod = steps[0][0].modality
    opts = mod.pop_options(call, "replay", {*mod.reserved, *mod.target_args})
    run_call = {k: v for k, v in call.items() if k not in mod.target_args}

    def run(targets: dict[str, Any], _records: Any) -> tuple[Any, dict[str, Any]]:
        out = media
        for entry, rec in steps:
            validated = entry.validate_params(_params_from_record(rec["params"]))
            out, targets = entry.run(out, validated, seed=rec.get("seed"), targets=mod.replay_targets(targets, rec),
                                     records=None, call=run_call)
        return out, targets

    return invoke(mod, "replay", None, call, opts, run, [entry for entry, _ in steps])


def _params_from_record(params: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in params.items():
        if isinstance(v, dict) and set(v) == {"$function"}:
            out[k] = resolve_function(v["$function"])
        else:
            out[k] = v
    return out


def _short(v: Any) -> str:
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    return s if len(s) <= 40 else s[:37] + "..."


def _read_source(source: str | os.PathLike[str]) -> str:
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith(("[", "{"))):
        try:
            return Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise SerializationError(f"cannot read records from '{source}': {exc}") from None
    return str(source)


def _atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
