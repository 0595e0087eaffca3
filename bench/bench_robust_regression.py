"""qreg (the dual-simplex linear program, and the two more fits of its default fitted VCE) and
rreg on simulated data of n rows and 5 columns: seconds of the engines (mlmcli.robust), best of
``--repeat``.  python3 bench/bench_robust_regression.py [--sizes 1000 10000 50000] [--repeat 3]"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from mlmcli.robust.biweight_regression import fit_biweight  # noqa: E402
from mlmcli.robust.quantile_regression import fit_quantile, solve_quantile  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    print(f"load average {os.getloadavg()[0]:.2f}")
    for n in args.sizes:
        X = np.column_stack([rng.normal(size=(n, 4)), np.ones(n)])
        y = X @ np.arange(5.0) + rng.standard_t(3, n)
        lp = best(lambda: solve_quantile(y, X, 0.5), args.repeat)
        qreg = best(lambda: fit_quantile(y, X, 0.5), args.repeat)
        rreg = best(lambda: fit_biweight(y, X), args.repeat)
        print(f"n={n:>7}  one LP {lp:7.3f} s  qreg (3 LPs + VCE) {qreg:7.3f} s  rreg {rreg:7.3f} s")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
