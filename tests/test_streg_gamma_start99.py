"""streg, distribution(gamma)'s starting values as gamma.ado (version 1.7.5) hands them to ml
(sg99): cval = -ln(sum _d / sum _t) over the sample's records (unweighted, _t not _t - _t0);
the constant-only fit starts at ``init(_cons=cval /ln_sig=0 /kappa=1)`` (less the offset's mean)
with search(off) and the full model continues from it; without a constant-only fit (no
covariates, noconstant) the full model starts at ``init(_cons=cval /ln_sig=1 /kappa=1)`` or
``init(/ln_sig=1 /kappa=1)``.  Each log's first "Iteration 0" is checked against the likelihood
written independently (bench/streg_dates_scipy_check.py's ``loglik``) at that start.

On fuzz round 13's dates data with failure(b) the start does not change where the fit goes:
the constant-only model's maximum is kappa = -3.3 from either start (its profile likelihood
over kappa peaks there), and that point is a saddle of the full model's likelihood (the full
model's profile has a local minimum at kappa = -3.3, rising both to kappa = 0.77, scipy's
maximum, and toward kappa -> -inf); so ml continues from a saddle and its steps go toward
-inf (tests/test_survival_convergence98.py's r(430) stays)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "bench"))

from fuzz_command_data import make_frame, run_line_fresh_session  # noqa: E402
from streg_dates_scipy_check import loglik  # noqa: E402


def _first_iteration(out: str) -> float:
    return float(re.search(r"Iteration 0:\s+log likelihood =\s*(\S+)", out).group(1))


def _dates(failure: bool):
    frame = make_frame("dates")
    t = frame["t2"].to_numpy(float)
    d = frame["b"].to_numpy(float) if failure else np.ones(len(t))
    return t, d, frame["x1"].to_numpy(float)


@pytest.mark.parametrize("failure", [True, False])
def test_constant_only_fit_starts_at_gamma_ados_init(failure):
    setup = ["stset t2, failure(b)" if failure else "stset t2"]
    rc, out, _, _ = run_line_fresh_session("dates", setup, "streg x1, distribution(gamma) iterate(0)")
    assert "Fitting constant-only model:" in out
    t, d, _ = _dates(failure)
    cval = -np.log(d.sum() / t.sum())
    expected = loglik("gamma", np.full(len(t), cval), [0.0, 1.0], np.log(t), d)
    assert _first_iteration(out) == pytest.approx(expected, rel=1e-7)


def test_constant_only_start_takes_the_offsets_mean():
    setup = ["stset t2", "gen double off = x1 / 1000"]
    rc, out, _, _ = run_line_fresh_session("dates", setup, "streg x1, distribution(gamma) offset(off) iterate(0)")
    t, d, x = _dates(False)
    off = x / 1000
    cval = -np.log(d.sum() / t.sum()) - off.mean()
    expected = loglik("gamma", cval + off, [0.0, 1.0], np.log(t), d)
    assert _first_iteration(out) == pytest.approx(expected, rel=1e-7)


@pytest.mark.parametrize("line, with_constant", [("streg, distribution(gamma) iterate(0)", True),
                                                 ("streg x1, distribution(gamma) noconstant iterate(0)", False)])
def test_without_a_constant_only_fit_the_full_model_starts_at_ln_sig_one(line, with_constant):
    rc, out, _, _ = run_line_fresh_session("dates", ["stset t2, failure(b)"], line)
    assert "Fitting constant-only model:" not in out
    t, d, _ = _dates(True)
    xb = np.full(len(t), -np.log(d.sum() / t.sum()) if with_constant else 0.0)
    expected = loglik("gamma", xb, [1.0, 1.0], np.log(t), d)
    assert _first_iteration(out) == pytest.approx(expected, rel=1e-7)


def test_cval_sums_exit_times_unweighted_not_time_at_risk():
    """gamma.ado's ``summ `t'`` and ``summ `dead'`` (no weights): late entry and weights leave it."""
    from mlmcli.commands.estimation.streg_start import ado_start
    from mlmcli.survival.parametric_fit import StregData

    t = np.array([5.0, 7.0, 9.0, 12.0])
    d = np.array([1.0, 0.0, 1.0, 1.0])
    ones = np.ones((4, 1))
    data = StregData(np.array([0.0, 2.0, 3.0, 0.0]), t, d, np.array([1.0, 3.0, 2.0, 1.0]),
                     [np.column_stack([np.arange(4.0), ones]), ones, ones], "gamma", True)
    cval = -np.log(3 / 33)
    assert np.allclose(ado_start(data, True, True)[-3:], [cval, 0.0, 1.0], rtol=0, atol=1e-15)
    assert np.allclose(ado_start(data, False, True), [0.0, cval, 1.0, 1.0], rtol=0, atol=1e-15)
    assert np.allclose(ado_start(data, False, False)[-2:], [1.0, 1.0])
    assert ado_start(StregData(data.t0, t, d, data.w, data.designs[:2], "lognormal", True), True, True) is None


def test_the_dates_saddle_is_the_constant_only_maximum_from_either_start():
    """The constant-only fit from gamma.ado's start and from the old (kappa = 0) one reach the
    same point, kappa = -3.3: the full model's continue starts at the same saddle."""
    from mlmcli.survival.parametric_fit import StregData, fit

    t, d, _ = _dates(True)
    n = len(t)
    data = StregData(np.zeros(n), t, d, np.ones(n), [np.ones((n, 1))] * 3, "gamma", True)
    cval = -np.log(d.sum() / t.sum())
    a, _ = fit(data, np.array([cval, 0.0, 1.0]))
    b, _ = fit(data, np.array([cval, 0.0, 0.0]))
    assert a.converged and b.converged
    assert a.x[2] == pytest.approx(-3.3095, abs=1e-3) and b.x == pytest.approx(a.x, abs=1e-5)
