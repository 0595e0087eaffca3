"""Time ``mixed`` and ``sort y`` + ``predict u1 u0, reffects`` through the interpreter.

usage: PYTHONPATH=<checkout> python3 bench/bench_postest_after_sort.py [--rows N] [--groups G] [--repeat K]

Simulates y = 1 + 0.5 x + u0_g + 0.3 u1_g x + e on N rows / G groups, fits
``mixed y x || g: x, cov(un)`` and then sorts the data and predicts the BLUPs (the groups
and e(sample) are found through the rows' identity, ``Dataset.row_identity``).  Prints the
median wall time of each over K runs.  Run it with main's and a branch's checkout first on
PYTHONPATH to compare them in the same session.
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--groups", type=int, default=3_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    rng = np.random.default_rng(1)
    g = rng.integers(0, a.groups, a.rows)
    x = rng.normal(size=a.rows)
    u = rng.normal(size=(a.groups, 2))
    y = 1 + 0.5 * x + u[g, 0] + 0.3 * u[g, 1] * x + rng.normal(size=a.rows)
    s = Session()
    s.data = Dataset(df=pd.DataFrame({"g": g.astype(float), "x": x, "y": y}))
    r = Runner(s)

    def timed(text: str) -> float:
        t0 = time.perf_counter()
        assert r.run_text(text) == 0
        return time.perf_counter() - t0

    fit = [timed("quietly mixed y x || g: x, cov(un) nolog") for _ in range(a.repeat)]
    pred = [timed("sort y\ncapture drop u1 u0\nquietly predict u1 u0, reffects") for _ in range(a.repeat)]
    print(f"fit {statistics.median(fit):.2f} s   sort + predict reffects {statistics.median(pred):.2f} s")


if __name__ == "__main__":
    main()
