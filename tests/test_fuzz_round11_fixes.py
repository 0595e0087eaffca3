"""Round 11 of the fuzz (tests/fuzz_round11_commands.py: ml's derivative methods and subcommands,
margins/coefplot/tables after ml and gmm, putexcel, eststo/esttab/estout/outreg2, xtfrontier,
reghdfe, greshape, #delimit ;, macros and loops with odd quoting, matrices, string functions on
bytes, Unicode names): the lines it found, run on the fuzz's own data with its checks (no internal
error, no hang, the data unchanged when the line fails) and the rc each now gives; then a test of
each behaviour."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fuzz_round10_commands import BASE
from fuzz_round11_commands import ML_DERIV_PROGRAMS

ML_FIT = (ML_DERIV_PROGRAMS, "ml model lf myprobit (b = x1 x2), maximize nolog")

# (shape, setup, line, rc) as the round-11 fuzz ran them (BASE's variables made first)
FOUND = [
    # matrix arithmetic past the double range: numpy's overflow warning (now missing, as Stata's)
    ("full", ("matrix H = (1e300, . \\ -1e300, .a)",), "quietly matrix C = 1e300 * H", 0),
    # xtfrontier/frontier tnormal with a regressor near 1e300: the differences were inf - inf
    ("full", ("xtset g t",), "capture noisily xtfrontier y huge, ti", 430),
    ("full", ("xtset g t",), "xtfrontier y huge, tvd", 430),
    ("full", (), "frontier y huge, distribution(tnormal)", 430),
    # eststo's addscalars() of a string: float('x')
    ("full", ("regress y x1",), 'eststo, addscalars(a "x")', 109),
    # putexcel of a matrix running past the worksheet's last row or column: openpyxl's ValueError
    ("full", ("matrix A = (1, 2 \\ 3, 4)", "putexcel set p11, replace"), "quietly putexcel A1048576 = matrix(A)", 198),
    ("full", ("matrix A = (1, 2 \\ 3, 4)", "putexcel set p11, replace"), "putexcel XFD1 = matrix(A)", 198),
    # coefplot, eform and nlcom after ml on the magnitudes shape (coefficients near 1e150)
    ("magnitudes", ML_FIT, "coefplot, eform", 0),
    ("magnitudes", ML_FIT, "nlcom _b[x1]/_b[x2]", 0),
    # a d2 evaluator's mlvecsum/mlmatsum past the double range (ml check: a matmul overflow;
    # ml maximize: a missing V reached matrix_rank -- SVD did not converge)
    ("full", (ML_DERIV_PROGRAMS, "ml model d2 myprobit_d2 (b = huge)", "ml maximize, iterate(1)"), "capture ml check", 0),
    ("full", (ML_DERIV_PROGRAMS, "ml model d2 myprobit_d2 (b = huge)"), "ml maximize", 430),
    # rreg with x1 near 1e-150 and its square: X'X underflowed to singular (LinAlgError)
    ("magnitudes", ("generate größe = y",), "quietly rreg y c.x1##c.x1 if b", 0),
    # estadd beta/mean/sd of values near 8.98e307: the sums overflowed (numpy's warning)
    ("huge", ("regress y x1",), "estadd beta", 0),
    ("huge", ("regress y x1",), "estadd mean", 0),
    # reghdfe absorb(,): no absvar after the suboptions' comma (IndexError in drop_singletons)
    ("full", ("generate größe = y",), "reghdfe y x1, absorb(,)", 198),
    ("full", (), "reghdfe y x1, absorb(, savefe)", 198),
    # ivpoisson gmm with x1 near 1e-150 (its coefficient near -3e149): the sandwich V's products
    # passed the double range (numpy's warning); V is missing there
    ("magnitudes", (), "ivpoisson gmm c x1 (x2 = z1 z2)", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round11_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)


def _data(n=40, seed=11):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    return pd.DataFrame({"y": 1 + 0.5 * x1 + rng.normal(size=n), "x1": x1, "x2": x2,
                         "b": (rng.random(n) < 1 / (1 + np.exp(-x1))).astype(float),
                         "g": np.repeat(np.arange(1.0, 9.0), n // 8), "t": np.tile(np.arange(1.0, n // 8 + 1), 8)})


# ------------------------------------------------------------------ matrices
def test_matrix_arithmetic_past_the_double_range_is_missing(do):
    rc, out, s = do("matrix H = (1e300, 2 \\ -1e300, 3)\nmatrix C = 1e300 * H\nmatrix D = H + H * 1e10\n"
                    "matrix K = H # H", df=_data())
    assert rc == 0 and "internal error" not in out, out
    C = s.matrices["C"].values
    assert np.isnan(C[0, 0]) and np.isnan(C[1, 0]) and C[0, 1] == 2e300 and C[1, 1] == 3e300
    assert np.isnan(s.matrices["D"].values[0, 0]) and s.matrices["D"].values[0, 1] == 2 + 2e10
    assert np.isnan(s.matrices["K"].values[0, 0]) and s.matrices["K"].values[3, 3] == 9


# ------------------------------------------------------------------ frontier
def test_frontier_tnormal_with_a_regressor_near_1e300_stops_as_ml_does(do):
    df = _data().assign(huge=lambda d: d["x1"] * 1e300)
    for line in ("xtset g t\nxtfrontier y huge, ti", "xtset g t\nxtfrontier y huge, tvd",
                 "frontier y huge, distribution(tnormal)"):
        rc, out, s = do(line, df=df)
        assert rc == 430, (line, out)
        assert "could not calculate numerical derivatives -- discontinuous region with missing values" in out
        assert list(s.data.df.columns) == list(df.columns)
    rc, out, _ = do("xtset g t\nxtfrontier y x1, ti", df=df)  # the same model on ordinary data fits
    assert rc == 0 or rc == 430 and "convergence not achieved" in out, out


# ------------------------------------------------------------------ eststo, putexcel
def test_eststo_addscalars_of_a_string_is_a_type_mismatch_and_adds_nothing(do):
    rc, out, s = do('regress y x1\neststo, addscalars(a "x" c 2)', df=_data())
    assert rc == 109 and "type mismatch" in out, out
    assert "a" not in s.e.scalars and "c" not in s.e.scalars
    rc, out, s = do("regress y x1\neststo m1, addscalars(a 1 c 2)", df=_data())
    assert rc == 0 and s.e.scalars["a"] == 1 and s.e.scalars["c"] == 2, out


def test_putexcel_matrix_past_the_worksheet_edge_is_refused_and_writes_nothing(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("matrix A = (1, 2 \\ 3, 4)\nputexcel set p11, replace\nputexcel A1048576 = matrix(A)", df=_data())
    assert rc == 198 and "cell A1048577 is outside an Excel worksheet" in out, out
    assert not (tmp_path / "p11.xlsx").exists()
    rc, out, _ = do("matrix A = (1, 2 \\ 3, 4)\nputexcel set p11, replace\nputexcel XFD1 = matrix(A)", df=_data())
    assert rc == 198 and "cell XFE1 is outside" in out, out
    rc, out, _ = do("matrix A = (1, 2 \\ 3, 4)\nputexcel set p11, replace\nputexcel XFC1048575 = matrix(A)", df=_data())
    assert rc == 0 and (tmp_path / "p11.xlsx").exists(), out  # the last two rows and columns: inside


# ------------------------------------------------------------------ after ml
def _ml_magnitudes():
    """Covariates near 1e-150: probit coefficients near 1e150, their variances past 1e300."""
    df = _data()
    return df.assign(x1=df["x1"] * 1e-150, x2=df["x2"] * 1e-150)


def test_coefplot_eform_of_coefficients_past_exp_range_plots_the_rest(do):
    rc, out, _ = do(ML_DERIV_PROGRAMS + "ml model lf myprobit (b = x1 x2), maximize nolog\ncoefplot, eform",
                    df=_ml_magnitudes())
    assert rc == 0 and "internal error" not in out, out
    from mlmcli.graphs.coefplot import _exp

    assert _exp(709.0) == pytest.approx(np.exp(709.0)) and np.isnan(_exp(710.0)) and np.isnan(_exp(1e150))


def test_nlcom_variance_past_the_double_range_is_missing(do):
    rc, out, s = do(ML_DERIV_PROGRAMS + "ml model lf myprobit (b = x1 x2), maximize nolog\nnlcom _b[x1]/_b[x2]",
                    df=_ml_magnitudes())
    assert rc == 0 and "internal error" not in out, out
    b = s.e.matrices["b"].values.ravel()
    assert s.r["b"].values[0, 0] == pytest.approx(b[0] / b[1], rel=1e-9)
    from mlmcli.postest.delta_method import delta_method

    # g = b0 b1 = 1e200, G = (1e100, 1e100), G V G' = 2e400: missing, not inf
    est, cov, _ = delta_method(lambda v: np.array([v[0] * v[1]]), np.array([1e100, 1e100]), np.eye(2) * 1e200)
    assert est[0] == pytest.approx(1e200) and np.isnan(cov[0, 0])


def test_ml_d2_whose_sums_pass_the_double_range_stops_with_r430(do):
    df = _data().assign(huge=lambda d: d["x1"] * 1e300)
    rc, out, s = do(ML_DERIV_PROGRAMS + "ml model d2 myprobit_d2 (b = huge)\nml maximize", df=df)
    assert rc == 430 and "could not calculate numerical derivatives" in out, out
    assert s.e is None  # nothing posted
    rc, out, _ = do(ML_DERIV_PROGRAMS + "ml model d2 myprobit_d2 (b = huge)\nml check", df=df)
    assert rc == 0 and "internal error" not in out, out
    rc, out, s = do(ML_DERIV_PROGRAMS + "ml model d2 myprobit_d2 (b = x1)\nml maximize", df=df)
    assert rc == 0 and s.e.scalars["converged"] == 1, out


def test_mlmatsum_past_the_double_range_sets_lnf_missing(do):
    """[R] ml's helpers set lnf missing when they cannot compute the sum (as for a missing exp)."""
    prog = """
program define sums11
    args todo b lnf g H
    tempvar xb
    mleval `xb' = `b'
    mlsum `lnf' = -($ML_y1 - `xb')^2
    matrix `g' = J(1, colsof(`b'), 0)
    mlmatsum `lnf' `H' = 1e300, eq(1,1)
    display "lnf " `lnf'
end
"""
    df = _data().assign(huge=lambda d: d["x1"] * 1e300)
    rc, out, _ = do(prog + "ml model d2 sums11 (y = huge)\nml check", df=df)
    assert "internal error" not in out and "lnf ." in out, out


