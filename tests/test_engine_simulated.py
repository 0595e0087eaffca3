"""The engine on simulated data: exact likelihood, nesting, structures, weights, BLUPs.

The (RE)ML log likelihood is checked against the dense textbook formula
    -2 l_ML   = n log 2pi + log|V| + r'V^-1 r,            V = sigma^2 (I + Z Lambda Lambda' Z')
    -2 l_REML = (n-p) log 2pi + log|V| + log|X'V^-1X| + r'V^-1 r
on small data, and the fit is checked to be a maximum.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlmcli.mixed.blocked_cholesky import BlockedSystem
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.likelihood import MixedModel
from mlmcli.mixed.profiled_deviance import profile
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def two_level(n_groups=30, per=8, cov="unstructured", seed=0, slope=True, noconstant=False,
              method="ML", **kw):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(n_groups), per)
    n = len(g)
    x = rng.normal(size=n)
    b = rng.normal(size=(n_groups, 2)) @ np.array([[0.9, 0.0], [0.3, 0.5]])
    y = 1.0 + 0.5 * x + b[g, 0] + b[g, 1] * x + rng.normal(size=n)
    X = np.column_stack([x, np.ones(n)])
    labels = (CoefLabel("x"), CoefLabel("_cons"))
    if noconstant:
        X, labels = X[:, :1], labels[:1]
    if slope:
        Z, names = np.column_stack([x, np.ones(n)]), ("x", "_cons")
    else:
        Z, names = np.ones((n, 1)), ("_cons",)
    if noconstant and slope:
        Z, names = Z[:, :1], ("x",)
    term = RandomTerm("g", g, Z, names, cov, n_groups)
    return MixedSpec("y", y, X, labels, (term,), method=method, **kw)


def three_level(seed=1, method="ML"):
    rng = np.random.default_rng(seed)
    school = np.repeat(np.arange(8), 12)
    cls = np.repeat(np.arange(24), 4)  # 3 classes per school, 4 pupils each
    n = len(school)
    x = rng.normal(size=n)
    y = 2 + 0.3 * x + rng.normal(size=8)[school] * 0.8 + rng.normal(size=24)[cls] * 0.6 + rng.normal(size=n)
    X = np.column_stack([x, np.ones(n)])
    terms = (RandomTerm("school", school, np.ones((n, 1)), ("_cons",), "identity", 8),
             RandomTerm("class", cls, np.ones((n, 1)), ("_cons",), "identity", 24))
    return MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), terms, method=method)


def crossed(seed=2):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 12, 150)
    b = rng.integers(0, 7, 150)
    n = len(a)
    y = 1 + rng.normal(size=12)[a] + 0.7 * rng.normal(size=7)[b] + rng.normal(size=n)
    terms = (RandomTerm("_all", a, np.ones((n, 1)), ("R.a",), "identity", 12),
             RandomTerm("_all", b, np.ones((n, 1)), ("R.b",), "identity", 7))
    return MixedSpec("y", y, np.ones((n, 1)), (CoefLabel("_cons"),), terms)


def dense_loglik(spec: MixedSpec, lambdas, sigma2, beta=None, reml=False):
    """Textbook (RE)ML log likelihood with dense V (small data only)."""
    n = len(spec.y)
    blocks = []
    for t, lam in zip(spec.terms, lambdas):
        q = lam.shape[0]
        Zd = np.zeros((n, t.n_groups * q))
        for c in range(q):
            Zd[np.arange(n), t.group * q + c] = t.Z[:, c]
        blocks.append(Zd @ np.kron(np.eye(t.n_groups), lam))
    ZL = np.hstack(blocks)
    V = sigma2 * (np.eye(n) + ZL @ ZL.T)
    Vi = np.linalg.inv(V)
    X = spec.X
    if beta is None:
        beta = np.linalg.solve(X.T @ Vi @ X, X.T @ Vi @ spec.y)
    r = spec.y - X @ beta
    ll = -0.5 * (n * np.log(2 * np.pi) + np.linalg.slogdet(V)[1] + r @ Vi @ r)
    if reml:
        p = X.shape[1]
        ll += 0.5 * p * np.log(2 * np.pi) - 0.5 * np.linalg.slogdet(X.T @ Vi @ X)[1]
    return ll, V, ZL, beta


@pytest.mark.parametrize("cov", ["identity", "independent", "exchangeable", "unstructured"])
@pytest.mark.parametrize("method", ["ML", "REML"])
def test_loglik_equals_dense_formula_and_is_maximum(cov, method):
    spec = two_level(cov=cov, method=method)
    fit = fit_mixed(spec)
    assert fit.converged
    lams = fit.model.lambdas(fit.theta)
    ll, *_ = dense_loglik(spec, lams, fit.sigma2, reml=method == "REML")
    assert fit.loglik == pytest.approx(ll, rel=1e-10)
    # a maximum: no perturbation of the estimation-metric parameters raises the likelihood
    base = fit.model.loglik_phi(fit.phi)
    assert base == pytest.approx(fit.loglik, rel=1e-10)
    for i in range(len(fit.phi)):
        for h in (1e-3, -1e-3):
            phi = fit.phi.copy()
            phi[i] += h
            assert fit.model.loglik_phi(phi) <= base + 1e-9


def test_structures_agree_where_they_coincide():
    # identity == independent == exchangeable with one column
    lls = {cov: fit_mixed(two_level(cov=cov, slope=False)).loglik
           for cov in ("identity", "independent", "exchangeable", "unstructured")}
    vals = list(lls.values())
    assert max(vals) - min(vals) < 1e-7
    # unstructured nests independent nests identity (ML)
    ll = {cov: fit_mixed(two_level(cov=cov)).loglik for cov in ("identity", "independent", "unstructured")}
    assert ll["identity"] <= ll["independent"] + 1e-8 <= ll["unstructured"] + 2e-8


@pytest.mark.parametrize("method", ["ML", "REML"])
def test_three_level_nested_matches_dense(method):
    spec = three_level(method=method)
    fit = fit_mixed(spec)
    ll, *_ = dense_loglik(spec, fit.model.lambdas(fit.theta), fit.sigma2, reml=method == "REML")
    assert fit.loglik == pytest.approx(ll, rel=1e-10)
    res = fit.result()
    assert [g.levelvar for g in res.groups] == ["school", "class"]
    assert [g.n_groups for g in res.groups] == [8, 24]
    assert res.lr_test.kind == "chi2" and res.lr_test.df == 2


def test_nested_and_blocked_paths_agree():
    for spec in (three_level(), two_level(cov="unstructured"), two_level(cov="exchangeable")):
        model = MixedModel(spec)
        assert model.nested
        blocked = BlockedSystem(spec, None)
        rng = np.random.default_rng(5)
        for _ in range(3):
            theta = np.abs(rng.normal(size=len(model.lower))) + 0.1
            lams = model.lambdas(theta)
            a, b = model.reduce(lams), blocked.reduce(lams)
            assert a.logdet == pytest.approx(b.logdet, rel=1e-10)
            np.testing.assert_allclose(a.M, b.M, rtol=1e-9, atol=1e-9)
            assert profile(a, False).deviance == pytest.approx(profile(b, False).deviance, rel=1e-12)


def test_crossed_matches_dense_and_reports_all_group():
    spec = crossed()
    fit = fit_mixed(spec)
    assert not fit.model.nested and fit.converged
    ll, *_ = dense_loglik(spec, fit.model.lambdas(fit.theta), fit.sigma2)
    assert fit.loglik == pytest.approx(ll, rel=1e-10)
    res = fit.result()
    assert res.crossed
    assert [(g.levelvar, g.n_groups, g.min, g.max) for g in res.groups] == [("_all", 1, 150, 150)]
    labels = [r.label for blk in res.random["variance"] for r in blk.rows]
    assert labels == ["var(R.a)", "var(R.b)"]
    b, V = fit.e_matrices()
    assert b.colnames == ("y:_cons", "lns1_1_1:_cons", "lns1_2_1:_cons", "lnsig_e:_cons")


@pytest.mark.parametrize("spec_fn", [three_level, crossed, lambda: two_level(method="REML"),
                                     lambda: three_level(method="REML"),
                                     lambda: dataclasses.replace(crossed(), method="REML")])
def test_blups_equal_dense_posterior(spec_fn):
    spec = spec_fn()
    fit = fit_mixed(spec)
    lams = fit.model.lambdas(fit.theta)
    _, V, ZL, beta = dense_loglik(spec, lams, fit.sigma2, beta=fit.beta)
    Vi = np.linalg.inv(V)
    r = spec.y - spec.X @ beta
    # b = Lambda u, u-scale posterior: sigma^2 ZL' V^-1 r;  G = sigma^2 blockdiag(Lambda Lambda')
    G = fit.sigma2 * np.eye(ZL.shape[1])
    post = G @ ZL.T @ Vi @ r
    if fit.model.reml:
        P = Vi - Vi @ spec.X @ np.linalg.solve(spec.X.T @ Vi @ spec.X, spec.X.T @ Vi)
    else:
        P = Vi
    cvar = G - G @ ZL.T @ P @ ZL @ G
    preds = fit.blups()
    off = 0
    for t, lam, pr in zip(spec.terms, lams, preds):
        q = lam.shape[0]
        k = t.n_groups * q
        u = post[off:off + k].reshape(t.n_groups, q)
        np.testing.assert_allclose(pr.modes, u @ lam.T, rtol=1e-7, atol=1e-9)
        C = cvar[off:off + k, off:off + k]
        var_b = np.array([np.diag(lam @ C[g * q:(g + 1) * q, g * q:(g + 1) * q] @ lam.T)
                          for g in range(t.n_groups)])
        np.testing.assert_allclose(pr.se, np.sqrt(var_b), rtol=1e-6, atol=1e-9)
        off += k
    fitted = fit.fitted()
    assert fitted.shape == spec.y.shape
    np.testing.assert_allclose(fitted, spec.X @ beta + ZL @ post, rtol=1e-7, atol=1e-8)


def test_same_level_twice_is_block_diagonal():
    """``|| g: x || g:`` (independent blocks) equals ``|| g: x, cov(independent)``."""
    spec = two_level(cov="independent")
    t = spec.terms[0]
    split = (dataclasses.replace(t, Z=t.Z[:, :1], names=("x",), covariance="identity"),
             dataclasses.replace(t, Z=t.Z[:, 1:], names=("_cons",), covariance="identity"))
    a = fit_mixed(spec)
    b = fit_mixed(dataclasses.replace(spec, terms=split))
    assert b.model.nested
    assert a.loglik == pytest.approx(b.loglik, rel=1e-10)
    pa, pb = a.blups(), b.blups()
    np.testing.assert_allclose(pa[0].modes[:, 0], pb[0].modes[:, 0], rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(pa[0].se[:, 1], pb[1].se[:, 0], rtol=1e-5)
    bnames = b.e_matrices()[0].colnames
    assert bnames[2:] == ("lns1_1_1:_cons", "lns1_2_1:_cons", "lnsig_e:_cons")


@pytest.mark.parametrize("method", ["ML", "REML"])
def test_no_random_effects_is_linear_regression(method):
    spec = two_level(method=method)
    spec = dataclasses.replace(spec, terms=())
    fit = fit_mixed(spec)
    X, y = spec.X, spec.y
    n, p = X.shape
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    rss = float(((y - X @ beta) ** 2).sum())
    dof = n - p if method == "REML" else n
    np.testing.assert_allclose(fit.beta, beta, rtol=1e-10)
    assert fit.sigma2 == pytest.approx(rss / dof, rel=1e-10)
    assert fit.loglik == pytest.approx(fit.ll_linear, rel=1e-12)
    res = fit.result()
    assert res.lr_test is None and res.groups == () and fit.blups() == []
    np.testing.assert_allclose(fit.fitted(), X @ beta, rtol=1e-10)


def test_small_slope_variance_is_not_lost_at_the_boundary():
    """Slope sd small against the residual: the fit must leave the theta_11 = 0 saddle."""
    rng = np.random.default_rng(12)
    G, per = 160, 45
    g = np.repeat(np.arange(G), per)
    n = len(g)
    x = rng.normal(size=n) * 0.66
    x -= np.bincount(g, x)[g] / per
    u = rng.multivariate_normal([0, 0], [[0.68, 0.05], [0.05, 8.68]], size=G)
    y = 12.6 + 2.2 * x + u[g, 0] * x + u[g, 1] + rng.normal(size=n) * 6.06
    X = np.column_stack([x, np.ones(n)])
    spec = MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")),
                     (RandomTerm("g", g, X.copy(), ("x", "_cons"), "unstructured", G),), method="REML")
    fit = fit_mixed(spec)
    lam = fit.model.lambdas(fit.theta)[0]
    assert lam[0, 0] > 0.03
    base = fit.model.deviance(fit.theta)
    for i in range(3):
        for h in (1e-3, -1e-3):
            th = fit.theta.copy()
            th[i] = max(th[i] + h, fit.model.lower[i])
            assert fit.model.deviance(th) >= base - 1e-8


def test_optimizer_leaves_a_saddle_on_the_bound():
    """d = 1e-3 (t0^4 - t0^2) + (t1 - 1)^2 from t0 = 0: the gradient vanishes on the
    bound (a saddle, as a zero Cholesky diagonal can be); the minimum is at t0 = 1/sqrt(2)."""
    from mlmcli.mixed.optimizer import minimize_deviance

    def dev(t):
        return 1e-3 * (t[0] ** 4 - t[0] ** 2) + (t[1] - 1) ** 2 + 10.0

    res = minimize_deviance(dev, np.array([0.0, 0.3]), np.array([0.0, -np.inf]))
    assert res.converged
    np.testing.assert_allclose(res.theta, [1 / np.sqrt(2), 1.0], atol=1e-6)


def test_huge_dense_block_is_a_stata_error(monkeypatch):
    import mlmcli.mixed.blocked_cholesky as bc
    from mlmcli.errors import StataError

    # beyond the dense limit only scalar second-block terms have a sparse factor
    monkeypatch.setattr(bc, "DENSE_LIMIT", 5)
    with pytest.raises(StataError) as e:
        fit_mixed(crossed_slopes())
    assert e.value.rc == 909


@pytest.mark.parametrize("cov", ["independent", "unstructured"])
@pytest.mark.parametrize("scale", [1e-6, 1e5])
def test_fit_does_not_depend_on_the_units_of_a_random_slope(cov, scale):
    spec = two_level(cov=cov)
    base = fit_mixed(spec)
    t = spec.terms[0]
    Z = t.Z.copy()
    Z[:, 0] *= scale
    X = spec.X.copy()
    X[:, 0] *= scale
    scaled = fit_mixed(dataclasses.replace(spec, X=X, terms=(dataclasses.replace(t, Z=Z),)))
    assert scaled.loglik == pytest.approx(base.loglik, rel=1e-10, abs=1e-8)
    assert scaled.beta[0] * scale == pytest.approx(base.beta[0], rel=1e-6)


def test_estmetric_rows_carry_z_and_p():
    res = fit_mixed(two_level()).result()
    rows = list(res.random["est"][0].rows) + [res.residual["est"]]
    assert [r.label for r in rows] == ["lns1_1_1", "lns1_1_2", "atr1_1_1_2", "lnsig_e"]
    for r in rows:
        assert r.z == pytest.approx(r.estimate / r.se)
        assert 0 <= r.p <= 1
        assert r.ci_lo < r.estimate < r.ci_hi


def crossed_slopes(seed=3, method="ML"):
    """a: random intercept and slope (cov(un)); b crossed with a slope too (independent)."""
    rng = np.random.default_rng(seed)
    n = 240
    a = rng.integers(0, 15, n)
    b = rng.integers(0, 6, n)
    x = rng.normal(size=n)
    y = (1 + 0.5 * x + rng.normal(size=15)[a] + 0.5 * rng.normal(size=15)[a] * x
         + 0.7 * rng.normal(size=6)[b] + 0.3 * rng.normal(size=6)[b] * x + rng.normal(size=n))
    Z = np.column_stack([x, np.ones(n)])
    terms = (RandomTerm("a", a, Z, ("x", "_cons"), "unstructured", 15),
             RandomTerm("b", b, Z, ("x", "_cons"), "independent", 6))
    return MixedSpec("y", y, Z.copy(), (CoefLabel("x"), CoefLabel("_cons")), terms, method=method)


@pytest.mark.parametrize("method", ["ML", "REML"])
def test_crossed_random_slopes_match_dense(method):
    spec = crossed_slopes(method=method)
    fit = fit_mixed(spec)
    assert not fit.model.nested and fit.converged
    lams = fit.model.lambdas(fit.theta)
    ll, V, ZL, beta = dense_loglik(spec, lams, fit.sigma2, reml=method == "REML")
    assert fit.loglik == pytest.approx(ll, rel=1e-10)
    Vi = np.linalg.inv(V)
    G = fit.sigma2 * np.eye(ZL.shape[1])
    post = G @ ZL.T @ Vi @ (spec.y - spec.X @ fit.beta)
    P = Vi
    if method == "REML":
        P = Vi - Vi @ spec.X @ np.linalg.solve(spec.X.T @ Vi @ spec.X, spec.X.T @ Vi)
    cvar = G - G @ ZL.T @ P @ ZL @ G
    off = 0
    for t, lam, pr in zip(spec.terms, lams, fit.blups()):
        q, k = lam.shape[0], t.n_groups * lam.shape[0]
        np.testing.assert_allclose(pr.modes, post[off:off + k].reshape(t.n_groups, q) @ lam.T,
                                   rtol=1e-6, atol=1e-9)
        C = cvar[off:off + k, off:off + k]
        se = np.array([np.sqrt(np.diag(lam @ C[g * q:(g + 1) * q, g * q:(g + 1) * q] @ lam.T))
                       for g in range(t.n_groups)])
        np.testing.assert_allclose(pr.se, se, rtol=1e-6, atol=1e-9)
        off += k
