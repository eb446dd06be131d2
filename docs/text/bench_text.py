"""Time every multiaug text function on the 1,000 sentences of assets/text/sentences_en.txt as one batch.

Usage: ``python docs/text/bench_text.py`` (median of 5 calls after one warm-up; one thread).
Prints a markdown table: the full public call (validation, kernel, record with every edit) and the kernel
alone (the augmentation work).
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


def median_ms(fn, repeats: int = 5) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000.0


def main() -> None:
    only = set(sys.argv[1:])
    print("| function | public call (ms) | kernel only (ms) |")
    print("|---|---:|---:|")
    for e in entries("text"):
        if only and e.name not in only:
            continue
        kw = {**e.example_params(), **OVERRIDES.get(e.name, {})}
        pub_kw = dict(kw, seed=1) if e.random else kw
        public = median_ms(lambda e=e, pub_kw=pub_kw: e.public(SENTENCES, **pub_kw))
        params = e.validate_params(kw)
        kern_kw = {k: v for k, v in params.items() if k != "kwargs"}

        def kernel(e=e, kern_kw=kern_kw):
            extra = {"seed": np.random.default_rng(1)} if e.random else {}
            return e.func(list(SENTENCES), **kern_kw, **extra)

        print(f"| {e.name} | {public:.1f} | {median_ms(kernel):.1f} |")


if __name__ == "__main__":
    main()
