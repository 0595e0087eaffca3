"""qreg and rreg against Stata's own output: the [R] qreg examples on the auto data (median,
.25 and .75 quantiles, vce(robust)), the [R] rreg example (rreg mpg weight foreign: log,
coefficients, SEs, F) and Stata's rreg of the stackloss data; quantreg's rq (method "br")
coefficients (tests/reference_values/robust_regression_reference.R); layouts, e(), predict,
errors with Stata's messages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "reference_values"
AUTO = pd.read_csv(HERE / "auto_subset.csv").astype(float)
STACKLOSS = pd.read_csv(HERE / "stackloss.csv").rename(
    columns={"Air.Flow": "airflow", "Water.Temp": "watertemp", "Acid.Conc.": "acidconc", "stack.loss": "stackloss"}
).astype(float)
R_VALUES = json.loads((HERE / "robust_regression_reference.json").read_text())

# [R] qreg: qreg price weight length foreign [, quantile(.25|.75)] -- b, se, raw sum, about, pseudo R2.
# The manuals' raw sums are sum rho_q (Stata 14 on); Stata 13 prints twice them (its deviations
# weighted 2q and 2(1 - q): see the Engel example below), so the test doubles them.
STATA_QREG = {
    0.5: ([3.933588, -41.25191, 3377.771, 344.6489], [1.328718, 45.46469, 885.4198, 5182.394], 71102.5, 4934, 0.2347),
    0.25: ([1.831789, 2.84556, 2209.925, -1879.775], [0.6328903, 21.65558, 421.7401, 2468.46], 41912.75, 4187, 0.1697),
    0.75: ([9.22291, -220.7833, 3595.133, 20242.9], [1.785767, 61.10352, 1189.984, 6965.02], 79860.75, 6342, 0.3840),
}

# [R] qreg's median regression as Stata 13 prints it (the sums of absolute deviations, twice the
# later manuals' 71102.5 and 54411.29; the iteration log is Stata's simplex path: mlm prints the
# WLS step, which it reproduces, and the linear program's minimum)
QREG_TABLE = """\
Median regression                                    Number of obs =        74
  Raw sum of deviations   142205 (about 4934)
  Min sum of deviations 108822.6                     Pseudo R2     =    0.2347

------------------------------------------------------------------------------
       price |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
      weight |   3.933588   1.328718     2.96   0.004     1.283543    6.583632
      length |  -41.25191   45.46469    -0.91   0.367    -131.9284    49.42456
     foreign |   3377.771   885.4198     3.81   0.000     1611.857    5143.685
       _cons |   344.6489   5182.394     0.07   0.947     -9991.31    10680.61
------------------------------------------------------------------------------"""

# [R] rreg: rreg mpg weight foreign
RREG_OUTPUT = """\
   Huber iteration 1:  maximum difference in weights = .80280176
   Huber iteration 2:  maximum difference in weights = .2915438
   Huber iteration 3:  maximum difference in weights = .08911171
   Huber iteration 4:  maximum difference in weights = .02697328
Biweight iteration 5:  maximum difference in weights = .29186818
Biweight iteration 6:  maximum difference in weights = .11988101
Biweight iteration 7:  maximum difference in weights = .03315872
Biweight iteration 8:  maximum difference in weights = .00721325

Robust regression                                      Number of obs =      74
                                                       F(  2,    71) =  168.32
                                                       Prob > F      =  0.0000

------------------------------------------------------------------------------
         mpg |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
      weight |  -.0063976   .0003718   -17.21   0.000     -.007139   -.0056562
     foreign |  -3.182639    .627964    -5.07   0.000    -4.434763   -1.930514
       _cons |   40.64022   1.263841    32.16   0.000      38.1202    43.16025
------------------------------------------------------------------------------"""

# Stata's rreg stackloss airflow watertemp acidconc (statsmodels' Stata reference output)
STACKLOSS_OUTPUT = """\
   Huber iteration 1:  maximum difference in weights = .48402478
   Huber iteration 2:  maximum difference in weights = .07083248
   Huber iteration 3:  maximum difference in weights = .03630349
Biweight iteration 4:  maximum difference in weights = .2114744
Biweight iteration 5:  maximum difference in weights = .04709559
Biweight iteration 6:  maximum difference in weights = .01648123
Biweight iteration 7:  maximum difference in weights = .01050023
Biweight iteration 8:  maximum difference in weights = .0027233

