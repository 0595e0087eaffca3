"""``ml`` with a user's evaluator program (docs/ml.md).

Evidence: the [R] ml examples' models -- probit and normal linear regression written as lf
and d0 evaluators -- must reach the numbers of mlm's own probit (checked against Stata
elsewhere) and the closed form of the normal model's maximum (b the OLS coefficients, sigma^2
= RSS/N, V(b) = sigma^2 (X'X)^-1, se(sigma) = sigma/sqrt(2N), se(ln sigma) = 1/sqrt(2N)).
Data are generated here (seeded numpy).  Numerical derivatives: estimates to 1e-6, standard
errors to 1e-5 relative.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ml_programs import NORMAL_D0, NORMAL_LF, PROBIT_LF, PROBIT_LF0, b_se, fit, same_fit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261206)
    n = 80
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    return pd.DataFrame({
        "x1": x1, "x2": x2,
        "y": (0.4 + 0.8 * x1 - 0.5 * x2 + rng.normal(size=n) > 0).astype(float),
        "z": 1 + 2 * x1 - 0.5 * x2 + 1.5 * rng.normal(size=n),
        "w": 1.0 + np.arange(n) % 3, "g": np.arange(n) // 8,
    })


def test_lf_probit_is_probit_with_mls_log_and_header(do, data):
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    same_fit(s, ref)
    lines = printed.splitlines()
    assert lines.pop(0) == ""  # as every estimation command's log, after a blank line
    # ml search's lines, then the iterations; the start (b = 0) is Stata's: N ln(1/2)
    assert lines[0] == "initial:       log likelihood = " + f"{80 * np.log(0.5):.8g}".rjust(10)
    assert lines[1].startswith("alternative:   log likelihood = ")
    assert lines[2].startswith("rescale:       log likelihood = ")
    assert lines[3].startswith("Iteration 0:   log likelihood = ")
    assert lines[3].split("=")[1].strip().split()[0] == lines[2].split("=")[1].strip()
    head = printed[printed.index("Number of obs"):]
    assert "Number of obs   =         80" in head and "Wald chi2(2)    =" in head
    assert "Log likelihood = " in head and "Prob > chi2     =     0.0001" in head
    assert "eq1" not in printed  # one equation: no heading
    e = s.e
    assert (e.cmd, e.macros["user"], e.macros["ml_method"], e.macros["predict"]) == ("ml", "myprobit", "lf", "ml_p")
    assert e.scalars["k_eq"] == 1 and e.scalars["converged"] == 1 and e.scalars["N"] == 80
    assert e.scalars["ic"] == len([ln for ln in lines if ln.startswith("Iteration ")]) - 1
    assert e.matrices["b"].colnames == ("eq1:x1", "eq1:x2", "eq1:_cons")
    assert s.ml_problem is None  # ml maximize clears the problem (no noclear)
    # Wald chi2 of the first equation's slopes
    b, V = e.matrices["b"].values.ravel()[:2], e.matrices["V"].values[:2, :2]
    assert e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.solve(V, b)), rel=1e-10)


def _normal_closed_form(data):
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    beta = np.linalg.lstsq(X, data.z.to_numpy(), rcond=None)[0]
    n = len(data)
    sigma = np.sqrt(np.sum((data.z - X @ beta) ** 2) / n)
    return beta, np.sqrt(np.diag(sigma ** 2 * np.linalg.inv(X.T @ X))), sigma, n


def test_lf_normal_with_sigma_equation_is_the_closed_form(do, data):
    printed, s = fit(do, data, NORMAL_LF + "ml model lf mynormal (z = x1 x2) /sigma\nml maximize")
    beta, se_beta, sigma, n = _normal_closed_form(data)
    b, se = b_se(s)
    np.testing.assert_allclose(b, np.r_[beta, sigma], rtol=1e-6)
    np.testing.assert_allclose(se, np.r_[se_beta, sigma / np.sqrt(2 * n)], rtol=1e-5)
    lines = printed.splitlines()[1:]
    # sigma = 0 cannot be evaluated: ml's feasible search
    assert lines[0] == "initial:       log likelihood =     -<inf>  (could not be evaluated)"
    assert [ln[:15].strip() for ln in lines[1:4]] == ["feasible:", "rescale:", "rescale eq:"]
    assert "\neq1          |\n" in printed and "\nsigma        |\n" in printed
    assert s.e.matrices["b"].colnames[-1] == "sigma:_cons"
    # predict: xb of the first equation, equation(#2) the constant sigma (after the fit above)
    rc, printed, s = do("predict double xbh\npredict double sh, equation(#2)\npredict double sp, stdp", session=s)
    assert rc == 0, printed
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    np.testing.assert_allclose(s.data.numeric("xbh"), X @ beta, rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("sh"), sigma, rtol=1e-6)
    V = s.e.matrices["V"].values[:3, :3]
    np.testing.assert_allclose(s.data.numeric("sp"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-10)


def test_d0_with_mleval_and_mlsum(do, data):
    printed, s = fit(do, data, NORMAL_D0 + "ml model d0 mynormal_d0 (mu: z = x1 x2) /lnsigma\n"
                     "ml maximize, level(90)")
    beta, se_beta, sigma, n = _normal_closed_form(data)
    b, se = b_se(s)
    np.testing.assert_allclose(b, np.r_[beta, np.log(sigma)], rtol=1e-6)
    np.testing.assert_allclose(se, np.r_[se_beta, 1 / np.sqrt(2 * n)], rtol=1e-5)
    assert "[90% Conf. Interval]" in printed and "\nmu           |\n" in printed
    assert s.e.matrices["b"].colnames == ("mu:x1", "mu:x2", "mu:_cons", "lnsigma:_cons")


def test_lf0_pweights_robust_and_fweights_and_cluster(do, data):
    _, s = fit(do, data, PROBIT_LF0 + "ml model lf0 myprobit0 (y = x1 x2) [pw=w]\nml maximize")
    _, ref = fit(do, data, "probit y x1 x2 [pw=w]")
    same_fit(s, ref)
    assert s.e.macros["vcetype"] == "Robust"
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2) [fw=w], vce(cluster g) maximize")
    _, ref = fit(do, data, "probit y x1 x2 [fw=w], vce(cluster g)")
    same_fit(s, ref)
    assert "(Std. Err. adjusted for 10 clusters in g)" in printed
    assert "Log pseudolikelihood = " in printed and "Iteration 0:   log pseudolikelihood" in printed


def test_constraints_techniques_and_init(do, data):
    _, s = fit(do, data, "constraint 1 x1 = -x2\n" + PROBIT_LF
               + "ml model lf myprobit (y = x1 x2), constraints(1)\nml maximize")
    _, ref = fit(do, data, "constraint 1 x1 = -x2\nprobit y x1 x2, constraints(1)")
    same_fit(s, ref)
    assert s.e.matrices["Cns"].values.shape == (1, 4)
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), technique(bhhh 2 bfgs)\n"
                     "ml init eq1:x1=0.5 /eq1=0.1\nml maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    np.testing.assert_allclose(b_se(s)[0], b_se(ref)[0], rtol=1e-4, atol=1e-5)
    assert "(setting technique to bhhh)" in printed and "(switching technique to bfgs)" in printed
    assert "alternative:" not in printed  # a start typed with ml init: no alternative values
    # ml init #..., copy and search(off): the log starts at those values
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), search(off)\n"
                     "ml init 0.5 -0.5 0.3, copy\nml maximize")
    assert printed.splitlines()[1].startswith("initial:") and printed.splitlines()[2].startswith("Iteration 0:")


def test_display_replay_level_eform_and_title(do, data):
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), title(My probit)\n"
                     "ml maximize, nolog\nml display, level(80) eform(Ratio)")
    replay = printed[printed.rindex("My probit"):]
    assert "Ratio" in replay and "[80% Conf. Interval]" in replay and "_cons" not in replay
    b, se = b_se(s)
    row = next(ln for ln in replay.splitlines() if ln.strip().startswith("x1 |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(np.exp(b[0]), rel=1e-6)


def test_refusals_and_errors(do, data):
    cases = [
        ("ml maximize", "ml model not specified", 111),
        ("ml report", "ml model not specified", 111),
        ("ml graph", "last estimates not found", 301),
        (PROBIT_LF + "ml model v0 myprobit (y = x1)", "method v0 is not implemented", 198),
        (PROBIT_LF + "ml model lf nosuch (y = x1)", "program nosuch not found", 111),
        (PROBIT_LF0 + "ml model d0 myprobit0 (y = x1) [pw=w]", "pweights not allowed", 101),
        (NORMAL_D0 + "ml model d0 mynormal_d0 (z = x1) /lnsigma, vce(robust)", "not allowed with method d0", 198),
        (PROBIT_LF + "ml model lf myprobit (y = x1), bogus", "option bogus not allowed", 198),
        (PROBIT_LF + "ml model lf myprobit (y = x1)\nml init 1 2 3, copy", "wrong number of values", 503),
        (NORMAL_LF + "ml model lf mynormal (z = x1) /sigma, search(off)\nml maximize",
         "initial values not feasible", 1400),
        ("tempname l\nmlsum `l' = 1", "may only be used by an ml evaluator program", 198),
        ("ml model lf", "invalid syntax", 198),
    ]
    for text, message, code in cases:
        rc, printed, _ = do(text, data)
        assert rc == code, (text, printed)
        assert message in printed, (text, printed)


def test_failing_evaluator_leaves_the_data(do, data):
    program = "program define bad\n    args lnf xb\n    replace nosuchvar = 1\nend\n"
    rc, printed, s = do(program + "ml model lf bad (y = x1)\nml maximize", data)
    assert rc == 111
    assert s.data.varnames == list(data.columns)
    assert "ML_y1" not in s.globals


def test_iterate_limit_and_replay_by_typing_ml(do, run, data):
    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml maximize, iterate(1)\nml")
    assert "Iteration 1:" in printed and "Iteration 2:" not in printed
    assert "convergence not achieved" in printed
    assert s.e.scalars["converged"] == 0 and s.e.scalars["rc"] == 430
    assert printed.count("Number of obs") == 2  # ml typed alone replays
    # ml graph: the log likelihood at each iteration (the last # with ml graph #)
    printed, rc = run(s, "ml graph 1\ngraph describe")
    assert rc == 0 and "command:  ml graph 1" in printed


def test_wrapper_with_k_aux_trace_empty_equation_if_and_offset(do, data):
    wrapper = NORMAL_LF + """
