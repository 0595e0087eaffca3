"""Fits whose likelihood diverges or is flat, found by the command-level fuzz
(docs/command_fuzz.md): they stop in seconds with Stata's outcome, without numpy warnings
(the suite turns RuntimeWarnings from mlmcli into errors).

- stcox with a monotone partial likelihood (the analysis time as a covariate): the risk-set sums
  are taken with each risk set's own largest x b (log-sum-exp), so ll climbs to its supremum
  0 and ml's ltolerance stops it, as Stata's ml does; the sums agree with the common-shift ones
  wherever those do not underflow."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frame(n=40, seed=5):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "x1": rng.normal(size=n), "w": (1 + rng.integers(0, 3, size=n)).astype(float),
        "k": np.full(n, 3.0), "t2": rng.exponential(size=n) + 0.1,
        "b": (rng.random(n) < 0.4).astype(float), "f": (1 + rng.integers(0, 3, size=n)).astype(float),
        "g": np.repeat(np.arange(1, 6), n // 5).astype(float),
        "s": np.array([["a", "b c", "", "dd", "e"][i % 5] for i in range(n)], dtype=object)})


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_stcox_monotone_likelihood_converges_to_zero(do, ties):
    rc, out, _ = do(f"stset t2, failure(b)\nstcox k w t2, {ties}\n"
                    "display e(converged) \" \" e(ll) \" \" _b[t2]", _frame())
    assert rc == 0, out
    assert "note: k omitted because of collinearity" in out
    assert "convergence not achieved" not in out
    converged, ll, b = out.strip().splitlines()[-1].split()
    assert converged == "1"
    assert -1e-6 < float(ll) <= 0  # the supremum of a monotone partial likelihood
    assert float(b) < -50


def test_stcox_monotone_likelihood_robust(do):
    rc, out, s = do("stset t2, failure(b)\nstcox w t2, vce(robust)", _frame())
    assert rc == 0, out
    assert "Robust" in out


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_faint_risk_sets_agree_with_common_shift(monkeypatch, ties):
    """The per-risk-set sums (taken when a sum underflows) equal the common-shift ones on an
    ordinary fit: forced for every risk set, ll, score, Hessian and score residuals agree."""
    import mlmcli.survival.cox as cox

    rng = np.random.default_rng(1)
    n = 30
    t = np.round(rng.exponential(size=n), 1) + 0.1
    t0 = np.where(rng.random(n) < 0.3, t * 0.5, 0.0)
    data = cox.CoxData(t0, t, (rng.random(n) < 0.6).astype(float), rng.normal(size=(n, 2)),
                       rng.integers(1, 3, n).astype(float), ties)
    lik, b = cox.PartialLikelihood(data), np.array([0.3, -0.5])
    common, U = lik.evaluate(b), lik.score_residuals(b)
    monkeypatch.setattr(cox, "FAINT_RISK_SET", np.inf)
    alone, U_alone = lik.evaluate(b), lik.score_residuals(b)
    assert alone[0] == pytest.approx(common[0], abs=1e-12)
    np.testing.assert_allclose(alone[1], common[1], atol=1e-12)
    np.testing.assert_allclose(alone[2], common[2], atol=1e-12)
    np.testing.assert_allclose(U_alone, U, atol=1e-12)


def test_stcox_shared_diverging_no_internal_error(do):
    rc, out, _ = do("stset t2, failure(b)\nstcox f##g, shared(s)", _frame())
    assert rc in (0, 430), out
    assert "internal error" not in out


# ---------------------------------------------------------------- xtreg, mle and xttobit
def _panels():
    from fuzz_command_lines import make_frame

    frame = make_frame("full")
    return frame[["y", "x1", "x2", "c", "g", "t", "k"]].assign(z0=0.0)


def _same_data(before, after):
    import pandas as pd

    pd.testing.assert_frame_equal(before.reset_index(drop=True), after.data.df.reset_index(drop=True))


@pytest.mark.parametrize("line, message", [
    ("xtreg k x1, mle", "k collinear with _cons"),          # _rmdcoll: reg k x1 gives b = (0, 3)
    ("xtreg k x1 x2, mle", "k collinear with _cons"),
    ("xtreg z0 x1, mle", "z0 is constant and zero"),        # _rmdcoll: every coefficient 0
    ("xttobit k x1", "k collinear with _cons"),             # its starting values are xtreg, mle's
])
def test_depvar_collinear_with_regressors_r459(do, line, message):
    frame = _panels()
    rc, out, s = do(f"xtset g t\n{line}", frame)
    assert rc == 459, out
    assert out.strip().splitlines()[-2:] == [message, "r(459);"]
    _same_data(frame, s)


@pytest.mark.parametrize("line", ["xtreg k, mle", "xtreg k, mle noconstant", "xttobit k"])
def test_starting_sigma_e_zero_is_infeasible_r1400(do, line):
    """No regressors: _rmdcoll checks nothing; xtreg_ml.ado's sigma_e start sqrt(max(0, s2 -
    su2)) is 0 (k = 3 everywhere: s2 = 0; noconstant: s2 = 9 = su2 = (72 - 9)/7)."""
    rc, out, _ = do(f"xtset g t\n{line}", _panels())
    assert rc == 1400, out
    assert out.strip().splitlines()[-2:] == ["initial values not feasible", "r(1400);"]


def test_xtreg_mle_noconstant_depvar_not_collinear_still_fits(do):
    rc, out, _ = do("xtset g t\nxtreg y x1, mle noconstant", _panels())
    assert rc == 0, out


def test_xttobit_unbounded_likelihood_stops_at_the_cap(do):
    """g is constant within its panels: with u_i at each level, sigma_e -> 0 sends ln L to +inf;
    the default iterations stop at 30 with ml's convergence not achieved r(430)."""
    from mlmcli.panel.tobit_unbounded import UNBOUNDED_ITERATE

    rc, out, s = do("xtset g t\nxttobit g x1", _panels())
    assert rc == 430, out
    assert f"Iteration {UNBOUNDED_ITERATE}:" in out and f"Iteration {UNBOUNDED_ITERATE + 1}:" not in out
    assert out.strip().splitlines()[-2:] == ["convergence not achieved", "r(430);"]
    assert "internal error" not in out


