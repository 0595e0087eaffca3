"""cs/csi and cc/cci: numbers against base R (tests/epitab_reference/epitab_2x2.R: fisher.test,
chisq.test, textbook Wald/Woolf intervals, Cornfield's limits by uniroot), the published Stata
outputs of cci (stata.com's odds-ratio calculator page: cci 12 16 55 125; Statalist 2002-12
msg00024: cci 96 104 109 666 exact and cornfield), layouts from csi.ado/cci.ado/_cci.ado and
Stata's errors."""
from __future__ import annotations

import json
import pathlib

import numpy as np
import pandas as pd
import pytest

from mlmcli.epitab import case_control_table, cohort_table, odds_ratio

REFERENCE = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_2x2.json").read_text())


def _cells(key: str):
    words = key.split()
    return tuple(float(w) for w in words[:4]), float(words[5])


@pytest.mark.parametrize("key", sorted(REFERENCE))
def test_numbers_match_r(key):
    cells, level = _cells(key)
    ref = REFERENCE[key]
    cohort = cohort_table(*cells, level, odds="woolf")
    for name in ("rd", "lb_rd", "ub_rd", "rr", "lb_rr", "ub_rr", "chi2", "p"):
        value = getattr(cohort, name) if name in ("chi2", "p") else getattr(
            getattr(cohort, name.split("_")[-1]), {"lb": "lb", "ub": "ub"}.get(name.split("_")[0], "value"))
        assert value == pytest.approx(ref[name], rel=1e-10), name
    assert cohort.odds.value == pytest.approx(ref["or"], rel=1e-12)
    assert (cohort.odds.lb, cohort.odds.ub) == pytest.approx((ref["lb_woolf"], ref["ub_woolf"]), rel=1e-10)
    # Cornfield: Stata iterates the exposed-case count to .001
    corn = odds_ratio(*cells, level, "cornfield")
    assert (corn.lb, corn.ub) == pytest.approx((ref["lb_cornfield"], ref["ub_cornfield"]), rel=2e-3)
    # exact: Stata's secant stops at a 0.5% step, so the limits are that close to the root
    exact = case_control_table(*cells, level, exact=True)
    assert (exact.odds.lb, exact.odds.ub) == pytest.approx((ref["lb_exact"], ref["ub_exact"]), rel=5e-3)
    assert exact.p_exact == pytest.approx(ref["p_exact"], rel=1e-9, abs=1e-300)
    assert exact.p1_exact == pytest.approx(ref["p1_exact"], rel=1e-9, abs=1e-300)


CCI_PUBLISHED = """                                                         Proportion
                 |   Exposed   Unexposed  |      Total     Exposed
-----------------+------------------------+------------------------
           Cases |        12          16  |         28       0.4286
        Controls |        55         125  |        180       0.3056
-----------------+------------------------+------------------------
           Total |        67         141  |        208       0.3221
                 |                        |
                 |      Point estimate    |    [95% Conf. Interval]
                 +------------------------+------------------------
      Odds ratio |         1.704545       |    .6848212    4.125435 (exact)
 Attr. frac. ex. |         .4133333       |   -.4602353    .7576013 (exact)
 Attr. frac. pop |         .1771429       |
                 +------------------------+------------------------
                               chi2(1) =     1.68  Pr>chi2 = 0.1950
"""


def test_cci_as_published(do):
    rc, out, s = do("cci 12 16 55 125")
    assert rc == 0 and out == CCI_PUBLISHED
    assert s.r["or"] == pytest.approx(1.704545454545, rel=1e-12)
    assert set(s.r) == {"or", "lb_or", "ub_or", "afe", "lb_afe", "ub_afe", "afp", "p", "chi2"}


def test_cci_exact_and_cornfield_as_statalist(do):
    rc, out, _ = do("cci 96 104 109 666")
    assert "      Odds ratio |         5.640085       |    3.937435    8.061794 (exact)" in out
    rc, out, _ = do("cci 96 104 109 666, cornfield")
    assert "      Odds ratio |         5.640085       |    4.003217     7.94673 (Cornfield)" in out
    assert out.startswith("\n") and "                 |------------------------+-----" in out


