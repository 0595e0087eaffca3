"""svy: tabulate: numbers against R's survey package (tests/survey_reference/
tabulate_reference.R -> tabulate_values.csv: svymean/svytotal/svyby/svyciprop and svychisq's
Rao-Scott F and Wald tests), layout against Stata 13's published svy: tabulate logs, errors
against _svy_tabulate.ado's messages."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
SETUP = ("keep if stratum < 6\ngenerate o = 1 + (y > 2.5) + (y > 4)\nsvyset psu [pw=w], strata(stratum)\n")
CELLS = ["p11", "p12", "p21", "p22", "p31", "p32"]


@pytest.fixture(scope="module")
def design_frame():
    import pandas as pd

    return pd.read_csv(REF / "design.csv")


@pytest.fixture(scope="module")
def ref() -> dict:
    out: dict = {}
    with open(REF / "tabulate_values.csv") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["case"], {})[row["name"]] = float(row["value"])
    return out


def _vector(ref, case):
    return np.array([ref[case][n] for n in CELLS])


@pytest.mark.parametrize("prefix,tag", [("svy", ""), ("svy, subpop(if b == 1)", "subpop_")])
@pytest.mark.parametrize("option,case", [("", "cell"), ("count se", "count"), ("row se", "row"),
                                         ("column se", "col")])
def test_estimates_and_standard_errors_against_r(do, design_frame, ref, prefix, tag, option, case):
    rc, out, s = do(SETUP + f"{prefix}: tabulate o g, {option}\n", df=design_frame)
    assert rc == 0, out
    e = s.e
    b = np.asarray(e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(e.matrices["V"].values, float)))
    assert b == pytest.approx(_vector(ref, tag + case), rel=1e-8)
    assert se == pytest.approx(_vector(ref, tag + case + ("_se" if case != "cell" else "_se")), rel=1e-6)
    assert e.macros["setype"] == {"col": "column"}.get(case, case)
    assert list(e.matrices["b"].colnames) == CELLS


@pytest.mark.parametrize("prefix,tag", [("svy", ""), ("svy, subpop(if b == 1)", "subpop_")])
def test_tests_of_independence_against_r_svychisq(do, design_frame, ref, prefix, tag):
    rc, out, s = do(SETUP + f"{prefix}: tabulate o g, pearson lr wald llwald noadjust\n", df=design_frame)
    assert rc == 0, out
    sc = s.e.scalars
    pear = ref[tag + "pearson"]
    assert sc["cun_Pear"] == pytest.approx(pear["chi2"], rel=1e-8)
    for mine, theirs in (("F_Pear", "F"), ("df1_Pear", "df1"), ("df2_Pear", "df2"), ("p_Pear", "p")):
        assert sc[mine] == pytest.approx(pear[theirs], rel=1e-6), mine
    assert sc["cun_LR"] == pytest.approx(ref[tag + "lr"]["chi2"], rel=1e-8)
    assert sc["df1_LR"] == sc["df1_Pear"] and sc["F_LR"] == pytest.approx(sc["cun_LR"] / sc["cun_Pear"] * sc["F_Pear"])
    wald, unadj = ref[tag + "wald"], ref[tag + "wald_unadj"]  # R's adjWald and Wald
    assert sc["F_Wald"] == pytest.approx(wald["F"], rel=1e-6) and sc["p_Wald"] == pytest.approx(wald["p"], rel=1e-6)
    assert sc["Fun_Wald"] == pytest.approx(unadj["F"], rel=1e-6)
    assert sc["pun_Wald"] == pytest.approx(unadj["p"], rel=1e-6)
    assert sc["cun_LLW"] == pytest.approx(ref[tag + "llwald"]["chi2"], rel=1e-6)
    assert "  Wald (log-linear):" in out and "    Unadjusted    F(2, 12)        =" in out
    assert "    Adjusted      F(2, 11)        =" in out


def test_logit_intervals_and_design_effects_against_r(do, design_frame, ref):
    rc, out, s = do(SETUP + "svy: tabulate o g, ci deff\n", df=design_frame)
    assert rc == 0, out
    items = {item.kind: item for item in s.e.result.items}
    lo = np.array([v for row in items["ci"].values[:3] for v in row[:2]])
    hi = np.array([v for row in items["ci"].upper[:3] for v in row[:2]])
    assert lo == pytest.approx(_vector(ref, "cell_lb"), rel=1e-6)
    assert hi == pytest.approx(_vector(ref, "cell_ub"), rel=1e-6)
    deff = np.array([v for row in items["deff"].values[:3] for v in row[:2]])
    assert deff == pytest.approx(_vector(ref, "cell_deff"), rel=1e-6)  # R: deff = "replace"
    assert np.asarray(s.e.matrices["Deff"].values).ravel() == pytest.approx(deff)
    assert "  Mean generalized deff           =" in out


def test_srssubpop_design_effects_are_r_subset_deffs(do, design_frame, ref):
    rc, out, s = do(SETUP + "svy, subpop(if b == 1) srssubpop: tabulate o g, deff\n", df=design_frame)
    assert rc == 0, out
    deff = np.asarray(s.e.matrices["Deff"].values).ravel()
    assert deff == pytest.approx(_vector(ref, "subpop_cell_deff"), rel=1e-6)
    assert s.e.macros["srssubpop"] == "srssubpop"
    rc, out, s = do("svy, subpop(if b == 1): tabulate o g, deff\n", session=s)
    assert not np.allclose(np.asarray(s.e.matrices["Deff"].values).ravel(), deff)  # whole-sample SRS


def test_two_way_layout(do, design_frame):
    """Stata 13's svy: tabulate: the regression header without a title, tabdisp's table
    (stub at least 9 wide, the row label wrapped in it, cells as wide as the widest text),
    the key and the Pearson block (published Stata 13 logs)."""
    labels = ('label variable o "Outcome level of the y measure"\n'
              'label define ol 1 "Low" 2 "Middle value" 3 "High"\nlabel values o ol\n')
    rc, out, s = do(SETUP + labels + "svy: tabulate o g\n", df=design_frame)
    assert rc == 0, out
    text = out[out.index("(running"):]
    assert text.splitlines() == [
        "(running tabulate on estimation sample)",
        "",
        "Number of strata   =         5                  Number of obs      =       206",
        "Number of PSUs     =        17                  Population size    =  4876.759",
        "                                                Design df          =        12",
        "",
        "-------------------------------",
        "Outcome   |",
        "level of  |",
        "the y     |          g         ",
        "measure   |     0      1  Total",
        "----------+--------------------",
        "      Low | .1351  .1863  .3214",
        " Middle v | .2067  .1696  .3763",
        "     High | .1686  .1338  .3024",
        "          | ",
        "    Total | .5104  .4896      1",
        "-------------------------------",
        "  Key:  cell proportions",
        "",
        "  Pearson:",
        "    Uncorrected   chi2(2)         =    3.1717",
        "    Design-based  F(1.86, 22.36)  =    1.1596     P = 0.3285"]


def test_row_percent_se_layout_stacks_cells(do, design_frame):
    rc, out, s = do(SETUP + "svy: tabulate o g, row percent se\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index("----------+--------------------------")
    assert lines[start - 1] == "o         |       0        1    Total"
    assert lines[start + 1:start + 5] == ["        1 |   42.03    57.97      100",
                                          "          | (6.105)  (6.105)         ",
                                          "          | ",
                                          "        2 |   54.93    45.07      100"]
    assert lines[start + 10:start + 12] == ["    Total |   51.04    48.96      100", "          | (3.548)  (3.548)         "]
    assert "  Key:  row percentages" in lines
    assert "        (linearized standard errors of row percentages)" in lines


def test_one_way_layout_and_key(do, design_frame):
    rc, out, s = do(SETUP + "svy: tabulate o, se\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index("----------+-------------------------")
    assert lines[start - 2:start] == ["-" * 36, "o         | proportions           se"]
    assert lines[start + 1] == "        1 |       .3214        .0596"
    assert lines[start + 4:start + 6] == ["          | ", "    Total |           1             "]
    assert lines[start + 7:start + 9] == ["  Key:  proportions  =  cell proportions",
                                          "        se           =  linearized standard errors of cell proportions"]
    assert "Pearson" not in out
    assert s.e.scalars["r"] == 3 and s.e.scalars["c"] == 1


def test_redisplay_with_other_display_options(do, design_frame):
    rc, out, s = do(SETUP + "svy: tabulate o g, row se\n", df=design_frame)
    rc, out, s = do("svy, row ci percent\n", session=s)
    assert rc == 0, out
    assert "(running" not in out and "        [95% confidence intervals for row percentages]" in out
    rc, out2, s = do("estimates store t1\nestimates replay t1\n", session=s)
    assert rc == 0 and "  Key:  cell proportions" in out2  # display options are not remembered (Display)
    for line, message, code in [("svy, se", "standard errors are only available for rows", 111),
                                ("svy, wald", "option wald not available on redisplay", 198)]:
        rc, out, s = do(line + "\n", session=s)
        assert rc == code and message in out, (line, out)


@pytest.mark.parametrize("line,message,code", [
    ("svy: tabulate o g w", "too many variables specified", 103),
    ("svy: tabulate o o", "row and column variable may not be the same", 198),
    ("svy: tabulate o, pearson", "option pearson is not allowed with one-way tables", 198),
    ("svy: tabulate o g, row column se",
     "only one of options cell, count, row, or column can be specified when option se is specified", 198),
    ("svy: tabulate o g, percent proportion", "options percent and proportion may not be combined", 184),
    ("svy: tabulate o g, noadjust", "option noadjust modifies options wald and llwald only", 198),
    ("svy, srssubpop: tabulate o g", "option srssubpop requires option subpop()", 198),
    ("svy: tabulate o g, tab(x)", "option tab() is not supported by mlmcli", 198),
    ("svy: tabulate o g, se cv ci deff deft", "only 4 of options se, cv, ci, deff, deft, and obs", 198),
])
def test_errors(do, design_frame, line, message, code):
    rc, out, s = do(SETUP + line + "\n", df=design_frame)
    assert rc == code and message in out, out
    assert "(running tabulate" not in out


def test_single_unit_and_omitted_strata_notes(do, design_frame):
    base = "generate o = 1 + (y > 2.5) + (y > 4)\n"
    rc, out, s = do(base + "svyset psu [pw=w], strata(stratum)\nsvy: tabulate o g, se\n", df=design_frame)
    assert rc == 0, out
    assert out.rstrip().endswith("Note: Missing test statistics because of stratum with single sampling unit.\n"
                                 "Note: missing standard errors because of stratum with single sampling unit.")
    assert "(.0" not in out  # no standard errors shown
    rc, out, s = do("svyset psu [pw=w], strata(stratum) singleunit(scaled)\n"
                    "svy, subpop(if stratum == 1): tabulate o g\n", session=s)
    assert rc == 0, out
    assert "Note: 5 strata omitted because they contain no subpopulation members." in out
    assert s.e.scalars["N_strata"] == 1 and s.e.scalars["N_strata_omit"] == 5 and s.e.scalars["N"] == 33


def test_missing_option_and_failure_leaves_data(do, design_frame):
    rc, out, s = do(SETUP + "replace g = . in 1/5\nsvy: tabulate o g\n", df=design_frame)
    assert rc == 0 and s.e.scalars["N"] == 201
    rc, out, s = do("svy: tabulate o g, missing\n", session=s)
    assert rc == 0 and s.e.scalars["N"] == 206 and s.e.scalars["c"] == 3
    assert "o         |     0      1      .  Total" in out
    before = s.data.df.copy()
    rc, out, s = do("svy: tabulate o nosuch\n", session=s)
    assert rc == 111 and s.data.df.equals(before)


def test_string_variable_is_tabulated_by_its_sorted_values(do, design_frame):
    rc, out, s = do(SETUP + 'generate str12 s = cond(g == 1, "yes.indeed ok", "no")\nsvy: tabulate s o\n',
                    df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    assert any(ln.startswith("       no |") for ln in lines)
    assert any(ln.startswith(" yes,inde |") for ln in lines)  # cut at 8, periods to commas (ValueLab)
    prop = np.asarray(s.e.matrices["Prop"].values)
    rc, out2, s = do("svy: tabulate g o\n", session=s)  # "no" < "yes...": g's order
    assert np.asarray(s.e.matrices["Prop"].values) == pytest.approx(prop, rel=1e-12)
