"""Smoke test of benchmarks/run.py: it starts and writes a markdown table for one tiny case, multiaug alone.

No peer venvs are needed, and no timing is asserted (timings never become assertions).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"


def test_runner_writes_table_for_one_case(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    p = subprocess.run(
        [sys.executable, str(RUN), "--modality", "image", "--only", "hflip", "--libs", "multiaug",
         "--repeats", "2", "--budget", "0.02", "--no-extras", "--venvs", str(tmp_path / "no_venvs"),
         "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=60, cwd=str(tmp_path),
    )
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    assert ("| transform | library | ms/call | CPU ms | calls/s | ratio | alloc MB | ΔRSS MB | n | output / note |") in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| hflip | multiaug |")]
    assert len(rows) == 1, text
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    median, spread = (float(x) for x in cells[2].split(" ± "))
    assert median > 0 and spread >= 0
    assert float(cells[3]) > 0  # CPU time per call
    assert cells[5] == "1.00"  # ratio of multiaug to itself
    assert float(cells[6]) >= 0 and float(cells[7]) >= 0  # memory columns filled
    assert cells[8].endswith("/2")  # two separate processes were merged
    assert cells[9] == "PIL RGB 1024x768"  # the fixed 1024×768 photo went through
    assert "AMD" in text or "Intel" in text or "CPU:" in text
    assert "python benchmarks/run.py" in text
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    procs = raw["raw"]["hflip|multiaug"]
    assert len(procs) == 2 and procs[0]["pid"] != procs[1]["pid"]


def test_runner_reports_unknown_case_as_usage_error(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, str(RUN), "--only", "no_such_transform", "--libs", "multiaug", "--no-extras",
         "--out", str(tmp_path / "r.md")],
        capture_output=True, text=True, check=False, timeout=60, cwd=str(tmp_path),
    )
    assert p.returncode == 2
    assert "no case selected" in p.stderr
    assert not (tmp_path / "r.md").exists()
