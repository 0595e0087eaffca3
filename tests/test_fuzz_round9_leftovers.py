"""Round 9's leftovers (docs/command_fuzz.md, Round 9, "Left open") and seeds 6/7 of its
generator: the lines run on the fuzz's own data with its checks (no internal error, no hang,
the data unchanged when the line fails) and the rc each now gives; then the behaviours behind
them (scale-free prais/xtpcse fits of a depvar near 8.98e307, the Newton log filled at a point
that no longer moves, the "(not concave)" stall)."""
from __future__ import annotations

import numpy as np
import pytest

from fuzz_round9_commands import BASE
from test_fuzz_round9 import test_round9_lines_run_as_stata_does as run_found_line

# (shape, setup, line, rc) as the round-9 fuzz ran them (BASE's variables made first)
FOUND = [
    # mprobit on a few observations whose outcomes separate: with tolerance(1e300) the mlogit
    # start stops early, the probit fit climbs a plateau "(not concave)" for all 16,000
    # iterations; now it stops after STALL such steps, not converged (r(430))
    ("longnames", (), 'mprobit o x1 i.f if s == "a", tolerance(1e300)', 430),
    # the tolerance loop's few-observation lines: slogit and ivprobit crept the same plateau
    # (with or without tolerance(1e300)); the same stall now ends them
    ("longnames", (), 'slogit o x1 i.f if s == "a", tolerance(1e300)', 430),
    ("longnames", (), 'ivprobit b x1 i.f (x2 = t2) if s == "a", tolerance(1e300)', 430),
    # y near 8.98e307: ml's start sigma_e^2 = s^2 is missing (an OverflowError before) when from() is typed
    # fz103 (round 19): xtreg, mle on y beyond 1e100 is fitted on y/2^k and mapped back
    ("huge", ("xtset g t",), "xtreg y x1 i.f, mle", 0),
    ("huge", ("xtset g t",), "xtreg y x1, mle from(x1=1 _cons=1 sigma_u:_cons=1 sigma_e:_cons=1, copy)", 1400),
    # rho and DW are free of y's scale: fitted (r(2000) "no observations" before)
    ("huge", ("tsset tt",), "prais y x1 i.f", 0),
    ("huge", ("tsset tt",), "prais y x1, corc", 0),
    # xtpcse: y over a power of two (r(2001) "model perfectly predicts" before)
    ("huge", ("xtset g t",), "xtpcse y x1 i.f", 0),
    ("huge", ("xtset g t",), "xtpcse y x1, corr(psar1) hetonly", 0),
    # seed 7: truncreg on one observation (sigma -> 0: e / sigma squared overflowed); its other
    # line, xtnbreg's plateau, is test_xtnbreg_plateau_stops_after_the_stall below (300 steps)
    ("one", ("constraint 1 x1 = 0.5",), "truncreg y x1 x2, ll(-5) noomitted", 430),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round9_leftover_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    run_found_line(tmp_path, monkeypatch, shape, setup, line, rc)  # round 9's runner (BASE made first)


def _series(n=30, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    e = np.zeros(n)
    for t in range(1, n):
        e[t] = 0.5 * e[t - 1] + rng.normal()
    return x, 1.0 + 2.0 * x + e


def test_prais_rho_and_durbin_watson_are_free_of_the_depvars_scale():
    from mlmcli.time_series.prais_winsten import iterate_rho

    x, y = _series()
    X = np.column_stack([x, np.ones_like(x)])
    prev = np.arange(len(y)) - 1
    small = iterate_rho(y, X, prev, corc=False)
    big = iterate_rho(y * 2.0 ** 1000, X, prev, corc=False)  # y near 1e301: squares past the range
    assert np.isfinite(big.rho) and big.rho == pytest.approx(small.rho, rel=1e-12)
    assert big.dw_original == pytest.approx(small.dw_original, rel=1e-12)
    assert big.iterations == small.iterations
    np.testing.assert_allclose(big.y_star, small.y_star * 2.0 ** 1000, rtol=1e-12)


def test_pcse_fit_of_a_huge_depvar_is_the_small_fit_times_the_scale():
    from mlmcli.panel.pcse import fit_pcse

    rng = np.random.default_rng(5)
    panel, time = np.repeat(np.arange(4.0), 8), np.tile(np.arange(8.0), 4)
    x = rng.normal(size=32)
    y = 1.0 + x + rng.normal(size=32)
    X = np.column_stack([x, np.ones(32)])
    k = 2.0 ** 1000
    for corr in ("independent", "ar1"):
        small = fit_pcse(y, X, panel, time, 1.0, corr=corr)
        big = fit_pcse(y * k, X, panel, time, 1.0, corr=corr)
        np.testing.assert_allclose(big.b, small.b * k, rtol=1e-10)
        assert big.r2 == pytest.approx(small.r2, rel=1e-10)
        np.testing.assert_allclose(big.rhos, small.rhos, rtol=1e-10)
        # V is of order k^2 = 2^2000: past the double range, so missing (as Stata's overflow)
        assert np.all(np.isnan(big.V))


def test_newton_fills_the_log_when_a_step_moves_nothing_and_the_rule_cannot_hold():
    from mlmcli.glm.newton import maximize

    calls = []

    def fun(x):
        calls.append(1)
        return -float((x[0] - 1.0) ** 2)

    def grad_hess(x):
        return np.array([-2.0 * (x[0] - 1.0)]), np.array([[-2.0]])

    # nrtolerance(0): g'(-H)^-1 g < 0 never holds, so ml runs all of iterate(); once at the
    # optimum the remaining iterations are logged without being stepped
    res = maximize(fun, grad_hess, np.array([0.0]), iterate=5000, nrtolerance=-1.0)
    assert not res.converged and res.limit_reached
    assert [s.iteration for s in res.steps] == list(range(5001))
    assert res.x[0] == 1.0 and len(calls) < 50
    # at ml's defaults it converges as before
    assert maximize(fun, grad_hess, np.array([0.0])).converged


def test_conditional_likelihood_stall_stops_a_plateau_not_converged():
    from mlmcli.conditional_likelihood import maximise

    def derivatives(X, y, groups, b):  # ln L = -exp(-b): rising toward b = inf, H > 0 nowhere
        ll = -np.exp(-b[0])
        return ll, np.array([np.exp(-b[0])]), np.array([[np.exp(-b[0]) * 1e-30 + 1.0]])

    X = np.zeros((3, 1))
    b, ll, H, log, converged = maximise(derivatives, X, np.zeros(3), np.zeros(3), max_iter=16000, stall=7)
    assert not converged and len(log) == 8
    assert all(note == "(not concave)" for _, note in log)


def test_xtnbreg_plateau_stops_after_the_stall(tmp_path, monkeypatch):
    """seed 7: `xtnbreg c x1, iterate(2147483648)` of counts without overdispersion: ln_r climbed
    "(not concave)" at every step and never stopped.  From xtnbreg.ado's start (nbreg's constant-
    dispersion fit, ln_r = ln_s = 0: tests/test_xtnbreg_start_values.py) the fit now settles on the
    ridge in ~22 iterations; STALL (300) such steps in a row end a fit that keeps climbing, not
    converged -- 3 here, which the run's four "(not concave)" steps in a row reach."""
    import fuzz_commands as fc
    import mlmcli.commands.estimation.negative_binomial_panel as xtnb

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.prepare_folder(str(tmp_path))
    case = fc.Case("found", "full", BASE + ("xtset g t",), "xtnbreg c x1, iterate(2147483648)")
    rc, findings, printed = fc.run_case(case, str(tmp_path))
    assert not findings and rc == 0, printed
    log = [line for line in printed.splitlines() if line.startswith("Iteration")]
    assert len(log) < 80
    monkeypatch.setattr(xtnb, "STALL", 3)
    rc, findings, printed = fc.run_case(case, str(tmp_path))
    assert not findings and rc == 430, printed
    full = printed.split("Fitting full model:")[-1]
    log = [line for line in full.splitlines() if line.startswith("Iteration")]
    assert [line.endswith("(not concave)") for line in log[-3:]] == [True] * 3
