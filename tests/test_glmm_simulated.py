"""The GLMM engine on data generated here: approximation error, identities that must
hold exactly, gradients, weights, robust VCE, constraints, predictions, errors."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.glm.spec import GLMSpec, LinearConstraints
from mlmcli.glmm import numdiff
from mlmcli.glmm.fit import fit_glmm, model_gradient
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def logit_data(G=60, m=8, sd=1.5, seed=7, slope=False):
    rng = np.random.default_rng(seed)
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    u = rng.normal(0, sd, G)
    v = rng.normal(0, 1.0, G) if slope else np.zeros(G)
    y = (rng.random(n) < 1 / (1 + np.exp(-(-0.3 + 0.8 * x + u[g] + v[g] * x)))).astype(float)
    return g, x, y


def ri_spec(g, x, y, family="bernoulli", link="logit", method="mvaghermite", Q=7, **kw):
    n = len(y)
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), family, link, **kw)
    term = RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", int(g.max()) + 1)
    return GLMMSpec(fixed, (term,), method, Q)


def se(fit):
    return np.sqrt(np.diag(fit.V))


def test_seven_point_mvaghermite_against_fifty_points():
    """60 groups of 8, sd(u) = 1.5 (a hard case for few points): the default 7-point
    mean-variance adaptive rule is within 1e-3 of the 50-point log likelihood (found:
    9.5e-4) and within 1.2e-3 standard errors of its estimates (found: x 5e-5,
    _cons 3.7e-4, ln sd 1.1e-3); 50 points non-adaptive equal 50 points adaptive."""
    g, x, y = logit_data()
    f7 = fit_glmm(ri_spec(g, x, y))
    f50 = fit_glmm(ri_spec(g, x, y, Q=50))
    assert f7.converged and f50.converged
    assert abs(f7.loglik - f50.loglik) < 1.5e-3
    assert np.max(np.abs(f7.theta - f50.theta) / se(f50)) < 2e-3
    assert np.max(np.abs(se(f7) / se(f50) - 1)) < 1e-3
    gh50 = fit_glmm(ri_spec(g, x, y, method="ghermite", Q=50))
    assert abs(gh50.loglik - f50.loglik) < 1e-6
    lap = fit_glmm(ri_spec(g, x, y, method="laplace"))
    assert lap.loglik < f50.loglik - 0.1  # Laplace is visibly cruder here


def test_recovers_known_parameters():
    g, x, y = logit_data(G=400, m=15, sd=1.0, seed=3)
    fit = fit_glmm(ri_spec(g, x, y))
    truth = np.array([0.8, -0.3, 0.0])  # ln sd of 1 = 0
    assert np.all(np.abs(fit.theta - truth) < 4 * se(fit))


def test_gaussian_identity_equals_mixed():
    """The Gaussian GLMM integral is exact under every method: meglm's log likelihood and
    estimates equal mixed's (ML)."""
    rng = np.random.default_rng(5)
    G, m = 40, 6
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + rng.normal(0, 0.7, G)[g] + rng.normal(size=n)
    mixed = fit_mixed(MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")),
                                (RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", G),)))
    for method in ("laplace", "mvaghermite"):
        fit = fit_glmm(ri_spec(g, x, y, family="gaussian", link="identity", method=method))
        assert abs(fit.loglik - mixed.loglik) < 1e-8
        assert np.allclose(fit.beta, mixed.beta, atol=1e-7)
        assert np.allclose(np.exp(2 * fit.anc[0]), mixed.sigma2, rtol=1e-6)


@pytest.mark.parametrize("family,link", [("bernoulli", "logit"), ("bernoulli", "probit"),
                                         ("bernoulli", "cloglog"), ("poisson", "log"),
                                         ("nbinomial", "log"), ("ordinal", "logit"), ("ordinal", "cloglog")])
@pytest.mark.parametrize("method", ["laplace", "mcaghermite", "mvaghermite", "ghermite"])
def test_analytic_gradient_matches_differences(family, link, method):
    rng = np.random.default_rng(11)
    G, m = 25, 5
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    eta = 0.3 + 0.5 * x + rng.normal(0, 0.7, G)[g]
    if family == "bernoulli":
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    elif family == "ordinal":
        y = np.digitize(eta + rng.logistic(size=n), [-0.5, 0.5, 1.5]) + 1.0
    else:
        y = rng.poisson(np.exp(eta)).astype(float)
    fw = rng.integers(1, 3, n).astype(float)
    kw = {"categories": (1.0, 2.0, 3.0, 4.0)} if family == "ordinal" else {}
    spec = ri_spec(g, x, y, family, link, method, 5, fweight=fw, **kw)
    if family == "ordinal":
        spec = dataclasses.replace(spec, fixed=dataclasses.replace(
            spec.fixed, X=x[:, None], coef_labels=(CoefLabel("x"),)))
    model = GLMMModel(spec)
    grad = model_gradient(model)
    theta = np.concatenate([[0.5], [] if family == "ordinal" else [0.2],
                            {"nbinomial": [-1.0], "ordinal": [-0.8, 0.4, 1.6]}.get(family, []), [-0.4]])
    ga = grad(theta)
    gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert np.allclose(ga, gn, rtol=1e-6, atol=1e-6)


def test_laplace_gradient_with_random_slopes_and_nested_levels():
    rng = np.random.default_rng(2)
    G, m = 20, 6
    n = G * m
    g = np.repeat(np.arange(G), m)
    inner = np.repeat(np.arange(G * 2), m // 2)
    x = rng.normal(size=n)
    y = rng.poisson(np.exp(0.2 + 0.3 * x + rng.normal(0, 0.5, G)[g] + rng.normal(0, 0.4, 2 * G)[inner]))
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y.astype(float), X, (CoefLabel("x"), CoefLabel("_cons")), "poisson", "log")
    slope = RandomTerm("g", g, X, ("x", "_cons"), "unstructured", G)
    nested = (RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", G),
              RandomTerm("c", inner, np.ones((n, 1)), ("_cons",), "identity", 2 * G))
    for terms, theta in (((slope,), [0.3, 0.2, -1.0, -0.7, 0.2]), (nested, [0.3, 0.2, -0.7, -0.9])):
        model = GLMMModel(GLMMSpec(fixed, terms, "laplace"))
        theta = np.array(theta)
        gn = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
        assert np.allclose(model_gradient(model)(theta), gn, rtol=1e-6, atol=1e-6)


def test_frequency_weights_equal_replicated_data():
    g, x, y = logit_data(G=30, m=6, seed=4)
    rng = np.random.default_rng(0)
    fw = rng.integers(1, 4, len(y))
    rep = np.repeat(np.arange(len(y)), fw)
    a = fit_glmm(ri_spec(g, x, y, fweight=fw.astype(float)))
    b = fit_glmm(ri_spec(g[rep], x[rep], y[rep]))
    assert abs(a.loglik - b.loglik) < 1e-7
    assert np.allclose(a.theta, b.theta, atol=1e-6)
    assert np.allclose(se(a), se(b), rtol=1e-5)
    assert a.result().nobs == len(rep)


def test_group_frequency_weights_equal_replicated_groups():
    g, x, y = logit_data(G=30, m=6, seed=8)
    wg = np.where(np.arange(30) % 3 == 0, 2.0, 1.0)
    spec = ri_spec(g, x, y, method="laplace")
    term = dataclasses.replace(spec.terms[0], fweight=wg[g])
    a = fit_glmm(dataclasses.replace(spec, terms=(term,)))
    extra = np.flatnonzero(wg[g] == 2)
    g2 = np.concatenate([g, 30 + np.searchsorted(np.flatnonzero(wg == 2), g[extra])])
    idx = np.concatenate([np.arange(len(y)), extra])
    b = fit_glmm(ri_spec(g2, x[idx], y[idx], method="laplace"))
    assert abs(a.loglik - b.loglik) < 1e-7
    assert np.allclose(a.theta, b.theta, atol=1e-6)


def test_binomial_trials_equal_bernoulli_expansion():
    rng = np.random.default_rng(9)
    G, m = 20, 4
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    trials = rng.integers(1, 6, n)
    succ = rng.binomial(trials, 1 / (1 + np.exp(-(0.2 + 0.6 * x + rng.normal(0, 0.8, G)[g]))))
    a = fit_glmm(ri_spec(g, x, succ.astype(float), family="binomial", trials=trials.astype(float)))
    rows = np.repeat(np.arange(n), trials)
    yb = np.concatenate([np.r_[np.ones(s), np.zeros(t - s)] for s, t in zip(succ, trials)])
    b = fit_glmm(ri_spec(g[rows], x[rows], yb))
    from scipy.special import gammaln
    const = np.sum(gammaln(trials + 1) - gammaln(succ + 1) - gammaln(trials - succ + 1))
    assert abs(a.loglik - (b.loglik + const)) < 1e-7
    assert np.allclose(a.theta, b.theta, atol=1e-6)


def test_exposure_is_an_offset():
    rng = np.random.default_rng(12)
    G, m = 30, 5
    n = G * m
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=n)
    t = rng.uniform(0.5, 3, n)
    y = rng.poisson(t * np.exp(0.1 + 0.4 * x + rng.normal(0, 0.5, G)[g])).astype(float)
    a = fit_glmm(ri_spec(g, x, y, "poisson", "log", offset=np.log(t), offset_name="ln(t)"))
    X = np.column_stack([x, np.log(t), np.ones(n)])
    free = GLMMSpec(GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("lnt"), CoefLabel("_cons")), "poisson", "log"),
                    a.spec.terms)
    b = fit_glmm(free)
    assert b.loglik >= a.loglik - 1e-9
    R = LinearConstraints(np.array([[0, 1.0, 0, 0]]), np.array([1.0]), ("[y]lnt = 1",))
    c = fit_glmm(dataclasses.replace(free, fixed=dataclasses.replace(free.fixed, constraints=R)))
    assert abs(c.loglik - a.loglik) < 1e-8
    assert np.allclose(c.theta[[0, 2, 3]], a.theta, atol=1e-6)
    assert abs(c.theta[1] - 1) < 1e-12 and c.V[1, 1] < 1e-20
    assert c.result().lr_test is None  # Stata reports no LR test under constraints


