"""The ``jackknife:`` and ``bootstrap:`` prefixes on _b ([R] jackknife, [R] bootstrap; [R] vce_option:
vce(jackknife|bootstrap) on an estimation command is the prefix on its _b): the same table and e()
as the command's vce() form with the same seed; what cannot be mapped is refused r(198) with the
data unchanged."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def go(new_session, run):
    """``go(text) -> (rc, printed, session)`` on the hsb schools below 1500."""
    def run_on_hsb(text):
        session = new_session()
        printed, rc = run(session, f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\n{text}",
                          echo=True, stop_on_error=False)
        return rc, printed, session
    return run_on_hsb


def _without_echo(out: str) -> list[str]:
    return [ln for ln in out.split("\n") if not ln.startswith(". ")]


def _same(go, prefixed: str, vce_form: str):
    rc1, out1, s1 = go(prefixed)
    rc2, out2, s2 = go(vce_form)
    assert rc1 == 0 and rc2 == 0, out1 + out2
    assert _without_echo(out1) == _without_echo(out2)
    assert np.array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    assert s1.e.macros["vce"] == s2.e.macros["vce"]
    return out1, s1


def test_bootstrap_prefix_is_regress_vce_bootstrap_with_the_same_seed(go):
    out, s = _same(go, "bootstrap, reps(25) seed(7): regress mathach ses if sector == 1",
                   "regress mathach ses if sector == 1, vce(bootstrap, reps(25) seed(7))")
    assert "Bootstrap replications (25)" in out
    assert s.e.macros["vce"] == "bootstrap" and s.e.scalars["N_reps"] == 25


def test_bootstrap_prefix_with_set_seed_and_nodots(go):
    out, _ = _same(go, "set seed 3\nbootstrap _b, nodots reps(10): regress mathach ses, level(90)",
                   "set seed 3\nregress mathach ses, level(90) vce(bootstrap, nodots reps(10))")
    assert "Bootstrap replications" not in out and "[90% Conf. Interval]" in out


def test_jackknife_prefix_is_regress_vce_jackknife(go):
    out, s = _same(go, "jackknife, mse nodots: regress mathach ses",
                   "regress mathach ses, vce(jackknife, mse nodots)")
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["vcetype"] == "Jknife *"


def test_jackknife_prefix_cluster_option_reaches_regress(go):
    _same(go, "jackknife, cluster(school) nodots: regress mathach ses",
          "regress mathach ses, vce(jackknife, cluster(school) nodots)")


def test_bootstrap_prefix_on_xtreg(go):
    """The prefix draws observations; with cluster(panelvar) idcluster(panelvar) it draws panels,
    each a new panel, as xtreg's vce(bootstrap) (tests/test_xtreg_bootstrap_prefix.py)."""
    out, s = _same(go, "xtset school\nbootstrap, reps(8) seed(2) nodots cluster(school) idcluster(school): "
                   "xtreg mathach ses, re", "xtset school\nxtreg mathach ses, re vce(bootstrap, reps(8) seed(2) nodots)")
    assert s.e.macros["cmdline"] == ("bootstrap , reps(8) seed(2) nodots cluster(school) idcluster(school): "
                                     "xtreg mathach ses, re")


@pytest.mark.parametrize("line, message", [
    ("jackknife m=_b[ses], verbose: regress mathach ses", "jackknife option verbose with an exp_list not supported"),
    ("bootstrap r(mean), ties: summarize ses", "bootstrap option ties with an exp_list not supported"),
    ("jackknife, keep: xtgee mathach ses, i(school)", "jackknife option keep not supported by mlmcli with xtgee"),
    ("bootstrap, bogus: regress mathach ses", "option bogus not allowed"),
    ("bootstrap, reps(5)", "invalid syntax"),
    ("bootstrap in 1/5: regress mathach ses in 1/9", "bootstrap and regress may not both specify an in condition"),
    ("jackknife: regress mathach ses, vce(bootstrap)", "jackknife: option vce() on regress not supported by mlmcli"),
    ("bootstrap, cluster(sector): clogit minority ses, group(school) cl(school)",
     "option cluster() of bootstrap conflicts with option cluster() of clogit"),
])
def test_refusals_are_r198_and_leave_the_data_unchanged(go, line, message):
    rc, out, s = go(f"generate id = _n\ngsort -mathach\n{line}")
    assert rc == 198, out
    assert message in out
    assert s.e is None or s.e.macros.get("cmd") != "regress"
    assert s.data.nobs == int((s.data.numeric("school") < 1500).sum())
    assert np.all(np.diff(s.data.numeric("mathach")) <= 0)  # the sort order kept
    assert "id" in s.data.varnames


def test_bootstrap_options_pass_to_the_shared_vce_bootstrap(go):
    """strata(), mse ... are handed to the command's vce(bootstrap) (mlmcli/replication/)."""
    _same(go, "bootstrap, reps(5) seed(2) strata(sector) mse nodots: logit minority ses",
          "logit minority ses, vce(bootstrap, reps(5) seed(2) strata(sector) mse nodots)")


