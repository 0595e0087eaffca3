"""Round 3 of the fuzz (docs/command_fuzz.md): values near Stata's largest double
(c(maxdouble) = 8.988e307) and the commands of the sessions before it.

Values near 1e307 are computed as value / 2^j (exact) and scaled back, so the checks here are
(1) the same data times K = 2^1000 give K times the results (the same bits up to the last
place: t, F, R2, p unchanged) and (2) figures at 1e307-8.98e307 against an independent exact
computation (``statistics``' Fraction arithmetic); a variance or sum of squares past the
largest double is missing, as a Stata double cannot hold it."""
from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest

K = 2.0 ** 1000  # y * K: about 1e301 * y, exact in binary


def _data(scale: float = 1.0, n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(31)
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + rng.normal(size=n)
    return pd.DataFrame({"y": y * scale, "x": x, "f": 1.0 + np.arange(n) % 3, "g": 1.0 + np.arange(n) % 5,
                         "b": (rng.random(n) < 0.5).astype(float), "w": 1.0 + np.arange(n) % 2})


def _near(a, b, rel=1e-12):
    return a == pytest.approx(b, rel=rel, abs=0)


def test_summarize_near_the_largest_double_against_exact_arithmetic(do):
    df = _data()
    df["y"] = df["y"] / df["y"].abs().max() * 8.98e307  # the largest |y| is 8.98e307
    rc, out, s = do("summarize y, detail", df=df)
    assert rc == 0, out
    values = list(df["y"])
    r = s.r
    assert _near(r["mean"], statistics.mean(values))
    assert _near(r["sd"], statistics.stdev(values))  # exact (Fraction) sums: an independent reference
    assert math.isnan(r["Var"]) and math.isnan(r["sum"])  # ~1e615 and ~1e309: past c(maxdouble)
    assert "Std. Dev." in out and "internal error" not in out


def test_collapse_and_tabstat_scale_with_the_data(do):
    line = "collapse (mean) m=y (sd) sd=y (semean) se=y (p50) p=y (iqr) q=y (sum) t=y, by(f)"
    _, _, small = do(line, df=_data())
    rc, out, big = do(line.replace("collapse", "collapse"), df=_data(2.0 ** 100))  # float results: 1e30
    assert rc == 0, out
    for name in ("m", "sd", "se", "p", "q", "t"):
        assert np.allclose(big.data.df[name], small.data.df[name] * 2.0 ** 100, rtol=1e-6, atol=0), name
    df = _data()
    df["y"] = df["y"] / df["y"].abs().max() * 8.98e307
    rc, out, s = do("tabstat y, stats(mean sd var cv range sum)\nsummarize y", df=df)
    assert rc == 0 and "internal error" not in out, out
    row = next(ln.split("|")[1].split() for ln in out.splitlines() if ln.strip().startswith("y |"))
    mean, sd = f"{statistics.mean(df['y']):.1e}", f"{statistics.stdev(df['y']):.1e}"
    assert row[:3] == [mean, sd, "."] and row[-1] == "."  # variance and sum past c(maxdouble)


@pytest.mark.parametrize("fn", ["sd", "mean", "std", "skew", "kurt", "mdev", "mad", "total", "rowsd", "rowmean"])
def test_egen_double_scales_with_the_data(do, fn):
    arg = "y x" if fn.startswith("row") else "y"
    line = f"egen double v = {fn}({arg})"
    _, _, small = do(line, df=_data())
    rc, out, big = do(line, df=_data(K))
    assert rc == 0, out
    factor = 1.0 if fn in ("std", "skew", "kurt") else K
    got, want = big.data.df["v"].to_numpy(), small.data.df["v"].to_numpy()
    if fn.startswith("row"):  # x is not scaled: only compare that the rows are finite numbers
        assert np.all(np.isfinite(got)), got
        return
    assert np.allclose(got, want * factor, rtol=1e-12, atol=0)


def test_egen_std_at_both_signs_near_the_limit(do):
    df = pd.DataFrame({"y": [-8.98e307, 8.98e307, 0.0, 1e307]})
    rc, out, s = do("egen double z = std(y)\negen double d = sd(y)\negen double a = mdev(y)", df=df)
    assert rc == 0, out
    ref = statistics.stdev(df["y"])
    assert _near(s.data.df["d"][0], ref)
    mean = statistics.mean(df["y"])
    assert np.allclose(s.data.df["z"], [(v - mean) / ref for v in df["y"]], rtol=1e-12, atol=1e-15)
    assert _near(s.data.df["a"][0], statistics.mean(abs(v - mean) for v in df["y"]))


def test_regress_scales_with_the_depvar(do):
    _, _, small = do("regress y x i.f", df=_data())
    rc, out, big = do("regress y x i.f", df=_data(K))
    assert rc == 0, out
    b0, b1 = small.e.matrices["b"].values.ravel(), big.e.matrices["b"].values.ravel()
    assert np.allclose(b1, b0 * K, rtol=1e-12, atol=0)
    for name in ("F", "r2", "r2_a"):
        assert _near(big.e.scalars[name], small.e.scalars[name])
    assert _near(big.e.scalars["rmse"], small.e.scalars["rmse"] * K)
    assert _near(big.e.scalars["ll"], small.e.scalars["ll"] - 40 * math.log(K))
    assert math.isnan(big.e.scalars["rss"]) and math.isnan(big.e.scalars["mss"])  # ~1e602


def test_regress_t_statistics_and_beta_are_those_of_the_small_data(do):
    _, small_out, small = do("regress y x [aw=w], beta", df=_data())
    rc, out, big = do("regress y x [aw=w], beta", df=_data(K))
    assert rc == 0, out
    small_row = next(ln.split() for ln in small_out.splitlines() if ln.strip().startswith("x |"))
    big_row = next(ln.split() for ln in out.splitlines() if ln.strip().startswith("x |"))
    assert big_row[4:] == small_row[4:]  # t, P>|t| and Beta as printed


def test_regress_at_the_limit_against_numpy_on_scaled_data(do):
    df = _data()
    df["y"] = df["y"] / df["y"].abs().max() * 8.98e307
    rc, out, s = do("regress y x", df=df)
    assert rc == 0, out
    X = np.column_stack([df["x"], np.ones(len(df))])
    ref = np.linalg.lstsq(X, df["y"] / 8.98e307, rcond=None)[0] * 8.98e307
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref, rtol=1e-10, atol=0)


