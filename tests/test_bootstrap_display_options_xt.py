"""Display options typed in vce(bootstrap, ...) of xtgee and of xtlogit/xtprobit/xtpoisson ``, pa``
(gee_replicates.replicate_request -> bootstrap_run.hand_display_options): level(), the command's
own eform option (xtgee eform, xtlogit or, xtpoisson irr) and cformat() go to the GEE table;
another eform option, title(), noheader and notable stay mlm's r(198) (geerpt hands noheader to
_get_diopts, which refuses it: Stata then shows _prefix_display's table).  The xt random-effects
commands (xt_re_replicates._hand_display_options): level(), or/irr, baselevels; noheader,
notable, cformat() r(198).  xtreg re/mle: level() and cformat(); noheader, notable r(198)."""
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


def _row(out, name="ses"):
    return next(line for line in out.splitlines() if line.startswith(f"{name:>12} |"))


def _assert_exponentiated(out, s):
    """The ses row shows exp(b) and the delta-method SE exp(b) se(b) (e(b), e(V) stay in logs)."""
    b, V = s.e.matrices["b"].values.ravel()[0], s.e.matrices["V"].values[0, 0]
    shown, se = (float(x) for x in _row(out).split("|")[1].split()[:2])
    assert shown == pytest.approx(math.exp(b), rel=1e-6)
    assert se == pytest.approx(math.exp(b) * math.sqrt(V), rel=1e-5)


def test_xtgee_eform_cformat(new_session, run):
    rc, out, s = _go(new_session, run, f"{GEE} vce(bootstrap, {BS} eform cformat(%7.3f))")
    assert rc == 0, out
    assert "GEE population-averaged model" in out and "(Replications based on 13 clusters in school)" in out
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in out.splitlines()
    b = s.e.matrices["b"].values.ravel()[0]
    assert _row(out).startswith(f"         ses | {math.exp(b):10.3f} ")  # exp(b) in %7.3f
    assert s.e.macros["vce"] == "bootstrap"


def test_xtgee_level(new_session, run):
    rc, out, s = _go(new_session, run, f"{GEE} vce(bootstrap, {BS} level(90))")
    assert rc == 0 and "[90% Conf. Interval]" in out and s.e.scalars["level"] == 90


def test_pa_own_eform(new_session, run):
    rc, out, s = _go(new_session, run, f"xtlogit hi ses, pa vce(bootstrap, {BS} or level(90))")
    assert rc == 0, out
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out.splitlines()
    rc, out, s = _go(new_session, run, f"xtpoisson hi ses, pa vce(bootstrap, {BS} irr)")
    assert rc == 0 and "          hi |        IRR   Std. Err." in out, out
    _assert_exponentiated(out, s)


def test_xt_re_or_irr_level(new_session, run):
    rc, out, s = _go(new_session, run, f"xtlogit hi ses, vce(bootstrap, {BS} or level(90))")
    assert rc == 0, out
    assert "          hi | Odds Ratio   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out.splitlines()
    _assert_exponentiated(out, s)
    assert s.e.scalars["level"] == 90
    rc, out, s = _go(new_session, run, f"xtpoisson hi ses, re vce(bootstrap, {BS} irr)")
    assert rc == 0 and "          hi |        IRR   Std. Err." in out, out


def test_xtreg_re_mle_cformat_level(new_session, run):
    for model in ("re", "mle"):
        rc, out, s = _go(new_session, run, f"xtreg mathach ses, {model} vce(bootstrap, {BS} cformat(%7.3f) level(90))")
        assert rc == 0, out
        assert "[90% Conf. Interval]" in out
        b = s.e.matrices["b"].values.ravel()[0]
        assert _row(out).startswith(f"         ses | {b:10.3f} ")


@pytest.mark.parametrize("line, word, cmd", [
    (f"{GEE} vce(bootstrap, {BS} or)", "or", "xtgee"),
    (f"xtlogit hi ses, pa vce(bootstrap, {BS} irr)", "irr", "xtlogit"),
    (f"xtprobit hi ses, pa vce(bootstrap, {BS} eform)", "eform", "xtprobit"),
    (f"{GEE} vce(bootstrap, {BS} title(x))", "title()", "xtgee"),
    (f"{GEE} vce(bootstrap, {BS} noheader eform)", "noheader", "xtgee"),
    (f"xtlogit hi ses, pa vce(bootstrap, {BS} notable)", "notable", "xtlogit"),
    (f"xtlogit hi ses, vce(bootstrap, {BS} noheader or)", "noheader", "xtlogit"),
    (f"xtpoisson hi ses, re vce(bootstrap, {BS} notable)", "notable", "xtpoisson"),
    (f"xtprobit hi ses, vce(bootstrap, {BS} or)", "or", "xtprobit"),
    (f"xtlogit hi ses, vce(bootstrap, {BS} irr)", "irr", "xtlogit"),
    (f"xtlogit hi ses, vce(bootstrap, {BS} cformat(%7.3f))", "cformat", "xtlogit"),
    ("xtreg mathach ses, mle vce(bootstrap, reps(5) seed(1) nodots notable)", "notable", "xtreg"),
    ("xtreg mathach ses, re vce(bootstrap, reps(5) seed(1) nodots noheader)", "noheader", "xtreg"),
])
def test_what_the_gee_table_cannot_show_is_refused(new_session, run, line, word, cmd):
    rc, out, s = _go(new_session, run, line)
    assert rc == 198 and f"vce(bootstrap, {word}) not supported by mlmcli with {cmd}" in out
