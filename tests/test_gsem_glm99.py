"""gsem with generalized responses and random slopes (commands/estimation/gsem_generalized.py).

Evidence: a gsem model that is an me model must give the me command's numbers ([ME] meglm:
Stata's me commands are gsem's multilevel GLMs): the log likelihood, every coefficient,
variance and covariance and their standard errors, under gsem's names (``var(M1[id])``,
``cov(M2[id],M1[id])``, the constrained loadings ``[y]M1[id] = 1``).  A Gaussian response
with a random slope has mixed's (ML) estimates and log likelihood.  The table is gsem's
(Stata 13's ``Generalized structural equation model`` header and ``y <-`` block)."""
import math

import numpy as np
import pandas as pd
import pytest


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(99)
    G, m = 20, 10
    gid = np.repeat(np.arange(1, G + 1), m)
    u0 = rng.normal(scale=0.8, size=G)[gid - 1]
    u1 = rng.normal(scale=1.0, size=G)[gid - 1]
    x = rng.normal(size=G * m)
    z = (rng.random(G * m) < 0.5).astype(float)
    eta = -0.2 + (0.7 + u1) * x - 0.4 * z + u0
    y = (rng.random(G * m) < 1 / (1 + np.exp(-eta))).astype(float)
    expo = 1.0 + (np.arange(G * m) % 3)
    c = rng.poisson(np.exp(0.3 + 0.4 * x + 0.5 * u0) * expo).astype(float)
    latent = 0.8 * x + u0 + rng.logistic(size=G * m)
    o = 1.0 + (latent > -0.5) + (latent > 1.0)
    yc = 2 + (1 + u1) * x + 2 * u0 + rng.normal(size=G * m)
    n = np.full(G * m, 4.0)
    k = rng.binomial(4, 1 / (1 + np.exp(-eta))).astype(float)
    w = (rng.random(G) < 0.5).astype(float)[gid - 1]  # a group-level covariate
    return pd.DataFrame({"id": gid, "x": x, "z": z, "y": y, "c": c, "expo": expo, "o": o, "yc": yc,
                         "n": n, "k": k, "w": w})


DATA = _data()


@pytest.fixture
def fit(do):
    def run_fit(*texts):
        session = None
        outs = []
        for text in texts:
            if session is None:
                rc, out, session = do(text, df=DATA.copy())
            else:
                rc, out, session = do(text, session=session)
            assert rc == 0, out
            outs.append(out)
        return outs, session
    return run_fit


def _b(e) -> dict[str, tuple[float, float]]:
    b, V = e.matrices["b"], e.matrices["V"]
    return {n: (float(b.values[0, j]), math.sqrt(max(float(V.values[j, j]), 0.0))) for j, n in enumerate(b.colnames)}


def _same(gs, me, pairs, rel=1e-6):
    """gsem's e(b) entries equal the me command's, estimate and standard error."""
    for g_name, m_name in pairs:
        (bg, sg), (bm, sm) = gs[g_name], me[m_name]
        assert math.isclose(bg, bm, rel_tol=rel, abs_tol=1e-8), (g_name, bg, bm)
        assert math.isclose(sg, sm, rel_tol=1e-4, abs_tol=1e-8), (g_name, sg, sm)


