"""sts test's tests: tware, peto, fh(p q), cox, trend, strata() (detail), mat(), notitle and
several variables -- numbers against R (tests/survival_reference/sts_tests.R -> sts_tests.json:
survdiff, coxph and the weighted statistic written out), text as Stata's ados print it."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import run, survival_reference_session

REF = json.loads((Path(__file__).parent / "survival_reference" / "sts_tests.json").read_text())


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl\ngen s = mod(id, 2)')
    return session


def lines_of(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out.rstrip("\n").split("\n")


def r_value(session, name):
    return float(session.r[name])


@pytest.mark.parametrize("option,key,title", [
    ("wilcoxon", "wilcoxon", "Wilcoxon (Breslow) test for equality of survivor functions"),
    ("tware", "tware", "Tarone-Ware test for equality of survivor functions"),
    ("peto", "peto", "Peto-Peto test for equality of survivor functions"),
    ("fh(1 1)", "fh_1_1", "Fleming-Harrington test for equality of survivor functions"),
    ("fh(0 1)", "fh_0_1", "Fleming-Harrington test for equality of survivor functions"),
    ("fh(1 0)", "fh_1_0", "Fleming-Harrington test for equality of survivor functions"),
])
def test_weighted_tests_against_r(s, option, key, title):
    ref = REF[key]
    lines = lines_of(s, f"sts test g, {option} noshow")
    assert lines[:2] == ["", ""] and lines[2] == title
    assert lines[3:7] == ["", "      |   Events         Events        Sum of",
                          "g     |  observed       expected        ranks", "------+" + "-" * 38]
    for line, label, o, e, u in zip(lines[7:10], ("low", "mid", "high"), ref["observed"], ref["expected"], ref["u"]):
        fields = line.split()
        assert fields[0] == label and fields[1] == "|" and float(fields[2]) == o
        assert fields[3] == f"{e:.2f}" and float(fields[4]) == pytest.approx(u, rel=1e-6, abs=1e-9)
    assert lines[11] == "Total |        44          44.00            0"
    assert lines[-2:] == [f"            chi2(2) = {ref['chi2']:10.2f}", f"            Pr>chi2 = {ref['p']:10.4f}"]
    assert r_value(s, "chi2") == pytest.approx(ref["chi2"], rel=1e-9)


def test_fh_1_0_is_survdiff_rho_1_and_logrank_is_survdiff(s):
    assert REF["fh_1_0"]["chi2"] == pytest.approx(REF["survdiff_rho1"], rel=1e-10)
    run(s, "sts test g, fh(1 0) noshow")
    assert r_value(s, "chi2") == pytest.approx(REF["survdiff_rho1"], rel=1e-9)
    run(s, "sts test g, fh(0 0) noshow")  # fh(0 0) is the log-rank statistic
    assert r_value(s, "chi2") == pytest.approx(REF["logrank"]["chi2"], rel=1e-9)


@pytest.mark.parametrize("option,key", [("logrank", "logrank_entry"), ("wilcoxon", "wilcoxon_entry"),
                                        ("tware", "tware_entry"), ("peto", "peto_entry"),
                                        ("fh(1 0)", "fh_1_0_entry")])
def test_delayed_entry_against_r(s, option, key):
    run(s, "stset t, failure(d) enter(time t0)")
    run(s, f"sts test g, {option} noshow")
    assert r_value(s, "chi2") == pytest.approx(REF[key]["chi2"], rel=1e-9)


def test_cox_test_table_and_lr_chi2_against_coxph(s):
    ref = REF["cox"]
    lines = lines_of(s, "sts test g, cox noshow")
    assert lines[2] == "Cox regression-based test for equality of survival curves"
    assert lines[4:7] == ["      |   Events         Events       Relative",
                          "g     |  observed       expected       hazard", "------+" + "-" * 38]
    for line, h in zip(lines[7:10], ref["hazard"]):
        assert line.split()[-1] == f"{h:.4f}"
    assert lines[11] == "Total |        44          44.00       1.0000"
    # chi2(2)'s upper tail is exp(-x/2)
    assert lines[-2:] == [f"         LR chi2(2) = {ref['chi2']:10.2f}",
                          f"            Pr>chi2 = {np.exp(-ref['chi2'] / 2):10.4f}"]
    assert r_value(s, "chi2") == pytest.approx(ref["chi2"], rel=1e-6)
    out, _ = run(s, "display r(df) _n r(by)")
    assert out.split() == ["2", "g"]
    lines = lines_of(s, "sts test g, cox strata(s) detail noshow")  # ctst_st never sees detail
    assert lines[2] == "Stratified Cox regression-based test for equality of survival curves"
    assert lines[5] == "g     |  observed    expected(*)      hazard(*)" and "-> Total" not in lines
    assert r_value(s, "chi2") == pytest.approx(REF["cox_strata"]["chi2"], rel=1e-6)
    run(s, "stset t, failure(d) enter(time t0)")
    lines = lines_of(s, "sts test g, cox noshow")
    assert r_value(s, "chi2") == pytest.approx(REF["cox_entry"]["chi2"], rel=1e-6)
    assert [line.split()[-1] for line in lines[7:10]] == [f"{h:.4f}" for h in REF["cox_entry"]["hazard"]]


def test_stratified_logrank_layout_and_survdiff(s):
    ref = REF["logrank_strata"]
    lines = lines_of(s, "sts test g, strata(s) noshow")
    assert lines[2] == "Stratified log-rank test for equality of survivor functions"
    assert lines[4:6] == ["      |   Events         Events", "g     |  observed    expected(*)"]
    assert [line.split()[3] for line in lines[7:10]] == [f"{e:.2f}" for e in ref["expected"]]
    assert lines[12:14] == ["", "(*) sum over calculations within s"]
    assert lines[-2] == f"            chi2(2) = {REF['survdiff_strata']:10.2f}"
    assert r_value(s, "chi2") == pytest.approx(REF["survdiff_strata"], rel=1e-9)
    for option, key in (("wilcoxon", "wilcoxon_strata"), ("tware", "tware_strata"), ("peto", "peto_strata"),
                        ("fh(2 1)", "fh_2_1_strata")):
        lines = lines_of(s, f"sts test g, {option} strata(s) noshow")
        assert lines[2].startswith("Stratified ") and lines[5].endswith("|  observed    expected(*)      ranks(*)")
        assert r_value(s, "chi2") == pytest.approx(REF[key]["chi2"], rel=1e-9)


def test_strata_detail_prints_each_stratum_then_total(s):
    lines = lines_of(s, "sts test g, strata(s) detail noshow")
    assert lines[:5] == ["", "", "Stratified log-rank test for equality of survivor functions", "", "-> s = 0"]
    assert lines[5:8] == ["", "      |   Events         Events", "g     |  observed       expected"]
    chi2 = [line for line in lines if "chi2(2)" in line]
    assert [float(c.split("=")[1]) for c in chi2] == [round(v, 2) for v in REF["detail"] + [REF["survdiff_strata"]]]
    k = lines.index("-> Total")
    assert lines[k - 1] == "" and lines[k + 3] == "g     |  observed    expected(*)"
    out, _ = run(s, "return list")
    assert "r(chi2)" not in out  # the ado's detail branch returns nothing
    lines = lines_of(s, "sts test g, strata(s) detail trend noshow")  # trend after the total's table
    assert lines[-4:-2] == ["Test for trend of survivor functions", ""]
    assert lines[-2] == f"            chi2(1) = {REF['trend_strata']['chi2']:10.2f}"


def test_trend_after_the_table(s):
    lines = lines_of(s, "sts test g, trend noshow")
    assert lines[-5:] == ["", "Test for trend of survivor functions", "",
                          f"            chi2(1) = {REF['trend_logrank']['chi2']:10.2f}",
                          f"            Pr>chi2 = {REF['trend_logrank']['p']:10.4f}"]
    assert r_value(s, "chi2_tr") == pytest.approx(REF["trend_logrank"]["chi2"], rel=1e-9)
    assert r_value(s, "df_tr") == 1
    run(s, "sts test g, peto trend noshow")
    assert r_value(s, "chi2_tr") == pytest.approx(REF["trend_peto"]["chi2"], rel=1e-9)
    run(s, "sts test g, strata(s) trend noshow")
    assert r_value(s, "chi2_tr") == pytest.approx(REF["trend_strata"]["chi2"], rel=1e-9)
    out, rc = run(s, "sts test s, trend noshow", stop_on_error=False)
    assert rc == 198 and "Events" in out and out.rstrip().endswith("trend test requires 3 or more groups\nr(198);")


def test_mat_stores_u_and_v(s):
    run(s, "sts test g, peto mat(u V) noshow")
    np.testing.assert_allclose(s.matrices["u"].values, [REF["peto"]["u"]], rtol=1e-9)
    np.testing.assert_allclose(s.matrices["V"].values, REF["peto"]["V"], rtol=1e-9, atol=1e-12)
    assert s.matrices["V"].rownames == ("r1", "r2", "r3") and s.matrices["u"].colnames == ("c1", "c2", "c3")
    run(s, "sts test g, mat(u V) noshow")  # logrank.ado stores expected - observed
    np.testing.assert_allclose(s.matrices["u"].values, [-np.array(REF["logrank"]["u"])], rtol=1e-9)


def test_several_variables_are_the_combinations(s):
    lines = lines_of(s, "sts test g s, noshow")
    assert lines[4:7] == ["        |   Events         Events", "g, s    |  observed       expected",
                          "--------+-------------------------"]
    assert [line.split("|")[0].strip() for line in lines[7:13]] == ["low, 0", "low, 1", "mid, 0", "mid, 1",
                                                                  "high, 0", "high, 1"]
    assert lines[-2] == f"              chi2(5) = {REF['survdiff_two']:10.2f}"
    assert r_value(s, "chi2") == pytest.approx(REF["survdiff_two"], rel=1e-9)


def test_notitle_and_noshow_blank_lines(s):
    lines = lines_of(s, "sts test g, notitle noshow")
    assert lines[:2] == ["", "      |   Events         Events"]
    lines = lines_of(s, "sts test g")
    assert lines[:6] == ["", "         failure _d:  d", "   analysis time _t:  t", "", "",
                         "Log-rank test for equality of survivor functions"]


def test_errors(s):
    for text, rc, message in (
            ("sts test g, tware peto", 198, "options logrank, wilcoxon, tware, peto, fh and cox are alternatives\n"
                                            "they may not be specified together"),
            ("sts test g, fh(-1 0)", 198, "p and q must be nonnegative"),
            ("sts test g, fh(1)", 122, "too few numbers specified"),
            ("sts test g, cox trend", 198, "trend not valid with option cox or pweight"),
            ("sts test g s, trend", 198, "only one grouping variable allowed for trend tests"),
            ("sts test g, cox mat(a b) noshow", 198, "option mat() not allowed"),
            ("sts test g, by(s)", 198, "by() not allowed"),
            ("sts test g if d == 0, noshow", 2000, "no test possible because there are no failures")):
        out, code = run(s, text, stop_on_error=False)
        assert code == rc and message in out, (text, out)


def test_stratum_without_failures_is_noted(s):
    run(s, "gen s2 = cond(t == 30, 9, s)")  # the records at 30 are censored: stratum 9 has no failure
    lines = lines_of(s, "sts test g, strata(s2) detail noshow")
    k = lines.index("-> s2 = 9")
    assert lines[k + 1] == "no test possible because there are no failures"
    assert lines[k + 3:k + 6] == ["-> Total", "Note: 1 stratum omitted because of no failures", ""]
