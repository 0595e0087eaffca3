"""``gllamm, robust`` / ``gllamm, cluster(var)`` replays (gllarob's sandwich) and ``dots``:
checked against a numpy Gauss-Hermite likelihood of a random-intercept Poisson model, its
per-cluster scores and Hessian by central differences."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def poisson_sites(seed=7):
    rng = np.random.default_rng(seed)
    site = np.repeat(np.arange(1, 25), 15)
    u = rng.normal(0, 0.5, 24)[site - 1]
    x = rng.normal(size=len(site))
    y = rng.poisson(np.exp(0.4 + 0.3 * x + u))
    region = (site - 1) // 3 + 1
    session = Session()
    session.data = Dataset(df=pd.DataFrame({"y": y.astype(float), "x": x, "site": site.astype(float),
                                            "region": region.astype(float)}),
                           types={"y": "int", "x": "double", "site": "int", "region": "int"})
    return session



def cluster_logliks(params, y, x, site, nip=8):
    """ln L of each site: Poisson given u = sqrt(2) s t_k, Gauss-Hermite weights w_k / sqrt(pi)."""
    b1, b0, s = params
    t, w = np.polynomial.hermite.hermgauss(nip)
    eta = (b0 + b1 * x)[:, None] + np.sqrt(2.0) * s * t[None, :]
    lf = y[:, None] * eta - np.exp(eta) - gammaln(y + 1)[:, None]
    out = []
    for g in np.unique(site):
        at = site == g
        out.append(np.log(np.sum(w / np.sqrt(np.pi) * np.exp(lf[at].sum(axis=0)))))
    return np.array(out)


def sandwich(params, y, x, site, groups):
    k = len(params)
    h = 1e-4 * np.maximum(1.0, np.abs(params))
    S = np.zeros((len(np.unique(site)), k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = h[j]
        S[:, j] = (cluster_logliks(params + e, y, x, site) - cluster_logliks(params - e, y, x, site)) / (2 * h[j])
    f = lambda p: cluster_logliks(p, y, x, site).sum()
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h[i], np.eye(k)[j] * h[j]
            H[i, j] = (f(params + ei + ej) - f(params + ei - ej) - f(params - ei + ej) + f(params - ei - ej)) / (
                4 * h[i] * h[j])
    V = np.linalg.inv(-H)
    codes = np.unique(groups, return_inverse=True)[1]
    G = codes.max() + 1
    Sc = np.zeros((G, k))
    np.add.at(Sc, codes, S)
    return V, V @ (G / (G - 1) * Sc.T @ Sc) @ V


def test_robust_and_cluster_replays_are_gllarobs_sandwich():
    session = poisson_sites()
    run(session, "quietly gllamm y x, family(poisson) link(log) i(site)")
    ds = session.data
    y, x, site = ds.numeric("y"), ds.numeric("x"), ds.numeric("site")
    b = session.e.matrices["b"].values[0].astype(float)
    assert cluster_logliks(b, y, x, site).sum() == pytest.approx(session.e.scalars["ll"], rel=1e-9)
    V_model, V_site = sandwich(b, y, x, site, np.unique(site))
    Vs = np.asarray(session.e.matrices["V"].values, float)
    np.testing.assert_allclose(Vs, V_model, rtol=2e-4, atol=1e-8)
    run(session, "quietly gllamm, robust")
    np.testing.assert_allclose(np.asarray(session.e.matrices["V"].values, float), V_site, rtol=2e-4, atol=1e-8)
    assert "robclus" not in session.e.macros
    np.testing.assert_allclose(session.e.matrices["Vr"].values, session.e.matrices["V"].values)
    run(session, "quietly gllamm, cluster(region)")
    _, V_region = sandwich(b, y, x, site, ds.numeric("region")[np.unique(site, return_index=True)[1]])
    np.testing.assert_allclose(np.asarray(session.e.matrices["V"].values, float), V_region, rtol=2e-4, atol=1e-8)
    assert session.e.macros["robclus"] == "region"
    run(session, "quietly gllamm")  # a replay without robust posts the model-based e(Vs) again
    np.testing.assert_allclose(np.asarray(session.e.matrices["V"].values, float), Vs)


def test_robust_replay_display_and_dots(capsys):
    session = poisson_sites()
    run(session, "gllamm y x, family(poisson) link(log) i(site) eform dots nolog")
    first = capsys.readouterr().out
    assert first.lstrip("\n").startswith(".") and "Robust" not in first
    run(session, "gllamm, robust eform")
    out = capsys.readouterr().out
    assert "Robust standard errors\n" in out and "exp(b)" in out
    V = np.asarray(session.e.matrices["V"].values, float)
    se_x = float(np.exp(session.e.matrices["b"].values[0][0]) * np.sqrt(V[0, 0]))
    assert f"{se_x:.6f}"[:6] in out.replace(" .", " 0.")  # the robust SE of exp(b) is printed
    run(session, "gllamm, cluster(region)")
    assert "Robust standard errors for clustered data: cluster(region)" in capsys.readouterr().out


def test_cluster_with_missing_values_is_refused():
    session = poisson_sites()
    run(session, "quietly gllamm y x, family(poisson) link(log) i(site)", "replace region = . in 3")
    before = session.e.matrices["V"].values.copy()
    with pytest.raises(StataError) as err:
        run(session, "gllamm, cluster(region)")
    assert err.value.rc == 198
    np.testing.assert_allclose(session.e.matrices["V"].values, before)
