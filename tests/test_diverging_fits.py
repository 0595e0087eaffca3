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
    monkeypatch.setattr(cox, "_FAINT", np.inf)
    alone, U_alone = lik.evaluate(b), lik.score_residuals(b)
    assert alone[0] == pytest.approx(common[0], abs=1e-12)
    np.testing.assert_allclose(alone[1], common[1], atol=1e-12)
    np.testing.assert_allclose(alone[2], common[2], atol=1e-12)
    np.testing.assert_allclose(U_alone, U, atol=1e-12)


def test_stcox_shared_diverging_no_internal_error(do):
    rc, out, _ = do("stset t2, failure(b)\nstcox f##g, shared(s)", _frame())
    assert rc in (0, 430), out
    assert "internal error" not in out
