"""Fits that can never converge (nrtolerance(0): g'(-H)^-1 g <= 0 never holds, so ml runs
iterate()'s steps; docs/nonconverging_fits.md).  Once an iteration's x and ln L are bit for bit
those of an earlier one, every later iteration repeats that cycle, and glm.newton.maximize logs
them without stepping: the log, notes, rc and e() must be those of the loop that steps them all
(newton.SKIP_REPEATS False).  Stata's ending ([R] maximize, ml_max.ado; mlmcli/commands/
estimation/convergence.py): iterate(#) typed, the results with "Warning: convergence not
achieved" (rc 0, e(converged) = 0); the default limit, r(430) after the table."""
from __future__ import annotations

import re

import numpy as np
import pytest

import mlmcli.glm.newton as newton
from fuzz_command_data import run_line_fresh


def _both(monkeypatch, run):
    """run() with the repeats skipped, then with every step taken."""
    skipped = run()
    monkeypatch.setattr(newton, "SKIP_REPEATS", False)
    stepped = run()
    monkeypatch.setattr(newton, "SKIP_REPEATS", True)
    return skipped, stepped


def _same_result(a, b):
    assert [(s.iteration, s.loglik, s.note) for s in a.steps] == [(s.iteration, s.loglik, s.note) for s in b.steps]
    assert np.array_equal(a.x, b.x) and a.f == b.f and np.array_equal(a.hessian, b.hessian)
    assert (a.converged, a.limit_reached) == (b.converged, b.limit_reached)


def test_a_two_point_cycle_repeats_its_values_and_notes(monkeypatch):
    """x alternates between -1 and 1 (the step -2x); -H is not positive definite at 1."""
    calls = []

    def fun(x):
        calls.append(1)
        return -1.0  # flat: every step is accepted; the state (x, ln L) has period 2

    def grad_hess(x):
        return np.array([-2.0 * x[0]]), np.array([[1.0 if x[0] > 0 else -1.0]])

    skipped, stepped = _both(monkeypatch, lambda: newton.maximize(fun, grad_hess, np.array([1.0]), iterate=501,
                                                                  nrtolerance=0.0))
    _same_result(skipped, stepped)
    assert skipped.limit_reached and [s.iteration for s in skipped.steps] == list(range(502))
    assert {s.note for s in skipped.steps} == {"", "(not concave)"}
    calls.clear()
    newton.maximize(fun, grad_hess, np.array([1.0]), iterate=501, nrtolerance=0.0)
    assert len(calls) < 10


def test_a_fixed_point_reached_by_halving_keeps_backed_up_on_every_line(monkeypatch):
    """At 1e17 (spacing 16) the step of 100 is worse and is halved until it rounds away:
    x and ln L never change, and every step is "(backed up)" (the last line, no step, is not)."""
    top = 1e17

    def fun(x):
        return -abs(float(x[0]) - top)

    def grad_hess(x):
        return np.array([100.0]), np.array([[-1.0]])

    skipped, stepped = _both(monkeypatch, lambda: newton.maximize(fun, grad_hess, np.array([top]), iterate=40,
                                                                  nrtolerance=0.0))
    _same_result(skipped, stepped)
    assert [s.note for s in skipped.steps] == ["(backed up)"] * 40 + [""]


def test_a_cycle_of_not_concave_steps_still_stops_at_the_stall(monkeypatch):
    def fun(x):
        return -1.0

    def grad_hess(x):
        return np.array([-2.0 * x[0]]), np.array([[1.0]])  # never concave

    skipped, stepped = _both(monkeypatch, lambda: newton.maximize(fun, grad_hess, np.array([1.0]), iterate=1000,
                                                                  nrtolerance=0.0, stall=7))
    _same_result(skipped, stepped)
    assert not skipped.limit_reached and len(skipped.steps) == 8


# (name, shape, setup, line, iterate): iterate() past the first repeat of each fit's
# nrtolerance(0) iterations (ologit's at 36, rologit's 12, tobit's 6, slogit's 144);
# mprobit on the longnames shape's 8 observations stops at the stall (iteration 704)
FEW = 'if s == "a"'
FITS = [
    ("ologit", "full", (), "ologit o x1 i.f", 80),
    ("oprobit", "full", (), "oprobit o x1 i.f", 80),
    ("tobit", "full", (), "tobit y x1 i.f, ll(0)", 80),
    ("rologit", "full", (), "rologit b x1 i.f, group(g)", 80),
    ("nbreg", "full", (), "nbreg c x1", 80),
    ("streg", "full", ("generate cr = mod(_n, 3)", "stset t2, failure(cr == 1)"),
     "streg x1 i.f, distribution(exponential)", 80),
    ("slogit", "full", (), "slogit o x1 i.f", 200),
    ("mprobit_few", "longnames", (), f"mprobit o x1 i.f {FEW}", 800),
]


def _run(shape, setup, line):
    return run_line_fresh(shape, setup, line)[:2]  # (rc, printed)


def _line(line, options):
    return f"{line}{' ' if ',' in line else ', '}{options}"


@pytest.mark.parametrize("fit", FITS, ids=[f[0] for f in FITS])
def test_typed_iterate_gives_the_stepped_log_and_stata_warning(monkeypatch, fit):
    name, shape, setup, line, iterate = fit
    line = _line(line, f"nrtolerance(0) iterate({iterate})")
    (rc, printed), (rc_stepped, printed_stepped) = _both(monkeypatch, lambda: _run(shape, setup, line))
    assert printed == printed_stepped
    if name == "mprobit_few":  # 100 "(not concave)" steps in a row: a failure, r(430)
        assert rc == rc_stepped == 430 and "Iteration 704:" in printed and "Iteration 705:" not in printed
        return
    assert rc == rc_stepped == 0
    assert "Warning: convergence not achieved" in printed
    if name != "tobit":  # mlm's tobit prints no iteration log
        assert f"Iteration {iterate}:" in printed and f"Iteration {iterate + 1}:" not in printed


@pytest.mark.parametrize("fit", FITS[:2], ids=[f[0] for f in FITS[:2]])
def test_the_default_limit_logs_16000_iterations_and_is_r430(fit):
    name, shape, setup, line, _ = fit
    rc, printed = _run(shape, setup, _line(line, "nrtolerance(0)"))
    assert rc == 430
    numbers = [int(n) for n in re.findall(r"^Iteration (\d+):", printed, re.M)]
    assert numbers[-16001:] == list(range(16001))  # the full model's log: every line to 16,000
    assert "Warning: convergence not achieved" not in printed