CSI = """
                 |   Exposed   Unexposed  |      Total
-----------------+------------------------+------------
           Cases |         7          12  |         19
        Noncases |         9           2  |         11
-----------------+------------------------+------------
           Total |        16          14  |         30
                 |                        |
            Risk |     .4375    .8571429  |   .6333333
                 |                        |
                 |      Point estimate    |    [95% Conf. Interval]
                 +------------------------+------------------------
 Risk difference |        -.4196429       |   -.7240828   -.1152029
      Risk ratio |         .5104167       |    .2814332    .9257086
 Prev. frac. ex. |         .4895833       |    .0742914    .7185668
 Prev. frac. pop |         .2611111       |
                 +------------------------+------------------------
                               chi2(1) =     5.66  Pr>chi2 = 0.0173
"""


def test_csi_layout_and_returns(do):
    rc, out, s = do("csi 7 12 9 2")
    assert rc == 0 and out == CSI
    ref = REFERENCE["7 12 9 2 level 95"]
    assert s.r["rr"] == pytest.approx(ref["rr"], rel=1e-12) and s.r["p"] == pytest.approx(ref["p"], rel=1e-10)
    assert s.r["afe"] == pytest.approx(1 - ref["rr"]) and s.r["afp"] == pytest.approx(16 / 30 * (1 - ref["rr"]))
    assert "or" not in s.r


def test_csi_or_exact_level(do):
    rc, out, s = do("csi 7 12 9 2, or exact level(90)")
    ref = REFERENCE["7 12 9 2 level 90"]
    assert rc == 0 and "[90% Conf. Interval]" in out
    assert "      Odds ratio |         .1296296       |" in out and out.rstrip().endswith(
        "                                  2-sided Fisher's exact P = 0.0259")
    assert s.r["p_exact"] == pytest.approx(ref["p_exact"], rel=1e-9) and "chi2" not in s.r
    assert s.r["lb_rd"] == pytest.approx(ref["lb_rd"], rel=1e-10)


def test_attributable_fraction_when_risk_ratio_above_one(do):
    rc, out, s = do("csi 30 24 70 76")
    rr = (30 / 100) / (24 / 100)
    assert " Attr. frac. ex. |" in out and " Attr. frac. pop |" in out
    assert s.r["afe"] == pytest.approx((rr - 1) / rr) and s.r["afp"] == pytest.approx(30 / 54 * (rr - 1) / rr)


def _expand(cells):
    a, b, c, d = cells
    rows = [(1, 1)] * a + [(1, 0)] * b + [(0, 1)] * c + [(0, 0)] * d
    return pd.DataFrame(rows, columns=["case", "exp"], dtype=float)


def test_cs_and_cc_from_data_match_immediate(do):
    df = _expand((7, 12, 9, 2))
    df.loc[len(df)] = [np.nan, 1.0]        # a missing case leaves the sample
    df.loc[len(df)] = [2.0, 0.0]           # nonzero counts as a case
    rc, out, s = do("cs case exp", df)
    rc_i, out_i, s_i = do("csi 7 13 9 2")
    assert rc == 0 and out.replace("                 | exp                    |\n", "", 1) == out_i
    assert "\n                 | exp                    |\n" in out and s.r == s_i.r
    rc, out, s = do("label variable exp \"Exposure (any)\"\ncc case exp, woolf", df)
    assert rc == 0 and "                 | Exposure [any]         |             Proportion" in out
    assert s.r["or"] == pytest.approx(7 * 2 / (13 * 9))


def test_cs_fweights(do):
    df = pd.DataFrame({"case": [1, 1, 0, 0.], "exp": [1, 0, 1, 0.], "n": [7, 12, 9, 2.]})
    rc, _, s = do("cs case exp [fw=n]", df)
    assert rc == 0 and s.r["rd"] == pytest.approx(REFERENCE["7 12 9 2 level 95"]["rd"])


