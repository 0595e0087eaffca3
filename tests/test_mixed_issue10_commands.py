"""Issue 10 through the command line: estat wcorrelation against nlme's marginal
covariance (``reference_values/wcorrelation_nlme.json``, ``make_wcorrelation_nlme.R``),
the R.x exchangeable model and the oxboys 3x3 model of the issue against Stata's printed
numbers, every dfmethod() with dftable()/small/estat df, xtmixed's defaults, and the
smaller gaps (estat sd post coeflegend, _est_NAME, ~ in level variables, lrtest's names,
display's comma)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from residual_datasets import DATASETS

HERE = Path(__file__).parent / "reference_values"
WCORR = json.loads((HERE / "wcorrelation_nlme.json").read_text())


def _ok(res):
    rc, out, s = res
    assert rc == 0, out
    return out, s


def _pig(shared_dir) -> pd.DataFrame:
    return pd.read_stata(shared_dir / "data" / "stata" / "pig.dta")


# ------------------------------------------------------------------ estat wcorrelation
@pytest.mark.parametrize("case", WCORR["cases"], ids=[c["name"] for c in WCORR["cases"]])
def test_wcorrelation_matches_nlme_marginal_covariance(case, do, request):
    if case["data"] == "pig":
        df = _pig(request.getfixturevalue("shared_dir"))
    else:
        df = DATASETS[case["data"]]()
    out, s = _ok(do(f"{case['stata']} nolog\nestat wcorrelation, at({case['at']}) covariance", df))
    assert abs(s.e.scalars["ll"] - case["loglik"]) < 1e-6
    n = len(case["t"])
    V_ref = np.array(case["V"]).reshape(n, n)
    V = s.r["Cov"].values
    np.testing.assert_allclose(V, V_ref, rtol=2e-5, atol=2e-6 * np.abs(V_ref).max())
    # the default display: sd and correlations of the same V, columns named by t()
    sd = np.sqrt(np.diag(V_ref))
    out, s = _ok(do(f"estat wcorrelation, at({case['at']})", session=s))
    np.testing.assert_allclose(s.r["sd"].values.ravel(), sd, rtol=2e-5)
    np.testing.assert_allclose(s.r["Corr"].values, V_ref / np.outer(sd, sd), atol=2e-5)
    assert f"Standard deviations and correlations for {case['at'].replace('=', ' = ')}:" in out
    if "t(" in case["stata"]:  # columns named by the t() values (%9.0g)
        np.testing.assert_allclose([float(c) for c in s.r["Corr"].colnames], case["t"], rtol=1e-6)


def test_wcorrelation_options(do, shared_dir):
    df = _pig(shared_dir)
    out, s = _ok(do("mixed weight week || id:, residuals(ar 1, t(week)) nolog\n"
                    "estat wcorrelation, format(%9.4f)", df))
    assert "Standard deviations and correlations for id = 1:" in out
    assert "  1.0000" in out and "   1.000 " not in out  # format() honoured
    out, s = _ok(do("estat wcorrelation, all", session=s))
    assert "for all the data:" in out and s.r["Cov"].values.shape == (432, 432)
    V = s.r["Cov"].values
    assert not V[:9, 9:].any()  # different pigs are independent
    out, s = _ok(do("estat wcorrelation, at(id=2) list", session=s))
    assert "Data:" in out and out.count("|  2 ") == 9
    rc, out, _ = do("estat wcorrelation, at(id=1) all", session=s)
    assert rc == 198
    rc, out, _ = do("estat wcorrelation, at(id=999)", session=s)
    assert rc == 459 and "not represented" in out
    rc, out, _ = do("estat wcorrelation, format(junk)", session=s)
    assert rc == 120
    # after sort: the same cluster, the same numbers (e(sample) follows its rows)
    _, s2 = _ok(do("estat wcorrelation, at(id=7) covariance", session=s))
    V7 = s2.r["Cov"].values.copy()
    _, s2 = _ok(do("sort weight\nestat wcorrelation, at(id=7) covariance", session=s2))
    np.testing.assert_allclose(s2.r["Cov"].values, V7, rtol=1e-12)


# ------------------------------------------------------------------ the two models
def test_r_dot_exchangeable_is_the_two_level_nested_model(do, shared_dir):
    """[ME] mixed (Stata 13), the R.state exchangeable example: 9 groups, log likelihood
    1430.5017, the same as || region: || state:."""
    df = pd.read_stata(shared_dir / "data" / "stata" / "productivity.dta")
    model = "gsp private emp hwy water other unemp"
    out, s = _ok(do(f"mixed {model} || region: R.state, cov(exchangeable) nolog", df))
    assert "region: Exchangeable" in out and "var(R.state)" in out and "cov(R.state)" in out
    assert "Number of groups   =         9" in out
    assert "Log likelihood =  1430.5017" in out
    ll = s.e.scalars["ll"]
    _, s2 = _ok(do(f"mixed {model} || region: || state:, nolog", df))
    assert ll == pytest.approx(s2.e.scalars["ll"], abs=1e-6)
    assert s.e.macros["redim"] == "1" and s.e.macros["vartypes"] == "Exchangeable"


def test_oxboys_three_correlated_effects_converge_to_statas_optimum(do, shared_dir):
    """Stata: -306.79 (2 iterations); lme4 agrees, var(_cons) 61.5723."""
    df = pd.read_stata(shared_dir / "data" / "grodri" / "oxboys.dta")
    out, s = _ok(do("gen sc = cos(_pi*seas/6)\n"
                    "mixed height age age2 age3 age4 sc || id: age age2, mle covariance(unstructured) nolog", df))
    assert s.e.scalars["converged"] == 1
    assert s.e.scalars["ll"] == pytest.approx(-306.79047, abs=5e-6)
    row = [ln for ln in out.splitlines() if ln.strip().startswith("var(_cons) |")][0]
    assert float(row.split("|")[1].split()[0]) == pytest.approx(61.5723, rel=5e-6)


# ------------------------------------------------------------------ dfmethod()
def _balanced() -> pd.DataFrame:
    rs = np.random.RandomState(3)
    rows = []
    for g in range(1, 9):
        u = rs.normal()
        for t in range(1, 6):
            rows.append((g, t, float(g % 2), t + 0.5 * (g % 2) + u + rs.normal()))
    return pd.DataFrame(rows, columns=["g", "t", "trt", "y"])


def test_residual_repeated_anova_df(do):
    """Stata 14 [ME] mixed, methods and formulas: residual DF = N - rank(X); repeated:
    between-group columns (trt, _cons) G - rank(X_between), within-group ones (t)
    N - G - (rank(X) - rank(X_between)); anova: a column in a random-effects equation (the
    constant) rank([X Z]) - rank([X, Z without it]), others N - rank([X Z]).  The engine's
    definitions are tested in test_mixed_small_sample; here the command posts them."""
    df = _balanced()
    N, G = 40, 8
    got = {}
    for m in ("residual", "repeated", "anova"):
        out, s = _ok(do(f"mixed y trt t || g:, reml dfmethod({m}) nolog", df))
        names = list(s.e.matrices["b"].colnames)
        got[m] = dict(zip(names, s.e.matrices["df"].values.ravel()))
        assert s.e.macros["dfmethod"] == m
        assert "DF method: " + {"residual": "Residual", "repeated": "Repeated", "anova": "ANOVA"}[m] in out
        assert " P>|t|" in out
    fixed = ("y:trt", "y:t", "y:_cons")
    assert [got["residual"][k] for k in fixed] == [N - 3] * 3
    assert [got["repeated"][k] for k in fixed] == [G - 2, N - G - 1, G - 2]
    assert [got["anova"][k] for k in fixed] == [N - G - 1, N - G - 1, G - 2]
    # Satterthwaite and Kenward-Roger are exact in this balanced design: between 6, within 31
    for m in ("satterthwaite", "kroger"):
        _, s = _ok(do(f"mixed y trt t || g:, reml dfmethod({m}) nolog", df))
        d = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["df"].values.ravel()))
        assert d["y:trt"] == pytest.approx(G - 2, rel=1e-6) and d["y:t"] == pytest.approx(N - G - 1, rel=1e-6)


def test_dftable_small_and_estat_df(do):
    df = _balanced()
    out, s = _ok(do("mixed y trt t || g:, reml dfmethod(kroger) dftable(ci) nolog", df))
    head = [ln for ln in out.splitlines() if "Coef." in ln][0]
    assert "DF" in head and "Conf. Interval" in head and "P>|t|" not in head
    out, s = _ok(do("mixed, dftable(pvalue)", session=s))
    head = [ln for ln in out.splitlines() if "Coef." in ln][0]
    assert "DF" in head and "P>|t|" in head and "Conf." not in head
    out, s = _ok(do("mixed", session=s))  # replay: large-sample table unless small/dftable()
    assert " P>|z|" in out
    out, s = _ok(do("mixed, small", session=s))
    assert " P>|t|" in out
    # the t-based CI: b +- t(df) se
    b = s.e.matrices["b"].values.ravel()[0]
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    dfv = s.e.matrices["df"].values.ravel()[0]
    from scipy import stats
    lo = b - stats.t.ppf(0.975, dfv) * se
    row = [ln for ln in out.splitlines() if ln.strip().startswith("trt |")][0]
    assert abs(float(row.split()[-2]) - lo) < 5e-6 * max(1, abs(lo))
    out, s = _ok(do("estat df", session=s))
    assert "Kenward-Roger" in out
    np.testing.assert_allclose(s.r["df"].values.ravel()[:3], s.e.matrices["df"].values.ravel()[:3])
    rc, out, _ = do("mixed y trt t || g:, dfmethod(kroger) nolog", df)
    assert rc == 198 and "REML" in out


# ------------------------------------------------------------------ xtmixed
def test_xtmixed_defaults(do, shared_dir):
    df = _pig(shared_dir)
    out, s = _ok(do("xtmixed weight week || id:, nolog", df))
    assert s.e.macros["method"] == "ML" and "sd(_cons)" in out and "sd(Residual)" in out
    assert s.e.scalars["ll"] == pytest.approx(-1014.9268, abs=1e-4)
    out, s = _ok(do("xtmixed weight week || id:, variance nolog", df))
    assert "var(_cons)" in out
    out, s = _ok(do("version 11: xtmixed weight week || id:, nolog", df))
    assert s.e.macros["method"] == "REML" and "Log restricted-likelihood" in out
    out, s = _ok(do("xtmixed weight week || id: week, cov(un) vce(robust) nolog", df))
    assert s.e.macros["vcetype"] == "Robust" and "Log pseudolikelihood" in out
    for opt in ("stddeviations", "dfmethod(kroger)", "small", "dftable(ci)"):
        rc, out, _ = do(f"xtmixed weight week || id:, reml {opt}", df)
        assert rc == 198, opt


# ------------------------------------------------------------------ smaller gaps
def test_estat_sd_post_coeflegend_then_b(do, shared_dir):
    out, s = _ok(do("mixed weight week || id:, nolog\nestat sd, post coeflegend\n"
                    "display _b[id:sd(_cons)]^2", _pig(shared_dir)))
    assert "_b[id:sd(_cons)]" in out and "_b[Residual:sd(e)]" in out
    assert float(out.strip().splitlines()[-1]) == pytest.approx(14.81749, rel=1e-6)


def test_estimates_store_creates_est_variable_and_lrtest_names(do, shared_dir):
    text = ("mixed weight week if week > 1 || id:, nolog\nestimates store A\n"
            "mixed weight week if week > 1 || id: week, nolog\nestimates store B\nlrtest A .\n"
            "estimates drop A")
    out, s = _ok(do(text, _pig(shared_dir)))
    assert "(Assumption: A nested in B)" in out
    d = s.data.df
    assert "_est_A" not in d and (d["_est_B"] == (d.week > 1)).all()
    assert s.data.var_labels["_est_B"] == "esample() from estimates store"


def test_level_variable_with_tilde_abbreviation(do, shared_dir):
    df = _pig(shared_dir).rename(columns={"id": "pig_identifier"})
    out, s = _ok(do("mixed weight week || pig_i~r:, nolog", df))
    assert s.e.macros["ivars"] == "pig_identifier" and "Number of groups   =        48" in out
    rc, out, _ = do("gen pig_iother = 1\nmixed weight week || pig_i~:, nolog", df)
    assert rc == 111 and "ambiguous" in out


def test_interaction_row_has_blank_separators_and_display_comma(do, shared_dir):
    out, _ = _ok(do("mixed weight c.week##c.week || id:, nolog\ndisplay 1, \"a\", 2+3", _pig(shared_dir)))
    lines = out.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("c.week#c.week |"))
    assert lines[k - 1].strip() == "|" and lines[k + 1].strip() == "|"
    assert lines[-1].strip() == "1 a 5"
