"""The dask.distributed engine gives byte-identical outputs and manifest to the local run (2-worker LocalCluster)."""

from __future__ import annotations

from pathlib import Path

import pytest

from multiaug.data.expand import expand

from .conftest import PIPELINES, tree_hashes

pytest.importorskip("distributed")


def test_dask_local_cluster_matches_local_run(dataset: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    expand(dataset, local, copies=2, pipeline=PIPELINES, seed=21, workers=1)
    dist = tmp_path / "dask"
    report = expand(dataset, dist, copies=2, pipeline=PIPELINES, seed=21, workers=2, engine="dask")
    assert report["engine"] == "dask (LocalCluster, 2 workers)"
    assert report["totals"]["outputs"] > 10
    assert tree_hashes(dist) == tree_hashes(local)
    assert (dist / "manifest.jsonl").read_bytes() == (local / "manifest.jsonl").read_bytes()