Robust regression                                      Number of obs =      21
                                                       F(  3,    17) =   74.15
                                                       Prob > F      =  0.0000

------------------------------------------------------------------------------
   stackloss |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
     airflow |   .8526511   .1223835     6.97   0.000     .5944446    1.110858
   watertemp |   .8733594   .3339811     2.61   0.018     .1687209    1.577998
    acidconc |  -.1224349   .1418364    -0.86   0.400    -.4216836    .1768139
       _cons |   -41.6703   10.79559    -3.86   0.001      -64.447   -18.89361
------------------------------------------------------------------------------"""


def _se(session):
    return np.sqrt(np.diag(session.e.matrices["V"].values))


@pytest.mark.parametrize("tau", [0.5, 0.25, 0.75])
def test_qreg_reproduces_the_manual_examples(do, tau):
    b, se, raw, about, pseudo = STATA_QREG[tau]
    rc, out, s = do(f"qreg price weight length foreign, quantile({tau})", AUTO.copy())
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], b, rtol=6e-7)
    np.testing.assert_allclose(_se(s), se, rtol=6e-7)
    assert s.e.scalars["sum_rdev"] == 2 * raw and s.e.scalars["q_v"] == about
    assert round(1 - s.e.scalars["sum_adev"] / s.e.scalars["sum_rdev"], 4) == pseudo
    assert (s.e.scalars["N"], s.e.scalars["df_r"], s.e.scalars["df_m"]) == (74, 70, 3)
    # quantreg's Barrodale-Roberts vertex: the same coefficients (the median's foreign is the
    # documented non-unique one; Stata, R and HiGHS end on the same vertex)
    r = R_VALUES[f"qreg_{tau:g}"]
    np.testing.assert_allclose(s.e.matrices["b"].values[0], r["coef"], rtol=1e-9)
    np.testing.assert_allclose(s.e.scalars["sum_adev"], 2 * r["sum_adev"], rtol=1e-10)  # R's sum rho_q


def test_qreg_output_layout_and_wls_log(do):
    rc, out, s = do("qreg price weight length foreign", AUTO.copy())
    assert out.startswith("Iteration  1:  WLS sum of weighted deviations =  112795.66\n\n"
                          "Iteration  1: sum of abs. weighted deviations =  108822.59\n\n")
    assert out.rstrip("\n").endswith(QREG_TABLE)
    rc, out, _ = do("qreg price weight length foreign, quantile(25) nolog", AUTO.copy())
    assert out.startswith("\n.25 Quantile regression                              Number of obs =        74")
    rc, out, _ = do("qreg price weight length foreign, wlsiter(3)", AUTO.copy())
    assert [line[:14] for line in out.splitlines()[:3]] == ["Iteration  1: ", "Iteration  2: ", "Iteration  3: "]
    rc, again, _ = do("qreg price weight length foreign\nqreg", AUTO.copy())
    assert again.rstrip("\n").endswith(QREG_TABLE) and again.count("Median regression") == 2


# Stata 13: qreg foodexp income, vce(iid, kernel(epan2)) on Engel's data (quantreg's engel,
# engel.csv; the output statsmodels' and QuantileRegression.jl's tests quote).  Its log's first
# line and everything from the header on; the simplex iterations between are Stata's own path.
ENGEL_OUTPUT = """\
Median regression                                    Number of obs =       235
  Raw sum of deviations 46278.06 (about 582.54126)
  Min sum of deviations 17559.93                     Pseudo R2     =    0.6206

------------------------------------------------------------------------------
     foodexp |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
      income |   .5601805   .0131763    42.51   0.000     .5342206    .5861403
       _cons |   81.48233   14.63518     5.57   0.000     52.64815    110.3165
