"""Hard linear mixed models: mlm against lme4's optimum (the sweep of issue 10).

usage: python3 bench/hard_models.py [--refresh-lme4] [--only NAME,...]

Each case is generated data (numpy's default_rng with a fixed seed) and a model
in both syntaxes.  ``--refresh-lme4`` writes every dataset to a temporary CSV,
runs ``bench/hard_models.R`` (lme4 ``lmer``, default optimiser, REML or ML as the
case says) and stores lme4's log likelihood and variance components in
``bench/hard_models_lme4.json`` (R is not needed afterwards).  Then every case is
fitted with mlmcli's engine and compared: the table prints mlm's and lme4's log
likelihood, their difference, mlm's time and iterations.  mlm must reach
lme4's optimum (log likelihood within 1e-6) wherever lme4 fits;
``tests/test_mixed_engine_sweep.py`` checks that on the same cases.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
LME4_JSON = os.path.join(HERE, "hard_models_lme4.json")


def _corr_effects(rng, G, sd, corr):
    """G x q random effects with standard deviations sd and correlation matrix corr."""
    sd = np.asarray(sd, float)
    S = np.asarray(corr, float) * np.outer(sd, sd)
    w, V = np.linalg.eigh(S)
    return rng.normal(size=(G, len(sd))) @ (V * np.sqrt(np.maximum(w, 0))).T


def _case(name, n_groups, per, seed, sd, corr, zcols, method="ML", scale=None, beta=None):
    """Two-level random-coefficient data: y = X beta + Z u_g + e with Z = zcols of X."""
    rng = np.random.default_rng(seed)
    G = n_groups
    g = np.repeat(np.arange(G), per) if np.isscalar(per) else np.repeat(np.arange(G), per)
    n = len(g)
    t = rng.uniform(-1, 1, n)
    cols = {"x1": t, "x2": t ** 2 - 1 / 3, "x3": t ** 3 - 0.6 * t, "w": rng.normal(size=n)}
    if scale:
        for k, s in scale.items():
            cols[k] = cols[k] * s
    u = _corr_effects(rng, G, sd, corr)
    Z = np.column_stack([cols[c] if c != "_cons" else np.ones(n) for c in zcols])
    b = beta or {"x1": 1.0, "x2": -0.5, "x3": 0.3, "w": 0.2}
    y = 10.0 + sum(b[k] * cols[k] / (scale or {}).get(k, 1.0) for k in b) + (Z * u[g]).sum(1)
    y = y + rng.normal(size=n)
    data = {"g": g + 1, "y": y, **cols}
    return dict(name=name, data=data, fixed=["x1", "x2", "x3", "w"], re=[(("g",), zcols)],
                method=method)


def _unit(q, rho):
    c = np.full((q, q), rho)
    np.fill_diagonal(c, 1.0)
    return c


def _crossed(name, seed, method="ML"):
    rng = np.random.default_rng(seed)
    n = 1500
    a = rng.integers(0, 60, n)
    b = rng.integers(0, 25, n)
    x = rng.normal(size=n)
    ua = _corr_effects(rng, 60, [0.8, 0.3], [[1, 0.5], [0.5, 1]])
    ub = rng.normal(size=25) * 0.6
    y = 2 + 0.5 * x + ua[a, 0] + ua[a, 1] * x + ub[b] + rng.normal(size=n)
    return dict(name=name, data={"a": a + 1, "b": b + 1, "x": x, "y": y}, fixed=["x"],
                re=[(("a",), ["x", "_cons"]), (("b",), ["_cons"])], method=method, crossed=True)


def _three_level(name, seed, method="ML"):
    rng = np.random.default_rng(seed)
    S, C, per = 20, 4, 6
    school = np.repeat(np.arange(S), C * per)
    cls = np.repeat(np.arange(S * C), per)
    n = len(school)
    x = rng.normal(size=n)
    us = _corr_effects(rng, S, [0.7, 0.4], [[1, -0.6], [-0.6, 1]])
    uc = rng.normal(size=S * C) * 0.5
    y = 1 + x + us[school, 0] + us[school, 1] * x + uc[cls] + rng.normal(size=n)
    return dict(name=name, data={"school": school + 1, "class": cls + 1, "x": x, "y": y},
                fixed=["x"], re=[(("school",), ["x", "_cons"]), (("class",), ["_cons"])],
                method=method)


def cases() -> list[dict]:
    """Every case of the sweep (the data are regenerated identically each time)."""
    un3 = [[1, 0.5, 0.2], [0.5, 1, -0.3], [0.2, -0.3, 1]]
    return [
        _case("un3_ml", 40, 10, 11, [1.5, 0.8, 0.5], un3, ["x1", "x2", "_cons"]),
        _case("un3_reml", 40, 10, 11, [1.5, 0.8, 0.5], un3, ["x1", "x2", "_cons"], method="REML"),
        _case("un4_ml", 60, 12, 12, [1.2, 0.7, 0.4, 2.0], _unit(4, 0.3), ["x1", "x2", "x3", "_cons"]),
        _case("un4_reml", 60, 12, 12, [1.2, 0.7, 0.4, 2.0], _unit(4, 0.3), ["x1", "x2", "x3", "_cons"],
              method="REML"),
        _case("near_singular_corr", 50, 8, 13, [1.0, 1.0], [[1, 0.995], [0.995, 1]], ["x1", "_cons"]),
        _case("zero_slope_variance", 50, 8, 14, [0.0, 1.0], _unit(2, 0.0), ["x1", "_cons"]),
        _case("tiny_variance_3re", 40, 6, 15, [0.05, 0.0, 1.0], _unit(3, 0.0), ["x1", "x2", "_cons"]),
        _case("badly_scaled", 40, 10, 16, [0.9, 0.6], [[1, 0.4], [0.4, 1]], ["x1", "_cons"],
              scale={"x1": 1000.0, "w": 1e-3}),
        _case("badly_scaled_3re", 40, 10, 17, [0.9, 0.6, 0.4], un3, ["x1", "x2", "_cons"],
              scale={"x1": 1e3, "x2": 1e-2}),
        _case("pairs_slope", 150, 2, 18, [0.8, 0.5], [[1, 0.3], [0.3, 1]], ["x1", "_cons"]),
        _case("tiny_groups_slope", 150, 3, 18, [0.8, 0.5], [[1, 0.3], [0.3, 1]], ["x1", "_cons"]),
        _case("tiny_groups_3re", 120, 3, 19, [0.8, 0.5, 0.3], un3, ["x1", "x2", "_cons"]),
        _case("growth_cubic_4re", 26, 9, 20, [6.0, 1.6, 0.8, 0.3], [[1, .6, .2, 0], [.6, 1, .4, .1],
                                                                  [.2, .4, 1, .2], [0, .1, .2, 1]],
              ["_cons", "x1", "x2", "x3"]),
        _crossed("crossed_slope_ml", 21),
        _crossed("crossed_slope_reml", 21, method="REML"),
        _three_level("three_level_slope", 22),
    ]


def to_spec(case):
    """The MixedSpec of a case (unstructured covariance for every multi-column term)."""
    from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm

    d = {k: np.asarray(v) for k, v in case["data"].items()}
    n = len(d["y"])
    fixed = case["fixed"]
    X = np.column_stack([d[c] for c in fixed] + [np.ones(n)])
    labels = tuple(CoefLabel(c) for c in fixed) + (CoefLabel("_cons"),)
    terms = []
    for (lv,), zc in case["re"]:
        codes, G = np.unique(d[lv], return_inverse=True)
        Z = np.column_stack([np.ones(n) if c == "_cons" else d[c] for c in zc])
        kind = "unstructured" if len(zc) > 1 else "identity"
        level = "_all" if case.get("crossed") else lv
        names = tuple(zc) if not case.get("crossed") or len(zc) > 1 else (f"R.{lv}",)
        terms.append(RandomTerm(level, G.ravel(), Z, names, kind, len(codes)))
    return MixedSpec("y", d["y"].astype(float), X, labels, tuple(terms), method=case["method"])


def r_formula(case) -> str:
    fixed = " + ".join(case["fixed"])
    parts = []
    for (lv,), zc in case["re"]:
        cols = [c for c in zc if c != "_cons"]
        rhs = " + ".join(cols) if cols else "1"
        if "_cons" not in zc:
            rhs = "0 + " + rhs
        parts.append(f"({rhs} | {lv})")
    return f"y ~ {fixed} + " + " + ".join(parts)


def refresh_lme4(selected) -> dict:
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for c in selected:
            csv = os.path.join(tmp, c["name"] + ".csv")
            pd.DataFrame(c["data"]).to_csv(csv, index=False, float_format="%.17g")
            jobs.append({"name": c["name"], "csv": csv, "formula": r_formula(c),
                         "reml": c["method"] == "REML",
                         "factors": [lv for (lv,), _ in c["re"]]})
        spec = os.path.join(tmp, "jobs.json")
        out = os.path.join(tmp, "out.json")
        with open(spec, "w") as fh:
            json.dump(jobs, fh)
        subprocess.run(["Rscript", os.path.join(HERE, "hard_models.R"), spec, out], check=True)
        with open(out) as fh:
            res = json.load(fh)
    stored = json.load(open(LME4_JSON)) if os.path.exists(LME4_JSON) else {}
    for c in selected:
        r = res[c["name"]]
        if "error" in r:
            r["error"] = r["error"] if isinstance(r["error"], str) else str(r["error"])
        r["ysum"] = float(np.sum(c["data"]["y"]))
        r["formula"] = r_formula(c)
        stored[c["name"]] = r
    with open(LME4_JSON, "w") as fh:
        json.dump(stored, fh, indent=1, sort_keys=True)
    return stored


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--refresh-lme4", action="store_true")
    ap.add_argument("--only", default="")
    a = ap.parse_args(argv)
    from mlmcli.mixed.fit import fit_mixed

    selected = [c for c in cases() if not a.only or c["name"] in a.only.split(",")]
    ref = refresh_lme4(selected) if a.refresh_lme4 else json.load(open(LME4_JSON))
    print(f"{'case':<22} {'method':<5} {'mlm loglik':>18} {'lme4 loglik':>18} {'mlm - lme4':>11} "
          f"{'time s':>7} {'iter':>5}")
    worst = 0.0
    for c in selected:
        t = time.perf_counter()
        fit = fit_mixed(to_spec(c))
        dt = time.perf_counter() - t
        r = ref[c["name"]]
        if "error" in r:
            print(f"{c['name']:<22} {c['method']:<5} {fit.loglik:18.8f} {'(lme4 refuses)':>18} "
                  f"{'':>11} {dt:7.3f} {len(fit.history):5d}   lme4: {r['error'][:60]}")
            continue
        diff = fit.loglik - r["loglik"]
        worst = min(worst, diff)
        print(f"{c['name']:<22} {c['method']:<5} {fit.loglik:18.8f} {r['loglik']:18.8f} {diff:11.2e} "
              f"{dt:7.3f} {len(fit.history):5d}{'' if fit.converged else '  NOT CONVERGED'}")
    print(f"worst (mlm - lme4): {worst:.2e}  (negative = mlm below lme4's optimum)")
    return 0 if worst > -1e-6 else 1


if __name__ == "__main__":
    sys.exit(main())
