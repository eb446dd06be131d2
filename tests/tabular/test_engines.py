"""pandas = DuckDB = Dask: identical frames (values, dtypes, row order) and identical output files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import multiaug.tabular as tab

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
APAC = ROOT / "assets" / "datasets" / "churn" / "apac.csv"
MENA = ROOT / "assets" / "datasets" / "churn" / "mena.csv"


def _engines():
    out = ["pandas", "duckdb"]
    try:
        import dask.dataframe  # noqa: F401

        out.append("dask")
    except ImportError:
        pass
    return out


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    rng = np.random.default_rng(0)
    n = 3000
    primary = pd.DataFrame({"id": rng.permutation(n), "a": rng.normal(size=n), "cat": rng.choice(["x", "y", None], n),
                            "flag": rng.choice(["Yes", "No"], n)})
    supp = pd.DataFrame({"ID": np.r_[rng.choice(n, 2000, replace=False), rng.choice(n, 200)] + 500,
                         "A": rng.normal(size=2200), "cat": rng.choice(["X", "y"], 2200),
                         "flag": rng.choice([1, 0], 2200), "extra": rng.integers(0, 9, 2200)})
    d = tmp_path_factory.mktemp("keyed")
    primary.to_csv(d / "p.csv", index=False)
    supp.to_parquet(d / "s.parquet") if _has_pyarrow() else supp.to_csv(d / "s.csv", index=False)
    return d / "p.csv", (d / "s.parquet") if _has_pyarrow() else (d / "s.csv")


def _has_pyarrow():
    try:
        import pyarrow  # noqa: F401

        return True
    except ImportError:
        return False


@pytest.mark.parametrize("how", ["primary", "both"])
@pytest.mark.parametrize("prefer", ["primary", "coalesce"])
def test_engines_identical_join(keyed, how, prefer, tmp_path):
    p, s = keyed
    results = {}
    for engine in _engines():
        out = tmp_path / f"{engine}.csv"
        res = tab.merge(p, s, on="id", how=how, prefer=prefer, engine=engine, out=out)
        results[engine] = (res, out.read_bytes())
    base, base_bytes = results["pandas"]
    for engine, (res, data) in results.items():
        assert data == base_bytes, f"{engine} output file differs from pandas"
        rep = {k: v for k, v in res.report.items() if k not in ("params", "output")}
        assert rep == {k: v for k, v in base.report.items() if k not in ("params", "output")}
    frames = {e: tab.merge(p, s, on="id", how=how, prefer=prefer, engine=e).frame for e in _engines()}
    for e, f in frames.items():
        pd.testing.assert_frame_equal(f, frames["pandas"], check_exact=True, obj=e)


@pytest.mark.parametrize("how,key_match", [("append", "exact"), ("primary", "fuzzy")])
def test_engines_identical_on_churn(how, key_match):
    frames = {e: tab.merge(APAC, MENA, on="customerID", how=how, key_match=key_match, engine=e)
              for e in _engines()}
    for e, res in frames.items():
        pd.testing.assert_frame_equal(res.frame, frames["pandas"].frame, check_exact=True, obj=e)
        assert res.report["output"]["frame_sha256"] == frames["pandas"].report["output"]["frame_sha256"]


def test_duckdb_writes_without_materialising(keyed, tmp_path):
    p, s = keyed
    res = tab.merge(p, s, on="id", engine="duckdb", out=tmp_path / "o.parquet")
    assert res.frame is None and res.report["output"]["sha256"]
    back = tab.read_table(tmp_path / "o.parquet")
    pd.testing.assert_frame_equal(back, tab.merge(p, s, on="id", engine="pandas").frame, check_dtype=False)
