"""``ttest``/``ttesti``: t statistics, degrees of freedom and p-values against scipy
(one-sample, paired, two-sample with equal variances, Satterthwaite and Welch), the
[R] ttest manual's ttesti examples (Stata 13 layout), r() and refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

TTESTI_ONE = """
One-sample t test
------------------------------------------------------------------------------
         |     Obs        Mean    Std. Err.   Std. Dev.   [95% Conf. Interval]
---------+--------------------------------------------------------------------
       x |      24        62.6    3.225161        15.8    55.92825    69.27175
------------------------------------------------------------------------------
    mean = mean(x)                                                t =  -3.8448
Ho: mean = 75                                    degrees of freedom =       23

    Ha: mean < 75               Ha: mean != 75                 Ha: mean > 75
 Pr(T < t) = 0.0004         Pr(|T| > |t|) = 0.0008          Pr(T > t) = 0.9996"""


@pytest.fixture
def df():
    rng = np.random.default_rng(4)
    g = np.repeat([1.0, 2.0], [15, 25])
    x = rng.normal(loc=np.where(g == 1, 0.0, 0.6), scale=np.where(g == 1, 1.0, 2.0))
    y = x + rng.normal(loc=0.3, size=40)
    return pd.DataFrame({"x": x, "y": y, "g": g})


def test_ttesti_manual_example(do):
    rc, out, s = do("ttesti 24 62.6 15.8 75")
    assert rc == 0 and TTESTI_ONE in out, out
    rc, out, s = do("ttesti 20 20 5 32 15 4, unequal")
    assert "Satterthwaite's degrees of freedom =  33.9142" in out and abs(s.r["t"] - 3.7796) < 5e-5


def test_one_sample_and_paired(do, df):
    rc, out, s = do("ttest x == 0.2", df=df)
    t, p = stats.ttest_1samp(df.x, 0.2)
    assert rc == 0 and abs(s.r["t"] - t) < 1e-10 and abs(s.r["p"] - p) < 1e-10 and s.r["df_t"] == 39
    assert "Ho: mean = .2" in out
    rc, out, s = do("ttest x == y", df=df)
    t, p = stats.ttest_rel(df.x, df.y)
    assert abs(s.r["t"] - t) < 1e-10 and abs(s.r["p"] - p) < 1e-10
    assert "     mean(diff) = mean(x - y)" in out


@pytest.mark.parametrize("opt", ["", "unequal", "welch"])
def test_two_sample(do, df, opt):
    rc, out, s = do(f"ttest x, by(g) {opt}", df=df)
    assert rc == 0, out
    a, b = df.x[df.g == 1], df.x[df.g == 2]
    t, p = stats.ttest_ind(a, b, equal_var=not opt)
    assert abs(s.r["t"] - t) < 1e-10
    v1, v2 = a.var() / a.size, b.var() / b.size
    if opt == "welch":
        dof = -2 + (v1 + v2) ** 2 / (v1 ** 2 / (a.size + 1) + v2 ** 2 / (b.size + 1))
        assert abs(s.r["df_t"] - dof) < 1e-9
        assert "Welch's degrees of freedom =" in out
    else:
        assert abs(s.r["p"] - p) < 1e-10
    assert out.splitlines()[1].startswith("Two-sample t test with " + ("un" if opt else "") + "equal variances")
    assert abs(s.r["sd"] - df.x.std()) < 1e-12


def test_unpaired_variables_and_reverse(do, df):
    rc, out, s = do("ttest x == y, unpaired", df=df)
    t, _ = stats.ttest_ind(df.x, df.y)
    assert abs(s.r["t"] - t) < 1e-10
    rc, out, s = do("ttest x, by(g) reverse", df=df)
    assert s.r["mu_1"] == pytest.approx(df.x[df.g == 2].mean())


@pytest.mark.parametrize("text,rc,message", [
    ("ttest x", 100, "by() option required"),
    ("ttest x == 0, by(g)", 198, "may not combine = and option by()"),
    ("ttest x == 0, unequal", 198, "unequal option invalid for one-sample or paired tests"),
    ("ttest x, by(y)", 420, "more than 2 groups found, only 2 allowed"),
    ("ttest x if g == 1, by(g)", 420, "1 group found, 2 required"),
    ("ttesti 10 1 2", 198, "either four arguments for a one-sample test"),
    ("ttesti 1 1 2 0", 499, "only one observation, but positive standard deviation"),
    ("ttesti 10 1 -2 0", 411, "standard deviation is negative"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out


def test_ttesti_huge_counts_show_in_exponent_form_not_hundreds_of_digits(do):
    # %7.0f / %8.0f / %8.4f too narrow for the number: the exponent form with the format's
    # decimals (Stata shows `display %9.2fc 10000000` as 1.00e+07), never 301 digits
    rc, out, _ = do("ttesti 1e300 5 2 3")
    assert rc == 0
    row = next(line for line in out.splitlines() if line.startswith("       x |"))
    assert row.startswith("       x |  1e+300           5")
    assert "t = 1.0000e+150" in out
    assert out.rstrip().splitlines()[-4].endswith("degrees of freedom =   1e+300")
    assert max(len(line) for line in out.splitlines()) <= 81  # the t line: 66 columns + 15
    # numbers that fit keep their fixed form
    rc, out, _ = do("ttesti 24 62.6 15.8 75")
    assert "       x |      24        62.6" in out and "degrees of freedom =       23" in out
