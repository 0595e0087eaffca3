"""``mi xeq numlist:`` with data-changing commands on some imputations only (flong, mlong,
wide): each listed m keeps its changes, the others their data, and all are made consistent
with m = 0 as [MI] mi update describes -- m = 0's variables and observations, regular
variables m = 0's values, imputed ones m = 0's where m = 0 is not missing.  Expected values
are computed with pandas from the completed datasets before the command."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.mi import styles


def _frame(n=40, seed=8):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = x + rng.normal(size=n)
    y[rng.random(n) < .3] = np.nan
    return pd.DataFrame({"x": x, "y": y, "r": np.arange(n, dtype=float), "u": np.zeros(n)})


def _setup(style):
    return (f"mi set {style}\nmi register imputed y\nmi register regular r\n"
            "mi impute regress y x, add(3) rseed(5)\n")


def _completed(ds, M):
    return [styles.completed(ds, m).df.reset_index(drop=True) for m in range(M + 1)]


@pytest.mark.parametrize("style", ["flong", "mlong", "wide"])
def test_replace_on_some_m_keeps_observed_values(do, style):
    rc, out, s = do(_setup(style), df=_frame())
    assert rc == 0, out
    before = _completed(s.data, 3)
    rc, out, s = do("mi xeq 2 3: replace y = 0 if x > 0; replace r = -1\n", session=s)
    assert rc == 0, out
    after = _completed(s.data, 3)
    missing0 = before[0]["y"].isna().to_numpy()
    for m in range(4):
        want = before[m]["y"].to_numpy().copy()
        if m in (2, 3):
            want[missing0 & (before[m]["x"].to_numpy() > 0)] = 0.0
        np.testing.assert_allclose(after[m]["y"].to_numpy(), want)
        np.testing.assert_allclose(after[m]["r"].to_numpy(), before[0]["r"].to_numpy())  # regular: m = 0's


@pytest.mark.parametrize("style", ["flong", "mlong", "wide"])
def test_new_variables_follow_m0(do, style):
    rc, out, s = do(_setup(style) + "mi xeq 0: generate z = 2*x\nmi xeq 1: generate w = 1\n", df=_frame())
    assert rc == 0, out
    after = _completed(s.data, 3)
    for m in range(4):
        np.testing.assert_allclose(after[m]["z"].to_numpy(), 2 * after[m]["x"].to_numpy())
        assert "w" not in after[m].columns


@pytest.mark.parametrize("style", ["flong", "mlong", "wide"])
def test_dropped_observations(do, style):
    df = _frame()
    rc, out, s = do(_setup(style), df=df)
    before = _completed(s.data, 3)
    rc, out, s = do("mi xeq 0: drop if x < -1\n", session=s)
    assert rc == 0, out
    kept = (df["x"] >= -1).to_numpy()
    dropped = int((~kept).sum())
    assert f"({3 * dropped} m>0 obs dropped because of dropped obs in m=0)" in out
    after = _completed(s.data, 3)
    for m in range(4):
        np.testing.assert_allclose(after[m]["y"].to_numpy(), before[m]["y"].to_numpy()[kept])
    rc, out, s = do("mi xeq 1: drop if x > 1\n", session=s)  # dropped in m = 1 only: refused, data kept
    assert rc == 198 and "not supported" in out
    again = _completed(s.data, 3)
    for m in range(4):
        np.testing.assert_allclose(again[m]["y"].to_numpy(), after[m]["y"].to_numpy())


def test_flong_unregistered_variable_varies_on_the_listed_m(do):
    rc, out, s = do(_setup("flong") + "mi xeq 1: replace u = 5\n", df=_frame())
    assert rc == 0, out
    after = _completed(s.data, 3)
    assert (after[1]["u"] == 5).all() and (after[0]["u"] == 0).all() and (after[2]["u"] == 0).all()


@pytest.mark.parametrize("style", ["flong", "mlong"])
def test_sort_on_every_m_keeps_each_observation_s_imputations(do, style):
    # found while building the above: mi xeq: sort y sorted each m by its own imputations and
    # put them back by position, giving observations other observations' imputed values
    df = _frame().assign(id=np.arange(40.0))
    rc, out, s = do(_setup(style), df=df)
    before = {m: frame.set_index("id")["y"] for m, frame in enumerate(_completed(s.data, 3))}
    rc, out, s = do("mi xeq: sort y\n", session=s)
    assert rc == 0, out
    for m, frame in enumerate(_completed(s.data, 3)):
        got = frame.set_index("id")["y"].sort_index()
        np.testing.assert_allclose(got.to_numpy(), before[m].sort_index().to_numpy())
