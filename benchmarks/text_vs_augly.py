"""CPU time of text functions on the 1,000 sentences of assets/text/sentences_en.txt, multiaug or AugLy.

Usage (one JSON line ``{case: [wall_ms, cpu_ms]}``, each the median of 7 calls after one warm-up)::

    python benchmarks/text_vs_augly.py [cases...]                                  # this checkout
    PYTHONPATH=/tmp/before python benchmarks/text_vs_augly.py                      # another tree (git archive)
    benchmarks/.venvs/augly/bin/python benchmarks/text_vs_augly.py --augly         # AugLy 1.0 (same cases)

Run the three interleaved a few times on a shared machine and compare medians (CPU time is steadier than wall
time under load). Cases AugLy does not have (``encode_text``, ``insert_text``, ``replace_text``, multiaug-only
typo types) are skipped for AugLy. Randomness: ``seed=1`` for multiaug; AugLy uses its own defaults.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

SENTENCES = (Path(__file__).resolve().parents[1] / "assets" / "text" / "sentences_en.txt").read_text(
    encoding="utf-8").splitlines()

#: case -> (function, arguments, random?)
CASES: dict[str, tuple[str, dict, bool]] = {
    "simulate_typos_keyboard": ("simulate_typos", {"typo_type": "keyboard"}, True),
    "simulate_typos_all": ("simulate_typos", {}, True),
    "simulate_typos_misspelling": ("simulate_typos", {"typo_type": "misspelling"}, True),
    "insert_punctuation_chars": ("insert_punctuation_chars", {}, True),
    "insert_zero_width_chars": ("insert_zero_width_chars", {}, True),
    "insert_whitespace_chars": ("insert_whitespace_chars", {}, True),
    "insert_punctuation_chars_word": ("insert_punctuation_chars", {"granularity": "word"}, True),
    "insert_punctuation_chars_vary": ("insert_punctuation_chars", {"vary_chars": True}, True),
    "insert_punctuation_chars_cadence3": ("insert_punctuation_chars", {"cadence": 3.0}, True),
    "replace_bidirectional": ("replace_bidirectional", {}, False),
    "replace_bidirectional_word": ("replace_bidirectional", {"granularity": "word"}, False),
    "replace_upside_down": ("replace_upside_down", {}, True),
    "replace_upside_down_word": ("replace_upside_down", {"granularity": "word"}, True),
    "replace_upside_down_char": ("replace_upside_down", {"granularity": "char"}, True),
    "replace_fun_fonts": ("replace_fun_fonts", {}, True),
    "replace_fun_fonts_word": ("replace_fun_fonts", {"granularity": "word"}, True),
    "replace_fun_fonts_char": ("replace_fun_fonts", {"granularity": "char"}, True),
    "change_case": ("change_case", {}, True),
    "change_case_all": ("change_case", {"granularity": "all"}, True),
    "change_case_char": ("change_case", {"granularity": "char"}, True),
    "contractions": ("contractions", {}, True),
    "merge_words": ("merge_words", {}, True),
    "split_words": ("split_words", {}, True),
    "replace_words": ("replace_words", {"mapping": {"the": "a", "and": "or", "was": "is"}}, True),
    "swap_gendered_words": ("swap_gendered_words", {}, True),
    "replace_similar_chars": ("replace_similar_chars", {}, True),
    "replace_similar_unicode_chars": ("replace_similar_unicode_chars", {}, True),
    "encode_text_leetspeak_word": ("encode_text", {"aug_min": 1, "aug_max": 10, "aug_p": 0.3, "granularity": "word",
                                                   "encoder": "leetspeak"}, True),
    "insert_text": ("insert_text", {"insert_text": ["hello", "world"]}, True),
    "replace_text": ("replace_text", {"replace_text": "replaced"}, False),
    "apply_lambda": ("apply_lambda", {}, False),
    "get_baseline": ("get_baseline", {}, False),
}


def main() -> None:
    augly = "--augly" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    if augly:
        import augly.text as lib
    else:
        import multiaug.text as lib
    res = {}
    for case, (name, kw, rnd) in CASES.items():
        if only and case not in only:
            continue
        fn = getattr(lib, name, None)
        if fn is None:
            continue
        kw = dict(kw, seed=1) if rnd and not augly else dict(kw)
        fn(SENTENCES, **kw)
        wall, cpu = [], []
        for _ in range(7):
            t0, c0 = time.perf_counter(), time.process_time()
            fn(SENTENCES, **kw)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        res[case] = [round(statistics.median(wall) * 1000, 3), round(statistics.median(cpu) * 1000, 3)]
    print(json.dumps(res))


if __name__ == "__main__":
    main()
