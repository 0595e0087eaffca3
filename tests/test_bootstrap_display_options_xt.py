"""Display options typed in vce(bootstrap, ...) of xtgee and of xtlogit/xtprobit/xtpoisson ``, pa``
(gee_replicates.replicate_request -> bootstrap_run.hand_display_options): noheader, notable,
level(), the command's own eform option (xtgee eform, xtlogit or, xtpoisson irr) and cformat()
go to the GEE table; another eform option and title() stay mlm's r(198)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
         "xtset school\n")
BS = "reps(5) seed(1) nodots"
GEE = "xtgee hi ses, family(binomial) link(logit)"


def _go(new_session, run, line):
    s = new_session()
    out, rc = run(s, SETUP + line, stop_on_error=False, echo=True)
    return rc, out.split(f". {line}\n", 1)[-1], s


def test_xtgee_noheader_eform_cformat(new_session, run):
    rc, out, s = _go(new_session, run, f"{GEE} vce(bootstrap, {BS} noheader eform cformat(%7.3f))")
    assert rc == 0, out
    assert "GEE population-averaged model" not in out
    lines = out.splitlines()
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in lines
    assert "(Replications based on 13 clusters in school)" in out
    row = next(line for line in lines if line.startswith("         ses |"))
    b = s.e.matrices["b"].values.ravel()[0]
    assert row.startswith(f"         ses | {math.exp(b):10.3f} ")  # exp(b) in %7.3f


def test_xtgee_notable_level(new_session, run):
    rc, out, s = _go(new_session, run, f"{GEE} vce(bootstrap, {BS} notable level(90))")
    assert rc == 0, out
    assert "GEE population-averaged model" in out and "Coef." not in out and "Replications" not in out
    assert s.e.scalars["level"] == 90


def test_pa_own_eform_and_both(new_session, run):
    rc, out, s = _go(new_session, run, f"xtlogit hi ses, pa vce(bootstrap, {BS} or level(90))")
    assert rc == 0, out
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out.splitlines()
    rc, out, s = _go(new_session, run, f"xtpoisson hi ses, pa vce(bootstrap, {BS} irr noheader notable)")
    assert rc == 0 and out.strip() == "", out
    assert s.e.macros["vce"] == "bootstrap"


@pytest.mark.parametrize("line, word, cmd", [
    (f"{GEE} vce(bootstrap, {BS} or)", "or", "xtgee"),
    (f"xtlogit hi ses, pa vce(bootstrap, {BS} irr)", "irr", "xtlogit"),
    (f"xtprobit hi ses, pa vce(bootstrap, {BS} eform)", "eform", "xtprobit"),
    (f"{GEE} vce(bootstrap, {BS} title(x))", "title()", "xtgee"),
])
def test_what_the_gee_table_cannot_show_is_refused(new_session, run, line, word, cmd):
    rc, out, s = _go(new_session, run, line)
    assert rc == 198 and f"vce(bootstrap, {word}) not supported by mlmcli with {cmd}" in out
