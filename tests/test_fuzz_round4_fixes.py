"""Round 4 of the fuzz (docs/command_fuzz.md, tests/fuzz_round4_commands.py): the lines it
found, run on the fuzz's own data with its checks (no internal error, the data unchanged when
the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

TIMED = ("generate sid2 = _n", "tsset sid2")

# (shape, setup, line, rc) as the round-4 fuzz ran them
FOUND = [
    # values near 1e307: correlations from scaled moments (factor, pca); szroeter's Q is free of e's scale
    ("huge", (), "factor y x1 x2 c", 0),
    ("huge", (), "pca y x1 x2 c", 0),
    ("huge", (), "pca y x2 c, covariance", 504),
    ("huge", ("regress c x1 x2",), "estat szroeter, rhs", 0),
    # alpha of items near 1e307: the products past the largest double are missing (alpha.ado's matrix accum)
    ("huge", (), "alpha y x1 x2, gen(nv)", 0),
    ("huge", (), "by f, sort: alpha y x1 x2, min(3) item", 0),
    # hettest with e(rss) past the largest double: hettest.ado's u = e^2/(rss/N) missing, no observations
    ("huge", ("regress c x1 x2 if b",), "estat hettest", 2000),
    ("huge", ("regress y x1 k in 1/10",), "estat hettest, fstat", 2000),
    # dwatson of a perfect fit: 0/0 missing
    ("holes", TIMED + ("regress y x1 [fw=w] in 1/10",), "estat dwatson", 0),
    # cnsreg with _cons = 1e300: the SSE past the largest double is missing
    ("full", ("constraint 3 _cons = 1e300",), "by f, sort: cnsreg y x1 x2, constraints(3)", 0),
    # cnsreg whose X'y or X'X is past the largest double: r(504)
    ("huge", ("constraint 1 x1 = x2",), "cnsreg y x1 x1, constraints(1)", 504),
    ("huge", ("constraint 1 x1 = x2",), "cnsreg c x1 x2, constraints(1)", 504),
    # heckman with values near 1e307: the two-step start past the largest double r(1400)
    ("huge", (), "heckman y x1, select(b = x2)", 1400),
    ("huge", (), "heckman y x1, select(b = k)", 1400),
    # truncreg of a depvar near 1e307: the start is past the largest double (glm's r(1400))
    ("huge", (), "truncreg y x1, ul(1)", 1400),
    # heckprob with a selection variable that does not vary: heckprob.ado's probit of it, r(2000)
    # before its "never censored" check (was 16,000 iterations of a likelihood with nothing selected)
    ("full", (), "bysort b: heckprob y x1 [pw=w], select(b = x2)", 2000),
    ("full", (), "heckprob b x1, select(x2 c)", 2000),
    # heckprob whose outcome does not vary among the selected: its probit's r(2000) (was a hang)
    ("longnames", (), "heckprob b x1, select(b = x2)", 2000),
    # tabi: a count past a long's largest is a missing frequency weight (tabi.ado's gen long pop)
    ("full", (), "quietly tabi 1e300 2 \\ 3 4", 0),
    # dwatson of residuals near 1e307: the sums past the largest double are missing
    ("huge", TIMED + ("regress y x1 x2 if b",), "estat dwatson", 0),
    # zip's Vuong statistic with a constant log-ratio: missing
    ("full", ("constraint 1 x1 = x2", "constraint 2 x1 = 1", "constraint 3 _cons = 1e300"),
     "bysort b: zip c x1, inflate(x1) vuong", 0),
    # estat esize with a singular V (regressors near 1e307): F and eta-squared missing
    ("huge", TIMED + ("regress y x2 m",), "estat esize", 0),
    # stem of values at 1e150 in units of 0.1: a stem a rounding away from -width (was a hang)
    ("magnitudes", (), "stem y, round(0.1)", 0),
    # stem of values at 1e150 with lines(2): 1e149 lines; refused past a million (mlm's rule)
    ("magnitudes", (), "stem y, lines(2)", 198),
    # factor with a repeated variable: its SMC is 1 (R singular)
    ("full", (), "by f, sort: factor y x1 x1 c", 506),
    # sdtest of values near 1e307: the CI of a missing mean is missing
    ("huge", (), "quietly sdtest y == x1", 0),
    # mean with aweights of 1e300 over groups: the group factors' product overflowed
    ("full", (), "quietly mean w [aw=1e300], over(f b)", 0),
    # predict into a float of values past the largest float: missing (as generate float)
    ("magnitudes", ("ivregress 2sls y t2 (x1 = x2 c) if b",), "predict nv", 0),
    # heckman, nshazard(), regressors at 1e-150: the two-step variance overflow is not an error
    ("magnitudes", (), "heckman y x1, select(b = x2) nshazard(nv)", 430),
    # alpha with as many items as rows: the factor for the signs fails, alpha.ado's r(459)
    ("full", (), 'by f, sort: alpha y x1 x2 if s == "a", std', 459),
    # a cdf expression of 1e300: D^2 past the largest double, p missing
    ("full", (), "quietly ksmirnov y = 1e300 if m < .", 0),
    # every value at the median: a 1 x 2 table, no continuity-corrected chi2
    ("full", (), "median k, by(b)", 0),
    # one observation: no residual degrees of freedom
    ("one", (), "ivregress 2sls y i.f (x1 = x2 c)", 2001),
    # instruments at 1e-150 beside 1e15: numerically collinear
    ("magnitudes", (), "ivregress gmm y (x1 = x2 c)", 506),
    # ovtest: no residual df (F missing), constant fitted values (ovtest.ado's powers all missing)
    ("full", ("regress y x1 in 1/3",), "estat ovtest", 0),
    ("holes", TIMED + ("regress y if b",), "estat ovtest", 2000),
    # estat firststage with as many instruments as observations: adjusted R2 and F missing
    ("holes", ("ivregress 2sls y (x1 = x2 c)",), "estat firststage", 0),
    # cnsreg with no residual df: cnsreg.ado's MSE/df is missing
    ("one", ("constraint 1 x1 = x2", "constraint 2 x1 = 1", "constraint 3 _cons = 1e300"),
     "by f, sort: cnsreg y x1 x1, constraints(1)", 0),
    # regressors at 1e-150 beside a depvar at 1e150: V past the largest double is missing
    ("magnitudes", (), "ivregress 2sls y x1", 0),
    # nomiss0 on a sample with gaps leaves the auxiliary regression no rows (its regress: r(2000))
    ("holes", TIMED + ("regress y x2 m",), "estat bgodfrey, nomiss0 small", 2000),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round4_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


def test_factor_of_huge_values_matches_the_scaled_data(do):
    """Correlation-based results do not change when a column is multiplied by 2^1000."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    df = pd.DataFrame({"a": rng.normal(size=30), "b": rng.normal(size=30), "c": rng.normal(size=30)})
    df["b"] = df["b"] + df["a"]
    _, _, small = do("factor a b c", df=df)
    big = df.copy()
    big["b"] = big["b"] * 2.0 ** 1000
    rc, out, s = do("factor a b c", df=big)
    assert rc == 0 and "internal error" not in out, out
    assert np.allclose(s.e.matrices["L"].values, small.e.matrices["L"].values, rtol=1e-10)
    assert np.isclose(s.e.matrices["sds"].values[0, 1], small.e.matrices["sds"].values[0, 1] * 2.0 ** 1000, rtol=1e-12)


def test_mean_with_a_string_cluster_variable_matches_its_numeric_codes(do):
    """vce(cluster s) with s a string: "" marked out (markout, strok), the same clusters as codes
    (was "no observations": the string counted as missing everywhere)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(8)
    labels = np.array(["a", "b c", "", "dd", "e"])[np.arange(30) % 5]
    df = pd.DataFrame({"x": rng.normal(size=30), "s": labels,
                       "k": np.where(labels == "", np.nan, (np.arange(30) % 5).astype(float))})
    rc, out, s = do("mean x, vce(cluster s)", df=df)
    assert rc == 0, out
    _, _, ref = do("mean x, vce(cluster k)", df=df)
    assert s.e.scalars["N"] == 24 and s.e.scalars["N_clust"] == 4
    assert np.allclose(s.e.matrices["V"].values, ref.e.matrices["V"].values, rtol=1e-12)