def test_logit_random_intercept_and_slope_is_melogit(fit):
    (out_g,), sg = fit("gsem (y <- x z M1[id] c.x#M2[id]), logit")
    _, sm = fit("melogit y x z || id: x, covariance(unstructured)")
    gs, me = _b(sg.e), _b(sm.e)
    ll = sm.e.scalars["ll"]
    assert math.isclose(sg.e.scalars["ll"], ll, rel_tol=1e-9)
    _same(gs, me, [("y:x", "y:x"), ("y:z", "y:z"), ("y:_cons", "y:_cons"),
                   ("var(M1[id]):_cons", "var(_cons[id]):_cons"), ("var(M2[id]):_cons", "var(x[id]):_cons"),
                   ("cov(M2[id],M1[id]):_cons", "cov(x[id],_cons[id]):_cons")])
    assert gs["y:M1[id]"] == (1.0, 0.0) and gs["y:c.x#M2[id]"] == (1.0, 0.0)
    assert list(sg.e.matrices["b"].colnames) == [
        "y:x", "y:z", "y:M1[id]", "y:c.x#M2[id]", "y:_cons", "var(M1[id]):_cons", "var(M2[id]):_cons",
        "cov(M2[id],M1[id]):_cons"]
    assert sg.e.cmd == "gsem" and sg.e.macros["predict"] == "gsem_p" and sg.e.scalars["k"] == 6
    # gsem's log (the me engine's phases) and table
    assert "Fitting fixed-effects model:" in out_g and "Refining starting values:" in out_g
    assert "\n\nGeneralized structural equation model           Number of obs      =       200\n" in out_g
    assert f"\nLog likelihood = {ll:.8g}"[:22] in out_g
    assert " ( 1)  [y]M1[id] = 1\n ( 2)  [y]c.x#M2[id] = 1\n" in out_g
    lines = out_g.splitlines()
    at = lines.index("y <-         |")
    assert lines[at + 3:at + 8] == ["             |", "      M1[id] |          1  (constrained)", "             |",
                                    "  c.x#M2[id] |          1  (constrained)", "             |"]
    assert lines[at + 8].startswith("       _cons |")
    row = next(ln for ln in lines if ln.startswith(" var(M1[id]) |"))
    assert float(row.split()[2]) == float(f"{me['var(_cons[id]):_cons'][0]:.7g}") and row[36:53].strip() == ""
    assert " cov(M2[id], |\n     M1[id]) |" in out_g


