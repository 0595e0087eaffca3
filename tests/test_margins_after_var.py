"""margins after var (commands/postestimation/margins_var.py): the default xb of the first
equation, equation(name|#k), at() and dydx() of the lags and exog(), and the refusals of stdp,
residuals and an unknown equation.  Reference: x b of the equation on e(sample), written here from
the lagged series (numpy shifts), averaged, with delta-method SEs sqrt(J V J') from
central-difference Jacobians in e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from margins_delta_helpers import check_margin, delta_reference


@pytest.fixture(scope="module")
def series():
    rng = np.random.default_rng(41)
    n = 120
    x = rng.normal(size=n)
    y1, y2 = np.zeros(n), np.zeros(n)
    for t in range(1, n):
        y1[t] = 0.5 * y1[t - 1] + 0.2 * y2[t - 1] + 0.3 * x[t] + rng.normal()
        y2[t] = 0.3 * y1[t - 1] + 0.4 * y2[t - 1] + rng.normal()
    return pd.DataFrame(dict(t=np.arange(1.0, n + 1), x=x, y1=y1, y2=y2))


def _lagged(df):
    """The regressors on e(sample) (t >= 3 with lags 1 and 2)."""
    out = pd.DataFrame({"L.y1": df.y1.shift(1), "L2.y1": df.y1.shift(2), "L.y2": df.y2.shift(1),
                        "L2.y2": df.y2.shift(2), "x": df.x})
    return out.iloc[2:].reset_index(drop=True)


def _xb(eq, **at):
    def xb(c, d):
        d = d.assign(**at)
        return np.asarray(sum(c[f"{eq}:{n}"] * d[n] for n in d.columns) + c[f"{eq}:_cons"], float)
    return xb


def test_var_default_equations_and_at(do, series):
    lagged = _lagged(series)
    rc, out, s = do("tsset t\nquietly var y1 y2, exog(x) lags(1/2)\nmargins", df=series)
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict()" in out and "Number of obs   =        118" in out
    check_margin(s, delta_reference(s, lagged, _xb("y1")))
    rc, out, s = do("margins, predict(xb equation(y2))", session=s)
    assert rc == 0 and "Expression   : Linear prediction, predict(xb equation(y2))" in out
    check_margin(s, delta_reference(s, lagged, _xb("y2")))
    rc, out, s = do("margins, predict(equation(#2)) at(x=1 L.y1=(0 2))", session=s)
    assert rc == 0, out
    check_margin(s, delta_reference(s, lagged, _xb("y2", x=1.0, **{"L.y1": 0.0})), 0)
    check_margin(s, delta_reference(s, lagged, _xb("y2", x=1.0, **{"L.y1": 2.0})), 1)


def test_var_effects_are_the_equations_coefficients(do, series):
    rc, out, s = do("tsset t\nquietly var y1 y2, exog(x) lags(1/2)\nmargins, dydx(*) predict(equation(y2))",
                    df=series)
    assert rc == 0, out
    assert "dy/dx w.r.t. : L.y1 L2.y1 L.y2 L2.y2 x" in out
    b, V = s.e.matrices["b"], s.e.matrices["V"].values
    names = list(b.colnames)
    for col, n in enumerate(("L.y1", "L2.y1", "L.y2", "L2.y2", "x")):
        j = names.index(f"y2:{n}")
        assert s.r["table"].values[0, col] == pytest.approx(b.values[0, j], rel=1e-9)
        assert s.r["table"].values[1, col] == pytest.approx(np.sqrt(V[j, j]), rel=1e-6)


def test_var_refusals(do, series):
    rc, out, s = do("tsset t\nquietly var y1 y2\nmargins, predict(stdp)", df=series)
    assert rc == 322 and "predict option stdp not appropriate with margins" in out  # e(marginsnotok)
    for typed, code in (("residuals", 322), ("equation(#3)", 303), ("equation(y3)", 303), ("pr", 198)):
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == code, (typed, out)
