"""The audio physics table (scripts/audio_physics.py → docs/AUDIO_PHYSICS.md): every row within its requirement."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audio_physics.py"


def _load():
    spec = importlib.util.spec_from_file_location("audio_physics", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("audio_physics", module)  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


physics = _load()
ROWS = physics.rows()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.function}:{r.property}" for r in ROWS])
def test_row_within_requirement(row):
    assert row.ok, f"{row.function}: {row.property}: measured {row.measured}, required {row.requirement}"


def test_the_measuring_helpers_are_truthful():
    """The independent helpers the table relies on, checked on signals with known answers."""
    import numpy as np

    x = physics.tone(1000.0, 1.0)
    assert physics.peak_hz(x) == pytest.approx(1000.0, rel=1e-4)
    assert physics.gain_db(lambda s: 0.5 * s, 1000.0) == pytest.approx(-6.02, abs=0.01)
    noise = np.random.default_rng(1).standard_normal(8000)  # aperiodic, so the lag is unambiguous
    assert physics.lag(noise, np.roll(noise, 37)) == 37
    assert physics.lag(noise, noise) == 0
    sr = 16000
    t = np.arange(sr) / sr
    decay = np.exp(-6.91 * t / 0.5) * np.random.default_rng(0).standard_normal(sr)  # RT60 = 0.5 s by construction
    assert physics.schroeder_rt60(decay, sr) == pytest.approx(0.5, rel=0.05)


def test_page_lists_every_row():
    page = (SCRIPT.parents[1] / "docs" / "AUDIO_PHYSICS.md").read_text(encoding="utf-8")
    for row in ROWS:
        assert f"| `{row.function}` | {row.property} |" in page
