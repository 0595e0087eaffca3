"""reghdfe's and ivreghdfe's absorb() with intercept interactions (``i.st#i.year``: one factor
of the observed combinations) and any number of absvars, their redundant categories counted as
reghdfe's estimate_dof (DoF.mata) does: the first intercept exact, each later one at least 1
and at least the mobility groups it shares with an earlier one ("?" where that bound may be
short), a factor nested in the cluster variable wholly redundant ("*") and then the first
remaining one 1 too.  Quotes in absorb() only group words (``global fe "a b" "c#d"`` then
``absorb("$fe")``, as the replication package of Shrinivas et al. 2025 writes every table).
Coefficients and standard errors are checked against least squares and two-stage least
squares with the dummies written out in numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    # 60 households in 10 villages of 4 states over 6 years; state-by-year shocks; an
    # endogenous subsidy x instrumented by a state-year target z
    rng = np.random.default_rng(4602)
    n_hh, years = 60, np.arange(2010, 2016)
    hh = np.repeat(np.arange(1, n_hh + 1), len(years))
    year = np.tile(years, n_hh)
    vill = (hh - 1) // 6 + 1
    st = (vill - 1) // 3 + 1
    size = rng.integers(1, 4, n_hh)[hh - 1]
    z = rng.normal(size=(5, 20))[st - 1, year - 2010] + rng.normal(size=hh.size)
    u = rng.normal(size=hh.size)
    x = 0.9 * z + 0.5 * u + rng.normal(size=hh.size)
    y = (0.5 * x + rng.normal(size=n_hh)[hh - 1] + rng.normal(size=(5, 20))[st - 1, year - 2010]
         + 0.2 * size * (year - 2012) + u)
    return pd.DataFrame({"hh": hh, "year": year, "vill": vill, "st": st, "size": size, "x": x, "y": y, "z": z})


def _dummies(frame, factors):
    return np.column_stack([pd.get_dummies(frame[f].astype(str).agg("-".join, axis=1)).to_numpy(float)
                            for f in factors])


def _b_se(s, name):
    j = s.e.matrices["b"].colnames.index(name)
    return s.e.matrices["b"].values[0, j], np.sqrt(s.e.matrices["V"].values[j, j])


# ----------------------------------------------------------------------------- reghdfe
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


# ----------------------------------------------------------------------------- ivreghdfe
def _tsls(y, X, Z):
    Xhat = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(Xhat, y, rcond=None)[0]
    return b, Xhat


def test_interaction_and_household_effects_match_dummy_2sls(do, panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh i.st#i.year)", panel)
    assert rc == 0, out
    D = _dummies(panel, [["hh"], ["st", "year"]])
    y = panel["y"].to_numpy()
    X = panel[["x"]].to_numpy()
    Z = panel[["z"]].to_numpy()
    b, Xhat = _tsls(y, np.column_stack([X, D]), np.column_stack([Z, D]))
    b_x, se_x = _b_se(s, "x")
    np.testing.assert_allclose(b_x, b[0], rtol=1e-7)
    # two factors: reghdfe's count is exact, the rank of the dummies
    assert s.e.scalars["df_a"] == np.linalg.matrix_rank(D)
    resid = y - np.column_stack([X, D]) @ b
    df_r = len(y) - 1 - np.linalg.matrix_rank(D)
    V = resid @ resid / df_r * np.linalg.pinv(np.column_stack([Xhat[:, :1], D]).T @ np.column_stack([Xhat[:, :1], D]))
    np.testing.assert_allclose(se_x, np.sqrt(V[0, 0]), rtol=1e-6)
    assert "st#year" in s.e.macros["absvars"].split()
    assert "st#year" in out and "Absorbed degrees of freedom" in out


def test_four_factors_with_interactions(do, panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh year i.st#i.year i.size#i.year) cluster(vill)", panel)
    assert rc == 0, out
    D = _dummies(panel, [["hh"], ["year"], ["st", "year"], ["size", "year"]])
    y = panel["y"].to_numpy()
    b, _ = _tsls(y, np.column_stack([panel[["x"]].to_numpy(), D]),
                 np.column_stack([panel[["z"]].to_numpy(), D]))
    np.testing.assert_allclose(_b_se(s, "x")[0], b[0], rtol=1e-6)
    assert s.e.scalars["N_hdfe"] == 4
    # hh is nested in the cluster variable vill: wholly redundant ("*")
    assert "* = FE nested within cluster" in out
    # hh out, the others' redundant counts are lower bounds (the first of them one for the
    # constant): df_a is at least the rank of their dummies less one
    rest = _dummies(panel, [["year"], ["st", "year"], ["size", "year"]])
    assert s.e.scalars["df_a"] >= np.linalg.matrix_rank(rest) - 1


def test_quoted_absvars_are_the_words_inside(do, panel):
    plain = do("ivreghdfe y (x = z), absorb(hh i.st#i.year) cluster(vill)", panel)[2]
    text = ('global fe "hh   "    "i.st#i.year"\n'
            'ivreghdfe y (x = z), absorb("$fe") cluster (vill)')
    rc, out, s = do(text, panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s, "x"), _b_se(plain, "x"), rtol=1e-12)
    assert s.e.macros["absvars"] == plain.e.macros["absvars"] == "hh st#year"


def test_ppmlhdfe_reads_quoted_absvars_too(do, panel):
    frame = panel.assign(n=np.random.default_rng(5).poisson(3, len(panel)))
    rc, out, a = do("ppmlhdfe n x, absorb(hh year)", frame)
    assert rc == 0, out
    rc, out, b = do('ppmlhdfe n x, absorb("hh" "year")', frame)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(a, "x"), _b_se(b, "x"), rtol=1e-12)


@pytest.mark.parametrize("absorb", ["hh##c.year", "i.hh#c.year", "hh=hh", "hh, savefe"])
def test_what_it_does_not_carry_is_refused(do, panel, absorb):
    rc, out, s = do(f"ivreghdfe y (x = z), absorb({absorb})", panel)
    assert rc == 198, out


def test_unknown_variable_in_an_interaction(do, panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh i.nosuch#i.year)", panel)
    assert rc == 111, out