@pytest.mark.parametrize("line,same", [
    ("anova y f", ("F", "r2")),
    ("areg y x, absorb(g)", ("F", "r2")),
    ("rreg y x", ("F",)),
])
def test_linear_fits_scale_with_the_depvar(do, line, same):
    _, _, small = do(line, df=_data())
    rc, out, big = do(line, df=_data(K))
    assert rc == 0, out
    for name in same:
        assert _near(big.e.scalars[name], small.e.scalars[name]), name
    b0, b1 = small.e.matrices["b"].values.ravel(), big.e.matrices["b"].values.ravel()
    assert np.allclose(b1, b0 * K, rtol=1e-9, atol=0)
    assert _near(big.e.scalars["rmse"], small.e.scalars["rmse"] * K, rel=1e-9)


def test_oneway_ttest_correlate_and_lowess_scale_with_the_data(do):
    for line, key in [("oneway y f", "F"), ("ttest y, by(b)", "t"), ("ttest y, by(b) unequal", "df_t"),
                      ("correlate y x", "rho"), ("pwcorr y x", "rho"), ("ttest y == 0", "t")]:
        _, _, small = do(line, df=_data())
        rc, out, big = do(line, df=_data(K))
        assert rc == 0 and "internal error" not in out, (line, out)
        assert _near(big.r[key], small.r[key]), line
    _, _, small = do("lowess y x, nograph generate(s)", df=_data())
    rc, out, big = do("lowess y x, nograph generate(s)", df=_data(K))
    assert rc == 0, out
    assert np.allclose(big.data.df["s"], small.data.df["s"] * K, rtol=1e-12, atol=0)


def test_percentile_midpoint_near_the_limit(do):
    df = pd.DataFrame({"y": [8.9e307, 8.98e307]})
    rc, out, s = do("summarize y, detail", df=df)
    assert rc == 0, out
    assert _near(s.r["p50"], 8.94e307)


