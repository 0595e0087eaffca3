"""``estfe`` (reghdfe package): zero columns named ``0.absvar`` on each stored model's e(b)/e(V),
``r(indicate_fe)`` for esttab's indicate(), and ``restore``; reghdfe's e(extended_absvars)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data():
    rng = np.random.default_rng(11)
    n = 240
    g, h = np.arange(n) % 12, np.arange(n) % 5
    x = rng.normal(size=n)
    return pd.DataFrame({"g": g.astype(float), "h": h.astype(float), "id": (np.arange(n) // 4).astype(float),
                         "t": (np.arange(n) % 4).astype(float), "x": x,
                         "y": x + g / 6 + h / 3 + rng.normal(size=n)})


FITS = ("reghdfe y x, absorb(g h)\nestimates store m1\nreghdfe y x, absorb(g)\nestimates store m2\n"
        "regress y x\nestimates store m3\n")


def test_estfe_adds_base_level_columns_and_indicators(do):
    rc, out, s = do(FITS + 'estfe m*, labels(g "Group FE")', _data())
    assert rc == 0, out
    assert s.r["indicate_fe"] == '"Group FE=0.g" "h=0.h"'
    m1 = s.estimates["m1"]
    assert list(m1.matrices["b"].colnames) == ["x", "_cons", "0.g", "0.h"]
    assert np.allclose(np.asarray(m1.matrices["b"].values)[0, 2:], 0)
    V = np.asarray(m1.matrices["V"].values)
    assert V.shape == (4, 4) and np.allclose(V[2:, :], 0) and np.allclose(V[:, 2:], 0)
    assert list(m1.matrices["b_backup"].colnames) == ["x", "_cons"]
    assert list(s.estimates["m3"].matrices["b"].colnames) == ["x", "_cons"]  # nothing absorbed
    # the reghdfe fit: x's coefficient equals OLS with both sets of dummies
    d = _data()
    X = np.column_stack([d.x, pd.get_dummies(d.g, drop_first=True), pd.get_dummies(d.h, drop_first=True),
                         np.ones(len(d))]).astype(float)
    beta = np.linalg.lstsq(X, d.y.to_numpy(), rcond=None)[0]
    assert np.isclose(np.asarray(m1.matrices["b"].values)[0, 0], beta[0], rtol=1e-7)


def test_estfe_indicate_rows_then_restore(do):
    rc, out, s = do(FITS + 'estfe m*, labels(g "Group FE")\nesttab m1 m2 m3, indicate(`r(indicate_fe)\')', _data())
    assert rc == 0, out
    group = [line.split() for line in out.splitlines() if line.startswith("Group FE")][0]
    assert group[2:] == ["Yes", "Yes", "No"]
    hrow = [line.split() for line in out.splitlines() if line.startswith("h ")][0]
    assert hrow[1:] == ["Yes", "No", "No"]
    rc, out, s = do("estfe m*, restore\nestimates restore m1\nreghdfe", session=s)
    assert rc == 0 and "Absorbed degrees of freedom" in out
    assert list(s.e.matrices["b"].colnames) == ["x", "_cons"]


def test_estfe_areg_xtreg_and_errors(do):
    rc, out, s = do("areg y x, absorb(g)\nestimates store a\nxtset id t\nxtreg y x, fe\nestimates store f\n"
                    "estfe a f", _data())
    assert rc == 0, out
    assert list(s.estimates["a"].matrices["b"].colnames)[-1] == "0.g"
    assert list(s.estimates["f"].matrices["b"].colnames)[-1] == "id"  # estfe.ado adds ivar unprefixed
    assert s.r["indicate_fe"] == '"g=0.g" "id=id"'
    rc, out, _ = do("estfe a, labels(g)", session=s)
    assert rc == 123 and "odd number of labels" in out
    rc, out, _ = do("estfe nosuch", session=s)
    assert rc == 111
    rc, out, s = do("reghdfe y x, absorb(g h)\nereturn list", _data())
    assert "e(extended_absvars) : \"g h\"" in out and s.e.scalars["N_hdfe_extended"] == 2
