"""``xtpoisson, re`` (gamma random effects) with vce(robust), the old ``robust`` option and
vce(cluster v).

Evidence: Stata 13's whatsnew12to13 (item 7): "The following previously existing random-effects
panel-data estimation commands now allow for cluster-robust standard errors: xtprobit, xtlogit,
xtcloglog, xtpoisson"; [XT] xtpoisson's RE options: vce(oim|robust|cluster clustvar|...),
"vce(robust) is equivalent to vce(cluster panelvar)"; xtpoisson.ado 3.8.0 (Stata 16):
``XTPOISSON_FE_ROBUST ..., re`` -- row scores y - (theta+Y) mu / (theta+L) and, on every row of a
cluster, the ln alpha score theta(psi(theta) - psi(theta+Y) + ln(1 + alpha L)) + Y -
(theta+Y) L/(theta+L) with L, Y the cluster's totals, ``_robust ..., cluster() minus(0)``;
``e(chi2) = e(b) syminv(V) e(b)'`` over all of e(b); e(vce) robust, e(vcetype) Robust, e(clustvar)
and e(N_clust) under vce(cluster v) only; e(V_modelbased); the LR test of alpha=0 still shown.

The reference below is independent of mlm's engine: the closed-form panel likelihood maximised
with scipy, scores by finite differences of each panel's log likelihood."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import gammaln


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(119)
    n_id, T = 40, 5
    idv = np.repeat(np.arange(1, n_id + 1), T)
    x = rng.normal(size=n_id * T)
    nu = np.repeat(rng.gamma(3.0, 1 / 3.0, size=n_id), T)
    y = rng.poisson(nu * np.exp(0.2 + 0.5 * x))
    return pd.DataFrame({"id": idv.astype(float), "cl": np.ceil(idv / 4).astype(float), "x": x,
                         "y": y.astype(float), "t": np.tile(np.arange(T), n_id).astype(float)})


def _panel_ll(theta, y, X):
    b, lna = theta[:-1], theta[-1]
    th = np.exp(-lna)
    lam = np.exp(X @ b)
    Y, L = y.sum(), lam.sum()
    return (y @ (X @ b) - gammaln(y + 1).sum() + gammaln(th + Y) - gammaln(th) + th * np.log(th)
            - (th + Y) * np.log(th + L))


def _reference(df, cluster):
    X = np.column_stack([df.x.to_numpy(), np.ones(len(df))])
    y = df.y.to_numpy()
    ids = df.id.to_numpy()
    panels = [np.flatnonzero(ids == g) for g in np.unique(ids)]

    def negll(theta):
        return -sum(_panel_ll(theta, y[r], X[r]) for r in panels)

    theta = minimize(negll, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x
    h = 1e-5
    E = np.eye(3) * h
    H = np.array([[(negll(theta + E[i] + E[j]) - negll(theta + E[i] - E[j]) - negll(theta - E[i] + E[j])
                    + negll(theta - E[i] - E[j])) / (4 * h * h) for j in range(3)] for i in range(3)])
    V = np.linalg.inv(H)
    groups = df[cluster].to_numpy()
    S = []
    for g in np.unique(groups):
        r = np.flatnonzero(groups == g)  # the ado's totals run over the cluster's rows
        s = np.array([(_panel_ll(theta + E[k], y[r], X[r]) - _panel_ll(theta - E[k], y[r], X[r])) / (2 * h)
                      for k in range(3)])
        s[-1] *= len(r)  # the ln alpha score sits on every row of the cluster
        S.append(s)
    S = np.array(S)
    return theta, V, V @ S.T @ S @ V


def test_vce_robust_is_the_ado_sandwich_by_panel(do, panel):
    rc, out, s = do("xtset id t\nxtpoisson y x, re vce(robust)", panel)
    assert rc == 0, out
    theta, V_model, V_robust = _reference(panel, "id")
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    assert b == pytest.approx(theta, rel=1e-5, abs=1e-6)
    assert np.sqrt(np.diag(V)) == pytest.approx(np.sqrt(np.diag(V_robust)), rel=2e-4)
    assert s.e.matrices["V_modelbased"].values == pytest.approx(V_model, rel=2e-3)
    assert s.e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.inv(V) @ b), rel=1e-9)
    assert s.e.scalars["df_m"] == 1
    assert (s.e.macros["vce"], s.e.macros["vcetype"], s.e.macros["crittype"]) == (
        "robust", "Robust", "log pseudolikelihood")
    assert "N_clust" not in s.e.scalars and "clustvar" not in s.e.macros
    assert "Iteration 0:   log pseudolikelihood" in out and "Log pseudolikelihood" in out
    assert "adjusted for" not in out and "Likelihood-ratio test of alpha=0" in out
    assert "             |               Robust" in out.splitlines()


def test_old_robust_option_is_vce_robust(do, panel):
    rc, out, s = do("xtset id t\nquietly xtpoisson y x, re vce(robust)\nmatrix A = e(V)\n"
                    "quietly xtpoisson y x, robust\nmatrix B = e(V)", panel)
    assert rc == 0, out
    assert s.matrices["A"].values == pytest.approx(s.matrices["B"].values, rel=1e-12)


def test_vce_cluster_sums_over_the_clusters(do, panel):
    rc, out, s = do("xtset id t\nxtpoisson y x, re vce(cluster cl) irr nolog", panel)
    assert rc == 0, out
    _, _, V_robust = _reference(panel, "cl")
    V = s.e.matrices["V"].values
    assert np.sqrt(np.diag(V)) == pytest.approx(np.sqrt(np.diag(V_robust)), rel=2e-4)
    assert (s.e.scalars["N_clust"], s.e.macros["clustvar"], s.e.macros["vce"]) == (10, "cl", "robust")
    assert "(Std. Err. adjusted for 10 clusters in cl)" in out
    b = s.e.matrices["b"].values.ravel()
    x_row = next(line for line in out.splitlines() if line.startswith("           x |"))
    shown, se = (float(v) for v in x_row.split("|")[1].split()[:2])
    assert shown == pytest.approx(np.exp(b[0]), rel=1e-6)
    assert se == pytest.approx(np.exp(b[0]) * np.sqrt(V[0, 0]), rel=1e-5)


def test_refusals(do, panel):
    split = panel.assign(cl=np.where(panel.t < 2, 1.0, 2.0) + panel.id * 0)  # panels split across clusters
    rc, out, s = do("xtset id t\nxtpoisson y x, re vce(cluster cl)", split)
    assert rc == 498 and s.e is None
    rc, out, s = do("xtset id t\nxtpoisson y x, re normal robust", panel)
    assert rc == 198 and "option robust not allowed" in out and s.e is None