def test_probit_and_binomial_trials_are_meprobit_and_melogit(fit):
    _, s = fit("gsem (y <- x M1[id], family(bernoulli) link(probit)), nolog")
    _, m = fit("meprobit y x || id:, nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    _same(_b(s.e), _b(m.e), [("y:x", "y:x"), ("y:_cons", "y:_cons"), ("var(M1[id]):_cons", "var(_cons[id]):_cons")])
    _, s1 = fit("gsem (k <- x z M1[id], family(binomial n) link(logit)), nolog")
    _, s2 = fit("melogit k x z, binomial(n) || id:, nolog")
    assert math.isclose(s1.e.scalars["ll"], s2.e.scalars["ll"], rel_tol=1e-9)
    _same(_b(s1.e), _b(s2.e), [("k:x", "k:x"), ("k:z", "k:z"), ("var(M1[id]):_cons", "var(_cons[id]):_cons")])


def test_poisson_exposure_robust_is_mepoisson(fit):
    (out,), s = fit("gsem (c <- x M1[id], poisson exposure(expo)), vce(robust) nolog")
    _, m = fit("mepoisson c x, exposure(expo) || id:, vce(robust) nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    _same(_b(s.e), _b(m.e), [("c:x", "c:x"), ("c:_cons", "c:_cons"), ("var(M1[id]):_cons", "var(_cons[id]):_cons")])
    assert "Log pseudolikelihood = " in out and "(Std. Err. adjusted for 20 clusters in id)" in out
    assert "    ln(expo) |          1  (exposure)" in out
    assert s.e.macros["vcetype"] == "Robust" and s.e.scalars["N_clust"] == 20


def test_ologit_is_meologit_with_cutpoints(fit):
    (out,), s = fit("gsem (o <- x M1[id]), ologit nolog")
    _, m = fit("meologit o x || id:, nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    _same(_b(s.e), _b(m.e), [("o:x", "o:x"), ("cut1:_cons", "cut1:_cons"), ("cut2:_cons", "cut2:_cons"),
                             ("var(M1[id]):_cons", "var(_cons[id]):_cons")])
    assert "       /cut1 |" in out and "o:_cons" not in s.e.matrices["b"].colnames


def test_gaussian_random_slope_has_mixed_ml_estimates(fit):
    _, s = fit("gsem (yc <- x M1[id] c.x#M2[id]), nolog")
    _, m = fit("mixed yc x || id: x, covariance(unstructured) ml nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-7)
    gs = _b(s.e)
    assert math.isclose(gs["yc:x"][0], float(m.e.matrices["b"].values[0, 0]), rel_tol=1e-5)
    _, g = fit("meglm yc x || id: x, covariance(unstructured) nolog")  # the same OIM standard errors
    _same(gs, _b(g.e), [("yc:x", "yc:x"), ("var(M2[id]):_cons", "var(x[id]):_cons"),
                        ("var(e.yc):_cons", "var(e.yc):_cons")])


def test_independent_latents_and_no_latents(fit):
    _, s = fit("gsem (y <- x M1[id] c.x#M2[id]), logit cov(M1[id]*M2[id]@0) nolog")
    _, m = fit("melogit y x || id: x, covariance(independent) nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    assert not any(n.startswith("cov(") for n in s.e.matrices["b"].colnames)
    (out,), s0 = fit("gsem (y <- x z), logit")
    _, l0 = fit("logit y x z")
    assert math.isclose(s0.e.scalars["ll"], l0.e.scalars["ll"], rel_tol=1e-9)
    assert "( 1)" not in out and "y <-         |" in out


def test_heldout_style_paths_latent_option_and_cluster(fit):
    """Paths split per regressor with family(binomial) link(logit) and a latent() nocapslatent list."""
    (out,), s = fit("gsem (M1[id] -> y, family(binomial) link(logit)) (x -> y, family(binomial) link(logit)) "
                    "(M2[id]#c.x -> y), vce(cluster id) latent(M1 M2) nocapslatent nolog")
    _, m = fit("melogit y x || id: x, covariance(unstructured) vce(cluster id) nolog")
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    # family(binomial) with one trial is Bernoulli's likelihood: the same maximum, reached by
    # another path (melogit fits family(bernoulli))
    _same(_b(s.e), _b(m.e), [("y:x", "y:x"), ("var(M2[id]):_cons", "var(x[id]):_cons")], rel=1e-4)


def test_factor_variables_and_if_in_are_the_me_commands(fit):
    (out,), s = fit("gsem (y <- i.z x M1[id]) if x < 1.5 in 1/180, probit nolog")
    _, m = fit("meprobit y i.z x if x < 1.5 in 1/180 || id:, nolog")
    assert s.e.scalars["N"] == m.e.scalars["N"] < 180
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-9)
    _same(_b(s.e), _b(m.e), [("y:1.z", "y:1.z"), ("y:x", "y:x")])
    assert "         1.z |" in out and "0b.z" not in out  # the base level: in e(b), not in the table
    assert "y:0b.z" in s.e.matrices["b"].colnames


def test_paths_to_latent_variables_are_regressors_of_the_me_model(fit):
    """(w -> M1[id]): M1 = w g + e.M1, so y's linear predictor gains w g (w x h for a slope on x)."""
    (out,), s = fit("gsem (y <- x M1[id] c.x#M2[id], logit) (w -> M1[id]) (w -> M2[id]), nolog")
    _, m = fit("melogit y x w c.w#c.x || id: x, nolog")  # endogenous latent errors: uncorrelated
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-8)
    _same(_b(s.e), _b(m.e), [("y:x", "y:x"), ("M1[id]:w", "y:w"), ("M2[id]:w", "y:c.w#c.x"),
                             ("var(e.M1[id]):_cons", "var(_cons[id]):_cons")], rel=1e-5)
    assert "M1[id] <-    |\n           w |" in out and "var(e.M1[id])|" in out
    assert not any(n.startswith("cov(") for n in s.e.matrices["b"].colnames)


def test_gaussian_equations_with_random_slopes_separate_into_mixed_fits(fit):
    """Two Gaussian equations, a random slope (the dense cluster likelihood of sem/random_slopes.py):
    with the latent covariances at 0 the likelihood is the sum of two mixed ML fits."""
    (out,), s = fit("gsem (yc <- x M1[id] c.x#S1[id]) (x <- w M2[id]), nolog "
                    "cov(M1[id]*S1[id]@0 M1[id]*M2[id]@0 S1[id]*M2[id]@0)")
    _, m1 = fit("mixed yc x || id: x, ml nolog")
    _, m2 = fit("mixed x w || id:, ml nolog")
    assert math.isclose(s.e.scalars["ll"], m1.e.scalars["ll"] + m2.e.scalars["ll"], rel_tol=1e-8)
    gs, b1 = _b(s.e), m1.e.matrices["b"]
    assert math.isclose(gs["yc:x"][0], float(b1.values[0, b1.colnames.index("yc:x")]), rel_tol=1e-5)
    assert gs["x:w"][0] == pytest.approx(float(m2.e.matrices["b"].values[0, 0]), rel=1e-5)
    assert " ( 2)  [yc]c.x#S1[id] = 1\n ( 3)  [x]M2[id] = 1" in out


def test_dense_cluster_likelihood_equals_the_closed_form_of_random_intercepts():
    from mlmcli.sem import random_intercepts as ri
    from mlmcli.sem import random_slopes as rs

    d = DATA
    Y = d[["yc", "x"]].to_numpy(float)
    X = (np.column_stack([d["x"], np.ones(len(d))]), np.column_stack([d["w"], np.ones(len(d))]))
    loadings = np.eye(2)
    codes = d["id"].to_numpy() - 1
    closed, _ = ri.sort_by_cluster(Y, X, loadings, codes)
    dense, _ = rs.sort_by_cluster(Y, X, np.repeat(loadings[None], len(d), axis=0), codes)
    phi = np.array([1.1, 2.0, -0.1, 0.0, 1.5, 0.3, 0.2, 1.2, 1.1])
    assert np.allclose(ri.cluster_loglik(phi, closed), ri.cluster_loglik(phi, dense), rtol=1e-12)
    assert np.allclose(ri.gradient(phi, closed), ri.gradient(phi, dense), rtol=1e-8)


def test_predict_mu_eta_latent_are_the_me_predictions(fit, run):
    _, s = fit("gsem (y <- x z M1[id] c.x#M2[id]), logit nolog")
    text, rc = run(s, "predict m1\npredict e1, eta\npredict a b, latent\npredict f1, fixedonly\n"
                      "predict s1, latent(M2) se(se1)")
    assert rc == 0, text
    assert "(option mu assumed)" in text
    run(s, "quietly melogit y x z || id: x, covariance(unstructured)\npredict m2\npredict e2, eta\n"
           "predict r1 r2, reffects\npredict f2, fixedonly")
    df = s.data.df
    for a, b in (("m1", "m2"), ("e1", "e2"), ("a", "r2"), ("b", "r1"), ("s1", "r1"), ("f1", "f2")):
        assert np.allclose(df[a], df[b], rtol=1e-5, atol=1e-7), (a, b)
    assert s.data.var_labels["a"] == "empirical Bayes' means for M1[id]"
    assert (df["se1"] > 0).all()


def test_replay_and_level(fit, run):
    _, s = fit("gsem (y <- x M1[id]), logit nolog")
    text, rc = run(s, "gsem, level(90)")
    assert rc == 0 and "[90% Conf. Interval]" in text and "Generalized structural equation model" in text


@pytest.mark.parametrize("text, message, code", [
    ("gsem (y <- x M1[id], logit) (c <- x M2[id], poisson)", "one equation", 198),  # latent variables in two
    ("gsem (y <- x M1[id] c.x#M2[id], logit) (yc <- x M3[id])", "one equation", 198),  # (one: test_heldout_batch30)
    ("gsem (y <- x, nbreg)", "option nbreg not allowed", 198),
    ("gsem (y <- x, family(gamma))", "family(gamma) not allowed", 198),
    ("gsem (y <- x x#M1[id]), logit", "c.varname#M1[id]", 198),
    ("gsem (y <- x, logit) (y <- z, probit)", "conflicting link()", 198),
    ("gsem (y <- x, family(poisson) link(logit))", "link(logit) not allowed with family(poisson)", 198),
    ("gsem (y <- x M1[id]), logit latent(M3)", "latent variable M3 not found", 198),
    ("gsem (yc <- x M1[id]) (c <- x M2[id]), intpoints(9)", "option intpoints() not allowed", 198),
    ("gsem (y <- x, logit exposure(expo))", "option exposure() not allowed", 198),
    ("gsem (y <- x M1[id], logit) (w -> M2[id])", "must be a random intercept or slope", 198),
    ("gsem (y <- x w M1[id], logit) (w -> M1[id])", "collinear paths", 198),
    ("gsem (yc <- x M1[id]) (c <- x M2[id]) (w -> M1[id])", "one equation", 198),
    ("sem (y <- x, logit)", "option logit not allowed", 198),
])
def test_refusals(do, text, message, code):
    rc, out, _ = do(text, df=DATA.copy())
    assert rc == code and message in out, out