def test_zero_cell_note_and_missing_limits(do):
    rc, out, s = do("cci 0 5 4 6, woolf")
    assert rc == 0 and out.endswith("\n\n Note: Exact confidence levels not possible with zero count cells.\n")
    assert np.isnan(s.r["lb_or"]) and s.r["or"] == 0
    rc, out, s = do("cci 0 5 4 6")
    assert rc == 0 and s.r["lb_or"] == 0 and "Note" not in out
    from scipy.stats.contingency import odds_ratio as scipy_or
    ub = scipy_or([[0, 5], [4, 6]], kind="conditional").confidence_interval(0.95).high
    assert s.r["ub_or"] == pytest.approx(ub, rel=1e-6)


@pytest.mark.parametrize("text, message, code", [
    ("csi 1 2 -3 4", "negative numbers invalid", 498),
    ("cci 1 2 3.5 4", "'3.5' found where integer expected", 7),
    ("csi 1 2 3", "invalid syntax", 198),
    ("csi 1 2 3 4, woolf", "woolf option only valid with OR", 198),
    ("cci 1 2 3 4, or", "option or not allowed", 198),
])
def test_immediate_errors(do, text, message, code):
    rc, out, _ = do(text)
    assert rc == code and message in out


def test_data_errors_leave_data_alone(do):
    df = _expand((3, 4, 5, 6))
    df["g"] = 1.0
    for text, message, code in [("cs case nosuch", "variable nosuch not found", 111),
                                ("cs case exp, by(g) rd", "option rd not allowed", 198),
                                ("cc case exp, pool", "option pool not allowed", 198),
                                ("cs case exp if case > 5", "no observations", 2000)]:
        rc, out, s = do(text, df)
        assert rc == code and message in out, text
        assert s.data.nobs == len(df)


STRATA = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_strata.json").read_text())


def _strata_data() -> pd.DataFrame:
    rows = []
    for age, cells in zip((1, 2, 3), ((10, 5, 20, 40), (12, 9, 15, 30), (7, 3, 9, 25))):
        for (case, exp), n in zip(((1, 1), (1, 0), (0, 1), (0, 0)), cells):
            rows.append((case, exp, age, n))
    return pd.DataFrame(rows, columns=["case", "exp", "age", "n"], dtype=float)


CC_BY = """
             age |       OR       [95% Conf. Interval]   M-H Weight
-----------------+-------------------------------------------------
           young |          4      1.051675    16.7097     1.333333 (exact)
          middle |   2.666667       .811238    8.87205     2.045455 (exact)
             old |   6.481481      1.116377   45.15948     .6136364 (exact)
-----------------+-------------------------------------------------
           Crude |   3.683155      1.737509   7.893549              (exact)
    M-H combined |   3.698292      1.830566    7.47166
-----------------+-------------------------------------------------
Test of homogeneity (M-H)      chi2(2) =     0.88  Pr>chi2 = 0.6436

                   Test that combined OR = 1:
                                Mantel-Haenszel chi2(1) =     14.04
                                                Pr>chi2 =    0.0002
"""


def test_cc_by_mantel_haenszel(do):
    setup = 'label define ag 1 "young" 2 "middle" 3 "old"\nlabel values age ag\n'
    rc, out, s = do(setup + "cc case exp [fw=n], by(age)", _strata_data())
    assert rc == 0 and out.endswith(CC_BY)
    assert (s.r["or"], s.r["lb_or"], s.r["ub_or"]) == pytest.approx(
        (STRATA["or_mh"], STRATA["lb_or_mh"], STRATA["ub_or_mh"]), rel=1e-10)
    assert s.r["chi2"] == pytest.approx(STRATA["mh_chi2"], rel=1e-10) and s.r["df"] == 2
    # the strata's exact intervals are cci's
    rc, _, s1 = do("cci 10 5 20 40")
    assert "           young |          4      1.051675    16.7097" in out and s1.r["lb_or"] == pytest.approx(1.051675, rel=1e-6)
    rc, out, s = do("cc case exp [fw=n], by(age) woolf bd tarone pool", _strata_data())
    assert rc == 0 and s.r["chi2_bd"] == pytest.approx(STRATA["bd"], rel=1e-8)
    assert s.r["chi2_t"] == pytest.approx(STRATA["tarone"], rel=1e-8) and s.r["df_bd"] == 2
    assert "Test of homogeneity (B-D)      chi2(2) =     0.89  Pr>chi2 = 0.6413" in out
    assert " Pooled (direct) |" in out and "(Woolf)" in out


