"""The commands moved onto ``robust.cluster_sandwich`` keep their vce(robust)/vce(cluster)
e(V): each against a computation written here from the data -- statsmodels' cluster-robust
and HC1 OLS covariances (regress, areg, nl), numpy's scores and information at the fit's e(b)
(logit, poisson, glm, sem), and a numpy marginal likelihood with difference scores for mixed
(Stata's block-diagonal bread)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


def _data(seed=11, G=24, m=8):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, G + 1), m)
    u = rng.normal(0, 0.7, G)[g - 1]
    x1, x2 = rng.normal(size=G * m), rng.normal(size=G * m)
    eta = 0.3 + 0.5 * x1 - 0.4 * x2 + u
    return pd.DataFrame(dict(
        g=g.astype(float), c=((g - 1) // 3 + 1).astype(float), x1=x1, x2=x2,
        y=eta + rng.normal(size=G * m),
        yb=(rng.random(G * m) < 1 / (1 + np.exp(-eta))).astype(float),
        yc=rng.poisson(np.exp(0.2 + 0.3 * x1 + 0.5 * u)).astype(float),
        w=rng.integers(1, 4, G * m).astype(float)))


DF = _data()


def _eV(do, text, df=DF):
    rc, out, s = do(text, df)
    assert rc == 0, out
    return np.asarray(s.e.matrices["b"].values, float).reshape(-1), np.asarray(s.e.matrices["V"].values, float)


def _design(df, cons_last=True):
    return np.column_stack([df["x1"], df["x2"], np.ones(len(df))])


def _clustered(scores, labels):
    _, codes = np.unique(labels, return_inverse=True)
    G = codes.max() + 1
    sums = np.array([scores[codes == j].sum(0) for j in range(G)])
    return G / (G - 1) * sums.T @ sums


def _sm_order(params):  # statsmodels' const first -> Stata's _cons last
    k = len(params)
    return [*range(1, k), 0]


@pytest.mark.parametrize("cov, stata", [("cluster", "vce(cluster g)"), ("HC1", "vce(robust)")])
def test_regress_against_statsmodels(do, cov, stata):
    _, V = _eV(do, f"regress y x1 x2, {stata}")
    X = sm.add_constant(DF[["x1", "x2"]])
    kw = {"cov_kwds": {"groups": DF["g"].astype(int)}} if cov == "cluster" else {}
    ref = sm.OLS(DF["y"], X).fit(cov_type=cov, **kw).cov_params().to_numpy()
    o = _sm_order(ref)
    np.testing.assert_allclose(V, ref[np.ix_(o, o)], rtol=1e-10, atol=1e-14)


def test_regress_fweights_robust_equal_the_expanded_rows(do):
    _, V = _eV(do, "regress y x1 x2 [fw=w], vce(robust)")
    big = DF.loc[DF.index.repeat(DF["w"].astype(int))]
    ref = sm.OLS(big["y"], sm.add_constant(big[["x1", "x2"]])).fit(cov_type="HC1").cov_params().to_numpy()
    o = _sm_order(ref)
    np.testing.assert_allclose(V, ref[np.ix_(o, o)], rtol=1e-10, atol=1e-14)


def test_areg_cluster_against_statsmodels_dummies(do):
    _, V = _eV(do, "areg y x1 x2, absorb(g) vce(cluster g)")
    dummies = pd.get_dummies(DF["g"].astype(int), prefix="g", drop_first=True, dtype=float)
    X = sm.add_constant(pd.concat([DF[["x1", "x2"]], dummies], axis=1))
    ref = sm.OLS(DF["y"], X).fit(cov_type="cluster", cov_kwds={"groups": DF["g"].astype(int)}).cov_params()
    np.testing.assert_allclose(V[:2, :2], ref.loc[["x1", "x2"], ["x1", "x2"]].to_numpy(), rtol=1e-9)


def test_nl_cluster_is_the_linear_models(do):
    _, V = _eV(do, "nl (y = {b0} + {b1}*x1 + {b2}*x2), vce(cluster g)")
    X = sm.add_constant(DF[["x1", "x2"]])
    ref = sm.OLS(DF["y"], X).fit(cov_type="cluster", cov_kwds={"groups": DF["g"].astype(int)}).cov_params().to_numpy()
    np.testing.assert_allclose(V, ref, rtol=1e-6)  # nl's b: Gauss-Newton to its tolerance


@pytest.mark.parametrize("vce", ["vce(cluster g)", "vce(robust)"])
def test_logit_sandwich_from_numpy_scores(do, vce):
    b, V = _eV(do, f"logit yb x1 x2, {vce}")
    X, y = _design(DF), DF["yb"].to_numpy()
    p = 1 / (1 + np.exp(-X @ b))
    bread = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    S = X * (y - p)[:, None]
    meat = _clustered(S, DF["g"] if "cluster" in vce else np.arange(len(y)))
    np.testing.assert_allclose(V, bread @ meat @ bread, rtol=1e-9)


def test_glm_irls_cluster_is_the_logit_sandwich(do):
    b, V = _eV(do, "glm yb x1 x2, family(binomial) irls vce(cluster c)")
    X, y = _design(DF), DF["yb"].to_numpy()
    p = 1 / (1 + np.exp(-X @ b))
    bread = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    np.testing.assert_allclose(V, bread @ _clustered(X * (y - p)[:, None], DF["c"]) @ bread, rtol=1e-7)


@pytest.mark.parametrize("weight", ["", "[fw=w]"])
def test_poisson_robust_from_numpy_scores(do, weight):
    b, V = _eV(do, f"poisson yc x1 x2 {weight}, vce(robust)")
    X, y = _design(DF), DF["yc"].to_numpy()
    w = DF["w"].to_numpy() if weight else np.ones(len(y))
    mu = np.exp(X @ b)
    bread = np.linalg.inv(X.T @ (X * (w * mu)[:, None]))
    s = X * (y - mu)[:, None]  # one observation's score; an fweighted row is w of them
    n = w.sum()
    meat = n / (n - 1) * s.T @ (s * w[:, None])
    np.testing.assert_allclose(V, bread @ meat @ bread, rtol=1e-9)


def test_poisson_cluster_from_numpy_scores(do):
    b, V = _eV(do, "poisson yc x1 x2, vce(cluster c)")
    X, y = _design(DF), DF["yc"].to_numpy()
    mu = np.exp(X @ b)
    bread = np.linalg.inv(X.T @ (X * mu[:, None]))
    np.testing.assert_allclose(V, bread @ _clustered(X * (y - mu)[:, None], DF["c"]) @ bread, rtol=1e-9)


def test_sem_cluster_from_the_normal_likelihood(do):
    """sem (y <- x1 x2): b = OLS, var(e.y) = RSS/N; OIM block diagonal (X'X/s2, N/(2 s2^2));
    scores x e/s2 and (e^2/s2 - 1)/(2 s2)."""
    b, V = _eV(do, "sem (y <- x1 x2), vce(cluster g)")
    X, y = _design(DF), DF["y"].to_numpy()
    beta, s2 = b[:3], b[3]
    e = y - X @ beta
    assert s2 == pytest.approx(e @ e / len(y), rel=1e-7)
    S = np.column_stack([X * (e / s2)[:, None], (e * e / s2 - 1) / (2 * s2)])
    bread = np.zeros((4, 4))
    bread[:3, :3] = np.linalg.inv(X.T @ X / s2)
    bread[3, 3] = 2 * s2 * s2 / len(y)
    np.testing.assert_allclose(V, bread @ _clustered(S, DF["g"]) @ bread, rtol=1e-5)


def test_mixed_cluster_from_a_numpy_marginal_likelihood(do):
    """mixed y x1 x2 || g:, vce(cluster c): each group's ln L_g(beta, ln s_u, ln s_e) of
    N(X_g b, s_u^2 J + s_e^2 I) in numpy, central-difference scores summed within the clusters,
    the bread blockdiag((X'V^-1X)^-1, -H_phi^-1) (Stata's block-diagonal information)."""
    b, V = _eV(do, "mixed y x1 x2 || g:, vce(cluster c)")
    X, y, g = _design(DF), DF["y"].to_numpy(), DF["g"].to_numpy()
    groups = [np.flatnonzero(g == v) for v in np.unique(g)]

    def group_ll(theta):
        beta, su2, se2 = theta[:3], np.exp(2 * theta[3]), np.exp(2 * theta[4])
        out = []
        for rows in groups:
            r = y[rows] - X[rows] @ beta
            C = su2 * np.ones((len(rows),) * 2) + se2 * np.eye(len(rows))
            out.append(-0.5 * (len(rows) * np.log(2 * np.pi) + np.linalg.slogdet(C)[1] + r @ np.linalg.solve(C, r)))
        return np.array(out)

    h = 1e-5
    S = np.column_stack([(group_ll(b + h * e) - group_ll(b - h * e)) / (2 * h) for e in np.eye(5)])
    H = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            ei, ej = np.eye(5)[3 + i] * 1e-4, np.eye(5)[3 + j] * 1e-4
            H[i, j] = (group_ll(b + ei + ej).sum() - group_ll(b + ei - ej).sum()
                       - group_ll(b - ei + ej).sum() + group_ll(b - ei - ej).sum()) / (4e-8)
    su2, se2 = np.exp(2 * b[3]), np.exp(2 * b[4])
    XVX = sum(X[r].T @ np.linalg.solve(su2 * np.ones((len(r),) * 2) + se2 * np.eye(len(r)), X[r]) for r in groups)
    bread = np.zeros((5, 5))
    bread[:3, :3] = np.linalg.inv(XVX)
    bread[3:, 3:] = np.linalg.inv(-H)
    cluster_of_group = np.array([DF["c"].to_numpy()[r[0]] for r in groups])
    np.testing.assert_allclose(V, bread @ _clustered(S, cluster_of_group) @ bread, rtol=2e-4, atol=1e-9)