# ------------------------------------------------------------------ rreg, estadd
def test_rreg_of_tiny_regressors_has_the_variance_of_the_rescaled_fit(do):
    """x near 1e-150 (x^2 near 1e-300): the fit and V are those of x scaled up, scaled back."""
    df = _data()
    tiny = df.assign(x1=df["x1"] * 1e-150)
    rc, out, small = do("rreg y c.x1##c.x1", df=tiny)
    assert rc == 0 and "internal error" not in out, out
    rc, out, usual = do("rreg y c.x1##c.x1", df=df)
    assert rc == 0, out
    scale = np.array([1e-150, 1e-300, 1.0])  # coefficient j of the tiny fit = usual / scale_j
    np.testing.assert_allclose(small.e.matrices["b"].values.ravel() * scale, usual.e.matrices["b"].values.ravel(),
                               rtol=1e-6)
    se_small = np.sqrt(np.diag(small.e.matrices["V"].values))
    np.testing.assert_allclose(se_small[2], np.sqrt(usual.e.matrices["V"].values[2, 2]), rtol=1e-6)
    np.testing.assert_allclose(se_small[0] * 1e-150, np.sqrt(usual.e.matrices["V"].values[0, 0]), rtol=1e-6)


def test_estadd_sd_and_mean_past_the_double_range_are_missing(do):
    df = _data().assign(y=lambda d: d["y"] / d["y"].abs().max() * 8e307)
    rc, out, s = do("regress y x1\nestadd sd\nestadd mean", df=df)
    assert rc == 0 and "internal error" not in out, out
    sd, mean = s.e.matrices["sd"].values.ravel(), s.e.matrices["mean"].values.ravel()
    assert sd[0] == pytest.approx(df["x1"].std(), rel=1e-12) and mean[0] == pytest.approx(df["x1"].mean(), rel=1e-12)
    from mlmcli.commands.community.estadd_beta import _mean, _weighted_sd

    y = df["y"].to_numpy()  # |y| up to 8e307: the sum of squares and the sum of 10 ys pass the range
    assert np.isnan(_weighted_sd(y, None, "")) and np.isnan(_mean(np.full(10, 8e307), None))
