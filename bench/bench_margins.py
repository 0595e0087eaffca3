"""Time ``margins`` on a 1,000,000-row ``mixed`` fit (target: ``dydx(*) over()`` of 100 groups
in under 2 s).

usage: python3 bench/bench_margins.py [--rows N] [--groups G] [--over K] [--repeat R]

Data (simulated): y = 1 + .5 x1 - .3 x2 + f effects + (x1 by f) + u0_g + u1_g x1 + e, with f a
3-level factor, G random-effect groups and h an unrelated 100-level variable for over().
The model ``mixed y c.x1##i.f x2 || g: x1`` is fitted once through the interpreter; then each
margins command is run R times (the command as a user types it: sample, design, delta method,
table, r()) and the minimum and median wall times are printed.  The machine is shared, so
expect noise; the engine's work is O(N x columns) per setting, aggregated over groups with
one sparse product.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402
from mlmcli.session import Output, Session  # noqa: E402

COMMANDS = [
    "margins, dydx(*) over(h)",
    "margins f, over(h)",
    "margins, dydx(*)",
    "margins f, at(x1=(-2(1)2))",
    "margins, dydx(x1) over(h) atmeans",
]


def simulate(rows: int, groups: int, over: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.sort(rng.integers(0, groups, rows))
    f = rng.integers(0, 3, rows)
    h = rng.integers(1, over + 1, rows)
    x1 = rng.normal(size=rows)
    x2 = rng.normal(size=rows)
    u = rng.normal(size=(groups, 2)) * np.array([0.8, 0.3])
    y = (1 + 0.5 * x1 - 0.3 * x2 + np.array([0, 0.4, -0.2])[f] + np.array([0, 0.2, -0.1])[f] * x1
         + u[g, 0] + u[g, 1] * x1 + rng.normal(size=rows))
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "f": f.astype(float), "g": g.astype(float),
                         "h": h.astype(float)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--groups", type=int, default=10_000)
    ap.add_argument("--over", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=simulate(args.rows, args.groups, args.over))
    runner = Runner(session)
    t0 = time.perf_counter()
    assert runner.run_text("quietly mixed y c.x1##i.f x2 || g: x1") == 0, session.out.stream.getvalue()
    print(f"mixed y c.x1##i.f x2 || g: x1   ({args.rows:,} rows, {args.groups:,} groups): "
          f"{time.perf_counter() - t0:.2f} s")
    for cmd in COMMANDS:
        times = []
        for _ in range(args.repeat):
            session.out.stream.seek(0)
            session.out.stream.truncate()
            t = time.perf_counter()
            rc = runner.run_text(cmd)
            times.append(time.perf_counter() - t)
            assert rc == 0, session.out.stream.getvalue()[-2000:]
        k = session.r["b"].values.shape[1]
        print(f"{cmd:40s} {k:4d} margins   min {min(times):.3f} s   median {np.median(times):.3f} s")


if __name__ == "__main__":
    main()
