"""The record schema shared by the registry (which writes records) and the tracker (which keeps and replays them):
which keys are multiaug's own and AugLy's flat view of a full record."""

from __future__ import annotations

from typing import Any

#: keys that exist only in multiaug's full record, not in AugLy's flat dict
MULTIAUG_KEYS = frozenset(
    {"modality", "params", "info", "replayable", "not_replayable", "provenance", "multiaug_version", "schema_version",
     "drawn"}
)


def augly_view(record: dict[str, Any]) -> dict[str, Any]:
    """AugLy's flat metadata dict for a full record (drops multiaug-only keys)."""
    return {k: v for k, v in record.items() if k not in MULTIAUG_KEYS}


__all__ = ["MULTIAUG_KEYS", "augly_view"]
