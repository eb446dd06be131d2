"""Time every multiaug text function on the 1,000 sentences of assets/text/sentences_en.txt as one batch.

Usage: ``python benchmarks/text_functions.py [names...]`` (median of 5 calls after one warm-up; one thread).
Prints a markdown table: the full public call (validation, kernel, record with every edit), wall and CPU
time (CPU time is steadier on a shared machine), and the kernel alone (the augmentation work).
Defaults are used, except ``simulate_typos(typo_type="keyboard")`` and the example arguments of
functions with required parameters (``encode_text``, ``insert_text``, ``replace_text``, ``replace_words``,
``replace_upside_down`` granularity "word").
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

from multiaug.assets import asset_path
from multiaug.core.registry import entries

SENTENCES = asset_path("text", "sentences_en.txt").read_text(encoding="utf-8").splitlines()
OVERRIDES = {"simulate_typos": {"typo_type": "keyboard"}}


def median_ms(fn, repeats: int = 5, clock=time.perf_counter) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times) * 1000.0


def main() -> None:
    only = set(sys.argv[1:])
    print("| function | public call, wall (ms) | public call, CPU (ms) | kernel only, CPU (ms) |")
    print("|---|---:|---:|---:|")
    for e in entries("text"):
        if only and e.name not in only:
            continue
        kw = {**e.example_params(), **OVERRIDES.get(e.name, {})}
        pub_kw = dict(kw, seed=1) if e.random else kw
        public = median_ms(lambda e=e, pub_kw=pub_kw: e.public(SENTENCES, **pub_kw))
        public_cpu = median_ms(lambda e=e, pub_kw=pub_kw: e.public(SENTENCES, **pub_kw), clock=time.process_time)
        params = e.validate_params(kw)
        kern_kw = {k: v for k, v in params.items() if k != "kwargs"}

        def kernel(e=e, kern_kw=kern_kw):
            extra = {"seed": np.random.default_rng(1)} if e.random else {}
            return e.func(list(SENTENCES), **kern_kw, **extra)

        print(f"| {e.name} | {public:.1f} | {public_cpu:.1f} | {median_ms(kernel, clock=time.process_time):.1f} |")


if __name__ == "__main__":
    main()
