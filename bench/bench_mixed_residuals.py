"""Time mixed with residuals() structures in process (the fit, data already in memory).

    python3 bench/bench_mixed_residuals.py [--groups G] [--times T] [--models ...]

Simulates G panels of T times (y = 1 + 0.5 x + u_g + e, e AR(1) with rho 0.6) and prints
the CPU and wall seconds and the log likelihood of each model (default: ar 1, ar 1 with
vce(robust), exchangeable).  Figures: bench/README.md, "residuals() structures".
"""
from __future__ import annotations

import argparse
import io
import time

import numpy as np
import pandas as pd

from mlmcli.ast import Command
from mlmcli.commands.estimation.mixed import cmd_mixed
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

MODELS = ("y x || g:, residuals(ar 1, t(t))", "y x || g:, residuals(ar 1, t(t)) vce(robust)",
          "y x || g:, residuals(exchangeable)")


def simulate(groups: int, times: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    g = np.repeat(np.arange(groups), times)
    t = np.tile(np.arange(1, times + 1), groups)
    z = rng.normal(size=groups * times)
    e = np.zeros(groups * times)
    for k in range(times):
        now = t == k + 1
        e[now] = z[now] if k == 0 else 0.6 * e[t == k] + 0.8 * z[now]
    x = rng.normal(size=groups * times)
    y = 1 + 0.5 * x + rng.normal(size=groups)[g] + e
    return pd.DataFrame({"g": g.astype(float), "t": t.astype(float), "x": x, "y": y})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--groups", type=int, default=10_000)
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--models", nargs="*", default=list(MODELS))
    args = ap.parse_args()
    df = simulate(args.groups, args.times)
    print(f"{len(df):,} rows, {args.groups:,} panels of {args.times}")
    for model in args.models:
        s = Session(out=Output(io.StringIO()))
        s.data = Dataset(df=df)
        c0, w0 = time.process_time(), time.perf_counter()
        cmd_mixed(s, Command(name="mixed", args=model + " nolog"))
        print(f"  mixed {model}: CPU {time.process_time() - c0:.2f} s, wall {time.perf_counter() - w0:.2f} s, "
              f"ll {s.e.scalars['ll']:.4f}")


if __name__ == "__main__":
    main()
