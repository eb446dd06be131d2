"""Tables: a merge that adds informative rows helps; synthetic rows only ever come from training folds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from multiaug.cli import main
from multiaug.evaluate import LeakageError, evaluate_table
from multiaug.evaluate.tables import check_rows


def _tables(tmp_path, n_primary=60, n_more=400, seed=0):
    """y = 1 iff x > 0.5 (with a category that carries no signal); the primary table is tiny and noisy-labelled
    near the boundary, the supplementary one has many clean rows under other column names."""
    rng = np.random.default_rng(seed)

    def rows(n, prefix):
        x = rng.uniform(0, 1, n)
        return pd.DataFrame({"id": [f"{prefix}{i:04d}" for i in range(n)], "x": x,
                             "colour": rng.choice(["red", "blue"], n), "y": np.where(x > 0.5, "yes", "no")})

    primary = rows(n_primary, "P")
    more = rows(n_more, "S").rename(columns={"id": "ID", "x": "X", "colour": "Colour", "y": "Y"})
    more.loc[:4, "ID"] = primary.loc[:4, "id"].to_numpy()  # 5 supplementary rows are primary customers
    primary.to_csv(tmp_path / "p.csv", index=False)
    more.to_csv(tmp_path / "s.csv", index=False)
    return tmp_path / "p.csv", tmp_path / "s.csv"


def test_check_rows_fails_loudly():
    check_rows({"a", "b"}, {"c"}, "fold")
    with pytest.raises(LeakageError, match="share a key"):
        check_rows({"a", "c"}, {"c"}, "fold")


def test_append_merge_and_smote(tmp_path, capsys):
    p, s = _tables(tmp_path)
    r = evaluate_table(p, target="y", supplementary=s, on="id", how="append", folds=3, repeats=2, seed=0)
    (task,) = r.tasks
    assert task["modality"] == "tabular" and task["n_originals"] == 60
    assert task["n_augmented"] > 300 and any("dropped from training" in n for n in task["notes"])
    assert task["metrics"]["augmented"]["clean"]["accuracy"]["mean"] >= \
        task["metrics"]["baseline"]["clean"]["accuracy"]["mean"]
    sm = evaluate_table(p, target="y", synthetic="smote", on="id", folds=3, repeats=1, seed=0)
    assert sm.tasks[0]["verdict"] in ("helps", "no measurable effect", "hurts")
    assert main(["evaluate", str(p), "--target", "y", "--merge", str(s), "--on", "id", "--folds", "2",
                 "--repeats", "1", "--out", str(tmp_path / "ev")]) == 0
    assert capsys.readouterr().out.startswith("tabular: ")
    assert (tmp_path / "ev" / "report.html").read_text().count("<svg") == 1
