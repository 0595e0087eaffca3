"""``ml model`` with factor-variable covariates ([R] ml: "indepvars may contain factor
variables"): i.g, ib#.g, c.x#i.g expanded per equation as regress/logit expand them, the base
(and collinear/empty) columns kept in e(b) as 0 with b./o. names and zero rows in e(V), ml
display hiding the base rows unless baselevels/allbaselevels.

Evidence: the fits are checked against statsmodels' Logit on the same dummy design and the
normal model's closed form (b = OLS, V = RSS/N (X'X)^-1); data generated here (seeded numpy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ml_programs import NORMAL_D0, b_se, fit

LOGIT_LF = """
program define mylogit_lf
    args lnf xb
    quietly replace `lnf' = ln(invlogit(`xb')) if $ML_y1 == 1
    quietly replace `lnf' = ln(invlogit(-`xb')) if $ML_y1 == 0
end
"""
LOGIT_D2 = """
program define mylogit_d2
    args todo b lnf g H
    tempvar xb lj
    mleval `xb' = `b'
    quietly gen double `lj' = ln(invlogit(cond($ML_y1 == 1, `xb', -`xb'))) if $ML_samp
    mlsum `lnf' = `lj'
    if (`todo' == 0 | `lnf' >= .) exit
    tempvar r w
    quietly gen double `r' = $ML_y1 - invlogit(`xb') if $ML_samp
    mlvecsum `lnf' `g' = `r'
    if (`todo' == 1 | `lnf' >= .) exit
    quietly gen double `w' = invlogit(`xb') * invlogit(-`xb') if $ML_samp
    mlmatsum `lnf' `H' = -`w'
end
"""


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4610)
    n = 240
    g = 1 + np.arange(n) % 3
    x = rng.normal(size=n)
    eta = -0.3 + 0.8 * (g == 2) - 0.6 * (g == 3) + 0.7 * x
    return pd.DataFrame({
        "g": g.astype(float), "x": x,
        "y": (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float),
        "z": 1 + 0.5 * (g == 2) - 0.7 * (g == 3) + 0.8 * x + 0.3 * x * (g == 3) + rng.normal(size=n),
        "h": np.where(g == 3, 2.5, g), "q": g + 0.5, "s": np.where(g == 1, "a", "b"),
    })


def _logit_reference(data):
    import statsmodels.api as sm

    X = np.column_stack([data.g == 2, data.g == 3, data.x, np.ones(len(data))]).astype(float)
    res = sm.Logit(data.y.to_numpy(), X).fit(disp=0, tol=1e-12, maxiter=200)
    return res.params, res.bse


@pytest.mark.parametrize("program, method", [(LOGIT_LF, "lf mylogit_lf"), (LOGIT_D2, "d2 mylogit_d2")])
def test_logit_evaluator_with_i_g_matches_statsmodels_logit(do, data, program, method):
    _, s = fit(do, data, program + f"ml model {method} (y = i.g x)\nml maximize")
    b, se = b_se(s)
    params, bse = _logit_reference(data)
    assert s.e.matrices["b"].colnames == ("eq1:1b.g", "eq1:2.g", "eq1:3.g", "eq1:x", "eq1:_cons")
    assert b[0] == 0 and se[0] == 0
    np.testing.assert_allclose(b[1:], params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(se[1:], bse, rtol=1e-5)
    V = s.e.matrices["V"].values
    assert np.all(V[0] == 0) and np.all(V[:, 0] == 0)  # the base column: a zero row and column
    assert s.e.scalars["df_m"] == 3  # Wald chi2 over the estimable slopes


def test_normal_d0_with_ib3_and_interaction_is_the_closed_form(do, data):
    _, s = fit(do, data, NORMAL_D0 + "ml model d0 mynormal_d0 (z = ib3.g c.x#i.g) /lnsigma\nml maximize")
    names = s.e.matrices["b"].colnames
    assert names == ("eq1:1.g", "eq1:2.g", "eq1:3b.g", "eq1:1.g#c.x", "eq1:2.g#c.x", "eq1:3.g#c.x",
                     "eq1:_cons", "lnsigma:_cons")
    g, x = data.g.to_numpy(), data.x.to_numpy()
    X = np.column_stack([g == 1, g == 2, x * (g == 1), x * (g == 2), x * (g == 3), np.ones(len(data))]).astype(float)
    coef, *_ = np.linalg.lstsq(X, data.z.to_numpy(), rcond=None)
    rss = float(np.sum((data.z.to_numpy() - X @ coef) ** 2))
    V = rss / len(data) * np.linalg.inv(X.T @ X)
    b, se = b_se(s)
    est = [0, 1, 3, 4, 5, 6]
    np.testing.assert_allclose(b[est], coef, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se[est], np.sqrt(np.diag(V)), rtol=1e-4)
    assert b[2] == 0 and se[2] == 0
    assert b[7] == pytest.approx(0.5 * np.log(rss / len(data)), abs=1e-6)


def test_ml_display_hides_the_base_row_unless_baselevels(do, data):
    printed, s = fit(do, data, LOGIT_LF + "ml model lf mylogit_lf (y = i.g x)\nml maximize")
    table = printed[printed.index("-----"):]
    assert "           g |" in table and "(base)" not in table
    assert "          2  |" in table and "          3  |" in table
    for option in ("allbaselevels", "baselevels"):
        rc, shown, _ = do(f"ml display, {option}", session=s)
        assert rc == 0, shown
        assert "          1  |          0  (base)" in shown
    rc, shown, _ = do("set showbaselevels on\nml display", session=s)
    assert "          1  |          0  (base)" in shown


def test_collinear_factor_level_is_omitted_with_a_note(do, data):
    # h is 2.5 where g == 3: 3.g is a linear function of h and the other levels
    printed, s = fit(do, data, LOGIT_LF + "ml model lf mylogit_lf (y = h i.g)\nml maximize")
    assert "note: 3.g omitted because of collinearity" in printed
    names = s.e.matrices["b"].colnames
    assert names == ("eq1:h", "eq1:1b.g", "eq1:2.g", "eq1:3o.g", "eq1:_cons")
    b, se = b_se(s)
    assert b[3] == 0 and se[3] == 0
    assert "(omitted)" in printed


def test_predict_xb_after_ml_with_factor_variables(do, data):
    _, s = fit(do, data, LOGIT_LF + "ml model lf mylogit_lf (y = i.g x)\nml maximize\npredict double xbh")
    b = s.e.matrices["b"].values.ravel()
    g, x = data.g.to_numpy(), data.x.to_numpy()
    expected = b[1] * (g == 2) + b[2] * (g == 3) + b[3] * x + b[4]
    np.testing.assert_allclose(s.data.numeric("xbh"), expected, rtol=1e-10)


def test_ml_query_and_init_use_the_factor_names(do, data):
    rc, printed, s = do(LOGIT_LF + "ml model lf mylogit_lf (y = i.g x)\nml init eq1:2.g=0.5\nml query", data)
    assert rc == 0, printed
    assert "/eq1: 1b.g 2.g 3.g x _cons" in printed
    assert "eq1:2.g" in printed and ".5" in printed


@pytest.mark.parametrize("model, rc, message", [
    ("(y = i.x)", 452, "x:  factor variables may not contain negative values"),
    ("(y = i.q)", 452, "factor variables may not contain noninteger values"),
    ("(y = i.s)", 109, "string variables not allowed"),
    ("(y = i.nosuch)", 111, "variable nosuch not found"),
    ("(i.y = x)", 101, "not allowed"),
    ("(y = i.g L.x)", 101, "time-series operators not allowed"),
])
def test_bad_factor_terms_are_stata_errors(do, data, model, rc, message):
    got, printed, s = do(LOGIT_LF + f"ml model lf mylogit_lf {model}", data)
    assert got == rc, printed
    assert message in printed
    assert s.ml_problem is None


def test_margins_over_a_factor_after_ml_is_regress_margins_at_the_ml_variance(do, data):
    from tests.ml_programs import NORMAL_LF

    setup = NORMAL_LF + "ml model lf mynormal (z = i.g x) /sigma\nml maximize\nmargins g"
    _, s = fit(do, data, setup)
    ml_b, ml_V = s.r["b"].values.ravel(), s.r["V"].values
    _, r = fit(do, data, "regress z i.g x\nmargins g")
    reg_b, reg_V = r.r["b"].values.ravel(), r.r["V"].values
    np.testing.assert_allclose(ml_b, reg_b, rtol=1e-6)
    n, k = len(data), 4  # ml's sigma^2 is RSS/N, regress's RSS/(N - k)
    np.testing.assert_allclose(np.diag(ml_V), np.diag(reg_V) * (n - k) / n, rtol=1e-4)
