"""estat gof after svy: logit/logistic/probit ([SVY] estat; the steps of _svy_gof_hl.ado): the
F-adjusted mean residual test of Archer and Lemeshow (2006), checked against an independent
computation in this file (statsmodels' weighted fit for the probabilities, Stata's
weighted-percentile cut points, the stratified between-PSU variance of the group means or
totals written out, F = (f - g + 2) W / (f g) on (g - 1, f - g + 2) with g the groups
*requested*); group()'s default and range, total, all, if/in, the ado's output lines; and
svy: logit's allbaselevels/baselevels display options."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _design(seed=20261207, n_strata=6, psu_per=5, per_psu=24):
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(n_strata):
        for j in range(psu_per):
            u = rng.normal(0, 0.4)
            for _ in range(per_psu):
                x = rng.normal()
                g = rng.integers(1, 4)
                eta = -0.4 + 0.8 * x + 0.3 * (g - 1) + 0.6 * x * x + u  # x^2 left out of the model
                rows.append({"stratum": h + 1, "psu": 100 * (h + 1) + j, "w": float(np.exp(rng.normal(0, 0.5))),
                             "x": x, "g": g, "y": float(rng.random() < 1 / (1 + np.exp(-eta)))})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def design():
    return _design()


def _weighted_cuts(p, w, q):
    """summarize's percentiles: the smallest value whose cumulative weight share passes k/q
    (the mean of two values when it equals k/q exactly); w None: every weight 1."""
    w = np.ones(len(p)) if w is None else w
    order = np.argsort(p, kind="stable")
    sp, sw = p[order], w[order]
    cum = np.cumsum(sw) / sw.sum()
    cuts = []
    for k in range(1, q):
        target = k / q
        i = int(np.searchsorted(cum, target, side="left"))
        cuts.append((sp[i] + sp[i + 1]) / 2 if np.isclose(cum[i], target, rtol=0, atol=1e-13) else sp[i])
    return np.array(cuts)


def _probabilities(df, X, link, fit_rows):
    import statsmodels.api as sm

    X = sm.add_constant(X)
    family = sm.families.Binomial(link=sm.families.links.Probit() if link == "probit" else None)
    fit = sm.GLM(df["y"].to_numpy()[fit_rows], X[fit_rows], family=family,
                 var_weights=df["w"].to_numpy()[fit_rows]).fit(tol=1e-12)
    return fit.predict(X)


def _reference(df, X, link, g, *, rows=None, fit_rows=None, weighted=True, total=False):
    """(F, df1, df2, p): the test on ``rows`` (default all) of a model fitted on ``fit_rows``."""
    from scipy.stats import f as f_dist

    n = len(df)
    fit_rows = np.ones(n, bool) if fit_rows is None else fit_rows
    rows = np.ones(n, bool) if rows is None else rows
    p_all = _probabilities(df, np.asarray(X, float), link, fit_rows)
    sub = df[rows].reset_index(drop=True)
    p, w = p_all[rows], sub["w"].to_numpy()
    r = sub["y"].to_numpy() - p
    group = np.searchsorted(_weighted_cuts(p, w if weighted else None, g), p, side="left")
    present = np.unique(group)
    z = np.zeros((len(sub), len(present)))
    M = np.zeros(len(present))
    for k, j in enumerate(present):
        inside = group == j
        if total:
            M[k] = np.sum(w[inside] * r[inside])
            z[inside, k] = w[inside] * r[inside]
        else:
            M[k] = np.sum(w[inside] * r[inside]) / w[inside].sum()
            z[inside, k] = w[inside] * (r[inside] - M[k]) / w[inside].sum()
    V = np.zeros((len(present), len(present)))
    for _, block in sub.assign(_row=np.arange(len(sub))).groupby("stratum"):
        totals = np.array([z[idx].sum(axis=0) for idx in block.groupby("psu")["_row"].apply(list)])
        n_h = len(totals)
        dev = totals - totals.mean(axis=0)
        V += n_h / (n_h - 1) * dev.T @ dev
    f = df.loc[fit_rows, "psu"].nunique() - df.loc[fit_rows, "stratum"].nunique()  # the model's design df
    W = float(M @ np.linalg.solve(V, M))
    F = (f - g + 2) * W / (f * g)
    return F, g - 1, f - g + 2, float(f_dist.sf(F, g - 1, f - g + 2))


SETUP = "svyset psu [pweight=w], strata(stratum)\n"


@pytest.mark.parametrize("command, link", [("logit", "logit"), ("logistic", "logit"), ("probit", "probit")])
def test_gof_against_reference(do, design, command, link):
    rc, out, s = do(SETUP + f"svy: {command} y x\nestat gof\n", df=design)
    assert rc == 0, out
    F, df1, df2, p = _reference(design, design[["x"]], link, 10)
    assert (s.r["df1"], s.r["df2"]) == (df1, df2) == (9, 16)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(p, rel=1e-5)
    model = "Probit" if link == "probit" else "Logistic"
    tail = out.rstrip("\n").splitlines()[-5:]
    # _svy_gof_hl.ado: the label ends at column 29, " = " then %12.2f; "Prob > F = " after 21 blanks, %14.4f
    assert tail == ["", f"{model} model for y, goodness-of-fit test", "",
                        " " * 22 + "F(9,16) = " + f"{F:12.2f}", " " * 21 + "Prob > F = " + f"{p:14.4f}"]
    assert list(s.r) == ["F", "p", "df1", "df2"]


def test_gof_groups_and_factor_variables(do, design):
    rc, out, s = do(SETUP + "svy: logit y x i.g\nestat gof, group(6)\n", df=design)
    assert rc == 0, out
    dummies = pd.get_dummies(design["g"], prefix="g", drop_first=True).astype(float)
    F, df1, df2, p = _reference(design, np.column_stack([design["x"], dummies]), "logit", 6)
    assert (s.r["df1"], s.r["df2"]) == (df1, df2) == (5, 20)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)


def test_gof_total_estimator(do, design):
    rc, out, s = do(SETUP + "svy: logit y x\nestat gof, group(5) total\n", df=design)
    assert rc == 0, out
    F, df1, df2, p = _reference(design, design[["x"]], "logit", 5, total=True)
    assert (s.r["df1"], s.r["df2"]) == (4, 21)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(p, rel=1e-5)


def test_gof_if_restricts_the_rows_tested(do, design):
    rc, out, s = do(SETUP + "svy: logit y x\nestat gof if g != 2, group(8)\n", df=design)
    assert rc == 0, out
    F, df1, df2, p = _reference(design, design[["x"]], "logit", 8, rows=(design["g"] != 2).to_numpy())
    assert (s.r["df1"], s.r["df2"]) == (7, 18)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)


def test_gof_all_uses_rows_outside_the_estimation_sample(do, design):
    fit_rows = (design["g"] != 3).to_numpy()
    rc, out, s = do(SETUP + "svy: logit y x if g != 3\nestat gof\nscalar kept = r(F)\nestat gof, all\n", df=design)
    assert rc == 0, out
    F_fit, *_ = _reference(design, design[["x"]], "logit", 10, rows=fit_rows, fit_rows=fit_rows)
    F_all, df1, df2, p = _reference(design, design[["x"]], "logit", 10, fit_rows=fit_rows)
    assert s.scalars["kept"] == pytest.approx(F_fit, rel=1e-6)
    assert s.r["F"] == pytest.approx(F_all, rel=1e-6)
    assert F_fit != pytest.approx(F_all, rel=1e-3)


def test_gof_without_weights_cuts_unweighted(do, design):
    rc, out, s = do("svyset psu, strata(stratum)\nsvy: logit y x\nestat gof\n", df=design)
    assert rc == 0, out
    unit = design.assign(w=1.0)
    F, df1, df2, p = _reference(unit, unit[["x"]], "logit", 10, weighted=False)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)


def test_ties_keep_the_requested_groups_in_the_degrees_of_freedom(do, design):
    """A binary regressor leaves two distinct probabilities: xtile makes two groups, but the
    ado's df and F still use group(10)."""
    data = design.assign(b=(design["x"] > 0.3).astype(float))
    rc, out, s = do(SETUP + "svy: logit y b\nestat gof\n", df=data)
    assert rc == 0, out
    F, df1, df2, p = _reference(data, data[["b"]], "logit", 10)
    assert (s.r["df1"], s.r["df2"]) == (9, 16)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)


