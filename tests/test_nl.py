"""nl (substitutable expressions), predict after nl, testnl and predictnl against R: nls() from
the same starting values, sandwich's HC1/cluster variances and numDeriv's delta method
(tests/nl_reference/nl_reference.R -> nl_reference.json); layouts after nl.ado/testnl.ado;
errors after Stata's messages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

REF = json.loads((Path(__file__).parent / "nl_reference" / "nl_reference.json").read_text())
M1 = "nl (y = {b0=1}*(1 - exp(-1*{b1=0.1}*x)))"


def _a() -> pd.DataFrame:
    i = np.arange(1, 21)
    return pd.DataFrame({"x": 3.0 * i, "y": (1 - np.exp(-0.04 * 3 * i)) + 0.005 * np.sin(1.7 * i)})


def _d() -> pd.DataFrame:
    j = np.arange(1, 41)
    d = pd.DataFrame({"x1": (j % 7) / 3, "x2": ((3 * j) % 11) / 5, "g": (j % 8).astype(float)})
    d["y2"] = 1 + np.exp(0.3 * d.x1 - 0.2 * d.x2) + 0.05 * np.cos(2.3 * j)
    return d


def _b(s):
    return s.e.matrices["b"].values.ravel()


def _se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.fixture
def m1(do):
    rc, out, s = do(M1, df=_a())
    assert rc == 0, out
    return out, s


def test_nl_matches_r_nls(m1):
    out, s = m1
    ref = REF["m1"]
    assert _b(s) == pytest.approx(ref["b"], rel=1e-6)
    assert _se(s) == pytest.approx(ref["se"], rel=1e-4)
    assert s.e.scalars["rss"] == pytest.approx(ref["rss"], rel=1e-7)
    assert s.e.scalars["dev"] == pytest.approx(ref["dev"], rel=1e-7)
    # no parameter is a constant term: total SS about zero, df_t = N
    assert s.e.scalars["tss"] == pytest.approx(ref["tss_zero"], rel=1e-12)
    assert (s.e.scalars["df_m"], s.e.scalars["df_r"], s.e.scalars["df_t"]) == (2, 18, 20)
    assert s.e.matrices["b"].colnames == ("b0:_cons", "b1:_cons")
    assert s.e.macros["params"] == "b0 b1" and s.e.macros["sexp"] == "{b0}*(1 - exp(-1*{b1}*x))"


def test_nl_layout(m1):
    out, s = m1
    lines = out.split("\n")
    assert lines[0] == "(obs = 20)" and lines[1] == ""
    assert lines[2].startswith("Iteration 0:  residual SS =  ")
    k = lines.index("      Source |       SS       df       MS")
    assert lines[k - 2:k] == ["", ""]
    assert lines[k + 1] == "-" * 13 + "+" + "-" * 30 + " " * 8 + "Number of obs =         20"
    from mlmcli.render.numfmt import format_number as fmt
    ref = REF["m1"]
    mss = ref["tss_zero"] - ref["rss"]
    assert lines[k + 2] == ("       Model |" + fmt(mss, "%11.0g").rjust(12) + "     2" + fmt(mss / 2, "%11.0g").rjust(12)
                            ).ljust(52) + "R-squared     =     1.0000"
    assert lines[k + 3].startswith("    Residual |" + fmt(ref["rss"], "%11.0g").rjust(12) + "    18")
    assert lines[k + 5].endswith("Res. dev.     =  " + fmt(ref["dev"], "%9.0g"))
    row = lines[k + 10].split()
    assert lines[k + 8].startswith("           y |      Coef.   Std. Err.      t    P>|t|")
    assert row[:3] == ["/b0", "|", "1.00131"] and float(row[4]) == pytest.approx(REF["m1"]["b"][0] / REF["m1"]["se"][0],
                                                                                abs=0.006)
    assert float(row[5]) == pytest.approx(0.0)


def test_constant_term_note_and_anova(do):
    rc, out, s = do("nl (y = {b0=1} + {b1=0.1}*x^{b2=1}), nolog", df=_a())
    assert rc == 0
    ref = REF["m2"]
    assert _b(s) == pytest.approx(ref["b"], rel=1e-5)
    assert _se(s) == pytest.approx(ref["se"], rel=1e-4)
    assert s.e.scalars["tss"] == pytest.approx(ref["tss_mean"], rel=1e-10)
    assert (s.e.scalars["df_m"], s.e.scalars["df_r"], s.e.scalars["cj"]) == (2, 17, 1)
    assert "Iteration" not in out
    assert out.rstrip().endswith("  Parameter b0 taken as constant term in model & ANOVA table")


def test_linear_combination_robust_and_cluster(do):
    ref = REF["m3"]
    rc, out, s = do("nl (y2 = {c=1} + exp({xb: x1 x2})), nolog", df=_d())
    assert rc == 0, out
    assert s.e.macros["params"] == "c xb_x1 xb_x2"
    assert _b(s) == pytest.approx(ref["b"], rel=1e-5, abs=1e-7)
    assert _se(s) == pytest.approx(ref["se"], rel=1e-4)
    rc, out, s = do("nl (y2 = {c=1} + exp({xb: x1 x2})), nolog vce(robust)", df=_d())
    assert _se(s) == pytest.approx(ref["se_robust"], rel=1e-4)
    assert "Nonlinear regression" in out and "Robust" in out
    rc, out, s = do("nl (y2 = {c=1} + exp({xb: x1 x2})), nolog vce(cluster g)", df=_d())
    assert _se(s) == pytest.approx(ref["se_cluster"], rel=1e-4)
    assert s.e.scalars["N_clust"] == 8 and s.e.scalars["df_r"] == 7
    assert "(Std. Err. adjusted for 8 clusters in g)" in out


def test_initial_option_overrides(do):
    rc, out, s = do("nl (y = {b0}*(1 - exp(-1*{b1}*x))), initial(b0 1 b1 0.1) nolog", df=_a())
    assert rc == 0
    assert _b(s) == pytest.approx(REF["m1"]["b"], rel=1e-6)
    assert s.e.matrices["init"].values.ravel().tolist() == [1.0, 0.1]


def test_predict_yhat_and_residuals(do, m1):
    _, s = m1
    rc, out, s = do("predict double yh\npredict double r, residuals", session=s)
    assert rc == 0
    assert s.data.df["yh"].to_numpy() == pytest.approx(REF["m1"]["fitted"], rel=1e-6)
    assert s.data.df["r"].to_numpy() == pytest.approx(REF["m1"]["resid"], abs=1e-8)


def test_test_and_lincom_after_nl(do, m1):
    _, s = m1
    rc, out, s = do("test _b[/b0] = 1", session=s)
    b, se = REF["m1"]["b"][0], REF["m1"]["se"][0]
    assert s.r["F"] == pytest.approx(((b - 1) / se) ** 2, rel=1e-4)
    assert s.r["df_r"] == 18
    rc, out, s = do("lincom _b[/b0] - 1", session=s)
    assert rc == 0 and s.r["estimate"] == pytest.approx(b - 1, rel=1e-5)


def test_testnl_chi2_and_layout(do, m1):
    _, s = m1
    rc, out, s = do("testnl _b[/b0] * _b[/b1] = 0.04", session=s)
    assert rc == 0
    assert s.r["chi2"] == pytest.approx(REF["testnl1"], rel=1e-4)
    assert s.r["df"] == 1 and s.r["p"] == pytest.approx(stats.chi2.sf(REF["testnl1"], 1), rel=1e-4)
    lines = out.split("\n")
    assert lines[:3] == ["", "  (1)  _b[/b0]*_b[/b1] = 0.04", ""]
    assert lines[3] == "               chi2(1) =        0.05"
    assert lines[4] == "           Prob > chi2 =        0.8228"


def test_testnl_joint_mtest_and_df(do, m1):
    _, s = m1
    rc, out, s = do("testnl (_b[/b0] = 1) (exp(_b[/b1]) = 1.04), mtest(bonferroni)", session=s)
    assert rc == 0
    assert s.r["chi2"] == pytest.approx(REF["testnl2"], rel=1e-4)
    each = s.r["mtest"].values
    assert each[:, 0] == pytest.approx(REF["testnl2_each"], rel=1e-4)
    assert each[:, 3] == pytest.approx(np.minimum(1, 2 * stats.chi2.sf(REF["testnl2_each"], 1)), rel=1e-4)
    assert "  (2)  |        4.39      1     0.0724 #" in out
    rc, out, s = do("testnl (_b[/b0] = 1) (exp(_b[/b1]) = 1.04), df(18)", session=s)
    assert s.r["F"] == pytest.approx(REF["testnl2"] / 2, rel=1e-4) and s.r["df_r"] == 18
    assert "              F(2, 18) =       25.91" in out


def test_predictnl_delta_method(do, m1):
    _, s = m1
    rc, out, s = do("predictnl double p = _b[/b0]*(1-exp(-_b[/b1]*x)), se(s) ci(lo hi) p(pv)", session=s)
    assert rc == 0, out
    se = np.array(REF["predictnl_se"])
    assert s.data.df["p"].to_numpy() == pytest.approx(REF["m1"]["fitted"], rel=1e-6)
    assert s.data.df["s"].to_numpy() == pytest.approx(se, rel=1e-4)
    z = stats.norm.ppf(0.975)
    assert s.data.df["lo"].to_numpy() == pytest.approx(np.array(REF["m1"]["fitted"]) - z * se, rel=1e-4)
    assert "note: p-values are with respect to the chi-squared(1) distribution" in out
    assert "note: confidence intervals calculated using Z critical values" in out
    assert s.data.var_labels["s"] == "Standard error: p"


@pytest.mark.parametrize("line, rc, message", [
    ("nl myfunc: y x", 198, "substitutable-expression and function-evaluator programs are not implemented"),
    ("nl (y = 2*x)", 198, "no parameters in expression"),
    ("nl (y = {b0}*x), initial(b0)", 480, "matrix b0 not found"),
    ("nl (y = {b0}*x), initial(b9 1)", 480, "invalid parameter b9 in initial()"),
    ("nl (y = {b0}*x) [aw=x]", 101, "weights are not implemented"),
    ("nl (y {b0}*x)", 198, "equal sign required"),
])
def test_nl_errors(do, line, rc, message):
    got, out, s = do(line, df=_a())
    assert got == rc and message in out
    assert list(s.data.df.columns) == ["x", "y"]


def test_postestimation_errors(do, m1):
    _, s = m1
    rc, out, _ = do("testnl _b[/b0]", session=s)
    assert rc == 198 and "equation (1) has no = sign" in out
    rc, out, _ = do("margins, predict(residuals)", session=s)  # margins itself: test_margins_after_nl.py
    assert rc == 322 and "predict option residuals not appropriate with margins" in out  # e(marginsnotok)
    rc, out, _ = do("predictnl q = predict(xb), se(qs)", session=s)
    assert rc == 198
    assert "q" not in s.data.df.columns


def test_hasconstant_leave_and_replay(do):
    rc, out, s = do("nl (y = {b0=1}*(1 - exp(-1*{b1=0.1}*x))), hasconstant(b0) leave nolog\nnl, level(90)", df=_a())
    assert rc == 0, out
    ref = REF["m1"]
    assert s.e.scalars["cj"] == 1 and s.e.scalars["tss"] == pytest.approx(ref["tss_mean"], rel=1e-10)
    assert (s.e.scalars["df_m"], s.e.scalars["df_r"]) == (1, 18)
    # leave: the derivatives of E(y), d/db0 = 1 - exp(-b1 x)
    b0, b1 = ref["b"]
    assert s.data.df["b0"].to_numpy() == pytest.approx(1 - np.exp(-b1 * _a().x.to_numpy()), rel=1e-5)
    assert "[90% Conf. Interval]" in out.split("nl, level(90)")[-1]
    rc, out, _ = do("nl (y = {b0=1}*(1 - exp(-1*{b1=0.1}*x))), eps(abc)", df=_a())
    assert rc == 198 and "option eps() incorrectly specified" in out


def test_testnl_refuses_a_variable(do, m1):
    _, s = m1
    rc, out, _ = do("testnl x*_b[/b0] = 1", session=s)
    assert rc == 198 and "equation (1) contains reference to X rather than _b[X]" in out


def _f() -> pd.DataFrame:
    k = np.arange(1, 31)
    return pd.DataFrame({"x": k.astype(float), "y": 2 + 5 / (1 + np.exp(-0.3 * (k - 15))) + 0.05 * np.sin(3 * k),
                         "z": 1 + 3 * 0.9 ** k + 0.02 * np.cos(2 * k)})


def test_builtin_log4_matches_r_and_nllog4_starting_values(do):
    f = _f()
    rc, out, s = do("nl log4: y x, nolog", df=f)
    assert rc == 0, out
    assert _b(s) == pytest.approx(REF["log4"]["b"], rel=1e-5)
    assert _se(s) == pytest.approx(REF["log4"]["se"], rel=1e-4)
    hi, lo = f.y.max() * 1.1, f.y.min() / 1.1
    slope, cons = np.polyfit(f.x, np.log((f.y - lo) / (hi - f.y)), 1)
    assert s.e.matrices["init"].values.ravel() == pytest.approx([lo, hi - lo, slope, -cons / slope], rel=1e-10)
    assert s.e.macros["title"] == "4-parameter logistic function, y = b0 + b1/(1 + exp(-b2*(x - b3)))"
    assert s.e.macros["rhs"] == "x"
    lines = out.split("\n")
    k = lines.index(s.e.macros["title"])
    assert lines[k - 1] == "" and lines[k + 1].startswith("-----")


def test_builtin_exp3_matches_r(do):
    rc, out, s = do("nl exp3: z x, nolog", df=_f())
    assert rc == 0, out
    assert _b(s) == pytest.approx(REF["exp3"]["b"], rel=1e-5)
    assert _se(s) == pytest.approx(REF["exp3"]["se"], rel=1e-4)
    rc, out, _ = do("nl log4: y", df=_f())
    assert rc == 102 and "too few variables specified" in out
    rc, out, _ = do("nl myprog @ y x, parameters(a b)", df=_f())
    assert rc == 198 and "function-evaluator programs are not implemented" in out


def test_cluster_variable_marks_the_sample_out(do):
    d = _d()
    d.loc[:1, "g"] = np.nan
    rc, out, s = do("nl (y2 = {c=1} + exp({xb: x1 x2})), nolog vce(cluster g)", df=d)
    assert rc == 0 and s.e.scalars["N"] == 38 and s.e.scalars["N_clust"] == 8
    d["t"] = "a"
    rc, out, s = do("nl (y2 = {c=1} + exp({xb: x1 x2})*t)", df=d)
    assert rc == 109 and "type mismatch" in out
