"""Out of core: a random-slope model on 100 million rows from Parquet, fitted lazily.

usage: python3 bench/bench_out_of_core.py [--rows 100000000] [--groups 100000]
                                          [--subset 10000000] [--dir DIR] [--keep] [--dask]

1. Writes DIR/big.parquet (``--rows`` rows in chunks of 5 million with pyarrow: group g,
   covariate x, outcome y = 1 + 0.5 x + u0_g + u1_g x + e, u ~ N(0, diag(0.8^2, 0.3^2)),
   e ~ N(0, 1)) and DIR/subset.parquet (its first ``--subset`` rows).
2. Fits ``mixed y x || g: x, cov(un)`` by ``mlm`` in a fresh process on
   ``use big.parquet, lazy`` and reports wall time and the peak resident memory of the
   process (``getrusage`` of the child).
3. Checks the lazy fit against the fit in memory on the subset: ``use subset.parquet``
   (rows read into memory) and ``use subset.parquet, lazy`` must print the same tables.
   With ``--dask``, also fits the 100M rows with ``set dask local 2``.
Deletes the Parquet files at the end unless ``--keep``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL = "mixed y x || g: x, cov(un)"
CHUNK = 5_000_000


def write_parquet(path: str, subset_path: str, rows: int, groups: int, subset: int, seed: int = 16) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    u = rng.normal(size=(groups, 2)) * np.array([0.8, 0.3])
    schema = pa.schema([("g", pa.int32()), ("x", pa.float64()), ("y", pa.float64())])
    with pq.ParquetWriter(path, schema) as big, pq.ParquetWriter(subset_path, schema) as small:
        done = 0
        while done < rows:
            m = min(CHUNK, rows - done)
            g = rng.integers(0, groups, m).astype(np.int32)
            x = rng.normal(size=m)
            y = 1.0 + 0.5 * x + u[g, 0] + u[g, 1] * x + rng.normal(size=m)
            table = pa.table({"g": g, "x": x, "y": y}, schema=schema)
            big.write_table(table, row_group_size=1_000_000)
            if done < subset:
                small.write_table(table.slice(0, min(m, subset - done)), row_group_size=1_000_000)
            done += m


_CHILD = """
import resource, runpy, sys
sys.argv = ["mlm", "-c", sys.argv[1]]
try:
    runpy.run_module("mlmcli", run_name="__main__")
finally:
    sys.stdout.flush()
    print(f"@@maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def run_mlm(commands: str) -> tuple[str, float, float]:
    """(output, wall seconds, peak resident memory of the mlm process in MB)."""
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, commands], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(proc.stdout[-3000:] + proc.stderr[-3000:])
    peak_kb = int(proc.stderr.rsplit("@@maxrss ", 1)[1].split()[0])
    return proc.stdout, wall, peak_kb / 1024.0


def tables(output: str) -> str:
    """The printed fit from its header on (the iteration log and the use line differ)."""
    return output[output.index("Mixed-effects"):]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--groups", type=int, default=100_000)
    ap.add_argument("--subset", type=int, default=10_000_000)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--dask", action="store_true")
    args = ap.parse_args()
    folder = args.dir or tempfile.mkdtemp(prefix="mlm-ooc-", dir="/tmp")
    os.makedirs(folder, exist_ok=True)
    big, sub = os.path.join(folder, "big.parquet"), os.path.join(folder, "subset.parquet")
    try:
        if not os.path.exists(big):
            t0 = time.perf_counter()
            write_parquet(big, sub, args.rows, args.groups, args.subset)
            print(f"wrote {args.rows:,} rows ({os.path.getsize(big) / 2**30:.2f} GiB) in "
                  f"{time.perf_counter() - t0:.1f} s")
        out, wall, peak = run_mlm(f'use "{big}", lazy; {MODEL}')
        print(f"\n== {args.rows:,} rows, {args.groups:,} groups, lazy (DuckDB): {wall:.1f} s wall, "
              f"peak RSS {peak:,.0f} MB")
        print(tables(out))
        if args.dask:
            out_d, wall_d, peak_d = run_mlm(f'use "{big}", lazy; set dask local 2; {MODEL}')
            print(f"\n== same, set dask local 2: {wall_d:.1f} s wall, peak RSS of the client {peak_d:,.0f} MB "
                  "(workers not counted)")
            print("same table as DuckDB:", tables(out_d) == tables(out))
        lazy_out, lazy_wall, lazy_peak = run_mlm(f'use "{sub}", lazy; {MODEL}')
        mem_out, mem_wall, mem_peak = run_mlm(f'use "{sub}"; {MODEL}')
        print(f"\n== {args.subset:,}-row subset: lazy {lazy_wall:.1f} s ({lazy_peak:,.0f} MB), "
              f"in memory {mem_wall:.1f} s ({mem_peak:,.0f} MB)")
        same = tables(lazy_out) == tables(mem_out)
        print("same table lazily and in memory:", same)
        if not same:
            import difflib
            print("\n".join(difflib.unified_diff(tables(mem_out).splitlines(), tables(lazy_out).splitlines(),
                                                 "in memory", "lazy", lineterm="")))
        print(tables(lazy_out))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
