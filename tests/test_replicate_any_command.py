"""``bootstrap [_b] [, options]: cmd`` and ``jackknife [_b] [, options]: cmd`` for any estimation
command (replicate_coefficients.py): e(b) replicated, e(V) the replicates', the command's own
table with those SEs (mixed, the me commands, the logit family through their vce()) or the
_prefix_display table; Stata's errors from bootstrap.ado / jackknife.ado / _prefix_command.

The jackknife numbers are checked against R (tests/replicate_any_command/jackknife_reference.R:
lme4 leaving one school out, glm leaving one observation out; JSON committed beside it)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests/replicate_any_command/jackknife_reference.json").read_text())


@pytest.fixture
def go(new_session, run):
    """``go(text) -> (rc, printed, session)`` on the hsb schools below 2000 (18 schools, 706 pupils)."""
    def run_on_hsb(text):
        session = new_session()
        printed, rc = run(session, f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n{text}",
                          echo=True, stop_on_error=False)
        return rc, printed, session
    return run_on_hsb


def _se(e, name):
    j = e.matrices["V"].colnames.index(name)
    return float(np.sqrt(e.matrices["V"].values[j, j]))


def test_jackknife_mixed_leave_one_school_out_matches_lme4(go):
    rc, out, s = go("jackknife, cluster(school): mixed mathach ses || school:")
    assert rc == 0, out
    ref = REF["mixed"]
    b = s.e.matrices["b"]
    assert list(b.colnames) == ref["names"]
    assert np.allclose(b.values[0], ref["b"], rtol=1e-5, atol=1e-6)
    V = s.e.matrices["V"].values
    assert np.allclose(V, np.array(ref["V"]), rtol=2e-3, atol=1e-6)
    assert s.e.scalars["N_reps"] == 18 and s.e.scalars["df_r"] == ref["df_r"]
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["vcetype"] == "Jackknife"
    assert s.e.macros["cmd"] == "mixed" and s.e.macros["prefix"] == "jackknife"
    assert s.e.macros["cmdline"] == "jackknife , cluster(school): mixed mathach ses || school:"
    assert "V_modelbased" in s.e.matrices
    # mixed's own table: Jackknife over Std. Err., t on 17 df; variances' SEs by the delta method
    assert "(running mixed on estimation sample)" in out
    assert "Jackknife replications (18)" in out
    assert "Mixed-effects ML regression" in out
    assert "             |              Jackknife\n     mathach |      Coef.   Std. Err.      t    P>|t|" in out
    ses_line = next(ln for ln in out.split("\n") if ln.strip().startswith("ses |"))
    assert abs(float(ses_line.split()[3]) - ref["se"][0]) < 1e-4 * ref["se"][0]
    var_line = next(ln for ln in out.split("\n") if "var(_cons) |" in ln)
    assert abs(float(var_line.split()[3]) - ref["se_var_school"]) < 2e-3 * ref["se_var_school"]
    resid_line = next(ln for ln in out.split("\n") if "var(Residual) |" in ln)
    assert abs(float(resid_line.split()[3]) - ref["se_var_resid"]) < 2e-3 * ref["se_var_resid"]
    assert "                             |              Jackknife         \n  Random-effects Parameters" in out
    assert "LR test vs. linear regression: chibar2(01) =" in out
    assert "Log likelihood = -2303.3005" in out  # not a pseudolikelihood


def test_replay_at_another_level_keeps_the_replicate_ses(go):
    rc, out, s = go("jackknife, cluster(school) nodots: mixed mathach ses || school:\nmixed, level(90)")
    assert rc == 0, out
    replay = out.split(". mixed, level(90)")[1]
    assert "[90% Conf. Interval]" in replay and "|              Jackknife" in replay
    ses = next(ln for ln in replay.split("\n") if ln.strip().startswith("ses |"))
    assert abs(float(ses.split()[3]) - REF["mixed"]["se"][0]) < 1e-4 * REF["mixed"]["se"][0]
    from mlmcli import distributions as stats
    lo = REF["mixed"]["b"][0] - stats.t.ppf(0.95, 17) * float(ses.split()[3])
    assert abs(float(ses.split()[6]) - lo) < 2e-6


def test_prefix_level_option_reaches_the_command_table(go):
    rc, out, s = go("jackknife, cluster(school) nodots level(90): mixed mathach ses || school:")
    assert rc == 0, out
    assert out.count("[90% Conf. Interval]") == 2 and s.e.scalars["level"] == 90
    ses = next(ln for ln in out.split("\n") if ln.strip().startswith("ses |"))
    assert ses.split()[6:8] == ["2.028128", "3.568931"]  # as `mixed, level(90)` replays it


def test_jackknife_logit_leave_one_out_matches_glm(go):
    rc, out, s = go("jackknife, nodots: logit minority ses")
    assert rc == 0, out
    ref = REF["logit"]
    assert np.allclose([_se(s.e, "minority:ses"), _se(s.e, "minority:_cons")], ref["se"], rtol=1e-4)
    assert "Logistic regression" in out and "|              Jackknife" in out
    assert s.e.scalars["df_r"] == ref["df_r"]


def test_bootstrap_mixed_shows_observed_bootstrap_normal_based(go):
    rc, out, s = go("bootstrap, reps(6) seed(5): mixed mathach ses || school:")
    assert rc == 0, out
    lines = out.split("\n")
    assert "Bootstrap replications (6)" in out
    assert "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 " in lines
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    # _xtmixed_display's DiVarComp: Observed at column 34, Bootstrap at 45, Normal-based at 63
    head = next(ln for ln in lines if ln.startswith("                             |   Observed"))
    assert head.index("Observed") == 33 and head.index("Bootstrap") == 44 and head.index("Normal-based") == 62
    assert s.e.scalars["N_reps"] == 6 and "df_r" not in s.e.scalars
    # the replicates' V by hand: the 6 replicate e(b) rows are not kept, so check V is a
    # covariance (PSD) on e(b)'s 4 columns and the table's SE is sqrt(V)
    V = s.e.matrices["V"].values
    assert V.shape == (4, 4) and np.all(np.linalg.eigvalsh(V) > -1e-12)
    ses_line = next(ln for ln in lines if ln.strip().startswith("ses |"))
    assert abs(float(ses_line.split()[3]) - _se(s.e, "mathach:ses")) < 1e-6
    # the Wald test in the header is recomputed with the bootstrap V
    z = s.e.matrices["b"].values[0][0] / _se(s.e, "mathach:ses")
    assert abs(s.e.scalars["chi2"] - z * z) < 1e-8


def test_mixed_header_under_the_prefix_is_mixeds_own(go):
    """jackknife.ado's Display replays a command that is not svy-able (Stata 13's mixed) with the
    command itself: _xtmixed_display's DiHeader, laid out as without the prefix -- two blank
    lines between ``max =`` and ``Wald chi2`` (the group table's ``_n`` and DiHeader's ``di``),
    no Replications line (docs/replicate_prefix_any_command.md)."""
    def header(text):
        rc, out, _ = go(text)
        assert rc == 0, out
        lines = out.split("\n")
        start = next(i for i, ln in enumerate(lines) if ln.startswith("Mixed-effects ML regression"))
        end = next(i for i, ln in enumerate(lines) if ln.startswith("Log likelihood"))
        return lines[start:end + 1]
    # seven of the fixture's schools (246 pupils): the jackknife leaves out one pupil at a time, so
    # its fits are as many as the rows, and the header's layout does not depend on how many
    plain = header("keep if school < 1400\nmixed mathach ses || school:")
    prefixed = header("keep if school < 1400\njackknife, nodots: mixed mathach ses || school:")
    shape = [ln[:60].rstrip() for ln in plain]
    assert [ln[:60].rstrip() for ln in prefixed] == shape
    at = next(i for i, ln in enumerate(prefixed) if "max =" in ln)
    assert prefixed[at + 1] == prefixed[at + 2] == "" and "Wald chi2(1)" in prefixed[at + 3]
    assert not any("Replications" in ln for ln in prefixed)


def test_bootstrap_same_seed_same_numbers_and_data_kept(go):
    text = "gsort -mathach\nbootstrap, reps(4) seed(11) nodots: mixed mathach ses || school:"
    _, out1, s1 = go(text)
    _, out2, s2 = go(text)
    assert np.array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    assert np.all(np.diff(s1.data.numeric("mathach")) <= 0)
    assert "(running" not in out1  # nodots: _prefix_note says nothing


def test_idcluster_makes_each_drawn_school_its_own_group(go):
    rc, out, s = go("bootstrap, reps(3) seed(1) nodots cluster(school) idcluster(nid): mixed mathach ses || nid:")
    assert rc == 0, out
    assert "nid" in s.data.varnames
    assert s.e.scalars["N_clust"] == 18 and s.e.macros["clustvar"] == "school"
    assert "Group variable: nid" in out


def test_me_command_table_with_replicate_ses(go):
    rc, out, s = go("generate hi = mathach > 13\njackknife, cluster(school) nodots: melogit hi ses || school:")
    assert rc == 0, out
    assert "Mixed-effects logistic regression" in out
    assert "|              Jackknife\n          hi |      Coef.   Std. Err.      t    P>|t|" in out
    var_line = next(ln for ln in out.split("\n") if "var(_cons)|" in ln)
    assert abs(float(var_line.split()[2]) - _se(s.e, "var(_cons[school]):_cons")) < 1e-6


def test_tobit_replays_its_own_table_with_the_replicate_ses(go):
    rc, out, s = go("bootstrap _b, reps(4) seed(2) nodots: tobit mathach ses, ll(0)")
    assert rc == 0, out
    lines = out.split("\n")
    assert "Tobit regression                                  Number of obs   =        706" in lines
    assert any(ln.startswith("                                                  Wald chi2(1)    =") for ln in lines)
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert "  Obs. summary:         24  left-censored observations at mathach<=0" in lines
    assert "df_r" not in s.e.scalars  # bootstrap.ado drops the command's e(df_r): z statistics
    ses = next(ln for ln in lines if ln.strip().startswith("ses |"))
    assert abs(float(ses.split()[3]) - _se(s.e, "model:ses")) < 1e-6
    sigma = next(ln for ln in lines if "/sigma |" in ln)
    assert abs(float(sigma.split()[3]) - _se(s.e, "sigma:_cons")) < 1e-6
    assert s.e.macros["cmd"] == "tobit" and s.e.macros["vcetype"] == "Bootstrap"


def test_intreg_sigma_row_is_the_delta_method_of_lnsigma(go):
    rc, out, s = go("generate lo = mathach - 1\ngenerate hi = mathach + 1\n"
                    "jackknife, cluster(school) nodots: intreg lo hi ses")
    assert rc == 0, out
    lines = out.split("\n")
    assert "F(   1,     17)" in out and "|              Jackknife" in out
    lnsig = next(ln for ln in lines if "/lnsigma |" in ln)
    sigma = next(ln for ln in lines if ln.strip().startswith("sigma |"))
    se_ln = _se(s.e, "lnsigma:_cons")
    assert abs(float(lnsig.split()[3]) - se_ln) < 1e-6
    assert abs(float(sigma.split()[3]) - float(sigma.split()[2]) * se_ln) < 1e-5


def test_meqrlogit_replays_its_own_table_on_the_log_sd_scale(go):
    """meqrlogit's e(b) holds lns1_1_1 (the log sd): var(_cons)'s SE is 2 var se(lns)."""
    rc, out, s = go("generate hi = mathach > 13\n"
                    "bootstrap, reps(3) seed(1) nodots: meqrlogit hi ses || school:")
    assert rc == 0, out
    assert "             |   Observed   Bootstrap                         Normal-based" in out
    var_line = next(ln for ln in out.split("\n") if "var(_cons) |" in ln)
    est, se = float(var_line.split()[2]), float(var_line.split()[3])
    assert abs(se - 2 * est * _se(s.e, "lns1_1_1:_cons")) < 1e-6 + 1e-6 * se


def test_other_commands_get_the_prefix_display_table(go):
    """A command mlm cannot replay with replicate SEs (areg): _prefix_display's table."""
    rc, out, s = go("bootstrap, reps(4) seed(2) nodots: areg mathach ses, absorb(school)")
    assert rc == 0, out
    lines = out.split("\n")
    assert lines[lines.index("      command:  areg mathach ses, absorb(school)") - 1] == ""
    assert any(ln.endswith("Replications       =         4") for ln in lines)
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert s.e.macros["cmd"] == "areg" and s.e.scalars["N_reps"] == 4