program define mywrap, eclass
    ml model lf mynormal (z = x1 x2) () if g < 8, maximize nolog nooutput
    ereturn scalar k_aux = 1
    ereturn local cmd mywrap
    ml display
end
"""
    printed, s = fit(do, data, wrapper + "mywrap\ncount if e(sample)")
    # e(k_aux) = 1: the last equation shows as a /name row (ml display after a renamed e(cmd))
    assert "\n        /eq2 |" in printed and "\neq1          |" not in printed
    assert s.e.cmd == "mywrap" and s.e.scalars["N"] == 64 and printed.rstrip().endswith("64")
    sub = data[data.g < 8]
    beta, _, sigma, _ = _normal_closed_form(sub.reset_index(drop=True))
    np.testing.assert_allclose(b_se(s)[0], np.r_[beta, sigma], rtol=1e-6)
    # offset(): the coefficient of x2 fixed at 1 by moving it into the offset
    _, s = fit(do, data, NORMAL_LF + "ml model lf mynormal (z = x1, offset(x2)) /sigma, maximize")
    X = np.column_stack([data.x1, np.ones(len(data))])
    coef = np.linalg.lstsq(X, (data.z - data.x2).to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(b_se(s)[0][:2], coef, rtol=1e-6)
    # ml trace on: the evaluator's lines are traced
    printed, _ = fit(do, data, NORMAL_LF + "ml model lf mynormal (z = x1) /sigma\nml trace on\n"
                     "ml maximize, iterate(0)")
    assert "begin mynormal" in printed and "- quietly replace `lnf' = " in printed


def test_aweights_are_normalised_alike_by_lf_and_by_mlsum(do, data):
    _, lf = fit(do, data, NORMAL_LF + "ml model lf mynormal (z = x1 x2) /sigma [aw=w], maximize")
    _, d0 = fit(do, data, NORMAL_D0 + "ml model d0 mynormal_d0 (z = x1 x2) /lnsigma [aw=w], maximize")
    b_lf, b_d0 = b_se(lf)[0], b_se(d0)[0]
    np.testing.assert_allclose(b_d0[:3], b_lf[:3], rtol=1e-6)
    assert np.exp(b_d0[3]) == pytest.approx(b_lf[3], rel=1e-6)
    assert lf.e.scalars["ll"] == pytest.approx(d0.e.scalars["ll"], rel=1e-10)
    # weighted least squares with the weights scaled to sum to N
    w = data.w.to_numpy() * len(data) / data.w.sum()
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    beta = np.linalg.solve(X.T @ (w[:, None] * X), X.T @ (w * data.z))
    np.testing.assert_allclose(b_lf[:3], beta, rtol=1e-6)


def test_ml_init_start_is_kept_statalist_power_density(do):
    """A Statalist thread (2009-12, "possible bug in ml method lf"): density theta x^(theta-1),
    ``ml init 3, copy`` and ``ml maximize, iter(0)``: Stata's d0 reports V = theta^2/n = 9/5
    at theta = 3 (ml evaluates at the start typed; no search moves it)."""
    x = pd.DataFrame({"x": [0.31, 0.58, 0.77, 0.92, 0.45]})
    programs = """
