"""sts behaviour read from sts.ado 8.6.0 (and st_show, logrank.ado): sts list's group headings
(GetVal: ``g=1`` for an unlabelled number), stset's own noshow, sts test's detail with several
strata(), and sts generate as Gen makes its variables (hand-derivable numbers)."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import double_session, drawn, run

# t, d, g, h: group 1 ends in S = 0 at t = 3; group 2 has a censored record alone at t = 5
DATA = {"t": [1, 2, 3, 2, 4, 5, 6, 7, 8], "d": [1, 0, 1, 1, 1, 0, 1, 1, 0],
        "g": [1, 1, 1, 1, 2, 2, 2, 2, 2], "h": [0, 1, 0, 1, 1, 0, 1, 0, 1]}


@pytest.fixture()
def s():
    session = double_session(DATA)
    out, rc = run(session, "stset t, failure(d)")
    assert rc == 0, out
    return session


# ---------------------------------------------------------------- sts list's group headings
def test_list_heading_unlabelled_number_is_name_equals_value(s):
    out, _ = run(s, "sts list, by(g) noshow")
    assert "g=1 " in out.splitlines() and "g=2 " in out.splitlines()
    out, _ = run(s, "sts list, by(g h) at(2 5) noshow")
    assert "g=1 h=0 " in out.splitlines() and "g=2 h=1 " in out.splitlines()
    out, _ = run(s, "sts list, strata(g) adjustfor(h) noshow")
    assert "g=2 " in out.splitlines()
    out, _ = run(s, "sts list, strata(g) adjustfor(h) at(3) noshow")
    assert "g=1 " in out.splitlines()


def test_list_heading_value_label_alone(s):
    run(s, 'label define gl 1 "one" 2 "two"\nlabel values g gl')
    out, _ = run(s, "sts list, by(g h) noshow")
    assert "one h=0 " in out.splitlines() and "two h=1 " in out.splitlines()


# ---------------------------------------------------------------- stset's noshow
def test_stset_noshow_silences_sts_list_test_graph(s):
    shown, _ = run(s, "sts list")
    assert "failure _d:  d" in shown
    run(s, "stset t, failure(d) noshow")
    for command in ("sts list", "sts list, strata(g) adjustfor(h)", "sts test g"):
        out, rc = run(s, command)
        assert rc == 0 and "failure _d:" not in out and "analysis time _t:" not in out, out
    out, rc = run(s, "sts graph")
    assert rc == 0 and "failure _d:" not in out
    run(s, "stset, show")
    out, _ = run(s, "sts test g")
    assert "failure _d:  d" in out


# ---------------------------------------------------------------- sts test, detail
def test_detail_with_two_strata_variables_title_then_invalid_syntax(s):
    """logrank.ado's detail: Title, then `local x = g h[#]` -- an expression of two names."""
    out, rc = run(s, "sts test d, strata(g h) detail noshow", stop_on_error=False)
    assert rc == 198
    assert out.splitlines() == ["", "", "Stratified log-rank test for equality of survivor functions",
                                "invalid syntax", "r(198);"]
    out, rc = run(s, "sts test d, strata(g h) detail noshow notitle", stop_on_error=False)
    assert rc == 198 and out.splitlines() == ["invalid syntax", "r(198);"]