def test_jackknife_generic_table_has_t_and_f(go):
    rc, out, s = go("jackknife, cluster(school) nodots: areg mathach ses, absorb(school)")
    assert rc == 0, out
    assert "F(   1,    17)" in out and "Prob > F" in out
    assert "      Coef.   Std. Err.      t    P>|t|" in out


@pytest.mark.parametrize("line, rc, message", [
    ("bootstrap: summarize ses", 100, "expression list required"),
    ("jackknife: nosuchcmd y x", 111, "nosuchcmd command not found"),
    ("bootstrap: bootstrap: mixed mathach ses || school:", 199, "bootstrap is not supported by bootstrap"),
    ("bootstrap: by school: mixed mathach ses || school:", 199, "by may not be used in this context"),
    ("bootstrap: mixed mathach ses [fw=school] || school:", 101, "weights not allowed"),
    ("bootstrap [fw=school]: mixed mathach ses || school:", 101, "weights not allowed"),
    ("bootstrap: ", 198, "'' found where command expected"),
    ("bootstrap, reps(3): mixed mathach nosuchvar || school:", 111,
     "variable nosuchvar not found\nan error occurred when bootstrap executed mixed"),
    ("bootstrap, reps(1): mixed mathach ses || school:", 198, "reps() must be an integer greater than 1"),
    ("bootstrap _b[ses] r(mean), reps(3): mixed mathach ses || school:", 322,
     "'r(mean)' evaluated to missing in full sample"),
    ("jackknife _b[ses] r(mean): mixed mathach ses || school:", 322, "'r(mean)' evaluated to missing in full sample"),
    ("bootstrap, jackknifeopts(nodots): mixed mathach ses || school:", 198, "not supported by mlmcli"),
    ("jackknife if ses > 0: mixed mathach ses if sector == 1 || school:", 198,
     "jackknife and mixed may not both specify an if condition"),
])
def test_errors(go, line, rc, message):
    got, out, s = go(f"generate id = _n\n{line}")
    assert got == rc, out
    assert message in out
    assert "id" in s.data.varnames and s.data.nobs == 706


