"""Held-out leftovers of the forty-first session (task hf100), each on data of its own:

* ``xtbsht name1 name2, reps() seed()`` (Volker Ludwig's xtbsht.ado 1.0, package xtfeis on
  SSC): the bootstrapped Hausman test resampling whole panels.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- xtbsht
def _panel(seed: int = 5, groups: int = 40, per: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, groups + 1), per)
    a = rng.normal(size=groups)[ids - 1]
    x = rng.normal(size=ids.size) + 0.8 * a
    z = rng.normal(size=ids.size)
    y = 1 + 0.5 * x - 0.3 * z + a + rng.normal(size=ids.size)
    return pd.DataFrame({"id": ids.astype(float), "t": np.tile(np.arange(1, per + 1), groups).astype(float),
                         "x": x, "z": z, "y": y})


def _within(df: pd.DataFrame) -> np.ndarray:
    cols = ["y", "x", "z"]
    dm = df[cols] - df.groupby("id")[cols].transform("mean")
    X = dm[["x", "z"]].to_numpy()
    return np.linalg.lstsq(X, dm["y"].to_numpy(), rcond=None)[0]


def _pooled(df: pd.DataFrame) -> np.ndarray:
    X = np.column_stack([df["x"], df["z"], np.ones(len(df))])
    return np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0][:2]


XTBSHT_SETUP = """
    xtset id t
    quietly xtreg y x z, fe
    estimates store FE
    quietly regress y x z
    estimates store OLS
"""


def test_xtbsht_statistic_from_its_own_coefficients_and_bootstrap_covariance(do):
    df = _panel()
    rc, out, s = do(XTBSHT_SETUP + "xtbsht FE OLS, seed(123) reps(200)", df=df)
    assert rc == 0, out
    r = s.r
    b1 = r["b1"].values.ravel()
    b2 = r["b2"].values.ravel()
    assert list(r["b1"].rownames) == ["x", "z"]
    assert np.allclose(b1, _within(df), atol=1e-8)
    assert np.allclose(b2, _pooled(df), atol=1e-8)
    V = r["V_diff"].values
    d = b1 - b2
    from scipy.stats import chi2
    assert float(r["chi2"]) == pytest.approx(float(d @ np.linalg.solve(V, d)), rel=1e-8)
    assert float(r["p"]) == pytest.approx(chi2.sf(float(r["chi2"]), 2), rel=1e-6)
    assert r["df"] == "2" and r["reps"] == "200"
    # an independent panel bootstrap of the same difference (numpy draws, not mlm's): the
    # variances agree within bootstrap noise
    rng = np.random.default_rng(99)
    panels = [g for _, g in df.groupby("id")]
    draws = []
    for _ in range(400):
        pick = rng.integers(0, len(panels), len(panels))
        sample = pd.concat([panels[k].assign(id=float(j)) for j, k in enumerate(pick)])
        draws.append(_within(sample) - _pooled(sample))
    V_ref = np.cov(np.array(draws).T)
    assert np.allclose(np.diag(V), np.diag(V_ref), rtol=0.35)
    assert "Bootstrapped Hausman Test" in out and "Comparing models: FE and OLS" in out
    assert "Test statistic: chi2(2) =" in out
    # the data come back as they were
    assert s.data.nobs == len(df) and np.allclose(s.data.numeric("id"), df["id"])


def test_xtbsht_seed_reproduces_and_reps_counts(do):
    df = _panel(seed=8)
    rc, out, s = do(XTBSHT_SETUP + """
        xtbsht FE OLS, seed(42) reps(20)
        local c1 = r(chi2)
        xtbsht FE OLS, seed(42) reps(20)
        local c2 = r(chi2)
        xtbsht FE OLS, seed(43) reps(20)
        local c3 = r(chi2)
        assert `c1' == `c2'
        assert `c1' != `c3'
    """, df=df)
    assert rc == 0, out


def test_xtbsht_refuses_one_name_and_unknown_options(do):
    df = _panel()
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE", df=df)
    assert rc == 198 and "You need to specify the names of two models to compare" in out
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE OLS, reps(5) nosuch", df=df)
    assert rc == 198 and "option nosuch not allowed" in out
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE nosuch, reps(5)", df=df)
    assert rc == 111
