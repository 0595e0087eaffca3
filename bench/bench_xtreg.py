"""Time ``xtreg`` (fe, re, be, mle) against R's plm (within, random, between) and lme4
(ML random intercept) on Stata's nlswork (28,091 complete rows, 4,697 panels): the fit
only, data already in memory, medians of --repeat runs; ratio = peer / mlmcli.

    python3 bench/bench_xtreg.py [--repeat K] [--data path/to/nlswork.dta]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

XS = ["grade", "age", "age2", "ttl_exp", "ttl2", "tenure", "ten2", "black", "not_smsa", "south"]
R_SCRIPT = r"""
suppressMessages({library(plm); library(haven); library(lme4)})
d <- as.data.frame(read_dta(commandArgs(TRUE)[1])); K <- as.integer(commandArgs(TRUE)[2])
d$age2 <- d$age^2; d$ttl2 <- d$ttl_exp^2; d$ten2 <- d$tenure^2; d$black <- as.numeric(d$race == 2)
d <- d[complete.cases(d[, c("ln_wage", "grade", "age", "ttl_exp", "tenure", "not_smsa", "south")]), ]
pd <- pdata.frame(d, index = c("idcode", "year"))
f <- ln_wage ~ grade + age + age2 + ttl_exp + ttl2 + tenure + ten2 + black + not_smsa + south
tm <- function(fun) median(sapply(1:K, function(i) system.time(fun())[["elapsed"]]))
cat(sprintf('{"fe": %f, "re": %f, "be": %f, "mle": %f}\n',
    tm(function() plm(f, data = pd, model = "within")), tm(function() plm(f, data = pd, model = "random")),
    tm(function() plm(f, data = pd, model = "between")),
    tm(function() lmer(update(f, . ~ . + (1 | idcode)), data = d, REML = FALSE))))
"""


def main() -> None:
    from mlmcli.mixed.blas_threads import single_threaded_blas
    from mlmcli.panel.between import fit_between
    from mlmcli.panel.gls import fit_gls
    from mlmcli.panel.groups import Panels, panel_codes
    from mlmcli.panel.maximum_likelihood import fit_ml
    from mlmcli.panel.within import fit_within

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "stata" / "nlswork.dta"))
    args = ap.parse_args()
    df = pd.read_stata(args.data, convert_categoricals=False)
    df["age2"], df["ttl2"], df["ten2"] = df.age ** 2, df.ttl_exp ** 2, df.tenure ** 2
    df["black"] = (df.race == 2).astype(float)
    d = df.dropna(subset=["ln_wage", "idcode"] + XS)
    y, X = d.ln_wage.to_numpy(float), d[XS].to_numpy(float)
    P = Panels(panel_codes(d.idcode.to_numpy()))
    varying = X[:, [1, 2, 3, 4, 5, 6, 8, 9]]
    fits = {"fe": lambda: fit_within(y, varying, P, varying=varying), "re": lambda: fit_gls(y, X, P),
            "be": lambda: fit_between(y, X, P), "mle": lambda: fit_ml(y, X, P)}
    ours = {}
    with single_threaded_blas():
        for name, f in fits.items():
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                f()
                times.append(time.perf_counter() - t)
            ours[name] = float(np.median(times))
    try:
        out = subprocess.run(["Rscript", "-e", R_SCRIPT, args.data, str(args.repeat)], capture_output=True,
                             text=True, timeout=3600).stdout.strip().splitlines()[-1]
        peer = json.loads(out)
    except (OSError, subprocess.SubprocessError, IndexError, ValueError):
        peer = {}
    print(f"{'model':6} {'mlmcli':>10} {'R':>10} {'R/mlmcli':>9}   (R: plm within/random/between, lme4 for mle)")
    for name in fits:
        r = peer.get(name, float("nan"))
        print(f"{name:6} {ours[name]:10.3f} {r:10.3f} {r / ours[name]:9.1f}")


if __name__ == "__main__":
    main()
