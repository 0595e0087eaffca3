"""reghdfe's absorb() with intercept interactions (``i.st#i.year``) and more than two absvars,
their redundant categories counted as reghdfe's estimate_dof (DoF.mata) does: the first
intercept exact, each later one at least 1 and at least the mobility groups it shares with an
earlier one ("?" where that bound may be short), a factor nested in the cluster variable wholly
redundant ("*") and then the first remaining one 1 too.  Coefficients and standard errors are
checked against least squares with the dummies written out in numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(4602)
    n_hh, years = 60, np.arange(2010, 2016)
    hh = np.repeat(np.arange(1, n_hh + 1), len(years))
    year = np.tile(years, n_hh)
    vill = (hh - 1) // 6 + 1
    st = (vill - 1) // 3 + 1
    size = rng.integers(1, 4, n_hh)[hh - 1]
    x = rng.normal(size=hh.size)
    y = (0.5 * x + rng.normal(size=n_hh)[hh - 1] + rng.normal(size=(5, 20))[st - 1, year - 2010]
         + 0.2 * size * (year - 2012) + rng.normal(size=hh.size))
    return pd.DataFrame({"hh": hh, "year": year, "vill": vill, "st": st, "size": size, "x": x, "y": y})


def _dummies(frame, factors):
    return np.column_stack([pd.get_dummies(frame[f].astype(str).agg("-".join, axis=1)).to_numpy(float)
                            for f in factors])


def _b_se(s, name):
    j = s.e.matrices["b"].colnames.index(name)
    return s.e.matrices["b"].values[0, j], np.sqrt(s.e.matrices["V"].values[j, j])


def test_interaction_matches_dummy_least_squares(do, panel):
    rc, out, s = do("reghdfe y x, absorb(hh i.st#i.year)", panel)
    assert rc == 0, out
    D = _dummies(panel, [["hh"], ["st", "year"]])
    X = np.column_stack([panel["x"], D])
    b, *_ = np.linalg.lstsq(X, panel["y"], rcond=None)
    rank = np.linalg.matrix_rank(X)
    e = panel["y"].to_numpy() - X @ b
    se = np.sqrt(e @ e / (len(e) - rank) * np.linalg.pinv(X.T @ X)[0, 0])
    np.testing.assert_allclose(_b_se(s, "x"), (b[0], se), rtol=1e-7)
    assert s.e.scalars["df_a"] == np.linalg.matrix_rank(D)  # two factors: exact
    assert s.e.macros["absvars"] == "hh st#year"
    assert "     st#year |" in out


def test_four_absvars(do, panel):
    rc, out, s = do("reghdfe y x, absorb(hh year i.st#i.year size#year)", panel)
    assert rc == 0, out
    D = _dummies(panel, [["hh"], ["year"], ["st", "year"], ["size", "year"]])
    X = np.column_stack([panel["x"], D])
    b, *_ = np.linalg.lstsq(X, panel["y"], rcond=None)
    np.testing.assert_allclose(_b_se(s, "x")[0], b[0], rtol=1e-7)
    assert s.e.scalars["N_hdfe"] == 4
    # estimate_dof's counts are lower bounds on the redundant dummies: df_a never below the rank
    assert s.e.scalars["df_a"] >= np.linalg.matrix_rank(D)
    assert "? = number of redundant parameters may be higher" in out


def test_nested_in_cluster_makes_the_first_remaining_one_redundant(do, panel):
    rc, out, s = do("reghdfe y x, absorb(year hh) vce(cluster vill)", panel)
    assert rc == 0, out
    # hh is nested in vill: all 60 redundant; year, the first remaining, then has 1 (DoF.mata)
    assert "        year |         6           1           5     |" in out
    assert "          hh |        60          60           0    *|" in out
    assert s.e.scalars["df_a"] == 5


def test_savefe_with_three_absvars_adds_up_to_d(do, panel):
    rc, out, s = do("reghdfe y x, absorb(hh year i.st#i.year, savefe) resid", panel)
    assert rc == 0, out
    d = sum(s.data.numeric(f"__hdfe{k}__") for k in (1, 2, 3))
    b = s.e.matrices["b"].values[0]
    names = s.e.matrices["b"].colnames
    xb = b[names.index("x")] * panel["x"].to_numpy() + b[names.index("_cons")]
    np.testing.assert_allclose(d, panel["y"].to_numpy() - xb - s.data.numeric("_reghdfe_resid"), atol=1e-8)
    assert s.data.var_labels["__hdfe3__"] == "[FE] st#year"


def test_quoted_absvars(do, panel):
    a = do("reghdfe y x, absorb(hh i.st#i.year)", panel)[2]
    rc, out, b = do('global fe "hh" "i.st#i.year"\nreghdfe y x, absorb("$fe")', panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(a, "x"), _b_se(b, "x"), rtol=1e-12)
