"""The record schema shared by the registry (which writes records) and the tracker (which keeps and replays them):
how a call's full record is built (:func:`build_record`), which keys are multiaug's own and AugLy's flat view of a
full record."""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from .errors import RegistrationError
from .functions import function_name
from .jsonsafe import NotReplayable, is_plain, to_jsonable

if TYPE_CHECKING:
    from .registry import Entry

SCHEMA_VERSION = 1

#: keys that exist only in multiaug's full record, not in AugLy's flat dict
MULTIAUG_KEYS = frozenset(
    {"modality", "params", "info", "replayable", "not_replayable", "provenance", "multiaug_version", "schema_version",
     "drawn"}
)


def augly_view(record: dict[str, Any]) -> dict[str, Any]:
    """AugLy's flat metadata dict for a full record (drops multiaug-only keys)."""
    return {k: v for k, v in record.items() if k not in MULTIAUG_KEYS}


def build_record(
    entry: Entry,
    params: dict[str, Any],
    seed_int: int | None,
    intensity: float,
    src: dict[str, Any],
    dst: dict[str, Any],
    info: dict[str, Any],
    target_keys: dict[str, Any],
    call: dict[str, Any],
    provenance: dict[str, Any] | None,
    safe_keys: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The full record of one call of ``entry``: AugLy's flat keys, then multiaug's (see :data:`MULTIAUG_KEYS`)."""
    json_params: dict[str, Any] = {}
    not_replayable: list[str] = []
    for k, v in params.items():
        if is_plain(v):  # a JSON scalar: recorded as it is (the common case)
            json_params[k] = v
            continue
        if callable(v):
            reg = function_name(v)
            if reg is not None:
                json_params[k] = {"$function": reg}
                continue
        jv = to_jsonable(v)
        if _contains_placeholder(jv):
            not_replayable.append(k)
        json_params[k] = jv
    record: dict[str, Any] = {"name": entry.name}
    record.update(to_jsonable(src))
    record.update(to_jsonable(dst))
    flat = {k: (v["$function"] if isinstance(v, dict) and "$function" in v else v) for k, v in json_params.items()}
    record.update(flat)
    if entry.random:
        record["seed"] = seed_int
    record["output_path"] = to_jsonable(call.get("output_path"))
    record.update(to_jsonable(target_keys))
    record["intensity"] = intensity
    record["modality"] = entry.modality.name
    record["params"] = json_params
    record["info"] = {k: (v if k in safe_keys else to_jsonable(v)) for k, v in info.items()}
    record["replayable"] = not not_replayable
    if not_replayable:
        record["not_replayable"] = not_replayable
    if provenance:
        record["provenance"] = to_jsonable(provenance)
    record["multiaug_version"] = __version__
    record["schema_version"] = SCHEMA_VERSION
    return record


def summarize_drawn(value: Any) -> Any:
    """A drawn value as recorded: its ``drawn_summary()`` (a text plan), JSON, or an array's shape/dtype/digest."""
    if hasattr(value, "drawn_summary"):
        return to_jsonable(value.drawn_summary())
    if isinstance(value, np.ndarray) and value.size > 16:
        digest = hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()[:16]
        return {"$array": {"shape": list(value.shape), "dtype": str(value.dtype), "sha256": digest}}
    return to_jsonable(value)


def clamp_intensity(value: Any, name: str) -> float:
    """An intensity rule's value as recorded: a float in [0, 100] (NaN → 0); a non-number is a declaration bug."""
    try:
        v = float(value)
    except (TypeError, ValueError) as exc:
        raise RegistrationError(f"{name}: intensity rule returned {value!r}, not a number") from exc
    if math.isnan(v):
        return 0.0
    return float(min(100.0, max(0.0, v)))


def _contains_placeholder(value: Any) -> bool:
    if isinstance(value, NotReplayable):
        return True
    if isinstance(value, list):
        return any(_contains_placeholder(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_placeholder(v) for v in value.values())
    return False


__all__ = ["MULTIAUG_KEYS", "SCHEMA_VERSION", "augly_view", "build_record", "clamp_intensity", "summarize_drawn"]
