"""stmh's and stmc's rate ratios (stmh.ado, stmc.ado): per stratum the score u and its
variance v, and for a two-group comparison the Mantel-Haenszel terms q and r; the ratio Q/R
(two groups) or exp(U/V) (trend, a one-unit increase), its interval RR exp(-/+ z sqrt(V/(QR)))
or exp((U -/+ z sqrt(V))/V), and chi2 = U^2/V.

stmh's strata are the combinations of the stratifying variables; its time at risk is summed
over the records (_t - _t0).  stmc's strata are, within those, the failure times: at each, the
records at risk (t0 < time <= t) and the failures.  ``e`` is 1/2 for the compared groups
(missing otherwise) in a two-group comparison, the exposure's value for the trend.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Terms:
    q: float
    r: float
    u: float
    v: float


@dataclass(frozen=True)
class RateRatio:
    rr: float
    lower: float
    upper: float
    chi2: float
    p: float


def _z(level):
    from mlmcli.distributions import norm

    return float(norm.ppf(level * 0.005 + 0.5))


def ratio(terms: Terms, level: float, compare: bool) -> RateRatio:
    from mlmcli.distributions import chi2 as chi2_dist

    z = _z(level)
    terms = Terms(*(np.float64(getattr(terms, k)) for k in ("q", "r", "u", "v")))  # x/0 is missing, not an error
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if compare:
            rr = terms.q / terms.r
            ef = np.exp(z * np.sqrt(terms.v / (terms.q * terms.r)))
        else:
            rr = np.exp(terms.u / terms.v)
            ef = np.exp(z / np.sqrt(terms.v))
        chi2 = terms.u ** 2 / terms.v
    return RateRatio(float(rr), float(rr / ef), float(rr * ef), float(chi2), float(chi2_dist.sf(chi2, 1)))


def person_time_terms(d, y, e, w, compare: bool) -> Terms:
    """stmh: one stratum's terms from its records."""
    d, y, e, w = (np.asarray(a, np.float64) for a in (d, y, e, w))
    with np.errstate(divide="ignore", invalid="ignore"):
        return _person_time_terms(d, y, e, w, compare)


def _person_time_terms(d, y, e, w, compare: bool) -> Terms:
    if compare:
        d1, d2 = (w * d * (e == 1)).sum(), (w * d * (e == 2)).sum()
        y1, y2 = (w * y * (e == 1)).sum(), (w * y * (e == 2)).sum()
        dt, yt = d1 + d2, y1 + y2
        q, r = d1 * y2 / yt, d2 * y1 / yt
        return Terms(q, r, q - r, dt * y1 * y2 / yt ** 2)
    dt, yt = (w * d).sum(), (w * y).sum()
    d1, y1, y2 = (w * d * e).sum(), (w * y * e).sum(), (w * y * e * e).sum()
    return Terms(0.0, 0.0, d1 - dt * y1 / yt, dt * (y2 - y1 * y1 / yt) / yt)


def failure_time_terms(t0, t, d, e, w, compare: bool) -> Terms:
    """stmc: one stratum's terms summed over its failure times."""
    t0, t, d, e, w = (np.asarray(a, np.float64) for a in (t0, t, d, e, w))
    x = w * (e == 1) if compare else w * e
    x2 = x if compare else w * e * e
    q = r = u = v = np.float64(0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _failure_time_sums(t0, t, d, x, x2, w, compare, q, r, u, v)


def _failure_time_sums(t0, t, d, x, x2, w, compare, q, r, u, v) -> Terms:
    for tau in np.unique(t[d != 0]):  # n > 0 at a failure time: the failing record is at risk
        risk = (t0 < tau) & (t >= tau)
        fail = risk & (t == tau) & (d != 0)
        n, x1, xx = w[risk].sum(), x[risk].sum(), x2[risk].sum()
        dd, dx, dx2 = w[fail].sum(), x[fail].sum(), x2[fail].sum()
        u += dx - dd * x1 / n
        v += dd * (xx / n - (x1 / n) ** 2)
        if compare:
            q += dx * (n - x1 - (dd - dx)) / n
            r += (x1 - dx) * (dd - dx) / n
    return Terms(q, r, u, v)


def combined(terms: list[Terms]) -> Terms:
    """The terms summed (numpy floats: a later x/0 is missing, not an error)."""
    return Terms(*(np.float64(sum(getattr(t, k) for t in terms)) for k in ("q", "r", "u", "v")))