def test_cs_by_mantel_haenszel_risk_ratio(do):
    rc, out, s = do("cs case exp [fw=n], by(age)", _strata_data())
    assert rc == 0
    assert (s.r["rr"], s.r["lb_rr"], s.r["ub_rr"]) == pytest.approx(
        (STRATA["rr_mh"], STRATA["lb_rr_mh"], STRATA["ub_rr_mh"]), rel=1e-10)
    assert "             age |       RR       [95% Conf. Interval]   M-H Weight" in out
    assert "               1 |           3      1.13835   7.906178            2" in out
    assert "    M-H combined |    2.590604     1.547606   4.336524" in out
    assert out.rstrip().endswith("Test of homogeneity (M-H)      chi2(2) =    1.303  Pr>chi2 = 0.5213")
    rc, out, s = do("cs case exp [fw=n], by(age) or nocrude nohom", _strata_data())
    assert rc == 0 and "Crude" not in out and "homogeneity" not in out
    assert s.r["or"] == pytest.approx(STRATA["or_mh"], rel=1e-10) and "crude" not in s.r


def test_by_errors(do):
    df = _strata_data()
    for text, message, code in [("cc case exp, by(age exp)", "too many variables specified", 103),
                                ("cs case exp, pool", "option pool not allowed", 198),
                                ("cs case exp, by(age) standard(n)", "option standard() not allowed", 198),
                                ("cc case exp, by(nosuch)", "variable nosuch not found", 111)]:
        rc, out, _ = do(text, df)
        assert rc == code and message in out, text


MCC = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_mcc.json").read_text())

MCCI = """
                 | Controls               |
Cases            |   Exposed   Unexposed  |      Total
-----------------+------------------------+------------
         Exposed |         8           8  |         16
       Unexposed |         3          38  |         41
-----------------+------------------------+------------
           Total |        11          46  |         57

McNemar's chi2(1) =      2.27    Prob > chi2 = 0.1317
Exact McNemar significance probability       = 0.2266

Proportion with factor
        Cases       .2807018
        Controls    .1929825     [95% Conf. Interval]
                   ---------     --------------------
        difference  .0877193     -.0415711   .2170097
        ratio       1.454545       .891101   2.374257
        rel. diff.  .1086957     -.0247178   .2421091

        odds ratio  2.666667      .6400364    15.6064   (exact)
"""


@pytest.mark.parametrize("key", sorted(MCC))
def test_mcci_numbers_match_r(do, key):
    cells, level = _cells(key)
    rc, _, s = do("mcci " + " ".join(f"{c:g}" for c in cells) + f", level({level:g})")
    assert rc == 0
    for name, value in MCC[key].items():
        assert s.r[name] == pytest.approx(value, rel=1e-9), name


def test_mcci_layout_and_mcc_from_pairs(do):
    rc, out, _ = do("mcci 8 8 3 38")
    assert rc == 0 and out == MCCI
    pairs = _expand((8, 8, 3, 38)).rename(columns={"case": "excase", "exp": "excontrol"})
    rc, out_data, s = do("mcc excase excontrol", pairs)
    assert rc == 0 and out_data == out and s.r["p_exact"] == pytest.approx(0.2265625)
    rc, out, s = do("mcci 8 8 3 38, tb level(99.5)")
    x, z = 5 / np.sqrt(11), 2.807033768343811
    assert "   (tb)" in out and "[99.5% Conf. Interval]" in out
    assert (s.r["lb_or"], s.r["ub_or"]) == pytest.approx(sorted(((8 / 3) ** (1 + z / x), (8 / 3) ** (1 - z / x))), rel=1e-9)


IR = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_ir.json").read_text())

