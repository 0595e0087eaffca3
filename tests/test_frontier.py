"""frontier: numbers against a first-principles fit written here (the composed-error density as a
numerical convolution of the normal v and the half-normal/exponential u, checked against the closed
forms; scipy's optimiser; a central-difference Hessian), predict's E(u|e), M(u|e) and E(exp(-su)|e)
as integrals over that conditional density, the layout after ml display's header and frontier.ado's
table, replay, estimates store/restore and the refusals.  (r-cran-frontier is not packaged here.)"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats


def _data(n=120, seed=7, cost=False, dist="hnormal"):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    u = np.abs(rng.normal(scale=0.45, size=n)) if dist == "hnormal" else rng.exponential(0.3, size=n)
    y = 1 + 0.5 * x1 - 0.3 * x2 + rng.normal(scale=0.2, size=n) + (u if cost else -u)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "w": 1.0 + (x1 > 0)})


def _u_density(dist, su):
    if dist == "hnormal":
        return lambda u: 2 * stats.norm.pdf(u, scale=su)
    return lambda u: stats.expon.pdf(u, scale=su)


def _closed_form_density(dist, e, sv, su, sign):
    """f(e) in the textbook forms (Aigner-Lovell-Schmidt; Meeusen-van den Broeck)."""
    if dist == "hnormal":
        s, lam = np.hypot(sv, su), su / sv
        return 2 / s * stats.norm.pdf(e / s) * stats.norm.cdf(-sign * e * lam / s)
    return 1 / su * stats.norm.cdf(-sign * e / sv - sv / su) * np.exp(sign * e / su + sv ** 2 / (2 * su ** 2))


def test_closed_forms_are_the_convolution():
    for dist in ("hnormal", "exponential"):
        for sign in (1, -1):
            sv, su = 0.3, 0.5
            g = _u_density(dist, su)
            for e in (-0.7, -0.1, 0.2, 0.6):
                conv = integrate.quad(lambda u: stats.norm.pdf(e + sign * u, scale=sv) * g(u), 0, np.inf)[0]
                assert _closed_form_density(dist, e, sv, su, sign) == pytest.approx(conv, rel=1e-8)


def _reference_fit(df, dist, sign, weights=None):
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    y = df.y.to_numpy()
    w = np.ones(len(y)) if weights is None else weights

    def nll(t):
        e = y - X @ t[:3]
        return -w @ np.log(_closed_form_density(dist, e, np.exp(t[3] / 2), np.exp(t[4] / 2), sign))

    b = np.linalg.lstsq(X, y, rcond=None)[0]
    r = optimize.minimize(nll, np.concatenate([b, [np.log(0.04), np.log(0.1)]]), method="Nelder-Mead",
                          options=dict(xatol=1e-10, fatol=1e-12, maxiter=40000, maxfev=40000))
    r = optimize.minimize(nll, r.x, method="BFGS", options=dict(gtol=1e-9))
    h, k = 1e-4, len(r.x)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (nll(r.x + ei + ej) - nll(r.x + ei - ej) - nll(r.x - ei + ej) + nll(r.x - ei - ej)) / (4 * h * h)
    resid = y - np.column_stack([df.x1, df.x2, np.ones(len(y))]) @ np.linalg.lstsq(X, y, rcond=None)[0]
    n = w.sum()
    ll_ols = -0.5 * n * (np.log(2 * np.pi) + np.log((w @ resid ** 2) / n) + 1)
    return r.x, np.linalg.inv(H), -r.fun, ll_ols


@pytest.mark.parametrize("dist, cost, options", [("hnormal", False, ""), ("exponential", False, "d(exponential)"),
                                                 ("hnormal", True, "cost"), ("exponential", True, "dist(e) cost")])
def test_estimates_match_first_principles_fit(do, dist, cost, options):
    df = _data(cost=cost, dist=dist)
    rc, printed, s = do(f"frontier y x1 x2, {options}", df)
    assert rc == 0, printed
    theta, V, ll, ll_ols = _reference_fit(df, dist, -1 if cost else 1)
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-7)
    np.testing.assert_allclose(b, theta, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, np.sqrt(np.diag(V)), rtol=2e-4)
    assert s.e.scalars["ll_c"] == pytest.approx(ll_ols, abs=1e-8)
    chi2_c = 2 * (ll - ll_ols)
    assert s.e.scalars["chi2_c"] == pytest.approx(chi2_c, abs=1e-6)
    assert s.e.matrices["b"].colnames == ("y:x1", "y:x2", "y:_cons", "lnsig2v:_cons", "lnsig2u:_cons")
    assert s.e.macros["function"] == ("cost" if cost else "production") and s.e.macros["dist"] == dist
    # the transformed rows: sigma_v, sigma_u from the log variances' intervals; sigma2, lambda symmetric
    a, c = theta[3:]
    Va = V[3:, 3:]
    sv, su = np.exp(a / 2), np.exp(c / 2)
    lines = printed.split("\n")
    row = {ln.split("|")[0].strip(): ln.split("|")[1].split() for ln in lines if "|" in ln}
    assert float(row["sigma_v"][0]) == pytest.approx(sv, rel=1e-5)
    assert float(row["sigma_u"][2]) == pytest.approx(np.exp((c - 1.959964 * np.sqrt(Va[1, 1])) / 2), rel=1e-3)
    g = np.array([sv ** 2, su ** 2])
    assert float(row["sigma2"][1]) == pytest.approx(np.sqrt(g @ Va @ g), rel=1e-3)
    g = np.array([-sv / 2, su / 2])  # frontier.ado's der() for lambda
    assert float(row["lambda"][0]) == pytest.approx(su / sv, rel=1e-5)
    assert float(row["lambda"][1]) == pytest.approx(np.sqrt(g @ Va @ g), rel=1e-3)
    p = 1.0 if chi2_c <= 0 else 0.5 * stats.chi2.sf(chi2_c, 1)
    assert printed.rstrip().split("\n")[-1].endswith(f"Prob>=chibar2 = {p:5.3f}")


def test_fweights_are_replicated_rows(do):
    df = _data()
    rc, _, s = do("frontier y x1 x2 [fweight=w], nolog", df)
    assert rc == 0
    rep = df.loc[df.index.repeat(df.w.astype(int))].reset_index(drop=True)
    rc, _, t = do("frontier y x1 x2, nolog", rep)
    np.testing.assert_allclose(s.e.matrices["b"].values, t.e.matrices["b"].values, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(s.e.matrices["V"].values, t.e.matrices["V"].values, rtol=1e-4, atol=1e-10)
    assert s.e.scalars["N"] == len(rep) and s.e.scalars["ll"] == pytest.approx(t.e.scalars["ll"], abs=1e-7)


@pytest.mark.parametrize("dist, cost", [("hnormal", False), ("exponential", False), ("hnormal", True),
                                        ("exponential", True)])
def test_predictions_are_conditional_expectations(do, dist, cost):
    df = _data(cost=cost, dist=dist, n=60)
    rc, printed, s = do(f"quietly frontier y x1 x2, d({dist}) {'cost' if cost else ''}\n"
                        "predict xb\npredict sp, stdp\npredict u, u\npredict m, m\npredict te, te", df)
    assert rc == 0, printed
    sign = -1 if cost else 1
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    out = s.data.df
    np.testing.assert_allclose(out.xb, X @ b[:3], rtol=1e-6)
    np.testing.assert_allclose(out.sp, np.sqrt(np.einsum("ij,jk,ik->i", X, V[:3, :3], X)), rtol=1e-5)
    sv, su = np.exp(b[3] / 2), np.exp(b[4] / 2)
    g = _u_density(dist, su)
    for i in range(0, 60, 7):
        e = df.y[i] - X[i] @ b[:3]
        joint = lambda u: stats.norm.pdf(e + sign * u, scale=sv) * g(u)  # noqa: E731
        top = 40 * su  # the density is nil well before
        f = integrate.quad(joint, 0, top, limit=200)[0]
        eu = integrate.quad(lambda u: u * joint(u), 0, top, limit=200)[0] / f
        ete = integrate.quad(lambda u: np.exp(-sign * u) * joint(u), 0, top, limit=200)[0] / f
        log_g = (lambda u: -u * u / (2 * su * su)) if dist == "hnormal" else (lambda u: -u / su)
        mode = optimize.minimize_scalar(lambda u: (e + sign * u) ** 2 / (2 * sv * sv) - log_g(u), bounds=(0, top),
                                        method="bounded", options=dict(xatol=1e-12)).x
        assert out.u[i] == pytest.approx(eu, rel=1e-5)
        assert out.te[i] == pytest.approx(ete, rel=1e-5)
        assert out.m[i] == pytest.approx(mode, abs=1e-5)
    assert "(option xb assumed; fitted values)" in printed


def test_layout(do):
    rc, printed, s = do("frontier y x1 x2, nolog", _data())
    lines = printed.rstrip().split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("Stoc. frontier normal/half-normal model")))
    assert lines[at] == "Stoc. frontier normal/half-normal model           Number of obs   =        120"
    assert lines[at + 1].startswith(" " * 50 + "Wald chi2(2)    =    ")
    assert lines[at + 2].startswith("Log likelihood = ") and lines[at + 2][50:67] == "Prob > chi2     ="
    names = [ln.split("|")[0].strip() for ln in lines[at + 4:] if "|" in ln]
    assert names == ["y", "x1", "x2", "_cons", "/lnsig2v", "/lnsig2u", "sigma_v", "sigma_u", "sigma2", "lambda"]
    sig = next(ln for ln in lines if ln.startswith("     sigma_v |"))
    assert sig[36:53].strip() == ""  # no z, no P
    lnv = next(ln for ln in lines if ln.startswith("    /lnsig2v |"))
    assert len(lnv.split()) == 8  # z and P shown
    rules = [ln for ln in lines if ln.startswith("-------------+")]
    assert len(rules) == 3 and all(len(r) == 78 for r in rules)
    assert lines[-2] == "-" * 78
    assert lines[-1].startswith("Likelihood-ratio test of sigma_u=0: chibar2(01) = ")
    assert lines[-1][58:74] == "Prob>=chibar2 = "
    assert "Iteration 0:" not in printed


def test_replay_store_restore_and_test(do):
    rc, printed, s = do("quietly frontier y x1 x2\nestimates store hn\nquietly frontier y x1 x2, d(e)\n"
                        "frontier, level(90)\nestimates restore hn\nfrontier\ntest x1 x2", _data())
    assert rc == 0, printed
    assert "Stoc. frontier normal/exponential model" in printed and "[90% Conf. Interval]" in printed
    assert printed.count("Stoc. frontier normal/half-normal model") == 1
    assert "chi2(  2) =" in printed and s.e.macros["dist"] == "hnormal"


def test_cost_and_production_are_mirror_images(do):
    df = _data()
    rc, _, s = do("quietly frontier y x1 x2", df)
    neg = df.assign(y=-df.y, x1=-df.x1, x2=-df.x2)
    rc, _, t = do("quietly frontier y x1 x2, cost", neg)
    b, c = s.e.matrices["b"].values.ravel(), t.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(c[:3], -b[:3] * np.array([-1, -1, 1]), rtol=1e-5)
    np.testing.assert_allclose(c[3:], b[3:], rtol=1e-5)


@pytest.mark.parametrize("text, message", [
    ("frontier y x1, d(t) cm(x2)", "option cm() not supported by mlmcli with frontier"),
    ("frontier y x1, d(t) uhet(x2) vhet(x2)", "uhet and vhet not allowed with truncated-normal models"),
    ("frontier y x1 [fw=w], d(t)", "weights with distribution(tnormal) not supported by mlmcli with frontier"),
    ("frontier y x1, cm(x2)", "cm() allowed only with truncated-normal models"),
    ("frontier y x1, ufrom(b) utransformed", "ufrom() and utransformed allowed only with truncated-normal models"),
    ("frontier y x1, d(foo)", "distribution(foo) not allowed"),
    ("frontier y x1, d(h e)", "distribution() invalid, only one distribution can be specified"),
    ("frontier y x1, uhet(x2, offset(x2))", "option offset() not allowed in uhet()"),
    ("frontier y x1, constraints(1)", "option constraints() not supported by mlmcli with frontier"),
    ("frontier y x1, vce(robust)", "option vce() other than vce(oim) not supported by mlmcli with frontier"),
    ("frontier y x1 [pw=w]", "pweights not supported by mlmcli with frontier (they imply vce(robust))"),
    ("frontier y x1 [aw=w]", "aweights not allowed"),
])
def test_refusals(do, text, message):
    df = _data()
    rc, printed, s = do(text, df)
    assert rc != 0 and message in printed
    assert "Traceback" not in printed


def test_predict_refuses_scores_and_frontier_alone_needs_results(do):
    rc, printed, _ = do("frontier", _data())
    assert rc == 301
    rc, printed, _ = do("quietly frontier y x1\npredict s, scores", _data())
    assert rc == 198 and "option scores not allowed" in printed


def _panel_loglik_by_integration(y, X, groups, theta, sign):
    """ln L of the time-invariant truncated-normal frontier: each panel's density as the integral
    over u of prod_t phi((e_t + S u)/sigma_v)/sigma_v times the N+(mu, sigma_u^2) density."""
    k = X.shape[1]
    mu, g, s2 = theta[k], 1 / (1 + np.exp(-theta[k + 1])), np.exp(theta[k + 2])
    su, sv = np.sqrt(g * s2), np.sqrt((1 - g) * s2)
    e = y - X @ theta[:k]
    # the normal densities written out: scipy.stats' per-call overhead (quad calls the integrand
    # a few hundred times per panel) was most of the tnormal tests' time
    def phi(z, scale):
        return np.exp(-0.5 * (z / scale) ** 2) / (np.sqrt(2 * np.pi) * scale)

    truncation = stats.norm.sf(0, mu, su)
    total = 0.0
    for gi in np.unique(groups):
        ei = e[groups == gi]
        dens = lambda u: np.prod(phi(ei + sign * u, sv)) * phi(u - mu, su) / truncation  # noqa: E731
        total += np.log(integrate.quad(dens, 0, mu + 40 * su, limit=200)[0])
    return total


@pytest.mark.parametrize("cost", [False, True])
def test_tnormal_likelihood_and_optimum(do, cost):
    rng = np.random.default_rng(11)
    n = 150
    x1 = rng.normal(size=n)
    u = np.abs(0.3 + 0.4 * rng.normal(size=n))
    df = pd.DataFrame({"y": 1 + 0.5 * x1 + 0.2 * rng.normal(size=n) + (u if cost else -u), "x1": x1})
    rc, printed, s = do(f"frontier y x1, d(t) {'cost' if cost else ''}", df)
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    assert s.e.matrices["b"].colnames == ("y:x1", "y:_cons", "mu:_cons", "ilgtgamma:_cons", "lnsigma2:_cons")
    X = np.column_stack([df.x1, np.ones(n)])
    sign = -1 if cost else 1
    y = df.y.to_numpy()
    # the closed form is the integral, at the estimates and away from them
    assert s.e.scalars["ll"] == pytest.approx(_panel_loglik_by_integration(y, X, np.arange(n), b, sign), abs=1e-6)
    from mlmcli.glm.truncated_frontier import PanelFrontierData, loglik
    away = b + np.array([0.05, -0.1, 0.2, -0.3, 0.1])
    assert loglik(PanelFrontierData(y, X, np.arange(n), sign), away) == pytest.approx(
        _panel_loglik_by_integration(y, X, np.arange(n), away, sign), abs=1e-6)
    # an optimum: scipy from elsewhere does not climb higher
    from mlmcli.glm.truncated_frontier import loglik as ll
    r = optimize.minimize(lambda t: -ll(PanelFrontierData(y, X, np.arange(n), sign), t), away, method="BFGS",
                          options=dict(gtol=1e-8))
    assert -r.fun <= s.e.scalars["ll"] + 1e-6
    lines = printed.rstrip().split("\n")
    assert [ln.split("|")[0].strip() for ln in lines if "|" in ln][-7:] == [
        "/mu", "/lnsigma2", "/ilgtgamma", "sigma2", "gamma", "sigma_u2", "sigma_v2"]
    assert lines[-1].startswith("H0: No inefficiency component:            z = ")
    assert lines[-1][63:] == f"Prob{'>' if cost else '<'}=z = {s.e.scalars['p_z']:5.3f}"
    g, s2 = 1 / (1 + np.exp(-b[3])), np.exp(b[4])
    assert s.e.scalars["sigma_u"] == pytest.approx(np.sqrt(g * s2)) and s.e.scalars["sigma_v"] == pytest.approx(
        np.sqrt((1 - g) * s2))


def test_tnormal_predictions_are_conditional_expectations(do):
    rng = np.random.default_rng(5)
    n = 80
    x1 = rng.normal(size=n)
    df = pd.DataFrame({"y": 1 + 0.5 * x1 + 0.2 * rng.normal(size=n) - np.abs(0.3 + 0.4 * rng.normal(size=n)),
                       "x1": x1})
    rc, printed, s = do("quietly frontier y x1, d(t)\npredict u, u\npredict te, te\npredict m, m", df)
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    mu, g, s2 = b[2], 1 / (1 + np.exp(-b[3])), np.exp(b[4])
    su, sv = np.sqrt(g * s2), np.sqrt((1 - g) * s2)
    for i in range(0, n, 9):
        e = df.y[i] - b[0] * df.x1[i] - b[1]
        joint = lambda u: stats.norm.pdf(e + u, scale=sv) * stats.norm.pdf(u, mu, su)  # noqa: E731
        top = mu + 40 * su
        f = integrate.quad(joint, 0, top)[0]
        assert s.data.df.u[i] == pytest.approx(integrate.quad(lambda u: u * joint(u), 0, top)[0] / f, rel=1e-5)
        assert s.data.df.te[i] == pytest.approx(integrate.quad(lambda u: np.exp(-u) * joint(u), 0, top)[0] / f,
                                                rel=1e-5)
        mode = optimize.minimize_scalar(lambda u: (e + u) ** 2 / (2 * sv * sv) + (u - mu) ** 2 / (2 * su * su),
                                        bounds=(0, top), method="bounded", options=dict(xatol=1e-12)).x
        assert s.data.df.m[i] == pytest.approx(mode, abs=1e-5)


def test_coeflegend_names_the_ancillary_parameters(do):
    rc, printed, _ = do("frontier y x1 x2, nolog coeflegend", _data())
    assert rc == 0
    assert "/lnsig2v |  " in printed and "_b[lnsig2v:_cons]" in printed and "_b[lnsig2u:_cons]" in printed
    assert "_b[y:x1]" in printed


@pytest.mark.parametrize("dist, options", [("hnormal", "uhet(z)"), ("hnormal", "vhet(z)"),
                                           ("exponential", "uhet(z) vhet(z)")])
def test_heteroskedastic_variances_against_first_principles(do, dist, options):
    """ln sigma_u^2 = g_u z + c_u (uhet), ln sigma_v^2 = g_v z + c_v (vhet): the closed-form density with
    observation-specific sigmas, maximised by scipy; predict u against the conditional integral."""
    rng = np.random.default_rng(21)
    n = 300
    x1, z = rng.normal(size=n), rng.uniform(size=n)
    u = np.abs(0.4 * np.exp(z) * rng.normal(size=n)) if dist == "hnormal" else rng.exponential(0.3 * np.exp(z))
    df = pd.DataFrame({"y": 1 + 0.5 * x1 + 0.2 * np.exp(0.5 * z) * rng.normal(size=n) - u, "x1": x1, "z": z})
    rc, printed, s = do(f"frontier y x1, d({dist}) {options}\npredict uhat, u", df)
    assert rc == 0, printed
    vh, uh = "vhet" in options, "uhet" in options
    X = np.column_stack([df.x1, np.ones(n)])
    Zv = np.column_stack([df.z, np.ones(n)]) if vh else np.ones((n, 1))
    Zu = np.column_stack([df.z, np.ones(n)]) if uh else np.ones((n, 1))
    y = df.y.to_numpy()

    def split(t):
        return X @ t[:2], Zv @ t[2:2 + Zv.shape[1]], Zu @ t[2 + Zv.shape[1]:]

    def nll(t):
        m, lv, lu = split(t)
        return -np.log(_closed_form_density(dist, y - m, np.exp(lv / 2), np.exp(lu / 2), 1)).sum()

    b = s.e.matrices["b"].values.ravel()
    r = optimize.minimize(nll, b + 0.05, method="BFGS", options=dict(gtol=1e-8))
    assert s.e.scalars["ll"] == pytest.approx(-r.fun, abs=1e-6)
    np.testing.assert_allclose(b, r.x, rtol=1e-4, atol=1e-4)
    assert s.e.macros["het"] == ("u" if uh else "") + ("v" if vh else "")
    assert "Likelihood-ratio test" not in printed and "chi2_c" not in s.e.scalars
    names = [ln.split("|")[0].strip() for ln in printed.split("\n") if "|" in ln]
    assert names[:2] == ["", "y"] and "lnsig2v" in names and "lnsig2u" in names
    assert ("sigma_u" in names) == (not uh) and ("sigma_v" in names) == (not vh)
    m, lv, lu = split(b)
    sv, su = np.exp(lv / 2), np.exp(lu / 2)
    for i in range(0, n, 37):
        e = y[i] - m[i]
        g = _u_density(dist, su[i])
        joint = lambda u: stats.norm.pdf(e + u, scale=sv[i]) * g(u)  # noqa: E731
        top = 40 * su[i]
        f = integrate.quad(joint, 0, top, limit=200)[0]
        assert s.data.df.uhat[i] == pytest.approx(integrate.quad(lambda u: u * joint(u), 0, top, limit=200)[0] / f,
                                                  rel=1e-5)
