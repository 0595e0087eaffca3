"""The numbers of Stata's ``ir``/``iri``: incidence-rate data (``a`` and ``b`` cases among
the exposed and unexposed, ``n1`` and ``n0`` their person-time).  The rate difference with its
normal (or test-based) interval, the rate ratio with the exact interval from the binomial
interval of a among the a + b cases (as _crcirr.ado takes it from cii) or a test-based one,
the attributable (prevented) fractions and the one-sided mid-p exact test (the [ST] epitab
manual's formulas, Rothman and Greenland)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats

from mlmcli.epitab import NAN, Estimate, divide, z_value
from mlmcli.matched_pairs import binomial_interval


@dataclass(frozen=True)
class IncidenceRates:
    cells: tuple
    difference: Estimate
    ratio: Estimate
    afe: Estimate
    afp: float
    attributable: bool
    p: float                 # one-sided mid-p
    direction: str           # ">=" or "<="


def _power(base: float, exponent: float) -> float:
    if math.isnan(base) or math.isnan(exponent) or base <= 0:
        return NAN
    return base ** exponent


def _square(v: float) -> float:
    """v^2, missing past the largest double (Stata's arithmetic; Python's ** raises there)."""
    out = v * v
    return NAN if math.isinf(out) and not math.isinf(v) else out


def incidence_rates(a, b, n1, n0, level: float, tb: bool = False) -> IncidenceRates:
    z = z_value(level)
    cases, time = a + b, n1 + n0
    ird = divide(a, n1) - divide(b, n0)
    if not tb:
        se = math.sqrt(divide(a, _square(n1)) + divide(b, _square(n0)))
        difference = Estimate(ird, ird - z * se, ird + z * se)
    x = divide(a - n1 * cases / time, math.sqrt(divide(cases * n1 * n0, _square(time)))) if time else NAN
    if tb:
        difference = Estimate(ird, ird * (1 - divide(z, x)), ird * (1 + divide(z, x)), "(tb)")
    irr = divide(divide(a, n1), divide(b, n0))
    if n1 == 0 or n0 == 0:
        ratio = Estimate(NAN, NAN, NAN)
    elif not tb:
        lb, ub = binomial_interval(a, cases, level)
        ratio = Estimate(irr, divide(lb * n0, (1 - lb) * n1), divide(ub * n0, (1 - ub) * n1), "(exact)")
    else:
        lo, hi = _power(irr, 1 - divide(z, x)), _power(irr, 1 + divide(z, x))
        if lo > hi:
            lo, hi = hi, lo
        ratio = Estimate(irr, NAN if a == 0 else lo, NAN if a == 0 else hi, "(tb)")
    share = divide(a, cases)
    attributable = math.isnan(ratio.value) or ratio.value >= 1
    if attributable:
        certain = a > 0 and b == 0
        afe = Estimate(1.0 if certain else divide(ratio.value - 1, ratio.value),
                       divide(ratio.lb - 1, ratio.lb), 1.0 if certain else divide(ratio.ub - 1, ratio.ub), ratio.label)
        afp = share * afe.value
    else:
        afe = Estimate(1 - ratio.value, 1 - ratio.ub, 1 - ratio.lb, ratio.label)
        afp = 1.0 if ratio.value == 0 else divide(share * (1 - ratio.value), share * (1 - ratio.value) + ratio.value)
    prob = divide(n1, time)
    at_least = float(stats.binom.sf(a - 1, cases, prob)) if cases else 1.0
    exactly = float(stats.binom.pmf(a, cases, prob)) if cases else 1.0
    p = at_least - exactly / 2 if attributable else 1 - at_least + exactly / 2
    if math.isnan(prob):   # no person-time: Stata's Binomial() of a missing probability
        p = NAN
    return IncidenceRates((a, b, n1, n0), difference, ratio, afe, afp, attributable, p,
                          ">=" if attributable else "<=")
