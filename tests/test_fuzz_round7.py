"""Round 7 of the fuzz (tests/fuzz_commands.py restricted to the commands merged in the session
of 2026-12-05 night -- tssmooth, tsfilter, rolling, boxcox, eivreg, pwmean, the roc commands,
cluster, frontier/xtfrontier, fracpoly/fp, xtunitroot fisher, ltable, power twovariances,
tebalance, the data utilities and the xml/file commands -- plus hand-written hostile lines): the
lines it found, run on the fuzz's own data with its checks (no internal error, no hang, the data
unchanged when the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

XT = ("xtset g t",)

# (shape, setup, line, rc) as the round-7 fuzz ran them
FOUND = [
    # eivreg of a constant depvar: R-squared 0/0 (ZeroDivisionError); eivreg.ado's r2 >= 1 holds for missing
    ("full", (), 'eivreg k if s == "a", sformat(%td)', 399),
    ("full", (), "eivreg k x1", 399),
    # eivreg on regressors near 1e-150: the variance overflowed (RuntimeWarning); est post's r(504)
    ("magnitudes", (), "eivreg x2 t x1, level(90) pformat(%td) level(5) level(5)", 504),
    # frontier where sigma_u -> 0: the interval of sigma_u was exp() of a bound past 709 (overflow)
    ("longnames", (), "frontier b", 0),
    ("full", (), 'frontier w i.b x1 if s == "a",', 0),
    ("dates", (), "frontier t", 0),
    # frontier's moments on residuals near 1e300 overflowed; the start is not feasible
    ("magnitudes", (), "frontier y in 1/5", 1400),
    # frontier of a depvar of three values: sigma_v -> 0 on a flat ridge, "(not concave)" for 16,000
    # iterations (a hang); now it stops after 50 flat iterations, the table then ml's r(430)
    ("holes", (), "frontier w", 430),
    ("holes", (), "frontier w i.f#i.g#c.x1 i.g x1", 430),
    ("extmiss", (), "frontier w b1.f y-x2 i.f#i.f x* [iw=w],", 430),
    # frontier of a regressor near 1e-151 on one near 1e15: the Hessian's cross-products overflowed
    ("magnitudes", (), "frontier x1 x2, coeflegend coeflegend noconstant nolstretch", 430),
    # xtfrontier of the panel variable: the likelihood grows without bound as sigma_v -> 0 (a hang)
    ("holes", XT, "xtfrontier g L2.x1, ti ltolerance(10) pformat(%999.0g) pformat(%999.0g)", 430),
    # xtfrontier of a constant depvar (one observation): log(0) in the start; xtfrontier.ado's r(198)
    ("one", XT, "capture by f, sort: xtfrontier w, ti", 198),
    ("magnitudes", XT, "xtfrontier o in 1, tvd", 198),
    # xtfrontier on a bootstrap sample where y - xb is constant within panels: the same unbounded climb
    ("holes", XT, "bootstrap, reps(2) nodots: xtfrontier w i.f#i.g#c.x1, tvd", 2000),
    # boxcox of one observation or a constant: ln(0) at the start (RuntimeWarning, or a table of
    # missing values); boxcox.ado's ml init(1) search(off) finds the start not feasible
    ("full", (), "boxcox y in 2/2", 1400),
    ("full", (), "boxcox k x1", 1400),
    # fracgen: log of a term at x <= 0 (center(-1)) or of 0 warned; those terms are missing
    ("full", (), "fracgen t 2 2, replace center(-1) center(-1)", 0),
    ("magnitudes", (), "capture noisily quietly fracgen x2 99 10", 0),
    # rocfit's binormal fit where a replicate's categories hold one outcome: cutpoints run off,
    # the cells' probabilities 0 (divide by zero); ml's r(430)
    ("full", (), "rocfit b t in -5/l", 430),
    ("full", (), "capture noisily jackknife, nodots: rocfit b t in -5/l", 430),
    ("holes", (), "rocfit b b if x1 > 0, nolog", 0),
    # xtunitroot fisher with lags(2147483648): a lag column (dfuller) or a Newey-West term (pperron)
    # for each lag, one by one (a hang); lags past the panel's rows are all missing
    ("wide", XT, "xtunitroot fisher y, pperron lags(2147483648)", 0),
    ("wide", XT, "xtunitroot fisher y, dfuller lags(2147483648)", 2000),
    # regress (eivreg's first fit) on a regressor near 1e-300: its coefficient past the largest
    # double overflowed when scaled back (b = D b_D); now missing, with its t and P
    ("magnitudes", (), "eivreg w t2 in -5/l", 399),
    ("magnitudes", (), "regress w t2 in -5/l", 0),
    # snapspan with an operator variable (LD.x1): a KeyError on its column; syntax's r(101)
    ("full", (), "quietly capture snapspan b y LD.x1 s", 101),
    # roccomp, by() with a group whose outcome does not vary: 0/0 in its area (the group's logistic: r(2000))
    ("magnitudes", (), 'roccomp b t2 if s == "a", by(w) test( ) test( )', 2000),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round7_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


def test_roc_area_with_one_positive_has_a_missing_se_and_roccomp_a_missing_chi2(do):
    """A group with one positive: DeLong's S10 divides by n1 - 1 = 0, Stata's missing (roctab
    shows "." for the se and bounds); roccomp's chi2 of a missing variance is "." (syminv of
    missing values).  The area itself is the Mann-Whitney proportion, computed here."""
    import numpy as np
    import pandas as pd

    df = pd.DataFrame({"d": [0.0, 0, 1, 0, 1, 1, 0], "r": [1.0, 2, 3, 1, 2, 3, 2], "g": [1.0, 1, 1, 2, 2, 2, 2]})
    rc, out, session = do("roctab d r if g == 1\nroccomp d r, by(g)", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert "3     1.0000            .              .           ." in out
    assert "chi2(1) =        .       Prob>chi2 =        ." in out
    # group 2's area: P(r+ > r-) + 0.5 P(tie) over its 2 x 2 pairs
    pos, neg = np.array([2.0, 3.0]), np.array([1.0, 2.0])
    area = np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg])
    assert f"{area:.4f}" in out.split("-> ")[-1]


def test_me_from_values_where_the_likelihood_is_missing_are_not_feasible(do):
    """meglm ..., from(b, copy) with every value 1e307: the log likelihood there is missing; the fit
    iterated from it ("Iteration 0: log likelihood = .") to a table of missing values, ml's init
    check says r(1400).  Feasible from() values still start the full model there (its Iteration 0
    is the Gaussian random-intercept likelihood at those values, computed here: e(b)'s order is
    x, _cons, var(_cons[id]), var(e.y))."""
    import re

    import numpy as np
    import pandas as pd
    from scipy import stats

    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(10), 6)
    x = rng.normal(size=60)
    y = 1 + x + rng.normal(size=10)[g] + rng.normal(size=60)
    df = pd.DataFrame({"id": g.astype(float), "x": x, "y": y})
    rc, out, session = do("matrix b = (1e307, 1e307, 1e307, 1e307)\nmeglm y x || id:, from(b, copy)", df=df)
    assert rc == 1400 and "initial values not feasible" in out, out
    assert "internal error" not in out
    rc, out, session = do(f"matrix b = (1, 1, 1, {float(np.exp(1.0))!r})\nmeglm y x || id:, from(b, copy)", df=df)
    assert rc == 0, out
    ll = 0.0
    for k in range(10):  # each group's y ~ N(1 + x, 1 J + e I)
        rows = g == k
        cov = np.ones((6, 6)) + np.exp(1.0) * np.eye(6)
        ll += stats.multivariate_normal(1 + x[rows], cov).logpdf(y[rows])
    first = re.search(r"Iteration 0:\s+log likelihood = (\S+)", out.split("Fitting full model:")[1]).group(1)
    assert float(first) == pytest.approx(ll, rel=1e-7), (first, ll)


def test_xtunitroot_fisher_of_a_series_near_the_largest_double_is_that_of_the_series(do):
    """xtunitroot fisher on 1e307 * y: its regressions' cross-products overflowed to inf and
    pinv's SVD never returned (a hang; 1e-250 * y underflowed instead).  Z(t) and the
    Phillips-Perron statistic are free of the series' scale: every statistic equals that of y."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    y = rng.normal(size=30)
    df = pd.DataFrame({"id": np.repeat(np.arange(1.0, 6.0), 6), "tt": np.tile(np.arange(1.0, 7.0), 5), "y": y,
                       "hh": 1e307 * y, "tiny": 1e-250 * y})
    for test in ("dfuller", "pperron"):
        outs = []
        for name in ("y", "hh", "tiny"):
            rc, out, _ = do(f"xtset id tt\nxtunitroot fisher {name}, {test} lags(1)", df=df)
            assert rc == 0 and "internal error" not in out, out
            outs.append(out[out.index("Statistic"):])
        assert outs[0] == outs[1] == outs[2]
        assert "    .  " not in outs[0]


