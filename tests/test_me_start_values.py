"""Starting values of the me commands: from() when phase 1 drops a column, startvalues() and
startgrid() (glmm.estimate).

Every number is checked against a first-principles likelihood written here: the random-intercept
logit integrated by plain Gauss-Hermite quadrature (intmethod(ghermite) intpoints(15), the
approximation the engine computes), maximised with scipy; the iteration-0 log likelihood of the
full model against that function at the values the log should start from."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit

from tests.test_me_constraints_from import GH, _b, _first_full_iteration, _loglik


@pytest.fixture(scope="module")
def data():
    """A logit random intercept with ``d`` a perfect predictor of failure (phase 1 drops it
    and its 8 rows) and ``x2 = 2 x``."""
    rng = np.random.default_rng(11)
    rows = []
    for g in range(30):
        u = rng.normal(0, 0.8)
        for _ in range(10):
            x, z = rng.normal(), rng.normal()
            rows.append((g + 1.0, x, z, float(rng.random() < expit(-0.2 + 0.7 * x + 0.3 * z + u))))
    df = pd.DataFrame(rows, columns=["school", "x", "z", "y"])
    df["d"] = (np.arange(len(df)) < 8).astype(float)
    df.loc[df["d"] == 1, "y"] = 0.0
    df["x2"] = 2 * df["x"]
    return df


def _scipy_optimum(df):
    X, Z = df["x"].to_numpy(), df["z"].to_numpy()
    f = lambda a: _loglik(df, "logit", a[0] * X + a[1] * Z + a[2], np.exp(a[3]))  # noqa: E731
    res = minimize(lambda a: -f(a), np.array([0.5, 0.2, 0.0, -0.5]), method="BFGS", options={"gtol": 1e-9})
    return res.x, -res.fun


def test_from_maps_onto_the_columns_phase_one_kept(do, data):
    """d predicts failure perfectly: the fixed-effects fit drops it and its rows; from()'s values
    for x, z, _cons and the variance still start the full model (they were ignored before)."""
    rc, out, s = do(f"melogit y x d z || school:, from(y:x=0.3 y:d=5 y:z=-0.2 y:_cons=0.4 "
                    f"var(_cons[school]):_cons=1.5) {GH}", df=data)
    assert rc == 0, out
    assert "d dropped and 8 obs not used" in out
    kept = data[data["d"] == 0]
    X, Z = kept["x"].to_numpy(), kept["z"].to_numpy()
    assert _first_full_iteration(out) == pytest.approx(
        _loglik(kept, "logit", 0.3 * X - 0.2 * Z + 0.4, np.sqrt(1.5)), rel=1e-7)
    a, ll = _scipy_optimum(kept)
    b = _b(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["y:x"] == pytest.approx(a[0], abs=1e-5) and b["y:z"] == pytest.approx(a[1], abs=1e-5)
    assert b["var(_cons[school]):_cons"] == pytest.approx(np.exp(2 * a[3]), rel=1e-4)
    assert b["y:o.d"] == 0


def test_from_copy_over_e_b_with_the_dropped_column(do, data):
    """copy: the values in e(b)'s order, the dropped column's place included."""
    kept = data[data["d"] == 0]
    X, Z = kept["x"].to_numpy(), kept["z"].to_numpy()
    rc, out, s = do(f"matrix b = (0.6, 9, 0.1, -0.3, 0.4)\nmelogit y x d z || school:, from(b, copy) {GH}",
                    df=data)
    assert rc == 0, out
    assert _first_full_iteration(out) == pytest.approx(
        _loglik(kept, "logit", 0.6 * X + 0.1 * Z - 0.3, np.sqrt(0.4)), rel=1e-7)


def test_the_optimum_does_not_depend_on_the_start(do, data):
    lls, bs = [], []
    for start in ("", "from(y:x=0 y:z=0 y:_cons=0 var(_cons[school]):_cons=0.05)",
                  "from(y:x=2 y:z=-1 y:_cons=1 var(_cons[school]):_cons=4)"):
        rc, out, s = do(f"melogit y x z || school:, {start} {GH} nolog", df=data)
        assert rc == 0, out
        lls.append(s.e.scalars["ll"])
        bs.append(s.e.matrices["b"].values[0])
    a, ll = _scipy_optimum(data)
    for got, b in zip(lls, bs):
        assert got == pytest.approx(ll, rel=1e-9)
        np.testing.assert_allclose(b, bs[0], atol=2e-6)
