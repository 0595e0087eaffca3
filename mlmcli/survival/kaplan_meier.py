"""The Kaplan-Meier product-limit estimate of st data (``sts``'s numbers; the tests are in
``rank_tests``).

Records are intervals (t0, t] with a failure indicator d and a frequency weight; a record is
at risk at time u when t0 < u <= t, so delayed entry and gaps are handled as Stata's sts does.
At each time: n at risk just before it, d failures, c censored (records ending without a
failure), e entering (records beginning there); S(t) = prod (1 - d/n).  Standard errors are
Greenwood's, the confidence interval is on ln(-ln S) ([ST] sts, Methods and formulas; R's
survfit conf.type="log-log").  Numbers in, numbers out."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class KaplanMeier:
    """One group's table: a row at every time where a record ends (or, after time 0, begins)."""

    time: np.ndarray
    at_risk: np.ndarray     # Beg. Total
    failed: np.ndarray      # Fail
    censored: np.ndarray    # records lost at the time
    entered: np.ndarray     # records entering at the time
    survival: np.ndarray    # S(t)
    greenwood: np.ndarray   # sum d / (n (n - d)) up to t: var of ln S
    std_error: np.ndarray   # S sqrt(greenwood); NaN where S is 0 or 1 before a failure
    lower: np.ndarray
    upper: np.ndarray
    entry: float            # the earliest entry time (noorigin's start)

    @property
    def net_lost(self) -> np.ndarray:
        return self.censored - self.entered

    def at(self, times) -> np.ndarray:
        """Row index in effect at each time (-1 before the first row)."""
        return np.searchsorted(self.time, np.asarray(times, float), side="right") - 1


def hazard_steps(at_risk, failed) -> tuple[np.ndarray, np.ndarray]:
    """Each row's hazard d/n and its variance term d/n^2, 0 where no one is at risk: the steps of
    the product-limit S = prod(1 - d/n) and the Nelson-Aalen H = sum d/n (sts.ado's AddSurv),
    shared by sts list's table, sts generate and sts graph's st_ct rows."""
    n, d = np.asarray(at_risk, float), np.asarray(failed, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, d / n, 0.0), np.where(n > 0, d / (n * n), 0.0)


def product_limit(at_risk, failed) -> np.ndarray:
    """S = prod(1 - d/n) over the rows (a row with no one at risk is a factor of 1)."""
    return np.cumprod(1.0 - hazard_steps(at_risk, failed)[0])


def kaplan_meier(t0, t, d, weight=None, level: float = 95.0) -> KaplanMeier:
    from mlmcli.distributions import norm

    t0, t, d = (np.asarray(a, float) for a in (t0, t, d))
    w = np.ones_like(t) if weight is None else np.asarray(weight, float)
    times = np.unique(np.concatenate([t, t0[t0 > 0]]))
    ends = np.searchsorted(times, t)
    failed = np.bincount(ends, weights=w * (d != 0), minlength=times.size)
    censored = np.bincount(ends, weights=w * (d == 0), minlength=times.size)
    starts = t0 > 0
    entered = np.bincount(np.searchsorted(times, t0[starts]), weights=w[starts], minlength=times.size)
    # at risk just before u: records with t0 < u <= t
    t_sorted, t0_sorted = np.sort(t), np.sort(t0)
    cw_t = np.concatenate([[0.0], np.cumsum(w[np.argsort(t, kind="stable")])])
    cw_t0 = np.concatenate([[0.0], np.cumsum(w[np.argsort(t0, kind="stable")])])
    began = cw_t0[np.searchsorted(t0_sorted, times, side="left")]      # t0 < u
    ended = cw_t[np.searchsorted(t_sorted, times, side="left")]        # t < u
    at_risk = began - ended
    survival = product_limit(at_risk, failed)
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(failed > 0, failed / (at_risk * (at_risk - failed)), 0.0)
        greenwood = np.cumsum(term)
        se = survival * np.sqrt(greenwood)
        log_s = np.log(survival)
        z = float(norm.ppf(0.5 + level / 200.0))
        spread = z * np.sqrt(greenwood) / np.abs(log_s)
        lower = survival ** np.exp(spread)
        upper = survival ** np.exp(-spread)
    undefined = (survival <= 0) | (survival >= 1) | ~np.isfinite(greenwood)
    se = np.where((survival <= 0) | (np.cumsum(failed) == 0), np.nan, se)
    lower = np.where(undefined, np.nan, lower)
    upper = np.where(undefined, np.nan, upper)
    return KaplanMeier(times, at_risk, failed, censored, entered, survival, greenwood, se, lower, upper,
                       float(t0.min()) if t0.size else 0.0)


def nelson_aalen(km: KaplanMeier, level: float = 95.0):
    """(H, se, lower, upper) at every row of ``km`` (``nelson_aalen_sums``)."""
    return nelson_aalen_sums(km.at_risk, km.failed, level)


def nelson_aalen_sums(at_risk, failed, level: float = 95.0):
    """(H, se, lower, upper) at rows with ``at_risk`` n and ``failed`` d: H = sum d/n, se =
    sqrt(sum d/n^2), the interval H exp(-+z se/H) (sts.ado's AddSurv; missing where H is 0)."""
    from mlmcli.distributions import norm

    h, vh = hazard_steps(at_risk, failed)
    aalen, se = np.cumsum(h), np.sqrt(np.cumsum(vh))
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = float(norm.ppf(0.5 + level / 200.0)) * se / aalen
        lower = np.where(aalen != 0, aalen * np.exp(-spread), np.nan)
        upper = np.where(aalen != 0, aalen * np.exp(spread), np.nan)
    return aalen, se, lower, upper
