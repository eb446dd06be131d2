"""Every registered augmentation still gives the outputs and records fingerprinted in tests/golden/.

See tests/golden/make_golden.py for what is fingerprinted and how to regenerate after an intended change.
"""

from __future__ import annotations

from tests.golden.make_golden import compare, compute, load


def test_outputs_and_records_match_golden():
    expected = load()
    problems = compare(expected, compute(expected))
    assert not problems, "golden differences:\n" + "\n".join(problems[:50])
