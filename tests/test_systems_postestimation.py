"""Postestimation after sureg, reg3, mvreg (margins of any equation's x b and of differences, test x
in every equation, testparm, lincom, nlcom, estat vce, equation(#k), mvreg replaying manova) and
margins after xtabond, xtdpdsys and xtregar (x b).

Numbers: tests/systems_reference/postestimation.R (systemfit SUR + car::linearHypothesis; R's
multivariate lm with V = Sigma (x) (X'X)^-1), and the delta method written out here from e(b) and
e(V): a margin of x_k b_k is the mean of the counterfactual rows' X_k times b_k, its SE sqrt(g V g')
with g the mean row of X_k placed in equation k's block of the full e(V)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from systems_helpers import DATA, check_error, reference, run_ok

REF = reference("postestimation")
TWO = "sureg (y1 x1 x2) (y2 x1 x3)"
STOCHASTIC = "prediction is a function of possibly stochastic quantities other than e(b)"


def _table(s):
    t = s.r["table"].values
    return t[0], t[1]


def _delta(s, parts):
    """(margin, SE) of sum_k sign_k mean(X_k) b_k; ``parts``: (sign, {e(b) name: column of X})."""
    cols = list(s.e.matrices["b"].colnames)
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    g = np.zeros(len(cols))
    for sign, columns in parts:
        for name, x in columns.items():
            g[cols.index(name)] += sign * float(np.mean(x))
    return float(g @ b), float(np.sqrt(g @ V @ g))


def _chi2(printed):
    return float(printed.split("chi2(")[-1].split("=")[1].split()[0])


# ---------------------------------------------------------------------------- margins
def test_margins_after_sureg_default_is_the_first_equation(do):
    printed, s = run_ok(do, TWO + "\nmargins")
    one = np.ones(len(DATA))
    m, se = _delta(s, [(1, {"y1:x1": DATA.x1, "y1:x2": DATA.x2, "y1:_cons": one})])
    assert _table(s)[0][0] == pytest.approx(m, rel=1e-10) and _table(s)[1][0] == pytest.approx(se, rel=1e-8)
    assert "Expression   : Linear prediction, predict()" in printed


def test_margins_of_another_equation_against_systemfit(do):
    for popt in ("equation(y2)", "xb equation(#2)", "eq(#2)"):
        printed, s = run_ok(do, TWO + f"\nmargins, predict({popt})")
        assert _table(s)[0][0] == pytest.approx(REF["sureg"]["margin_y2"], rel=1e-8)
        assert _table(s)[1][0] == pytest.approx(REF["sureg"]["margin_y2_se"], rel=1e-6)
        assert f"Expression   : Linear prediction, predict({popt})" in printed


def test_margins_difference_at_and_dydx(do):
    printed, s = run_ok(do, TWO + "\nmargins, predict(difference equation(#1,#2)) at(x1=1)")
    assert _table(s)[0][0] == pytest.approx(REF["sureg"]["difference_at1"], rel=1e-8)
    assert _table(s)[1][0] == pytest.approx(REF["sureg"]["difference_at1_se"], rel=1e-6)
    assert "Fitted diff.: y1 - y2, predict(difference equation(#1,#2))" in printed
    # dy/dx of the second equation's x b: its coefficients (and 0 for the first equation's x2)
    printed, s = run_ok(do, TWO + "\nmargins, predict(equation(y2)) dydx(*)")
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    names = list(s.e.matrices["b"].colnames)
    est, se = _table(s)
    assert "dy/dx w.r.t. : x1 x2 x3" in printed
    for j, v in enumerate(("x1", "x2", "x3")):
        k = names.index(f"y2:{v}") if f"y2:{v}" in names else None
        assert est[j] == pytest.approx(b[k] if k is not None else 0.0, rel=1e-6, abs=1e-10)
        if k is None:  # posted with findomitted: the zero-variance margin is (omitted), its SE missing
            assert np.isnan(se[j])
            continue
        assert se[j] == pytest.approx(np.sqrt(V[k, k]), rel=1e-5, abs=1e-10)


def test_margins_over_and_atmeans_after_reg3(do):
    data = DATA.copy()
    printed, s = run_ok(do, "reg3 (y1 y2 x1 x2) (y2 x1 x3)\nmargins, predict(equation(#2)) over(g)", data)
    one = np.ones(len(data))
    for j, level in enumerate(sorted(data.g.unique())):
        rows = data.g == level
        m, se = _delta(s, [(1, {"y2:x1": data.x1[rows], "y2:x3": data.x3[rows], "y2:_cons": one[rows]})])
        assert _table(s)[0][j] == pytest.approx(m, rel=1e-10) and _table(s)[1][j] == pytest.approx(se, rel=1e-8)
    printed, s = run_ok(do, "reg3 (y1 y2 x1 x2) (y2 x1 x3)\nmargins, atmeans")
    m, se = _delta(s, [(1, {"y1:y2": data.y2, "y1:x1": data.x1, "y1:x2": data.x2, "y1:_cons": one})])
    assert _table(s)[0][0] == pytest.approx(m, rel=1e-10) and _table(s)[1][0] == pytest.approx(se, rel=1e-8)
    assert "Adjusted predictions" in printed


def test_margins_after_mvreg_against_lm(do):
    printed, s = run_ok(do, "mvreg y1 y2 = x1 x2 x3\nmargins, predict(equation(y2))")
    assert _table(s)[0][0] == pytest.approx(REF["mvreg"]["margin_y2"], rel=1e-8)
    assert _table(s)[1][0] == pytest.approx(REF["mvreg"]["margin_y2_se"], rel=1e-6)
    assert "P>|t|" in printed  # mvreg's e(df_r): t statistics


@pytest.mark.parametrize("popt, rc, message", [
    # e(marginsnotok): _check_e_margins's r(322), the list's name of the statistic
    ("stdp", 322, "predict option stdp not appropriate with margins"),
    ("resid", 322, "predict option residuals not appropriate with margins"),
    ("stddp equation(#1,#2)", 322, "predict option stddp not appropriate with margins"),
    ("equation(#3)", 303, "equation #3 not found"), ("difference", 198, "must be specified with option equation()"),
    ("pr", 198, "option pr not allowed"),
])
def test_margins_refusals_after_sureg(do, popt, rc, message):
    check_error(do, f"margins, predict({popt})", rc, message, setup=TWO + "\n")


# ---------------------------------------------------------------------------- test & co.
def test_test_x_tests_every_equation(do):
    printed, s = run_ok(do, TWO + "\ntest x1")
    assert "( 1)  [y1]x1 = 0\n ( 2)  [y2]x1 = 0" in printed
    assert s.r["chi2"] == pytest.approx(REF["sureg"]["test_x1"], rel=1e-7) and s.r["df"] == 2
    printed, s = run_ok(do, TWO + "\ntest [y1]x1")
    assert s.r["chi2"] == pytest.approx(REF["sureg"]["test_y1_x1"], rel=1e-7) and s.r["df"] == 1
    printed, s = run_ok(do, TWO + "\ntest [y1]x1 = [y2]x1")
    assert s.r["chi2"] == pytest.approx(REF["sureg"]["test_cross"], rel=1e-7)
    printed, s = run_ok(do, TWO + "\ntestparm x1 x2")
    assert s.r["chi2"] == pytest.approx(REF["sureg"]["testparm_x1_x2"], rel=1e-7) and s.r["df"] == 3
    printed, s = run_ok(do, TWO + "\ntestparm x1, equation(#2)")
    assert "( 1)  [y2]x1 = 0" in printed and "[y1]" not in printed.split("testparm")[-1]
    check_error(do, "testparm x1, equation(#3)", 303, "equation #3 not found", setup=TWO + "\n")


def test_test_x_after_mvreg_F(do):
    printed, s = run_ok(do, "mvreg y1 y2 = x1 x2 x3\ntest x1")
    assert s.r["F"] == pytest.approx(REF["mvreg"]["test_x1_F"], rel=1e-7)
    assert s.r["df"] == 2 and s.r["df_r"] == REF["mvreg"]["df_r"]


def test_test_is_not_fooled_by_the_scales_of_the_equations(do):
    # a price-like and an mpg-like equation: variances 1e12 apart; no constraint is redundant
    data = DATA.copy()
    data["y1"] = data.y1 * 1e6
    printed, s = run_ok(do, "mvreg y1 y2 = x1 x2 x3\ntest x1 x2", data)
    assert "dropped" not in printed and s.r["df"] == 4
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    idx = [0, 1, 4, 5]
    W = b[idx] @ np.linalg.solve(V[np.ix_(idx, idx)], b[idx])
    assert s.r["F"] == pytest.approx(W / 4, rel=1e-8)


def test_lincom_and_nlcom_across_equations(do):
    printed, s = run_ok(do, TWO + "\nlincom [y1]x1 - [y2]x1")
    assert s.r["estimate"] == pytest.approx(REF["sureg"]["lincom"], rel=1e-8)
    assert s.r["se"] == pytest.approx(REF["sureg"]["lincom_se"], rel=1e-6)
    printed, s = run_ok(do, TWO + "\nnlcom [y1]x1 / [y2]x1")
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    assert s.r["b"].values[0, 0] == pytest.approx(b["y1:x1"] / b["y2:x1"], rel=1e-8)
    # nlcom.ado names the table after e(depvar) only when it is one variable
    assert "\n             |      Coef.   Std. Err." in printed and "y1 y2" not in printed.split("nlcom")[-1]
    assert "          y1 |      Coef." not in printed


def test_estat_vce_equation_number(do):
    printed, s = run_ok(do, TWO + "\nestat vce, equation(#2)")
    assert s.r["V"].colnames == ("y2:x1", "y2:x3", "y2:_cons")
    np.testing.assert_allclose(s.r["V"].values, s.e.matrices["V"].values[3:, 3:])
    check_error(do, "estat vce, equation(#3)", 303, "equation #3 not found", setup=TWO + "\n")


def test_mvreg_replays_manova(do):
    printed, s = run_ok(do, "manova y1 y2 = g\nmvreg")
    lines = printed.splitlines()
    at = lines.index('Equation          Obs  Parms        RMSE    "R-sq"          F        P')
    rmse = s.e.macros["rmse"].split()
    assert lines[at + 2].startswith("y1 ") and rmse[0] in lines[at + 2] and lines[at + 3].startswith("y2 ")
    assert "Coef." in printed and s.e.cmd == "manova"
    printed, s = run_ok(do, "manova y1 y2 = g\nmvreg, corr notable")
    assert "Breusch-Pagan test of independence: chi2(1) = " in printed and "Coef." not in printed
    check_error(do, "mvreg", 301, "last estimates not found", setup="regress y1 x1\n")


# ---------------------------------------------------------------------------- dynamic panels, xtregar
def _panel(seed=3, groups=40, periods=7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(groups):
        a, y = rng.normal(), rng.normal()
        for t in range(periods):
            x, x2 = rng.normal(), rng.normal()
            y = 0.5 * y + 0.8 * x - 0.3 * x2 + a + rng.normal()
            rows.append((i + 1.0, t + 1.0, y, x, x2))
    return pd.DataFrame(rows, columns=["id", "time", "y", "x", "x2"])


def _lagged(df, var, k):
    return df.groupby("id")[var].shift(k).to_numpy()


@pytest.mark.parametrize("fit", ["xtabond y x x2", "xtdpdsys y x x2, twostep", "xtabond y L(0/1).x x2, lags(2)"])
def test_margins_after_dynamic_panels(do, fit):
    df = _panel()
    rc, printed, s = do(f"xtset id time\n{fit}\nmargins\nmatrix m0 = r(table)\nmargins, at(x2=1)", df)
    assert rc == 0, printed
    sample = np.asarray(s.e.sample, bool)
    columns = {}
    for name in s.e.matrices["b"].colnames:
        if name == "_cons":
            columns[name] = np.ones(len(df))
        elif "." in name:
            op, var = name.split(".")
            columns[name] = _lagged(df, var, int(op[1:] or 1))
        else:
            columns[name] = df[name].to_numpy()
    m, se = _delta(s, [(1, {k: v[sample] for k, v in columns.items()})])
    columns["x2"] = np.ones(len(df))
    m1, se1 = _delta(s, [(1, {k: v[sample] for k, v in columns.items()})])
    t = s.r["table"].values  # the last margins: at(x2=1)
    assert t[0, 0] == pytest.approx(m1, rel=1e-9) and t[1, 0] == pytest.approx(se1, rel=1e-8)
    assert "Expression   : Linear prediction, predict()" in printed
    t0 = s.matrices["m0"].values
    assert t0[0, 0] == pytest.approx(m, rel=1e-9) and t0[1, 0] == pytest.approx(se, rel=1e-8)


def test_margins_after_xtregar_and_refusals(do):
    df = _panel()
    for model in ("fe", "re"):
        rc, printed, s = do(f"xtset id time\nxtregar y x x2, {model}\nmargins, dydx(x) at(x2=(0 1))", df)
        assert rc == 0, printed
        b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
        est, se = _table(s)
        np.testing.assert_allclose(est, [b["x"], b["x"]], rtol=1e-8)
        np.testing.assert_allclose(se, np.sqrt(s.e.matrices["V"].values[0, 0]), rtol=1e-6)
    # xtregar's e(marginsnotok) ue u e: _check_e_margins's r(322); xtabond lists none (the
    # prediction's own refusal, r(498))
    for fit, stat, code in (("xtregar y x x2, fe", "u", 322), ("xtregar y x x2, re", "ue", 322),
                            ("xtabond y x x2", "e", 498), ("xtabond y x x2", "stdp", 498)):
        rc, printed, s = do(f"xtset id time\n{fit}\nmargins, predict({stat})", df)
        message = f"predict option {stat} not appropriate with margins" if code == 322 else STOCHASTIC
        assert rc == code and message in printed, (fit, stat, printed)
    rc, printed, s = do("xtset id time\nxtabond y x x2\nmargins, predict(pr)", df)
    assert rc == 198 and "option pr not allowed" in printed


def test_sureg_with_blocks_of_very_different_scales(do):
    # the GLS matrix's blocks are ~1e20 apart: its rank is judged scaled (unscaled, the price-like
    # equation's coefficients were lost to a generalized inverse)
    data = DATA.copy()
    data["y1big"] = 1e5 * data.y1
    data["x3sq"] = (500 + 100 * data.x3) ** 2
    printed, s = run_ok(do, "sureg (y1big x1 x2) (y2 x1 x3sq)", data)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["sureg_scaled"]["b"], rtol=1e-7)
