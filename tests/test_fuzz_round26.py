"""Round 26 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round26_lines.py): qic, mi
estimate transformations, cmdok/esampvaryok/dots, mi svyset/append/varying, generate str#,
outreg2, renvars, pwcompare on slopes and margins term lists, collect, estat gof after svy,
heckman/heckprob on degenerate data, fits under quietly/capture, matrix input, foreach over
numeric names and merge m:m.  Each test is a line the fuzz found, and the behaviour fixed."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked as _run  # noqa: E402

_MI = ("generate double m1 = cond(missing(m), x1, m)", "generate double m2 = cond(missing(m), x2, m)",
       "mi import wide, imputed(m = m1 m2)")


# ------------------------------------------------------------------ xtgee/qic: variances past the largest double
@pytest.mark.parametrize("line", ["xtgee c x1, i(g) t(t) family(poisson) offset(x2) corr(exchangeable) vce(robust)",
                                  "qic c x1, i(g) t(t) family(poi) offset(x2)"])
def test_gee_that_runs_away_ends_as_not_converged_with_missing_robust_errors(line):
    # found: qic c x1, i(g) t(t) family(poi) offset(x2) -- the exchangeable Poisson fit runs away
    # (x1's coefficient past 200 after 100 iterations) and the sandwich's scores overflowed
    # (RuntimeWarning, r(9999)); the variances are missing and the fit ends as not converged
    rc, printed, session = _run(line)
    assert rc == 430 and "convergence not achieved" in printed, printed
    assert session.e is None or np.isnan(np.asarray(session.e.matrices["V"].values, float)).all()


def test_gee_whose_variance_is_past_the_largest_double_shows_it_missing():
    # found (magnitudes shape: y near 1e150, x1 near 1e-150): xtgee y x1 -- phi (near 1e300)
    # times the inverse Hessian's x1 entry (near 1e300) overflowed (r(9999)); that variance is
    # missing, the others are phi times the inverse
    rc, printed, session = _run("xtgee y x1, i(g) t(t) corr(independent)", shape="magnitudes")
    assert rc == 0, printed
    V = np.asarray(session.e.matrices["V"].values, float)
    assert np.isnan(V[0, 0])
    frame = make_frame("magnitudes")
    y = frame["y"].to_numpy()
    X = np.column_stack([frame["x1"], np.ones(len(y))])
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    fitted_resid = y - X @ b
    phi = float(fitted_resid @ fitted_resid) / len(y)
    assert np.isclose(V[1, 1], phi * np.linalg.inv(X.T @ X)[1, 1], rtol=1e-6)


# ------------------------------------------------------------------ heckman with an outcome fitted exactly
@pytest.mark.parametrize("line,shape", [("heckman y x1, select(b = x1 x2)", "full"),
                                        ("heckman y x1, select(b = x1 x2) vce(robust)", "full"),
                                        ("heckman y x1, select(b = k)", "full"), ("heckman y x1, sel(b = )", "holes"),
                                        ("heckman y x1 x2, select(b = x1 x2) nolog", "holes")])
def test_heckman_with_a_constant_outcome_is_no_internal_error(line, shape):
    # found: replace y = 1, then heckman y x1, select(b = x1 x2) -- ln 0 of the separate
    # regression's residual variance (the ML start) and of the comparison regression's ln L
    # (RuntimeWarning, r(9999)); the start is the two-step's and the comparison test is missing.
    # On the holes shape sigma's confidence bound exp(ln sigma + 1.96 se) overflowed: missing
    rc, printed, session = _run(line, setup=("replace y = 1",), shape=shape)
    assert rc in (0, 430), printed
    if shape == "full":  # the holes' least squares leave rounding residuals: an ln L, however large
        assert "LR test of indep. eqns." not in printed or "chi2(1) =        ." in printed


def test_heckman_comparison_test_unchanged_on_an_outcome_that_varies():
    # the regression's ln L on the selected rows: -N/2 (ln(2 pi s2) + 1), s2 = RSS/N
    rc, printed, session = _run("heckman y x1, select(b = x1 x2)")
    assert rc == 0, printed
    frame = make_frame("full")
    sel = frame[frame["b"] == 1]
    X = np.column_stack([sel["x1"], np.ones(len(sel))])
    r = sel["y"].to_numpy() - X @ np.linalg.lstsq(X, sel["y"].to_numpy(), rcond=None)[0]
    n = len(sel)
    ll_reg = -0.5 * n * (np.log(2 * np.pi * float(r @ r) / n) + 1)
    import statsmodels.api as sm

    Z = np.column_stack([frame["x1"], frame["x2"], np.ones(len(frame))])
    ll_probit = sm.Probit(frame["b"].to_numpy(), Z).fit(disp=0, tol=1e-12).llf
    e = session.e.scalars
    assert np.isclose(e["chi2_c"], 2 * (e["ll"] - ll_reg - ll_probit), rtol=1e-5, atol=1e-6)


# ------------------------------------------------------------------ mi estimate: a transformation that fails shows no table
@pytest.mark.parametrize("exp,rc_expected", [("(r: _b[nosuch])", 111), ("(: _b[m])", 198)])
def test_mi_estimate_transformation_error_comes_before_the_table(exp, rc_expected):
    # found: mi estimate (r: _b[nosuch]): regress y m x1 printed the whole coefficient table and
    # then "an error occurred when mi estimate executed nlcom on m=1"; mi_cmd_estimate.ado runs
    # nlcom on each imputation before it combines, so nothing is shown
    rc, printed, session = _run(f"mi estimate {exp}: regress y m x1", setup=_MI)
    assert rc == rc_expected, printed
    assert "an error occurred when mi estimate executed nlcom on m=1" in printed
    assert "Multiple-imputation estimates" not in printed and "Coef." not in printed
    assert session.e is None


def test_mi_estimate_transformation_still_pooled_by_rubins_rules():
    rc, printed, session = _run("mi estimate (r: _b[m] - _b[x1]): regress y m x1", setup=_MI)
    assert rc == 0, printed
    frame = make_frame("full")
    ests, variances = [], []
    for fill in ("x1", "x2"):
        m = frame["m"].fillna(frame[fill]).to_numpy()
        X = np.column_stack([m, frame["x1"], np.ones(len(m))])
        y = frame["y"].to_numpy()
        b = np.linalg.lstsq(X, y, rcond=None)[0]
        r = y - X @ b
        V = float(r @ r) / (len(y) - 3) * np.linalg.inv(X.T @ X)
        g = np.array([1.0, -1.0, 0.0])
        ests.append(b[0] - b[1])
        variances.append(float(g @ V @ g))
    within, between = np.mean(variances), np.var(ests, ddof=1)
    b_q = np.asarray(session.e.matrices["b_Q_mi"].values, float).ravel()
    V_q = np.asarray(session.e.matrices["V_Q_mi"].values, float)
    assert np.isclose(b_q[0], np.mean(ests), rtol=1e-10)
    assert np.isclose(V_q[0, 0], within + (1 + 1 / 2) * between, rtol=1e-10)


# ------------------------------------------------------------------ renvars takes no if or in
@pytest.mark.parametrize("line,message", [("renvars x1 x2 if 0, prefix(p)", "if not allowed"),
                                          ("renvars y-c in 1/0, postdrop(0)", "in range not allowed"),
                                          ("renvars x1 x2 [fw=w], upper", "weights not allowed")])
def test_renvars_refuses_if_in_and_weights(line, message):
    # found: renvars x1 x2 if 0, prefix() -- accepted, and renamed every variable of the list;
    # renvars.ado's syntax has a varlist and options only: r(101)
    rc, printed, session = _run(line)
    assert rc == 101 and message in printed, printed
    assert list(session.data.varnames) == list(make_frame("full").columns)


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round26_walk_finds_nothing():
    """Mutated lines of the quick families (budgeted; the full walk is
    ``python3 tests/fuzz_round26_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round26_lines as r26

    cwd = os.getcwd()
    sample = r26.cases(26, 3, {"renvars", "strgen", "matrix", "foreach", "mmerge", "outreg2"}, mutated_only=True)
    lines, found, _ = r16.run_all(sample, budget=float(os.environ.get("MLM_R26_FUZZ_BUDGET", "15")),
                                  runner=r26.run_case)
    assert os.getcwd() == cwd
    assert lines > 0 and not found, "\n".join(f"{f.kind}: {f.case.line!r} {f.detail}" for f in found)


# ------------------------------------------------------------------ an empty group in a marginlist
@pytest.mark.parametrize("line", ["contrast ()", "pwcompare ()", "margins ()", "margins (f) ( )", "pwcompare (())"])
def test_an_empty_parenthesized_group_in_a_marginlist_is_invalid(line):
    # found: pwcompare () and contrast () after regress y c.x1##i.f printed their header and no
    # table (rc 0): the group expanded to no term; a group of nothing is invalid syntax
    rc, printed, session = _run(line, setup=("quietly regress y c.x1##i.f",))
    assert rc == 198 and "invalid syntax" in printed, printed
    assert session.e.cmd == "regress"


def test_a_parenthesized_slope_term_compares_the_slopes():
    # pwcompare (c.x1#f) is pwcompare c.x1#f: the differences of x1's slopes across f (numpy OLS)
    rc, printed, session = _run("pwcompare (c.x1#f)", setup=("quietly regress y c.x1##i.f",))
    assert rc == 0, printed
    frame = make_frame("full")
    f = frame["f"].to_numpy()
    x1 = frame["x1"].to_numpy()
    X = np.column_stack([x1, f == 2, f == 3, x1 * (f == 2), x1 * (f == 3), np.ones(len(f))]).astype(float)
    b = np.linalg.lstsq(X, frame["y"].to_numpy(), rcond=None)[0]
    want = [b[3], b[4], b[4] - b[3]]
    got = np.asarray(session.r["b_vs"].values, float).ravel()
    assert np.allclose(got, want, rtol=1e-7)


# ------------------------------------------------------------------ missing variances reaching the printed rows
def test_heckman_twostep_with_a_negative_lambda_variance_shows_it_missing():
    # found (holes shape): heckman y x1, select(b = x1 x2) twostep -- the two-step V's lambda
    # entry is negative there and sqrt() of it warned (r(9999)); Stata's sqrt of a negative
    # number is missing: e(selambda) and lambda's standard error are
    rc, printed, session = _run("heckman y x1, select(b = x1 x2) twostep", shape="holes")
    assert rc == 0, printed
    V = np.asarray(session.e.matrices["V"].values, float)
    assert V[-1, -1] < 0 and np.isnan(session.e.scalars["selambda"])
    assert "lambda |  5.4464228          .\n" in printed


def test_pwcompare_with_missing_variances_shows_missing_standard_errors():
    # found (magnitudes shape: x1 near 1e-150): pwcompare f#c.x1 after mixed y c.x1##i.f || g:
    # -- e(V)'s slope entries are missing (past the largest double) and J V J' warned (r(9999));
    # the contrasts are shown with missing standard errors
    rc, printed, session = _run("pwcompare f#c.x1", setup=("quietly mixed y c.x1##i.f || g:",), shape="magnitudes")
    assert rc == 0, printed
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    names = session.e.matrices["b"].colnames
    s2, s3 = b[names.index("y:2.f#c.x1")], b[names.index("y:3.f#c.x1")]
    got = np.asarray(session.r["b_vs"].values, float).ravel()
    assert np.allclose(got, [s2, s3, s3 - s2], rtol=1e-9)
    assert np.isnan(np.diag(np.asarray(session.r["V_vs"].values, float))).all()


@pytest.mark.parametrize("line", ["heckman y x1, select(b = x1 x2)", "heckman y x1, select(b = x1 x2) mills(q)"])
def test_heckman_whose_two_step_lambda_squares_past_the_largest_double_is_not_feasible(line):
    # found (magnitudes shape, b = (x1 > 0): a selection x1 separates, y near 1e150): the
    # two-step's lambda coefficient squared raised OverflowError (r(9999)); the start is past
    # the largest double: "initial values not feasible" r(1400), as the check after it says
    rc, printed, session = _run(line, setup=("replace b = (x1 > 0)",), shape="magnitudes")
    assert rc == 1400 and "initial values not feasible" in printed, printed
    assert "q" not in session.data.varnames and session.e is None


# ------------------------------------------------------------------ regressors near the largest double under svy / heckprob
def test_svy_regress_with_a_regressor_near_the_largest_double():
    # found (huge shape, x2 near 1e307): mi estimate: svy: regress y m, and svy: regress y x2 --
    # X'WX overflowed (RuntimeWarning, r(9999)); the column is fitted as x2 / 2^j and its
    # coefficient divided back: the coefficients are regress's with the same pweights
    rc, printed, session = _run("svy: regress y x2", setup=("svyset g [pw=w]",), shape="huge")
    assert rc == 0, printed
    frame = make_frame("huge")
    scale = 2.0 ** 1020
    X = np.column_stack([frame["x2"] / scale, np.ones(len(frame))])
    sw = np.sqrt(frame["w"].to_numpy())
    b = np.linalg.lstsq(X * sw[:, None], frame["y"].to_numpy() / scale * sw, rcond=None)[0]
    got = np.asarray(session.e.matrices["b"].values, float).ravel()
    assert np.isclose(got[0], b[0], rtol=1e-8) and np.isclose(got[1], b[1] * scale, rtol=1e-8)


def test_svy_logit_that_does_not_converge_ends_r430():
    # found (huge shape): svy: logit b x2 -- the fit does not converge (as logit b x2, r(430)) and
    # the linearization's Hessian overflowed (r(9999)); svy runs the command first, so its
    # "convergence not achieved" r(430) ends svy, e() as before
    rc, printed, session = _run("svy: logit b x2", setup=("svyset g [pw=w]",), shape="huge")
    assert rc == 430 and "convergence not achieved" in printed, printed
    assert session.e is None


@pytest.mark.parametrize("line", ["heckprob c x1, select(b = x1 x2)", "heckprob b x1, select(c = x1 x2)"])
def test_heckprob_probit_start_with_a_regressor_near_the_largest_double(line):
    # found (huge shape, b = 1 in 39 rows): heckprob c x1, select(b = x1 x2) -- the selection
    # probit's Hessian Z'WZ overflowed (r(9999)); its sums are missing and the maximiser stops
    rc, printed, session = _run(line, setup=("replace b = 1 in 1/39\nreplace b = 0 in 40",), shape="huge")
    assert rc in (430, 2000, 1400), printed
