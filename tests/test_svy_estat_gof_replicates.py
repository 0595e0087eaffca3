"""estat gof after svy with a replication-based variance: _svy_gof_hl.ado reruns the residual
means as ``svy `e(vce)', `e(mse)': mean``, so V is the spread of the group means recomputed
with each replicate's weights (BRR from brrweight() with and without mse; the design's
delete-one-PSU jackknife), checked against the replicate means and variance written out
here; F = (f - g + 2) W / (f g) with the model's design df."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4242)
    rows = []
    for h in range(5):
        for j in range(4):
            u = rng.normal(0, 0.3)
            for _ in range(30):
                x = rng.normal()
                eta = -0.2 + 0.9 * x + 0.5 * x * x + u
                rows.append({"h": h + 1, "c": 10 * (h + 1) + j, "w": rng.uniform(0.5, 2.5), "x": x,
                             "y": float(rng.random() < 1 / (1 + np.exp(-eta)))})
    df = pd.DataFrame(rows)
    for r in range(12):  # half-sample-like replicate weights
        df[f"rw{r + 1}"] = df["w"] * np.where(rng.random(len(df)) < 0.5, 1.5, 0.5)
    return df


def _probabilities(df):
    import statsmodels.api as sm

    X = sm.add_constant(df[["x"]].to_numpy())
    return sm.GLM(df["y"].to_numpy(), X, family=sm.families.Binomial(),
                  var_weights=df["w"].to_numpy()).fit(tol=1e-12).predict(X)


def _groups(p, w, g):
    order = np.argsort(p, kind="stable")
    cum = np.cumsum(w[order]) / w.sum()
    cuts = [p[order][np.searchsorted(cum, k / g)] for k in range(1, g)]
    return np.searchsorted(cuts, p, side="left")


def _means(r, w, group, g):
    return np.array([np.sum(w[group == j] * r[group == j]) / np.sum(w[group == j]) for j in range(g)])


def _F(M, V, f, g):
    from scipy.stats import f as f_dist

    W = float(M @ np.linalg.solve(V, M))
    F = (f - g + 2) * W / (f * g)
    return F, float(f_dist.sf(F, g - 1, f - g + 2))


@pytest.mark.parametrize("mse", [True, False])
def test_brr_replicate_means(do, data, mse):
    g = 5
    setup = f"svyset [pweight=w], brrweight(rw1-rw12) vce(brr){' mse' if mse else ''}\n"
    rc, out, s = do(setup + f"svy: logit y x\nestat gof, group({g})\n", df=data)
    assert rc == 0, out
    p = _probabilities(data)
    w, r = data["w"].to_numpy(), data["y"].to_numpy() - p
    group = _groups(p, w, g)
    M = _means(r, w, group, g)
    B = np.array([_means(r, data[f"rw{k + 1}"].to_numpy(), group, g) for k in range(12)])
    D = B - (M if mse else B.mean(axis=0))
    V = D.T @ D / 12
    F, pval = _F(M, V, 11, g)  # design df: 12 replicates - 1
    assert (s.r["df1"], s.r["df2"]) == (4, 8)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(pval, rel=1e-5)


def test_design_jackknife(do, data):
    g = 10
    rc, out, s = do("svyset c [pweight=w], strata(h) vce(jackknife)\nsvy: logit y x\nestat gof\n", df=data)
    assert rc == 0, out
    p = _probabilities(data)
    w, r = data["w"].to_numpy(), data["y"].to_numpy() - p
    group = _groups(p, w, g)
    M = _means(r, w, group, g)
    V = np.zeros((g, g))
    for h, stratum in data.groupby("h"):
        psus = stratum["c"].unique()
        n_h = len(psus)
        reps = []
        for c in psus:  # delete PSU c: its stratum's other PSUs weighted up by n_h / (n_h - 1)
            wr = np.where(data["h"] == h, np.where(data["c"] == c, 0.0, w * n_h / (n_h - 1)), w)
            reps.append(_means(r, wr, group, g))
        D = np.array(reps) - np.mean(reps, axis=0)
        V += (n_h - 1) / n_h * D.T @ D
    F, pval = _F(M, V, 20 - 5, g)
    assert (s.r["df1"], s.r["df2"]) == (9, 7)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(pval, rel=1e-5)
