"""``predict a b c, reffects`` after a three-level me model with a random slope at the top
level (MLMUS4 ch. 16: ``melogit immun kid2p ... || cluster: kid2p, cov(unstructured) ||
mom:`` then ``predict comms commi mother, reffects ebmeans``): one new variable per random
effect in Stata's order -- the top level's slope, its intercept, then the lower level's
intercept -- for ebmeans (the default), ebmodes and reses().  Checked against posterior means
by Gauss-Hermite integration and posterior modes by scipy, written here."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


def _data(seed=7, C=20, M=3, n=4):
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(1, C + 1):
        u0, u1 = rng.multivariate_normal([0, 0], [[1, .3], [.3, .6]])
        for mo in range(1, M + 1):
            v = rng.normal(0, .8)
            for _ in range(n):
                x = float(rng.integers(0, 2))
                eta = -.2 + .6 * x + u0 + u1 * x + v
                rows.append((c, c * 10 + mo, x, float(rng.random() < special.expit(eta))))
    return pd.DataFrame(rows, columns=["cluster", "mom", "x", "y"])


def _params(s):
    e = s.e.matrices["b"]
    b = dict(zip(e.colnames, np.asarray(e.values, float).ravel()))
    S = np.array([[b["var(x[cluster]):_cons"], b["cov(x[cluster],_cons[cluster]):_cons"]],
                  [b["cov(x[cluster],_cons[cluster]):_cons"], b["var(_cons[cluster]):_cons"]]])
    return (b["y:x"], b["y:_cons"]), S, b["var(_cons[cluster>mom]):_cons"]


def _cluster_posterior_means(d, beta, S, v2, K=40):
    """E[(u_slope, u_cons, v_mom...) | y] for one cluster: a K x K Gauss-Hermite grid on
    the top effects (prior-scaled) and, at each node, K points for each mom's intercept."""
    t, w = np.polynomial.hermite_e.hermegauss(K)
    w = w / w.sum()
    L = np.linalg.cholesky(S)
    T1, T2 = np.meshgrid(t, t, indexing="ij")
    U = np.stack([T1.ravel(), T2.ravel()], 1) @ L.T                      # (K^2, 2): slope, cons
    W = np.outer(w, w).ravel()
    logL = np.log(W)
    num_v = {}
    for mo, dm in d.groupby("mom"):
        x, y = dm.x.to_numpy(), dm.y.to_numpy()
        eta = (beta[0] * x + beta[1])[None, :, None] + (U[:, 0:1] * x[None, :] + U[:, 1:2])[:, :, None] \
            + np.sqrt(v2) * t[None, None, :]
        lp = np.sum(y[None, :, None] * eta - np.logaddexp(0, eta), axis=1)     # (K^2, K)
        lj = special.logsumexp(lp, axis=1, b=w)                                # ln int over v
        post_v = np.exp(lp - lj[:, None]) * w                                  # weights over v
        num_v[mo] = (post_v @ (np.sqrt(v2) * t))                               # E[v | top node, y]
        logL = logL + lj
    p = np.exp(logL - special.logsumexp(logL))
    top = p @ U
    return top, {mo: float(p @ ev) for mo, ev in num_v.items()}


def _cluster_modes(d, beta, S, v2):
    """The joint posterior mode of (u_slope, u_cons, v_mom...) by Newton's method in whitened
    coordinates w (u = L w_top, v = sqrt(v2) w_mom; the log prior is -w'w/2), exact gradient
    and Hessian: the fitted slope variance may be near 0, where u itself is ill-conditioned."""
    moms = sorted(d.mom.unique())
    mi = np.searchsorted(moms, d.mom.to_numpy())
    x, y = d.x.to_numpy(), d.y.to_numpy()
    L = np.linalg.cholesky(S)
    Z = np.zeros((len(d), 2 + len(moms)))
    Z[:, 0], Z[:, 1] = x, 1.0
    Z[np.arange(len(d)), 2 + mi] = 1.0
    T = np.zeros((2 + len(moms),) * 2)
    T[:2, :2] = L
    T[2:, 2:] = np.sqrt(v2) * np.eye(len(moms))
    A = Z @ T
    w = np.zeros(A.shape[1])
    for _ in range(100):
        p = special.expit(beta[0] * x + beta[1] + A @ w)
        g = A.T @ (y - p) - w
        H = A.T @ (A * (p * (1 - p))[:, None]) + np.eye(len(w))
        step = np.linalg.solve(H, g)
        w += step
        if np.max(np.abs(step)) < 1e-13:
            break
    return T @ w, moms


@pytest.fixture(scope="module")
def fitted(new_session, run):
    s = new_session(_data())
    printed, rc = run(s, "melogit y x || cluster: x, covariance(unstructured) || mom:, intpoints(5)\n"
                         "predict comms commi mother, reffects ebmeans intpoints(12)\n"
                         "predict s1 s2 s3, reffects ebmodes reses(e1 e2 e3)\n"
                         "predict a*, reffects")
    assert rc == 0, printed
    return s


def test_one_variable_per_random_effect_in_stata_order(fitted):
    df = fitted.data.df
    for names in (["comms", "commi", "mother"], ["s1", "s2", "s3"], ["e1", "e2", "e3"], ["a1", "a2", "a3"]):
        assert all(n in df.columns for n in names)
    labels = [fitted.data.var_labels.get(v) for v in ("comms", "commi", "mother")]
    assert labels == ["empirical Bayes' means for x[cluster]", "empirical Bayes' means for _cons[cluster]",
                      "empirical Bayes' means for _cons[mom]"]
    assert (df.groupby("cluster").comms.nunique() == 1).all() and (df.groupby("mom").mother.nunique() == 1).all()
    assert (df.e1 > 0).all() and (df.e3 > 0).all()


def test_ebmeans_match_gauss_hermite_posterior_means(fitted):
    df = fitted.data.df
    beta, S, v2 = _params(fitted)
    for c in (1, 7, 15):
        d = df[df.cluster == c]
        top, moms = _cluster_posterior_means(d, beta, S, v2)
        assert d.comms.iloc[0] == pytest.approx(top[0], abs=2e-4)
        assert d.commi.iloc[0] == pytest.approx(top[1], abs=2e-4)
        for mo, ev in moms.items():
            assert d[d.mom == mo].mother.iloc[0] == pytest.approx(ev, abs=2e-4)


def test_ebmodes_match_the_joint_posterior_mode(fitted):
    df = fitted.data.df
    beta, S, v2 = _params(fitted)
    for c in (2, 11):
        d = df[df.cluster == c]
        u, moms = _cluster_modes(d, beta, S, v2)
        assert d.s1.iloc[0] == pytest.approx(u[0], abs=1e-5)
        assert d.s2.iloc[0] == pytest.approx(u[1], abs=1e-5)
        for k, mo in enumerate(moms):
            assert d[d.mom == mo].s3.iloc[0] == pytest.approx(u[2 + k], abs=1e-5)


def test_too_many_or_too_few_names(new_session, run):
    s = new_session(_data(C=10))
    printed, rc = run(s, "melogit y x || cluster: x, covariance(unstructured) || mom:, intpoints(3)\n"
                         "predict a b c d, reffects")
    assert rc == 103 and "too many variables specified" in printed
    printed, rc = run(s, "predict a b, reffects")
    assert rc == 102 and "too few variables specified" in printed
