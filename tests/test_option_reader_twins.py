"""Number options of commands whose readers were local copies of the shared ones in
mlmcli/syntax/options.py (real_option, integer_option, number_option, confidence_level): bad
numbers, out of range, missing, spaces and abbreviations give the same Stata message and
return code after the local copy went as before.  Where the local copy differed from Stata
(a traceback, a level outside 10..99.99 taken) the test pins Stata's answer."""
from __future__ import annotations

import pytest
from scipy import stats

DATA = """clear
set obs 60
set seed 3
gen id = ceil(_n/6)
gen t = mod(_n-1,6)+1
gen x = 1+runiform()
gen z = 1+runiform()
gen y = 1 + x + rnormal()
gen cnt = rpoisson(2)
gen died = runiform()<.5
gen tr = runiform() < .5
gen se = .5
"""


@pytest.fixture(scope="module")
def session_with_data(new_session, run):
    session = new_session(None)
    printed, rc = run(session, DATA + "quietly regress y x\n")
    assert rc == 0, printed
    return session


def _outcome(run, session, line: str):
    printed, rc = run(session, f"capture noisily {line}\ndisplay \"rc=\" _rc\n")
    return printed


CASES = [
    # psacalc: syntax's real (rmax, delta, beta)
    ("psacalc delta x, rmax(abc)", "option rmax() incorrectly specified", 198),
    ("psacalc delta x, rmax(.)", "option rmax() incorrectly specified", 198),
    ("psacalc delta x, delta(1,2)", "option delta() incorrectly specified", 198),
    # ppmlhdfe: tolerance() real, verbose() and maxiterations() integer (ppmlhdfe.ado syntax)
    ("ppmlhdfe cnt x, tolerance(abc)", "option tolerance() incorrectly specified", 198),
    ("ppmlhdfe cnt x, tol(2)", "tolerance must be a real between 0 and 1", 198),
    ("ppmlhdfe cnt x, verbose(abc)", "option verbose() incorrectly specified", 198),
    ("ppmlhdfe cnt x, maxiter(abc)", "option maxiterations() incorrectly specified", 198),
    ("ppmlhdfe cnt x, itolerance(x1)", "option itolerance() incorrectly specified", 198),
    # mfp: cycles() and dfdefault() whole numbers >= 1
    ("mfp, cycles(0): regress y x z", "option cycles() incorrectly specified", 198),
    ("mfp, cycles(2.5): regress y x z", "option cycles() incorrectly specified", 198),
    ("mfp, cyc(abc): regress y x z", "option cycles() incorrectly specified", 198),
    ("mfp, dfdefault(abc): regress y x z", "option dfdefault() incorrectly specified", 198),
    ("mfp, dfdefault(-1): regress y x z", "option dfdefault() incorrectly specified", 198),
    # gmm: tolerance() and its kin, syntax's real
    ("gmm (y - {b0} - {b1}*x), instruments(x) tolerance(abc)", "option tolerance() incorrectly specified", 198),
    ("gmm (y - {b0} - {b1}*x), instruments(x) igmmeps(1e)", "option igmmeps() incorrectly specified", 198),
]

PANEL_CASES = [
    # xtabond/xtdpdsys: syntax's integer lags(), maxldep(), maxlags(), artests()
    ("xtabond y x, lags(abc)", "option lags() incorrectly specified", 198),
    ("xtabond y x, lags(1.5)", "option lags() incorrectly specified", 198),
    ("xtabond y x, lags(0)", "lags of dependent variable must >=1", 198),
    ("xtabond y x, maxldep(0)", "maxldep() must be an integer greater than or equal to 1", 125),
    ("xtabond y x, maxlags(x)", "option maxlags() incorrectly specified", 198),
    ("xtabond y x, artests(abc)", "option artests() incorrectly specified", 198),
]

SURVIVAL_CASES = [
    # sts graph: tmin()/tmax() numbers, else ``tmin() invalid``
    ("sts graph, tmin(abc)", "tmin() invalid", 198),
    ("sts graph, tmax(.)", "tmax() invalid", 198),
    ("sts graph, hazard per(abc)", "option per() incorrectly specified", 198),
    ("strate, per(abc)", "option per() incorrectly specified", 198),
    ("strate, per(1/2)", "option per() incorrectly specified", 198),
]


FP_CASES = [
    # fp plot: level(cilevel); level(abc) was a Python traceback and level(5) was taken
    ("fp plot, residuals(none) level(abc)", "level() invalid", 198),
    ("fp plot, residuals(none) level(5)", "level() must be between 10 and 99.99 inclusive", 198),
    ("fp plot, residuals(none) l(99.995)", "level() must be between 10 and 99.99 inclusive", 198),
]


