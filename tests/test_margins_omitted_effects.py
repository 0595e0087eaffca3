"""``margins, dydx(*)`` with a covariate the fit omitted (mgs79): Stata's margins posts its
results with ``ereturn post ..., findomitted`` (_marg_work.class, Stata 16 ado,
opensafely-core/cohort-extractor 1b3e58ab), so the omitted covariate's row reads
``0  (omitted)`` as in coefficient tables, its r(table) column is missing past b, and
_marg_report's ``dy/dx w.r.t.`` legend leaves it out (``_ms_parse_parts``' r(omit)).
A covariate omitted as a main effect but present in an interaction keeps its derivative.
Numbers: least squares in numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(791)
    n = 300
    x = rng.normal(size=n)
    g = rng.integers(1, 4, n)
    y = 1 + 2 * x + 0.3 * (g == 2) - 0.2 * (g == 3) + rng.normal(size=n)
    return pd.DataFrame(dict(y=y, x=x, x2=2 * x, g=g))


def test_omitted_covariate_row_and_legend(do, data):
    rc, out, s = do("quietly regress y x x2 i.g\nmargins, dydx(*)", df=data)
    assert rc == 0, out
    assert "          x2 |          0  (omitted)\n" in out
    assert "dy/dx w.r.t. : x 2.g 3.g\n" in out
    X = np.column_stack([data.x, data.g == 2, data.g == 3, np.ones(len(data))]).astype(float)
    b, *_ = np.linalg.lstsq(X, data.y, rcond=None)
    resid = data.y - X @ b
    V = resid @ resid / (len(data) - 4) * np.linalg.inv(X.T @ X)
    table = s.r["table"]
    names = list(table.colnames)
    tx, t2 = table.values[:, names.index("x")], table.values[:, names.index("x2")]
    assert tx[0] == pytest.approx(b[0], rel=1e-9) and tx[1] == pytest.approx(np.sqrt(V[0, 0]), rel=1e-7)
    assert t2[0] == 0 and np.isnan(t2[1:6]).all()  # se, t, P, ll, ul


def test_interacted_covariate_is_not_omitted(do, data):
    rc, out, _ = do("quietly regress y x x2 i.g c.x2#i.g\nmargins, dydx(*)", df=data)
    assert rc == 0, out
    assert "(omitted)" not in out.split("margins, dydx(*)")[-1]
    assert "dy/dx w.r.t. : x x2 2.g 3.g\n" in out


def test_by_level_rows_after_logit(do, data):
    d = data.assign(yb=(data.y > 1).astype(float))
    rc, out, _ = do("quietly logit yb x x2 i.g\nmargins g, dydx(x2)", df=d)
    assert rc == 0, out
    assert out.count("|          0  (omitted)\n") == 3
