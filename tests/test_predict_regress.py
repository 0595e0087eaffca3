"""``predict`` after ``regress`` (regres_p): every statistic against its definition written out
here (leave-one-out refits for rstudent, Cook's D, DFITS, COVRATIO, DFBETA), regres_p's
refusals, and the twoway fits' ``predopts(..) atobs`` drawing the same numbers."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import drawn, make_session, run


@pytest.fixture
def s():
    session = make_session()
    run(session, "replace y = . in 3\nquietly regress y x z if g != 3")
    return session


def _definitions(s):
    x, z, y, g = (s.data.numeric(v) for v in ("x", "z", "y", "g"))
    sample = np.isfinite(y) & (g != 3)
    X = np.column_stack([x, z, np.ones_like(x)])
    Xs, ys = X[sample], y[sample]
    n, k = Xs.shape
    bread = np.linalg.inv(Xs.T @ Xs)
    b = bread @ Xs.T @ ys
    e = y - X @ b
    s2 = float(e[sample] @ e[sample]) / (n - k)
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    out = {"xb": X @ b, "residuals": e, "hat": h, "rstandard": e / np.sqrt(s2 * (1 - h)),
           "stdp": np.sqrt(s2 * h), "stdf": np.sqrt(s2 * (1 + h)), "stdr": np.sqrt(s2 * (1 - h))}
    loo = {name: np.full(len(y), np.nan) for name in ("rstudent", "cooksd", "dfits", "covratio", "dfbeta")}
    for i in np.flatnonzero(sample):
        keep = sample.copy()
        keep[i] = False
        bi = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
        ei = y[keep] - X[keep] @ bi
        s2i = ei @ ei / (n - 1 - k)
        loo["rstudent"][i] = e[i] / np.sqrt(s2i * (1 - h[i]))
        loo["cooksd"][i] = (b - bi) @ (Xs.T @ Xs) @ (b - bi) / (k * s2)
        loo["dfits"][i] = (X[i] @ (b - bi)) / np.sqrt(s2i * h[i])
        loo["covratio"][i] = np.linalg.det(s2i * np.linalg.inv(X[keep].T @ X[keep])) / np.linalg.det(s2 * bread)
        loo["dfbeta"][i] = (b[1] - bi[1]) / np.sqrt(s2i * bread[1, 1])  # dfbeta(z)
    out.update(loo)
    out["welsch"] = loo["dfits"] * np.sqrt((n - 1) / (1 - h))
    return out, sample


@pytest.mark.parametrize("statistic, label", [
    ("xb", "Linear prediction"), ("stdp", "S.E. of the prediction"), ("stdf", "S.E. of the forecast"),
    ("stdr", "S.E. of the residual"), ("residuals", "Residuals"), ("score", "Residuals"),
    ("rstandard", "Standardized residuals"), ("hat", "Leverage"), ("rstudent", "Studentized residuals"),
    ("cooksd", "Cook's D"), ("dfits", "DFITS"), ("welsch", "Welsch distance"), ("covratio", "COVRATIO"),
    ("dfbeta(z)", "DFBETA z")])
def test_statistics(s, statistic, label):
    expected, sample = _definitions(s)
    out, rc = run(s, f"predict double v, {statistic}")
    assert rc == 0, out
    got = s.data.numeric("v")
    want = expected["residuals" if statistic == "score" else statistic.split("(")[0]]
    if statistic.split("(")[0] in ("dfbeta", "dfits", "welsch", "covratio"):
        want = np.where(sample, want, np.nan)  # e(sample) only
    if statistic in ("rstudent", "cooksd"):  # out of sample too: by the closed form there
        outside = ~sample & np.isfinite(s.data.numeric("y"))
        assert np.isfinite(got[outside]).all() and outside.any()
        got = np.where(sample, got, np.nan)
    np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-12)
    assert s.data.var_labels["v"] == label


def test_default_pr_and_bounds(s):
    from scipy.stats import norm

    out, _ = run(s, "predict double v")
    assert "(option xb assumed; fitted values)" in out and s.data.var_labels["v"] == "Fitted values"
    run(s, "predict double p, pr(g, 4)")
    expected, _ = _definitions(s)
    sd = s.e.scalars["rmse"]
    xb = expected["xb"]
    np.testing.assert_allclose(s.data.numeric("p"), norm.cdf((4 - xb) / sd) - norm.cdf((s.data.numeric("g") - xb) / sd),
                               rtol=1e-9)
    assert s.data.var_labels["p"] == "Pr(g<y<4)"


def test_the_fits_predopts_draw_predicts_numbers():
    s = make_session()
    graph, _ = drawn(s, "twoway lfit y x, atobs predopts(welsch)")
    run(s, "quietly regress y x\npredict double wl, welsch")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    np.testing.assert_allclose(graph.panels[0].series[0].y, s.data.numeric("wl")[order], rtol=1e-10)


@pytest.mark.parametrize("setup, statistic, message, code", [
    ("regress y x, robust", "stdf", "option stdf not allowed after robust estimation", 198),
    ("regress y x, vce(cluster g)", "pr(0,1)", "option pr() not allowed after robust estimation", 198),
    ("regress y x, vce(jackknife)", "hat", "option hat not allowed after jackknife estimation", 198),
    ("regress y x [aw=w]", "dfbeta(x)", "not possible after weighted regression", 398),
    ("regress y x", "dfbeta(g)", "g not found in list of covariates", 322),
    ("regress y x", "xb stdp", "only one statistic may be specified", 198),
    ("regress y x", "bogus", "option bogus not allowed", 198)])
def test_refusals(setup, statistic, message, code):
    s = make_session()
    run(s, "quietly " + setup)
    out, rc = run(s, f"predict v, {statistic}", stop_on_error=False)
    assert rc == code and message in out, out
    assert "v" not in s.data.df.columns


@pytest.mark.parametrize("setup", ["regress y x, vce(jackknife)", "svyset g\nsvy: regress y x"])
def test_residuals_after_a_prefix_are_depvar_minus_xb(setup):
    """regres_p adds residuals to its options after a prefix (not among _prefix_nonoption's
    refusals) and makes it y - xb (GenScores)."""
    s = make_session()
    run(s, "quietly " + setup.replace("\n", "\nquietly "))
    out, rc = run(s, "predict double r, residuals\npredict double xb, xb")
    assert rc == 0, out
    y, xb, r = (s.data.numeric(v) for v in ("y", "xb", "r"))
    np.testing.assert_allclose(r, y - xb, rtol=1e-12)
