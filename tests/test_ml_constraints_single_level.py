"""constraints() on logit, probit, poisson, nbreg, ologit, oprobit (the GLM engine's ml): the
fit maximises over the free parameters (b = T a + k), a parameter the constraints fix prints
``b  (constrained)`` with no SE, the constraints are listed over the table, and ml_model.ado's
"constraints imply a model Wald test" (lf0() dropped: no e(ll_0), no Pseudo R2) gives the
header's Wald chi2 of the slopes, [R] test dropping what V cannot test.

Checked against each likelihood written here from first principles and maximised by scipy over
the re-expressed model (x1 = x2: one coefficient on x1 + x2; x3 = 0.5: the offset 0.5 x3;
[cut1]_cons = -1: a fixed cutpoint), its SEs from a finite-difference Hessian."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from constrained_ml_helpers import maximum_likelihood
from scipy import special, stats

N = 400


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(2026)
    x1, x2, x3 = rng.normal(size=(3, N))
    eta = 0.2 + 0.6 * x1 + 0.5 * x2 + 0.3 * x3
    mu = np.exp(0.1 + 0.3 * x1 + 0.25 * x2 + 0.2 * x3)
    return pd.DataFrame({
        "x1": x1, "x2": x2, "x3": x3,
        "yb": (eta + rng.logistic(size=N) > 0).astype(float),
        "yc": rng.negative_binomial(2.0, 2.0 / (2.0 + mu)).astype(float),
        "yo": (1 + (eta + rng.logistic(size=N) > -0.8) + (eta + rng.logistic(size=N) > 1.0)).astype(float),
    })


def _ll(model: str, y, eta, anc):
    if model == "logit":
        return float(np.sum(y * eta - np.logaddexp(0, eta)))
    if model == "probit":
        return float(np.sum(np.where(y > 0, stats.norm.logcdf(eta), stats.norm.logcdf(-eta))))
    if model == "poisson":
        return float(np.sum(y * eta - np.exp(eta) - special.gammaln(y + 1)))
    if model == "nbreg":  # NB2, anc = ln alpha
        m = np.exp(-anc[0])
        p = 1 / (1 + np.exp(anc[0] + eta))
        return float(np.sum(special.gammaln(y + m) - special.gammaln(y + 1) - special.gammaln(m)
                            + m * np.log(p) + y * np.log1p(-p)))
    cdf = {"ologit": special.expit, "oprobit": stats.norm.cdf}[model]
    cuts = np.concatenate([[-np.inf], anc, [np.inf]])
    k = y.astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):  # the optimiser's trial steps past the next cut
        return float(np.sum(np.log(cdf(cuts[k] - eta) - cdf(cuts[k - 1] - eta))))


def _reduced(model, df, constraint):
    """(theta over e(b)'s estimable columns x1 x2 x3 [_cons] [anc...], its V, ll, the slopes'
    Wald chi2 and df) from the re-expressed likelihood."""
    y = df[{"logit": "yb", "probit": "yb", "poisson": "yc", "nbreg": "yc"}.get(model, "yo")].to_numpy()
    if model.startswith("o"):
        y = np.searchsorted(np.unique(y), y) + 1.0
    x1, x2, x3 = (df[v].to_numpy() for v in ("x1", "x2", "x3"))
    ordinal = model.startswith("o")
    n_anc = {"nbreg": 1, "ologit": 2, "oprobit": 2}.get(model, 0)
    cons = 0 if ordinal else 1
    if constraint == "equal":  # free: c (x1 = x2 = c), b3, [_cons], anc
        def split(t):
            beta = np.array([t[0], t[0], t[1], *(t[2:2 + cons])])
            return beta, t[2 + cons:]
        start = np.zeros(2 + cons + n_anc)
        J = np.zeros((3 + cons + n_anc, len(start)))
        J[0, 0] = J[1, 0] = 1
        J[2:, 1:] = np.eye(len(start) - 1)
        slopes = [0, 1]
    else:  # fixed: x3 = 0.5 (and [cut1]_cons = -1 for the ordinal models)
        fixed_cut = ordinal

        def split(t):
            beta = np.array([t[0], t[1], 0.5, *(t[2:2 + cons])])
            anc = t[2 + cons:]
            return beta, (np.concatenate([[-1.0], anc]) if fixed_cut else anc)
        start = np.zeros(2 + cons + n_anc - (1 if fixed_cut else 0))
        J = np.zeros((3 + cons + n_anc, len(start)))
        J[[0, 1], [0, 1]] = 1
        rows = [r for r in range(3, 3 + cons + n_anc) if not (fixed_cut and r == 3)]
        J[rows, list(range(2, len(start)))] = 1
        slopes = [0, 1]
    if ordinal:
        start[-(n_anc - (1 if constraint != "equal" else 0)):] = np.linspace(-0.5, 0.5, n_anc - (constraint != "equal"))
        if constraint != "equal":
            start[-1] = 1.0

    def f(t):
        beta, anc = split(t)
        eta = beta[0] * x1 + beta[1] * x2 + beta[2] * x3 + (beta[3] if cons else 0.0)
        return _ll(model, y, eta, anc)

    t, Vt, ll = maximum_likelihood(f, start)
    chi2 = float(t[slopes] @ np.linalg.solve(Vt[np.ix_(slopes, slopes)], t[slopes]))
    return J @ t if constraint == "equal" else _full(J, t, split), J @ Vt @ J.T, ll, chi2


def _full(J, t, split):
    beta, anc = split(t)
    return np.concatenate([beta, anc])


CASES = [(m, c) for m in ("logit", "probit", "poisson", "nbreg", "ologit", "oprobit") for c in ("equal", "fixed")]


@pytest.mark.parametrize("model, constraint", CASES)
def test_constrained_fit_matches_the_reexpressed_likelihood(do, data, model, constraint):
    y = {"logit": "yb", "probit": "yb", "poisson": "yc", "nbreg": "yc"}.get(model, "yo")
    numbers = "1" if constraint == "equal" else ("2 3" if model.startswith("o") else "2")
    setup = "constraint 1 x1 = x2\nconstraint 2 x3 = 0.5\nconstraint 3 [cut1]_cons = -1\n"
    rc, printed, s = do(setup + f"{model} {y} x1 x2 x3, constraints({numbers})", data.copy())
    assert rc == 0, printed
    theta, V, ll, chi2 = _reduced(model, data, constraint)
    b = s.e.matrices["b"].values.ravel()
    Ve = s.e.matrices["V"].values
    np.testing.assert_allclose(b, theta, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(Ve)), np.sqrt(np.maximum(np.diag(V), 0)), rtol=2e-4, atol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    assert s.e.scalars["chi2"] == pytest.approx(chi2, rel=2e-4) and s.e.macros["chi2type"] == "Wald"
    assert s.e.scalars["df_m"] == 2 and "ll_0" not in s.e.scalars and "r2_p" not in s.e.scalars
    assert "Wald chi2(2)" in printed and "Pseudo R2" not in printed
    cns = s.e.matrices["Cns"]
    assert cns.colnames[-1] == "_Cns:_r" and cns.values.shape[0] == len(numbers.split())
    assert s.e.scalars["rank"] == len(b) - len(numbers.split())
    if constraint == "equal":
        assert f" ( 1)  [{y}]x1 - [{y}]x2 = 0" in printed
        assert "LR test of alpha" not in printed  # nbreg.ado: nolrtest under constraints
    else:
        assert f" ( 1)  [{y}]x3 = .5" in printed
        assert re.search(r"^ +x3 \|         \.5  \(constrained\)$", printed, flags=re.M)
        if model.startswith("o"):
            assert " ( 2)  [cut1]_cons = -1" in printed
            assert re.search(r"^ +/cut1 \|         -1  \(constrained\)$", printed, flags=re.M)


def test_nocnsreport_an_undefined_and_an_unknown_constraint(do, data):
    rc, printed, s = do("constraint 1 x1 = x2\nlogit yb x1 x2 x3, constraints(1) nocnsreport", data.copy())
    assert rc == 0 and "( 1)" not in printed and "Wald chi2(2)" in printed
    rc, printed, _ = do("logit yb x1 x2, constraints(7)", data.copy())
    assert rc == 111 and "constraint (7) not defined" in printed
    rc, printed, s = do("constraint 4 x9 = 1\nconstraint 1 x1 = x2\nprobit yb x1 x2, constraints(1 4)",
                        data.copy())
    assert rc == 0 and "(note: constraint number 4 caused error r(111))" in printed
    assert s.e.matrices["Cns"].values.shape[0] == 1


@pytest.mark.parametrize("family, model", [("poisson", "poisson"), ("binomial", "logit")])
def test_glm_constraints_match_the_reexpressed_likelihood(do, data, family, model):
    y = "yc" if model == "poisson" else "yb"
    rc, printed, s = do(f"constraint 1 x1 = x2\nglm {y} x1 x2 x3, family({family}) constraints(1)", data.copy())
    assert rc == 0, printed
    theta, V, ll, _ = _reduced(model, data, "equal")
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), theta, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), np.sqrt(np.diag(V)), rtol=2e-4)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    assert s.e.scalars["rank"] == 3 and s.e.scalars["df"] == N - 3
    assert f" ( 1)  [{y}]x1 - [{y}]x2 = 0" in printed and s.e.matrices["Cns"].values.tolist() == [[1, -1, 0, 0, 0]]


def test_glm_gaussian_fixed_coefficient_is_least_squares_with_an_offset(do, data):
    rc, printed, s = do("constraint 2 x3 = 0.5\nglm yc x1 x2 x3, constraints(2)", data.copy())
    assert rc == 0, printed
    X = np.column_stack([data.x1, data.x2, np.ones(N)])
    z = data.yc.to_numpy() - 0.5 * data.x3.to_numpy()
    b, *_ = np.linalg.lstsq(X, z, rcond=None)
    phi = float(np.sum((z - X @ b) ** 2)) / (N - 3)  # glm's k = e(rank): the free coefficients
    se = np.sqrt(phi * np.diag(np.linalg.inv(X.T @ X)))
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), [b[0], b[1], 0.5, b[2]], rtol=1e-8)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), [se[0], se[1], 0, se[2]], rtol=1e-6)
    assert s.e.scalars["phi"] == pytest.approx(phi, rel=1e-8)
    assert re.search(r"^ +x3 \|         \.5  \(constrained\)$", printed, flags=re.M)
    rc, printed, _ = do("glm yc x1 x2 x3, constraints(2) vce(bootstrap, reps(5))", session=s)
    assert rc == 198 and "not supported by mlmcli" in printed


def test_replicates_keep_the_constraints_and_test_with_the_drops(do, data):
    """_prefix_model_test: with e(Cns) the slopes' test is posted though [R] test drops a
    constraint V cannot test (x1 = x2 makes the test of x2 redundant)."""
    rc, printed, s = do("constraint 1 x1 = x2\nlogit yb x1 x2 x3 in 1/120, constraints(1) vce(jackknife)\n",
                        data.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    assert b[0] == pytest.approx(b[1], rel=1e-12) and s.e.scalars["df_m"] == 2
    F = s.e.scalars["F"]
    rc, out, _ = do("test x1 x2 x3", session=s)
    assert rc == 0 and "Constraint 2 dropped" in out
    assert f"F(  2,   119) = {F:7.2f}" in out and f"F(   2,    119) = {F:10.2f}" in printed
