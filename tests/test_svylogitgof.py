"""svylogitgof (Archer and Lemeshow 2006, Stata Journal st0099) after svy: logit/logistic: the
F-adjusted mean residual test on the weighted deciles of risk, F = (f - 8) W / (10 f) on
(9, f - 8), checked against a computation written out here (statsmodels' weighted logit for
the probabilities, pandas for the deciles, the group means and the between-PSU variance), and
the same statistic as estat gof's default; its refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def survey():
    rng = np.random.default_rng(99)
    n_strata, psu_per, per_psu = 8, 4, 30
    rows = []
    for h in range(n_strata):
        for j in range(psu_per):
            shift = rng.normal(0, 0.3)
            for _ in range(per_psu):
                age = rng.uniform(20, 70)
                smoker = float(rng.random() < 0.3)
                eta = -3 + 0.05 * age + 0.7 * smoker + 0.0008 * (age - 45) ** 2 + shift
                rows.append({"strat": h + 1, "clus": 10 * (h + 1) + j, "pw": rng.uniform(0.5, 3.0),
                             "age": age, "smoker": smoker, "sick": float(rng.random() < 1 / (1 + np.exp(-eta)))})
    return pd.DataFrame(rows)


def _written_out(df):
    """(F, p) of the 10-group test, computed without mlmcli."""
    import statsmodels.api as sm
    from scipy.stats import f as f_dist

    X = sm.add_constant(df[["age", "smoker"]].to_numpy())
    p = sm.GLM(df["sick"].to_numpy(), X, family=sm.families.Binomial(), var_weights=df["pw"].to_numpy()).fit(tol=1e-12).predict(X)
    d = df.assign(p=p, r=df["sick"] - p).sort_values("p", kind="stable")
    share = d["pw"].cumsum() / d["pw"].sum()
    cuts = [d["p"].to_numpy()[np.searchsorted(share.to_numpy(), k / 10)] for k in range(1, 10)]
    d["decile"] = np.searchsorted(cuts, d["p"].to_numpy(), side="left")
    sums = d.groupby("decile").apply(lambda b: pd.Series({"W": b["pw"].sum(), "R": (b["pw"] * b["r"]).sum()}))
    M = (sums["R"] / sums["W"]).to_numpy()
    for j, decile in enumerate(sums.index):  # scores of the ratio means, one column per decile
        inside = d["decile"] == decile
        d[f"z{j}"] = np.where(inside, d["pw"] * (d["r"] - M[j]) / sums["W"].iloc[j], 0.0)
    zcols = [f"z{j}" for j in range(len(M))]
    V = np.zeros((len(M), len(M)))
    for _, stratum in d.groupby("strat"):
        t = stratum.groupby("clus")[zcols].sum().to_numpy()
        dev = t - t.mean(axis=0)
        V += len(t) / (len(t) - 1) * dev.T @ dev
    f = df["clus"].nunique() - df["strat"].nunique()
    W = float(M @ np.linalg.solve(V, M))
    F = (f - 10 + 2) * W / (f * 10)
    return F, float(f_dist.sf(F, 9, f - 8)), f


SETUP = "ssc install svylogitgof\nsvyset clus [pweight=pw], strata(strat)\n"


@pytest.mark.parametrize("command", ["logit", "logistic"])
def test_svylogitgof_against_written_out_test(do, survey, command):
    rc, out, s = do(SETUP + f"svy: {command} sick age smoker\nsvylogitgof\n", df=survey)
    assert rc == 0, out
    F, p, f = _written_out(survey)
    assert f == 24
    assert s.r["F"] == pytest.approx(F, rel=1e-6)
    assert s.r["p"] == pytest.approx(p, rel=1e-5)
    assert (s.r["df1"], s.r["df2"]) == (9, 16)
    assert out.rstrip("\n").splitlines()[-5:] == [
        "", "Archer-Lemeshow F-adjusted mean residual test, 10 groups", "",
        "     F-adjusted test statistic F(9,16) = " + f"{F:9.4f}",
        " " * 31 + "P-value = " + f"{p:9.4f}"]


def test_svylogitgof_is_estat_gofs_default(do, survey):
    rc, out, s = do(SETUP + "svy: logit sick age smoker\nsvylogitgof\nscalar a = r(F)\nestat gof\n", df=survey)
    assert rc == 0, out
    assert s.scalars["a"] == pytest.approx(s.r["F"], rel=1e-12)


def test_svylogitgof_refusals(do, survey):
    for before, tail, rc_expected, text in (
            ("svy: probit sick age", "svylogitgof", 301, "svy: logit or svy: logistic"),
            ("logit sick age", "svylogitgof", 301, "svy: logit or svy: logistic"),
            ("", "svylogitgof", 301, ""),
            ("svy: logit sick age", "svylogitgof, group(5)", 101, "options not allowed"),
            ("svy: logit sick age", "svylogitgof age", 101, "varlist not allowed"),
            ("svy: logit sick age", "svylogitgof if age > 30", 101, ""),
            ("svy, subpop(smoker): logit sick age", "svylogitgof", 198, "subpop")):
        rc, out, s = do(SETUP + before + "\n" + tail + "\n", df=survey)
        assert rc == rc_expected and text in out, (before, tail, out)
        assert s.data.nobs == len(survey) and list(s.data.df.columns) == list(survey.columns)


def test_svylogitgof_needs_design_df(do, survey):
    few = survey[survey["strat"] <= 2]  # 8 PSUs, 2 strata: df 6 < 9
    rc, out, _ = do(SETUP + "svy: logit sick age\nsvylogitgof\n", df=few.reset_index(drop=True))
    assert rc == 322 and "not enough degrees of freedom" in out
