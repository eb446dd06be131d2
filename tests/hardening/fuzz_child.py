"""The hypothesis fuzz run, executed in a child process by ``test_fuzz.py`` (under an address-space limit).

    python -m tests.hardening.fuzz_child --examples 300 [--seed-text anything]

Hypothesis draws a registered entry, arguments from its declared parameters (ranges *including* their
extremes: bounds, 0, tiny, huge, ±inf, NaN; choices; booleans) and an odd input of its modality, and asserts
what :func:`tests.hardening.runner.run_one` checks: a typed multiaug error or a sane output within the time
and memory budget — never a dependency's exception, NaN from finite input, a quantised image, a partial file
or a modified input. Each example prints ``S <case>`` before it runs so the parent can name a hang.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def _value_strategy(spec: Any) -> Any:
    from hypothesis import strategies as st

    from . import inputs as odd

    if spec.kind == "choice":
        return st.sampled_from(list(spec.choices))
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind not in ("int", "float"):
        return None
    extremes = st.sampled_from(odd.odd_values(spec))
    lo = spec.range.low if spec.range is not None else None
    hi = spec.range.high if spec.range is not None else None
    if spec.kind == "int":
        # counts inside the range stay moderate (huge ones come from the extremes): a count of 10**5 insertions
        # or synthetic rows is legitimate work that takes seconds, not a defect
        low = int(lo) if lo is not None else -1000
        inside = st.integers(min_value=low, max_value=min(int(hi), low + 1000) if hi is not None else low + 1000)
    else:
        inside = st.floats(min_value=lo if lo is not None else -1e6, max_value=hi if hi is not None else 1e6,
                           allow_nan=False, allow_infinity=False)
    return st.one_of(extremes, inside)


def build_fuzz(examples: int) -> Any:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from multiaug.core.registry import entries

    from . import inputs as odd
    from .runner import _warm_up, run_one

    all_entries = entries()

    # no shrinking: every example is a real call (seconds for some), and the failing case is printed as drawn
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None, print_blob=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(data=st.data())
    def fuzz(data: Any) -> None:
        entry = data.draw(st.sampled_from(all_entries), label="entry")
        m = entry.modality.name
        names = [n for n in odd.INPUTS[m] if (m, n) not in odd.HEAVY]
        media = data.draw(st.one_of(st.just(odd.BASELINE[m]), st.sampled_from(names)), label="input")
        args: dict[str, Any] = {}
        for spec in entry.params:
            strategy = _value_strategy(spec)
            if strategy is None:
                continue
            if data.draw(st.booleans(), label=f"set {spec.name}"):
                args[spec.name] = data.draw(strategy, label=spec.name)
        case = {"modality": m, "entry": entry.name, "input": media, "args": args, "budget_s": 5.0}
        _warm_up(m, entry.name)  # untimed: lazy imports and assets are one-off costs
        sys.stdout.write("S " + json.dumps(case, default=repr) + "\n")
        sys.stdout.flush()
        res = run_one(case)
        assert res["status"] != "defect", f"{res['case']}: {res['detail']}"

    return fuzz


def main(argv: list[str] | None = None) -> int:
    import warnings

    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=300)
    args = ap.parse_args(argv)
    import multiaug  # noqa: F401
    from multiaug.core.registry import load_all_modalities

    load_all_modalities()
    fuzz = build_fuzz(args.examples)
    try:
        fuzz()
    except AssertionError as exc:
        print("FAIL " + str(exc).replace("\n", " | "), flush=True)
        return 1
    print(f"DONE {args.examples} examples", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
