"""Display options typed in glm's vce(bootstrap, ...): handed to glm's own table as the logit
family's are (bootstrap_run.hand_display_options; tests/test_bootstrap_display_options_ml.py):
noheader, notable, level(), eform (glm's own eform), cformat(); an eform option glm lacks (or)
and title() stay mlm's r(198).  stcox and streg (streg_replicates.replicate_request): noheader,
level(), stcox's hr and streg's tr; notable and cformat() stay r(198)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
BS = "reps(5) seed(1) nodots"
GLM = "glm hi ses, family(binomial)"


def _go(new_session, run, line):
    s = new_session()
    out, rc = run(s, SETUP + line, stop_on_error=False)
    return rc, out, s


def test_noheader_eform_cformat_and_the_replay(new_session, run):
    rc, out, s = _go(new_session, run, f"{GLM} vce(bootstrap, {BS} noheader eform cformat(%7.3f))")
    assert rc == 0, out
    assert "Generalized linear models" not in out
    lines = out.rstrip("\n").split("\n")
    assert lines[-4] == "          hi | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    row = lines[-2]
    assert row.startswith("         ses |      3.375      0.149 ")  # exp(b), exp(b) se in %7.3f
    again, _ = run(s, "glm, eform cformat(%7.3f)")
    assert again.rstrip("\n").split("\n")[-2] == row and "Generalized linear models" in again


def test_notable_and_level(new_session, run):
    rc, out, s = _go(new_session, run, f"{GLM} vce(bootstrap, {BS} notable level(90))")
    assert rc == 0 and "Generalized linear models" in out and "Coef." not in out
    assert s.e.scalars["level"] == 90
    rc, out, s = _go(new_session, run, f"{GLM} vce(bootstrap, {BS} level(90))")
    assert rc == 0 and "[90% Conf. Interval]" in out
    rc, out, s = _go(new_session, run, f"{GLM} vce(bootstrap, {BS} notable noheader)")
    assert rc == 0 and "Generalized" not in out and "Coef." not in out


@pytest.mark.parametrize("option, word", [("or", "or"), ("title(x)", "title()"), ("verbose", "verbose")])
def test_what_glm_cannot_show_is_refused(new_session, run, option, word):
    rc, out, s = _go(new_session, run, f"{GLM} vce(bootstrap, {BS} {option})")
    assert rc == 198 and f"vce(bootstrap, {word}) not supported by mlmcli with glm" in out


ST = (f"import delimited using {ROOT / 'tests/reference_values/st_replicates_subjects.csv'}, clear\n"
      "stset t1, id(pid) failure(died)\n")


def _st(new_session, run, line):
    s = new_session()
    out, rc = run(s, ST + line, stop_on_error=False, echo=True)
    return rc, out.split(f". {line}\n", 1)[-1], s


def test_stcox_noheader_level_hr(new_session, run):
    rc, out, s = _st(new_session, run, f"stcox x, vce(bootstrap, {BS} noheader level(90))")
    assert rc == 0, out
    assert "Cox regression" not in out and "No. of subjects" not in out
    assert "          _t | Haz. Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out.splitlines()
    assert s.e.scalars["level"] == 90
    rc, out, s = _st(new_session, run, f"stcox x, vce(bootstrap, {BS} hr)")
    assert rc == 0 and "Cox regression -- Breslow method for ties" in out and "Haz. Ratio" in out


def test_streg_tr_noheader_and_notable_refused(new_session, run):
    rc, out, s = _st(new_session, run, f"streg x, dist(weibull) time vce(bootstrap, {BS} tr noheader) nolog")
    assert rc == 0, out
    assert "          _t |  Tm. Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in out.splitlines()
    assert "Weibull" not in out
    rc, out, s = _st(new_session, run, f"streg x, dist(weibull) vce(bootstrap, {BS} notable) nolog")
    assert rc == 198 and "vce(bootstrap, notable) not supported by mlmcli with streg" in out
    rc, out, s = _st(new_session, run, f"stcox x, vce(bootstrap, {BS} cformat(%7.3f))")
    assert rc == 198 and "vce(bootstrap, cformat) not supported by mlmcli with stcox" in out


def test_xtreg_cformat_and_level_noheader_refused(new_session, run):
    setup = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\nxtset school\n"
    s = new_session()
    out, rc = run(s, setup + f"xtreg mathach ses, fe vce(bootstrap, {BS} cformat(%7.3f))", stop_on_error=False)
    assert rc == 0, out
    assert "         ses |      2.433      0.290     8.38   0.000        1.864       3.002" in out.splitlines()
    out, rc = run(s, f"xtreg mathach ses, fe vce(bootstrap, {BS} level(90))", stop_on_error=False)
    assert rc == 0 and "[90% Conf. Interval]" in out
    out, rc = run(s, f"xtreg mathach ses, re vce(bootstrap, {BS} noheader)", stop_on_error=False)
    assert rc == 198 and "vce(bootstrap, noheader) not supported by mlmcli with xtreg" in out


def test_clogit_or_cformat_level_and_notable_refused(new_session, run):
    setup = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\ngen hi = mathach > 13\n"
    s = new_session()
    line = f"clogit hi ses, group(school) vce(bootstrap, {BS} or cformat(%7.3f) level(90))"
    out, rc = run(s, setup + line, stop_on_error=False)
    assert rc == 0, out
    lines = out.splitlines()
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in lines
    assert "         ses |      1.981      0.238     5.70   0.000        1.627       2.413" in lines
    out, rc = run(s, f"clogit hi ses, group(school) vce(bootstrap, {BS} notable)", stop_on_error=False)
    assert rc == 198 and "vce(bootstrap, notable) not supported by mlmcli with clogit" in out
    out, rc = run(s, f"clogit hi ses, group(school) vce(bootstrap, {BS} irr)", stop_on_error=False)
    assert rc == 198 and "vce(bootstrap, irr) not supported by mlmcli with clogit" in out