------------------------------------------------------------------------------"""


def test_qreg_kernel_vce_reproduces_statas_engel_output(do):
    # insheet/import delimited store floats, as Stata read the file
    rc, out, s = do(f'import delimited "{HERE / "engel.csv"}", clear\nqreg foodexp income, vce(iid, kernel(epan2))')
    out = out[out.index("Iteration"):]
    assert out.startswith("Iteration  1:  WLS sum of weighted deviations =  18051.196\n")
    assert out.rstrip("\n").endswith(ENGEL_OUTPUT)


def test_qreg_robust_matches_the_manual(do):
    rc, out, s = do("qreg price weight length foreign, vce(robust)", AUTO.copy())
    np.testing.assert_allclose(_se(s), [1.694477, 51.73571, 728.5115, 5096.528], rtol=6e-7)
    assert s.e.macros["vcetype"] == "Robust" and "|               Robust" in out
    assert (s.e.macros["denmethod"], s.e.macros["bwmethod"]) == ("fitted", "hsheather")


def test_qreg_iid_kernel_sparsity_formula(do):
    """vce(iid, kernel(epan2)): s = c / mean K(r/c), c = min(sd, IQR/1.34) (Phi^-1(tau + h) - Phi^-1(tau - h))."""
    from scipy import stats

    rc, out, s = do("qreg price weight length foreign, vce(iid, kernel(epan2) chamberlain)", AUTO.copy())
    X = np.column_stack([AUTO.weight, AUTO.length, AUTO.foreign, np.ones(74)])
    r = AUTO.price.to_numpy() - X @ s.e.matrices["b"].values[0]
    h = stats.norm.ppf(0.975) * np.sqrt(0.25 / 74)
    assert s.e.scalars["bwidth"] == pytest.approx(h, rel=1e-12)
    sr = np.sort(r)
    iqr = sr[int(np.ceil(0.75 * 74)) - 1] - sr[int(np.ceil(0.25 * 74)) - 1]  # 55.5th, 18.5th: not integers
    c = min(r.std(ddof=1), iqr / 1.34) * (stats.norm.ppf(0.5 + h) - stats.norm.ppf(0.5 - h))
    assert s.e.scalars["kbwidth"] == pytest.approx(c, rel=1e-10)
    u = r / c
    sparsity = c / np.mean(np.where(np.abs(u) < 1, 0.75 * (1 - u * u), 0))
    assert s.e.scalars["sparsity"] == pytest.approx(sparsity, rel=1e-10)
    np.testing.assert_allclose(s.e.matrices["V"].values, 0.25 * sparsity ** 2 * np.linalg.inv(X.T @ X), rtol=1e-9)
    assert s.e.macros["kernel"] == "epan2"


def test_qreg_frequency_weights_are_duplicated_rows(do):
    w = (np.arange(74) % 3 + 1).astype(float)
    df = AUTO.assign(w=w)
    rc, out, weighted = do("qreg price weight length [fw=w]", df)
    expanded = df.loc[df.index.repeat(w.astype(int))].reset_index(drop=True)
    rc, out, plain = do("qreg price weight length", expanded)
    np.testing.assert_allclose(weighted.e.matrices["b"].values, plain.e.matrices["b"].values, rtol=1e-9)
    np.testing.assert_allclose(_se(weighted), _se(plain), rtol=1e-9)
    assert weighted.e.scalars["N"] == plain.e.scalars["N"] == w.sum()


def test_predict_after_qreg(do):
    rc, out, s = do("qreg price weight length foreign\npredict xb\npredict se, stdp\npredict r, residuals", AUTO.copy())
    assert "(option xb assumed; fitted values)" in out
    X = np.column_stack([AUTO.weight, AUTO.length, AUTO.foreign, np.ones(74)])
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    np.testing.assert_allclose(s.data.numeric("xb"), (X @ b).astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("r"), AUTO.price - X @ b, rtol=1e-5, atol=1e-3)
    rc, out, _ = do("predict z, rstandard", session=s)
    assert rc == 198 and "option rstandard not allowed" in out


def test_rreg_reproduces_the_manual_example(do):
    rc, out, s = do("rreg mpg weight foreign, genwt(w)", AUTO.copy())
    assert rc == 0 and out.rstrip("\n").endswith(RREG_OUTPUT) and out.startswith("\n")
    np.testing.assert_allclose(s.e.matrices["b"].values[0], [-0.0063976, -3.182639, 40.64022], rtol=2e-5)
    w = s.data.numeric("w")
    assert int((w == 0).sum()) == 3 and int((w < 0.467).sum()) == 7  # the manual's list of low weights
    assert s.e.macros["genwt"] == "w" and s.e.scalars["df_r"] == 71 and s.e.macros["title"] == "Robust regression"
    rc, again, _ = do("rreg", session=s)
    assert again.rstrip("\n").endswith(RREG_OUTPUT.split("\n\n", 1)[1]) and "Huber" not in again


def test_rreg_reproduces_statas_stackloss_output(do):
    rc, out, s = do("rreg stackloss airflow watertemp acidconc", STACKLOSS.copy())
    assert out.rstrip("\n").endswith(STACKLOSS_OUTPUT)


def test_rreg_drops_gross_outliers_by_cooks_distance(do):
    """An observation with Cook's D > 1 under least squares leaves the sample (and gets no weight)."""
    df = AUTO[["mpg", "weight"]].copy()
    df.loc[0, ["mpg", "weight"]] = [60.0, 4800.0]  # a heavy car with a huge mpg: D >> 1
    rc, out, s = do("rreg mpg weight, genwt(w)", df)
    assert s.e.scalars["N"] == 73 and np.isnan(s.data.numeric("w")[0])
    rc, out, s2 = do("rreg mpg weight in 2/74", df)
    np.testing.assert_allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, rtol=1e-12)


