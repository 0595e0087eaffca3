"""``reshape wide`` and ``reshape long`` on large data, against pandas' own pivot.

Run: python bench/bench_reshape.py [--rows N] [--j J] [--repeat K]

The data: N rows, N/J panel units (``id``), J waves (``wave`` 1..J), one time-varying
variable ``x`` and one constant within the unit ``female``.  Times ``reshape wide x,
i(id) j(wave)`` and back ``reshape long x, i(id) j(wave)`` through the command (the data
already in memory), and ``DataFrame.pivot`` for the same wide table as the peer; medians
over K runs.
"""
from __future__ import annotations

import argparse
import io
import statistics
import time

import numpy as np
import pandas as pd


def data(rows: int, waves: int) -> pd.DataFrame:
    units = rows // waves
    rng = np.random.default_rng(1)
    return pd.DataFrame({"id": np.repeat(np.arange(units), waves).astype(np.int32),
                         "wave": np.tile(np.arange(1, waves + 1), units).astype(np.int8),
                         "x": rng.normal(size=units * waves),
                         "female": np.repeat(rng.integers(0, 2, units), waves).astype(np.int8)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--j", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    df = data(args.rows, args.j)
    types = {"id": "long", "wave": "byte", "x": "double", "female": "byte"}
    wide_t, long_t, pivot_t = [], [], []
    for _ in range(args.repeat):
        session = Session(out=Output(io.StringIO()))
        session.data = Dataset(df=df.copy(), types=dict(types))
        runner = Runner(session)
        t0 = time.perf_counter()
        assert runner.run_text("reshape wide x, i(id) j(wave)", echo=False) == 0, session.out.stream.getvalue()
        wide_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert runner.run_text("reshape long x, i(id) j(wave)", echo=False) == 0, session.out.stream.getvalue()
        long_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        df.pivot(index="id", columns="wave", values="x").join(df.groupby("id")["female"].first())
        pivot_t.append(time.perf_counter() - t0)
    w, lg, p = (statistics.median(t) for t in (wide_t, long_t, pivot_t))
    print(f"{args.rows:,} rows, {args.rows // args.j:,} units x {args.j} waves; medians of {args.repeat}")
    print(f"reshape wide: {w:.2f} s   reshape long (back): {lg:.2f} s   pandas pivot + first: {p:.2f} s "
          f"(wide / pivot = {w / p:.1f}x)")


if __name__ == "__main__":
    main()
