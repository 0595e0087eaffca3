"""SPost13's ``fitstat`` after logit, logistic and probit (fitstat.ado 4.1.10): the measures
checked against statsmodels' fits of the same data and numpy formulas, the table's layout,
r() under fitstat's names, ``ic``, and the options mlm refuses."""
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


def _frame(n=300, seed=11):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.uniform(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(-0.2 + 0.9 * x1 - 0.8 * x2)))).astype(float)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "g": np.arange(n) % 15, "f": np.arange(n) % 3 + 1.0})


def _reference(df, family, freq=None):
    X = sm.add_constant(df[["x1", "x2"]])
    model = (sm.Logit if family == "logit" else sm.Probit)(df.y, X)
    if freq is not None:  # frequency weights: the data expanded
        rows = np.repeat(np.arange(len(df)), freq.astype(int))
        return _reference(df.iloc[rows].reset_index(drop=True), family)
    fit = model.fit(disp=0)
    y, p, xb = df.y.to_numpy(), fit.predict(), X.to_numpy() @ fit.params.to_numpy()
    n, k, ll, ll0 = len(y), 3, fit.llf, fit.llnull
    verr = math.pi ** 2 / 3 if family == "logit" else 1.0
    vxb = np.var(xb, ddof=1)
    modal = max(y.mean(), 1 - y.mean())
    count = np.mean((p > .5) == (y == 1))
    ml = 1 - math.exp(2 * (ll0 - ll) / n)
    return {"N": n, "ll": ll, "ll_0": ll0, "dev": -2 * ll, "dev_df": n - k, "lrx2": 2 * (ll - ll0),
            "r2_mf": 1 - ll / ll0, "r2_mfadj": 1 - (ll - k) / ll0, "r2_ml": ml,
            "r2_cu": ml / (1 - math.exp(2 * ll0 / n)),
            "r2_ef": 1 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2),
            "tjur": p[y == 1].mean() - p[y == 0].mean(), "r2_ct": count, "r2_ctadj": (count - modal) / (1 - modal),
            "aic": -2 * ll + 2 * k, "bic": -2 * ll + k * math.log(n), "aicbyn": (-2 * ll + 2 * k) / n,
            "bic_dev": -2 * ll - (n - k) * math.log(n), "bic_p": -2 * (ll - ll0) + 2 * math.log(n),
            "Verr": verr, "Vystar": vxb + verr, "r2_mz": vxb / (vxb + verr)}


@pytest.mark.parametrize("family", ["logit", "probit"])
def test_measures_match_statsmodels(do, family):
    df = _frame()
    rc, out, s = do(f"quietly {family} y x1 x2\nfitstat", df=df)
    assert rc == 0, out
    ref = _reference(df, family)
    for key, value in ref.items():
        assert s.r[key] == pytest.approx(value, rel=1e-6, abs=1e-8), key
    assert s.r["x2_df"] == 2 and s.r["bic_k"] == 3 and s.r["Nparm"] == 3


def test_frequency_weights_count_each_row_as_often(do):
    df = _frame(120)
    rc, out, s = do("quietly logit y x1 x2 [fw=f]\nfitstat", df=df)
    assert rc == 0, out
    ref = _reference(df, "logit", freq=df.f.to_numpy())
    for key in ("N", "r2_ml", "r2_ef", "tjur", "r2_ct", "r2_ctadj", "Vystar", "bic"):
        assert s.r[key] == pytest.approx(ref[key], rel=1e-6), key


def test_table_layout(do):
    rc, out, s = do("quietly logit y x1 x2\nfitstat", df=_frame())
    lines = out.splitlines()
    start = lines.index("                         |       logit")
    assert lines[start + 1] == "-" * 25 + "+" + "-" * 12
    assert lines[start + 2] == "Log-likelihood           |"
    r = s.r
    assert f"                   Model | {r['ll']:11.3f}" in lines
    assert f"        Deviance(df=297) | {r['dev']:11.3f}" in lines
    assert f"                LR(df=2) | {r['lrx2']:11.3f}" in lines
    for label in ("McFadden(adjusted)", "McKelvey & Zavoina", "Cragg-Uhler/Nagelkerke", "Tjur's D",
                  "Count(adjusted)", "AIC divided by N", "BIC(df=3)", "Variance of", "y-star"):
        assert label in out, label
    assert "Note: Some measures" not in out


def test_wald_after_cluster_and_robust_note(do):
    rc, out, s = do("quietly logit y x1 x2, vce(cluster g)\nfitstat", df=_frame())
    assert rc == 0 and "Wald(df=2)" in out and "LR(df=" not in out
    assert "lrx2" not in s.r and s.r["waldx2"] > 0
    rc, out, _ = do("quietly logit y x1 x2, vce(robust)\nfitstat", df=_frame())
    assert out.rstrip().endswith("Note: Some measures based on pseudolikelihoods.")


def test_ic_lists_the_information_criteria_alone(do):
    rc, out, s = do("quietly probit y x1 x2\nfitstat, ic", df=_frame())
    assert rc == 0
    assert "BIC (based on deviance)" in out and "(divided by N)" in out and "McFadden" not in out
    rc, out, _ = do("quietly probit y x1 x2\nfitstat, bic", df=_frame())
    assert "McFadden" in out  # fitstat.ado prints the short list only under ic


def test_logistic_has_no_error_variance(do):
    # fitstat.ado 4.1.10 tests "`cmd" (a typo) for logistic: no Var(e), y* or McKelvey-Zavoina
    rc, out, s = do("quietly logistic y x1 x2\nfitstat", df=_frame())
    assert rc == 0 and "McKelvey" not in out and "Verr" not in s.r
    assert s.r["r2_mf"] == pytest.approx(_reference(_frame(), "logit")["r2_mf"], rel=1e-6)


@pytest.mark.parametrize("opts", ["save", "diff", "saving(m1)", "using(m1)", "force"])
def test_comparison_options_are_refused(do, opts):
    rc, out, _ = do(f"quietly logit y x1 x2\nfitstat, {opts}", df=_frame())
    assert rc == 199 and "is not implemented in mlm" in out