def test_predict_after_rreg(do):
    rc, out, s = do("rreg mpg weight foreign\npredict xb\npredict se, stdp\npredict e, resid", AUTO.copy())
    X = np.column_stack([AUTO.weight, AUTO.foreign, np.ones(74)])
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    np.testing.assert_allclose(s.data.numeric("xb"), X @ b, rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("e"), AUTO.mpg - X @ b, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("command, message, code", [
    ("qreg price weight, quantile(100)", "quantile(100) is out of range", 198),
    ("qreg price weight, quantile(0)", "quantile(0) is out of range", 198),
    ("qreg price weight, wlsiter(0)", "wlsiter(0) must be a positive integer", 198),
    ("qreg price weight, vce(cluster foreign)", "option vce(cluster foreign) is not allowed", 198),
    ("qreg price weight, vce(iid robust)", "only one of iid or robust is allowed", 198),
    ("qreg price weight, vce(robust, residual)", "residual may not be specified as a suboption", 184),
    ("qreg price weight, vce(, fitted kernel)", "only one of fitted, residual, or kernel() is allowed", 198),
    ("qreg price weight, vce(, kernel(foo))", "suboption kernel(foo) is not allowed", 198),
    ("qreg price weight [pw=mpg], vce(iid)", "vce(iid) is not possible with pweighted data", 404),
    ("qreg price weight [aw=mpg]", "aweights not allowed", 101),
    ("qreg price weight, bogus", "option bogus not allowed", 198),
    ("qreg price weight in 1/2", "insufficient observations", 2001),
    ("qreg price weight if price < 0", "no observations", 2000),
    ("rreg mpg weight [fw=foreign]", "weights not allowed", 101),
    ("rreg mpg weight, graph", "option graph not supported by mlmcli", 198),
    ("rreg mpg weight, genwt(price)", "variable price already defined", 110),
    ("rreg mpg weight, tune(-1)", "tune() must be positive", 198),
    ("qreg", "last estimates not found", 301),
    ("rreg", "last estimates not found", 301)])
def test_errors(do, command, message, code):
    rc, out, s = do(command, AUTO.copy())
    assert rc == code and message in out, out
    assert list(s.data.varnames) == list(AUTO.columns)  # a failing command leaves the data unchanged


def test_margins_after_qreg_and_rreg_is_the_mean_linear_prediction(do):
    for command in ("qreg price weight", "rreg price weight"):
        rc, out, s = do(f"{command}, nolog\nmargins", AUTO.copy())
        assert rc == 0, out
        X = np.column_stack([AUTO.weight, np.ones(74)])
        b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
        xbar = X.mean(axis=0)
        margin = np.asarray(s.r["table"].values)
        np.testing.assert_allclose(margin[0, 0], xbar @ b, rtol=1e-9)
        np.testing.assert_allclose(margin[1, 0], np.sqrt(xbar @ V @ xbar), rtol=1e-9)
        rc, out, _ = do("margins, predict(residuals)", session=s)
        if command.startswith("qreg"):  # qreg's e(marginsnotok) stdp stddp Residuals: _check_e_margins
            assert rc == 322 and "predict option residuals not appropriate with margins" in out
        else:  # rreg lists none: margins' own check of a prediction that depends on more than e(b)
            assert rc == 498 and "possibly stochastic" in out


def _lp_vertex(X, y, tau):
    """The resample's quantile regression as the primal linear program min tau 1'u + (1 - tau) 1'v,
    X b + u - v = y, checked against its dual (max y'a, X'a = (1 - tau) X'1, 0 <= a <= 1): both
    optimal values agree, and the dual simplex's vertex (b its multipliers) is returned -- on
    resamples where the minimisers form an edge the two forms may end at different vertices."""
    from scipy import optimize, sparse

    n, k = X.shape
    a_eq = sparse.hstack([sparse.csr_matrix(X), sparse.eye(n), -sparse.eye(n)])
    primal = optimize.linprog(np.r_[np.zeros(k), np.full(n, tau), np.full(n, 1 - tau)], A_eq=a_eq, b_eq=y,
                              method="highs", bounds=[(None, None)] * k + [(0, None)] * (2 * n))
    dual = optimize.linprog(-y, A_eq=X.T, b_eq=(1 - tau) * X.sum(axis=0), bounds=(0, 1), method="highs-ds")
    b = -dual.eqlin.marginals
    u = y - X @ b
    assert np.sum(np.where(u < 0, (tau - 1) * u, tau * u)) == pytest.approx(primal.fun, rel=1e-9)
    return b


def test_bsqreg_is_qreg_with_the_bootstrap_covariance_of_resampled_fits(do):
    from mlmcli.robust.quantile_regression import bootstrap_quantiles

    rc, out, s = do("set seed 12\nbsqreg price weight length foreign, reps(30)", AUTO.copy())
    assert rc == 0, out
    assert "(fitting base model)\n\nBootstrap replications (30)\n" in out
    assert "\nMedian regression, bootstrap(30) SEs                 Number of obs =        74\n" in out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], STATA_QREG[0.5][0], rtol=6e-7)
    assert (s.e.scalars["reps"], s.e.scalars["df_r"], s.e.macros["cmd"]) == (30, 70, "bsqreg")
    rc, again, s2 = do("set seed 12\nbsqreg price weight length foreign, reps(30)", AUTO.copy())
    np.testing.assert_array_equal(s.e.matrices["V"].values, s2.e.matrices["V"].values)  # set seed: same draws
    # the engine's covariance against resampled linear programs written out here
    X = np.column_stack([AUTO.weight, AUTO.length, AUTO.foreign, np.ones(74)])
    y = AUTO.price.to_numpy()
    V = bootstrap_quantiles(y, X, (0.5,), 25, np.random.default_rng(3))
    rng, fits = np.random.default_rng(3), []
    for _ in range(25):
        i = rng.integers(0, 74, size=74)
        fits.append(_lp_vertex(X[i], y[i], 0.5))
    np.testing.assert_allclose(V, np.cov(np.array(fits), rowvar=False), rtol=1e-6)


