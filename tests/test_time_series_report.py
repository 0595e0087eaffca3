"""``tsreport varlist``, ``detail``, ``casewise`` ([TS] tsreport): gap counts derived by hand
below, text as Stata 13's tsreport.ado 1.2.4 (TsrWork, TsrVarlist, TsrVarlistANY, Mvar,
DisplayIt) lays it out with the _tab class."""
import math

# sorted by id, t: obs 1 (1,1) .. obs 7 (2,5); y missing at obs 3 and 7, x at obs 1 and 6
DATA = """clear
input id t y x
1 1 1 .
1 2 3 2
1 3 . 4
1 5 10 5
2 2 4 1
2 4 8 .
2 5 . 3
end
quietly xtset id t
"""

SEP = "-" * 13 + "+" + "-" * 42
SUMMARY_HEAD = ("\nGap summary report\n" + "-" * 56 + "\n"
                "             |                             --Number of--\n"
                "Variable     |      Start         End      Obs.     Gaps\n" + SEP + "\n")


def test_varlist_counts_each_variables_own_sample(do):
    # y's sample: (1,1) (1,2) (1,5) (2,2) (2,4).  Without panel a gap is an observation whose
    # next period is not in the sample, the last panel's last period excepted: (1,2) (1,5)
    # (2,2) (2,4) = 4.  x's sample (1,2) (1,3) (1,5) (2,2) (2,5): (1,3) (1,5) (2,2) = 3.
    rc, out, s = do(DATA + "tsreport y x")
    assert rc == 0, out
    assert out.endswith(SUMMARY_HEAD
                        + "           y |          1           5         5        4\n"
                          "           x |          2           5         5        3\n" + "-" * 56 + "\n")
    r = s.r
    assert (r["var1"], r["start1"], r["end1"], r["N_obs1"], r["N_gaps1"]) == ("y", 1, 5, 5, 4)
    assert (r["var2"], r["start2"], r["end2"], r["N_obs2"], r["N_gaps2"]) == ("x", 2, 5, 5, 3)
    assert (r["timevar"], r["panelvar"], r["tsfmt"]) == ("t", "id", "%9.0g")
    assert "N_gaps" not in r


def test_varlist_panel_counts_holes_before_an_observation_of_the_panel(do):
    # with panel, TsrWork asks that the next observation of the data (timevar[_n+1], in
    # the sample or not) be of the same panel and before the sample's last time: y: (1,2)
    # (next (1,3)), (2,2), and (2,4) whose next (2,5) has y missing = 3; (1,5) is a panel end.
    # x: (1,3) and (2,2) = 2.
    rc, out, s = do(DATA + "tsreport y x, panel")
    assert "           y |          1           5         5        3\n" in out
    assert "           x |          2           5         5        2\n" in out
    assert (s.r["N_gaps1"], s.r["N_gaps2"]) == (3, 2)
    assert "panel changes" not in out


def test_detail_lists_the_gaps(do):
    # all observations: gaps after obs 3 ((1,3): period 4 missing, next obs 4 at 5), obs 4
    # (panel 1's end: no next in the panel) and obs 5 ((2,2): period 3, next obs 6 at 4)
    rc, out, s = do(DATA + "tsreport, detail")
    assert rc == 0, out
    assert out.endswith("Number of gaps  =         3\n(Gap count includes panel changes)\n\n"
                        "Gap report\n" + "-" * 62 + "\n"
                        "Obs.         |         id       Start         End      N. Obs.\n"
                        + "-" * 13 + "+" + "-" * 48 + "\n"
                        "         3--4|          1           4           4            1\n"
                        "            4|          1           6           .            .\n"
                        "         5--6|          2           3           3            1\n" + "-" * 62 + "\n")
    table = s.r["table"]
    assert table.rownames == ("3--4", "4", "5--6")
    assert table.colnames == ("ObsBefore", "ObsAfter", "id", "StartTime", "EndTime", "Obs")
    assert list(table.values[0]) == [3, 4, 1, 4, 4, 1]
    assert table.values[1][0] == 4 and math.isnan(table.values[1][1]) and math.isnan(table.values[1][5])
    assert s.r["N_gaps"] == 3


def test_detail_with_a_varlist_reports_each_variable(do):
    rc, out, s = do(DATA + "tsreport y, detail panel")
    assert ("\nVariable:         y\nPanel variable:   id\nTime variable:    t\n" + "-" * 27 + "\n"
            "Starting period =         1\nEnding period   =         5\n"
            "Observations    =         5\nNumber of gaps  =         3\n\nGap report\n") in out
    # obs 2 (1,2): periods 3-4 missing before obs 4 (1,5); obs 6 (2,4): y missing after it
    assert "         2--4|          1           3           4            2\n" in out
    assert "            6|          2           5           .            .\n" in out
    assert s.r["table1"].rownames == ("2--4", "5--6", "6") and s.r["N_gaps1"] == 3


