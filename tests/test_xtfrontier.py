"""xtfrontier, ti: the closed-form panel likelihood against the integral over u_i of the panel's
joint density (tests/test_frontier.py's helper), an optimum scipy does not beat, predict's per-panel
E(u_i|e_i) and E(exp(-S u_i)|e_i) as integrals, the _crcphdr-style header and the refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats

from tests.test_frontier import _panel_loglik_by_integration


def _panel(seed=4, G=40, T=5, cost=False):
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, G + 1), T)
    t = np.tile(np.arange(1, T + 1), G)
    keep = ~((ids % 7 == 0) & (t == T))  # unbalanced
    x1 = rng.normal(size=G * T)
    u = np.abs(0.3 + 0.5 * rng.normal(size=G))[ids - 1]
    y = 1 + 0.5 * x1 + 0.3 * rng.normal(size=G * T) + (u if cost else -u)
    return pd.DataFrame({"id": ids, "t": t, "x1": x1, "y": y})[keep].reset_index(drop=True)


@pytest.mark.parametrize("cost", [False, True])
def test_estimates_and_predictions(do, cost):
    df = _panel(cost=cost)
    rc, printed, s = do(f"xtset id t\nxtfrontier y x1, ti {'cost' if cost else ''}\npredict u, u\npredict te, te\n"
                        "predict m, m", df)
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    X = np.column_stack([df.x1, np.ones(len(df))])
    y, groups, sign = df.y.to_numpy(), df.id.to_numpy(), -1 if cost else 1
    assert s.e.scalars["ll"] == pytest.approx(_panel_loglik_by_integration(y, X, groups, b, sign), abs=1e-6)
    from mlmcli.glm.truncated_frontier import PanelFrontierData, loglik
    codes = np.unique(groups, return_inverse=True)[1]
    r = optimize.minimize(lambda t: -loglik(PanelFrontierData(y, X, codes, sign), t), b + 0.1, method="BFGS",
                          options=dict(gtol=1e-8))
    assert -r.fun <= s.e.scalars["ll"] + 1e-6
    np.testing.assert_allclose(r.x, b, rtol=1e-3, atol=1e-3)
    assert s.e.scalars["N_g"] == 40 and s.e.scalars["g_min"] == 4 and s.e.scalars["g_max"] == 5
    mu, g, s2 = b[2], 1 / (1 + np.exp(-b[3])), np.exp(b[4])
    su, sv = np.sqrt(g * s2), np.sqrt((1 - g) * s2)
    out = s.data.df
    for gid in (1, 7, 23):
        rows = np.flatnonzero(groups == gid)
        e = y[rows] - X[rows] @ b[:2]
        joint = lambda u: np.prod(stats.norm.pdf(e + sign * u, scale=sv)) * stats.norm.pdf(u, mu, su)  # noqa: E731
        top = max(mu, 0) + 40 * su
        f = integrate.quad(joint, 0, top, limit=200)[0]
        eu = integrate.quad(lambda u: u * joint(u), 0, top, limit=200)[0] / f
        ete = integrate.quad(lambda u: np.exp(-sign * u) * joint(u), 0, top, limit=200)[0] / f
        np.testing.assert_allclose(out.u[rows], eu, rtol=1e-5)
        np.testing.assert_allclose(out.te[rows], ete, rtol=1e-5)
        assert (out.m[rows] >= 0).all()


def test_layout_replay_and_refusals(do):
    df = _panel()
    rc, printed, s = do("xtset id t\nxtfrontier y x1, ti nolog\nxtfrontier, level(90)", df)
    assert rc == 0, printed
    lines = printed.split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("Time-invariant inefficiency model")))
    assert lines[at] == "Time-invariant inefficiency model               Number of obs      =       195"
    assert lines[at + 1] == "Group variable: id                              Number of groups   =        40"
    assert lines[at + 3] == "Time variable: t                                Obs per group: min =         4"
    assert lines[at + 4] == " " * 63 + "avg =       4.9"
    assert lines[at + 8].startswith("Log likelihood  = ") and lines[at + 8][48:68] == "Prob > chi2        ="
    names = [ln.split("|")[0].strip() for ln in lines[at:] if "|" in ln][:10]
    assert names == ["y", "x1", "_cons", "/mu", "/lnsigma2", "/ilgtgamma", "sigma2", "gamma", "sigma_u2", "sigma_v2"]
    assert "[90% Conf. Interval]" in printed and "Iteration" not in printed
    for text, message, code in (("xtfrontier y x1, ti tvd", "ti and tvd cannot both be specified", 198),
                                ("xtfrontier y x1", "either ti or tvd must be specified", 198),
                                ("xtfrontier y x1 [fw=id], ti", "weights not supported by mlmcli with xtfrontier", 198)):
        rc, printed, _ = do(text, session=s)
        assert rc == code and message in printed
    rc, printed, _ = do("xtfrontier y x1, ti", df)
    assert rc == 459 and "panel variable not set" in printed


@pytest.mark.parametrize("cost", [False, True])
def test_tvd_against_the_integral(do, cost):
    """Battese and Coelli (1992): u_it = exp(-eta (t - T_i)) u_i; each panel's density is the
    integral over u_i of prod_t phi((e_it + S h_it u)/sigma_v)/sigma_v times the N+(mu, sigma_u^2)
    density; predict's u and te are h_it E(u_i|e_i) and E(exp(-S h_it u_i)|e_i)."""
    df = _panel(seed=9, cost=cost)
    rc, printed, s = do(f"xtset id t\nxtfrontier y x1, tvd {'cost' if cost else ''}\npredict u, u\npredict te, te",
                        df)
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    assert s.e.matrices["b"].colnames[-4:] == ("mu:_cons", "eta:_cons", "ilgtgamma:_cons", "lnsigma2:_cons")
    sign = -1 if cost else 1
    mu, eta, g, s2 = b[2], b[3], 1 / (1 + np.exp(-b[4])), np.exp(b[5])
    su, sv = np.sqrt(g * s2), np.sqrt((1 - g) * s2)
    e_all = df.y.to_numpy() - b[0] * df.x1.to_numpy() - b[1]
    total = 0.0
    for gid, part in df.groupby("id"):
        rows = part.index.to_numpy()
        h = np.exp(-eta * (part.t.to_numpy() - part.t.max()))
        e = e_all[rows]
        joint = lambda u: np.prod(stats.norm.pdf(e + sign * h * u, scale=sv)) * stats.norm.pdf(u, mu, su) \
            / stats.norm.sf(0, mu, su)  # noqa: E731
        top = max(mu, 0) + 40 * su
        f = integrate.quad(joint, 0, top, limit=200)[0]
        total += np.log(f)
        if gid in (3, 14):
            eu = integrate.quad(lambda u: u * joint(u), 0, top, limit=200)[0] / f
            np.testing.assert_allclose(s.data.df.u[rows], h * eu, rtol=1e-5)
            for j, hj in zip(rows, h):
                ete = integrate.quad(lambda u: np.exp(-sign * hj * u) * joint(u), 0, top, limit=200)[0] / f
                assert s.data.df.te[j] == pytest.approx(ete, rel=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(total, abs=1e-6)
    assert s.e.scalars["eta"] == pytest.approx(eta)
    names = [ln.split("|")[0].strip() for ln in printed.split("\n") if "|" in ln]
    assert names[-8:-4] == ["/mu", "/eta", "/lnsigma2", "/ilgtgamma"]
    assert "Time-varying decay inefficiency model" in printed
