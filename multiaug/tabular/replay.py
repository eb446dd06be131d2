"""Replay a merge from its report: the same inputs give the identical output, or a :class:`ReplayError`."""

from __future__ import annotations

import json
import os
from typing import Any

from ..core.errors import ReplayError
from .merge import merge
from .report import SCHEMA, input_fingerprint


def replay_merge(report: dict[str, Any] | str | os.PathLike[str], primary: Any, supplementary: Any, *,
                 test: Any = None, out: Any = None, engine: str | None = None, check_inputs: bool = True) -> Any:
    """Re-run a merge from its report on the same inputs; the output must be identical.

    The column pairings recorded in the report are pinned (``columns=``), so the result does not depend on how a
    later version scores names. Raises :class:`~multiaug.core.errors.ReplayError` if an input's fingerprint or the
    output's fingerprint differs from the report's.
    """
    if not isinstance(report, dict):
        with open(report, encoding="utf-8") as fh:
            report = json.load(fh)
    if report.get("schema") != SCHEMA:
        raise ReplayError(f"replay_merge: not a multiaug merge report (schema {report.get('schema')!r})")
    params = dict(report["params"])
    if check_inputs:
        for label, src in (("primary", primary), ("supplementary", supplementary)):
            want = report["inputs"][label].get("sha256")
            if want and input_fingerprint(src) != want:
                raise ReplayError(f"replay_merge: the {label} input differs from the one in the report")
    params["columns"] = report["replay"]["columns"]
    if engine is not None:
        params["engine"] = engine
    params["source_names"] = tuple(params["source_names"])
    result = merge(primary, supplementary, test=test, out=out, **params)
    want = report["output"].get("frame_sha256")
    got = result.report["output"].get("frame_sha256")
    if want and got and want != got:
        raise ReplayError("replay_merge: the replayed output differs from the recorded one")
    return result


__all__ = ["replay_merge"]