def test_casewise(do):
    # y and x both observed at obs 2 (1,2), 4 (1,5), 5 (2,2): each one is a gap (panel 1's
    # end counts without panel; (2,2) is not the last time 5)
    rc, out, s = do(DATA + "tsreport y x, casewise")
    assert out.endswith("\nVariables:        y and x\nPanel variable:   id\nTime variable:    t\n"
                        + "-" * 27 + "\nStarting period =         2\nEnding period   =         5\n"
                        "Observations    =         3\nNumber of gaps  =         3\n"
                        "(Gap count includes panel changes)\n")
    assert (s.r["N_gaps"], s.r["N_obs"], s.r["start"], s.r["end"]) == (3, 3, 2, 5)
    rc, out, _ = do(DATA + "tsreport y, casewise")
    assert rc == 198 and "casewise can only be specified with two or more variables" in out
    rc, out, _ = do(DATA + "tsreport, casewise")
    assert rc == 198 and "casewise can only be specified with two or more variables" in out


TS = """clear
input t y x
1 1 1
2 2 .
3 . 3
5 4 4
. 5 5
end
quietly tsset t, quarterly
"""


def test_quarterly_detail_and_missing_time_note(do):
    # y's sample t = 1 2 5 (1960q2 1960q3 1961q2): one gap after t = 2 (periods 3 and 4)
    rc, out, s = do(TS + "tsreport y, detail")
    assert rc == 0, out
    assert out.endswith("Variable:         y\nTime variable:    t\n" + "-" * 24 + "\n"
                        "Starting period = 1960q2\nEnding period   = 1961q2\n"
                        "Observations    =      3\nNumber of gaps  =      1\n\nGap report\n"
                        + "-" * 50 + "\nObs.         |      Start         End      N. Obs.\n"
                        + "-" * 13 + "+" + "-" * 36 + "\n"
                        "         2--4|     1960q4      1961q1            2\n" + "-" * 50 + "\n"
                        "Note: There are observations on y for which t is\n      missing\n")
    assert s.r["table1"].colnames == ("ObsBefore", "ObsAfter", "StartTime", "EndTime", "Obs")
    # x's sample t = 1 3 5: gaps after 1 and 3 (the next observation exists and t < 5)
    rc, out, s = do(TS + "tsreport x")
    assert s.r["N_gaps1"] == 2 and s.r["N_obs1"] == 3


def test_operators_and_errors(do):
    # L.y is observed at t = 2 and 3 only: no gap before the sample's last time
    rc, out, s = do(TS + "tsreport L.y")
    assert "         L.y |     1960q3      1960q4         2        0\n" in out and s.r["var1"] == "L.y"
    rc, out, _ = do(TS + "tsreport y, panel")
    assert rc == 321 and "must specify panelvar; use tsset or xtset" in out
    rc, out, _ = do(TS + "tsreport, nopanel")
    assert rc == 321
    rc, out, _ = do(TS + 'gen s = "a"\ntsreport s')
    assert rc == 109 and "s is a string variable" in out


def test_business_calendar_formats_are_refused(do, new_session, run):
    """A calendar other than Stata's shipped simple.stbcal (docs/business_calendars.md): refused."""
    rc, out, s = do("clear\nset obs 3\ngen t = _n\ntsset t, format(%tbmine)")
    assert rc == 198 and "%tbmine: business calendars (%tb formats and their .stbcal files) are not implemented" in out
    assert s.data.format_of("t") != "%tbmine" and s.data.chars.get("_TStvar") in (None, "")
    # a %tb variable (as a .dta file could bring one) is refused the same way
    import pandas as pd

    session = new_session(pd.DataFrame({"t": [1.0, 2.0, 3.0]}))
    session.data.formats["t"] = "%tbmine"
    printed, rc = run(session, "tsset t")
    assert rc == 198 and "business calendars" in printed


def test_undocumented_display_options_are_not_tssets(do):
    # [TS] tsset (Stata 13) documents unit options, format(), delta(), noquery and clear only
    rc, out, _ = do("clear\nset obs 3\ngen t = _n\ntsset t, panelname(grp)")
    assert rc == 198 and "option panelname() not allowed" in out


def test_factor_variables_and_long_names(do):
    rc, out, _ = do(TS + "tsreport i.y")
    assert rc == 101 and "factor variables not allowed" in out
    # the name column widens to the longest name + 1 (13 at least), the rules with it
    rc, out, s = do(TS + "gen a_rather_long_variable_name = y\ntsreport a_rather_long_variable_name")
    assert ("\n" + " " * 28 + "|" + " " * 29 + "--Number of--\n") in out
    assert "-" * 28 + "+" + "-" * 42 + "\n" in out
    assert "a_rather_long_variable_name |     1960q2      1961q2         3        1\n" in out