program define mlexamp1
    args lnf theta
    qui replace `lnf' = ln(`theta') + (`theta'-1)*ln($ML_y1)
end
program define mlexamp2
    args todo b lnf g
    tempvar theta
    mleval `theta' = `b'
    quietly {
        mlsum `lnf' = ln(`theta') + (`theta'-1)*ln($ML_y1)
    }
end
"""
    for method, prog in (("lf", "mlexamp1"), ("d0", "mlexamp2")):
        printed, s = fit(do, x, programs + f"ml model {method} {prog} (x =)\nml init 3, copy\nml maximize, iter(0)")
        assert s.e.matrices["b"].values.ravel()[0] == 3
        assert s.e.matrices["V"].values[0, 0] == pytest.approx(1.8, rel=1e-7)
        assert "rescale" not in printed and printed.splitlines()[1].startswith("initial:")


def test_ml_check_runs_the_first_two_tests(do, data):
    printed, _ = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1)\nml check")
    assert "Test 1:  Calling myprobit to check if it computes log likelihood and" in printed
    assert printed.count("         Passed.") == 2
    bad = "program define bad_d0\n    args todo b lnf\n    matrix `b' = 2*`b'\n    scalar `lnf' = -1\nend\n"
    printed, _ = fit(do, data, bad + "ml model d0 bad_d0 (y = x1)\nml init 1 1, copy\nml check")
    assert "FAILED; the coefficient vector was altered." in printed


def test_vce_opg_is_the_inverse_outer_product_of_the_scores(do, data):
    from scipy.stats import norm

    printed, s = fit(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), vce(opg) maximize nolog")
    b = s.e.matrices["b"].values.ravel()
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    xb = X @ b
    y = data.y.to_numpy()
    scores = X * ((y - norm.cdf(xb)) * norm.pdf(xb) / (norm.cdf(xb) * norm.cdf(-xb)))[:, None]
    np.testing.assert_allclose(s.e.matrices["V"].values, np.linalg.inv(scores.T @ scores), rtol=1e-5)
    assert s.e.macros["vcetype"] == "OPG" and "OPG" in printed and "Log likelihood = " in printed
