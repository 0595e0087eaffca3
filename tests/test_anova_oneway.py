"""``anova`` (partial = Type III and sequential sums of squares, covariates, nested
terms) and ``oneway`` (F, Bartlett, Bonferroni/Sidak/Scheffe comparisons) against R
(tests/reference_values/anova_reference.R: car::Anova type 3 with sum-to-zero contrasts,
stats::anova, bartlett.test), Stata 12/13's layout and the regress replay after anova."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "anova_reference.json").read_text())


@pytest.fixture
def df():
    return pd.read_csv(REF_DIR / "anova_unbalanced.csv").astype(float)


def test_partial_and_sequential_sums_of_squares(do, df):
    rc, out, s = do("anova y a##b c.x", df=df)
    assert rc == 0, out
    ref = REF["partial"]
    got = [s.e.scalars[f"ss_{k}"] for k in range(1, 5)]
    np.testing.assert_allclose(got, ref["ss"], rtol=1e-9)
    assert [s.e.scalars[f"df_{k}"] for k in range(1, 5)] == ref["df"]
    assert abs(s.e.scalars["rss"] - ref["rss"]) < 1e-9 and s.e.scalars["df_r"] == ref["df_r"]
    assert [s.e.macros[f"term_{k}"] for k in range(1, 5)] == ["a", "b", "a#b", "x"]
    rc, out, s = do("anova y a##b c.x, sequential", df=df)
    np.testing.assert_allclose([s.e.scalars[f"ss_{k}"] for k in range(1, 5)], REF["sequential"]["ss"], rtol=1e-9)
    assert "     Seq. SS    df" in out
    rc, out, s = do("anova y a b a#b", df=df)
    np.testing.assert_allclose([s.e.scalars[f"ss_{k}"] for k in range(1, 4)], REF["partial_factorial"]["ss"],
                               rtol=1e-9)


def test_layout_and_regress_replay(do, df):
    rc, out, s = do("anova y a b", df=df)
    lines = out.splitlines()
    assert lines[1].startswith("                           Number of obs =      33     R-squared     =  ")
    assert lines[4] == "                  Source |  Partial SS    df       MS           F     Prob > F"
    assert lines[5] == "              -----------+----------------------------------------------------"
    assert lines[7] == " " * 25 + "|" and lines[-1].endswith("   ")
    rc, out, s = do("quietly anova y a b\nregress\npredict yhat\ntest 2.a 3.a", df=df)
    assert rc == 0, out
    assert "      Source |       SS       df       MS" in out
    assert abs(s.r["F"] - s.e.scalars["F_1"]) < 1e-9  # the Wald test of a equals its partial F


def test_nested_term(do, df):
    rc, out, s = do("anova y a b|a", df=df)
    assert rc == 0, out
    assert "                     b|a |" in out
    # a and b|a together span the six cells: model SS of the cell means
    cells = df.groupby(["a", "b"]).y.transform("mean")
    np.testing.assert_allclose(s.e.scalars["mss"], float(np.sum((cells - df.y.mean()) ** 2)), rtol=1e-10)


def test_oneway_numbers_and_layout(do, df):
    rc, out, s = do("oneway z g4, tabulate bonferroni scheffe sidak", df=df)
    assert rc == 0, out
    ref = REF["oneway"]
    assert abs(s.r["mss"] - ref["ss_between"]) < 1e-9 and abs(s.r["F"] - ref["F"]) < 1e-9
    assert abs(s.r["chi2bart"] - ref["bartlett"]) < 1e-9
    assert "Bartlett's test for equal variances:  chi2(3) =   1.8908  Prob>chi2 = 0.595" in out
    assert "                        Analysis of Variance" in out
    assert "                                (Bonferroni)" in out and "                                  (Scheffe)" in out
    blocks = out.split("Comparison of z by g4")[1:]
    for block, key in zip(blocks, ("bonferroni", "scheffe", "sidak")):
        p_rows = [ln for ln in block.splitlines() if ln.startswith("         |") and ln.strip() != "|"]
        got = [float(v) for ln in p_rows for v in ln[10:].split()]
        np.testing.assert_allclose(got, ref[key], atol=5e-4)


@pytest.mark.parametrize("text,rc,message", [
    ("anova y a / b|a /", 199, "anova error terms (/) are not implemented in mlmcli"),
    ("anova y a, repeated(a)", 199, "anova's repeated() is not implemented in mlmcli"),
    ("anova y a, partial sequential", 198, "options partial and sequential may not be combined"),
    ("anova y nosuch", 111, "variable nosuch not found"),
    ("oneway z", 102, "too few variables specified"),
    ("oneway z g4 if g4 == 1", 2000, "1 group found, 2 required"),
])
def test_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc and message in out, out


def test_loneway_intraclass_correlation(do, df):
    rc, out, s = do("loneway z g4", df=df)
    assert rc == 0, out
    n = df.groupby("g4").size().to_numpy().astype(float)
    N, k = n.sum(), len(n)
    n0 = (N - (n ** 2).sum() / N) / (k - 1)
    means = df.groupby("g4").z.mean()
    msa = float((n * (means - df.z.mean()) ** 2).sum() / (k - 1))
    msw = float(((df.z - df.groupby("g4").z.transform("mean")) ** 2).sum() / (N - k))
    F = msa / msw
    rho = max(F - 1, 0) / (max(F - 1, 0) + n0)
    assert abs(s.r["rho"] - rho) < 1e-12 and abs(s.r["sd_w"] - np.sqrt(msw)) < 1e-12
    assert "One-way Analysis of Variance for z:" in out and "(evaluated at n=" in out
    if F < 1:
        assert "(*) Truncated at zero." in out
    rc, out, _ = do("loneway z g4, mean median", df=df)
    assert rc == 105 and "Median and mean options are mutually exclusive." in out
