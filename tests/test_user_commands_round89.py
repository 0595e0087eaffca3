"""Community commands of the held-out do-files carried in round 89 (they were refused by name):
``xttest1`` (Sosa-Escudero and Bera's tests after xtreg, re; xttest1.ado 10/8/2006) and
``eventstudyinteract`` (Sun and Abraham's IW estimator; eventstudyinteract.ado 0.1).

Values: tests/user_commands_round89_reference/reference.py, an independent computation (pandas
groupby/merge for xttest1; full dummy-variable OLS, a cluster sandwich and explicit loops for the
IW estimator) on the panels make_data.py writes.  Layout: the ado files' display code (the
renderers' docstrings)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "user_commands_round89_reference"
VALUES = json.loads((REF / "reference_values.json").read_text())
ES_CALL = ("eventstudyinteract y g_4 g_3 g0-g3, cohort(first) control_cohort(never) covariates(x) "
           "absorb(i.id i.year) vce(cluster id)")


@pytest.fixture
def ec_session(new_session, run):
    s = new_session(pd.read_csv(REF / "ec_panel.csv"))
    out, rc = run(s, "xtset id t\nxtreg y x z, re")
    assert rc == 0, out
    return s


@pytest.fixture
def es_session(new_session):
    return new_session(pd.read_csv(REF / "es_panel.csv"))


# ---------------------------------------------------------------- xttest1
def test_xttest1_unadjusted_matches_independent_computation(ec_session, run):
    out, rc = run(ec_session, "xttest1, unadjusted")
    assert rc == 0, out
    ref = VALUES["xttest1"]
    r = ec_session.r
    for key in ("rets_lm", "rets_alm", "rets_alm_p", "reos_lm", "reos_lm_p", "reos_alm", "reos_alm_p",
                "sc_lm", "sc_lm_p", "sc_alm", "sc_alm_p", "jt_lm", "jt_lm_p"):
        assert r[key] == pytest.approx(ref[key], rel=1e-7, abs=1e-300), key
    assert r["N"] == ref["N"] == 233
    assert (r["jt_lm_df"], r["sc_lm_df"], r["sc_alm_df"], r["rets_alm_df"]) == (2, 1, 1, 1)
    # the ado's three assignments to rets_lm leave the statistic and no p-value or df
    assert "rets_lm_p" not in r and "rets_lm_df" not in r


def test_xttest1_default_returns_the_adjusted_tests_only(ec_session, run):
    out, rc = run(ec_session, "xttest1")
    assert rc == 0, out
    assert set(ec_session.r) == {"N", "sc_alm_df", "sc_alm_p", "sc_alm", "reos_alm_p", "reos_alm", "reos_lm_p",
                                 "reos_lm", "rets_alm_df", "rets_alm_p", "rets_alm"}
    assert ec_session.r["sc_alm"] == pytest.approx(VALUES["xttest1"]["sc_alm"], rel=1e-7)
    assert not any(ln.startswith(("           LM(Var(u)=0) ", "           LM(lambda=0)")) for ln in out.splitlines())
    assert "           ALM(lambda=0)         =   13.94 Pr>chi2(1) =  0.0002" in out.splitlines()
    # the joint test is shown without unadjusted too (its r() only with it)
    assert "           LM(Var(u)=0,lambda=0) =  159.49 Pr>chi2(2) =  0.0000" in out.splitlines()


def test_xttest1_layout(ec_session, run):
    out, _ = run(ec_session, "xttest1, unadj")
    lines = out.splitlines()
    sd_y = np.sqrt(VALUES["xttest1"]["var_y"])
    assert lines[:12] == [
        "", "Tests for the error component model:", "",
        "        y[id,t] = Xb + u[id] + v[id,t]",
        "           v[id,t] = lambda v[id,(t-1)] + e[id,t]", "",
        "        Estimated results:",
        "                         |       Var     sd = sqrt(Var)",
        "                ---------+-----------------------------",
        f"                       y |   {VALUES['xttest1']['var_y']:.6f}       {sd_y:.6f}",
        "                       e |   1.038023       1.018834",
        "                       u |   .7301068       .8544629"]
    assert lines[12:] == [
        "", "        Tests:",
        "           Random Effects, Two Sided:",
        "           LM(Var(u)=0)          =  145.55 Pr>chi2(1) =  0.0000",
        "           ALM(Var(u)=0)         =   72.54 Pr>chi2(1) =  0.0000", "",
        "           Random Effects, One Sided:",
        "           LM(Var(u)=0)          =   12.06 Pr>N(0,1)  =  0.0000",
        "           ALM(Var(u)=0)         =    8.52 Pr>N(0,1)  =  0.0000", "",
        "           Serial Correlation:",
        "           LM(lambda=0)          =   86.96 Pr>chi2(1) =  0.0000",
        "           ALM(lambda=0)         =   13.94 Pr>chi2(1) =  0.0002", "",
        "           Joint Test:",
        "           LM(Var(u)=0,lambda=0) =  159.49 Pr>chi2(2) =  0.0000", ""]


@pytest.mark.parametrize("setup, line, rc, message", [
    ("regress y x z", "xttest1", 301, "last estimates not found"),
    ("xtreg y x z, fe", "xttest1", 301, "last estimates not xtreg, re"),
    ("xtreg y x z, re", "xttest1, robust", 198, "option robust not allowed"),
    ("xtreg y x z, re", "xttest1 y", 101, "varlist not allowed"),
])
def test_xttest1_errors(new_session, run, setup, line, rc, message):
    s = new_session(pd.read_csv(REF / "ec_panel.csv"))
    run(s, f"xtset id t\n{setup}")
    out, got = run(s, line)
    assert got == rc and message in out


def test_xttest1_panel_with_a_gap_and_no_time_variable(new_session, run):
    df = pd.read_csv(REF / "ec_panel.csv")
    s = new_session(df[~((df["id"] == 2) & (df["t"] == 4))])
    out, rc = run(s, "xtset id t\nxtreg y x z, re\nxttest1")
    assert rc == 498 and "panel has gaps" in out
    s = new_session(df)
    out, rc = run(s, "xtset id\nxtreg y x z, re\nxttest1")
    assert rc == 111


# ---------------------------------------------------------------- eventstudyinteract
def test_eventstudyinteract_matches_independent_computation(es_session, run):
    out, rc = run(es_session, ES_CALL)
    assert rc == 0, out
    ref = VALUES["eventstudyinteract"]
    m = es_session.e.matrices
    np.testing.assert_allclose(m["b_iw"].values[0], ref["b_iw"], rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(m["V_iw"].values, ref["V_iw"], rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(m["ff_w"].values, ref["ff_w"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m["b_interact"].values, ref["b_interact"], rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(m["Sigma_ff"].values, ref["Sigma_ff"], rtol=1e-7, atol=1e-14)
    np.testing.assert_allclose(m["V_interact"].values,
                               np.diag(m["V"].values)[:18].reshape(6, 3).T)


def test_eventstudyinteract_e_results(es_session, run):
    run(es_session, ES_CALL)
    e = es_session.e
    assert e.cmd == "reghdfe" and e.macros["title"] == "IW estimates for dynamic effects"
    assert e.scalars["N"] == 800 and e.scalars["N_clust"] == 80
    m = e.matrices
    rels = ("g_4", "g_3", "g0", "g1", "g2", "g3")
    assert m["b_iw"].rownames == ("r1",) and m["b_iw"].colnames == rels
    assert m["V_iw"].rownames == rels == m["V_iw"].colnames
    assert m["ff_w"].rownames == ("4", "6", "8") and m["b_interact"].colnames == rels
    assert m["Sigma_ff"].values.shape == (18, 18) and m["Sigma_ff"].rownames[:3] == ("4", "6", "8")
    # e(b) is the interacted regression's, over the ado's temporary interaction names
    names = m["b"].colnames
    assert len(names) == 20 and names[-2:] == ("x", "_cons")
    bare = [n[2:] if n.startswith("o.") else n for n in names[:18]]
    assert all(n.startswith("__") and len(n) == 8 for n in bare)
    # g_4 x cohort 4 (year 0) and g3 x cohort 8 (year 11) are never 1: omitted, their delta 0
    assert names[0].startswith("o.") and names[17].startswith("o.")
    assert m["b_interact"].values[0, 0] == 0 and m["b_interact"].values[2, 5] == 0
    assert e.macros["cmdline"].startswith("reghdfe y __")


def test_eventstudyinteract_layout(es_session, run):
    out, _ = run(es_session, ES_CALL)
    lines = out.splitlines()
    ref = VALUES["eventstudyinteract"]
    assert lines[0] == ""
    assert lines[1] == "IW estimates for dynamic effects".ljust(50) + "Number of obs   =        800"
    assert lines[2].startswith(" " * 50 + "F(  17,     79) =")
    assert [ln[50:66] for ln in lines[3:7]] == ["Prob > F        ", "R-squared       ", "Adj R-squared   ",
                                                "Root MSE        "]
    assert lines[7] == ""
    assert lines[8] == "(Std. Err. adjusted for 80 clusters in id)".rjust(78)
    assert lines[11] == "           y |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]"
    row = lines[13].split()
    assert row[0] == "g_4" and float(row[2]) == pytest.approx(ref["b_iw"][0], abs=5e-7)
    assert float(row[3]) == pytest.approx(np.sqrt(ref["V_iw"][0][0]), rel=1e-6)
    assert lines[18].split()[0] == "g3" and lines[19] == "-" * 78


def test_eventstudyinteract_leaves_no_temporary_variables(es_session, run):
    before = list(es_session.data.varnames)
    run(es_session, ES_CALL)
    assert list(es_session.data.varnames) == before
    out, rc = run(es_session, "eventstudyinteract y g0-g3, cohort(first) control_cohort(never) absorb(i.id i.year)"
                              " vce(cluster nosuchvar)")
    assert rc == 111 and list(es_session.data.varnames) == before


@pytest.mark.parametrize("line, rc, message", [
    ("eventstudyinteract y g0-g3, control_cohort(never) absorb(i.id i.year)", 198, "option cohort() required"),
    ("eventstudyinteract y g0-g3, cohort(first) absorb(i.id i.year)", 198, "option control_cohort() required"),
    ("eventstudyinteract y g0-g3, cohort(first) control_cohort(never)", 198, "option absorb() required"),
    ("eventstudyinteract y g0-g3 [aw=x], cohort(first) control_cohort(never) absorb(i.id)", 101,
     "weights not allowed"),
    ("eventstudyinteract y, cohort(first) control_cohort(never) absorb(i.id)", 102, "too few variables"),
])
def test_eventstudyinteract_errors(es_session, run, line, rc, message):
    out, got = run(es_session, line)
    assert got == rc and message in out


def test_eventstudyinteract_robust_without_covariates(es_session, run):
    """vce(robust), no covariates: the IW estimates are the same weighted sums of the interacted
    regression (reghdfe's e(b) without x) -- b_iw = sum_c ff_w[c, r] b_interact[c, r]."""
    out, rc = run(es_session, "eventstudyinteract y g_4 g_3 g0-g3, cohort(first) control_cohort(never) "
                              "absorb(i.id i.year) vce(robust)")
    assert rc == 0, out
    m = es_session.e.matrices
    np.testing.assert_allclose(m["b_iw"].values[0], (m["ff_w"].values * m["b_interact"].values).sum(axis=0))
    np.testing.assert_allclose(m["ff_w"].values, VALUES["eventstudyinteract"]["ff_w"], rtol=1e-9, atol=1e-12)
    assert m["b"].colnames[-1] == "_cons" and len(m["b"].colnames) == 19
    assert "(Std. Err. adjusted" not in out and "Robust" in out
