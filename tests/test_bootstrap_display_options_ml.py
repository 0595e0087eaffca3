"""Display options typed in vce(bootstrap, ...) of logit, probit, poisson, nbreg, cloglog,
ologit, oprobit and mlogit: handed to the command's table as bootstrap.ado hands its diopts to the
command's replay (as regress's, regress_bootstrap): noheader, notable (the header alone), both
(nothing), nolegend (no legend to drop), the command's own eform option (or, irr, rrr, eform),
cformat()/pformat()/sformat()/baselevels when the command takes them, level(); verbose, title(),
an eform option the command lacks and display options it lacks stay mlm's r(198)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
BS = "reps(5) seed(1) nodots"


def _go(new_session, run, line):
    s = new_session()
    out, rc = run(s, SETUP + line, stop_on_error=False)
    return rc, out, s


def test_noheader_or_cformat_as_the_replay_shows_them(new_session, run):
    rc, out, s = _go(new_session, run, f"logit hi ses, vce(bootstrap, {BS} noheader or cformat(%7.3f))")
    assert rc == 0
    lines = out.rstrip("\n").split("\n")
    assert "Logistic regression" not in out and "Number of obs" not in out
    assert lines[-6:] == [
        "------------------------------------------------------------------------------",
        "             |   Observed   Bootstrap                         Normal-based",
        "          hi | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]",
        "-------------+----------------------------------------------------------------",
        lines[-2], "-" * 78]
    row = lines[-2]
    assert row.startswith("         ses |      3.375      0.149 ")  # exp(b) and exp(b) se in %7.3f
    assert "_cons" not in out
    # the replay with or reproduces the same table from e()
    again, _ = run(s, "logit, or cformat(%7.3f)")
    assert again.rstrip("\n").split("\n")[-2] == row


def test_notable_shows_the_header_alone_and_level_is_the_tables(new_session, run):
    rc, out, s = _go(new_session, run, f"logit hi ses, vce(bootstrap, {BS} notable)")
    assert rc == 0 and "Replications    =          5" in out and "Coef." not in out
    assert out.rstrip("\n").split("\n")[-1].startswith("Log likelihood = -319.57807")
    rc, out, s = _go(new_session, run, f"poisson hi ses, vce(bootstrap, {BS} irr notable noheader)")
    assert rc == 0 and out.rstrip("\n").split("\n")[-1] == "(6,655 observations deleted)"  # nothing shown
    rc, out, s = _go(new_session, run, f"probit hi ses, vce(bootstrap, {BS} level(90) nolegend)")
    assert rc == 0 and "[90% Conf. Interval]" in out and s.e.scalars["level"] == 90


def test_mlogit_rrr_noheader(new_session, run):
    rc, out, s = _go(new_session, run, f"mlogit hi ses, vce(bootstrap, {BS} noheader rrr)")
    assert rc == 0 and "Multinomial" not in out and "        RRR   Std. Err." in out


# vsquish, coeflegend ...: logit's own display options now (test_display_options_ml_commands), handed on
@pytest.mark.parametrize("option, word", [("verbose", "verbose"), ("title(x)", "title()"), ("irr", "irr")])
def test_what_logit_cannot_show_is_refused(new_session, run, option, word):
    rc, out, s = _go(new_session, run, f"logit hi ses, vce(bootstrap, {BS} {option})")
    assert rc == 198 and f"vce(bootstrap, {word}) not supported by mlmcli with logit" in out
    assert s.e is None