def test_cluster_linkage_whose_distances_overflow_refuses_and_leaves_the_data(do):
    """cluster singlelinkage on 1e307 * x: the L2 distances overflow to inf (Stata's missing) and
    the agglomeration merged inf with 'done' rows (KeyError); now r(504) as clustermat refuses a
    matrix with missing values, with no variable or characteristic added."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(2)
    x = rng.normal(size=12)
    df = pd.DataFrame({"x": x, "hh": 1e307 * x})
    rc, out, session = do("cluster singlelinkage hh x", df=df)
    assert rc == 504 and "matrix has missing values" in out, out
    assert list(session.data.varnames) == ["x", "hh"] and not session.data.chars
    rc, out, session = do("cluster singlelinkage x", df=df)
    assert rc == 0, out


@pytest.mark.parametrize("line", ["corr2data a1 a1, n(10) corr(C) clear", "drawnorm a1 a1, n(10) corr(C) clear"])
def test_a_repeated_new_variable_is_refused_and_the_data_stay(do, line):
    """corr2data/drawnorm a1 a1 made one variable a1 (with clear the data were replaced by it)."""
    import pandas as pd

    df = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    rc, out, session = do(f"matrix C = (1, .5 \\ .5, 1)\n{line}", df=df)
    assert rc == 110 and "a1 already defined" in out, out
    assert list(session.data.varnames) == ["x"] and session.data.nobs == 3
