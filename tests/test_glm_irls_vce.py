"""glm ..., irls with vce(opg|unbiased|jackknife1|jackknife|bootstrap) (gl91), following glm.ado's
IRLS block (opensafely-core/cohort-extractor bin/ado/base/g/glm.ado): the scores s_i = mu'(y - mu)/V x_i,
the leverage h_i = V_i x_i (X'WX)^-1 x_i' (W = mu'^2/V), and

    opg         V = delta^2 (sum_i f_i s_i s_i')^-1              (delta: 1, or Pearson X2/df)
    unbiased    V = B (sum_i f_i s_i s_i'/(1 - h_i)) B,  B = (X'WX)^-1   (no N/(N-1): minus(0))
    jackknife1  V = (N - p)/N A (sum_i f_i z_i^2 x_i x_i') A,  A = (X' f V X)^-1, z_i = (mu_i - y_i)/(1 - h_i)
    jackknife   V = (n - 1)/n sum_i (b_(i) - mean b)(b_(i) - mean b)'  over leave-one-out IRLS refits

each written out here in numpy from the data (the fit's own b and mean, or a numpy Newton fit for the
leave-one-out refits), and against glm's ML route where the two must agree (same optimum, same
formulas: vce(opg), vce(jackknife1), vce(jackknife), vce(bootstrap) with one seed)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit

from tests.test_glm_irls import SETUP, hsb  # noqa: F401  (the first 1500 rows of hsb: hi, cnt, pos, fw, w)


def _fit(run, s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return out, s.e.matrices["b"].values[0], s.e.matrices["V"].values


def _design(s, rows=None):
    df = s.data.df if rows is None else s.data.df.iloc[rows]
    X = np.column_stack([df.ses.to_numpy(float), df.sector.to_numpy(float), np.ones(len(df))])
    return df, X


def _logit_newton(X, y):
    b = np.zeros(X.shape[1])
    for _ in range(50):
        p = expit(X @ b)
        step = np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
        b += step
        if np.max(np.abs(step)) < 1e-13:
            break
    return b


def test_opg_binomial_logit_is_the_scores_outer_product_and_the_ml_routes(hsb, run):
    out, b, V = _fit(run, hsb, "glm hi ses sector, family(binomial) irls vce(opg)")
    df, X = _design(hsb)
    y = df.hi.to_numpy(float)
    mu = expit(X @ b)
    S = X * (y - mu)[:, None]  # mu' = V = mu(1-mu): s = (y - mu) x
    np.testing.assert_allclose(V, np.linalg.inv(S.T @ S), rtol=1e-6)
    assert hsb.e.macros["vce"] == "opg" and hsb.e.macros["vcetype"] == "OPG" and hsb.e.macros["opt"] == "irls"
    assert "OPG" in out and "(IRLS EIM)" in out
    _, _, V_ml = _fit(run, hsb, "quietly glm hi ses sector, family(binomial) vce(opg)")
    np.testing.assert_allclose(V, V_ml, rtol=1e-5)


def test_opg_gamma_scales_by_pearson_dispersion_squared(hsb, run):
    _, b, V = _fit(run, hsb, "quietly glm pos ses sector, family(gamma) link(log) irls vce(opg)")
    df, X = _design(hsb)
    y = df.pos.to_numpy(float)
    mu = np.exp(X @ b)
    S = X * ((y - mu) / mu)[:, None]  # mu' = mu, V = mu^2
    delta = np.sum((y - mu) ** 2 / mu ** 2) / (len(y) - 3)
    np.testing.assert_allclose(V, delta ** 2 * np.linalg.inv(S.T @ S), rtol=1e-6)
    # the ML route at the same optimum (IRLS run to a tight deviance tolerance)
    _, _, V = _fit(run, hsb, "quietly glm pos ses sector, family(gamma) link(log) irls vce(opg) ltolerance(1e-13)")
    _, _, V_ml = _fit(run, hsb, "quietly glm pos ses sector, family(gamma) link(log) vce(opg)")
    np.testing.assert_allclose(V, V_ml, rtol=1e-6)


def test_opg_with_fweights_counts_each_row_f_times(hsb, run):
    _, b, V = _fit(run, hsb, "quietly glm cnt ses sector [fw=fw], family(poisson) irls vce(opg)")
    df, X = _design(hsb)
    y, f = df.cnt.to_numpy(float), df.fw.to_numpy(float)
    mu = np.exp(X @ b)
    S = X * (y - mu)[:, None]
    np.testing.assert_allclose(V, np.linalg.inv(S.T @ (S * f[:, None])), rtol=1e-6)


def _unbiased(X, y, mu, dmu, v, f):
    """glm.ado's vce(unbiased) under irls, at the final mean (the ado's h uses the last step's
    weights: equal here to the tolerance)."""
    B = np.linalg.inv(X.T @ (X * (f * dmu ** 2 / v)[:, None]))
    h = v * np.einsum("ij,jk,ik->i", X, B, X)
    S = X * (dmu * (y - mu) / v / np.sqrt(1 - h))[:, None]
    return B @ (S.T @ (S * f[:, None])) @ B, h


def test_unbiased_poisson_and_its_header(hsb, run):
    out, b, V = _fit(run, hsb, "glm cnt ses sector, family(poisson) irls vce(unbiased) nolog")
    df, X = _design(hsb)
    y = df.cnt.to_numpy(float)
    mu = np.exp(X @ b)
    expected, h = _unbiased(X, y, mu, mu, mu, np.ones(len(y)))
    np.testing.assert_allclose(V, expected, rtol=1e-5)
    assert np.all((h > 0) & (h < 1))
    assert hsb.e.macros["vce"] == "unbiased" and hsb.e.macros["vcetype"] == "Unbiased"
    assert hsb.e.macros["setype"] == "Unbiased Sandwich"
    line = next(ln for ln in out.splitlines() if ln.startswith("Standard errors"))
    assert line.startswith("Standard errors  : Unbiased Sandwich") and "BIC" in line
    # larger than the robust sandwich's meat without 1/(1 - h) and N/(N - 1)
    _, _, V_rob = _fit(run, hsb, "quietly glm cnt ses sector, family(poisson) irls vce(robust)")
    assert np.all(np.diag(V) > np.diag(V_rob) * (len(y) - 1) / len(y))


def test_unbiased_non_canonical_probit_with_fweights(hsb, run):
    from scipy.stats import norm

    _, b, V = _fit(run, hsb, "quietly glm hi ses sector [fw=fw], family(binomial) link(probit) irls vce(unbiased)")
    df, X = _design(hsb)
    y, f = df.hi.to_numpy(float), df.fw.to_numpy(float)
    eta = X @ b
    mu, dmu = norm.cdf(eta), norm.pdf(eta)
    expected, _ = _unbiased(X, y, mu, dmu, mu * (1 - mu), f)
    np.testing.assert_allclose(V, expected, rtol=1e-5)


def test_jackknife1_is_the_one_step_formula_and_the_ml_routes(hsb, run):
    out, b, V = _fit(run, hsb, "quietly glm hi ses sector [fw=fw], family(binomial) irls vce(jackknife1)")
    df, X = _design(hsb)
    y, f = df.hi.to_numpy(float), df.fw.to_numpy(float)
    mu = expit(X @ b)
    v = mu * (1 - mu)
    W_inv = np.linalg.inv(X.T @ (X * (f * v)[:, None]))  # logit: W = mu'^2/V = V, so A = (X'WX)^-1 too
    h = v * np.einsum("ij,jk,ik->i", X, W_inv, X)
    z = (mu - y) / (1 - h)
    N, p = f.sum(), 3
    expected = (N - p) / N * W_inv @ (X.T @ (X * (f * z ** 2)[:, None])) @ W_inv
    np.testing.assert_allclose(V, expected, rtol=1e-5)
    assert hsb.e.macros["vce"] == "jackknife1" and hsb.e.macros["vcetype"] == "1-step JKnife"
    _, _, V_ml = _fit(run, hsb, "quietly glm hi ses sector [fw=fw], family(binomial) vce(jackknife1)")
    np.testing.assert_allclose(V, V_ml, rtol=1e-5)


def _jackknife(do, run, command, refit):
    """(session, printed, b, V, the numpy leave-one-out V from ``refit(X, y)``) on every 15th row."""
    rc, printed, s = do(SETUP + "keep if mod(_n, 15) == 0\n")
    assert rc == 0, printed
    out, b, V = _fit(run, s, command)
    df, X = _design(s)
    y = df.hi.to_numpy(float)
    n = len(y)
    reps = np.array([refit(np.delete(X, i, 0), np.delete(y, i)) for i in range(n)])
    d = reps - reps.mean(axis=0)
    return s, out, b, V, (n - 1) / n * d.T @ d, refit(X, y)


def test_jackknife_refits_by_irls(do, run):
    s, out, b, V, expected, _ = _jackknife(do, run, "glm hi ses sector, family(binomial) irls vce(jackknife) nodots",
                                           _logit_newton)
    n = s.e.scalars["N"]
    np.testing.assert_allclose(V, expected, rtol=1e-5)
    assert s.e.macros["vcetype"] == "Jackknife" and s.e.macros["opt"] == "irls"
    assert s.e.scalars["N_reps"] == n and s.e.scalars["df_r"] == n - 1
    assert "(IRLS EIM)" in out and "Iteration 1:" not in out  # the prefix's full-sample run is quiet
    _, _, V_ml = _fit(run, s, "quietly glm hi ses sector, family(binomial) vce(jackknife)")
    np.testing.assert_allclose(V, V_ml, rtol=1e-5)


def test_bootstrap_same_draws_as_the_ml_route(do, run):
    rc, printed, s = do(SETUP + "keep in 1/150\n")
    assert rc == 0, printed
    _, b, V = _fit(run, s, "quietly glm hi ses sector, family(binomial) irls vce(bootstrap, reps(25) seed(7))")
    assert s.e.macros["vcetype"] == "Bootstrap" and s.e.scalars["N_reps"] == 25 and s.e.macros["opt"] == "irls"
    _, b_ml, V_ml = _fit(run, s, "quietly glm hi ses sector, family(binomial) vce(bootstrap, reps(25) seed(7))")
    np.testing.assert_allclose(b, b_ml, rtol=1e-6)
    np.testing.assert_allclose(V, V_ml, rtol=1e-5)


def _glm_ado_irls_logit(X, y, ltolerance):
    """glm.ado's IRLS loop for the Bernoulli logit: mu = (y + .5)/2, then weighted least squares of
    z = eta + (y - mu)/mu' on W = mu'^2/V until the deviance changes by at most ``ltolerance``."""
    mu = (y + 0.5) / 2
    eta = np.log(mu / (1 - mu))
    old, new = 0.0, 1.0
    while abs(new - old) > ltolerance:
        old = new
        W = mu * (1 - mu)
        z = eta + (y - mu) / W
        b = np.linalg.solve(X.T @ (X * W[:, None]), X.T @ (W * z))
        eta = X @ b
        mu = np.clip(expit(eta), 1e-8, 1 - 1e-8)
        new = -2 * np.sum(y * np.log(mu) + (1 - y) * np.log(1 - mu))
    return b


def test_jackknife_replicates_take_irls_ltolerance(do, run):
    """ltolerance(.5): each leave-one-out refit stops where glm.ado's IRLS loop stops (not at the
    ML optimum), so the replicates are glm ..., irls fits with the command's options."""
    s, _, b, V, expected, b_full = _jackknife(
        do, run, "quietly glm hi ses sector, family(binomial) irls ltolerance(.5) vce(jackknife)",
        lambda X, y: _glm_ado_irls_logit(X, y, 0.5))
    np.testing.assert_allclose(b, b_full, rtol=1e-8)
    np.testing.assert_allclose(V, expected, rtol=1e-6)
    _, _, V_ml = _fit(run, s, "quietly glm hi ses sector, family(binomial) vce(jackknife)")
    assert not np.allclose(V, V_ml, rtol=1e-5)


