"""Time mlmcli's mixed engine against statsmodels MixedLM and (when present) lme4.

usage: python3 bench/bench_mixed.py [--rows N] [--groups G] [--no-statsmodels] [--no-lme4]
                                    [--insteval PATH] [--repeat K]

Models (ML):
  A. y = b0 + b1 x + u0_g + u1_g x + e,  || g: x, cov(un)   on N rows / G groups (simulated)
  B. InstEval: y i.service || _all: R.s || _all: R.d        (73,421 rows, crossed)

Times are wall-clock seconds of the fit itself (data already in memory; for
mlmcli: fit_mixed including standard errors; for lme4: lmer(); for
statsmodels: MixedLM.fit()).  Ratios are other / mlmcli.  The machine is
shared, so repeat runs and take the minimum (--repeat).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from mlmcli.mixed.fit import fit_mixed  # noqa: E402
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
INSTEVAL = os.path.join(HERE, "..", "..", "shared", "data", "insteval.dta")


def simulate(rows: int, groups: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    g = np.sort(rng.integers(0, groups, rows))
    x = rng.normal(size=rows)
    u = rng.normal(size=(groups, 2)) @ np.array([[0.8, 0.0], [0.1, 0.4]])
    y = 1.0 + 0.5 * x + u[g, 0] + u[g, 1] * x + rng.normal(size=rows)
    return g, x, y


def slope_spec(g, x, y, groups) -> MixedSpec:
    X = np.column_stack([x, np.ones(len(y))])
    term = RandomTerm("g", g, X, ("x", "_cons"), "unstructured", groups)
    return MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), (term,))


def insteval_spec(path: str):
    import pandas as pd

    df = pd.read_stata(path, convert_categoricals=False)
    n = len(df)
    s = pd.factorize(df["s"])[0]
    d = pd.factorize(df["d"])[0]
    service = (df["service"].to_numpy() == 1).astype(float)
    X = np.column_stack([service, np.ones(n)])
    terms = (RandomTerm("_all", s, np.ones((n, 1)), ("R.s",), "identity", int(s.max()) + 1),
             RandomTerm("_all", d, np.ones((n, 1)), ("R.d",), "identity", int(d.max()) + 1))
    labels = (CoefLabel("1.service", "service", "1"), CoefLabel("_cons"))
    return MixedSpec("y", df["y"].to_numpy(float), X, labels, terms), df


def time_mlm(spec: MixedSpec, repeat: int):
    best, fit = np.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        fit = fit_mixed(spec)
        best = min(best, time.perf_counter() - t)
    tracemalloc.start()
    fit_mixed(spec)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, fit.loglik, peak


def time_statsmodels_slope(g, x, y):
    import pandas as pd
    import statsmodels.formula.api as smf

    df = pd.DataFrame({"g": g, "x": x, "y": y})
    t = time.perf_counter()
    res = smf.mixedlm("y ~ x", df, groups=df["g"], re_formula="~x").fit(reml=False)
    return time.perf_counter() - t, float(res.llf)


def time_lme4(csv: str, formula: str, factors: list[str]):
    if shutil.which("Rscript") is None:
        return None
    conv = "".join(f"d${f} <- factor(d${f});" for f in factors)
    code = (f"suppressMessages(library(lme4)); d <- read.csv('{csv}'); {conv}"
            f"t <- system.time(m <- lmer({formula}, d, REML=FALSE))[['elapsed']];"
            "cat(t, format(as.numeric(logLik(m)), digits = 15), '\\n')")
    out = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    t, ll = out.stdout.split()[:2]
    return float(t), float(ll)


def report(name, mlm_t, mlm_ll, peak, others):
    print(f"\n{name}")
    print(f"  mlmcli      {mlm_t:8.2f} s   ll = {mlm_ll:.6f}   peak traced memory {peak / 2**20:.0f} MiB")
    for label, res in others.items():
        if res is None:
            print(f"  {label:<11} (not run)")
            continue
        t, ll = res
        print(f"  {label:<11} {t:8.2f} s   ll = {ll:.6f}   ratio {t / mlm_t:6.1f}x")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--groups", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-statsmodels", action="store_true")
    ap.add_argument("--no-lme4", action="store_true")
    ap.add_argument("--insteval", default=INSTEVAL)
    a = ap.parse_args(argv)

    g, x, y = simulate(a.rows, a.groups)
    spec = slope_spec(g, x, y, a.groups)
    data_mib = (g.nbytes + x.nbytes + y.nbytes) / 2**20
    t, ll, peak = time_mlm(spec, a.repeat)
    others = {}
    others["statsmodels"] = None if a.no_statsmodels else time_statsmodels_slope(g, x, y)
    with tempfile.TemporaryDirectory() as tmp:
        if not a.no_lme4:
            import pandas as pd

            csv = os.path.join(tmp, "slope.csv")
            pd.DataFrame({"g": g, "x": x, "y": y}).to_csv(csv, index=False)
            others["lme4"] = time_lme4(csv, "y ~ x + (x | g)", ["g"])
        report(f"A. || g: x, cov(un), ML: {a.rows:,} rows / {a.groups:,} groups "
               f"(data {data_mib:.0f} MiB)", t, ll, peak, others)

        if os.path.exists(a.insteval):
            ispec, df = insteval_spec(a.insteval)
            t, ll, peak = time_mlm(ispec, a.repeat)
            others = {"statsmodels": None}
            if not a.no_lme4:
                csv = os.path.join(tmp, "insteval.csv")
                df[["y", "s", "d", "service"]].to_csv(csv, index=False)
                others["lme4"] = time_lme4(csv, "y ~ factor(service) + (1|s) + (1|d)", ["s", "d"])
            report("B. InstEval: y i.service || _all: R.s || _all: R.d, ML", t, ll, peak, others)


if __name__ == "__main__":
    main()
