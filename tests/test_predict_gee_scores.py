"""predict, score after xtgee / xtlogit, pa / xtprobit, pa (xtgee_p's GenScores).

Independent checks with numpy: (1) each panel's X_i' s_i are the GEE estimating equations,
which sum to zero at e(b); (2) the semirobust variance xtgee reports, H^-1 (sum U_i U_i') H^-1
with H = sum D_i' V_i^-1 D_i, is rebuilt from the scores (U_i = X_i' s_i sqrt(e(phi))); (3) the
scores of an exchangeable logit fit against the formula written out from e(b), e(R), e(phi)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panel():
    rng = np.random.default_rng(5)
    G, T = 40, 5
    ids = np.repeat(np.arange(G), T)
    t = np.tile(np.arange(T), G)
    x = rng.normal(size=G * T)
    u = np.repeat(rng.normal(size=G), T)
    y = (rng.random(G * T) < 1 / (1 + np.exp(-(0.3 + 0.8 * x + u)))).astype(float)
    df = pd.DataFrame({"id": ids.astype(float), "t": t.astype(float), "x": x, "y": y})
    return df.drop(index=[3, 17, 18, 60]).reset_index(drop=True)  # unbalanced panels


def _panels(df):
    return [np.flatnonzero(df.id.to_numpy() == g) for g in np.unique(df.id)]


@pytest.mark.parametrize("fit", ["xtgee y x, family(binomial) link(logit) vce(robust)",
                                 "xtlogit y x, pa vce(robust)",
                                 "xtprobit y x, pa corr(ar1) vce(robust)",
                                 "xtgee y x, family(poisson) corr(unstructured) vce(robust)"])
def test_scores_rebuild_the_semirobust_variance(do, panel, fit):
    rc, out, s = do(f"xtset id t\n{fit}\npredict double sc if e(sample), score", panel)
    assert rc == 0, out
    used = np.asarray(s.e.sample, bool)  # AR(1) leaves out the panels off the modal spacing
    panel = panel[used].reset_index(drop=True)
    sc = s.data.numeric("sc")[used]
    assert not np.isnan(sc).any()
    assert s.data.var_labels["sc"] == "equation-level score from xtgee"
    X = np.column_stack([panel.x, np.ones(len(panel))])
    U = np.array([X[rows].T @ sc[rows] for rows in _panels(panel)]) * np.sqrt(s.e.scalars["phi"])
    np.testing.assert_allclose(U.sum(axis=0), 0, atol=1e-6)  # the estimating equations at e(b)
    # H from the model: D' V^-1 D with V = A^1/2 R A^1/2 over the rows' time positions
    b = s.e.matrices["b"].values.ravel()
    R = s.e.matrices["R"].values
    eta = X @ b
    link = s.e.macros["link"]
    if link == "logit":
        mu = 1 / (1 + np.exp(-eta)); d = mu * (1 - mu); v = mu * (1 - mu)
    elif link == "probit":
        from scipy.stats import norm
        mu = norm.cdf(eta); d = norm.pdf(eta); v = mu * (1 - mu)
    else:
        mu = np.exp(eta); d = mu; v = mu
    H = np.zeros((2, 2))
    for rows in _panels(panel):
        p = panel.t.to_numpy()[rows].astype(int) if R.shape[0] == 5 else np.arange(len(rows))
        Vi = R[np.ix_(p, p)] * np.sqrt(np.outer(v[rows], v[rows]))
        D = d[rows, None] * X[rows]
        H += D.T @ np.linalg.solve(Vi, D)
    Hinv = np.linalg.inv(H)
    V_rob = Hinv @ (U.T @ U) @ Hinv
    np.testing.assert_allclose(V_rob, s.e.matrices["V"].values, rtol=1e-5)


def test_exchangeable_logit_scores_by_formula(do, panel):
    rc, out, s = do("xtset id t\nxtgee y x, family(binomial) link(logit)\npredict sc, score\n"
                    "predict one if id < 10, scores", panel)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    R = s.e.matrices["R"].values
    phi = s.e.scalars["phi"]
    X = np.column_stack([panel.x, np.ones(len(panel))])
    mu = 1 / (1 + np.exp(-(X @ b)))
    want = np.empty(len(panel))
    for rows in _panels(panel):
        a = np.sqrt(mu[rows] * (1 - mu[rows]))
        k = len(rows)
        want[rows] = mu[rows] * (1 - mu[rows]) / a * np.linalg.solve(R[:k, :k], (panel.y.to_numpy()[rows] - mu[rows]) / a)
    want /= np.sqrt(phi)
    np.testing.assert_allclose(s.data.numeric("sc"), want, rtol=1e-5)
    one = s.data.numeric("one")
    inside = panel.id.to_numpy() < 10
    assert np.isnan(one[~inside]).all()
    np.testing.assert_allclose(one[inside], want[inside], rtol=1e-5)


@pytest.mark.parametrize("text,rc,message", [
    ("predict a b, scores", 103, "too many variables specified"),
    ("predict a, scores equation(#2)", 303, "equation [#2] not found"),
])
def test_refusals(do, panel, text, rc, message):
    got, out, s = do("xtset id t\nquietly xtgee y x, family(binomial) link(logit)\n" + text, panel)
    assert got == rc and message in out, out
    assert "a" not in s.data.varnames
