"""``mixed`` near the boundary of the variance space: a level whose variance goes to zero
converges in a few iterations (no 'convergence not achieved') with the log likelihood of the
model without that level; and a zero variance that is a saddle of the profiled deviance (d
curves downwards off it, the optimum a small positive variance) is left in a few iterations
instead of creeping away from it with the step of a far too large curvature guess (Green's
round-4 model, tests/realworld heldout green-ethnicity line 24: 16,000 iterations,
'convergence not achieved').

Independent checks: a variance at zero is the same model as the one without that level, so
their log likelihoods agree; the optimizer's test function has its minimum at a known point."""
from __future__ import annotations

import re

import numpy as np

from lookalike_data import lookalike_path
from mlmcli.mixed.optimizer import minimize_deviance

THREE_LEVELS = """\
clear
set obs 240
gen c = ceil(_n/40)
gen g = ceil(_n/8)
gen x = mod(_n*7, 11)
gen y = 1 + .5*x + c*.8 + mod(_n*5, 7)*1.1 + mod(_n, 2)
"""


def _iterations(out: str) -> int:
    return len(re.findall(r"^Iteration \d+:", out, flags=re.M))


def test_vanishing_middle_level_converges_fast_with_the_two_level_likelihood(new_session, run):
    s = new_session()
    out, rc = run(s, THREE_LEVELS + "mixed y x || c: || g:\n")
    assert rc == 0, out
    assert "convergence not achieved" not in out
    assert _iterations(out) <= 15, out
    assert s.e.scalars["converged"] == 1
    ll3 = s.e.scalars["ll"]
    # the g level's variance printed as Stata prints a variance it drove to zero: a tiny
    # number (or 0) with no standard error
    g_row = [line for line in out.splitlines() if line.strip().startswith("var(_cons)")][1]
    assert float(g_row.split("|")[1].split()[0]) < 1e-12, out
    assert g_row.split("|")[1].split()[1] == "."
    out2, rc = run(s, "mixed y x || c:\n")
    assert rc == 0, out2
    np.testing.assert_allclose(ll3, s.e.scalars["ll"], rtol=1e-10)


def test_saddle_at_zero_is_left_in_a_few_iterations():
    """d(t) = 1000 + K (t^2 - a^2)^2: t = 0 is a stationary point where d curves downwards
    (d'' = -4 K a^2), the minimum is t = a.  Started just off 0 with a curvature guess 10^4
    times too large -- what a random-intercept model's guess gives there -- the search must
    not creep along the guess's step (before: the iteration limit, 500 iterations)."""
    K, a = 1e4, 0.03

    def dev_grad(t):
        u = t[0] ** 2 - a ** 2
        return 1000 + K * u * u, np.array([4 * K * t[0] * u])

    res = minimize_deviance(None, np.array([0.01]), np.array([0.0]), maxiter=500,
                            dev_grad=dev_grad, curvature=lambda t: np.array([1.44e6]),
                            start_scalings=())
    assert res.converged, res.message
    assert len(res.history) < 40
    np.testing.assert_allclose(res.theta, [a], rtol=1e-6)
    np.testing.assert_allclose(res.deviance, 1000.0, atol=1e-9)


GREEN_RHS = ("CoreEthnic PeripheralGroup EGperc EGpercsq Partition1 URBRUR Age Agesq Q101 Muslim "
             "Radio TV FTEmploy EdDummy BritColony LogGDPpc ELF if Q79<900 & PresCore==1")


def test_green_round4_three_levels_converge_off_the_saddle(new_session, run):
    path = lookalike_path("green_afrob_r4")
    s = new_session()
    out, rc = run(s, f'use "{path}", clear\n'
                     f"xtmixed NatOverEthnic {GREEN_RHS} || COUNTRY: || Q79: , variance\n")
    assert rc == 0, out
    assert "convergence not achieved" not in out
    assert _iterations(out) <= 20, out
    assert s.e.scalars["converged"] == 1
    ll3 = s.e.scalars["ll"]
    rows = [line for line in out.splitlines() if line.strip().startswith("var(_cons)")]
    assert float(rows[0].split("|")[1].split()[0]) < 1e-12  # COUNTRY: at zero
    assert float(rows[1].split("|")[1].split()[0]) > 1e-4  # Q79: off the saddle at zero
    # COUNTRY's variance at zero: the same model as regions alone (Q79 codes are unique
    # across countries), whose likelihood has no saddle to creep from
    out2, rc = run(s, f"xtmixed NatOverEthnic {GREEN_RHS} || Q79: , variance\n")
    assert rc == 0, out2
    np.testing.assert_allclose(ll3, s.e.scalars["ll"], rtol=1e-9)
