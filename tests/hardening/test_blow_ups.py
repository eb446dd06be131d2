"""Issue 12's hangs and resource blow-ups, each run in a child process under a CPU and memory budget: refused fast
with a typed error (huge sizes, counts, windows) or computed cheaply (speed(1e10): one sample; clicks 1e-9 s apart:
counted per sample; a 4000×1 foreground over a background: only the visible part is resampled)."""

from __future__ import annotations

from . import inputs as odd
from .runner import run_cases

HANGS = [
    ("audio", "speed", {"factor": 1e10}), ("audio", "speed", {"factor": 1e300}),
    ("audio", "loop", {"n": 10**9}), ("audio", "harmonic", {"kernel_size": 10**9}),
    ("audio", "percussive", {"kernel_size": 10**9}), ("audio", "time_stretch", {"rate": 1e-9}),
    ("text", "insert_emoji", {"num_insertions": 10**9}), ("text", "insert_text", {"num_insertions": 10**9}),
    ("text", "simulate_typos", {"max_typo_length": 10**9}),
    ("image", "blur", {"radius": 1e9}), ("image", "pad", {"w_factor": 1e9}), ("image", "scale", {"factor": 1e9}),
    ("image", "pixelization", {"ratio": 1e9}), ("image", "resize", {"width": 10**9}),
    ("image", "clip_image_size", {"min_resolution": 10**9}), ("image", "change_aspect_ratio", {"ratio": 1e18}),
    ("audio", "clicks", {"seconds_between_clicks": 1e-9}),
]
#: computed, not refused
COMPUTED = ("audio.speed(", "audio.clicks(", "(rgb_4000x1)")


def test_blow_ups_are_refused_fast_or_computed_cheaply():
    cases = [{"modality": m, "entry": n, "input": odd.BASELINE[m], "args": a, "budget_s": 5.0, "mem_mb": 300}
             for m, n, a in HANGS]
    cases.append({"modality": "image", "entry": "overlay_onto_background_image", "input": "rgb_4000x1",
                  "args": {}, "budget_s": 5.0, "mem_mb": 200})
    results = run_cases(cases, kill_after_s=60)
    bad = [f"{r['case']}: {r['detail']}" for r in results if r["status"] == "defect"]
    assert not bad, "\n".join(bad)
    for r in results:
        assert r["status"] == ("ok" if any(k in r["case"] for k in COMPUTED) else "typed"), r