def test_exp_list_with_b_and_an_e_scalar_after_mixed(go):
    rc, out, s = go("bootstrap _b[ses] (e(ll)), reps(3) seed(1) nodots: mixed mathach ses || school:")
    assert rc == 0, out
    assert "        _bs_1:  _b[ses]" in out and "        _bs_2:  e(ll)" in out
    assert s.e.macros["cmd"] == "bootstrap"


def test_notable_and_noheader_are_not_handed_to_the_replay(go):
    """bootstrap.ado's Display: the command's replay gets neither; both together show nothing."""
    _, out1, _ = go("bootstrap, reps(3) seed(1) nodots noheader: mixed mathach ses || school:")
    assert "Mixed-effects ML regression" in out1 and "Random-effects Parameters" in out1
    _, out2, s = go("bootstrap, reps(3) seed(1) nodots noheader notable: mixed mathach ses || school:")
    assert "Mixed-effects ML regression" not in out2 and s.e.macros["prefix"] == "bootstrap"


def test_capture_noisily_quietly_are_ignored_with_a_note(go):
    rc, out, s = go("bootstrap, reps(3) seed(1) nodots: quietly mixed mathach ses || school:")
    assert rc == 0, out
    assert "(note: ignoring quietly)" in out
    assert s.e.macros["prefix"] == "bootstrap"
