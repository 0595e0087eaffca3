"""ml's derivative protocol ([R] ml; Gould, Pitblado and Poi, *Maximum Likelihood Estimation
with Stata*): lf1/lf2/d1/d2 evaluators are called with todo = 1 or 2 and their own scores,
gradient (mlvecsum) and Hessian (mlmatsum, mlmatbysum) are used (docs/ml.md).

Evidence: the [R] ml models -- probit and normal regression written as d1/d2/lf1/lf2
evaluators -- reach mlm's own probit (vce(oim), vce(robust), vce(cluster)) and the closed form
of the normal model's maximum; the fixed-effects Poisson likelihood written as a d2 evaluator
with mlmatbysum reaches mlm's xtpoisson, fe.  That the evaluator's derivatives, not numerical
ones, are used is checked by counting the todo = 2 calls and by an evaluator whose Hessian is
scaled: V scales with it.  Data are generated here (seeded numpy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ml_programs import b_se
from tests.ml_programs import fit as run_ok
from tests.ml_programs import same_fit as check_same_fit

PROBIT_D2 = """
program define myprobit_d2
    version 11
    args todo b lnf g H
    tempvar xb lj g1
    mleval `xb' = `b'
    quietly {
        generate double `lj' = normal(cond($ML_y1 == 1, `xb', -`xb'))
        mlsum `lnf' = ln(`lj')
        if (`todo' == 0 | `lnf' >= .) exit
        generate double `g1' = cond($ML_y1 == 1, 1, -1) * normalden(`xb') / `lj'
        mlvecsum `lnf' `g' = `g1', eq(1)
        if (`todo' == 1 | `lnf' >= .) exit
        global T2 = $T2 + 1
        mlmatsum `lnf' `H' = -$HSCALE * `g1' * (`g1' + `xb'), eq(1,1)
    }
end
"""
PROBIT_LF2 = """
program define myprobit_lf2
    version 11
    args todo b lnfj g1 H
    tempvar xb lj
    mleval `xb' = `b'
    quietly {
        generate double `lj' = normal(cond($ML_y1 == 1, `xb', -`xb'))
        replace `lnfj' = ln(`lj')
        if (`todo' == 0) exit
        replace `g1' = cond($ML_y1 == 1, 1, -1) * normalden(`xb') / `lj'
        if (`todo' == 1) exit
        mlmatsum `lnfj' `H' = -`g1' * (`g1' + `xb'), eq(1,1)
    }
end
"""
NORMAL_D2 = """
program define mynormal_d2
    version 11
    args todo b lnf g H
    tempvar mu r
    tempname lnsig sig2 g1 g2 h11 h12 h22
    mleval `mu' = `b', eq(1)
    mleval `lnsig' = `b', eq(2) scalar
    quietly {
        scalar `sig2' = exp(2 * `lnsig')
        generate double `r' = $ML_y1 - `mu'
        mlsum `lnf' = -0.5 * ln(2 * _pi) - `lnsig' - 0.5 * `r'^2 / `sig2'
        if (`todo' == 0 | `lnf' >= .) exit
        mlvecsum `lnf' `g1' = `r' / `sig2', eq(1)
        mlvecsum `lnf' `g2' = `r'^2 / `sig2' - 1, eq(2)
        matrix `g' = (`g1', `g2')
        if (`todo' == 1 | `lnf' >= .) exit
        mlmatsum `lnf' `h11' = -1 / `sig2', eq(1)
        mlmatsum `lnf' `h12' = -2 * `r' / `sig2', eq(1,2)
        mlmatsum `lnf' `h22' = -2 * `r'^2 / `sig2', eq(2)
        matrix `H' = (`h11', `h12' \\ `h12'', `h22')
    }