def test_default_group_is_the_design_df_when_smaller(do):
    small = _design(seed=7, n_strata=4, psu_per=2, per_psu=40)  # df = 8 - 4 = 4
    rc, out, s = do(SETUP + "svy: logit y x\nestat gof\n", df=small)
    assert rc == 0, out
    F, df1, df2, p = _reference(small, small[["x"]], "logit", 4)
    assert (s.r["df1"], s.r["df2"]) == (3, 2)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    rc, out, _ = do(SETUP + "svy: logit y x\nestat gof, group(5)\n", df=small)
    assert rc == 125 and "group() invalid -- invalid numlist has elements outside of allowed range" in out
    one = _design(seed=8, n_strata=1, psu_per=2, per_psu=60)  # df = 1
    rc, out, _ = do(SETUP + "svy: logit y x\nestat gof\n", df=one)
    assert rc == 322 and "not enough degrees of freedom to perform the test" in out


def test_gof_refusals(do, design):
    for tail, rc_expected in (("estat gof, group(1)", 125), ("estat gof, group(2.5)", 126),
                              ("estat gof x", 101), ("estat gof [pw=w]", 101)):
        rc, out, _ = do(SETUP + "svy: logit y x\n" + tail + "\n", df=design)
        assert rc == rc_expected, (tail, out)
    rc, out, _ = do(SETUP + "svy, subpop(if g == 1): logit y x\nestat gof\n", df=design)
    assert rc == 198 and "estat gof is not allowed after subpopulation estimations" in out
    rc, out, _ = do(SETUP + "svy: regress y x\nestat gof\n", df=design)
    assert rc == 321


