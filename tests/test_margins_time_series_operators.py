"""margins after a model with a time-series operator (regress y L.x2 x): L.x2 is a covariate of
its own (Stata's FAQ "Marginal effects and time-series operators": dydx(_all) lists turn L.turn
L2.turn, atmeans sets ``L.turn = ... (mean)``).  Was `time-series operators not allowed` r(101).
Numbers by hand: OLS by numpy on the lagged design."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

SETUP = """clear
set obs 40
generate t = _n
tsset t
generate x = sin(_n)
generate x2 = cos(2*_n) + _n/40
generate y = 1 + x + 0.5*x2 + sin(3*_n)
quietly regress y L.x2 x
"""


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


@pytest.fixture()
def s():
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def ols():
    n = np.arange(1, 41, dtype=float)
    x, x2 = np.sin(n), np.cos(2 * n) + n / 40
    y = 1 + x + 0.5 * x2 + np.sin(3 * n)
    lx2 = x2[:-1]
    X = np.column_stack([lx2, x[1:], np.ones(39)])
    b = np.linalg.lstsq(X, y[1:], rcond=None)[0]
    return b, X


def row(out, name):
    line = next(ln for ln in out.splitlines() if ln.split("|")[0].strip() == name)
    return [float(v) for v in line.split("|")[1].split()]


def test_dydx_and_default_prediction(s):
    b, X = ols()
    out, rc = run(s, "margins, dydx(x)")
    assert rc == 0, out
    assert "dy/dx w.r.t. : x" in out
    assert row(out, "x")[0] == pytest.approx(b[1], rel=1e-6)
    out, rc = run(s, "margins")
    assert rc == 0
    assert row(out, "_cons")[0] == pytest.approx((X @ b).mean(), rel=1e-6)
    assert "Number of obs   =         39" in out


def test_operated_covariate_in_dydx_and_at(s):
    b, X = ols()
    out, rc = run(s, "margins, dydx(*)")
    assert rc == 0, out
    assert "dy/dx w.r.t. : L.x2 x" in out
    # L.x2 under the heading x2 as L1., as _coef_table shows it (test_margins_time_series_rows.py)
    assert "\n          x2 |\n" in out
    assert row(out, "L1.")[0] == pytest.approx(b[0], rel=1e-6)
    out, rc = run(s, "margins, dydx(L.x2)")
    assert row(out, "L1.")[0] == pytest.approx(b[0], rel=1e-6)
    out, rc = run(s, "margins, at(x=1)")
    assert row(out, "_cons")[0] == pytest.approx(b[0] * X[:, 0].mean() + b[1] + b[2], rel=1e-6)
    out, rc = run(s, "margins, at(L.x2=1)")
    assert "at           : L.x2            =           1" in out
    assert row(out, "_cons")[0] == pytest.approx(b[0] + b[1] * X[:, 1].mean() + b[2], rel=1e-6)
    out, rc = run(s, "margins, dydx(x) atmeans")
    assert "at           : L.x2            = " in out and "(mean)" in out
    assert float(out.split("L.x2            =")[1].split()[0]) == pytest.approx(X[:, 0].mean(), rel=1e-6)


def test_plain_variable_of_an_operated_covariate_is_not_a_covariate(s):
    out, rc = run(s, "margins, dydx(x2)")
    assert rc == 322
    assert "'x2' not found in list of covariates" in out