def test_svy_estimates_scale_with_the_data(do):
    setup = "svyset g [pw=w], strata(f)\n"
    k = 2.0 ** 490  # past the scaling threshold (2^480), with V still a double
    for line in ("svy: mean y", "svy: regress y x", "svy: ratio y/w", "svy, subpop(b): mean y"):
        _, _, small = do(setup + line, df=_data())
        rc, out, big = do(setup + line, df=_data(k))
        assert rc == 0 and "internal error" not in out, (line, out)
        b0, b1 = small.e.matrices["b"].values.ravel(), big.e.matrices["b"].values.ravel()
        assert np.allclose(b1, b0 * k, rtol=1e-12, atol=0), line
        V0, V1 = small.e.matrices["V"].values, big.e.matrices["V"].values
        assert np.allclose(V1, V0 * k * k, rtol=1e-9, atol=0), line
        rc, out, huge = do(setup + line, df=_data(K))
        assert rc == 0 and "internal error" not in out, (line, out)
        assert np.allclose(huge.e.matrices["b"].values.ravel(), b0 * K, rtol=1e-12, atol=0), line
        assert np.all(np.isnan(huge.e.matrices["V"].values))  # ~1e602: past the largest double
        se_printed = [ln.split("|")[1].split()[1] for ln in out.splitlines()
                      if ln.strip().startswith(("y |", "x |", "_cons |", "_ratio_1 |"))]
        assert se_printed and "." not in se_printed, out  # the SEs, K times the small data's


