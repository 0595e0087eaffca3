"""Round 8 of the fuzz (tests/fuzz_round8_commands.py: mfp, fp/fracpoly replay, vec/vecrank/svar/
irf/fcast, Stata 17's table and collect, esttab/estout's newer options, xthybrid, tssmooth nl/
shwinters, tsfilter bw, pwmean/pwcompare mcompare(), margins after the newer fits and after svy,
the me commands' start options, constraints() on logit ... tobit, replace with L.): the lines it
found, run on the fuzz's own data with its checks (no internal error, no hang, the data unchanged
when the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

from fuzz_round8_commands import BASE

TS = ("tsset tt",)
SVAR = TS + ("matrix A = (1,0\\.,1)", "matrix B = (.,0\\0,.)")

# (shape, setup, line, rc) as the round-8 fuzz ran them (BASE's variables made first)
FOUND = [
    # fp predict / fp plot after fracpoly (e(fp_cmd) "fracpoly"): fp.ado's check of e(fp_cmd), r(301)
    ("full", ("fracpoly regress y t2 x1",), "fp predict nv, stdp", 301),
    ("full", ("fracpoly regress y x1",), "fp plot, residuals(none)", 301),
    ("full", ("mfp: regress y x1 t2",), "fp predict nv", 301),
    # fp generate / the fp prefix with scale(#a 0): (x + a)/0 is missing, so "incorrectly scaled"
    ("longnames", (), "fp generate t2^(1 2), scale(0 0)", 498),
    ("full", (), "quietly fp <t2>, scale(-1 0): regress y <t2>", 498),
    # center(1e300): c^p past the double range (OverflowError) is missing
    ("extmiss", (), "fp <t2>, center(1e300): regress y <t2>", 0),
    ("magnitudes", (), "quietly fp <t2> in 1/3, center(1e300): regress y <t2>", 0),
    # fracpoly / fp / mfp of a depvar near 1e307: the residual sum of squares overflowed
    ("huge", (), "quietly fracpoly regress y t2", 0),
    ("huge", (), "capture noisily fp <t2> if x1 > 0, replace: regress y <t2>", 0),
    ("huge", (), "quietly mfp, xorder(-1): regress y (x1 x2) t2", 0),
    # tsfilter bw, maxperiod(1e300): lambda = tan(pi/maxperiod)^(-2m) past the double range
    ("full", TS, "tsfilter bw nv = y, maxperiod(1e300)", 498),
    # tssmooth shwinters of a series of zeros (multiplicative: 0/0 seasonals, missing, the ado's r(498))
    ("strings", TS, "tssmooth shwinters nv = zero, nolog period(4)", 498),
    ("extmiss", TS, "tssmooth shwinters nv = zero, nolog period(4)", 498),
    # a series near 1e300: the float prediction past float's range (missing); the weights search ran
    # Nelder-Mead on an infinite sum of squares for a minute (a hang): now searched as x / 2^j
    ("magnitudes", TS, "tssmooth shwinters nv = huge, parms(.3 .2 .4) period(4) additive", 0),
    ("huge", TS, "tssmooth shwinters nv = y, nolog period(4) additive", 0),
    # var/svar on a series near 1e300: the cross-products past the double range; est post's r(504)
    ("full", SVAR, "svar y huge, aeq(A) beq(B)", 504),
    ("huge", SVAR, "svar y x1, aeq(A) beq(B) noconstant", 504),
    # xthybrid's xtreg (re) near 1e150 / 1e307: R-squared's products overflowed; GLS scaled as regress
    ("huge", (), 'xthybrid y x1 if s == "a", clusterid(g) keepvars', 1400),
    ("magnitudes", (), 'xthybrid y x1 if s == "a", clusterid(g) vce(robust)', 0),
    # tobit with a regressor near 1e307 (x2 of the huge shape): X'X overflowed; columns scaled
    ("huge", ("constraint 1 x1 = x1",), "quietly tobit y x1 x2, ll(0) ul(3) constraint(1)", 430),
    # esttab's a# format with # not an integer: estout.ado's "`fmt' not allowed" r(198)
    ("full", ("eststo clear", "eststo: regress y x1", "eststo: regress y x1 x2 i.f"),
     'esttab, mgroups("A", pattern(0 1)) booktabs cells(b(fmt(abc)))', 198),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round8_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)