@pytest.mark.parametrize("command, message, code", [
    ("bsqreg price weight, reps(1)", "reps() must be an integer greater than 1", 198),
    ("bsqreg price weight [fw=foreign]", "weights not allowed", 101),
    ("bsqreg price weight, quantile(100)", "quantile(100) is out of range", 198),
    ("bsqreg", "last estimates not found", 301)])
def test_bsqreg_errors(do, command, message, code):
    rc, out, s = do(command, AUTO.copy())
    assert rc == code and message in out, out


def test_sqreg_stacks_the_quantiles_and_iqreg_differences_them(do):
    from mlmcli.robust.quantile_regression import bootstrap_quantiles

    rc, out, s = do("set seed 4\nsqreg price weight length foreign, quantiles(.25 .5 .75) reps(20)", AUTO.copy())
    assert rc == 0, out
    assert "(fitting base model)\n(bootstrapping ....................)\n" in out
    assert ("\nSimultaneous quantile regression                     Number of obs =        74\n"
            "  bootstrap(20) SEs                                  .25 Pseudo R2 =    0.1697\n"
            "                                                     .50 Pseudo R2 =    0.2347\n"
            "                                                     .75 Pseudo R2 =    0.3840\n") in out
    assert "             |              Bootstrap\n" in out and "\nq50          |\n" in out
    b = s.e.matrices["b"]
    assert b.colnames[:4] == ("q25:weight", "q25:length", "q25:foreign", "q25:_cons")
    np.testing.assert_allclose(b.values[0], np.concatenate([STATA_QREG[q][0] for q in (0.25, 0.5, 0.75)]), rtol=6e-7)
    assert s.e.macros["eqnames"] == "q25 q50 q75" and s.e.scalars["n_q"] == 3
    rc, out, _ = do("test [q25]weight = [q75]weight", session=s)
    assert rc == 0 and "[q25]weight - [q75]weight = 0" in out
    # iqreg: [R] qreg's iqreg price weight length foreign point estimates
    rc, out, s = do("iqreg price weight length foreign, nodots", AUTO.copy())
    np.testing.assert_allclose(s.e.matrices["b"].values[0], [7.391121, -223.6288, 1385.208, 22122.68], rtol=6e-7)
    assert out.startswith("\n.75-.25 Interquantile regression                     Number of obs =        74\n"
                          "  bootstrap(20) SEs                                  .75 Pseudo R2 =    0.3840\n"
                          "                                                     .25 Pseudo R2 =    0.1697\n")
    assert (s.e.scalars["q0"], s.e.scalars["q1"]) == (0.25, 0.75)
    # the engine's covariance of the differences against resampled linear programs written out here
    X = np.column_stack([AUTO.weight, AUTO.length, AUTO.foreign, np.ones(74)])
    y = AUTO.price.to_numpy()
    V = bootstrap_quantiles(y, X, (0.25, 0.75), 15, np.random.default_rng(8), difference=True)
    rng, diffs = np.random.default_rng(8), []
    for _ in range(15):
        i = rng.integers(0, 74, size=74)
        fit = [_lp_vertex(X[i], y[i], q) for q in (0.25, 0.75)]
        diffs.append(fit[1] - fit[0])
    np.testing.assert_allclose(V, np.cov(np.array(diffs), rowvar=False), rtol=1e-6)