# ---------------------------------------------------------------- sts generate (Gen)
def test_generate_gen_values_on_failure_times_only(s):
    out, rc = run(s, "sts gen S = s se = se(s) n = n dd = d hh = h na = na lb = lb(s) sl = se(lls), by(g)")
    assert rc == 0, out
    col = {v: s.data.numeric(v) for v in ("S", "se", "n", "dd", "hh", "na", "lb", "sl")}
    # group 1: t = 1 (n 4, d 1), t = 2 (n 3, d 1, one censored), t = 3 (n 1, d 1: S = 0)
    np.testing.assert_allclose(col["S"][:4], [.75, .5, 0, .5])
    np.testing.assert_allclose(col["n"][:4], [4, 3, 1, 3])
    np.testing.assert_allclose(col["hh"][:4], [1 / 4, 1 / 3, 1, 1 / 3])
    se2 = .5 * np.sqrt(1 / 12 + 1 / 6)
    # S = 0 at t = 3: se(s), lb(s) missing there and carried from t = 2; se(lls)'s sums skip the term
    np.testing.assert_allclose(col["se"][:4], [.75 * np.sqrt(1 / 12), se2, se2, se2])
    np.testing.assert_allclose(col["lb"][2], col["lb"][1])
    sl2 = np.sqrt((1 / 12 + 1 / 6) / np.log(.5) ** 2)
    np.testing.assert_allclose(col["sl"][[1, 2]], [sl2, sl2])
    # group 2: t = 5 is censored only -- n, d, h missing; s, se, na carried from t = 4
    np.testing.assert_allclose(col["n"][[4, 6, 7]], [5, 3, 2])
    assert np.isnan(col["n"][5]) and np.isnan(col["dd"][5]) and np.isnan(col["hh"][5]) and np.isnan(col["n"][8])
    np.testing.assert_allclose(col["S"][[4, 5]], [.8, .8])
    np.testing.assert_allclose(col["na"][[4, 5, 8]], [.2, .2, .2 + 1 / 3 + 1 / 2])
    assert all(s.data.types[v] == "double" for v in ("S", "se", "hh", "na", "lb", "sl"))
    assert s.data.types["n"] == "byte" and s.data.types["dd"] == "byte"
    assert s.data.var_labels["hh"] == "Delta_H(t)" and s.data.var_labels["sl"] == "se(-ln ln S)"


def test_generate_before_first_failure_and_undocumented_functions(s):
    run(s, "sts gen na = na, by(h)")
    run(s, "sts gen ns = ns cr = cumrisk hz = dchaz, level(90) by(h)")
    # by(h): h = 0 first fails at 1; h = 1 first fails at 2 (its records at 2: one failing, one censored)
    cr, na = s.data.numeric("cr"), s.data.numeric("na")
    np.testing.assert_allclose(cr, -np.expm1(-na))
    assert s.data.var_labels["ns"] == "Modified K-M" and s.data.var_labels["cr"] == "Nelson-Aalen cumulative risk"
    # group h = 1 at t = 2: n = 5 at risk (t 2, 2, 4, 6, 8), one failure; ns = 1 - 1/6
    at2 = (s.data.numeric("h") == 1) & (s.data.numeric("t") == 2)
    np.testing.assert_allclose(s.data.numeric("ns")[at2], 5 / 6)
    np.testing.assert_allclose(s.data.numeric("hz")[at2], 1 / 5)
    run(s, "sts gen lo = lb(s), level(90)")
    assert s.data.var_labels["lo"] == "S() 90% lower bound"


def test_generate_one_variable_per_function_the_last_typed(s):
    """Gen keeps each function's newvar in one local: an earlier one is never created (na and
    cumrisk share theirs, as lb(s) and lb do)."""
    out, rc = run(s, "sts gen lo = lb(s) lo2 = lb a = na b = cumrisk c = s c = s")
    assert rc == 0, out
    assert "lo" not in s.data.varnames and "a" not in s.data.varnames
    assert {"lo2", "b", "c"} <= set(s.data.varnames)
    assert s.data.var_labels["b"] == "Nelson-Aalen cumulative risk"
    out, rc = run(s, "sts gen x = s y = n x = n", stop_on_error=False)
    assert rc == 110 and "x already defined" in out and "x" not in s.data.varnames


def test_generate_without_failures_h_missing_n_on_every_record(s):
    run(s, "sts gen n = n hh = h S = s se = se(s) if d == 0")
    rows = s.data.numeric("d") == 0
    assert np.isnan(s.data.numeric("hh")).all()  # Gen: h is 0 everywhere, so missing
    np.testing.assert_allclose(s.data.numeric("n")[rows], [3, 2, 1])  # t = 2, 5, 8
    np.testing.assert_allclose(s.data.numeric("S")[rows], 1)
    assert np.isnan(s.data.numeric("se")).all()


def test_generate_f_is_unknown_function(s):
    """Stata 13's [ST] sts generate has no f (nor has sts.ado's Gen)."""
    before = list(s.data.varnames)
    out, rc = run(s, "sts gen S = s F = f", stop_on_error=False)
    assert rc == 198 and "f unknown function" in out
    assert list(s.data.varnames) == before
