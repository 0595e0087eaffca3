"""Diagnostics after ``regress``: estat vif, hettest, ovtest, imtest, szroeter, dwatson,
bgodfrey, durbinalt and dfbeta.  Numbers against R (tests/regress_diagnostics_reference/
reference.R: lmtest::bptest(studentize = FALSE), car::vif, lmtest::resettest, lmtest::bgtest,
lmtest::dwtest, its values in values.txt) or against the definitions written out here with
numpy/scipy; layouts against the ado files' display lines; refusals against their messages."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

REF = Path(__file__).parent / "regress_diagnostics_reference"
VALUES = {line.split()[0]: float(line.split()[1]) for line in (REF / "values.txt").read_text().splitlines()}
MODEL = "regress mpg disp hp wt drat qsec"
REGRESSORS = ["disp", "hp", "wt", "drat", "qsec"]


@pytest.fixture
def cars(new_session, run):
    session = new_session(pd.read_csv(REF / "mtcars.csv"))
    out, rc = run(session, "quietly " + MODEL)
    assert rc == 0, out
    return session


@pytest.fixture
def series(new_session, run):
    session = new_session(pd.read_csv(REF / "series.csv"))
    out, rc = run(session, "quietly tsset t\nquietly regress y x1 x2")
    assert rc == 0, out
    return session


def _ok(run, session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def _fails(run, session, text):
    out, rc = run(session, text)
    assert rc != 0
    lines = out.strip().splitlines()
    assert lines[-1] == f"r({rc});"
    return lines[-2], rc


def _ols(y, X):
    X = np.column_stack([X, np.ones(len(y))])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    return e, float(e @ e), float(((y - y.mean()) ** 2).sum())


# ---------------------------------------------------------------------- vif
def test_vif_matches_car_and_stata_layout(cars, run):
    out = _ok(run, cars, "estat vif")
    lines = out.splitlines()
    assert lines[:3] == ["", "    Variable |       VIF       1/VIF  ", "-------------+----------------------"]
    want = sorted(((VALUES[f"mtcars_vif_{v}"], v) for v in REGRESSORS), reverse=True)
    for line, (vif, name) in zip(lines[3:8], want):
        assert line == f"{name:>12} | {vif:9.2f}    {1 / vif:8.6f}"
    assert lines[8] == "-------------+----------------------"
    assert lines[9] == f"    Mean VIF | {np.mean([v for v, _ in want]):9.2f}"
    for i, (vif, name) in enumerate(want, start=1):
        assert cars.r[f"vif_{i}"] == pytest.approx(vif, rel=1e-10)
        assert cars.r[f"name_{i}"] == name


def test_vif_uncentered_is_one_over_one_minus_uncentred_r2(cars, run):
    _ok(run, cars, "vif, uncentered")
    X = np.column_stack([cars.data.numeric(v) for v in REGRESSORS] + [np.ones(32)])
    got = {cars.r[f"name_{i}"]: cars.r[f"vif_{i}"] for i in range(1, 7)}
    for j, name in enumerate(REGRESSORS + ["intercept"]):
        others = np.delete(X, j, axis=1)
        b = np.linalg.lstsq(others, X[:, j], rcond=None)[0]
        r = X[:, j] - others @ b
        assert got[name] == pytest.approx((X[:, j] @ X[:, j]) / (r @ r), rel=1e-9)
    assert list(got.values()) == sorted(got.values(), reverse=True)


# ---------------------------------------------------------------------- hettest
def test_hettest_default_is_breusch_pagan_of_r(cars, run):
    out = _ok(run, cars, "estat hettest")
    chi2 = VALUES["mtcars_bp_fitted"]
    assert out.splitlines() == ["", "Breusch-Pagan / Cook-Weisberg test for heteroskedasticity ",
                                "         Ho: Constant variance", "         Variables: fitted values of mpg", "",
                                f"         chi2(1)      = {chi2:8.2f}",
                                f"         Prob > chi2  = {stats.chi2.sf(chi2, 1):8.4f}"]
    assert cars.r["chi2"] == pytest.approx(chi2, rel=1e-9)
    assert cars.r["df"] == 1 and cars.r["p"] == pytest.approx(stats.chi2.sf(chi2, 1), rel=1e-8)


def test_hettest_rhs_mtest_table(cars, run):
    out = _ok(run, cars, "hettest, rhs mtest")
    lines = out.splitlines()
    assert lines[4:7] == ["-------------+-------------------------", "    Variable |      chi2   df      p ",
                          "-------------+-------------------------"]
    for line, name in zip(lines[7:12], REGRESSORS):
        chi2 = VALUES[f"mtcars_bp_{name}"]
        assert line == f"{name:>12} |  {chi2:8.2f}    1   {stats.chi2.sf(chi2, 1):6.4f} #"
    total = VALUES["mtcars_bp_rhs"]
    assert lines[13] == f"simultaneous |  {total:8.2f}    5   {stats.chi2.sf(total, 5):6.4f}"
    assert lines[14:] == ["-" * 39, "                  # unadjusted p-values"]
    m = cars.r["mtest"]
    assert m.colnames == ("chi2", "df", "p") and m.rownames == tuple(REGRESSORS)
    assert cars.r["mtmethod"] == "noadjust" and cars.r["chi2"] == pytest.approx(total, rel=1e-9)


def test_hettest_mtest_bonferroni_and_holm(cars, run):
    raw = np.array([stats.chi2.sf(VALUES[f"mtcars_bp_{v}"], 1) for v in REGRESSORS])
    _ok(run, cars, "estat hettest disp hp, mtest(bonf)")
    m = cars.r["mtest"]
    assert m.colnames == ("chi2", "df", "p", "adjustp")
    assert m.values[:, 3] == pytest.approx(np.minimum(1, 2 * raw[:2]), rel=1e-8)
    out = _ok(run, cars, "estat hettest wt drat qsec, mtest(holm)")
    order = np.argsort(raw[2:])
    holm = np.minimum(1, raw[2:] * (3 - np.argsort(order)))
    assert cars.r["mtest"].values[:, 3] == pytest.approx(holm, rel=1e-8)
    assert out.splitlines()[-1] == "               # Holm-adjusted p-values"


def test_hettest_iid_and_fstat(cars, run):
    _ok(run, cars, "estat hettest, iid")
    assert cars.r["chi2"] == pytest.approx(VALUES["mtcars_bp_iid"], rel=1e-9)
    out = _ok(run, cars, "estat hettest, fstat")
    y, X = cars.data.numeric("mpg"), np.column_stack([cars.data.numeric(v) for v in REGRESSORS])
    e, rss, _ = _ols(y, X)
    yhat = y - e
    _, rss2, tss2 = _ols(e ** 2 / (rss / 32), yhat)
    F = (tss2 - rss2) / (rss2 / 30)
    assert cars.r["F"] == pytest.approx(F, rel=1e-9) and cars.r["df_r"] == 30 and cars.r["df_m"] == 1
    assert f"         F(1 , 30)    = {F:8.2f}" in out.splitlines()


def test_hettest_refusals(cars, run):
    assert _fails(run, cars, "hettest, normal iid") == ("normal cannot be specified with iid or fstat", 498)
    assert _fails(run, cars, "hettest wt, iid mtest") == ("iid may not be specified with mtest or mtest2()", 498)
    assert _fails(run, cars, "hettest wt, mtest(foo)") == ("invalid mtest(): foo", 198)
    assert _fails(run, cars, "hettest mpg wt") == ("mpg may not be specified", 499)
    _ok(run, cars, "quietly regress mpg wt, vce(robust)")
    assert _fails(run, cars, "estat hettest") == ("hettest not appropriate after robust cluster()", 498)
    _ok(run, cars, "quietly regress mpg wt [pweight = hp]")
    assert _fails(run, cars, "hettest") == ("hettest not appropriate with pweighted data", 101)
    _ok(run, cars, "quietly regress mpg wt, noconstant")
    assert _fails(run, cars, "estat hettest") == ("not appropriate after regress, nocons", 301)


# ---------------------------------------------------------------------- ovtest
def test_ovtest_matches_resettest(cars, run):
    out = _ok(run, cars, "estat ovtest")
    F = VALUES["mtcars_reset_F"]  # Stata's powers are floats of the rescaled fit: agreement to ~1e-7
    assert cars.r["F"] == pytest.approx(F, rel=1e-6)
    assert (cars.r["df"], cars.r["df_r"]) == (3, VALUES["mtcars_reset_df_r"])
    assert out.splitlines() == ["", "Ramsey RESET test using powers of the fitted values of mpg",
                                "       Ho:  model has no omitted variables",
                                f"                  F(3, 23) = {F:9.2f}",
                                f"                  Prob > F =      {stats.f.sf(F, 3, 23):6.4f}"]
    out = _ok(run, cars, "ovtest, rhs")
    assert cars.r["F"] == pytest.approx(VALUES["mtcars_reset_rhs_F"], rel=1e-6)
    assert cars.r["df"] == VALUES["mtcars_reset_rhs_df"] and cars.r["df_r"] == 11
    assert "Ramsey RESET test using powers of the independent variables" in out


def test_ovtest_with_only_indicators_is_not_possible(new_session, run):
    df = pd.DataFrame({"y": np.arange(20.0) % 7, "d": np.arange(20) % 2})
    s = new_session(df)
    _ok(run, s, "quietly regress y d")
    out, rc = run(s, "ovtest, rhs")
    assert rc == 499 and out.strip().splitlines()[-4:-1] == [
        "powers of all explanatory variables collinear",
        "(typically because all explanatory variables are indicator variables)", "test not possible"]


# ---------------------------------------------------------------------- imtest
def _cameron_trivedi(e, X):
    n, k = X.shape
    C = X - X.mean(axis=0)
    cross = np.column_stack([C[:, i] * C[:, j] for i in range(k) for j in range(i + 1)])
    s2 = e @ e / n

    def part(r, Z):
        res, rss, _ = _ols(r, Z) if Z is not None else (None, float(((r - r.mean()) ** 2).sum()), None)
        return n * (1 - rss / (r @ r))

    return (part(e ** 2 - s2, np.column_stack([X, cross])), part(e ** 3 - 3 * s2 * e, X),
            part(e ** 4 - 6 * s2 * e ** 2 + 3 * s2 ** 2, None))


def test_imtest_decomposition_and_white(cars, run):
    y, X = cars.data.numeric("mpg"), np.column_stack([cars.data.numeric(v) for v in REGRESSORS])
    e, _, _ = _ols(y, X)
    h, s, k = _cameron_trivedi(e, X)
    _ok(run, cars, "estat imtest, double")
    assert [cars.r["chi2_h"], cars.r["chi2_s"], cars.r["chi2_k"]] == pytest.approx([h, s, k], rel=1e-8)
    assert (cars.r["df_h"], cars.r["df_s"], cars.r["df_k"], cars.r["df_t"]) == (20, 5, 1, 26)
    out = _ok(run, cars, "imtest, white")  # floats, as imtest.ado stores its variables
    assert cars.r["chi2"] == pytest.approx(VALUES["mtcars_white_chi2"], rel=1e-5)
    assert cars.r["df"] == VALUES["mtcars_white_df"]
    assert cars.r["chi2_t"] == pytest.approx(h + s + k, rel=1e-4)
    lines = out.splitlines()
    assert lines[1:4] == ["White's test for Ho: homoskedasticity",
                          "         against Ha: unrestricted heteroskedasticity", ""]
    assert lines[4] == f"         chi2(20)     = {cars.r['chi2']:9.2f}"
    i = lines.index("Cameron & Trivedi's decomposition of IM-test")
    assert lines[i + 2:i + 5] == ["-" * 21 + "+" + "-" * 29, "              Source |       chi2     df      p",
                                  "-" * 21 + "+" + "-" * 29]
    assert lines[i + 5] == (f"  Heteroskedasticity |{cars.r['chi2_h']:11.2f}{20:7d}"
                            f"{stats.chi2.sf(cars.r['chi2_h'], 20):10.4f}")
    assert lines[-2].startswith("               Total |") and lines[-1] == "-" * 51


def test_imtest_refusals(cars, run):
    _ok(run, cars, "quietly regress mpg wt [aweight = hp]")
    assert _fails(run, cars, "imtest") == ("imtest does not support weights", 101)
    _ok(run, cars, "quietly regress mpg wt, vce(cluster cyl)")
    assert _fails(run, cars, "estat imtest") == ("imtest does not support cluster()", 498)
    _ok(run, cars, "quietly logit am wt")
    assert _fails(run, cars, "imtest") == ("imtest is only possible after regress", 301)
    assert _fails(run, cars, "estat imtest") == ("invalid subcommand imtest", 321)


# ---------------------------------------------------------------------- szroeter
def _szroeter(z, e):
    h = stats.rankdata(z)
    n = len(h)
    hbar = np.sum(h * e ** 2) / np.sum(e ** 2)
    return n * n / (2 * (n - 1)) * (hbar - h.mean()) ** 2 / h.var(ddof=1)


def test_szroeter(cars, run):
    y, X = cars.data.numeric("mpg"), np.column_stack([cars.data.numeric(v) for v in REGRESSORS])
    e, _, _ = _ols(y, X)
    out = _ok(run, cars, "estat szroeter wt")
    q = _szroeter(cars.data.numeric("wt"), e)
    assert cars.r["chi2"] == pytest.approx(q, rel=1e-9) and cars.r["df"] == 1
    assert out.splitlines()[3:8] == ["    Ho: variance constant", "    Ha: variance monotonic in wt", "",
                                     f"         chi2(1)      = {q:8.2f}",
                                     f"         Prob > chi2  = {stats.chi2.sf(q, 1):8.4f}"]
    out = _ok(run, cars, "szroeter, rhs mtest(sidak)")
    want = np.array([_szroeter(X[:, j], e) for j in range(5)])
    m = cars.r["mtest"]
    assert m.values[:, 0] == pytest.approx(want, rel=1e-9)
    assert m.values[:, 3] == pytest.approx(1 - (1 - stats.chi2.sf(want, 1)) ** 5, rel=1e-8)
    assert out.splitlines()[-1] == "              # Sidak-adjusted p-values"
    assert _fails(run, cars, "szroeter") == ("you must specify either varlist or option rhs", 198)


# ---------------------------------------------------------------------- time series
def test_dwatson_and_bgodfrey_match_lmtest(series, run):
    out = _ok(run, series, "estat dwatson")
    assert series.r["dw"] == pytest.approx(VALUES["series_dw"], rel=1e-10)
    dw = VALUES["series_dw"]
    assert out.splitlines() == ["", f"Durbin-Watson d-statistic(  3,    60) =  {dw:.7f}"[:-9] + f"{dw:.7f}"[1:]]
    assert (series.r["N"], series.r["k"], series.r["N_gaps"]) == (60, 3, 0)
    out = _ok(run, series, "estat bgodfrey, lags(1/3)")
    chi2 = series.r["chi2"]
    assert chi2.colnames == ("lags:1", "lags:2", "lags:3")
    assert chi2.values.ravel() == pytest.approx([VALUES[f"series_bg_chi2_{p}"] for p in (1, 2, 3)], rel=1e-9)
    assert series.r["lags"] == "1 2 3"
    lines = out.splitlines()
    assert lines[1:5] == ["Breusch-Godfrey LM test for autocorrelation", "-" * 75,
                          "    lags(p)  |          chi2               df                 Prob > chi2",
                          "-------------+" + "-" * 61]
    c1 = VALUES["series_bg_chi2_1"]
    assert lines[5] == f"       1     |     {c1:10.3f}               1                   {stats.chi2.sf(c1, 1):6.4f}"
    assert lines[-2:] == ["-" * 75, "                        H0: no serial correlation"]


def test_durbinalt_small_is_the_lags_f_test(series, run):
    _ok(run, series, "estat durbinalt, lags(1 2) small")
    F = series.r["F"].values.ravel()
    assert F == pytest.approx([VALUES["series_durbinalt_F_1"], VALUES["series_durbinalt_F_2"]], rel=1e-9)
    assert series.r["df_r"].values.ravel().tolist() == [56, 55]
    _ok(run, series, "estat durbinalt, lags(2)")
    assert series.r["chi2"].values[0, 0] == pytest.approx(2 * VALUES["series_durbinalt_F_2"], rel=1e-9)


def test_gaps_are_reported_and_lags_follow_time(series, run):
    _ok(run, series, "drop in 20\nquietly regress y x1 x2")
    out = _ok(run, series, "estat dwatson")
    assert out.splitlines()[:3] == ["", "Number of gaps in sample:  1", ""]
    t, e = series.data.numeric("t"), series.data.numeric("y") - 0
    y, X = series.data.numeric("y"), np.column_stack([series.data.numeric("x1"), series.data.numeric("x2")])
    e, _, _ = _ols(y, X)
    prev = {tt: ee for tt, ee in zip(t, e)}
    num = sum((ee - prev[tt - 1]) ** 2 for tt, ee in zip(t, e) if tt - 1 in prev)
    assert series.r["dw"] == pytest.approx(num / (e @ e), rel=1e-10)
    assert series.r["N_gaps"] == 1 and series.r["N"] == 59


def test_time_series_refusals(series, run, new_session):
    _ok(run, series, "quietly regress y x1 x2, vce(robust)")
    assert _fails(run, series, "estat bgodfrey") == ("This command does not work after regress, robust", 198)
    assert _fails(run, series, "estat durbinalt") == ("you must specify force after regress, robust", 198)
    _ok(run, series, "estat durbinalt, force")
    assert _fails(run, series, "estat durbinalt, force robust small") == (
        "-small- cannot be specified with -robust-.", 198)
    _ok(run, series, "quietly regress y x1 x2")
    assert _fails(run, series, "estat bgodfrey, lags(59)") == (
        "lags(59) is too large for the number of observations in the sample", 198)
    assert _fails(run, series, "estat bgodfrey, lags(0)")[1] == 125
    s = new_session(pd.read_csv(REF / "series.csv"))
    _ok(run, s, "quietly regress y x1 x2")
    assert _fails(run, s, "estat dwatson") == ("time variable not set, use tsset varname ...", 111)
    _ok(run, s, "generate p = t > 30\nquietly xtset p t\nquietly regress y x1 x2")
    assert _fails(run, s, "estat bgodfrey") == ("sample may not include multiple panels", 459)


# ---------------------------------------------------------------------- dfbeta
def test_dfbeta_names_labels_and_values(cars, run):
    out = _ok(run, cars, "quietly regress mpg disp wt\ngenerate _dfbeta_2 = 0\ndfbeta")
    assert out.splitlines() == [f"{'_dfbeta_1':>32}: dfbeta(disp)", f"{'_dfbeta_3':>32}: dfbeta(wt)"]
    _ok(run, cars, "predict double check, dfbeta(wt)")
    got, want = cars.data.numeric("_dfbeta_3"), cars.data.numeric("check")
    assert got == pytest.approx(want.astype(np.float32), rel=1e-6)
    assert cars.data.var_labels["_dfbeta_3"] == "DFBETA wt" and cars.data.types["_dfbeta_3"] == "float"
    out = _ok(run, cars, "dfbeta wt, stub(d)")
    assert out.strip() == "d1: dfbeta(wt)"
    assert _fails(run, cars, "dfbeta hp") == ("hp not found in list of covariates", 322)
    assert _fails(run, cars, "dfbeta, stub(abcdefghijklmnopqrstu)") == (
        "stub name too long, must be at most 20 characters", 198)


# ---------------------------------------------------------------------- after other commands
def test_refusals_after_other_estimators(cars, run):
    _ok(run, cars, "quietly logit am wt")
    for name in ("vif", "hettest", "ovtest", "szroeter", "imtest", "dwatson", "bgodfrey", "durbinalt"):
        assert _fails(run, cars, f"estat {name}") == (f"invalid subcommand {name}", 321)
    for name in ("hettest", "ovtest", "dfbeta"):
        assert _fails(run, cars, name) == ("last estimates not found", 301)
    out, rc = run(cars, "vif")
    assert rc == 301 and out.strip().splitlines()[-3:-1] == [
        "not appropriate after regress, nocons;", "use option uncentered to get uncentered VIFs"]
    assert _fails(run, cars, "szroeter wt") == ("szroeter is only possible after regress", 301)


def test_after_anova_and_data_untouched(cars, run):
    _ok(run, cars, "quietly anova mpg i.cyl c.wt")
    before = list(cars.data.varnames)
    _ok(run, cars, "estat hettest\nestat ovtest\nestat vif\nestat imtest\nestat szroeter wt")
    assert list(cars.data.varnames) == before
    _ok(run, cars, "quietly regress mpg i.cyl wt")
    _ok(run, cars, "estat hettest")
    chi2 = cars.r["chi2"]
    _ok(run, cars, "quietly anova mpg i.cyl c.wt\nestat hettest")
    assert cars.r["chi2"] == pytest.approx(chi2, rel=1e-10)


# ---------------------------------------------------------------------- esize
def test_esize_matches_r_noncentral_f_limits(cars, run):
    out = _ok(run, cars, "quietly regress mpg wt qsec i.cyl\nestat esize")
    m = cars.r["esize"]
    assert m.rownames == ("Model", "wt", "qsec", "4b.cyl")
    for i, name in enumerate(("Model", "wt", "qsec", "cyl")):
        assert m.values[i, 8] == pytest.approx(VALUES[f"esize_F_{name}"], rel=1e-9)
        assert m.values[i, 0] == pytest.approx(VALUES[f"esize_eta2_{name}"], rel=1e-9)
        assert m.values[i, 2] == pytest.approx(VALUES[f"esize_ub_{name}"], rel=1e-7)
        lb = VALUES[f"esize_lb_{name}"]
        assert (np.isnan(m.values[i, 1]) and np.isnan(lb)) or m.values[i, 1] == pytest.approx(lb, rel=1e-7)
    assert cars.r["level"] == 95
    lines = out.splitlines()
    assert lines[1:6] == ["Effect sizes for linear models", "", "-" * 67,
                          "             Source |   Eta-Squared     df     [95% Conf. Interval]",
                          "-" * 20 + "+" + "-" * 46]
    assert lines[6].startswith("              Model |   .8471557         4     .679641")
    assert lines[7] == " " * 20 + "|"
    assert lines[10] == "                cyl |   .1194784         2            .    .3177582"
    assert lines[-1] == "-" * 67


def test_esize_omega_and_refusals(cars, run):
    _ok(run, cars, "quietly regress mpg wt qsec\nestat esize, omega level(90)")
    m = cars.r["esize"]
    eta, q, d = m.values[:, 0], m.values[:, 6], m.values[:, 7]
    assert m.values[:, 3] == pytest.approx(np.maximum(0, eta - q / d * (1 - eta)), rel=1e-12)
    assert cars.r["level"] == 90
    assert _fails(run, cars, "estat esize, level(40)") == (
        "level() must be between 50 and 99.99 inclusive for estat esize", 198)
    assert _fails(run, cars, "estat esize, epsilon") == ("option epsilon not allowed", 198)
    _ok(run, cars, "quietly regress mpg wt, vce(robust)")
    assert _fails(run, cars, "estat esize") == ("estat esize only works with vce(ols)", 198)
    _ok(run, cars, "quietly logit am wt")
    assert _fails(run, cars, "estat esize") == ("invalid subcommand esize", 321)


def test_weighted_hettest_and_vif_use_the_model_weights(cars, run):
    _ok(run, cars, "quietly regress mpg disp wt [aweight = hp]\nestat hettest")
    y, w = cars.data.numeric("mpg"), cars.data.numeric("hp")
    w = w * len(w) / w.sum()  # aweights as regress uses them
    X = np.column_stack([cars.data.numeric("disp"), cars.data.numeric("wt"), np.ones(32)])
    sw = np.sqrt(w)
    b = np.linalg.lstsq(X * sw[:, None], y * sw, rcond=None)[0]
    e = y - X @ b
    u = e ** 2 / (np.sum(w * e * e) / 32)
    Z = np.column_stack([X @ b, np.ones(32)])
    g = np.linalg.lstsq(Z * sw[:, None], u * sw, rcond=None)[0]
    ubar = np.sum(w * u) / w.sum()
    mss = np.sum(w * (Z @ g - ubar) ** 2)
    assert cars.r["chi2"] == pytest.approx(mss / 2, rel=1e-9)
    _ok(run, cars, "estat vif")
    x1, x2 = X[:, 0], X[:, 1]
    m = np.sum(w * x1) / w.sum()
    c = np.linalg.lstsq(np.column_stack([x2, np.ones(32)]) * sw[:, None], x1 * sw, rcond=None)[0]
    r2 = 1 - np.sum(w * (x1 - np.column_stack([x2, np.ones(32)]) @ c) ** 2) / np.sum(w * (x1 - m) ** 2)
    assert cars.r["vif_1"] == pytest.approx(1 / (1 - r2), rel=1e-9)


def test_dfbeta_of_a_factor_level_is_the_leave_one_out_change(cars, run):
    out = _ok(run, cars, "quietly regress mpg i.cyl wt\ndfbeta")
    assert out.splitlines()[0] == f"{'_dfbeta_1':>32}: dfbeta(6.cyl)"
    cyl, wt, y = (cars.data.numeric(v) for v in ("cyl", "wt", "mpg"))
    X = np.column_stack([cyl == 6, cyl == 8, wt, np.ones(32)]).astype(float)
    bread = np.linalg.inv(X.T @ X)
    b = bread @ X.T @ y
    want = []
    for i in range(32):
        keep = np.arange(32) != i
        bi = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
        ei = y[keep] - X[keep] @ bi
        want.append((b[0] - bi[0]) / np.sqrt(ei @ ei / (31 - 4) * bread[0, 0]))
    assert cars.data.numeric("_dfbeta_1") == pytest.approx(np.float32(want), rel=1e-5, abs=1e-7)
    assert cars.data.var_labels["_dfbeta_1"] == "DFBETA 6.cyl"


def test_old_time_series_names(series, run):
    _ok(run, series, "dwstat")
    assert series.r["dw"] == pytest.approx(VALUES["series_dw"], rel=1e-10)
    _ok(run, series, "bgodfrey, lags(3)")
    assert series.r["chi2"].values[0, 0] == pytest.approx(VALUES["series_bg_chi2_3"], rel=1e-9)
    _ok(run, series, "durbina, small")
    assert series.r["F"].values[0, 0] == pytest.approx(VALUES["series_durbinalt_F_1"], rel=1e-9)
    _ok(run, series, "generate b = y > 2\nquietly logit b x1")
    assert _fails(run, series, "bgodfrey") == ("This command only works after regress.", 301)
    assert _fails(run, series, "durbina") == ("This command only works after regress and newey", 301)
    assert _fails(run, series, "dwstat") == ("last estimates not found", 301)
