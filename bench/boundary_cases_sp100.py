"""Mixed fits whose optimum is on (or next to) the boundary of the variance parameters, on
generated data: a random slope whose true correlation with the intercept is 1, a pweighted
two-level model (pweights at both levels), an unstructured 3x3 whose slope variance is 0, and
help meqrlogit's ``xtmelogit high ses || school: ses, cov(un)`` (corr -.9999994) on hsb.

    python3 bench/boundary_cases_sp100.py OUTDIR      # writes OUTDIR/<case>.dta and <case>.do

Each do-file fits one model with its iteration log; time it with a whole-process timer.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def slope_corr1(rng):
    G, n = 60, 12
    g = np.repeat(np.arange(G), n)
    x = rng.normal(size=G * n)
    z = rng.normal(size=G)
    u0, u1 = 1.0 * z, 0.5 * z  # corr(u0, u1) = 1
    y = 2 + 0.5 * x + u0[g] + u1[g] * x + rng.normal(size=G * n)
    return pd.DataFrame({"g": g + 1, "x": x, "y": y}), "mixed y x || g: x, cov(un)"


def pweighted_two_level(rng):
    G, n = 80, 10
    g = np.repeat(np.arange(G), n)
    x = rng.normal(size=G * n)
    z = rng.normal(size=G)
    u0, u1 = 0.6 * z, -0.3 * z  # corr(u0, u1) = -1
    y = 1 + 0.4 * x + u0[g] + u1[g] * x + rng.normal(size=G * n)
    w2 = rng.uniform(1, 5, size=G)[g]
    w1 = rng.uniform(1, 3, size=G * n)
    return (pd.DataFrame({"g": g + 1, "x": x, "y": y, "w1": w1, "w2": w2}),
            "mixed y x [pw=w1] || g: x, pweight(w2) cov(un)")


def un3_zero_variance(rng, G=50):
    n = 15
    g = np.repeat(np.arange(G), n)
    x1 = rng.normal(size=G * n)
    x2 = rng.normal(size=G * n)
    u0 = 0.8 * rng.normal(size=G)
    u1 = 0.4 * rng.normal(size=G)  # x2's slope has no random part
    y = 1 + 0.5 * x1 - 0.3 * x2 + u0[g] + u1[g] * x1 + rng.normal(size=G * n)
    return (pd.DataFrame({"g": g + 1, "x1": x1, "x2": x2, "y": y}),
            "mixed y x1 x2 || g: x1 x2, cov(un)")


def slope_towards_corr1(rng, G=1500, weighted=True):
    """Four occasions per person, the slope a multiple of the intercept (corr 1): the
    estimated correlation reaches +1 (a pweighted and an unweighted fit)."""
    T = 4
    g = np.repeat(np.arange(G), T)
    occ = np.tile(np.arange(T), G).astype(float)
    z = rng.normal(size=G)
    y = 1 + 0.2 * occ + 0.8 * z[g] + 0.15 * z[g] * occ + rng.normal(size=G * T)
    w1 = np.exp(rng.normal(0, 0.4, G))[g]
    return (pd.DataFrame({"id": g + 1, "occasion": occ, "y": y, "w1": w1}),
            "mixed y occasion || id: occasion, pweight(w1) cov(un)\n"
            "mixed y occasion || id: occasion, cov(un)")


CASES = {"slope_corr1": slope_corr1, "pweighted_two_level": pweighted_two_level,
         "un3_zero_variance": un3_zero_variance, "slope_towards_corr1": slope_towards_corr1,
         # the same shapes with many groups, so that the fit, not start-up, is timed
         "un3_zero_variance_big": lambda rng: un3_zero_variance(rng, G=20000),
         "slope_towards_corr1_big": lambda rng: slope_towards_corr1(rng, G=60000)}


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for k, (name, make) in enumerate(CASES.items()):
        df, line = make(np.random.default_rng(100 + k))
        df.to_stata(out / f"{name}.dta", write_index=False)
        (out / f"{name}.do").write_text(f"use {out / name}.dta, clear\n{line}\n")
    hsb = ROOT / "samples" / "data" / "hsb.dta"  # help meqrlogit's example
    (out / "xtmelogit_un.do").write_text(
        f"use {hsb}, clear\ngenerate high = mathach > 15\n"
        "xtmelogit high ses || school: ses, covariance(unstructured)\n")


if __name__ == "__main__":
    main()
