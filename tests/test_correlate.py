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


def _ts_panel():
    import pandas as pd

    rows = [(i, t, float((i * 7 + t * t) % 11) + 0.25 * t) for i in (1, 2, 3) for t in (1, 2, 3, 4, 5)
            if (i, t) not in ((2, 3), (3, 1))]
    return pd.DataFrame(rows, columns=["id", "t", "x"])


def test_time_series_operators_in_varlists(do):
    """corr/pwcorr accept L.x, L2.x, F.x, D.x, S2.x, LD.x after xtset ([U] 11.4.4): the
    operated series are x at t-1 etc. within the panel, missing across gaps."""
    df = _ts_panel()
    key = {(i, t): x for i, t, x in df.itertuples(index=False)}

    def shifted(k):
        return np.array([key.get((i, t - k), np.nan) for i, t in zip(df.id, df.t)])

    x, lag, lag2, lead = df.x.to_numpy(), shifted(1), shifted(2), shifted(-1)
    rc, out, s = do("xtset id t\ncorr x L.x l2.x", df=df)
    assert rc == 0, out
    ok = ~np.isnan(lag) & ~np.isnan(lag2)
    R = np.corrcoef(np.vstack([x[ok], lag[ok], lag2[ok]]))
    np.testing.assert_allclose(s.r["C"].values, R, rtol=1e-12)
    assert s.r["C"].colnames == ("x", "L.x", "L2.x") and s.r["N"] == ok.sum()
    assert "        L2.x |" in out
    rc, out, s = do("pwcorr x F.x D.x S2.x LD.x", session=s)
    assert rc == 0, out
    d = x - lag
    ld = np.array([key.get((i, t - 1), np.nan) - key.get((i, t - 2), np.nan) for i, t in zip(df.id, df.t)])
    for j, other in ((1, lead), (2, d), (3, x - lag2), (4, ld)):
        ok = ~np.isnan(other)
        assert s.r["C"].values[j][0] == pytest.approx(np.corrcoef(x[ok], other[ok])[0, 1], rel=1e-12)


def test_time_series_operators_need_tsset(do):
    rc, out, s = do("corr x L.x", df=_ts_panel())
    assert rc == 111 and "time variable not set" in out


def test_spearman(do):
    """Spearman's rho (average ranks of ties) against scipy.stats.spearmanr; spearman.ado's
    two-variable text; the matrix of more variables; refusals."""
    df = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6, 7, 7, np.nan, 3], "y": [2, 1, 4, 3, 6, 5, 7, 8, 1, 9],
                       "z": [3, 5, 4, 1, 2, 9, 7, 6, 2, 2]}, dtype=float)
    rc, out, s = do("spearman x y", df=df)
    assert rc == 0, out
    ok = df.x.notna()
    ref = stats.spearmanr(df.x[ok], df.y[ok])
    assert s.r["rho"] == pytest.approx(ref.statistic, rel=1e-12)
    assert s.r["p"] == pytest.approx(ref.pvalue, rel=1e-9) and s.r["N"] == 9
    assert out.splitlines()[1:] == [" Number of obs =       9", "Spearman's rho =       " + f"{ref.statistic:.4f}",
                                    "", "Test of Ho: x and y are independent",
                                    "    Prob > |t| =       " + f"{ref.pvalue:.4f}"]
    rc, out, s = do("spearman x y z, stats(rho p)", df=df)
    assert rc == 0 and "(obs=9)" in out
    R = stats.spearmanr(df[ok].to_numpy()).statistic
    np.testing.assert_allclose(s.r["Rho"].values, R, rtol=1e-12)
    assert "           y |   " + f"{R[1, 0]:.4f}" in out
    for bad, code in (("spearman x", 102), ("spearman x y, stats(tau)", 198), ("spearman x y, pw", 199)):
        rc, out, s = do(bad, df=df)
        assert rc == code, out
