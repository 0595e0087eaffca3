"""gmm (interactive version): the estimates against the commands whose estimators it generalises
(ivregress gmm/2sls for a linear residual, ivpoisson gmm for an exponential mean, reg3 for a
two-equation system with the unadjusted weight matrix), against a Newey-West HAC computed here
with numpy, the layout of gmm.ado's GMMout, e(), predict, estat overid and Stata's errors.
The data are simulated here."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted


def _data(seed: int = 7, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    z1, z2, z3, x1, v = rng.normal(size=(5, n))
    x2 = 0.5 * z1 + 0.5 * z2 + 0.3 * x1 + v
    y = 1 + 0.5 * x1 - 0.7 * x2 + (0.6 * v + rng.normal(size=n)) * (1 + 0.5 * np.abs(z1))
    c = rng.poisson(np.exp(0.3 + 0.3 * x1 + 0.2 * x2))
    e = rng.multivariate_normal([0, 0], [[1, .5], [.5, 1]], size=n)
    w1 = 0.6 * z1 + 0.4 * z3 + rng.normal(size=n)
    w2 = 0.5 * z2 - 0.3 * z3 + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "z1": z1, "z2": z2, "z3": z3, "c": c.astype(float),
                         "cl": rng.integers(1, 25, size=n).astype(float), "t": np.arange(1.0, n + 1),
                         "y1": 1 + 0.8 * w1 + 0.4 * z3 + e[:, 0], "y2": -0.5 + 0.6 * w2 + e[:, 1],
                         "w1": w1, "w2": w2})


DATA = _data()
LINEAR = "gmm (y - {xb: x1 x2} - {b0}), instruments(x1 z1 z2)"
IVREG = "ivregress gmm y x1 (x2 = z1 z2)"


def _reordered(s):
    """gmm's (x1, x2, b0) in ivregress's order (x2, x1, _cons)."""
    b, se = b_and_se(s)
    return b[[1, 0, 2]], se[[1, 0, 2]]


@pytest.mark.parametrize("gmm_options, iv_options", [
    ("", ""), (" wmatrix(unadjusted)", ", wmatrix(unadjusted)"), (" wmatrix(cluster cl)", ", wmatrix(cluster cl)"),
    (" igmm", ", igmm"), (" vce(unadjusted) wmatrix(unadjusted)", ", vce(unadjusted) wmatrix(unadjusted)")])
def test_linear_model_reproduces_ivregress_gmm(do, gmm_options, iv_options):
    _, g = fitted(do, LINEAR + gmm_options, DATA)
    _, iv = fitted(do, IVREG + iv_options, DATA)
    b, se = _reordered(g)
    b_iv, se_iv = b_and_se(iv)
    np.testing.assert_allclose(b, b_iv, rtol=1e-7)
    np.testing.assert_allclose(se, se_iv, rtol=1e-6)
    if "unadjusted)" not in gmm_options or "vce" not in gmm_options:
        assert g.e.scalars["J"] == pytest.approx(iv.e.scalars["J"], rel=1e-6)


@pytest.mark.parametrize("weight, options", [("[pw=cl]", ""), ("[aw=cl]", " wmatrix(unadjusted)"),
                                             ("[pw=cl]", " vce(cluster cl)"), ("[fw=cl]", "")])
def test_weighted_linear_model_reproduces_ivregress_gmm(do, weight, options):
    _, g = fitted(do, LINEAR.replace("),", f") {weight},") + options + " nolog", DATA)
    _, iv = fitted(do, f"{IVREG} {weight}" + ("," + options if options else ""), DATA)
    b, se = _reordered(g)
    np.testing.assert_allclose(b, b_and_se(iv)[0], rtol=1e-7)
    np.testing.assert_allclose(se, b_and_se(iv)[1], rtol=1e-6)
    assert g.e.macros["wtype"] == {"p": "pweight", "a": "aweight", "f": "fweight"}[weight[1]]
    assert g.e.scalars["N"] == (DATA.cl.sum() if weight.startswith("[fw") else len(DATA))


def test_one_step_is_two_stage_least_squares(do):
    _, g = fitted(do, LINEAR + " onestep vce(unadjusted)", DATA)
    _, iv = fitted(do, "ivregress 2sls y x1 (x2 = z1 z2)", DATA)
    b, se = _reordered(g)
    np.testing.assert_allclose(b, b_and_se(iv)[0], rtol=1e-7)
    np.testing.assert_allclose(se, b_and_se(iv)[1], rtol=1e-6)
    assert g.e.macros["estimator"] == "onestep" and "wmatrix" not in g.e.macros and "S" not in g.e.matrices


@pytest.mark.parametrize("residual, option", [
    ("c - exp({xb: x1 x2} + {b0})", "additive"), ("c*exp(-{xb: x1 x2} - {b0}) - 1", "multiplicative"),
    ("c - exp({xb: x1 x2} + {b0})", "center"), ("c - exp({xb: x1 x2} + {b0})", "center igmm"),
    ("c*exp(-{xb: x1 x2} - {b0}) - 1", "multiplicative vce(cluster cl)")])
def test_exponential_mean_reproduces_ivpoisson_gmm(do, residual, option):
    extra = option.replace("additive", "").replace("multiplicative", "")
    _, g = fitted(do, f"gmm ({residual}), instruments(x1 z1 z2) nolog {extra}", DATA)
    _, ivp = fitted(do, f"ivpoisson gmm c x1 (x2 = z1 z2), {option} nolog", DATA)
    b, se = _reordered(g)
    b_p, se_p = b_and_se(ivp)
    np.testing.assert_allclose(b, b_p, rtol=2e-5, atol=1e-6)  # both stop at a relative change of 1e-6
    np.testing.assert_allclose(se, se_p, rtol=2e-5)
    assert g.e.scalars["J"] == pytest.approx(ivp.e.scalars["J"], rel=1e-3)


def _bartlett(x: float) -> float:
    return max(0.0, 1 - x)


def _parzen(x: float) -> float:
    return 1 - 6 * x ** 2 + 6 * x ** 3 if x <= 0.5 else (2 * (1 - x) ** 3 if x <= 1 else 0.0)


def _newey_west_gmm(df: pd.DataFrame, lags: int, kernel=_bartlett):
    """Two-step linear GMM with W = S^-1, S the kernel-weighted (Bartlett: Newey-West) long-run
    covariance of z_t u_t (lag j weighted by k(j/(lags+1))) from the 2SLS residuals, and the HAC
    sandwich at the final b."""
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    Z = np.column_stack([df.x1, df.z1, df.z2, np.ones(len(df))])
    y, n = df.y.to_numpy(), len(df)

    def long_run(u):
        h = Z * u[:, None]
        S = h.T @ h
        for j in range(1, lags + 1):
            G = h[j:].T @ h[:-j]
            S += kernel(j / (lags + 1)) * (G + G.T)
        return S / n

    def solve(W):
        return np.linalg.solve(X.T @ Z @ W @ Z.T @ X, X.T @ Z @ W @ Z.T @ y)

    b1 = solve(np.linalg.inv(Z.T @ Z))
    W = np.linalg.inv(long_run(y - X @ b1))
    b = solve(W)
    G = Z.T @ X / n
    bread = np.linalg.inv(G.T @ W @ G)
    V = bread @ G.T @ W @ long_run(y - X @ b) @ W @ G @ bread / n
    return b, np.sqrt(np.diag(V))


def test_hac_weight_matrix_and_vce_against_newey_west(do):
    printed, g = fitted(do, "tsset t\n" + LINEAR + " wmatrix(hac bartlett 4) nolog", DATA)
    b_ref, se_ref = _newey_west_gmm(DATA, 4)
    b, se = b_and_se(g)
    np.testing.assert_allclose(b, b_ref, rtol=1e-7)
    np.testing.assert_allclose(se, se_ref, rtol=1e-6)
    assert "GMM weight matrix:     HAC Bartlett 4" in printed
    assert "HAC standard errors based on Bartlett kernel with 4 lags." in printed
    assert g.e.macros["vce"] == "hac bartlett 4" and g.e.macros["vcetype"] == "HAC"
    assert g.e.scalars["vcelags"] == 4 and g.e.scalars["wmatlags"] == 4


def test_parzen_kernel_against_numpy(do):
    _, g = fitted(do, "tsset t\n" + LINEAR + " wmatrix(hac parzen 5) nolog", DATA)
    b_ref, se_ref = _newey_west_gmm(DATA, 5, _parzen)
    np.testing.assert_allclose(b_and_se(g)[0], b_ref, rtol=1e-7)
    np.testing.assert_allclose(b_and_se(g)[1], se_ref, rtol=1e-6)
    assert g.e.macros["wmatrix"] == "hac parzen 5"


def test_system_with_unadjusted_weight_matrix_is_three_stage_least_squares(do):
    system = ("gmm (eq1: y1 - {a0} - {a1}*w1 - {a2}*z3) (eq2: y2 - {c0} - {c1}*w2), instruments(z1 z2 z3) "
              "winitial(unadjusted, independent) wmatrix(unadjusted) nolog")
    _, g = fitted(do, system, DATA)
    _, r3 = fitted(do, "reg3 (y1 w1 z3) (y2 w2), endog(w1 w2) exog(z1 z2 z3)", DATA)
    b_r3 = b_and_se(r3)[0]  # y1: w1 z3 _cons, y2: w2 _cons
    np.testing.assert_allclose(b_and_se(g)[0], b_r3[[2, 0, 1, 4, 3]], rtol=1e-7)
    assert g.e.macros["eqnames"] == "eq1 eq2" and g.e.scalars["n_eq"] == 2
    assert g.e.matrices["W"].colnames[:4] == ("eq1:z1", "eq1:z2", "eq1:z3", "eq1:_cons")
    # step 1 alone: each equation's 2SLS
    _, one = fitted(do, system.replace("wmatrix(unadjusted)", "onestep"), DATA)
    _, iv = fitted(do, "ivregress 2sls y1 z3 (w1 = z1 z2)", DATA)
    np.testing.assert_allclose(b_and_se(one)[0][:3], b_and_se(iv)[0][[2, 0, 1]], rtol=1e-7)


def test_nocommonesample_with_independent_blocks_fits_each_equation_alone(do):
    df = DATA.copy()
    df.loc[:39, "y1"] = np.nan
    df.loc[250:, "y2"] = np.nan
    joint = ("gmm (y1 - {a0} - {a1}*w1) (y2 - {c0} - {c1}*w2), instruments(z1 z2 z3) nocommonesample "
             "winitial(unadjusted, independent) wmatrix(robust, independent) nolog")
    printed, g = fitted(do, joint, df)
    _, one = fitted(do, "gmm (y1 - {a0} - {a1}*w1), instruments(z1 z2 z3) nolog", df)
    _, two = fitted(do, "gmm (y2 - {c0} - {c1}*w2), instruments(z1 z2 z3) nolog", df)
    b, se = b_and_se(g)
    np.testing.assert_allclose(b, np.r_[b_and_se(one)[0], b_and_se(two)[0]], rtol=1e-6)
    np.testing.assert_allclose(se, np.r_[b_and_se(one)[1], b_and_se(two)[1]], rtol=1e-6)
    assert g.e.matrices["N_byequation"].values.ravel().tolist() == [260.0, 250.0]
    assert "Number of obs   =   *" in printed
    assert "* Number of observations for equation 1: 260" in printed


def test_analytic_derivatives_agree_with_numeric_ones(do):
    _, numeric = fitted(do, LINEAR + " nolog", DATA)
    _, analytic = fitted(do, LINEAR + " derivative(/xb = -1) derivative(/b0 = -1) nolog", DATA)
    np.testing.assert_allclose(b_and_se(analytic)[0], b_and_se(numeric)[0], rtol=1e-8)
    np.testing.assert_allclose(b_and_se(analytic)[1], b_and_se(numeric)[1], rtol=1e-6)
    _, exp_a = fitted(do, "gmm (c - exp({b0} + {b1}*x1)), instruments(x1 z1) deriv(/b0 = -exp({b0} + {b1}*x1)) "
                          "deriv(/b1 = -x1*exp({b0} + {b1}*x1)) nolog", DATA)
    _, exp_n = fitted(do, "gmm (c - exp({b0} + {b1}*x1)), instruments(x1 z1) nolog", DATA)
    np.testing.assert_allclose(b_and_se(exp_a)[0], b_and_se(exp_n)[0], rtol=1e-6)


def test_layout(do):
    printed, s = fitted(do, "gmm (y - {b0} - {b1}*x1 - {b2}*x2), instruments(x1 z1 z2)", DATA)
    lines = printed.splitlines()
    assert lines[0] == "Step 1" and lines[1].startswith("Iteration 0:   GMM criterion Q(b) = ")
    assert "Step 2" in lines and "note: model is exactly identified" not in printed
    top = lines.index("GMM estimation")
    assert lines[top - 1] == "" and lines[top + 1] == ""
    assert lines[top + 2:top + 7] == [
        "Number of parameters =   3",
        "Number of moments    =   4",
        "Initial weight matrix: Unadjusted                 Number of obs   =        300",
        "GMM weight matrix:     Robust", ""]
    assert lines[top + 8] == "             |               Robust"
    assert lines[top + 9].startswith("             |      Coef.   Std. Err.      z    P>|z|")
    assert [ln.split("|")[0].strip() for ln in lines[top + 11:top + 14]] == ["/b0", "/b1", "/b2"]
    assert lines[-1] == "Instruments for equation 1: x1 z1 z2 _cons"
    printed, _ = fitted(do, LINEAR + " nolog", DATA)
    lines = printed.splitlines()
    assert lines[0] == "" and lines[1].startswith("Final GMM criterion Q(b) = ")
    assert "xb           |" in lines and any(ln.strip().startswith("/b0 |") for ln in lines)


def test_exactly_identified_model_stops_after_step_one(do):
    printed, s = fitted(do, "gmm (y - {b0} - {b1}*x1 - {b2}*x2), instruments(x1 z1)", DATA)
    assert "Step 2" not in printed and "note: model is exactly identified" in printed
    rc, out, _ = do("estat overid", session=s)
    assert rc == 0 and "Hansen's J chi2(0) =" in out


def test_ereturn(do):
    _, s = fitted(do, "quietly " + LINEAR + " nolog", DATA)
    e = s.e
    assert e.matrices["b"].colnames == ("xb:x1", "xb:x2", "b0:_cons")
    assert e.macros["params"] == "xb:x1 xb:x2 b0:_cons" and e.macros["inst_1"] == "x1 z1 z2 _cons"
    assert e.macros["sexp_1"] == "y - ({xb:x1}*x1 + {xb:x2}*x2) - {b0}"
    assert e.macros["estimator"] == "twostep" and e.macros["winit"] == "Unadjusted"
    assert e.macros["wmatrix"] == "robust" and e.macros["vce"] == "robust" and e.macros["vcetype"] == "Robust"
    assert e.macros["predict"] == "gmm_p" and e.macros["eqnames"] == "1"
    assert e.macros["cmdline"] == LINEAR + " nolog"
    assert (e.scalars["k"], e.scalars["n_moments"], e.scalars["J_df"], e.scalars["k_aux"]) == (3, 4, 1, 1)
    assert e.scalars["J"] == pytest.approx(e.scalars["N"] * e.scalars["Q"])
    assert e.matrices["W"].colnames == ("1:x1", "1:z1", "1:z2", "1:_cons") and "S" in e.matrices


def test_xb_reuse_and_initial_values(do):
    text = ("gmm (eq1: y - {xb: x1 x2} - {b0=1}) (eq2: (y - {xb:} - {b0})*z3), instruments(eq1: x1 z1 z2) "
            "winitial(identity) nolog")
    _, s = fitted(do, text, DATA)
    assert s.e.matrices["b"].colnames == ("xb:x1", "xb:x2", "b0:_cons")
    assert s.e.matrices["init"].values.ravel().tolist() == [0.0, 0.0, 1.0]
    assert s.e.macros["inst_2"] == "_cons" and s.e.macros["winit"] == "Identity"
    _, s2 = fitted(do, LINEAR + " from(b0 0.9 xb:x1 0.5) nolog", DATA)
    assert s2.e.matrices["init"].values.ravel().tolist() == [0.5, 0.0, 0.9]


def test_predict(do):
    _, s = fitted(do, LINEAR + " nolog", DATA)
    rc, out, _ = do("predict double r\npredict double r1, equation(1)\npredict double xbv, xb\n"
                    "predict double q*", session=s)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    df = s.data.df
    resid = DATA.y - b[0] * DATA.x1 - b[1] * DATA.x2 - b[2]
    np.testing.assert_allclose(df.r, resid, rtol=1e-12)
    np.testing.assert_allclose(df.r1, resid, rtol=1e-12)
    np.testing.assert_allclose(df.q1, resid, rtol=1e-12)
    np.testing.assert_allclose(df.xbv, b[0] * DATA.x1 + b[1] * DATA.x2, rtol=1e-12)
    assert do("predict s, scores", session=s)[0] == 198
    assert do("predict s, equation(3)", session=s)[0] == 303


def test_estat_overid_and_postestimation(do):
    _, s = fitted(do, LINEAR + " nolog", DATA)
    rc, out, _ = do("estat overid", session=s)
    assert rc == 0 and "Hansen's J chi2(1) =" in out
    assert s.r["J"] == pytest.approx(s.e.scalars["J"]) and s.r["J_df"] == 1
    from scipy import stats
    assert s.r["J_p"] == pytest.approx(stats.chi2.sf(s.e.scalars["J"], 1))
    rc, out, _ = do("test [xb]x1 = 0.5\nlincom [xb]x1 + [xb]x2\nnlcom _b[xb:x1]/_b[xb:x2]\ngmm, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out
    rc, out, _ = do("gmm, coeflegend", session=s)
    assert rc == 0 and "_b[xb:x1]" in out and "_b[b0:_cons]" in out and "Iteration" not in out
    _, one = fitted(do, LINEAR + " onestep nolog", DATA)
    assert do("estat overid", session=one)[0] == 498


def test_missing_residuals_at_initial_values_are_noted(do):
    df = DATA.copy()
    printed, s = fitted(do, "gmm (c - exp({b0} + {b1}*ln(z1 + 3))), instruments(z1) nolog", df)
    bad = int((df.z1 + 3 <= 0).sum())
    if bad:
        assert f"note: {bad} missing value" in printed
    assert s.e.scalars["N"] == len(df) - bad
    df.loc[:9, "z2"] = np.nan  # a missing instrument drops the row silently
    printed, s = fitted(do, "gmm (y - {b0} - {b1}*x1), instruments(x1 z2) nolog", df)
    assert s.e.scalars["N"] == len(df) - 10 and "note:" not in printed


@pytest.mark.parametrize("text, message, code", [
    ("gmm myprog, nequations(1) nparameters(2)", "moment-evaluator program", 198),
    (LINEAR + " onestep wmatrix(robust)", "cannot specify wmatrix() with one-step estimator", 198),
    (LINEAR + " onestep igmm", "can specify only one of onestep, twostep, or igmm", 184),
    (LINEAR + " xtinstruments(z1, lags(1/2))", "xtinstruments() is not implemented", 198),
    (LINEAR + " nocommonesample", "cannot specify nocommonesample with single-equation models", 498),
    ("gmm (y - {a}) (y1 - {b}) (y2 - {c})", "you must declare instruments for at least 2 equations", 498),
    (LINEAR + " derivative(/xb = -1)", "no derivative for parameter b0 in equation 1 specified", 498),
    (LINEAR + " wmatrix(hac bartlett 2)", "time variable not set", 111),
    (LINEAR + " vce(bootstrap) robust", "options vce() and robust may not be combined", 198),
    (LINEAR + " wmatrix(cluster cl) vce(cluster z1)", "cannot specify different cluster variables", 498),
    ("gmm (y - {b0}) [pw=cl], wmatrix(unadjusted)", "cannot use unadjusted weight matrix with pweights", 404),
    ("gmm (y - {b0}) [pw=cl], onestep vce(unadjusted)", "cannot use unadjusted VCE with pweights and one-step", 404),
    ("gmm (y - {xb:}), instruments(z1)", "linear combination xb not defined", 198),
    ("gmm (y - 1)", "no parameters in expression", 198),
    (LINEAR + " winitial(W0)", "matrix W0 not found", 111),
    (LINEAR + " instruments(3: z3)", "invalid equation specified in instruments()", 198),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)


def test_vce_bootstrap_and_jackknife_run_the_prefix(do):
    model = "gmm (y - {xb: x1 x2} - {b0}) in 1/40, instruments(x1 z1 z2)"
    _, boot = fitted(do, model + " vce(bootstrap, reps(5) seed(3)) nolog", DATA)
    _, prefix = fitted(do, "bootstrap, reps(5) seed(3): " + model + " nolog", DATA)
    np.testing.assert_allclose(boot.e.matrices["V"].values, prefix.e.matrices["V"].values, rtol=1e-12)
    assert boot.e.macros["vce"] == "bootstrap" and boot.e.macros["cmdline"].endswith("seed(3)) nolog")
    _, jack = fitted(do, model + " vce(jackknife) nolog", DATA)
    assert jack.e.macros["vce"] == "jackknife" and jack.e.scalars["N_reps"] == 40


def test_collinear_instruments_are_dropped_with_a_note(do):
    df = DATA.assign(zs=DATA.z1 + DATA.z2, two=2.0)
    printed, s = fitted(do, "gmm (y - {xb: x1 x2} - {b0}), instruments(x1 z1 z2 zs two) nolog", df)
    assert "note: instruments zs two omitted because of collinearity" in printed
    assert s.e.macros["inst_1"] == "x1 z1 z2 _cons" and s.e.scalars["n_moments"] == 4
    _, ref = fitted(do, LINEAR + " nolog", DATA)
    np.testing.assert_allclose(b_and_se(s)[0], b_and_se(ref)[0], rtol=1e-10)


def test_iterate_limit_warns_and_posts(do):
    """gmm.ado's mustconverge is not the default: the results are posted with e(converged) 0,
    optimize's line after each step and ml_footnote's warning."""
    printed, s = fitted(do, "gmm (c - exp({xb: x1 x2} + {b0})), instruments(x1 z1 z2) iterate(2)", DATA)
    lines = printed.splitlines()
    assert lines[lines.index("Step 2") - 1] == "convergence not achieved"
    assert lines[-1] == "Warning: convergence not achieved" and s.e.scalars["converged"] == 0


def test_by_fits_each_group(do):
    df = DATA.assign(g=np.arange(len(DATA)) % 2)
    printed, s = fitted(do, "by g, sort: " + LINEAR + " nolog", df)
    assert printed.count("GMM estimation") == 2
    _, one = fitted(do, LINEAR.replace("),", ") if g == 1,") + " nolog", df)
    np.testing.assert_allclose(b_and_se(s)[0], b_and_se(one)[0], rtol=1e-12)


def test_replay_needs_gmm_results(do):
    _, s = fitted(do, IVREG, DATA)
    rc, out, _ = do("gmm", session=s)
    assert rc == 301 and "last estimates not found" in out