@pytest.mark.parametrize("command, message, code", [
    ("iqreg price weight, quantiles(.75 .25)", "quantiles(.75 .25) invalid\n0.75 >= 0.25", 198),
    ("iqreg price weight, quantiles(.5)", "quantiles(.5) invalid", 198),
    ("sqreg price weight, quantiles(.5 abc)", "abc not a number", 198),
    ("sqreg price weight, quantiles(.5 1.5)", "0.015", 0),
    ("sqreg price weight, quantiles(.5 .5)", "only 1 out of 2 quantiles are unique", 498),
    ("sqreg price weight, reps(1)", "option reps() incorrectly specified", 198),
    ("sqreg price weight [fw=foreign]", "weights not allowed", 101),
    ("sqreg", "last estimates not found", 301)])
def test_sqreg_iqreg_errors(do, command, message, code):
    rc, out, s = do(command, AUTO.copy())
    assert rc == code, out
    if code:
        assert message in out, out
    else:
        # sqreg.ado's names: the quantiles times 1000 when times 100 is not whole for all
        assert s.e.matrices["b"].colnames == ("q500:weight", "q500:_cons", "q015:weight", "q015:_cons")


def test_qreg_residual_sparsity_formula(do):
    """vce(iid, residual): the q -/+ h percentiles of the residuals without the k basis
    observations (zero residuals), h the Hall-Sheather bandwidth of their number."""
    from scipy import stats

    rc, out, s = do("qreg price weight length foreign, vce(iid, residual)", AUTO.copy())
    X = np.column_stack([AUTO.weight, AUTO.length, AUTO.foreign, np.ones(74)])
    r = AUTO.price.to_numpy() - X @ s.e.matrices["b"].values[0]
    kept = np.sort(r[np.abs(r) > 1e-6])
    assert kept.size == 70
    n = kept.size
    za, z = stats.norm.ppf(0.975), stats.norm.ppf(0.5)
    h = n ** (-1 / 3) * za ** (2 / 3) * (1.5 * stats.norm.pdf(z) ** 2 / (2 * z * z + 1)) ** (1 / 3)

    def pctile(p):  # Stata's: the mean of x[P] and x[P+1] when P = n p/100 is whole, else x[ceil(P)]
        P = n * p / 100
        return (kept[int(P) - 1] + kept[int(P)]) / 2 if P == int(P) else kept[int(np.ceil(P)) - 1]

    sparsity = (pctile(100 * (0.5 + h)) - pctile(100 * (0.5 - h))) / (2 * h)
    assert s.e.scalars["bwidth"] == pytest.approx(h, rel=1e-12)
    assert s.e.scalars["sparsity"] == pytest.approx(sparsity, rel=1e-12)
    np.testing.assert_allclose(s.e.matrices["V"].values, 0.25 * sparsity ** 2 * np.linalg.inv(X.T @ X), rtol=1e-9)
