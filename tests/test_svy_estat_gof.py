"""estat gof after svy: logit/logistic/probit ([SVY] estat): the F-adjusted mean residual test
of Archer and Lemeshow (2006), checked against an independent computation in this file
(statsmodels' weighted logit for the probabilities, Stata's weighted-percentile cut points,
the stratified between-PSU variance of the group means written out, F = (f - g + 2) W / (f g)
on (g - 1, f - g + 2)); and svy: logit's allbaselevels/baselevels display options."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def design():
    rng = np.random.default_rng(20261207)
    n_strata, psu_per, per_psu = 6, 5, 24
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


def _weighted_cuts(p, w, q):
    """summarize's weighted percentiles: the smallest value whose cumulative weight share passes
    k/q (the mean of two values when it equals k/q exactly)."""
    order = np.argsort(p, kind="stable")
    sp, sw = p[order], w[order]
    cum = np.cumsum(sw) / sw.sum()
    cuts = []
    for k in range(1, q):
        target = k / q
        i = int(np.searchsorted(cum, target, side="left"))
        cuts.append((sp[i] + sp[i + 1]) / 2 if np.isclose(cum[i], target, rtol=0, atol=1e-13) else sp[i])
    return np.array(cuts)


def _reference(df, predictors, link, g):
    import statsmodels.api as sm

    X = sm.add_constant(predictors)
    family = sm.families.Binomial(link=sm.families.links.Probit() if link == "probit" else None)
    fit = sm.GLM(df["y"].to_numpy(), X, family=family, var_weights=df["w"].to_numpy()).fit(tol=1e-12)
    p = fit.predict(X)
    w, r = df["w"].to_numpy(), df["y"].to_numpy() - p
    group = np.searchsorted(_weighted_cuts(p, w, g), p, side="left")
    M = np.array([np.sum(w[group == j] * r[group == j]) / w[group == j].sum() for j in range(g)])
    z = np.zeros((len(df), g))
    for j in range(g):
        inside = group == j
        z[inside, j] = w[inside] * (r[inside] - M[j]) / w[inside].sum()
    V = np.zeros((g, g))
    for _, block in df.assign(_row=np.arange(len(df))).groupby("stratum"):
        totals = np.array([z[idx].sum(axis=0) for idx in block.groupby("psu")["_row"].apply(list)])
        n_h = len(totals)
        dev = totals - totals.mean(axis=0)
        V += n_h / (n_h - 1) * dev.T @ dev
    f = df["psu"].nunique() - df["stratum"].nunique()
    W = float(M @ np.linalg.solve(V, M))
    F = (f - g + 2) * W / (f * g)
    from scipy.stats import f as f_dist

    return F, g - 1, f - g + 2, float(f_dist.sf(F, g - 1, f - g + 2))


SETUP = "svyset psu [pweight=w], strata(stratum)\n"


@pytest.mark.parametrize("command, link", [("logit", "logit"), ("logistic", "logit"), ("probit", "probit")])
def test_gof_against_reference(do, design, command, link):
    rc, out, s = do(SETUP + f"svy: {command} y x\nestat gof\n", df=design)
    assert rc == 0, out
    F, df1, df2, p = _reference(design, design[["x"]].to_numpy(), link, 10)
    assert (s.r["df1"], s.r["df2"]) == (df1, df2)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(p, rel=1e-5)
    model = "Probit" if link == "probit" else "Logistic"
    assert f"{model} model for y, goodness-of-fit test" in out
    assert f"F({df1},{df2})" in out and "Prob > F" in out


def test_gof_groups_and_factor_variables(do, design):
    rc, out, s = do(SETUP + "svy: logit y x i.g\nestat gof, group(6)\n", df=design)
    assert rc == 0, out
    dummies = pd.get_dummies(design["g"], prefix="g", drop_first=True).astype(float)
    F, df1, df2, p = _reference(design, np.column_stack([design["x"], dummies]), "logit", 6)
    assert (s.r["df1"], s.r["df2"]) == (df1, df2) == (5, 20)
    assert s.r["F"] == pytest.approx(F, rel=1e-6)


def test_gof_refusals(do, design):
    for tail, rc_expected in (("estat gof, total", 198), ("estat gof, all", 198), ("estat gof if x > 0", 198),
                              ("estat gof, group(1)", 198), ("estat gof x", 101)):
        rc, out, _ = do(SETUP + "svy: logit y x\n" + tail + "\n", df=design)
        assert rc == rc_expected, (tail, out)
    rc, out, _ = do(SETUP + "svy, subpop(if g == 1): logit y x\nestat gof\n", df=design)
    assert rc == 198 and "subpop" in out
    rc, out, _ = do(SETUP + "svy: regress y x\nestat gof\n", df=design)
    assert rc == 321


def test_gof_leaves_nonsurvey_gof_alone(do, design):
    rc, out, s = do("logit y x\nestat gof, group(10)\n", df=design)
    assert rc == 0 and "Hosmer-Lemeshow chi2(8)" in out


def test_svy_logit_allbaselevels(do, design):
    rc, out, s = do(SETUP + "svy: logit y x i.g, or allbase\n", df=design)
    assert rc == 0, out
    assert any(line.split()[:3] == ["1", "|", "1"] and "(base)" in line for line in out.splitlines())
    rc, plain, _ = do(SETUP + "svy: logit y x i.g\n", df=design)
    assert "(base)" not in plain
    rc, out, s = do(SETUP + "svy: logit y x i.g\nsvy: logit, baselevels\n", df=design)
    assert rc == 0 and out.count("(base)") == 1