def test_unknown_command_after_the_prefix(go):
    """_prefix_command's ParseCommand: unabcmd and program list both fail (r(111))."""
    rc, out, _ = go("jackknife: nosuchcmd y x")
    assert rc == 111, out
    assert "nosuchcmd command not found" in out


def test_jackknife_prefix_on_xtgee_with_the_panels_as_clusters(go):
    """xtgee's vce(jackknife) is the prefix with cluster(panelvar) (_vce_parserun ..., panel);
    the prefix without cluster() leaves out observations (test_xtgee_jackknife_prefix.py)."""
    out, s = _same(go, "jackknife, cluster(school) nodots: xtgee mathach ses, i(school)",
                   "xtgee mathach ses, i(school) vce(jackknife, nodots)")
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["clustvar"] == "school"
    assert s.e.macros["cmdline"] == "jackknife , cluster(school) nodots: xtgee mathach ses, i(school)"  # jackknife.ado


@pytest.mark.parametrize("synonym, prefix, line", [
    ("bs", "bootstrap", ", reps(6) seed(4) nodots: regress mathach ses"),
    ("bstrap", "bootstrap", " r(mean), reps(6) seed(4) nodots: summarize ses"),
    ("jknife", "jackknife", ", nodots: regress mathach ses if school < 1300"),
    ("jacknife", "jackknife", " r(sd), nodots: summarize ses if school < 1300"),
])
def test_bs_bstrap_jknife_jacknife_are_the_prefixes(go, synonym, prefix, line):
    """bs.ado, bstrap.ado, jknife.ado and jacknife.ado run the prefix on the same line."""
    rc1, out1, s1 = go(synonym + line)
    rc2, out2, s2 = go(prefix + line)
    assert rc1 == 0 and rc2 == 0, out1 + out2
    assert _without_echo(out1) == _without_echo(out2)
    assert np.array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)


@pytest.mark.parametrize("word", ["jack", "jackkn", "jackknif", "boot", "bootstr"])
def test_the_prefixes_do_not_abbreviate(go, word):
    """[R] jackknife and [R] bootstrap underline no letters: an abbreviation is unrecognized."""
    rc, out, _ = go(f"{word} r(mean): summarize ses")
    assert rc == 199 and f"unrecognized command:  {word}" in out, out


def _leave_one_panel_out(go, fit: str, extra: str = ""):
    """The jackknife over the schools done by hand: the fit without each school in turn."""
    rc, out, s = go(f"{extra}levelsof school, local(ids)\nmatrix R = J(1, 1, .)\n"
                    "foreach k of local ids {\n"
                    f"  quietly {fit} if school != `k', fe\n"
                    "  matrix R = R \\ _b[ses]\n}")
    assert rc == 0, out
    loo = s.matrices["R"].values[1:, 0]
    return len(loo), (len(loo) - 1) / len(loo) * ((loo - loo.mean()) ** 2).sum()


@pytest.mark.parametrize("fit, setup", [
    ("xtlogit hi ses", "generate hi = mathach > 13\n"),
    ("xtpoisson k ses", "generate k = max(round(mathach/5), 0)\n"),
])
def test_jackknife_prefix_on_xtlogit_and_xtpoisson_fe_leaves_each_panel_out(go, fit, setup):
    n, expected = _leave_one_panel_out(go, fit, setup + "xtset school\n")
    out, s = _same(go, f"{setup}xtset school\njackknife, cluster(school): {fit}, fe",
                   f"{setup}xtset school\n{fit}, fe vce(jackknife)")
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(expected, rel=1e-8)
    assert s.e.scalars["N_reps"] == n and s.e.scalars["df_r"] == n - 1 and s.e.macros["vcetype"] == "Jackknife"
    assert f"(running {fit.split()[0]} on estimation sample)" in out
    # _crcphdr.ado: F(%6.0f,%8.0f), the log likelihood on the Prob > F line, no Replications line
    assert f"                                                F(     1,      {n - 1}) =" in out
    assert "                    Prob > F           =    0.0" in out and "Replications    " not in out
    assert f"(Replications based on {n} clusters in school)".rjust(78) in out


def test_bootstrap_prefix_on_xtpoisson_fe_and_jackknife_on_the_random_effects(go):
    setup = "generate k = max(round(mathach/5), 0)\nxtset school\n"
    out, s = _same(go, f"{setup}bootstrap, reps(6) seed(9) nodots cl(school) id(school): xtpoisson k ses, fe irr",
                   f"{setup}xtpoisson k ses, fe irr vce(bootstrap, reps(6) seed(9) nodots)")
    assert s.e.scalars["N_reps"] == 6 and s.e.macros["vce"] == "bootstrap"
    assert "Wald chi2(1)" in out and "IRR" in out
    # the random-effects model (test_xt_re_replicates.py): the prefix's cluster(panelvar) is its vce()
    setup += "generate hi = mathach > 13\n"
    out, s = _same(go, f"{setup}jackknife, cluster(school) nodots: xtlogit hi ses if school < 1500",
                   f"{setup}xtlogit hi ses if school < 1500, vce(jackknife, nodots)")
    assert s.e.macros["vcetype"] == "Jackknife" and "F(     1," in out
