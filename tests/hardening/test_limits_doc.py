"""docs/LIMITS.md's registry-derived tables are current (regenerate with ``python scripts/limits_doc.py``)."""

from __future__ import annotations

import subprocess
import sys

from .runner import ROOT  # the checkout the child processes run in


def test_limits_doc_is_current():
    proc = subprocess.run([sys.executable, "scripts/limits_doc.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr


def test_every_cost_rule_names_its_limit():
    from multiaug.core.limits import LIMIT_NAMES
    from multiaug.core.registry import entries

    for e in entries():
        if e.cost is not None:
            first = (e.cost.__doc__ or "").strip().split(" ", 1)[0]
            assert first in LIMIT_NAMES, f"{e.name}: cost rule docstring must start with the limit it checks"