def test_xttobit_rho_one_limits_missing():
    """rho = 1 to double precision (sigma_e -> 0): diparm's ci(probit) takes invnormal(1), missing."""
    from mlmcli.commands.estimation.xttobit import parameter_rows as _parameter_rows

    _, rho = _parameter_rows(np.array([3.0, 1.41, 1e-12]), np.diag([0.1, 0.2, 0.0]), 1, 95.0)
    assert rho.estimate == 1.0
    assert np.isnan(rho.ci_lo) and np.isnan(rho.ci_hi)


def test_xttobit_typed_iterate_is_kept(do):
    rc, out, _ = do("xtset g t\nxttobit g x1, iterate(3)", _panels())
    assert rc == 0, out
    assert "Iteration 3:" in out and "Iteration 4:" not in out
    assert "Warning: convergence not achieved" in out


def test_within_fit_exact():
    from mlmcli.panel.tobit_random_effects import TobitPanelData
    from mlmcli.panel.tobit_unbounded import within_fit_exact

    frame = _panels()
    codes = (frame["g"].to_numpy() - 1).astype(int)
    X = np.column_stack([frame["x1"], np.ones(len(frame))])
    nan, zero = np.full(len(frame), np.nan), np.zeros(len(frame))

    def data(y, lower=nan):
        return TobitPanelData(np.asarray(y, float), X, codes, lower, nan, zero)

    assert within_fit_exact(data(frame["g"]), True)                       # constant within panels
    assert within_fit_exact(data(frame["g"] + 2 * frame["x1"]), True)     # exact after x b
    assert not within_fit_exact(data(frame["y"]), True)
    # censored rows left out of the judgement: panels 1 and 2 censored at 2, the rest exact
    assert within_fit_exact(data(frame["g"], np.full(len(frame), 2.0)), True)


# ---------------------------------------------------------------- xtnbreg, re
def test_xtnbreg_line_search_value_function_same_steps():
    """The step halving's trial points by the log likelihood alone give the same iterations as
    with the full derivatives (a diverging fit: ln_r -> inf, non-concave steps)."""
    from fuzz_command_lines import make_frame

    from mlmcli.conditional_likelihood import maximise
    from mlmcli.panel import negative_binomial as nb

    frame = make_frame("full")
    X = np.column_stack([frame["x1"], np.ones(len(frame))])
    y = frame["c"].to_numpy(float)
    codes = (frame["g"].to_numpy() - 1).astype(int)
    start = np.r_[0.3, 0.6, 1.0, 1.0]
    full = maximise(nb.re_derivatives, X, y, codes, start=start, max_iter=25)
    cheap = maximise(nb.re_derivatives, X, y, codes, start=start, max_iter=25, value=nb.re_loglik)
    np.testing.assert_array_equal(full[0], cheap[0])
    assert full[3] == cheap[3]
    assert any(note == "(not concave)" for _, note in full[3])
    assert nb.re_loglik(X, y, codes, start) == nb.re_loglik_gradient(X, y, codes, start)[0]


def test_xtnbreg_without_overdispersion_reaches_the_ridge_from_the_ado_start(do):
    """No overdispersion: from the earlier start (Poisson GEE b, r = s = e) the fit climbed
    ln_r -> inf through 300 iterations (r(430)); from xtnbreg.ado's (nbreg, dispersion(constant)
    e(b), ln_r = ln_s = 0: tests/test_xtnbreg_start_values.py) Newton reaches the flat ridge and
    stops there, the LR test vs. pooled 0 (docs/xtnbreg_start_values.md)."""
    rc, out, s = do("xtset g t\nxtnbreg c x1", _panels())
    assert rc == 0, out
    assert "Fitting negative binomial (constant dispersion) model:" in out
    names = list(s.e.matrices["b"].colnames)
    b = s.e.matrices["b"].values[0]
    assert b[names.index("ln_r:_cons")] > 20
    assert s.e.scalars["chi2_c"] == 0 and s.e.scalars["ll"] >= s.e.scalars["ll_c"] - 1e-4
