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
    ("huge", (), "quietly mfp, xorder(-): regress y (x1 x2) t2", 0),
    # mfp's xorder() is compared whole (FracOrd's "invalid option order()"): -1 is not -
    ("huge", (), "quietly mfp, xorder(-1): regress y (x1 x2) t2", 198),
    ("full", (), "mfp logit b x1 t2, xorder(-1e300)", 198),
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
    # tssmooth nl of a series near 1e150: each float step past float's range is missing (a cast
    # overflow before); 3R's "until nothing changes" never ended on missing values (NaN != NaN)
    ("magnitudes", TS, "tssmooth nl nv = y, smoother(4253H, twice)", 0),
    ("magnitudes", TS, "capture tssmooth nl nv = y, smoother(3RSSH,twice)", 0),
    # pwmean of a depvar near 1e307: the squares overflowed; means as y/2^j, a variance past the limit missing
    ("huge", (), "pwmean y if x1 > 0, over(f) mcompare(bonferroni)", 0),
    ("full", (), "pwmean huge, over(f) mcompare(duncan)", 0),
    # pwmean over() a single group (no comparisons): bonferroni/sidak divided by 0 comparisons,
    # dunnett's root search had no bracket; now the empty table every method shows
    ("magnitudes", (), "pwmean y, over(k) mcompare(sidak)", 0),
    ("full", (), "pwmean y, over(k) mcompare(dunnett)", 0),
    ("full", (), "pwmean y, over(k) mcompare(bonferroni) effects", 0),
    # tsfilter bw of a series near 1e307: D x overflowed; the filter is linear, run on x/2^j
    ("huge", TS, "quietly tsfilter bw nv = y in 1/12, maxperiod(6) order(3)", 0),
    # glm (probit link) with a constraint fixing a slope at 1e300: the normal density's x^2
    # overflowed, then V(mu) = 0 divided; the start is not feasible (ml's r(1400), as probit's)
    ("longnames", ("constraint 1 x1 = 1e300",), "capture glm b x1 x2, family(binomial) link(probit) constraints(1) iterate(0)", 1400),
    ("full", ("constraint 1 x1 = 1e300",), "glm b x1 x2, family(binomial) link(probit) constraints(1)", 1400),
    # esttab's a# format with # not an integer: estout.ado's "`fmt' not allowed" r(198)
    ("full", ("eststo clear", "eststo: regress y x1", "eststo: regress y x1 x2 i.f"),
     'esttab, mgroups("A", pattern(0 1)) booktabs cells(b(fmt(abc)))', 198),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round8_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)


def _frame():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(8)
    t = np.arange(1.0, 25.0)
    y = 10 + 0.3 * t + 2 * np.sin(t * np.pi / 2) + rng.normal(size=24)
    return pd.DataFrame({"t": t, "y": y, "g": 1.0 + (t % 3), "big": y * 2.0 ** 1000})


def test_filters_and_smoothers_of_a_series_times_a_power_of_two_are_that_power_times_the_series(do):
    """tsfilter bw is linear in the series and Holt-Winters homogeneous of degree one (x, its
    start values and additive seasonals scale together): on y times 2^1000 (past 2^480, where
    the engines now work on x / 2^j) the cycle is 2^1000 times y's and the optimal weights y's."""
    import numpy as np

    rc, out, session = do("tsset t\ntsfilter bw double c1 = y, maxperiod(6)\ntsfilter bw double c2 = big, maxperiod(6)\n"
                          "tssmooth shwinters double s1 = y, nolog period(4) additive\n"
                          "tssmooth shwinters double s2 = big, nolog period(4) additive", df=_frame())
    assert rc == 0 and "internal error" not in out, out
    df = session.data.df
    assert np.allclose(df["c2"] / 2.0 ** 1000, df["c1"], rtol=1e-12, atol=0)
    weights = [line for line in out.splitlines() if line.strip().startswith(("alpha", "beta", "gamma"))]
    assert len(weights) == 6 and weights[:3] == weights[3:], weights
    assert np.allclose(df["s2"] / 2.0 ** 1000, df["s1"], rtol=1e-6), np.max(np.abs(df["s2"] / 2.0 ** 1000 / df["s1"] - 1))


def test_pwmean_near_the_largest_double_keeps_the_differences_of_the_means(do):
    """pwmean big, over(g): the differences of the group means are 2^1000 times those of y
    (computed here); their variances (past the largest double) are missing, as e(V) holds them."""
    import numpy as np

    df = _frame()
    rc, out, session = do("pwmean big, over(g) effects", df=df)
    assert rc == 0 and "internal error" not in out, out
    means = df.groupby("g")["y"].mean().to_numpy()
    expect = np.array([means[1] - means[0], means[2] - means[0], means[2] - means[1]]) * 2.0 ** 1000
    got = np.asarray(session.e.matrices["b_vs"].values, float).ravel()
    assert np.allclose(got, expect, rtol=1e-12)
    assert np.all(np.isnan(np.asarray(session.e.matrices["V_vs"].values, float)))


def test_an_a_format_that_is_not_a_number_of_digits_is_refused_as_estout_refuses_it(do):
    """estout.ado's SignificantDigits: `confirm integer number` of what follows the a, else
    "`fmt' not allowed" r(198); a2 still works."""
    import pandas as pd

    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4], "x": [1.0, 2, 3, 4, 5]})
    for option in ("b(abc)", "cells(b(fmt(ax)))", "se(a1.5)"):
        rc, out, _ = do(f"eststo clear\neststo: regress y x\nesttab, {option}", df=df)
        assert rc == 198 and "not allowed" in out, (option, out)
    rc, out, _ = do("eststo clear\neststo: regress y x\nesttab, b(a2)", df=df)
    assert rc == 0, out


def test_fp_predict_after_fracpoly_is_last_estimates_not_found(do):
    """fp.ado's fp predict and fp plot need the fp prefix's results (e(fp_cmd) "fp, search():" or
    "fp, powers():"); after fracpoly (e(fp_cmd) "fracpoly") r(301), the data unchanged."""
    import pandas as pd

    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 6, 8, 7], "x": [1.0, 2, 3, 4, 5, 6, 7, 8]})
    for line in ("fp predict f", "fp plot, residuals(none)"):
        rc, out, session = do("quietly fracpoly regress y x", df=df)
        names = list(session.data.varnames)
        rc, out, session = do(line, session=session)
        assert rc == 301 and "last estimates not found" in out, out
        assert list(session.data.varnames) == names
