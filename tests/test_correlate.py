"""``correlate`` and ``pwcorr``: numbers against numpy/scipy (Pearson r, covariances,
t-based p-values with Bonferroni/Sidak adjustment), Stata 13's layout ([R] correlate,
pwcorr.ado) and refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture
def df():
    rng = np.random.default_rng(11)
    x = rng.normal(size=40)
    y = 0.5 * x + rng.normal(size=40)
    z = rng.normal(size=40)
    z[:3] = np.nan
    return pd.DataFrame({"x": x, "y": y, "z": z, "w": rng.integers(1, 4, 40).astype(float)})


def test_correlate_listwise_numbers_and_layout(do, df):
    rc, out, s = do("correlate x y z", df=df, echo=False)
    assert rc == 0, out
    ok = df.dropna()
    R = np.corrcoef(ok[["x", "y", "z"]].to_numpy().T)
    np.testing.assert_allclose(s.r["C"].values, R, rtol=1e-12)
    assert s.r["N"] == 37 and abs(s.r["rho"] - R[1, 0]) < 1e-12
    lines = out.splitlines()
    assert lines[0] == "(obs=37)" and lines[1] == ""
    assert lines[2] == "             |        x        y        z"
    assert lines[3] == "-------------+---------------------------"
    assert lines[4] == "           x |   1.0000"
    assert lines[5] == "           y |" + "".join(f"{v:9.4f}" for v in R[1, :2])


def test_covariance_and_weights(do, df):
    rc, out, s = do("correlate x y [fw=w], covariance", df=df)
    assert rc == 0, out
    C = np.cov(df[["x", "y"]].to_numpy().T, fweights=df.w.to_numpy().astype(int))
    np.testing.assert_allclose(s.r["C"].values, C, rtol=1e-12)
    assert s.r["N"] == df.w.sum() and abs(s.r["cov_12"] - C[0, 1]) < 1e-12
    rc, out, s = do("correlate x y [aw=w]", df=df)
    xw = df[["x", "y"]].to_numpy()
    C = np.cov(xw.T, aweights=df.w.to_numpy())
    assert abs(s.r["rho"] - C[0, 1] / np.sqrt(C[0, 0] * C[1, 1])) < 1e-12 and s.r["N"] == 40


def test_means_table(do, df):
    rc, out, _ = do("correlate x y, means", df=df)
    assert rc == 0
    assert "    Variable |         Mean    Std. Dev.          Min          Max" in out


def test_pwcorr_pairwise_p_values(do, df):
    rc, out, s = do("pwcorr x y z, sig obs star(.05)", df=df)
    assert rc == 0, out
    ok = df[["x", "z"]].dropna()
    r, p = stats.pearsonr(ok.x, ok.z)
    assert abs(s.r["C"].values[2, 0] - r) < 1e-12 and abs(s.r["sig"].values[2, 0] - p) < 1e-10
    r_xy, p_xy = stats.pearsonr(df.x, df.y)
    assert s.r["N"] == 40 and abs(s.r["rho"] - r_xy) < 1e-12
    assert f"           y |   {r_xy:6.4f}*  1.0000 " in out
    rc, out, s = do("pwcorr x y z, sig bonferroni", df=df)
    assert abs(s.r["sig"].values[1, 0] - min(1, 3 * p_xy)) < 1e-10
    rc, out, s = do("pwcorr x y z, sig sidak", df=df)
    assert abs(s.r["sig"].values[1, 0] - min(1, 1 - (1 - p_xy) ** 3)) < 1e-10
    rc, out, s = do("pwcorr x y z, listwise", df=df)
    assert s.r["N"] == 37


def test_pwcorr_print_hides_insignificant(do, df):
    rc, out, s = do("pwcorr x z, print(.0001)", df=df)
    assert rc == 0
    assert out.splitlines()[-1] == "           z |            1.0000 "


@pytest.mark.parametrize("text,rc,message", [
    ("pwcorr x", 102, "too few variables specified"),
    ("pwcorr x y, bonferroni sidak", 198, "options bonferroni and sidak may not be combined"),
    ("pwcorr x y, star(200)", 198, "star() out of range"),
    ("correlate x y if x > 100", 2000, "no observations"),
    ("correlate x nosuch", 111, "variable nosuch not found"),
    ("correlate x y [pw=w]", 101, "pweights not allowed"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out


def test_coefficient_correlation(do, df):
    rc, out, s = do("quietly regress y x z\ncorrelate, _coef", df=df)
    assert rc == 0, out
    V = s.e.coefficients().V
    np.testing.assert_allclose(s.r["C"].values[1, 0], V[1, 0] / np.sqrt(V[0, 0] * V[1, 1]))
