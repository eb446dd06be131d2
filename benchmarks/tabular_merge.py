"""Tabular merge benchmarks: a 10 M-row × 10-column join (multiaug's DuckDB engine vs plain pandas on the same
Parquet files) and 100 k × 100 k fuzzy key matching (time, precision, recall).

Each measured run is a fresh subprocess (wall time and peak RSS of that process). Data is generated to a scratch
folder (default /tmp/multiaug-tabular-bench), never committed. Results: benchmarks/TABULAR_RESULTS.md.

Run: python benchmarks/tabular_merge.py [--rows 10000000] [--repeats 3] [--keys 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GEN = r"""
import duckdb, sys
rows, folder = int(sys.argv[1]), sys.argv[2]
con = duckdb.connect()
con.execute(f'''COPY (SELECT i AS id, hash(i) % 1000 AS region, (hash(i * 7) % 100000) / 100.0 AS amount,
    hash(i * 11) % 72 AS tenure, chr(65 + (hash(i * 13) % 26)::INT) AS grade, hash(i * 17) % 2 AS churn,
    (hash(i * 19) % 1000000) / 1000.0 AS score, hash(i * 23) % 50 AS plan, 'c' || (hash(i * 29) % 500) AS city,
    (hash(i * 31) % 10000) / 10.0 AS usage FROM range({rows}) t(i)) TO '{folder}/primary.parquet' (FORMAT parquet)''')
con.execute(f'''COPY (SELECT (hash(i * 3) % {rows}) AS customer_id, (hash(i * 37) % 1000) / 10.0 AS Usage,
    hash(i * 41) % 9 AS support_calls, 'p' || (hash(i * 43) % 100) AS phone_plan, (hash(i * 47) % 5000) / 100.0 AS nps,
    hash(i * 53) % 2 AS promo, (hash(i * 59) % 100000) / 10.0 AS lifetime_value, hash(i * 61) % 12 AS months_left,
    chr(97 + (hash(i * 67) % 26)::INT) AS segment, hash(i * 71) % 3 AS device_count
    FROM range({rows}) t(i)) TO '{folder}/supplementary.parquet' (FORMAT parquet)''')
"""

RUN_MULTIAUG = r"""
import sys, time, json
import multiaug.tabular as tab
folder, engine, mem = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.perf_counter()
res = tab.merge(f'{folder}/primary.parquet', f'{folder}/supplementary.parquet', on='id', how='primary',
                engine=engine, engine_options={'memory_limit': mem} if engine == 'duckdb' else None,
                out=f'{folder}/out_{engine}.parquet')
print(json.dumps({'seconds': time.perf_counter() - t, 'rows': res.report['rows']['output'],
                  'pairs': [(p['primary'], p['supplementary']) for p in res.report['columns']['pairs']]}))
"""

RUN_PANDAS = r"""
import sys, time, json
import pandas as pd
folder = sys.argv[1]
t = time.perf_counter()
p = pd.read_parquet(f'{folder}/primary.parquet')
s = pd.read_parquet(f'{folder}/supplementary.parquet').rename(columns={'customer_id': 'id'})
out = p.merge(s, on='id', how='left', suffixes=('', '_supplementary'))
out.to_parquet(f'{folder}/out_plain_pandas.parquet', index=False)
print(json.dumps({'seconds': time.perf_counter() - t, 'rows': len(out)}))
"""

RUN_FUZZY = r"""
import sys, time, json
sys.path.insert(0, sys.argv[2])
from tests.tabular.kernels.test_keys import _truth_table
from multiaug.tabular.kernels.keys import match_keys
n = int(sys.argv[1])
left, right, perm = _truth_table(n, seed=11)
t = time.perf_counter()
found = match_keys(left, right, threshold=90)
sec = time.perf_counter() - t
correct = sum(1 for m in found if perm[m.right] == m.left)
print(json.dumps({'seconds': sec, 'matches': len(found), 'precision': correct / len(found),
                  'recall': len({m.left for m in found if perm[m.right] == m.left}) / n}))
"""


def run_isolated(code: str, *args: str) -> dict:
    """Run in a wrapper process so ru_maxrss is this run's own peak (RUSAGE_CHILDREN of a fresh parent)."""
    wrapper = ("import json, sys, resource, subprocess; "
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "assert p.returncode == 0, p.stderr[-3000:]; "
               "d = json.loads(p.stdout.strip().splitlines()[-1]); "
               "d['peak_rss_mib'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024; "
               "print(json.dumps(d))")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code, *args], capture_output=True,
                       text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-3000:])
    d = json.loads(p.stdout.strip().splitlines()[-1])
    d["process_seconds"] = time.perf_counter() - t
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--keys", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--memory-limit", default="4GB", help="DuckDB memory limit for the DuckDB engine")
    ap.add_argument("--folder", default="/tmp/multiaug-tabular-bench")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "TABULAR_RESULTS.json"))
    args = ap.parse_args()
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {"conditions": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                    "loadavg_start": os.getloadavg(), "rows": args.rows, "keys": args.keys,
                                    "repeats": args.repeats, "duckdb_memory_limit": args.memory_limit}}
    if not (folder / "primary.parquet").exists():
        t = time.perf_counter()
        run_isolated(GEN.replace("import duckdb, sys", "import duckdb, sys, json") + "\nprint(json.dumps({}))",
                     str(args.rows), str(folder))
        results["conditions"]["generate_seconds"] = time.perf_counter() - t
    results["conditions"]["bytes"] = {f.name: f.stat().st_size for f in folder.glob("*.parquet")
                                      if not f.name.startswith("out_")}
    for name, code, extra in (("multiaug_duckdb", RUN_MULTIAUG, ["duckdb", args.memory_limit]),
                              ("plain_pandas", RUN_PANDAS, [])):
        runs = []
        for _ in range(args.repeats):
            runs.append(run_isolated(code, str(folder), *extra))
            print(name, runs[-1], flush=True)
        results[name] = runs
    fuzzy = []
    for _ in range(args.repeats):
        fuzzy.append(run_isolated(RUN_FUZZY, str(args.keys), str(ROOT)))
        print("fuzzy", fuzzy[-1], flush=True)
    results["fuzzy_keys"] = fuzzy
    results["conditions"]["loadavg_end"] = os.getloadavg()
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
