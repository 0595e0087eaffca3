"""Round 19 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round19_lines.py): round 18's
families again, the forty-second session's merges (me/gsem maximize options, vce() types,
option-argument case, toeplitz residuals, pmm knn(), SMCL graph text, svg export sizes) and
round 18's leftovers.  Each test is a line the fuzz, a hand-written hostile line or a leftover
found, and the behaviour fixed."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_checked  # noqa: E402

G2 = "generate g2 = g * 10 + mod(t, 2)"


_run = run_line_checked


# ------------------------------------------------------------------ |z| >= 1e100 in its column
@pytest.mark.parametrize("z, text", [(2.16e161, "2.2e+161"), (-2.16e161, " -2e+161"), (1e100, "1.0e+100"),
                                     (1.5e99, "1.50e+99"), (12.5, "   12.50"), (float("nan"), "       .")])
def test_a_statistic_too_wide_for_its_format_drops_decimals_to_fit(z, text):
    # leftover (rounds 16 and 18): %8.2f of 2.16e161 is 2.16e+161, nine characters, and ran
    # into the P>|z| column (``5.1e-1572.16e+161``); the exponent form drops decimals to fit
    from mlmcli.render.numfmt import format_within

    assert format_within(z, "%8.2f") == text


def test_a_coefficient_table_keeps_its_columns_at_a_huge_z():
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.results.mixed import CoefRow

    rows = [CoefRow("x1", 1.1e4, 5.1e-157, 2.16e161, 0.0, 1.1e4, 1.1e4),
            CoefRow("_cons", 1.0, 0.5, 2.0, 0.0455, 0.02, 1.98)]
    lines = render_coef_table(rows, "y").splitlines()
    x1, cons = (next(ln for ln in lines if ln.lstrip().startswith(n)) for n in ("x1", "_cons"))
    assert len(x1) == len(cons)  # the same columns
    assert x1.split() == ["x1", "|", "11000", "5.1e-157", "2.2e+161", "0.000", "11000", "11000"]
    assert x1.index("2.2e+161") + len("2.2e+161") == cons.index("2.00") + len("2.00")


# ------------------------------------------------------------------ gsem on y ~ 1e150
def test_gsem_that_cannot_leave_its_start_is_not_converged_and_has_missing_ses():
    # leftover (round 18): on y ~ 1e150 the latent variances' start (0.1) does not move the
    # likelihood; the fit stopped at iteration 0 "(not concave)" declared converged, with SEs of 0.
    # ml declares no convergence at a Hessian that is not concave: r(430), the SEs missing
    rc, printed, session = _run("gsem (y <- x1 L1[g] L2[g2]), nolog", (G2,), "magnitudes")
    assert rc == 430 and "convergence not achieved" in printed, printed
    assert session.e.scalars["converged"] == 0
    V = session.e.matrices["V"]
    free = [i for i, n in enumerate(V.colnames) if n not in ("y:L1[g]", "y:L2[g2]")]  # loadings fixed at 1
    assert len(free) == 5 and np.all(np.isnan(np.diag(V.values)[free]))  # missing, not 0
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("var(L1[g])"))
    assert row.split()[3:] == [".", ".", "."], row  # SE and both bounds missing
    assert " 0 " not in row


# ------------------------------------------------------------------ the optimiser's stops
def _objective(f, k):
    from mlmcli.glmm.optimize import Objective

    return Objective(f, k)


def test_a_flat_non_concave_start_is_not_converged():
    from mlmcli.glmm.optimize import maximize

    obj = _objective(lambda x: -(x[0] - 1.0) ** 2 * 0.0 - 0.0 * x[1], 2)  # flat everywhere
    res = maximize(obj, np.array([1.0, 0.5]))
    assert not res.converged and len(res.steps) == 1


def test_a_concave_start_at_the_optimum_still_converges():
    from mlmcli.glmm.optimize import maximize

    obj = _objective(lambda x: -(x[0] - 1.0) ** 2 - 2 * (x[1] + 0.5) ** 2, 2)
    res = maximize(obj, np.array([1.0, -0.5]))
    assert res.converged and np.allclose(res.x, [1.0, -0.5])


def test_steps_lost_in_rounding_noise_stop_unconverged():
    # leftover (round 18): gsem (c <- x1 L1[g] L2[g2]), poisson on c ~ 9e15 -- each term of ln L
    # ~3e17, ln L ~ -700, its rounding noise larger than the steps: "(backed up)" for ever toward
    # the 16,000 default iterations.  Five backed-up, non-concave iterations in a row that each
    # change ln L by less than ltolerance end the fit unconverged
    from mlmcli.glmm import optimize

    rng = np.random.default_rng(3)

    def noisy(x):  # a shallow bowl under noise far above its curvature near the top
        return -1e-9 * float(np.sum(x ** 2)) - 700.0 + 1e-6 * rng.standard_normal()

    obj = _objective(noisy, 2)
    res = optimize.maximize(obj, np.array([3.0, -2.0]), iterate=16000)
    assert not res.converged
    assert len(res.steps) < 200, len(res.steps)
    # (the gsem line itself now ends r(430) at iteration 21 after ~20 s of CPU: too slow to keep here)


# ------------------------------------------------------------------ margins at(x=generate())
@pytest.mark.parametrize("spec", ["x1=generate(x1+1)", "x1 = gen( x1 + 1 )", "x1=(generate(x1))", "x1=genera(1)"])
def test_margins_at_generate_is_refused_by_name_in_either_spelling(spec):
    # leftover (round 18): at(x1=generate(x1+1)) read "generate" as a numlist (invalid numlist
    # in at() r(121)); at(x1=(generate())) was refused by name.  Both spellings are refused by
    # name, e() kept
    rc, printed, session = _run(f"margins, at({spec})", ("quietly regress y x1",))
    assert rc == 198 and "at(generate()) not allowed" in printed, printed
    assert session.e.cmd == "regress"


def test_margins_at_numlists_are_unchanged():
    rc, printed, session = _run("margins, at(x1=(0 1))", ("quietly regress y x1",))
    assert rc == 0
    b = session.r["b"].values.ravel() if "b" in session.r else None
    ds = session.data
    y, x1 = ds.numeric("y"), ds.numeric("x1")
    slope, cons = np.polyfit(x1, y, 1)
    assert b is not None and np.allclose(b, [cons, cons + slope])


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round19_walk_finds_nothing():
    """The quick new families' lines, mutated (budgeted; the full walk is
    ``python3 tests/fuzz_round19_lines.py``)."""
    import os

    import fuzz_round16_programs as r16
    import fuzz_round19_lines as r19

    sample = r19.cases(19, 3, {"vce", "argcase", "pmm", "gtext", "svg"}, mutated_only=True)
    lines, found = r16.sample_findings(sample, float(os.environ.get("MLM_R19_FUZZ_BUDGET", "15")))
    assert lines > 0 and not found, found


# ------------------------------------------------------------------ values near the double range
@pytest.mark.parametrize("line", ["mixed y x1 || g:, residuals(toeplitz 1, t(t)) reml dfmethod(kroger)",
                                  "mixed y x1 || g:, reml dfmethod(satterthwaite)"])
def test_small_sample_df_with_x_v_x_singular_to_double_precision_are_missing(line):
    # found (hand lines, magnitudes shape: y ~ 1e150, x1 ~ 1e-150): X'V^-1X underflows to a
    # singular matrix and Kenward-Roger's inverse raised LinAlgError (r(9999)); the DF are
    # missing, and x1's SE past the double range leaves its t and P missing (t showed 0.00)
    rc, printed, session = _run(line, ("xtset g t",), "magnitudes")
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    assert row.split()[3:] == [".", ".", ".", ".", "."], row
    if "kroger" in line:
        assert np.all(np.isnan(session.e.matrices["df"].values[0, :2]))  # x1, _cons


def test_mixed_z_is_missing_where_the_se_is_past_the_double_range():
    rc, printed, session = _run("mixed y x1 || g:, residuals(toeplitz 1, t(t)) reml", ("xtset g t",), "magnitudes")
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    assert row.split()[3:] == [".", ".", ".", ".", "."], row  # z showed 0.00, P 1.000
    cons = next(ln for ln in printed.splitlines() if ln.strip().startswith("_cons |"))
    b, se, z = (float(v) for v in cons.split()[2:5])
    assert z == pytest.approx(b / se, rel=0.02)  # a finite SE keeps its z


def test_xtreg_fe_bootstrap_near_the_double_range_is_no_internal_error():
    # found: the replicates' V scaled back by 2^498 overflowed (RuntimeWarning, r(9999)); the
    # overflowed variances are missing, so no replicate has a result: r(2000) as Stata's bootstrap
    rc, printed, _ = _run("xtreg y x1, fe vce(bootstrap, reps(2) seed(1))", ("xtset g t",), "magnitudes")
    assert rc == 2000 and "insufficient observations to compute bootstrap standard errors" in printed, printed


def test_xtbsht_near_the_double_range_is_matrix_has_missing_values():
    # found: the bootstrap deviations' cross-product overflowed (RuntimeWarning, r(9999)); the
    # ado's invsym of a matrix with missing values is r(504)
    setup = ("xtset g t\nquietly xtreg y x1 x2, fe\nestimates store FE\nquietly xtreg y x1 x2, re\n"
             "estimates store RE",)
    rc, printed, _ = _run("xtbsht FE RE, reps(3) seed(1) cluster", setup, "magnitudes")
    assert rc == 504 and "matrix has missing values" in printed, printed


@pytest.mark.parametrize("setup, line", [
    (("xtset g t",), "xtgls y x1"),
    (("xtset g t",), "xtpcse y x1"),
    ((), "areg y x1, absorb(g) vce(bootstrap, reps(2) seed(1))"),
    ((), "ivregress 2sls y (x1 = x2), vce(robust)"),
])
def test_variances_scaled_back_past_the_double_range_are_missing(setup, line):
    # found (hand lines on the magnitudes shape): the scaled-back V (xtgls, xtpcse), the replicates'
    # cross-product (areg's bootstrap) and the robust meat (ivregress) overflowed: RuntimeWarning,
    # r(9999).  Entries past the double range are missing (missing.stata_matrix), the table shows dots
    rc, printed, session = _run(line, setup, "magnitudes")
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    assert row.split()[3:] == [".", ".", ".", ".", "."], row
    assert np.isnan(session.e.matrices["V"].values[0, 0])


def test_estat_icc_keeps_a_fixed_effects_missing_variance_out_of_its_delta_method():
    # found: mixed on y ~ 1e150 leaves x1's variance missing; estat icc's gradient is zero there and
    # 0 * inf in grad @ V @ grad raised "invalid value" (r(9999))
    rc, printed, _ = _run("estat icc", ("quietly mixed y x1 || g:",), "magnitudes")
    assert rc == 0 and "Residual intraclass correlation" in printed, printed


def test_xtreg_mle_on_a_depvar_near_1e150_fits_in_scaled_units():
    # found: xtreg y x1, mle on y ~ 1e150 overflowed sigma_e^4 in the Hessian (r(9999)); the fit is
    # made on y / 2^k (exact) and mapped back: b, sigma's times 2^k, V times 4^k, ln L less N k ln 2
    setup = ("xtset g t",)
    rc, printed, small = _run("xtreg y x1, mle", setup)
    assert rc == 0, printed
    big_setup = ("generate double yb = y * 2^400", "xtset g t")
    rc, printed, big = _run("xtreg yb x1, mle", big_setup)
    assert rc == 0, printed
    s = 2.0 ** 400
    es, eb = small.e, big.e
    assert eb.scalars["ll"] + 40 * np.log(s) == pytest.approx(es.scalars["ll"], rel=1e-9)
    for key in ("sigma_u", "sigma_e"):
        assert eb.scalars[key] / s == pytest.approx(es.scalars[key], rel=1e-7)
    assert eb.scalars["chi2"] == pytest.approx(es.scalars["chi2"], rel=1e-7)
    assert eb.scalars["rho"] == pytest.approx(es.scalars["rho"], rel=1e-7)
    assert np.allclose(eb.matrices["b"].values / s, es.matrices["b"].values, rtol=1e-7)
    assert np.allclose(eb.matrices["V"].values / s ** 2, es.matrices["V"].values, rtol=1e-6)
    rc, printed, _ = _run("xtreg y x1, mle", setup, "magnitudes")
    assert rc == 0 and "/sigma_e" in printed, printed


def test_xttobit_rho_near_the_double_range_is_computed_in_shares_of_the_sigmas():
    # found: xttobit y x1, ll(0) on y ~ 1e150: J V J' met V's infinities with J's zeros (NaN,
    # a warning) and rho's delta method squared su^2 + se^2 ~ 1e300 (OverflowError, r(9999))
    rc, printed, session = _run("xttobit y x1, ll(0) iterate(20)", ("xtset g t",), "magnitudes")
    assert rc == 0 and "convergence not achieved" in printed, printed  # a typed iterate(): a warning
    su, se = session.e.scalars["sigma_u"], session.e.scalars["sigma_e"]
    assert session.e.scalars["rho"] == pytest.approx(1 / (1 + (se / su) ** 2), rel=1e-9)
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("rho |"))
    est, se_rho, lo, hi = (float(v) for v in row.split()[2:6])
    assert 0 < lo < est < hi < 1 and se_rho > 0


def test_imtest_keeps_products_past_float_range_missing():
    # found: estat imtest after regress on y ~ 1e150 cast squared residuals (1e300) to float
    # (RuntimeWarning "overflow in cast", r(9999)); a float variable holds them as missing
    rc, printed, _ = _run("estat imtest", ("quietly regress y x1 x2",), "magnitudes")
    assert rc == 0 and "Cameron & Trivedi" in printed, printed


def test_hausman_with_a_variance_past_the_double_range_is_matrix_has_missing_values():
    # found: hausman fe . after xtreg fe/re on y ~ 1e150: the SVD of a difference with missing
    # entries did not converge (LinAlgError, r(9999)); syminv's refusal r(504)
    setup = ("quietly xtset g t\nquietly xtreg y x1, fe\nestimates store fe\nquietly xtreg y x1, re",)
    rc, printed, _ = _run("hausman fe .", setup, "magnitudes")
    assert rc == 504 and "matrix has missing values" in printed, printed


def test_estat_firststage_f_is_missing_where_its_v_is_singular():
    # found: estat firststage after ivregress on x1 ~ 1e-150, y ~ 1e150: the first stage's V was
    # singular to double precision (LinAlgError, r(9999)); the F and its p are missing
    rc, printed, _ = _run("estat firststage", ("quietly ivregress 2sls y (x1 = x2)",), "magnitudes")
    assert rc == 0, printed
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("x1 |"))
    assert row.split()[-2:] == [".", "."], row


def test_rstudent_is_scale_free_for_residuals_near_the_double_range():
    # found (the huge shape, y up to 8.98e307): predict, rstudent squared the residuals and s past
    # the double range (RuntimeWarning, r(9999)); in units of s it is the same statistic, and
    # rstudent does not change when y is multiplied by 1e300
    rc, _, small = _run("predict r, rstudent", ("quietly regress y x1 x2",))
    assert rc == 0
    rc, printed, big = _run("predict r, rstudent", ("replace y = y * 1e300", "quietly regress y x1 x2"))
    assert rc == 0, printed
    a, b = small.data.numeric("r"), big.data.numeric("r")
    assert np.all(np.isfinite(a)) and np.allclose(a, b, rtol=1e-9)
    # against the textbook leave-one-out residual of the unscaled fit
    ds = small.data
    X = np.column_stack([ds.numeric("x1"), ds.numeric("x2"), np.ones(40)])
    y = ds.numeric("y")
    i = 7
    keep = np.arange(40) != i
    beta = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
    s_i = np.sqrt(np.sum((y[keep] - X[keep] @ beta) ** 2) / (39 - 3))
    h = X[i] @ np.linalg.inv(X.T @ X) @ X[i]
    e = y[i] - X[i] @ np.linalg.lstsq(X, y, rcond=None)[0]
    assert a[i] == pytest.approx(e / (s_i * np.sqrt(1 - h)), rel=1e-6)  # predict stores a float
