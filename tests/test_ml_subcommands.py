"""``ml plot``, ``ml report``, ``ml count``, ``ml score``, ``ml footnote``, ``predict, scores``
after ml, collinear covariates and ``svy`` ([R] ml; docs/ml.md).

Evidence: the probit likelihood's closed forms written in numpy here -- at b = 0, ln L = N ln
1/2, g = sum (2y-1) phi(0)/Phi(0) x and -H = sum phi(0)/Phi(0) (phi(0)/Phi(0)) x x'
(= 2/pi X'X); the equation-level score (2y-1) phi(xb)/Phi((2y-1)xb) at e(b) -- and mlm's own
probit for the collinear fit.  Data are generated here (seeded numpy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from tests.ml_programs import NORMAL_D0, PROBIT_LF, PROBIT_LF0
from tests.ml_programs import fit as run_ok

PROBIT_LF1 = """
program define myprobit1
    args todo b lnfj g1
    tempvar xb
    mleval `xb' = `b'
    quietly replace `lnfj' = ln(normal(cond($ML_y1, `xb', -`xb')))
    if (`todo' == 0) exit
    quietly replace `g1' = cond($ML_y1, 1, -1) * normalden(`xb') / normal(cond($ML_y1, `xb', -`xb'))
end
"""


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(8807)
    n = 60
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    return pd.DataFrame({"x1": x1, "x2": x2, "x3": x1 - 2 * x2,
                         "y": (0.3 + 0.8 * x1 - 0.4 * x2 + rng.normal(size=n) > 0).astype(float),
                         "z": 1 + x1 + rng.normal(size=n)})


def _after(printed: str, label: str) -> str:
    return printed[printed.index(label) + len(label):]


def test_report_at_zero_is_the_probit_closed_form(do, data):
    printed, _ = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml report")
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    q = 2 * data.y.to_numpy() - 1
    lam = norm.pdf(0) / norm.cdf(0)
    g = X.T @ (q * lam)
    negH = lam * lam * X.T @ X
    ll = float(printed.split("Value of log likelihood function = ")[1].split()[0])
    assert ll == pytest.approx(len(data) * np.log(0.5), rel=1e-7)
    length = float(printed.split("Gradient vector (length = ")[1].split(")")[0])
    assert length == pytest.approx(np.linalg.norm(g), rel=1e-6)
    grad_row = _after(printed, "Gradient vector").split("\nr1 ")[1].splitlines()[0].split()
    np.testing.assert_allclose([float(v) for v in grad_row], g, rtol=1e-6)
    hess = _after(printed, "Negative Hessian matrix:").strip().splitlines()
    diag = [float(hess[2 + k].split()[1 + k]) for k in range(3)]
    np.testing.assert_allclose(diag, np.diag(negH), rtol=1e-6)
    assert "Current coefficient vector:" in printed


def test_count_counts_the_evaluators_calls(do, data):
    program = PROBIT_LF.replace("    args lnf xb\n", "    args lnf xb\n    global CALLS = $CALLS + 1\n")
    printed, s = run_ok(do, data, "global CALLS = 0\n" + program + "ml model lf myprobit (y = x1 x2)\n"
                        "ml count\nml count on\nml report\nml count\nml count clear\nml count\nml count off\n"
                        "ml report\nml count")
    counts = [int(ln.rsplit(":", 1)[1]) for ln in printed.splitlines() if ln.startswith("Number of calls to myprobit")]
    assert counts[0] > 0 and counts[1] == 0
    assert 2 * counts[0] == int(s.globals["CALLS"])  # the same report twice, the second not counted
    assert printed.count("(ml count is off; type ml count on)") == 2


def test_plot_resets_the_parameter_to_the_best_point(do, data):
    printed, s = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml plot x1 -2 2 9")
    grid = np.linspace(-2, 2, 9)
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    q = 2 * data.y.to_numpy() - 1
    lls = [np.sum(norm.logcdf(q * (X @ np.array([x, 0.0, 0.0])))) for x in grid]
    best = int(np.argmax(lls))
    assert s.ml_problem.init[0] == pytest.approx(grid[best]) and s.ml_problem.start_given
    assert f"reset eq1:x1 = {grid[best]:g}".replace("0.", ".") in printed
    line = next(ln for ln in printed.splitlines() if ln.startswith("log likelihood = "))
    assert float(line.split()[3]) == pytest.approx(lls[best], rel=1e-7)
    # ml maximize goes on from there without a search
    printed, _ = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml plot x1\nml maximize")
    assert "alternative:" not in printed
    rc, printed, _ = do(PROBIT_LF + "ml model lf myprobit (y = x1 x2)\nml plot nosuch", data)
    assert rc == 111 and "nosuch not found" in printed


@pytest.mark.parametrize("method, program", [("lf", PROBIT_LF.replace("myprobit", "p")),
                                             ("lf0", PROBIT_LF0.replace("myprobit0", "p")),
                                             ("lf1", PROBIT_LF1.replace("myprobit1", "p"))])
def test_score_is_the_probit_score(do, data, method, program):
    # the closed form holds at any b: two iterations from b = 0 are enough (and quick)
    printed, s = run_ok(do, data, program + f"ml model {method} p (y = x1 x2), search(off) iterate(2) maximize nolog\n"
                        "ml score double sc\nml score sx if x1 > 0\npredict double ps, scores")
    b = s.e.matrices["b"].values.ravel()
    xb = np.column_stack([data.x1, data.x2, np.ones(len(data))]) @ b
    q = 2 * data.y.to_numpy() - 1
    expect = q * norm.pdf(xb) / norm.cdf(q * xb)
    rtol = 1e-12 if method == "lf1" else 1e-7
    np.testing.assert_allclose(s.data.numeric("sc"), expect, rtol=rtol)
    np.testing.assert_allclose(s.data.numeric("ps"), expect, rtol=rtol)
    assert s.data.var_labels["sc"] == "equation-level score from ml"
    assert "(" + str(int(np.sum(data.x1.to_numpy() <= 0))) + " missing values generated)" in printed
    sx = s.data.numeric("sx")
    assert np.all(np.isnan(sx[data.x1.to_numpy() <= 0]))
    np.testing.assert_allclose(sx[data.x1.to_numpy() > 0], expect[data.x1.to_numpy() > 0], rtol=1e-6)


def test_score_stub_equations_and_d_family(do, data):
    normal_lf = "program define mynormal\n    args lnf mu sigma\n" \
                "    quietly replace `lnf' = ln(normalden($ML_y1, `mu', `sigma'))\nend\n"
    _, s = run_ok(do, data, normal_lf + "ml model lf mynormal (z = x1) /sigma\nml init /sigma=1\n"
                  "ml maximize, iterate(3) nolog\n"
                  "ml score double sc*\nml score double only, equation(sigma)")
    b = s.e.matrices["b"].values.ravel()
    r = data.z.to_numpy() - (b[0] * data.x1.to_numpy() + b[1])
    np.testing.assert_allclose(s.data.numeric("sc1"), r / b[2] ** 2, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(s.data.numeric("sc2"), r ** 2 / b[2] ** 3 - 1 / b[2], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(s.data.numeric("only"), s.data.numeric("sc2"), rtol=1e-12)
    assert s.data.var_labels["sc2"] == "equation-level score for [sigma] from ml"
    rc, printed, _ = do(NORMAL_D0 + "ml model d0 mynormal_d0 (z = x1) /lnsigma, search(off) iterate(0) maximize nolog\n"
                        "ml score s", data)
    assert rc == 198 and "not available after method d0" in printed
    rc, printed, _ = do("ml score s", data)
    assert rc == 301


def test_footnote_warns_when_not_converged(do, data):
    printed, _ = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), maximize nolog\nml footnote")
    assert "Warning: convergence not achieved" not in printed
    printed, _ = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2), iterate(1) maximize nolog\n"
                        "ml footnote")
    assert printed.rstrip().endswith("Warning: convergence not achieved")


def test_collinear_covariate_omitted_as_ml_does(do, data):
    printed, s = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2 x3), maximize nolog\n"
                        "predict double xbh\nmargins")
    _, ref = run_ok(do, data, "probit y x1 x2")
    assert "note: x3 omitted because of collinearity" in printed
    assert s.e.matrices["b"].colnames == ("eq1:x1", "eq1:x2", "eq1:o.x3", "eq1:_cons")
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    rb, rV = ref.e.matrices["b"].values.ravel(), ref.e.matrices["V"].values
    np.testing.assert_allclose(b[[0, 1, 3]], rb, rtol=1e-6)
    assert b[2] == 0 and not V[2].any() and not V[:, 2].any()
    np.testing.assert_allclose(np.sqrt(np.diag(V))[[0, 1, 3]], np.sqrt(np.diag(rV)), rtol=1e-5)
    assert s.e.scalars["df_m"] == 2 and s.e.scalars["rank"] == 3
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x3 |"))
    assert "(omitted)" in row
    X = np.column_stack([data.x1, data.x2, np.ones(len(data))])
    np.testing.assert_allclose(s.data.numeric("xbh"), X @ rb, rtol=1e-5)
    # margins after ml: the omitted covariate leaves the design (its coefficient is 0)
    assert float(np.ravel(s.r["b"].values)[0]) == pytest.approx(float(np.mean(X @ rb)), rel=1e-5)
    # collinear: ml leaves them to the evaluator (the Hessian is singular; V a pseudo-inverse)
    printed, s = run_ok(do, data, PROBIT_LF + "ml model lf myprobit (y = x1 x2 x3), collinear")
    assert "omitted" not in printed and s.ml_problem.names[2] == "eq1:x3"


def test_svy_is_refused_with_stata_messages(do, data):
    rc, printed, _ = do(PROBIT_LF + "ml model lf myprobit (y = x1 x2), svy", data)
    assert rc == 119 and "data not set up for svy, use svyset" in printed
    rc, printed, _ = do(PROBIT_LF + "svyset [pw=x2]\nml model lf myprobit (y = x1 x2), svy", data)
    assert rc == 198 and "option svy of ml model is not implemented" in printed
