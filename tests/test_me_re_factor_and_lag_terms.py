"""Factor variables and time-series operators in the random-effects equations of the me
commands, and time-series operators in mixed's.

Stata 16's _me_estimate (1.2.6, 08jan2020) reads an equation with ``varlist(numeric fv ts)``:
a factor-variable term is ``fvexpand ... if touse, skipomitted`` (base and empty cells gone)
unless ``_caller() < 16`` ("factor variables not allowed in random effects equations"
r(198)); a name that is no numeric variable is "invalid <list>" r(198).  _mixed_parsecmd reads
mixed's with ``varlist(ts fv numeric)`` (ChkNonNumeric: "invalid syntax" r(198)).  Each fit is
checked against the same model on columns made by hand (dummies, products, lags from the
panel), the logit one also against a likelihood integrated here by Gauss-Hermite quadrature,
the Gaussian lag model against statsmodels.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


def _panel(n_groups=40, per=10, seed=3):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, n_groups + 1), per)
    t = np.tile(np.arange(1, per + 1), n_groups)
    grp = rng.integers(1, 4, g.size)
    x = rng.normal(size=g.size)
    age = rng.normal(size=g.size)
    u = rng.normal(0, [0.8, 0.9, 0.6], (n_groups, 3))[g - 1]
    lag = np.where(t > 1, np.roll(x, 1), np.nan)
    eta = -0.2 + 0.4 * x + u[:, 0] + u[:, 1] * (grp == 2) + u[:, 2] * age * (grp == 3)
    yb = (rng.random(g.size) < special.expit(eta)).astype(float)
    cnt = rng.poisson(np.exp(0.2 + 0.3 * x + u[:, 1] * (grp == 3)))
    y = 1 + x + u[:, 0] + u[:, 1] * np.nan_to_num(lag) + rng.normal(size=g.size)
    return pd.DataFrame({"id": g, "t": t, "grp": grp, "x": x, "age": age, "yb": yb, "cnt": cnt, "y": y})


HAND = ("quietly tabulate grp, gen(gd)\ngen a2 = age*gd2\ngen a3 = age*gd3\nxtset id t\n"
        "gen lx = L.x\ngen l2x = L2.x\ngen dx = D.x\ngen fx = F.x\n")


def _fit(run, s, command):
    out, rc = run(s, f"quietly {command}")
    assert rc == 0, out
    return s.e.scalars["ll"], s.e.matrices["b"].values.ravel().copy(), list(s.e.matrices["b"].colnames)


@pytest.fixture
def panel(new_session, run):
    s = new_session(_panel())
    out, rc = run(s, HAND)
    assert rc == 0, out
    return s


@pytest.mark.parametrize("typed, made", [
    ("melogit yb x || id: i.grp", "melogit yb x || id: gd2 gd3"),
    ("melogit yb x || id: i.grp, cov(unstructured)", "melogit yb x || id: gd2 gd3, cov(unstructured)"),
    ("meprobit yb x || id: c.age#i.grp, nocons", "meprobit yb x || id: a2 a3, nocons"),
    ("mepoisson cnt x || id: ibn.grp, nocons", "mepoisson cnt x || id: gd1 gd2 gd3, nocons"),
    ("melogit yb x || id: L.x", "melogit yb x || id: lx"),
    ("mepoisson cnt x || id: L(1/2).x, nocons", "mepoisson cnt x || id: lx l2x, nocons"),
    ("meologit cnt x || id: D.x", "meologit cnt x || id: dx"),
    ("meqrlogit yb x || id: F.x", "meqrlogit yb x || id: fx"),
])
def test_me_terms_fit_as_the_hand_made_columns(panel, run, typed, made):
    ll_t, b_t, names_t = _fit(run, panel, typed)
    ll_m, b_m, names_m = _fit(run, panel, made)
    np.testing.assert_allclose(ll_t, ll_m, rtol=1e-8)
    assert len(b_t) == len(b_m)
    np.testing.assert_allclose(b_t, b_m, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("typed, made", [
    ("melogit yb x || id: L.x", "melogit yb x || id: lx"),
    ("mixed y x || id: L.x", "mixed y x || id: lx"),
])
def test_lagged_terms_drop_the_first_period(panel, run, typed, made):
    _fit(run, panel, typed)
    n_typed = panel.e.scalars["N"]
    _fit(run, panel, made)
    assert n_typed == panel.e.scalars["N"] == 40 * 9


def test_me_names_are_the_expanded_terms(panel, run):
    _, _, names = _fit(run, panel, "melogit yb x || id: i.grp c.age#i.grp, intmethod(laplace)")
    assert names[2:] == ["var(2.grp[id]):_cons", "var(3.grp[id]):_cons", "var(2.grp#c.age[id]):_cons",
                         "var(3.grp#c.age[id]):_cons", "var(_cons[id]):_cons"]
    out, rc = run(panel, "melogit")
    assert rc == 0
    for row in ("var(2.grp)", "var(3.grp)", "var(_cons)"):
        assert row in out, row
    assert "var(1.grp)" not in out and "var(1b.grp)" not in out
    _, _, names = _fit(run, panel, "melogit yb x || id: L.x")
    assert names[2:] == ["var(L.x[id]):_cons", "var(_cons[id]):_cons"]
    out, rc = run(panel, "version 16: melogit")
    assert rc == 0 and "var(L.x)" in out
    out, rc = run(panel, "version 16: quietly melogit yb x || id: i.grp\ndisplay _b[/var(2.grp[id])] > 0")
    assert rc == 0 and out.strip().endswith("1"), out


def test_logit_factor_slopes_match_a_gauss_hermite_likelihood(panel, run):
    """e(ll) of ``melogit yb x || id: i.grp, nocons`` (two independent effects) against the
    likelihood at e(b) integrated here on a 30 x 30 Gauss-Hermite grid."""
    _fit(run, panel, "melogit yb x || id: i.grp, nocons intpoints(15)")
    b = panel.e.matrices["b"].values.ravel()
    df = _panel()
    nodes, weights = np.polynomial.hermite_e.hermegauss(30)
    weights = weights / weights.sum()
    s2, s3 = np.sqrt(b[2]), np.sqrt(b[3])
    ll = 0.0
    for _, d in df.groupby("id"):
        eta = b[1] + b[0] * d.x.to_numpy()
        z2, z3 = (d.grp.to_numpy() == 2), (d.grp.to_numpy() == 3)
        e = eta[None, None, :] + s2 * nodes[:, None, None] * z2 + s3 * nodes[None, :, None] * z3
        p = special.expit(e)
        lik = np.prod(np.where(d.yb.to_numpy() == 1, p, 1 - p), axis=2)
        ll += np.log(np.sum(weights[:, None] * weights[None, :] * lik))
    np.testing.assert_allclose(panel.e.scalars["ll"], ll, rtol=1e-6)


def test_mixed_lag_slope_matches_statsmodels(panel, run):
    sm = pytest.importorskip("statsmodels.formula.api")
    _fit(run, panel, "mixed y x || id: L.x, nocons")
    df = _panel()
    df["lx"] = df.groupby("id").x.shift(1)
    d = df.dropna(subset=["lx"])
    fit = sm.mixedlm("y ~ x", d, groups=d["id"], re_formula="0 + lx").fit(reml=False, method="lbfgs")
    np.testing.assert_allclose(panel.e.scalars["ll"], fit.llf, rtol=1e-6)
    np.testing.assert_allclose(panel.e.matrices["b"].values.ravel()[:2], fit.fe_params.values[[1, 0]], rtol=1e-4)


@pytest.mark.parametrize("typed, made", [
    ("mixed y x || id: L.x", "mixed y x || id: lx"),
    ("mixed y x || id: L(1/2).x, cov(unstructured)", "mixed y x || id: lx l2x, cov(unstructured)"),
    ("mixed y x || id: i.grp#cL.x, nocons", "mixed y x || id: lg2 lg3, nocons"),
])
def test_mixed_lags_fit_as_the_hand_made_columns(panel, run, typed, made):
    run(panel, "gen lg2 = gd2*lx\ngen lg3 = gd3*lx")
    ll_t, b_t, names_t = _fit(run, panel, typed)
    ll_m, b_m, _ = _fit(run, panel, made)
    np.testing.assert_allclose(ll_t, ll_m, rtol=1e-9)
    inside = np.abs(b_m) < 10
    np.testing.assert_allclose(b_t[inside], b_m[inside], rtol=1e-5, atol=1e-7)


def test_mixed_lag_predictions_are_the_hand_made_models(panel, run):
    out, rc = run(panel, "quietly mixed y x || id: L.x\npredict f1, fitted\npredict r1*, reffects\n"
                         "quietly mixed y x || id: lx\npredict f2, fitted\npredict r2*, reffects")
    assert rc == 0, out
    np.testing.assert_allclose(panel.data.numeric("f1"), panel.data.numeric("f2"), rtol=1e-6, atol=1e-6,
                               equal_nan=True)  # two fits: the same optimum to ~1e-7
    for k in (1, 2):
        np.testing.assert_allclose(panel.data.numeric(f"r1{k}"), panel.data.numeric(f"r2{k}"), rtol=1e-5,
                                   atol=1e-8, equal_nan=True)
    out, rc = run(panel, "quietly mixed y x || id: L.x\nestat icc")
    assert rc == 0 and "Conditional intraclass correlation" in out


def test_me_factor_levels_come_from_the_if_rows(panel, run):
    """fvexpand ``if touse``: a level absent from the if/in rows makes no column."""
    _, _, names = _fit(run, panel, "melogit yb x if grp != 3 || id: i.grp")
    assert names[2:] == ["var(2.grp[id]):_cons", "var(_cons[id]):_cons"]


@pytest.mark.parametrize("command, rc, message", [
    ("version 15: melogit yb x || id: i.grp", 198, "factor variables not allowed in random effects equations"),
    ("version 14: mepoisson cnt || id: c.age#i.grp", 198, "factor variables not allowed in random effects equations"),
    ("melogit yb x || id: s", 198, "invalid s"),
    ("melogit yb x || id: i.s x", 198, "invalid i.s x"),
    ("mepoisson cnt x || id: nosuch", 198, "invalid nosuch"),
    ("mixed y x || id: s", 198, "invalid syntax"),
    ("mixed y x || id: i.s", 198, "invalid syntax"),
    ("mixed y || id: i.grp#i.nosuch", 198, "invalid syntax"),
    ("meqrlogit yb x || id: i.grp", 198, "must use R. when specifying factor variables in random-effects equations"),
])
def test_bad_equations_are_statas_errors(new_session, run, command, rc, message):
    s = new_session(_panel().assign(s="a"))
    out, got = run(s, command, stop_on_error=False)
    assert got == rc and message in out, out
    assert s.e is None


@pytest.mark.parametrize("command", ["melogit yb x || id: L.x", "mixed y x || id: D.x", "meqrlogit yb || id: L.x"])
def test_operators_without_tsset(new_session, run, command):
    s = new_session(_panel())
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 111 and "time variable not set" in out, out


def test_version_16_and_lags_under_old_versions(panel, run):
    ll16, _, _ = _fit(run, panel, "version 16: melogit yb x || id: i.grp")
    ll, _, _ = _fit(run, panel, "melogit yb x || id: gd2 gd3")
    np.testing.assert_allclose(ll16, ll, rtol=1e-8)
    ll13, _, _ = _fit(run, panel, "version 13: melogit yb x || id: L.x")  # ts operators: any version
    ll, _, _ = _fit(run, panel, "melogit yb x || id: lx")
    np.testing.assert_allclose(ll13, ll, rtol=1e-8)


def test_a_program_call_leaves_no_version_behind(panel, run):
    """Running a program (which saves and restores the caller's version) does not make mlm's
    unset version an explicit 13: the factor term is still accepted afterwards."""
    out, rc = run(panel, "program define noop\n  display \"in\"\nend\nnoop\nquietly melogit yb x || id: i.grp\n"
                         "version\n")
    assert rc == 0, out
    out, rc = run(panel, "version 13: noop\nquietly melogit yb x || id: i.grp")
    assert rc == 0, out


@pytest.mark.parametrize("command", ["melogit yb x || id: R.grp", "mixed y x || id: R.grp",
                                     "melogit yb x || _all: R.grp || id:"])
def test_estat_icc_after_an_R_term_is_the_crossed_refusal(panel, run, command):
    out, rc = run(panel, f"quietly {command}\nestat icc", stop_on_error=False)
    assert rc == 321 and "estat icc not allowed after crossed-effects models" in out, out


def test_estat_icc_after_factor_slopes_is_conditional(panel, run):
    out, rc = run(panel, "quietly melogit yb x || id: i.grp\nestat icc")
    assert rc == 0 and "Conditional intraclass correlation" in out, out
    assert "ICC is conditional on zero values of random-effects covariates" in out


def test_qr_commands_read_names_as_mixed_does(new_session, run):
    s = new_session(_panel().assign(s="a"))
    for command in ("meqrlogit yb x || id: nosuch", "xtmepoisson cnt || id: s"):
        out, rc = run(s, command, stop_on_error=False)
        assert rc == 198 and "invalid syntax" in out, out