IRI = """
                 |   Exposed   Unexposed  |      Total
-----------------+------------------------+------------
           Cases |        41          15  |         56
     Person-time |     28010       19017  |      47027
-----------------+------------------------+------------
                 |                        |
  Incidence rate |  .0014638    .0007888  |   .0011908
                 |                        |
                 |      Point estimate    |    [95% Conf. Interval]
                 +------------------------+------------------------
 Inc. rate diff. |          .000675       |    .0000749    .0012751
 Inc. rate ratio |         1.855759       |    1.005684      3.6093 (exact)
 Attr. frac. ex. |         .4611368       |    .0056519     .722938 (exact)
 Attr. frac. pop |          .337618       |
                 +------------------------+------------------------
                     (midp)   Pr(k>=41) =                    0.0177 (exact)
                     (midp) 2*Pr(k>=41) =                    0.0355 (exact)
"""


@pytest.mark.parametrize("key", sorted(IR))
def test_iri_numbers_match_r(do, key):
    cells, level = _cells(key)
    rc, _, s = do("iri " + " ".join(f"{c:g}" for c in cells) + f", level({level:g})")
    assert rc == 0
    for name, value in IR[key].items():
        assert s.r[name] == pytest.approx(value, rel=1e-8), name
    irr = s.r["irr"]
    if irr >= 1:
        assert s.r["afe"] == pytest.approx((irr - 1) / irr) and s.r["lb_afe"] == pytest.approx((s.r["lb_irr"] - 1) / s.r["lb_irr"])
    else:
        assert s.r["afe"] == pytest.approx(1 - irr) and s.r["lb_afe"] == pytest.approx(1 - s.r["ub_irr"])


def test_iri_layout_and_ir_from_data(do):
    rc, out, _ = do("iri 41 15 28010 19017")
    assert rc == 0 and out == IRI
    df = pd.DataFrame({"deaths": [20, 21, 10, 5.], "smokes": [1, 1, 0, 0.], "pyears": [14000, 14010, 9000, 10017.]})
    rc, out, s = do('label variable pyears "Person-years"\nir deaths smokes pyears', df)
    assert rc == 0 and "          deaths |        41          15  |         56" in out
    assert "    Person-years |     28010       19017  |      47027" in out and "                 | smokes                 |" in out
    assert s.r["irr"] == pytest.approx(IR["41 15 28010 19017 level 95"]["irr"])
    rc, out, _ = do("iri 2 9 100.5 80, tb")
    assert " Prev. frac. ex. |" in out and "(midp)   Pr(k<=2) =" in out and "(tb)" in out


@pytest.mark.parametrize("text, message, code", [
    ("iri 1.5 2 3 4", "'1.5' found where integer expected", 7),
    ("iri 1 2 x 4", "'x' found where number expected", 7),
    ("iri 1 2 -3 4", "negative numbers invalid", 498),
])
def test_iri_errors(do, text, message, code):
    rc, out, _ = do(text)
    assert rc == code and message in out


def test_ir_errors(do):
    df = pd.DataFrame({"d": [1, -1.], "e": [1, 0.], "t": [3, 4.]})
    rc, out, _ = do("ir d e t", df)
    assert rc == 499 and "d or t takes on negative values" in out
    rc, out, _ = do("ir d e t, pool", pd.DataFrame({"d": [1, 2.], "e": [1, 0.], "t": [3, 4.]}))
    assert rc == 198 and "option pool not allowed" in out


TABODDS = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_tabodds.json").read_text())

TABODDS_TABLE = """
------------+-------------------------------------------------------------
       age  |      cases     controls       odds      [95% Conf. Interval]
------------+-------------------------------------------------------------
          1 |          2           40    0.05000        0.01208   0.20688
          2 |          5           38    0.13158        0.05179   0.33429
          3 |          9           30    0.30000        0.14243   0.63187
          4 |         12           20    0.60000        0.29332   1.22734
------------+-------------------------------------------------------------
Test of homogeneity (equal odds): chi2(3)  =    15.03
                                  Pr>chi2  =   0.0018

Score test for trend of odds:     chi2(1)  =    14.65
                                  Pr>chi2  =   0.0001
"""


