"""Within (fixed-effects) estimators on nearly collinear and badly centred regressors: a
regressor that is a country effect plus a common trend plus 1e-9..1e-3 noise (log population
in a country-by-wave panel with wave effects), one exactly collinear once demeaned, a
time-invariant one and one near 1e9 with unit variation.

The within regression used to add the grand means back before the solve, so X'X held
N xbar^2 next to the tiny within variation: xtreg, fe printed a within R2 of -9.2 and missing
standard errors on such data, and a regressor near 1e9 came out with b near 0.  The numbers
are checked against an independent least-squares dummy-variable regression (numpy's SVD
lstsq on the explicit country and wave indicators, columns centred and scaled first), and
against the same model on x - 1e9 (the slopes do not depend on an offset)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

N_COUNTRIES, N_WAVES = 30, 8


def panel(kind: str, noise: float = 0.0, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    c = np.repeat(np.arange(1, N_COUNTRIES + 1), N_WAVES)
    t = np.tile(np.arange(1, N_WAVES + 1), N_COUNTRIES)
    a = rng.normal(15, 2, N_COUNTRIES)[c - 1]
    x2 = rng.normal(size=len(c))
    if kind == "trend":  # a country effect plus a common trend plus noise
        x = a + 0.012 * t + noise * rng.normal(size=len(c))
    elif kind == "exact":  # collinear with the wave effects once demeaned
        x = a + 0.5 * t
    elif kind == "invariant":
        x = a.copy()
    else:  # "offset": near 1e9 with unit variation
        x = 1e9 + rng.normal(size=len(c))
    y = 0.5 * x2 + rng.normal(size=N_COUNTRIES)[c - 1] + 0.1 * t + rng.normal(size=len(c))
    if kind == "offset":
        y = y + 0.3 * (x - 1e9)
    z = x2 + rng.normal(size=len(c))
    df = pd.DataFrame(dict(c=c, t=t, x=x, x2=x2, y=y, z=z))
    for k in range(2, N_WAVES + 1):
        df[f"w{k}"] = (t == k).astype(float)
    return df


def dummy_regression(df: pd.DataFrame, cols: list[str], y=None):
    """(b, se, rss) of OLS of y on cols, the country indicators and a constant: SVD least squares
    on centred, unit-scaled columns (b and se of ``cols`` only; se with N - rank df)."""
    y = df.y.to_numpy(float) if y is None else y
    X = df[cols].to_numpy(float)
    X = X - X.mean(axis=0)
    D = pd.get_dummies(df.c, drop_first=True).to_numpy(float)
    D = D - D.mean(axis=0)
    A = np.column_stack([X, D])
    scale = np.sqrt((A * A).sum(axis=0))
    As = A / scale
    yc = y - y.mean()
    beta, _, rank, sv = np.linalg.lstsq(As, yc, rcond=None)
    e = yc - As @ beta
    rss = float(e @ e)
    dof = len(y) - rank - 1
    # (A'A)^-1 from the SVD: V S^-2 V'
    U, S, Vt = np.linalg.svd(As, full_matrices=False)
    cov = (Vt.T / S ** 2) @ Vt * rss / dof
    k = len(cols)
    return beta[:k] / scale[:k], np.sqrt(np.diag(cov)[:k]) / scale[:k], rss


def _fit(do, df, text):
    rc, out, s = do("quietly xtset c t\n" + text, df=df)
    assert rc == 0, out
    c = s.e.coefficients()
    names = list(c.names)
    return out, s, dict(zip(names, c.b)), dict(zip(names, np.sqrt(np.diag(c.V))))


WAVES = [f"w{k}" for k in range(2, N_WAVES + 1)]


@pytest.mark.parametrize("noise", [1e-6, 1e-5, 1e-3])
def test_xtreg_fe_near_collinear_trend_matches_the_dummy_regression(do, noise):
    df = panel("trend", noise)
    out, s, b, se = _fit(do, df, "xtreg y x x2 w2-w8, fe")
    rb, rse, rss = dummy_regression(df, ["x", "x2"] + WAVES)
    np.testing.assert_allclose([b["x"], b["x2"], b["w5"]], [rb[0], rb[1], rb[5]], rtol=1e-7)
    np.testing.assert_allclose([se["x"], se["x2"], se["w5"]], [rse[0], rse[1], rse[5]], rtol=1e-7)
    r2_w = s.e.scalars["r2_w"]
    assert 0 <= r2_w <= 1
    tss_w = float(np.sum((df.y - df.groupby("c").y.transform("mean")) ** 2))
    np.testing.assert_allclose(r2_w, 1 - rss / tss_w, rtol=1e-6)
    np.testing.assert_allclose(s.e.scalars["rss"], rss, rtol=1e-6)
    # _cons = ybar - xbar b
    want = df.y.mean() - sum(b[v] * df[v].mean() for v in ["x", "x2"] + WAVES)
    np.testing.assert_allclose(b["_cons"], want, rtol=1e-6, atol=1e-6 * abs(b["x"]) * df.x.mean())
    assert "(omitted)" not in out


def test_xtreg_fe_statsmodels_agrees_on_the_near_collinear_slope(do):
    sm = pytest.importorskip("statsmodels.api")
    df = panel("trend", 1e-4)
    _, _, b, se = _fit(do, df, "xtreg y x x2 w2-w8, fe")
    cols = ["x", "x2"] + WAVES
    X = np.column_stack([df[cols].to_numpy() - df[cols].to_numpy().mean(axis=0),
                         pd.get_dummies(df.c, drop_first=True).to_numpy(float)])
    fit = sm.OLS(df.y.to_numpy(), sm.add_constant(X)).fit()
    np.testing.assert_allclose([b["x"], b["x2"]], fit.params[1:3], rtol=1e-6)
    np.testing.assert_allclose([se["x"], se["x2"]], fit.bse[1:3], rtol=1e-6)


def test_exact_collinearity_after_demeaning_omits_the_later_column(do):
    df = panel("exact")
    out, _, b, se = _fit(do, df, "xtreg y x x2 w2-w8, fe")
    assert "note: w8 omitted because of collinearity" in out
    assert b["o.w8"] == 0 and se["o.w8"] == 0
    rb, rse, _ = dummy_regression(df, ["x", "x2"] + WAVES[:-1])
    np.testing.assert_allclose([b["x"], b["x2"]], rb[:2], rtol=1e-8)
    np.testing.assert_allclose([se["x"], se["x2"]], rse[:2], rtol=1e-8)


@pytest.mark.parametrize("command", ["xtreg y x x2, fe", "areg y x x2, absorb(c)", "xtregar y x x2, fe"])
def test_a_time_invariant_regressor_is_omitted(do, command):
    out, _, b, _ = _fit(do, panel("invariant"), command)
    # xtregar.ado 1.7.0 reports its demeaned _rmcoll's o. names by RmCollMsg: "dropped"; the
    # column stays in e(b) (its _regress keeps the o. column), shown omitted
    why = "dropped" if command.startswith("xtregar") else "omitted"
    assert f"note: x {why} because of collinearity" in out
    assert b["o.x"] == 0


@pytest.mark.parametrize("command", ["xtreg y x x2 w2-w8, fe", "xtreg y x x2 w2-w8, fe vce(cluster c)",
                                     "areg y x x2 w2-w8, absorb(c)", "areg y x x2 w2-w8, absorb(c) vce(robust)",
                                     "xtivreg y x w2-w8 (x2 = z), fe",
                                     "xtregar y x x2, fe"])
def test_a_regressor_near_1e9_has_the_slopes_of_its_offset_free_copy(do, command):
    df = panel("offset")
    small = df.assign(x=df.x - 1e9)
    _, s_big, b_big, se_big = _fit(do, df, command)
    _, s_small, b_small, se_small = _fit(do, small, command)
    for name in [v for v in ("x", "x2", "w3") if v in b_small]:
        np.testing.assert_allclose(b_big[name], b_small[name], rtol=1e-6)
        np.testing.assert_allclose(se_big[name], se_small[name], rtol=1e-6)
    assert abs(b_big["x"] - 0.3) < 0.2  # the slope the data were made with, not ~0
    # the tests that all u_i = 0 (their pooled fits on x itself) and R2 within likewise
    for name in ("F_f", "F_absorb", "r2_w", "r2", "sigma_u", "F"):
        if name in s_small.e.scalars:
            np.testing.assert_allclose(s_big.e.scalars[name], s_small.e.scalars[name], rtol=1e-6)
    # _cons moves by -1e9 b_x
    np.testing.assert_allclose(b_big["_cons"], b_small["_cons"] - 1e9 * b_big["x"], rtol=1e-6)


def test_areg_and_reghdfe_agree_with_the_dummy_regression_near_collinearity(do):
    df = panel("trend", 1e-5)
    rb, rse, _ = dummy_regression(df, ["x", "x2"] + WAVES)
    for command in ("areg y x x2 w2-w8, absorb(c)", "reghdfe y x x2 w2-w8, absorb(c)"):
        _, s, b, se = _fit(do, df, command)
        np.testing.assert_allclose([b["x"], b["x2"]], rb[:2], rtol=1e-7)
        np.testing.assert_allclose([se["x"], se["x2"]], rse[:2], rtol=1e-7)
        assert 0 <= s.e.scalars["r2"] <= 1


def test_xtivreg_fe_near_collinear_matches_2sls_on_the_indicators(do):
    df = panel("trend", 1e-5)
    _, _, b, se = _fit(do, df, "xtivreg y x w2-w8 (x2 = z), fe")
    D = pd.get_dummies(df.c, drop_first=True).to_numpy(float)
    exog = np.column_stack([df[["x"] + WAVES].to_numpy(), D])
    exog = exog - exog.mean(axis=0)
    X = np.column_stack([df.x2 - df.x2.mean(), exog, np.ones(len(df))])
    Z = np.column_stack([df.z - df.z.mean(), exog, np.ones(len(df))])
    scale = np.sqrt((X * X).sum(axis=0))
    Xhat = Z @ np.linalg.lstsq(Z, X / scale, rcond=None)[0]
    beta = np.linalg.lstsq(Xhat, df.y.to_numpy(), rcond=None)[0] / scale
    np.testing.assert_allclose([b["x2"], b["x"]], beta[:2], rtol=1e-7)
    assert np.isfinite(se["x"]) and se["x"] > 0


def test_the_growth_panel_that_printed_a_negative_within_r2(do):
    """The first growth look-alike (tests/realworld/data/make_pnt_regdata.py before 58e6aa35): log
    population a country effect plus 0.02 wave, rounded to 4 decimals and stored as float, lagged,
    with wave indicators: the within R2 is in [0, 1], the standard errors finite, and the slopes
    those of the dummy regression."""
    rng = np.random.default_rng(2022)
    n, T = 60, 6
    c = np.repeat(np.arange(1, n + 1), T)
    wave = np.tile(np.arange(1, T + 1), n)
    lnpop = np.round(16 + rng.normal(0, 1.5, n)[c - 1] + 0.02 * wave, 4).astype(np.float32).astype(float)
    pl_i = np.round(0.5 + rng.normal(0, 0.1, n)[c - 1] + rng.normal(0, 0.05, n * T), 4)
    y = 9 + rng.normal(0, 0.6, n)[c - 1] + 0.3 * pl_i + rng.normal(0, 0.2, n * T)
    df = pd.DataFrame(dict(c=c, t=wave, lnpop=lnpop, pl_i=pl_i, y=y))
    for k in range(2, T + 1):
        df[f"w{k}"] = (wave == k).astype(float)
    df["Llnpop"] = df.groupby("c").lnpop.shift()
    df["Lpl_i"] = df.groupby("c").pl_i.shift()
    out, s, b, se = _fit(do, df, "xtreg y L.lnpop L.pl_i w2-w6, fe")
    assert 0 <= s.e.scalars["r2_w"] <= 1
    assert all(np.isfinite(v) for v in se.values())
    assert "note: w6 omitted because of collinearity" in out
    used = df.dropna(subset=["Llnpop"]).reset_index(drop=True)
    rb, rse, _ = dummy_regression(used, ["Llnpop", "Lpl_i", "w2", "w3", "w4", "w5"])
    np.testing.assert_allclose([b["L.lnpop"], b["L.pl_i"]], rb[:2], rtol=1e-7)
    np.testing.assert_allclose([se["L.lnpop"], se["L.pl_i"]], rse[:2], rtol=1e-7)


def test_reghdfe_near_1e9_follows_reghdfe_s_own_collinearity_rule(do):
    """reghdfe compares the partialled-out sum of squares with the column's raw one (its
    Solution::check_collinear_with_fe: cross(data, data) before partialling, not centred), so a
    column near 1e9 with unit variation is "probably collinear with the fixed effects"; one near
    1e3 is not, and has the slopes of its offset-free copy."""
    df = panel("offset")
    out, _, b, _ = _fit(do, df, "reghdfe y x x2 w2-w8, absorb(c)")
    assert "note: x is probably collinear with the fixed effects" in out and b["o.x"] == 0
    shifted = df.assign(x=df.x - 1e9 + 1e3)
    _, _, b_big, se_big = _fit(do, shifted, "reghdfe y x x2 w2-w8, absorb(c)")
    _, _, b_small, se_small = _fit(do, df.assign(x=df.x - 1e9), "reghdfe y x x2 w2-w8, absorb(c)")
    for name in ("x", "x2", "w3"):
        np.testing.assert_allclose(b_big[name], b_small[name], rtol=1e-9)
        np.testing.assert_allclose(se_big[name], se_small[name], rtol=1e-9)


@pytest.mark.parametrize("command,omitted", [("xtivreg2 y x w2-w8 (x2 = z), fe", "w8"),
                                             ("ivreghdfe y x (x2 = z), absorb(c t)", "x")])
def test_iv_within_fits_omit_a_column_the_transform_made_collinear(do, command, omitted):
    """x = country effect + 0.5 wave: once demeaned it is a combination of the wave indicators
    (xtivreg2, fe omits the last of them) and it is absorbed by the country and wave effects
    (ivreghdfe omits x).  The other coefficients are those of xtivreg's within 2SLS without
    the omitted column."""
    df = panel("exact")
    out, s, b, se = _fit(do, df, command)
    assert f"note: {omitted} omitted because of collinearity" in out
    assert b[f"o.{omitted}"] == 0 and se[f"o.{omitted}"] == 0
    reference = ("xtivreg y x w2-w7 (x2 = z), fe" if omitted == "w8" else "xtivreg y w2-w8 (x2 = z), fe")
    _, _, rb, _ = _fit(do, df, reference)
    np.testing.assert_allclose(b["x2"], rb["x2"], rtol=1e-9)
    assert 0 <= s.e.scalars["r2"] <= 1


@pytest.mark.parametrize("command,rtol", [("xtreg y x x2 w2-w8, re", 1e-6), ("xtreg y x x2 w2-w8, re vce(cluster c)", 1e-6),
                                          ("xtreg y x x2 w2-w8, be", 1e-5), ("xtreg y x x2 w2-w8, be wls", 1e-5)])
def test_random_effects_and_between_fits_near_1e9(do, command, rtol):
    """xtreg, re's within step and GLS regression and xtreg, be's regression of the panel means
    likewise solve on centred columns: the slopes are those of x - 1e9 (the panel means of values
    near 1e9 carry ~1e-7 of rounding, hence be's looser tolerance)."""
    df = panel("offset")
    df = df[~((df.c % 4 == 0) & (df.t > 5))].reset_index(drop=True)  # unbalanced: be wls weights
    _, s_big, b_big, se_big = _fit(do, df, command)
    _, s_small, b_small, se_small = _fit(do, df.assign(x=df.x - 1e9), command)
    assert b_big.keys() == b_small.keys()
    for name in [v for v in b_small if v != "_cons" and not v.startswith("o.")]:
        np.testing.assert_allclose(b_big[name], b_small[name], rtol=rtol)
        np.testing.assert_allclose(se_big[name], se_small[name], rtol=rtol)
    for name in ("sigma_u", "sigma_e", "r2", "chi2", "F"):
        if name in s_small.e.scalars and np.isfinite(s_small.e.scalars[name]):
            np.testing.assert_allclose(s_big.e.scalars[name], s_small.e.scalars[name], rtol=rtol)
