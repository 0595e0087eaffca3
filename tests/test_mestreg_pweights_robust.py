"""mestreg's observation weights in the syntax ([ME] mestreg: fe_equation ``[indepvars] [if]
[in] [weight]``) and vce(robust|cluster) on the one-level fit: point estimates against the
unweighted fit of the expanded data (integer weights = repeated records in the same group),
the cluster sandwich against an independent computation (Gauss-Hermite group integrals in
numpy, finite-difference scores and Hessian), the display and e(), and the refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed=5, G=14, m=9):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, G + 1), m)
    u = rng.normal(0, 0.6, G)[g - 1]
    x = rng.normal(size=G * m)
    lam = np.exp(-1.0 + 0.5 * x + u)
    p = 1.3
    t = (-np.log(rng.random(G * m)) / lam) ** (1 / p)
    d = (rng.random(G * m) < 0.85).astype(float)
    w = rng.integers(1, 4, G * m).astype(float)
    return pd.DataFrame({"g": g.astype(float), "x": x, "t": t, "d": d, "w": w,
                         "c": ((g - 1) // 2 + 1).astype(float)})


def _b(s):
    return np.asarray(s.e.matrices["b"].values, float).reshape(-1)


def _V(s):
    return np.asarray(s.e.matrices["V"].values, float)


def test_pweights_equal_the_expanded_unweighted_fit(do):
    df = _data()
    rc, out, s = do("stset t, failure(d)\nmestreg x [pweight=w] || g:, distribution(weibull) intpoints(12)", df)
    assert rc == 0, out
    big = df.loc[df.index.repeat(df["w"].astype(int))].reset_index(drop=True)
    rc2, out2, s2 = do("stset t, failure(d)\nmestreg x || g:, distribution(weibull) intpoints(12)", big)
    assert rc2 == 0, out2
    np.testing.assert_allclose(_b(s), _b(s2), rtol=2e-4, atol=2e-5)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-7)
    assert s.e.scalars["N"] == len(df)  # pweights: N is the records
    assert s.e.macros["wtype"] == "pweight" and s.e.macros["wexp"] == "= w"
    assert s.e.macros["vce"] == "robust" and s.e.macros["vcetype"] == "Robust"
    assert s.e.macros["clustvar"] == "g" and s.e.scalars["N_clust"] == 14
    assert "chi2_c" not in s.e.scalars  # no LR test of a pseudolikelihood
    assert "Log pseudolikelihood =" in out and "log pseudolikelihood =" in out
    assert "(Std. Err. adjusted for 14 clusters in g)" in out
    assert "LR test vs." not in out


def _independent_sandwich(df, theta, weights, clusters):
    """Sandwich V of (b_x, b_cons, ln_p, var(_cons)) from numpy: ln L_j by a 150-point
    Gauss-Hermite rule on u ~ N(0, var) (not adaptive: weighted groups have sharp posteriors,
    60 points are 0.6% off), central-difference scores and Hessian."""
    nodes, wts = np.polynomial.hermite_e.hermegauss(150)
    wts = wts / wts.sum()
    x, t, d = df["x"].to_numpy(), df["t"].to_numpy(), df["d"].to_numpy()
    codes = df["g"].to_numpy().astype(int) - 1
    G = codes.max() + 1

    def group_ll(th):
        bx, b0, lnp, var = th
        p = np.exp(lnp)
        eta = (b0 + bx * x)[:, None] + np.sqrt(var) * nodes[None, :]
        ll = d[:, None] * (eta + np.log(p) + (p - 1) * np.log(t)[:, None]) - np.exp(eta) * (t ** p)[:, None]
        ll = ll * weights[:, None]
        per = np.zeros((G, len(nodes)))
        np.add.at(per, codes, ll)
        top = per.max(axis=1, keepdims=True)
        return top[:, 0] + np.log(np.exp(per - top) @ wts)

    k = len(theta)
    h = 1e-5 * np.maximum(1, np.abs(theta))
    S = np.zeros((G, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h[i]
        S[:, i] = (group_ll(theta + e) - group_ll(theta - e)) / (2 * h[i])
    H = np.zeros((k, k))
    hh = 1e-4 * np.maximum(1, np.abs(theta))
    f = lambda th: group_ll(th).sum()  # noqa: E731
    for i in range(k):
        for j in range(k):
            ei, ej = np.zeros(k), np.zeros(k)
            ei[i], ej[j] = hh[i], hh[j]
            H[i, j] = (f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)) / (
                4 * hh[i] * hh[j])
    cl = clusters[np.unique(codes, return_index=True)[1]]
    uniq, cc = np.unique(cl, return_inverse=True)
    C = len(uniq)
    Sc = np.zeros((C, k))
    np.add.at(Sc, cc, S)
    A = np.linalg.inv(-H)
    return A @ ((C / (C - 1)) * Sc.T @ Sc) @ A


@pytest.mark.parametrize("weighted, vce, cluster_col", [
    (False, "vce(robust)", "g"),
    (True, "", "g"),  # pweights imply robust, clustered at the level
    (False, "vce(cluster c)", "c"),  # clusters of two groups
])
def test_sandwich_matches_an_independent_computation(do, weighted, vce, cluster_col):
    df = _data()
    wt = " [pweight=w]" if weighted else ""
    rc, out, s = do(f"stset t, failure(d)\nmestreg x{wt} || g:, distribution(weibull) intpoints(30) {vce}", df)
    assert rc == 0, out
    b = _b(s)  # _t:x, _t:_cons, /:ln_p, /:var(_cons[g])
    w = df["w"].to_numpy() if weighted else np.ones(len(df))
    V = _independent_sandwich(df, b, w, df[cluster_col].to_numpy())
    np.testing.assert_allclose(np.sqrt(np.diag(_V(s))), np.sqrt(np.diag(V)), rtol=3e-3)
    n_clusters = df[cluster_col].nunique()
    assert s.e.scalars["N_clust"] == n_clusters and s.e.macros["clustvar"] == cluster_col
    assert f"(Std. Err. adjusted for {n_clusters} clusters in {cluster_col})" in out


def test_vce_robust_without_weights_keeps_the_point_estimates(do):
    df = _data()
    rc, _, s = do("stset t, failure(d)\nmestreg x || g:, distribution(exponential)", df)
    rc2, _, s2 = do("stset t, failure(d)\nmestreg x || g:, distribution(exponential) vce(robust)", df)
    assert rc == rc2 == 0
    np.testing.assert_allclose(_b(s), _b(s2), rtol=1e-8)
    assert "wtype" not in s2.e.macros and "chi2_c" in s.e.scalars


@pytest.mark.parametrize("line, rc", [
    ("mestreg x [aweight=w] || g:, distribution(weibull)", 101),
    ("mestreg x [fweight=w] || g:, distribution(weibull)", 198),  # not fitted by mlm
    ("mestreg x [pweight=w] || g:, distribution(weibull) vce(oim)", 198),  # pweights need robust
    ("mestreg x || g:, distribution(weibull) vce(bootstrap)", 198),
    ("mestreg x [pweight=w] || c: || g:, distribution(weibull)", 198),  # nested levels: not fitted
    ("mestreg x || g:, distribution(weibull) vce(cluster x)", 459),  # groups not nested in clusters
])
def test_refusals_leave_no_results(do, line, rc):
    df = _data()
    got, out, s = do("stset t, failure(d)\n" + line, df)
    assert got == rc, out
    assert s.e is None
