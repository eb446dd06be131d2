"""The evidence script renders docs/EVIDENCE.md from benchmarks/EVIDENCE.json (the committed file is current)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_evidence_matches_its_json():
    spec = importlib.util.spec_from_file_location("evaluate_evidence", ROOT / "benchmarks" / "evaluate_evidence.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    results = json.loads((ROOT / "benchmarks" / "EVIDENCE.json").read_text())
    text = mod.render(results)
    assert text == (ROOT / "docs" / "EVIDENCE.md").read_text(encoding="utf-8"), \
        "docs/EVIDENCE.md is stale: run python benchmarks/evaluate_evidence.py --render"
    assert "| dataset | modality | plan |" in text and "hurts" in text