def test_gof_leaves_the_data_alone(do, design):
    rc, out, s = do(SETUP + "svy: logit y x\nestat gof, group(4) total all\n", df=design)
    assert rc == 0, out
    assert list(s.data.df.columns) == list(design.columns) and s.data.nobs == len(design)


def test_gof_leaves_nonsurvey_gof_alone(do, design):
    rc, out, s = do("logit y x\nestat gof, group(10)\n", df=design)
    assert rc == 0 and "Hosmer-Lemeshow chi2(8)" in out


def test_chi2_form_without_design_df():
    """No design df: the statistic is W itself, chi2 on g - 1 (the ado's other branch)."""
    from scipy.stats import chi2

    from mlmcli.survey.goodness_of_fit import mean_residual_test
    from mlmcli.survey.linearized import design_units

    rng = np.random.default_rng(3)
    n = 400
    p = rng.uniform(0.1, 0.9, n)
    y = (rng.random(n) < np.clip(p + 0.1 * np.sin(6 * p), 0, 1)).astype(float)
    psu = np.arange(n) // 4
    units = design_units(n, None, psu, None, "missing")
    fit = mean_residual_test(y, p, np.ones(n), units, np.nan, 5)
    group = np.searchsorted(_weighted_cuts(p, None, 5), p, side="left")
    M = np.array([np.mean(y[group == j] - p[group == j]) for j in range(5)])
    z = np.zeros((n, 5))
    for j in range(5):
        inside = group == j
        z[inside, j] = (y[inside] - p[inside] - M[j]) / inside.sum()
    T = np.array([z[psu == c].sum(axis=0) for c in range(psu.max() + 1)])
    d = T - T.mean(axis=0)
    V = len(T) / (len(T) - 1) * d.T @ d
    W = float(M @ np.linalg.solve(V, M))
    assert fit.is_chi2 and fit.df1 == 4
    assert fit.statistic == pytest.approx(W, rel=1e-8)
    assert fit.p == pytest.approx(chi2.sf(W, 4), rel=1e-8)


def test_svy_logit_allbaselevels(do, design):
    rc, out, s = do(SETUP + "svy: logit y x i.g, or allbase\n", df=design)
    assert rc == 0, out
    assert any(line.split()[:3] == ["1", "|", "1"] and "(base)" in line for line in out.splitlines())
    rc, plain, _ = do(SETUP + "svy: logit y x i.g\n", df=design)
    assert "(base)" not in plain
    rc, out, s = do(SETUP + "svy: logit y x i.g\nsvy: logit, baselevels\n", df=design)
    assert rc == 0 and out.count("(base)") == 1