end
"""
# conditional (fixed-effects) Poisson: lnL = sum_it y_it (xb_it - ln sum_s exp(xb_is)) + const;
# H = -sum_i n_i [ sum_t p_it x_it x_it' - (sum_t p_it x_it)(sum_t p_it x_it)' ], n_i = sum_t y_it
FEPOIS_D2 = """
program define myfepois_d2
    version 11
    args todo b lnf g H
    tempvar xb den p n
    tempname A B
    mleval `xb' = `b'
    quietly {
        bysort panel: egen double `den' = total(exp(`xb'))
        generate double `p' = exp(`xb') / `den'
        mlsum `lnf' = $ML_y1 * ln(`p')
        if (`todo' == 0 | `lnf' >= .) exit
        bysort panel: egen double `n' = total($ML_y1)
        mlvecsum `lnf' `g' = $ML_y1 - `n' * `p'
        if (`todo' == 1 | `lnf' >= .) exit
        mlmatsum `lnf' `A' = `n' * `p'
        mlmatbysum `lnf' `B' $ML_y1 `p', by(panel)
        matrix `H' = `B' - `A'
    }
end
"""


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(8806)
    n = 90
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    panel = np.arange(n) // 6
    alpha = rng.normal(size=15)[panel]
    return pd.DataFrame({
        "x1": x1, "x2": x2, "panel": panel, "w": 1.0 + np.arange(n) % 3,
        "y": (0.4 + 0.8 * x1 - 0.5 * x2 + rng.normal(size=n) > 0).astype(float),
        "z": 1 + 2 * x1 - 0.5 * x2 + 1.5 * rng.normal(size=n),
        "c": rng.poisson(np.exp(0.3 + 0.5 * x1 - 0.2 * x2 + alpha)).astype(float),
    })


def fit(do, data, text):
    return run_ok(do, data, "global T2 = 0\nglobal HSCALE = 1\n" + text)


def same_fit(a, b, se_rtol=1e-7):
    check_same_fit(a, b, se_rtol)


def test_d2_probit_uses_the_evaluators_hessian(do, data):
    _, s = fit(do, data, PROBIT_D2 + "ml model d2 myprobit_d2 (y = x1 x2)\nml maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    same_fit(s, ref)  # analytic H: the standard errors to 1e-7, not numerical differences' 1e-5
    assert float(s.globals["T2"]) >= s.e.scalars["ic"]
    assert (s.e.cmd, s.e.macros["ml_method"], s.e.macros["user"]) == ("ml", "d2", "myprobit_d2")
    # a Hessian scaled by 2 leaves the maximum (g = 0 there; half steps stop a little short of
    # it) and halves V: H is the evaluator's
    _, s2 = fit(do, data, PROBIT_D2.replace("$HSCALE", "2") + "ml model d2 myprobit_d2 (y = x1 x2), maximize")
    np.testing.assert_allclose(b_se(s2)[0], b_se(ref)[0], rtol=1e-5)
    np.testing.assert_allclose(b_se(s2)[1], b_se(ref)[1] / np.sqrt(2), rtol=1e-5)


def test_d1_probit_differences_the_evaluators_gradient(do, data):
    _, s = fit(do, data, PROBIT_D2 + "ml model d1 myprobit_d2 (y = x1 x2), maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    same_fit(s, ref, se_rtol=1e-6)
    assert s.globals["T2"] == "0"  # d1: todo is never 2
    # constraints() and technique(dfp) on the evaluator's derivatives (dfp stops less close)
    _, s = fit(do, data, "constraint 1 x1 = -x2\n" + PROBIT_D2 + "ml model d2 myprobit_d2 (y = x1 x2), "
               "constraints(1) technique(dfp) maximize")
    _, ref = fit(do, data, "constraint 1 x1 = -x2\nprobit y x1 x2, constraints(1)")
    np.testing.assert_allclose(b_se(s)[0], b_se(ref)[0], rtol=1e-4)
    np.testing.assert_allclose(b_se(s)[1], b_se(ref)[1], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ref.e.scalars["ll"], rel=1e-9)


def test_version_10_evaluator_returns_the_negative_hessian(do, data):
    program = PROBIT_D2.replace("version 11", "version 10").replace("= -$HSCALE *", "= $HSCALE *")
    _, s = fit(do, data, "version 10\n" + program + "ml model d2 myprobit_d2 (y = x1 x2), maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    same_fit(s, ref)


def test_lf1_and_lf2_scores_give_robust_and_cluster_variances(do, data):
    lf1 = PROBIT_LF2.replace("myprobit_lf2", "myprobit_lf1")
    _, s = fit(do, data, lf1 + "ml model lf1 myprobit_lf1 (y = x1 x2), vce(robust) maximize")
    _, ref = fit(do, data, "probit y x1 x2, vce(robust)")
    same_fit(s, ref, se_rtol=1e-6)
    printed, s = fit(do, data, PROBIT_LF2 + "ml model lf2 myprobit_lf2 (y = x1 x2) [fw=w], vce(cluster panel)"
                     " maximize")
    _, ref = fit(do, data, "probit y x1 x2 [fw=w], vce(cluster panel)")
    same_fit(s, ref)
    assert "(Std. Err. adjusted for 15 clusters in panel)" in printed
    _, s = fit(do, data, PROBIT_LF2 + "ml model lf2 myprobit_lf2 (y = x1 x2), vce(opg) maximize")
    b = s.e.matrices["b"].values.ravel()
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    xb = X @ b
    from scipy.stats import norm
    q = 2 * data.y.to_numpy() - 1
    S = (q * norm.pdf(xb) / norm.cdf(q * xb))[:, None] * X
    np.testing.assert_allclose(s.e.matrices["V"].values, np.linalg.inv(S.T @ S), rtol=1e-7)
    # bhhh needs the scores: lf1 has them
    _, s = fit(do, data, lf1 + "ml model lf1 myprobit_lf1 (y = x1 x2), technique(bhhh) maximize")
    _, ref = fit(do, data, "probit y x1 x2")
    np.testing.assert_allclose(b_se(s)[0], b_se(ref)[0], rtol=1e-3)


def test_d2_normal_with_two_equations_is_the_closed_form(do, data):
    _, s = fit(do, data, NORMAL_D2 + "ml model d2 mynormal_d2 (mu: z = x1 x2) /lnsigma, maximize")
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    beta = np.linalg.lstsq(X, data.z.to_numpy(), rcond=None)[0]
    n = len(data)
    sigma = np.sqrt(np.sum((data.z - X @ beta) ** 2) / n)
    b, se = b_se(s)
    np.testing.assert_allclose(b, np.r_[beta, np.log(sigma)], rtol=1e-7)
    se_beta = np.sqrt(np.diag(sigma ** 2 * np.linalg.inv(X.T @ X)))
    np.testing.assert_allclose(se, np.r_[se_beta, 1 / np.sqrt(2 * n)], rtol=1e-7)


def test_mlmatbysum_fixed_effects_poisson_is_xtpoisson_fe(do, data):
    _, s = fit(do, data, FEPOIS_D2 + "ml model d2 myfepois_d2 (c = x1 x2, noconstant), maximize")
    _, ref = fit(do, data, "xtset panel\nxtpoisson c x1 x2, fe")
    np.testing.assert_allclose(b_se(s)[0], b_se(ref)[0], rtol=1e-6)
    np.testing.assert_allclose(b_se(s)[1], b_se(ref)[1], rtol=1e-6)


def test_mlmatbysum_is_the_group_formula(do, data):
    program = """
program define grab
    args todo b lnf
    tempvar xb a
    tempname M
    mleval `xb' = `b', eq(1)
    mlsum `lnf' = -`xb'^2
    generate double `a' = x1 if mod(_n, 6) == 0
    mlmatbysum `lnf' `M' `a' x2 z, by(panel) eq(1,2)
    matrix SAVED = `M'
end
"""
    _, s = fit(do, data, program + "ml model d0 grab (y = x1) (x2)\nml init 0.1 0.2 0.3 0.4, copy\n"
               "ml report")
    M = s.matrices["SAVED"].values
    a = np.where(np.arange(len(data)) % 6 == 5, data.x1, 0.0)  # missing a counts as 0
    X1 = np.column_stack([data.x1, np.ones(len(data))])
    X2 = np.column_stack([data.x2, np.ones(len(data))])
    expect = np.zeros((2, 2))
    for k in np.unique(data.panel):
        r = data.panel.to_numpy() == k
        expect += a[r].sum() * np.outer(data.x2[r].to_numpy() @ X1[r], data.z[r].to_numpy() @ X2[r])
    np.testing.assert_allclose(M, expect, rtol=1e-12)
    assert s.matrices["SAVED"].rownames == ("eq1:x1", "eq1:_cons")


def test_missing_gradient_and_wrong_shapes_are_refused(do, data):
    program = """
program define nog
    args todo b lnf g
    tempvar xb
    mleval `xb' = `b'
    mlsum `lnf' = ln(normal(cond($ML_y1, `xb', -`xb')))
