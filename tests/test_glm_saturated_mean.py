"""glm's ML with binomial means that are exactly 0 or 1 in double precision (fuzz round 8: a
constraint holding _cons at 5 under the probit link).  glm's evaluator (glim_lf) bounds the mean
to [1e-8, m - 1e-8] (glim_mu 0 m) and takes ln L, V(mu) and the link's derivatives (written in mu
by glim_l02 ... glim_l12) at the bounded mean; before, mlm's step search refused every step whose
mean was not strictly inside (0, 1) and backed up through all 16,000 iterations, rc 0.

Checked: where the optimum has no bounded mean, glm's fit is probit's under the same constraint
and a direct scipy maximisation of the probit likelihood; where it has (the fuzz data: y = 0 rows
with Phi(eta) = 1 at every b), glm converges where glim_lf's score (y - mu) mu'/V x at the
bounded mean is zero, ln L the bounded likelihood's, not probit's; and where the steps get
nowhere (x1 held at 8) the fit ends as ml does on a failure -- the log's ``convergence not
achieved``, r(430), within a few iterations, not 16,000 backed-up ones and rc 0."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

optimize = pytest.importorskip("scipy.optimize")
from scipy.stats import norm  # noqa: E402  (after the skip)

SETUP = """clear
set obs 300
set seed 2024
gen x1 = 2.5 + 1.5*rnormal()
gen x2 = rnormal()
gen b = runiform() < normal(5 - 2*x1 + 0.5*x2)
constraint 1 _cons = 5
"""


def _session(text):
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    rc = r.run_text(text, stop_on_error=False, echo=False)
    return s, r, rc


def _column(s, name):
    return np.asarray(s.data.df[name], float)


def _probit_ll(b, y, x1, x2, cons=5.0):
    eta = cons + b[0] * x1 + b[1] * x2
    return float(np.sum(np.where(y == 1, norm.logcdf(eta), norm.logcdf(-eta))))


def _bounded_ll(b, y, x1, x2, cons=5.0):
    """glim_lf's ln L: the Bernoulli likelihood at the mean bounded to [1e-8, 1 - 1e-8]."""
    mu = np.clip(norm.cdf(cons + b[0] * x1 + b[1] * x2), 1e-8, 1 - 1e-8)
    return float(np.sum(np.where(y == 1, np.log(mu), np.log1p(-mu))))


def test_a_start_with_saturated_means_reaches_probits_optimum():
    s, r, rc = _session(SETUP)
    assert rc == 0
    y, x1, x2 = _column(s, "b"), _column(s, "x1"), _column(s, "x2")
    assert np.any(norm.cdf(5 - 2 * x1 + 0.5 * x2) == 1.0)  # means exactly 1 near the optimum's path
    assert r.run_text("probit b x1 x2, constraints(1) nolog", echo=False) == 0
    ll_p, b_p = s.e.scalars["ll"], s.e.matrices["b"].values[0, :2].copy()
    s.out.stream.seek(0)
    s.out.stream.truncate()
    assert r.run_text("glm b x1 x2, family(binomial) link(probit) constraints(1)", echo=False) == 0
    printed = s.out.stream.getvalue()
    assert "(backed up)" not in printed and printed.count("Iteration") < 10
    assert s.e.scalars["converged"] == 1
    ll_g, b_g = s.e.scalars["ll"], s.e.matrices["b"].values[0]
    assert b_g[2] == 5.0
    # the rows whose mean is 1 in double count ln(1 - 1e-8) each at glm's bound, 0 in probit's
    assert ll_g == pytest.approx(ll_p, abs=1e-6)
    np.testing.assert_allclose(b_g[:2], b_p, rtol=1e-6)
    # a direct maximisation of probit's likelihood with _cons = 5
    res = optimize.minimize(lambda b: -_probit_ll(b, y, x1, x2), np.zeros(2), method="BFGS",
                            options={"gtol": 1e-9})
    np.testing.assert_allclose(b_g[:2], res.x, rtol=1e-5)
    assert ll_g == pytest.approx(-res.fun, abs=1e-6)


def _fuzz_session(constraint):
    fc = pytest.importorskip("fuzz_commands")
    from fuzz_round8_commands import BASE

    s = fc.fresh_session("full")
    r = Runner(s)
    for line in BASE + (f"constraint 1 {constraint}",):
        r.run_text(line, echo=False)
    s.out.stream.seek(0)
    s.out.stream.truncate()
    return s, r


def _glim_score(b, y, x1, x2, cons=5.0):
    """glim_lf's score: (y - mu) mu'/V x at the bounded mean, mu' = normden(invnorm(mu))."""
    mu = np.clip(norm.cdf(cons + b[0] * x1 + b[1] * x2), 1e-8, 1 - 1e-8)
    u = (y - mu) * norm.pdf(norm.ppf(mu)) / (mu * (1 - mu))
    return np.array([u @ x1, u @ x2])


def test_the_fuzz_line_converges_where_glms_score_is_zero():
    s, r = _fuzz_session("_cons = 5")
    rc = r.run_text("glm b x1 x2, family(binomial) link(probit) constraints(1)", echo=False)
    printed = s.out.stream.getvalue()
    assert rc == 0, printed
    assert printed.count("Iteration") < 20 and "(backed up)" not in printed
    assert s.e.scalars["converged"] == 1
    y, x1, x2 = _column(s, "b"), _column(s, "x1"), _column(s, "x2")
    b, ll = s.e.matrices["b"].values[0], s.e.scalars["ll"]
    assert b[2] == 5.0
    np.testing.assert_allclose(ll, _bounded_ll(b[:2], y, x1, x2), rtol=1e-12)
    np.testing.assert_allclose(_glim_score(b[:2], y, x1, x2), 0, atol=1e-4)
    # y = 0 rows whose probit mean is 1 whatever b (x1, x2 near 0): glm's ln L counts them at
    # ln 1e-8, probit's in full -- the two fits are not the same there
    assert r.run_text("probit b x1 x2, constraints(1) nolog", echo=False) == 0
    assert s.e.scalars["ll"] == pytest.approx(-241.76013, abs=1e-5)
    assert ll > s.e.scalars["ll"] + 10


@pytest.mark.parametrize("iterate", ["", " iterate(300)"])
def test_steps_that_get_nowhere_end_with_r430_not_16000_iterations(iterate):
    s, r = _fuzz_session("x1 = 8")
    rc = r.run_text("glm b x1 x2, family(binomial) link(probit) constraints(1)" + iterate, echo=False)
    printed = s.out.stream.getvalue()
    assert rc == 430, printed
    assert printed.count("Iteration") < 30
    assert "convergence not achieved" in printed
    assert s.e.scalars["converged"] == 0 and s.e.scalars["rc"] == 430
    assert "Warning: convergence not achieved" not in printed  # a failure, not the limit
