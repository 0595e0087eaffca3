"""A binomial mean kept off its bounds, as glm's ML evaluator does (glim_lf runs the family's
``glim_mu 0 m`` after the inverse link): mu within [1e-8, m - 1e-8], and dmu/deta, d2mu/deta2
then taken at that bounded mean -- glm's binomial link programs (glim_l02 ... glim_l12) write
both derivatives in mu, so they are h'(g(mu/m)) and h''(g(mu/m)) at the bounded mu, not at eta.

Only means within [0, m] are bounded: one outside it (identity, log, power or odds-power
links past their range) is still refused by glm's step search as before -- glim_mu would bound it
too, but the fits checked against R (tests/test_glm_odds_power_nbinomial_links.py) reach their
optimum through that refusal and wander off it with the bound.

Without the bound a probit or cloglog mean that is exactly 0 or m in double precision (eta past
about 8.3 under a constraint holding _cons at 5) makes ln L -inf or the step search reject every
step; with it ln L, the score (y - mu) mu'/V and the Hessian stay finite and Newton moves on.
"""
from __future__ import annotations

import numpy as np

from .exponential_family import Family, Link

MEAN_EPSILON = 1e-8  # glim_mu's eps
# A step that had to be halved and still did not raise ln L, this many times in a row (the
# convergence test not met) ends the fit as a numerical failure (``convergence not achieved``, r(430)) rather than creeping
# through all of iterate() (16,000 by default) at one point and returning rc 0 there: with the
# mean bounded, the scores of rows at a bound are not the slope of the flat ln L, so Newton can
# point where no halving helps.  (mlm's rule; ml's exact count not seen.)  A full step that
# leaves ln L where it was is not counted: at the optimum under tolerance(0) ml runs on to the
# limit (tests/test_iteration_limit.py).
STALLED_STEPS = 5


def bounded_binomial_mean(family: Family, link: Link, mu, d1, d2, m, s):
    """(mu, dmu/deta, d2mu/deta2) with the binomial mean bounded (module docstring); ``m`` the
    denominators, ``s`` what the inverse link is multiplied by (``link_scale``).  Rows inside
    the bounds keep their values bit for bit; other families are returned as they are."""
    if family.name != "binomial":
        return mu, d1, d2
    with np.errstate(invalid="ignore"):  # a mean outside [0, m] stays: the step search refuses it
        low, high = (mu >= 0) & (mu <= MEAN_EPSILON), (mu <= m) & (mu >= m - MEAN_EPSILON)
    out = low | high
    if not np.any(out):
        return mu, d1, d2
    mu = np.where(low, MEAN_EPSILON, np.where(high, m - MEAN_EPSILON, mu))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        eta_b = link.link(mu[out] / s[out])
        _, dh, d2h = link.inverse(eta_b)
    d1, d2 = np.array(d1, float, copy=True), np.array(d2, float, copy=True)
    d1[out], d2[out] = s[out] * dh, s[out] * d2h
    return mu, d1, d2
