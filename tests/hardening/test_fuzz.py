"""Hypothesis fuzz over every registered entry, run in a child process under an address-space limit and a
time limit (see ``fuzz_child.py`` for what is drawn and asserted)."""

from __future__ import annotations

import os
import subprocess
import sys

from .runner import CHILD_ADDRESS_SPACE, ROOT, _limit

EXAMPLES = 50
TIMEOUT_S = 300


def test_fuzz_every_entry_with_extreme_arguments_and_odd_inputs():
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", NUMBA_NUM_THREADS="1",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.hardening.fuzz_child", "--examples", str(EXAMPLES)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                              preexec_fn=lambda: _limit(CHILD_ADDRESS_SPACE))
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        last = [line for line in out.splitlines() if line.startswith("S ")][-1:]
        raise AssertionError(f"fuzz run did not finish in {TIMEOUT_S} s; last case: {last}") from None
    lines = proc.stdout.splitlines()
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert proc.returncode == 0, "\n".join(failures or lines[-5:]) + proc.stderr[-2000:]
    assert any(line.startswith("DONE") for line in lines)
    assert sum(line.startswith("S ") for line in lines) >= EXAMPLES