@pytest.mark.parametrize("command, rc, message", [
    ("glm hi ses [aw=w], family(binomial) irls vce(opg)", 198,
     "only fweights (if any) are available for non-hessian, non-bootstrap matrices"),
    ("glm hi ses [aw=w], family(binomial) irls vce(jackknife1)", 198,
     "only fweights (if any) are available for non-hessian, non-bootstrap matrices"),
    ("glm hi ses [pw=w], family(binomial) irls vce(opg)", 198, "robust allowed only with hessian matrices"),
    ("glm hi ses [pw=w], family(binomial) irls vce(jackknife1)", 198, "robust allowed only with hessian matrices"),
    ("glm pos ses, family(gamma) irls vce(opg) scale(x2)", 198, "cannot use scale() with alternate variances"),
    ("glm pos ses, family(gamma) irls vce(unbiased) scale(dev)", 198, "cannot use scale() with alternate variances"),
    ("glm hi ses, family(binomial) irls vce(hac nwest 2)", 198, "not supported by mlmcli"),
    ("glm hi ses, family(binomial) irls vce(unbiased) cluster(sector)", 198, "not supported by mlmcli"),
])
def test_refusals(hsb, run, command, rc, message):
    before = hsb.data.df.copy()
    out, code = run(hsb, command, stop_on_error=False)
    assert code == rc and message in out
    assert hsb.data.df.equals(before)
