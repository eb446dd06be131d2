"""The odd-input matrix over every registry entry (issue 12), run in child processes with an address-space limit
and a CPU budget per call.

Odd inputs of every modality (image sizes 1×1 … 4000×1, every Pillow mode, 16-bit PNG, directories / missing / not
images as paths, ndarray dtypes, shapes, empty, read-only, strided, Fortran-ordered; text empty, whitespace, emoji,
combining marks, RTL, ZWJ, NUL, lone surrogates, 100 k-character words, lists; audio of 0/1/2 samples, silence,
NaN, int16, float64, (n, 2), 6 channels, 1 Hz and 8–96 kHz, 1e18 and 1e-30 amplitudes, read-only, strided; tables
empty, one row, one class, NaN/inf features, label only), every numeric argument at its bounds, 0, tiny, huge, ±inf
and NaN, odd secondary media (overlays, backgrounds, impulses) and odd output paths. Each call must give a sane
result or a multiaug error: never a dependency's exception, NaN from finite input, a quantised image, a partial
file, a modified input, a hang or a memory blow-up.

CI runs a covering sample (every entry, every odd input, every kind of odd value; :func:`cases.ci_cases`); the full
cross product (about 6,000 calls plus the 6000×4000 image and the 1 MB text) is ``python scripts/hardening_sweep.py``.
"""

from __future__ import annotations

import pytest

from multiaug.core.registry import entries

from . import cases as hc
from . import inputs as odd
from .runner import run_cases

CHUNKS = 2
CI = hc.ci_cases()


def test_sample_covers_every_entry_and_every_odd_input():
    assert {(c["modality"], c["entry"]) for c in CI} == {(e.modality.name, e.name) for e in entries()}
    for m, table in odd.INPUTS.items():
        light = set(table) - {n for mm, n in odd.HEAVY if mm == m}
        assert {c["input"] for c in CI if c["modality"] == m and not c["args"]} >= light, m
    args = [c for c in CI if c["args"]]
    assert any(c["args"].get(k) != c["args"].get(k) for c in args for k in c["args"])  # NaN is among them
    assert len(hc.all_cases(heavy=False)) > 5000  # what the sweep runs


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_odd_input_matrix(chunk):
    cases = CI[chunk::CHUNKS]
    results = run_cases(cases, kill_after_s=60)
    assert len(results) == len(cases)
    bad = [f"{r['case']}: {r['detail']}" for r in results if r["status"] == "defect"]
    assert not bad, f"{len(bad)} defects:\n" + "\n".join(bad)


def test_ordinary_odd_inputs_are_processed_not_refused():
    """Odd-but-valid inputs give outputs, not errors, on a function of each family that has no reason to refuse."""
    valid = {"image": ["rgb_1x1", "rgb_2x1", "rgb_4000x1", "mode_1", "mode_P", "mode_LA", "mode_CMYK", "mode_RGBa",
                       "mode_La", "mode_I;16", "png16_path", "arr_u8_readonly", "arr_u8_strided", "arr_u8_fortran",
                       "arr_u8_hw1"],
             "text": ["empty", "space", "emoji", "combining", "rtl", "zwj", "empty_list", "list_of_empty", "nul",
                      "lone_surrogate"],
             "audio": ["one_sample", "silence", "float64", "stereo_first", "six_channels", "sr_8k", "sr_96k",
                       "readonly", "strided"],
             "tabular": ["one_class", "many_classes"]}
    names = {"image": ["rotate", "blur", "resize", "hflip"], "text": ["simulate_typos", "insert_punctuation_chars"],
             "audio": ["speed", "add_background_noise"], "tabular": ["jitter"]}
    cases = [{"modality": m, "entry": n, "input": i, "args": {}, "budget_s": 5.0}
             for m, ns in names.items() for n in ns for i in valid[m]]
    refused = [f"{r['case']}: {r['detail']}" for r in run_cases(cases, kill_after_s=60) if r["status"] != "ok"]
    assert not refused, "\n".join(refused)
