"""Single-level GLM commands against R: ``logit``, ``poisson``, ``ologit`` on generated data.

    python3 bench/bench_glm.py [--rows N] [--repeat K]

Times the command (``quietly logit y x1 x2 i.g`` ...: design, fit, standard errors, e();
data already in memory) in one mlm session, and in one R session the same fits with
``glm(binomial)``, ``glm(poisson)`` and ``ordinal::clm`` (data already in memory, timed with
``system.time`` around the fit and ``vcov``).  Prints the medians over K runs, the log
likelihoods and the ratio R / mlm.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MODELS = {
    "logit": ("logit y x1 x2 i.g", "glm(y ~ x1 + x2 + factor(g), family = binomial, data = d)"),
    "poisson": ("poisson cnt x1 x2 i.g", "glm(cnt ~ x1 + x2 + factor(g), family = poisson, data = d)"),
    "ologit": ("ologit g x1 x2", "ordinal::clm(factor(g) ~ x1 + x2, data = d)"),
}


def make_data(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    g = rng.integers(0, 5, n)
    eta = 0.3 + 0.5 * x1 - 0.2 * x2 + 0.1 * g
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    cnt = rng.poisson(np.exp(0.2 + 0.3 * x1)).astype(float)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "g": g.astype(float), "cnt": cnt})


def time_mlm(df: pd.DataFrame, repeat: int) -> dict:
    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df.copy())
    r = Runner(s)
    r.run_text("quietly logit y x1")  # imports outside the timings
    out = {}
    for name, (command, _) in MODELS.items():
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            assert r.run_text("quietly " + command) == 0
            times.append(time.perf_counter() - t)
        out[name] = (statistics.median(times), s.e.scalars["ll"])
    return out


def time_r(df: pd.DataFrame, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "d.csv")
        df.to_csv(csv, index=False)
        fits = "\n".join(
            f'tt <- sapply(1:{repeat}, function(i) system.time({{f <<- {call}; v <- vcov(f)}})[["elapsed"]])\n'
            f'res${name} <- c(median(tt), as.numeric(logLik(f)))'
            for name, (_, call) in MODELS.items())
        script = f'suppressMessages(library(ordinal))\nd <- read.csv("{csv}")\nres <- list()\n{fits}\ncat(jsonlite::toJSON(res, digits = NA))\n'
        path = os.path.join(tmp, "b.R")
        with open(path, "w") as fh:
            fh.write(script)
        proc = subprocess.run(["Rscript", path], capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"Rscript failed:\n{proc.stderr}")
        text = proc.stdout
    return {k: tuple(v) for k, v in json.loads(text).items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    df = make_data(a.rows)
    mlm = time_mlm(df, a.repeat)
    r = time_r(df, a.repeat)
    print(f"{a.rows:,} rows, median of {a.repeat}")
    print(f"{'model':10s} {'mlm s':>8s} {'R s':>8s} {'R/mlm':>6s}  ll mlm / ll R")
    for name in MODELS:
        tm, llm = mlm[name]
        tr, llr = r[name]
        print(f"{name:10s} {tm:8.2f} {tr:8.2f} {tr / tm:6.2f}  {llm:.6f} / {llr:.6f}")


if __name__ == "__main__":
    main()