def _odds_data() -> pd.DataFrame:
    rows = [(c, age, n) for age, (d, h) in enumerate(((2, 40), (5, 38), (9, 30), (12, 20)), 1)
            for c, n in ((1, d), (0, h))]
    return pd.DataFrame(rows, columns=["case", "age", "n"], dtype=float)


def test_tabodds_matches_r(do):
    rc, out, s = do("tabodds case age [fw=n]", _odds_data())
    assert rc == 0 and out == TABODDS_TABLE
    for name in ("chi2_hom", "p_hom", "chi2_tr", "p_trend"):
        assert s.r[name] == pytest.approx(TABODDS[name], rel=1e-10), name
    assert "0.29332   1.22734" in out and s.r["df_hom"] == 3


def test_tabodds_single_row_and_labels(do):
    rc, out, s = do("tabodds case [fw=n], level(99.5)", _odds_data())
    assert rc == 0 and s.r["odds"] == pytest.approx(28 / 128)
    assert "         cases     controls       odds    [99.5% Conf. Interval]" in out
    setup = 'label define ag 1 "under forty" 2 "40-59" 3 "60-79" 4 "80+"\nlabel values age ag\n'
    rc, out, _ = do(setup + "tabodds case age [fw=n]", _odds_data())
    assert "  under f~y |          2" in out and "      40-59 |" in out


def test_tabodds_errors(do):
    df = _odds_data()
    df.loc[0, "case"] = 2
    rc, out, _ = do("tabodds case age", df)
    assert rc == 198 and "response case not coded 0/1" in out
    rc, out, _ = do("tabodds case age, or woolf", _odds_data())  # or alone runs since rw105
    assert rc == 198 and "option woolf not allowed" in out


MHODDS = """
Mantel-Haenszel estimate of the odds ratio
Comparing exp==1 vs. exp==0, controlling for age

    ----------------------------------------------------------------
     Odds Ratio    chi2(1)        P>chi2        [95% Conf. Interval]
    ----------------------------------------------------------------
       3.698292      14.04        0.0002         1.775467   7.703530
    ----------------------------------------------------------------
"""


def test_mhodds_compare_matches_mantel_haenszel(do):
    rc, out, s = do("mhodds case exp age [fw=n]", _strata_data())
    assert rc == 0 and out == MHODDS
    assert s.r["or"] == pytest.approx(STRATA["or_mh"], rel=1e-10) and s.r["chi2"] == pytest.approx(STRATA["mh_chi2"], rel=1e-10)
    # var(ln OR) = V / (Q R): V the variance of U = sum(q - r), from the strata's margins
    strata = ((10, 5, 20, 40), (12, 9, 15, 30), (7, 3, 9, 25))
    Q = sum(a * d / sum(c) for c in strata for a, d in [(c[0], c[3])])
    R = sum(b * c_ / sum(c) for c in strata for b, c_ in [(c[1], c[2])])
    V = sum((c[0] + c[2]) * (c[1] + c[3]) * (c[0] + c[1]) * (c[2] + c[3]) / ((sum(c) - 1) * sum(c) ** 2) for c in strata)
    spread = np.exp(1.959963984540054 * np.sqrt(V / (Q * R)))
    assert (s.r["lb_or"], s.r["ub_or"]) == pytest.approx((Q / R / spread, Q / R * spread), rel=1e-10)


def test_mhodds_trend_is_tabodds_score_test(do):
    rc, out, s = do("mhodds case age [fw=n]", _odds_data())
    assert rc == 0 and s.r["chi2"] == pytest.approx(TABODDS["chi2_tr"], rel=1e-10)
    assert "Score test for trend of odds with age" in out and "for a one unit increase in age)" in out
    rc, out, s = do("mhodds case age [fw=n], compare(4,1)", _odds_data())
    assert rc == 0 and s.r["or"] == pytest.approx((12 / 20) / (2 / 40)) and "Comparing age==4 vs. age==1" in out
    rc, out, _ = do("mhodds case age, by(age)", _odds_data())
    assert rc == 198 and "option by() not allowed" in out