def test_svy_ratio_past_the_largest_double_is_missing(do):
    df = pd.DataFrame({"y": [1e300, 2e300, 3e300, 4e300], "x": [1e-10, 1e-10, 2e-10, 1e-10],
                       "g": [1.0, 2, 3, 4]})
    rc, out, s = do("svyset g\nsvy: ratio y/x", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert np.isnan(s.e.matrices["b"].values[0, 0])


def test_margins_at_a_huge_value_is_missing_not_an_error(do):
    rc, out, s = do("regress y x\nmargins, at(x = (1e300 1))", df=_data())
    assert rc == 0 and "internal error" not in out, out
    table = s.r["table"].values
    b = s.e.matrices["b"].values.ravel()
    assert _near(table[0, 0], b[0] * 1e300 + b[1])
    assert np.isnan(table[1, 0]) and np.isfinite(table[1, 1])  # its variance ~1e600: missing
    rc, out, s = do("mixed y x || g:, vce(robust)\nmargins, vce(unconditional) at(x = 1e300)", df=_data())
    assert rc == 0 and "internal error" not in out, out


def test_suest_and_coefplot_with_nothing_stored(do):
    rc, out, s = do("suest _all", df=_data())
    assert rc == 198 and "too few names specified" in out  # est_expand's min(1)
    rc, out, s = do("coefplot _all", df=_data())
    assert rc == 301 and "internal error" not in out


def test_suest_of_two_clogit_models_on_the_same_groups(do):
    df = _data()
    rc, out, s = do("clogit b x, group(g)\nestimates store m1\nclogit b x w, group(g)\nestimates store m2\n"
                    "suest m1 m2", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert s.e.macros["clustvar"] == "g"


# (shape, setup, line, rc) as the round-3 fuzz ran them (tests/fuzz_new_commands.py)
FOUND = [
    ("holes", ("ologit o x1", "estimates store m1", "clogit b x1, group(g)", "estimates store m2"),
     "suest . m2, coeflegend", 0),
    ("magnitudes", ("svyset g [pw=w], strata(b) singleunit(centered)",), "svy, subpop(b if f == 1): ratio y/t2", 0),
    ("empty", ("stset t2, failure(b)", "poisson c x1", "estimates store m1"), "suest _all", 198),
    ("allmiss", ("melogit b x1 || g:", "estimates store m1", "poisson c x1"),
     "coefplot _all, byopts(rows(1)) mlabel levels(99 95)", 301),
    ("huge", ("svyset g [pw=w], strata(f)",), "svy: regress y x1", 0),
    ("huge", (), "regress y i.g, baselevels", 0),
    ("full", ("mepoisson c x1 || g:, vce(cluster g)",), "margins, vce(unconditional) at(x1 = 1e300)", 0),
    ("full", ("mixed y x1 || g:, vce(robust)",), "margins, vce(unconditional) at(x1 = 1e300)", 0),
    ("magnitudes", ("meologit o x1 || g:, vce(robust)",), "margins, vce(unconditional) at(x1 = 1e300)", 0),
    ("huge", ("svyset g [pw=w], strata(b) singleunit(centered)", "svy: logit b x1"), "test _b[x1] = 1e300", 0),
    ("magnitudes", ("mepoisson c x1 || g:, vce(cluster g)",), "margins, vce(unconditional) expression(exp(xb()))", 0),
    ("huge", (), "mecloglog g y i(1 3).f", 2000),
    ("huge", (), "tobit x2 in 1/5, ll ul", 0),
    ("huge", ("xtset g t",), "xtgee c x1 if g == 1, level(-1) nmp", 198),
    ("extmiss", ("svyset g [pw=w]", "svy: mlogit o x1"), "estat effects", 198),
    ("huge", (), "codebook", 0),
    ("huge", (), "codebook, compact", 0),
    ("huge", (), "mkspline newvar_1 0 newvar_k = x2 in -5/l", 0),
    ("full", ("svyset g [pw=w], strata(f)", "svy: tabulate f"), "predict nv", 199),
    ("huge", (), "version 13: quietly capture qnorm c in 1/5,", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round3_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


def test_glm_gaussian_identity_scales_with_the_depvar(do):
    _, _, small = do("glm y x", df=_data())
    rc, out, big = do("glm y x", df=_data(K))
    assert rc == 0 and "internal error" not in out, out
    assert np.allclose(big.e.matrices["b"].values.ravel(), small.e.matrices["b"].values.ravel() * K,
                       rtol=1e-12, atol=0)
    assert _near(big.e.scalars["ll"], small.e.scalars["ll"] - 40 * math.log(K))
    assert math.isnan(big.e.scalars["deviance"])  # ~1e602
    # another link with a depvar near the limit: ml's start is past the largest double
    rc, out, _ = do("glm y x, family(gaussian) link(log)", df=_data(K))
    assert rc == 1400 and "initial values not feasible" in out


def test_tobit_scales_with_the_depvar(do):
    df = _data()
    _, _, small = do("tobit y x, ll(0.5)", df=df)
    big_df = _data(K)
    rc, out, big = do(f"tobit y x, ll({0.5 * K!r})", df=big_df)
    assert rc == 0 and "internal error" not in out, out
    b0, b1 = small.e.matrices["b"].values.ravel(), big.e.matrices["b"].values.ravel()
    assert np.allclose(b1, b0 * K, rtol=1e-7, atol=0)  # b and sigma (the last column)
    uncensored = float(small.e.scalars["N_unc"])
    assert _near(big.e.scalars["ll"], small.e.scalars["ll"] - uncensored * math.log(K), rel=1e-9)
    assert _near(big.e.scalars["chi2"], small.e.scalars["chi2"], rel=1e-6)


def test_collinearity_check_of_regressors_near_the_limit(do):
    df = _data()
    df["h"] = df["x"] * 8e307 / df["x"].abs().max()  # a regressor whose column sum overflows
    df["h2"] = df["h"] / 2  # collinear with it
    rc, out, s = do("regress y h h2 x", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert "omitted" in out  # h2 = h / 2


def test_wald_test_of_a_huge_hypothesis_is_missing(do):
    rc, out, s = do("regress y x\ntest _b[x] = 1e300", df=_data())
    assert rc == 0 and "internal error" not in out, out
    assert "x = 1e+300" in out and math.isnan(s.r["F"]) and math.isnan(s.r["p"])


def test_svy_mlogit_posts_its_srs_variance(do):
    df = _data()
    df["o"] = 1.0 + (df["y"] > 0.7) + (df["y"] > 1.5)
    rc, out, s = do("svyset g [pw=w]\nsvy: mlogit o x", df=df)
    assert rc == 0, out
    V, V_srs = s.e.matrices["V"], s.e.matrices["V_srs"]
    assert V_srs.rownames == V.rownames and V_srs.values.shape == V.values.shape
    assert np.all(np.diag(V_srs.values)[np.diag(V.values) > 0] > 0)