def _check(run, session, line, message, rc):
    printed = _outcome(run, session, line)
    assert message in printed and f"rc={rc}" in printed, (line, printed)
    assert "internal error" not in printed and "Traceback" not in printed, (line, printed)


@pytest.mark.parametrize("line,message,rc", CASES)
def test_bad_number_options(run, session_with_data, line, message, rc):
    _check(run, session_with_data, line, message, rc)


# these were Python tracebacks (float() of the typed text); syntax's real or integer message now
TRACEBACK_CASES = [
    ("regress", "parmest, dof(abc) norestore", "option dof() incorrectly specified", 198),
    ("regress", "parmest, idnum(abc) norestore", "option idnum() incorrectly specified", 198),
    ("regress", "estpost correlate y x z, print(abc)", "option print() incorrectly specified", 198),
    ("regress", "metareg y x, wsse(se) tolerance(abc)", "option tolerance() incorrectly specified", 198),
    ("xtset", "xtgee y x, tolerance(abc)", "option tolerance() incorrectly specified", 198),
    ("regress", "teffects nnmatch (y x) (tr), dtolerance(abc)", "option dtolerance() incorrectly specified", 198),
    ("regress", "teffects psmatch (y) (tr x), pstolerance(abc)", "option pstolerance() incorrectly specified", 198),
    ("regress", "ivpoisson gmm cnt x, igmmeps(abc)", "option igmmeps() incorrectly specified", 198),
    ("meta", "meta regress x, random tau2(abc)", "option tau2() incorrectly specified", 198),
    ("tsset", "svar x z, aeq(A) beq(B) tolerance(abc)", "option tolerance() incorrectly specified", 198),
    ("regress", "fp <x>, dimension(abc): regress y <x>", "option dimension() incorrectly specified", 198),
    ("regress", "graph pie, over(id) angle0(abc)", "option angle0() incorrectly specified", 198),
    ("regress", "gladder x, bin(abc)", "option bin() incorrectly specified", 198),
    ("regress", "teffects nnmatch (y x) (tr), nneighbor(abc)", "option nneighbor() incorrectly specified", 198),
    # fp's DIMension(integer 2): 2.5 was read as 2
    ("regress", "fp <x>, dimension(2.5): regress y <x>", "option dimension() incorrectly specified", 198),
]

OTHER_CASES = [
    ("stcox", "stcurve, hazard width(abc)", "option width() incorrectly specified", 198),
    ("regress", "icc y id, testvalue(abc)", "testvalue() invalid", 198),
    ("lrtest", "lrtest A ., df(abc)", "df() invalid", 198),
    ("lrtest", "lrtest A ., df(0)", "df() should be positive", 198),
    ("regress", "icc y id, testvalue(.5)", "icc, testvalue() other than 0 is not implemented in mlmcli", 199),
]

SETUPS = {"tsset": "gen tt = _n\ntsset tt\nmatrix A = (1,0\\.,1)\nmatrix B = (.,0\\0,.)\n",
          "stcox": "quietly stset t, failure(died)\nquietly stcox x\n", "regress": "quietly regress y x\n",
          "meta": "quietly meta set y se\n",
          "lrtest": "quietly regress y x z\nestimates store A\nquietly regress y x\n","xtset": "xtset id t\n", "stset": "quietly stset t, failure(died)\n",
          "fp": "quietly fp <x>: regress y <x>\n"}


@pytest.mark.parametrize("setup,line,message,rc",
                         [("xtset", *c) for c in PANEL_CASES] + [("stset", *c) for c in SURVIVAL_CASES]
                         + [("fp", *c) for c in FP_CASES] + TRACEBACK_CASES + OTHER_CASES)
def test_options_after_a_setup(new_session, run, setup, line, message, rc):
    session = new_session(None)
    printed, code = run(session, DATA + SETUPS[setup])
    assert code == 0, printed
    _check(run, session, line, message, rc)


def test_good_numbers_still_read(new_session, run):
    """Spaces around a number and whole numbers as the shared readers take them (a session
    of its own: regsave without using replaces the data)."""
    session = new_session(None)
    printed, code = run(session, DATA + "quietly regress y x\n")
    assert code == 0, printed
    printed = _outcome(run, session, "quietly ppmlhdfe cnt x, tolerance( 1e-9 ) maxiter(50)")
    assert "rc=0" in printed, printed
    run(session, "quietly regress y x")
    printed = _outcome(run, session, "regsave, level( 90 ) ci")
    assert "rc=0" in printed, printed
    printed, code = run(session, "display %12.8f (ci_upper[1] - coef[1]) / stderr[1]")
    assert code == 0, printed
    assert float(printed.split()[-1]) == pytest.approx(stats.t.ppf(0.95, 58), abs=1e-6)  # 60 obs, 2 coefs

