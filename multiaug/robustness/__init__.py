"""Robustness evaluation: how well does a classifier or matcher survive adversarial edits?

Run a *suite* (transforms × severity levels, presets per modality or user JSON) over a dataset against a *system
under test* (a classifier: item → label/score; or a matcher: item → fingerprint + distance + threshold) and get,
per transform and level, the flip rate / accuracy (classifier) or the recall and distance distribution (matcher),
next to a *measured* perturbation size per item (SSIM / pHash distance, edit distance, SNR / log-spectral
distance)::

    from multiaug.robustness import run_robustness, adapters
    report = run_robustness("photos/", adapters.phash, "moderation-image", seed=0, workers=2, out="rob/")
    print(report)          # table; in a notebook the report displays as HTML

CLI: ``multiaug robustness INPUT --system module:function --kind matcher --suite moderation-image --out DIR``.
See docs/ROBUSTNESS.md.
"""

from __future__ import annotations

from .metrics import levenshtein, log_spectral_distance, measure, phash, snr_db, ssim
from .report import RobustnessReport
from .runner import RobustnessItem, apply_level, load_data, run_robustness
from .suites import PRESETS, Level, Suite, SuiteTransform, available_suites, get_suite
from .systems import Classifier, Matcher, SystemOutputError, default_distance, load_system

#: short alias
run = run_robustness

__all__ = [
    "PRESETS",
    "Classifier",
    "Level",
    "Matcher",
    "RobustnessItem",
    "RobustnessReport",
    "Suite",
    "SuiteTransform",
    "SystemOutputError",
    "apply_level",
    "available_suites",
    "default_distance",
    "get_suite",
    "levenshtein",
    "load_data",
    "load_system",
    "log_spectral_distance",
    "measure",
    "phash",
    "run",
    "run_robustness",
    "snr_db",
    "ssim",
]
