"""reghdfe: coefficients and standard errors equal areg with the second fixed effect as
dummies (the same least-squares problem and residual degrees of freedom), singletons dropped,
the absorbed-degrees-of-freedom table, published reghdfe layout, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panel():
    rng = np.random.default_rng(12)
    n = 600
    idv = np.ceil(np.arange(1, n + 1) / 6)
    year = np.arange(1, n + 1) % 6 + 2000
    idv[0] = 999                                  # a singleton
    x1 = rng.normal(size=n) + idv / 100
    x2 = rng.normal(size=n)
    y = 1 + .5 * x1 - .3 * x2 + idv / 50 + (year - 2000) / 5 + rng.normal(size=n)
    return pd.DataFrame({"id": idv, "year": year.astype(float), "x1": x1, "x2": x2, "y": y})


def test_matches_areg_with_dummies(do, panel):
    rc, out, s = do("reghdfe y x1 x2, absorb(id year)", panel.copy())
    assert rc == 0
    b, V = s.e.matrices["b"].values, s.e.matrices["V"].values
    rc, _, a = do("areg y x1 x2 i.year if id != 999, absorb(id)", panel.copy())
    ab, aV = a.e.matrices["b"].values, a.e.matrices["V"].values
    np.testing.assert_allclose(np.ravel(b)[:2], np.ravel(ab)[:2], rtol=1e-9)
    np.testing.assert_allclose(np.diag(np.asarray(V))[:2], np.diag(np.asarray(aV))[:2], rtol=1e-8)
    assert s.e.scalars["df_r"] == a.e.scalars["df_r"] == 492
    assert s.e.scalars["r2"] == pytest.approx(a.e.scalars["r2"], rel=1e-10)
    assert s.e.scalars["rmse"] == pytest.approx(a.e.scalars["rmse"], rel=1e-10)
    assert s.e.scalars["N"] == 599


def test_layout(do, panel):
    rc, out, s = do("reghdfe y x1 x2, absorb(id year)", panel.copy())
    lines = out.splitlines()
    assert lines[0] == "(dropped 1 singleton observations)"
    assert lines[1].startswith("(MWFE estimator converged in ")
    assert lines[3] == "HDFE Linear regression                            Number of obs   =        599"
    assert lines[4] == "Absorbing 2 HDFE groups                           F(   2,    492) =      86.82"
    assert lines[8] == "                                                  Within R-sq.    =     0.2609"
    assert out.rstrip("\n").endswith("""
Absorbed degrees of freedom:
-----------------------------------------------------+
 Absorbed FE | Categories  - Redundant  = Num. Coefs |
-------------+---------------------------------------|
          id |       100           0         100     |
        year |         6           1           5     |
-----------------------------------------------------+""")


def test_cluster_marks_nested_fixed_effects(do, panel):
    rc, out, s = do("reghdfe y x1 x2, absorb(id year) vce(cluster id)", panel.copy())
    assert rc == 0
    assert "Statistics robust to heteroskedasticity           Prob > F" in out
    assert "Number of clusters (id) =        100              Root MSE" in out
    assert "          id |       100         100           0    *|" in out
    assert out.rstrip("\n").endswith("* = FE nested within cluster; treated as redundant for DoF computation")
    assert s.e.scalars["df_r"] == 99 and s.e.macros["vcetype"] == "Robust"


@pytest.mark.parametrize("line, rc, message", [
    ("reghdfe y x1", 198, "option absorb() required"),
    ("reghdfe y x1, absorb(id##c.x2)", 198, "heterogeneous slopes are not available"),
    ("reghdfe y x1, absorb(i.id#c.x2)", 198, "heterogeneous slopes are not available"),
    ("reghdfe y x1, absorb(id, savefx)", 198, "option savefx not allowed"),
    ("reghdfe y x1 [iw=x2], absorb(id)", 101, "iweights not allowed"),
    ("reghdfe y x1, absorb(nosuch)", 111, "variable nosuch not found"),
])
def test_errors(do, panel, line, rc, message):
    got, out, s = do(line, panel.copy())
    assert got == rc and message in out