def test_robust_and_cluster_variance():
    g, x, y = logit_data(G=40, m=6, seed=13)
    rob = fit_glmm(ri_spec(g, x, y, method="laplace", vce="robust"))
    oim = fit_glmm(ri_spec(g, x, y, method="laplace"))
    assert abs(rob.loglik - oim.loglik) < 1e-9 and np.allclose(rob.theta, oim.theta, atol=1e-7)
    assert rob.robust and rob.result().lr_test is None and rob.result().vce == "robust"
    assert np.all(np.isfinite(se(rob))) and not np.allclose(se(rob), se(oim), rtol=1e-3)
    cl = fit_glmm(ri_spec(g, x, y, method="laplace", vce="cluster", cluster=g, cluster_var="g"))
    assert np.allclose(cl.V, rob.V, rtol=1e-8, atol=1e-14)
    coarse = fit_glmm(ri_spec(g, x, y, method="laplace", vce="cluster", cluster=g // 4, cluster_var="c"))
    assert coarse.n_clusters == 10
    with pytest.raises(StataError) as e:
        fit_glmm(ri_spec(g, x, y, method="laplace", vce="cluster", cluster=np.arange(len(y)) % 7, cluster_var="c"))
    assert e.value.rc == 459


def test_predictions_and_posterior():
    g, x, y = logit_data(G=30, m=6, seed=21)
    fit = fit_glmm(ri_spec(g, x, y))
    xb = fit.predict("xb")
    eta = fit.predict("eta")
    mu = fit.predict("mu")
    assert np.allclose(mu, 1 / (1 + np.exp(-eta)))
    assert np.allclose(fit.predict("mu", fixedonly=True), 1 / (1 + np.exp(-xb)))
    eff = fit.posterior("ebmeans")[0]
    assert np.allclose(eta - xb, eff.values[g, 0])
    modes = fit.posterior("ebmodes")[0]
    assert np.max(np.abs(modes.values - eff.values)) < 0.2 and not np.allclose(modes.values, eff.values)
    stdp = fit.predict("stdp")
    X = np.column_stack([x, np.ones(len(y))])
    assert np.allclose(stdp ** 2, np.einsum("ij,jk,ik->i", X, fit.V[:2, :2], X))
    pear = fit.predict("pearson")
    assert np.allclose(pear, (y - mu) / np.sqrt(mu * (1 - mu)))
    dev = fit.predict("deviance")
    assert np.allclose(dev ** 2, -2 * (y * np.log(mu) + (1 - y) * np.log(1 - mu)))
    lap = fit_glmm(ri_spec(g, x, y, method="laplace"))
    a, b = lap.posterior("ebmeans")[0], lap.posterior("ebmodes")[0]
    assert np.allclose(a.values, b.values) and np.allclose(a.se, b.se)


def test_outcome_errors_and_perfect_prediction():
    g, x, y = logit_data(G=10, m=5)
    with pytest.raises(StataError) as e:
        fit_glmm(ri_spec(g, x, np.ones(len(y))))
    assert e.value.rc == 2000 and e.value.message.startswith("outcome does not vary")
    with pytest.raises(StataError) as e:
        fit_glmm(ri_spec(g, x, np.where(np.arange(len(y)) == 3, -1.0, 2.0), "poisson", "log"))
    assert e.value.rc == 459
    with pytest.raises(StataError) as e:
        fit_glmm(ri_spec(g, x, (x > 0.2).astype(float)))
    assert e.value.rc == 2000 and "predicts data perfectly" in e.value.message
    d = (np.arange(len(y)) % 5 == 0).astype(float)
    yy = np.where(d == 1, 0.0, y)
    X = np.column_stack([x, d, np.ones(len(y))])
    spec = GLMMSpec(GLMSpec("y", yy, X, (CoefLabel("x"), CoefLabel("d"), CoefLabel("_cons"))),
                    (RandomTerm("g", g, np.ones((len(y), 1)), ("_cons",), "identity", 10),), "laplace")
    fit = fit_glmm(spec)
    r = fit.result()
    assert r.notes[0].startswith("note: d != 0 predicts failure perfectly")
    assert "d dropped and 10 obs not used" in r.notes[0]
    assert r.nobs == 40 and [row.omitted for row in r.fixed] == [False, True, False]


def test_non_convergence_is_reported_not_raised():
    g, x, y = logit_data(G=20, m=5)
    fit = fit_glmm(dataclasses.replace(ri_spec(g, x, y), fixed=dataclasses.replace(
        ri_spec(g, x, y).fixed, iterate=0)))
    assert fit.converged is False and fit.result().converged is False


def test_iteration_log_phases():
    g, x, y = logit_data(G=20, m=5)
    log = fit_glmm(ri_spec(g, x, y)).result().iteration_log
    heads = [p.heading for p in log.phases]
    assert heads == ["Fitting fixed-effects model:", "Refining starting values:", "Fitting full model:"]
    assert log.phases[1].label == "Grid node"
    full = log.phases[2].steps
    assert full[0].iteration == 0 and full[-1].loglik >= full[0].loglik


def test_e_matrices_and_names():
    g, x, y = logit_data(G=40, m=10, sd=1.0, slope=True)
    n = len(y)
    X = np.column_stack([x, np.ones(n)])
    spec = GLMMSpec(GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons"))),
                    (RandomTerm("school", g, X, ("x", "_cons"), "unstructured", 40),), "laplace")
    fit = fit_glmm(spec)
    b, V = fit.e_matrices()
    assert b.colnames == ("y:x", "y:_cons", "var(x[school]):_cons", "var(_cons[school]):_cons",
                          "cov(x[school],_cons[school]):_cons")
    S = fit.sigmas()[0]
    assert np.allclose(b.values[0, 2:], [S[0, 0], S[1, 1], S[0, 1]])
    rows = {r.label: r for r in fit.result().random["variance"][0].rows}
    assert np.isclose(np.sqrt(V.values[2, 2]), rows["var(x)"].se)
    assert np.isclose(np.sqrt(V.values[4, 4]), rows["cov(x,_cons)"].se)
    sc = fit.scalars()
    assert sc["k"] == 5 and sc["k_r"] == 3 and sc["N_g"] == [40]
    assert fit.macros()["model"] == "logistic" and fit.latent_residual_variance() == pytest.approx(np.pi ** 2 / 3)


def test_nested_quadrature_converges_to_laplace_free_answer():
    """Two nested levels: nested quadrature converges (25 vs 35 points, mean-variance and
    mode-curvature alike; 9 points within 1e-4 here, found 1.6e-5), and the one-point
    mode-curvature rule is the joint Laplace approximation."""
    rng = np.random.default_rng(4)
    G, k, m = 12, 3, 4
    n = G * k * m
    top = np.repeat(np.arange(G), k * m)
    inner = np.repeat(np.arange(G * k), m)
    x = rng.normal(size=n)
    y = rng.poisson(np.exp(0.3 + 0.4 * x + rng.normal(0, 0.6, G)[top] + rng.normal(0, 0.5, G * k)[inner]))
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y.astype(float), X, (CoefLabel("x"), CoefLabel("_cons")), "poisson", "log")
    terms = (RandomTerm("s", top, np.ones((n, 1)), ("_cons",), "identity", G),
             RandomTerm("c", inner, np.ones((n, 1)), ("_cons",), "identity", G * k))
    theta = np.array([0.4, 0.3, -0.5, -0.7])
    ll = {}
    for method, Q in (("mvaghermite", 35), ("mvaghermite", 25), ("mvaghermite", 9), ("mcaghermite", 25),
                      ("mcaghermite", 1), ("laplace", 1)):
        ll[(method, Q)] = GLMMModel(GLMMSpec(fixed, terms, method, Q)).loglik(theta)
    assert abs(ll[("mvaghermite", 25)] - ll[("mvaghermite", 35)]) < 1e-8
    assert abs(ll[("mcaghermite", 25)] - ll[("mvaghermite", 35)]) < 1e-8
    assert abs(ll[("mvaghermite", 25)] - ll[("mvaghermite", 9)]) < 1e-4
    assert abs(ll[("mcaghermite", 1)] - ll[("laplace", 1)]) < 1e-9


def test_latent_response_icc():
    g, x, y = logit_data(G=40, m=8, sd=1.0, seed=31)
    for link, c in (("logit", np.pi ** 2 / 3), ("probit", 1.0), ("cloglog", np.pi ** 2 / 6)):
        fit = fit_glmm(ri_spec(g, x, y, link=link, method="laplace"))
        (row,) = fit.icc()
        v = fit.sigmas()[0][0, 0]
        assert row.label == "g" and row.icc == pytest.approx(v / (v + c))
        # delta method on ln sd: d icc / d lnsd = 2 icc (1 - icc)
        assert row.se == pytest.approx(2 * row.icc * (1 - row.icc) * np.sqrt(fit.V[-1, -1]), rel=1e-9)
        assert row.ci_lo < row.icc < row.ci_hi
    pois = fit_glmm(ri_spec(g, x, np.round(np.exp(x)), "poisson", "log", method="laplace"))
    with pytest.raises(StataError) as e:
        pois.icc()
    assert e.value.rc == 321


def test_family_link_combinations_are_checked():
    g, x, y = logit_data(G=10, m=5)
    with pytest.raises(StataError) as e:
        fit_glmm(ri_spec(g, x, y, "poisson", "logit"))
    assert e.value.rc == 198 and e.value.message == "link logit not allowed with family poisson"
    with pytest.raises(StataError) as e:
        fit_glmm(dataclasses.replace(ri_spec(g, x, y), intmethod="quadrature"))
    assert e.value.rc == 198


def test_sampling_weights_with_level_weights():
    """pweights at both levels: a pseudo-likelihood with robust (cluster = top level)
    standard errors and no LR test; unit weights reproduce the unweighted estimates."""
    g, x, y = logit_data(G=40, m=6, seed=17)
    ones = np.ones(len(y))
    spec = ri_spec(g, x, y, method="laplace", pweight=ones)
    spec = dataclasses.replace(spec, terms=(dataclasses.replace(spec.terms[0], pweight=ones),))
    pw = fit_glmm(spec)
    plain = fit_glmm(ri_spec(g, x, y, method="laplace"))
    assert abs(pw.loglik - plain.loglik) < 1e-9 and np.allclose(pw.theta, plain.theta, atol=1e-7)
    r = pw.result()
    assert r.pseudo and r.vce == "robust" and r.lr_test is None
    rob = fit_glmm(ri_spec(g, x, y, method="laplace", vce="robust"))
    assert np.allclose(pw.V, rob.V, rtol=1e-7, atol=1e-14)
    rng = np.random.default_rng(1)
    wl = rng.uniform(1, 3, 40)[g]
    wi = rng.uniform(1, 2, len(y))
    spec2 = ri_spec(g, x, y, method="mvaghermite", pweight=wi)
    spec2 = dataclasses.replace(spec2, terms=(dataclasses.replace(spec2.terms[0], pweight=wl),))
    fit = fit_glmm(spec2)
    assert fit.converged and np.all(np.isfinite(np.sqrt(np.diag(fit.V))))


def test_nested_and_crossed_fits_and_names():
    rng = np.random.default_rng(6)
    G, k, m = 15, 3, 4
    n = G * k * m
    top = np.repeat(np.arange(G), k * m)
    inner = np.repeat(np.arange(G * k), m)
    item = np.tile(np.arange(m), G * k)
    x = rng.normal(size=n)
    eta = 0.3 + 0.4 * x + rng.normal(0, 0.6, G)[top] + rng.normal(0, 0.5, G * k)[inner] + rng.normal(0, 0.4, m)[item]
    y = rng.poisson(np.exp(eta)).astype(float)
    X = np.column_stack([x, np.ones(n)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), "poisson", "log")
    nested = (RandomTerm("school", top, np.ones((n, 1)), ("_cons",), "identity", G),
              RandomTerm("class", inner, np.ones((n, 1)), ("_cons",), "identity", G * k))
    fit = fit_glmm(GLMMSpec(fixed, nested, "laplace"))
    assert fit.converged
    assert fit.e_matrices()[0].colnames[2:] == ("var(_cons[school]):_cons", "var(_cons[school>class]):_cons")
    assert fit.macros()["labels"] == "school school>class"
    crossed = (RandomTerm("_all", item, np.ones((n, 1)), ("R.item",), "identity", m),) + nested[:1]
    spec = GLMMSpec(fixed, crossed)
    assert spec.method == "laplace"  # Stata's default for crossed models
    cf = fit_glmm(spec)
    assert cf.converged and cf.result().crossed
    with pytest.raises(StataError) as e:  # 7 points over 9 crossed effects and a school effect: 7^10 nodes
        fit_glmm(dataclasses.replace(spec, terms=(dataclasses.replace(crossed[0], group=inner % 9,
                                                                      n_groups=9),) + crossed[1:],
                                     intmethod="mvaghermite"))
    assert e.value.rc == 909 and "use intmethod(laplace)" in e.value.message
    assert cf.e_matrices()[0].colnames[2:] == ("var(R.item):_cons", "var(_cons[school]):_cons")
    eff = cf.posterior("ebmeans")
    assert eff[0].values.shape == (m, 1) and eff[1].values.shape == (G, 1)
    lr = cf.result().lr_test
    assert lr.kind == "chi2" and lr.df == 2 and lr.conservative
