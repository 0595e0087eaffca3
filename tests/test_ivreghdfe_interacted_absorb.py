"""ivreghdfe's absorb() with interactions (``i.a#i.b``: one factor of the observed
combinations) and any number of absvars, and quotes in absorb() that only group words
(``global fe "a b" "c#d"`` then ``absorb("$fe")``, as the replication package of Shrinivas et
al. 2025 writes every table).  Coefficients are checked against two-stage least squares with
the dummies written out in numpy; the absorbed degrees of freedom against the rank of those
dummies where reghdfe's count is exact (two factors)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def village_panel():
    # 40 households in 8 villages of 4 states over 5 years; state-by-year shocks; an
    # endogenous subsidy x instrumented by a state-year target z
    rng = np.random.default_rng(123)
    n_hh, years = 40, np.arange(2010, 2015)
    hh = np.repeat(np.arange(1, n_hh + 1), len(years))
    year = np.tile(years, n_hh)
    vill = (hh - 1) // 5 + 1
    st = (vill - 1) // 2 + 1
    size = rng.integers(1, 4, n_hh)[hh - 1]
    shock = rng.normal(size=(5, 20))[st - 1, year - 2010]
    z = rng.normal(size=(5, 20))[st - 1, year - 2010] + rng.normal(size=hh.size)
    u = rng.normal(size=hh.size)
    x = 0.9 * z + 0.5 * u + rng.normal(size=hh.size)
    y = 0.6 * x + rng.normal(size=n_hh)[hh - 1] + shock + 0.3 * size * (year - 2012) + u
    return pd.DataFrame({"hh": hh, "year": year, "vill": vill, "st": st, "size": size, "y": y, "x": x, "z": z})


def _dummies(frame: pd.DataFrame, factors: list[list[str]]) -> np.ndarray:
    cols = []
    for f in factors:
        key = frame[f].astype(str).agg("-".join, axis=1)
        cols.append(pd.get_dummies(key).to_numpy(float))
    return np.column_stack(cols)


def _tsls(y, X, Z):
    Xhat = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(Xhat, y, rcond=None)[0]
    return b, Xhat


def _b(s, name):
    j = s.e.matrices["b"].colnames.index(name)
    return s.e.matrices["b"].values[0, j], np.sqrt(s.e.matrices["V"].values[j, j])


def test_interaction_and_household_effects_match_dummy_2sls(do, village_panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh i.st#i.year)", village_panel)
    assert rc == 0, out
    D = _dummies(village_panel, [["hh"], ["st", "year"]])
    y = village_panel["y"].to_numpy()
    X = village_panel[["x"]].to_numpy()
    Z = village_panel[["z"]].to_numpy()
    b, Xhat = _tsls(y, np.column_stack([X, D]), np.column_stack([Z, D]))
    b_x, se_x = _b(s, "x")
    np.testing.assert_allclose(b_x, b[0], rtol=1e-7)
    # two factors: reghdfe's count is exact, the rank of the dummies
    assert s.e.scalars["df_a"] == np.linalg.matrix_rank(D)
    resid = y - np.column_stack([X, D]) @ b
    df_r = len(y) - 1 - np.linalg.matrix_rank(D)
    V = resid @ resid / df_r * np.linalg.pinv(np.column_stack([Xhat[:, :1], D]).T @ np.column_stack([Xhat[:, :1], D]))
    np.testing.assert_allclose(se_x, np.sqrt(V[0, 0]), rtol=1e-6)
    assert "st#year" in s.e.macros["absvars"].split()
    assert "st#year" in out and "Absorbed degrees of freedom" in out


def test_four_factors_with_interactions(do, village_panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh year i.st#i.year i.size#i.year) cluster(vill)", village_panel)
    assert rc == 0, out
    D = _dummies(village_panel, [["hh"], ["year"], ["st", "year"], ["size", "year"]])
    y = village_panel["y"].to_numpy()
    b, _ = _tsls(y, np.column_stack([village_panel[["x"]].to_numpy(), D]),
                 np.column_stack([village_panel[["z"]].to_numpy(), D]))
    np.testing.assert_allclose(_b(s, "x")[0], b[0], rtol=1e-6)
    assert s.e.scalars["N_hdfe"] == 4
    # hh is nested in the cluster variable vill: wholly redundant ("*")
    assert "* = FE nested within cluster" in out
    # the count of the later factors is a lower bound, as reghdfe's: never above the true rank
    assert s.e.scalars["df_a"] >= np.linalg.matrix_rank(D) - 40


def test_quoted_absvars_are_the_words_inside(do, village_panel):
    plain = do("ivreghdfe y (x = z), absorb(hh i.st#i.year) cluster(vill)", village_panel)[2]
    text = ('global fe "hh   "    "i.st#i.year"\n'
            'ivreghdfe y (x = z), absorb("$fe") cluster (vill)')
    rc, out, s = do(text, village_panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b(s, "x"), _b(plain, "x"), rtol=1e-12)
    assert s.e.macros["absvars"] == plain.e.macros["absvars"] == "hh st#year"


def test_ppmlhdfe_reads_quoted_absvars_too(do, village_panel):
    frame = village_panel.assign(n=np.random.default_rng(5).poisson(3, len(village_panel)))
    rc, out, a = do("ppmlhdfe n x, absorb(hh year)", frame)
    assert rc == 0, out
    rc, out, b = do('ppmlhdfe n x, absorb("hh" "year")', frame)
    assert rc == 0, out
    np.testing.assert_allclose(_b(a, "x"), _b(b, "x"), rtol=1e-12)


@pytest.mark.parametrize("absorb", ["hh##c.year", "i.hh#c.year", "hh=hh", "hh, savefe"])
def test_what_it_does_not_carry_is_refused(do, village_panel, absorb):
    rc, out, s = do(f"ivreghdfe y (x = z), absorb({absorb})", village_panel)
    assert rc == 198, out


def test_unknown_variable_in_an_interaction(do, village_panel):
    rc, out, s = do("ivreghdfe y (x = z), absorb(hh i.nosuch#i.year)", village_panel)
    assert rc == 111, out
