"""Held-out batch 38 (tests/realworld/README.md, thirty-eighth batch): what its files needed.

- margins' estimability check (Stata: z is estimable when z = z H, H = (X'X)^- X'X, [R] margins
  estimtolerance()): a factor column omitted because it is collinear with the kept columns
  (1.winter beside 1.spring 1.summer 1.fall and _cons) is a null direction e_r - g_r, not an
  empty cell: a margin that sets none of the collinear columns is estimable and equals the
  margin of the model without the redundant column; one that moves the omitted column apart
  from its collinear partner (b set, a observed, b == a) is still not estimable; an empty
  cell is still not estimable.
- xtgee's ``link(power)`` without a number is power 1 (xtgee.ado's GetName: S_X_pow defaults
  to 1), the identity link; glm refuses it (glm.ado's MapLink: "invalid # in link(power #)").
- reshape keeps the dataset's characteristics (reshape.ado builds the new layout from the data
  in memory), so ``xtset id time``, ``reshape wide``, ``reshape long`` leaves the data xtset.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def seasons():
    rng = np.random.default_rng(3801)
    n = 240
    month = np.tile(np.arange(1, 13), n // 12)
    post = (np.arange(n) % 24 >= 14).astype(float)
    df = pd.DataFrame({"month": month.astype(float), "post": post,
                       "t": (np.arange(n) % 24 + 1).astype(float)})
    df["spring"] = ((month >= 3) & (month <= 5)).astype(float)
    df["summer"] = ((month >= 6) & (month <= 8)).astype(float)
    df["fall"] = ((month >= 9) & (month <= 11)).astype(float)
    df["winter"] = ((month == 12) | (month <= 2)).astype(float)
    df["y"] = 20 - 3 * post + 0.2 * df["t"] + 2 * df["summer"] - df["fall"] + rng.normal(0, 1.5, n)
    return df


def _margins(s):
    b = np.asarray(s.r["b"].values, float).ravel()
    V = np.asarray(s.r["V"].values, float)
    return b, np.sqrt(np.diag(V))


def test_margins_estimable_with_a_redundant_dummy(do, seasons):
    """All four season dummies and a constant: 1.winter is omitted; the margins of post equal
    numpy's averages of the reduced OLS fit's predictions, with the delta-method SEs."""
    rc, out, s = do("regress y i.post t i.spring i.summer i.fall i.winter\nmargins post", seasons)
    assert rc == 0, out
    assert "not estimable" not in out
    b, se = _margins(s)
    df = seasons
    X = np.column_stack([df["post"], df["t"], df["spring"], df["summer"], df["fall"], np.ones(len(df))])
    beta, *_ = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)
    resid = df["y"].to_numpy() - X @ beta
    V = resid @ resid / (len(df) - X.shape[1]) * np.linalg.inv(X.T @ X)
    for level, m, sd in zip((0.0, 1.0), b, se):
        Xl = X.copy()
        Xl[:, 0] = level
        L = Xl.mean(axis=0)
        assert m == pytest.approx(L @ beta, rel=1e-9)
        assert sd == pytest.approx(np.sqrt(L @ V @ L), rel=1e-7)


def test_margins_of_the_redundant_dummy_itself_is_not_estimable(do, seasons):
    """margins winter moves 1.winter alone while spring summer fall stay observed: the row
    moves off the data's null direction, so Stata reports it not estimable."""
    rc, out, s = do("regress y i.post t i.spring i.summer i.fall i.winter\nmargins winter", seasons)
    assert rc == 0, out
    assert out.count("(not estimable)") == 2


def test_margins_still_refuses_a_collinear_twin_moved_alone(do, seasons):
    df = seasons.assign(twin=seasons["post"])
    rc, out, _s = do("regress y i.post i.twin t\nmargins twin", df)
    assert rc == 0, out
    assert out.count("(not estimable)") == 2
    rc, out, _s = do("regress y i.post i.twin t\nmargins post", df)
    assert out.count("(not estimable)") == 2


def test_margins_still_refuses_an_empty_cell(do):
    rng = np.random.default_rng(3802)
    a = np.repeat([1.0, 2.0], 40)
    c = np.tile([1.0, 2.0], 40)
    keep = ~((a == 2) & (c == 2))
    df = pd.DataFrame({"a": a[keep], "c": c[keep]})
    df["y"] = 1 + df["a"] + df["c"] + rng.normal(size=len(df))
    rc, out, _s = do("regress y i.a##i.c\nmargins a#c", df)
    assert rc == 0, out
    assert out.count("(not estimable)") == 1


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(3803)
    ids = np.repeat(np.arange(1, 41), 6)
    t = np.tile(np.arange(1, 7), 40)
    x = rng.normal(size=len(ids))
    u = np.repeat(rng.normal(0, 1, 40), 6)
    y = 5 + 0.8 * x + 0.3 * t + u + rng.normal(size=len(ids))
    return pd.DataFrame({"id": ids.astype(float), "t": t.astype(float), "x": x, "y": y})


def test_xtgee_power_link_without_a_number_is_power_one(do, panel):
    rc, out, s = do("xtset id t\nxtgee y x t, family(nbinomial) link(power) corr(exchangeable)", panel)
    assert rc == 0, out
    b_power = np.asarray(s.e.matrices["b"].values, float).ravel()
    rc, out, s = do("xtset id t\nxtgee y x t, family(nbinomial) link(power 1) corr(exchangeable)", panel)
    assert rc == 0, out
    assert np.allclose(b_power, np.asarray(s.e.matrices["b"].values, float).ravel(), rtol=1e-10)
    rc, out, s = do("xtset id t\nxtgee y x t, link(power) corr(independent)", panel)
    assert rc == 0, out
    X = np.column_stack([panel["x"], panel["t"], np.ones(len(panel))])
    beta, *_ = np.linalg.lstsq(X, panel["y"].to_numpy(), rcond=None)
    assert np.allclose(np.asarray(s.e.matrices["b"].values, float).ravel(), beta, rtol=1e-8)


def test_glm_refuses_power_link_without_a_number(do, panel):
    rc, out, _s = do("glm y x, link(power)", panel)
    assert rc == 198 and "invalid # in link(power #)" in out


def test_reshape_round_trip_keeps_xtset(do, panel):
    rc, out, s = do("xtset id t\nreshape wide y x, i(id) j(t)\nreshape long y x, i(id) j(t)\n"
                    "xtgee y x, corr(exchangeable)", panel)
    assert rc == 0, out
    assert s.data.chars.get("_TSpanel") == "id" and s.data.chars.get("_TStvar") == "t"
    assert int(s.e.scalars["N_g"]) == 40


def test_reshape_keeps_dataset_notes_and_i_variable_characteristics(do, panel):
    rc, out, s = do('xtset id t\nchar _dta[source] "survey"\nchar id[origin] "frame"\n'
                    "reshape wide y x, i(id) j(t)", panel)
    assert rc == 0, out
    assert s.data.chars.get("source") == "survey"
    assert s.data.chars.get("id[origin]") == "frame"