end
"""
    # a d1 evaluator is called with todo = 1 and must then set g ([R] ml)
    rc, printed, _ = do(program + "ml model d1 nog (y = x1), maximize", data)
    assert rc == 198 and "nog did not set the gradient vector" in printed
    bad = program.replace("nog", "badg").replace("mlsum `lnf' = ln(normal(cond($ML_y1, `xb', -`xb')))",
                                                   "mlsum `lnf' = ln(normal(cond($ML_y1, `xb', -`xb')))\n"
                                                   "    matrix `g' = (1, 2, 3)")
    rc, printed, _ = do(bad + "ml model d1 badg (y = x1), maximize", data)
    assert rc == 503 and "conformability error" in printed


def test_check_runs_the_derivative_tests_and_compares_with_numerical_ones(do, data):
    doubled = PROBIT_D2.replace("myprobit_d2", "twice").replace("mlvecsum `lnf' `g' = `g1'",
                                                                   "mlvecsum `lnf' `g' = 2 * `g1'")
    printed, _ = fit(do, data, PROBIT_D2 + doubled + "ml model d2 myprobit_d2 (y = x1 x2)\nml check\n"
                     "ml model d2 twice (y = x1 x2)\nml check")
    good, bad = printed.split("Test 1:  Calling twice")
    bad = "Test 1:  Calling twice" + bad
    for k in range(1, 7):
        assert f"Test {k}:  Calling myprobit_d2" in good and f"Test {k}:  Calling twice" in bad
    assert "FAILED" not in printed

    def mreldif(text, what):
        return float(text.split(f"{what}, ")[1].split(") = ")[1].split(")")[0])

    assert mreldif(good, "myprobit_d2's gradient") < 1e-7 and mreldif(good, "myprobit_d2's Hessian") < 1e-7
    # at b = 0 the doubled gradient is off by g itself: max |g| / (|g| + 1)
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    g = X.T @ ((2 * data.y.to_numpy() - 1) * 2 * 0.3989422804014327)
    assert mreldif(bad, "twice's gradient") == pytest.approx(np.max(np.abs(g) / (np.abs(g) + 1)), rel=1e-6)


def test_missing_scores_are_the_evaluators_error(do, data):
    lazy = PROBIT_LF2.replace("myprobit_lf2", "lazy").replace("args todo b lnfj g1 H", "args todo b lnfj g1") \
        .replace("        if (`todo' == 0) exit\n", "        exit\n")
    rc, printed, s = do(lazy + "ml model lf1 lazy (y = x1 x2), maximize", data)
    assert rc == 504 and "lazy returned missing values in the scores" in printed, printed
    assert s.data.varnames == list(data.columns)  # the evaluator's variables are gone