KAPPA = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "kappa.json").read_text())


def _raters() -> pd.DataFrame:
    cells = [(1, 1, 10), (1, 2, 3), (2, 2, 12), (2, 3, 2), (3, 3, 8), (3, 1, 1), (1, 3, 1)]
    return pd.DataFrame(cells, columns=["ra", "rb", "n"], dtype=float)


@pytest.mark.parametrize("scheme", ["I", "w", "w2"])
def test_kap_matches_r(do, scheme):
    rc, out, s = do(f"kap ra rb [fw=n], wgt({scheme})", _raters())
    assert rc == 0 and s.r["N"] == 37
    for name, value in KAPPA[scheme].items():
        assert s.r[name] == pytest.approx(value, rel=1e-10), name
    assert ("Ratings weighted by:" in out) == (scheme != "I")


def test_kap_layout_and_errors(do):
    rc, out, _ = do("kap ra rb [fw=n]", _raters())
    assert out == """
             Expected
Agreement   Agreement     Kappa   Std. Err.         Z      Prob>Z
-----------------------------------------------------------------
  81.08%      33.82%     0.7141     0.1158       6.17      0.0000
"""
    rc, out, _ = do("kap ra rb [fw=n], wgt(w)", _raters())
    assert "\nRatings weighted by:\n   1.0000   0.5000   0.0000\n" in out
    rc, out, _ = do("kap ra rb, wgt(mine)", _raters())
    assert rc == 111 and "kappawgt  not found" in out   # kap.ado names the global's first word (none)
    df = _raters()
    df["rb"] = df["ra"]
    df.loc[:, ["ra", "rb"]] = 1.0
    rc, out, _ = do("kap ra rb", df)
    assert rc == 499 and "too few rating categories" in out


IR_STRATA = json.loads((pathlib.Path(__file__).parent / "epitab_reference" / "epitab_ir_strata.json").read_text())


def test_ir_by_mantel_haenszel(do):
    df = pd.DataFrame({"deaths": [2, 1, 10, 4, 20, 12.], "smokes": [1, 0, 1, 0, 1, 0.], "age": [1, 1, 2, 2, 3, 3.],
                       "pyears": [500, 800, 400, 700, 300, 350.]})
    rc, out, s = do("ir deaths smokes pyears, by(age) pool", df)
    assert rc == 0
    for name in ("irr", "lb_irr", "ub_irr", "pooled", "lb_pooled", "chi2_mh", "chi2_p"):
        assert s.r[name] == pytest.approx(IR_STRATA[name], rel=1e-9), name
    assert "             age |      IRR       [95% Conf. Interval]   M-H Weight" in out
    assert "               1 |        3.2      .1665881    188.791     .3846154 (exact)" in out
    assert " Test of homogeneity (M-H)    chi2(2) =      1.41  Pr>chi2 = 0.4945" in out
    assert (0.1665881, 188.791) == pytest.approx((IR_STRATA["lb_1"], IR_STRATA["ub_1"]), rel=1e-6)


def test_kapwgt_defines_weights_kap_uses(do):
    rc, out, s = do("kapwgt lin 1 \\ .5 1 \\ 0 .5 1\nkapwgt lin\nkap ra rb [fw=n], wgt(lin)", _raters())
    assert rc == 0 and s.globals["lin"] == "kapwgt 3 1 .5 1 0 .5 1"
    assert "\n 1.0000\n 0.5000 1.0000\n 0.0000 0.5000 1.0000\n" in out
    for name, value in KAPPA["w"].items():
        assert s.r[name] == pytest.approx(value, rel=1e-10), name
    rc, out, _ = do("kapwgt two 1 \\ .5 1\nkap ra rb [fw=n], wgt(two)", _raters())
    assert rc == 198 and "kapwgt not 3 x 3" in out
    rc, out, _ = do("kapwgt bad 1 \\ .5 .9")
    assert rc == 198 and "diagonals must be 1" in out


def test_not_byable_as_the_ado_files(do):
    rc, out, _ = do("by age: cs case exp", _strata_data())
    assert rc == 190 and "may not be combined with by" in out
