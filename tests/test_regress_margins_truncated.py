"""``margins, predict(pr(a,b))``, ``e(a,b)``, ``ystar(a,b)`` after ``regress`` ([R] regress
postestimation lists them; regres_p computes them from x b and sigma = e(rmse)): the margin and
its delta-method SE against scipy with statsmodels' OLS fit (sigma held fixed: it is no
element of e(b)), dydx() against the analytic slope, and regres_p's refusal after a robust VCE."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from graphs_helpers import make_session, run

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture
def s():
    session = make_session()
    run(session, "quietly regress y x")
    return session


def _ols(s):
    x, y = s.data.numeric("x"), s.data.numeric("y")
    X = np.column_stack([x, np.ones_like(x)])
    fit = sm.OLS(y, X).fit()
    return X, fit.params, fit.cov_params(), float(np.sqrt(fit.scale))


def _statistic(name, xb, sig, lo, hi):
    a = (lo - xb) / sig if np.isfinite(lo) else -np.inf
    b = (hi - xb) / sig if np.isfinite(hi) else np.inf
    P = stats.norm.cdf(b) - stats.norm.cdf(a)
    pa = stats.norm.pdf(a) if np.isfinite(lo) else 0.0
    pb = stats.norm.pdf(b) if np.isfinite(hi) else 0.0
    if name == "pr":
        return P
    if name == "e":
        return xb + sig * (pa - pb) / P
    low = lo * stats.norm.cdf(a) if np.isfinite(lo) else 0.0
    high = hi * stats.norm.sf(b) if np.isfinite(hi) else 0.0
    return low + high + P * xb - sig * (pb - pa)


@pytest.mark.parametrize("name, lo, hi, typed", [("pr", 2.0, 5.0, "pr(2,5)"), ("e", 3.0, np.inf, "e(3,.)"),
                                                 ("ystar", -np.inf, 4.0, "ystar(.,4)"),
                                                 ("ystar", 1.0, 6.0, "ys(1,6)")])
def test_margin_and_se_against_scipy(s, name, lo, hi, typed):
    X, beta, V, sig = _ols(s)

    def average(bvec):
        return float(np.mean(_statistic(name, X @ bvec, sig, lo, hi)))
    step = 1e-6
    grad = np.array([(average(beta + step * np.eye(2)[j]) - average(beta - step * np.eye(2)[j])) / (2 * step)
                     for j in range(2)])
    out, rc = run(s, f"margins, predict({typed})")
    assert rc == 0, out
    table = s.r["table"].values
    assert table[0, 0] == pytest.approx(average(beta), rel=1e-7)
    assert table[1, 0] == pytest.approx(float(np.sqrt(grad @ V @ grad)), rel=1e-5)
    # predict gives the same numbers row by row
    run(s, f"predict double p_{name}, {typed}")
    np.testing.assert_allclose(s.data.numeric(f"p_{name}"), _statistic(name, X @ beta, sig, lo, hi), rtol=1e-9)


def test_expression_labels(s):
    out, rc = run(s, "margins, predict(pr(2,5))")
    assert rc == 0 and "Expression   : Pr(2<y<5), predict(pr(2,5))" in out
    out, rc = run(s, "margins, predict(e(3,.))")
    assert rc == 0 and "Expression   : E(y|y>3), predict(e(3,.))" in out


def test_dydx_of_ystar_is_the_slope_times_the_probability(s):
    X, beta, _, sig = _ols(s)
    out, rc = run(s, "margins, predict(ystar(1,6)) dydx(x)")
    assert rc == 0, out
    prob = _statistic("pr", X @ beta, sig, 1.0, 6.0)
    assert s.r["table"].values[0, 0] == pytest.approx(beta[0] * float(np.mean(prob)), rel=1e-7)


def test_variable_bound_read_at_each_row(s):
    X, beta, _, sig = _ols(s)
    run(s, "generate double lo = x - 2")
    out, rc = run(s, "margins, predict(pr(lo,.))")
    assert rc == 0, out
    lo = s.data.numeric("lo")
    want = np.mean(stats.norm.sf((lo - X @ beta) / sig))
    assert s.r["table"].values[0, 0] == pytest.approx(want, rel=1e-7)


def test_refusals(s):
    out, rc = run(s, "margins, predict(pr(5,2))", stop_on_error=False)
    assert rc == 198 and "b must be >= a" in out
    out, rc = run(s, "margins, predict(pr(1))", stop_on_error=False)
    assert rc == 198 and "incorrectly specified" in out
    run(s, "quietly regress y x, vce(robust)")
    out, rc = run(s, "margins, predict(pr(0,3))", stop_on_error=False)
    assert rc == 198 and "option pr() not allowed after robust estimation" in out
    out, rc = run(s, "margins, predict(stdf)", stop_on_error=False)
    assert rc == 498
