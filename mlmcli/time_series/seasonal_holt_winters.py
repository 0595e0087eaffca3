"""Seasonal Holt-Winters of ``tssmooth shwinters`` ([TS] tssmooth shwinters; _ts_hwsa.ado and
_ts_hwsm.ado 1.4.0, _hwsa_comp.ado 1.0.2, _hwsm_comp.ado 1.0.2 of the Stata 16 tree).

One series without gaps, its observations numbered from the first in the sample: year m =
int((j - 1)/period) + 1 and season l = the position inside the year.  Additive:
  a_t = alpha (x_t - s_(t-p)) + (1 - alpha)(a_(t-1) + b_(t-1)),  b_t = beta (a_t - a_(t-1)) + (1 - beta) b_(t-1),
  s_t = gamma (x_t - a_t) + (1 - gamma) s_(t-p);  prediction a_(t-1) + b_(t-1) + s_(t-p);
multiplicative: x/s and x/a for the differences, (a + b) s for the prediction.  The first year's
s_(t-p) are the starting seasonals sn0; a missing x_t takes its prediction.  Starting values:
additive, the regression of x on j and season dummies over the first samp0 years (a0, b0 = its
constant and slope, sn0 = the dummies' coefficients, 0 for season 1); multiplicative, Bowerman and
O'Connell's: the first and samp0-th years' means give b0 = (ybar_M - ybar_1)/((M - 1) p) and
a0 = ybar_1 - p b0 / 2, and sn0 = the season means of x / (ybar_m - ((p + 1)/2 - l) b0) scaled to
sum to p.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_double


@dataclass(frozen=True)
class SeasonalFit:
    predicted: np.ndarray    # in-sample predictions then the forecasts
    alpha: float
    beta: float
    gamma: float
    a0: float                # s1_0, the starting level
    b0: float                # s2_0, the starting slope
    constant: float          # level at the last value
    linear: float            # slope at the last value
    n_pre: float
    additive: bool
    seasonals: np.ndarray    # s_t in the sample (snt_v())


def start_values(x: np.ndarray, period: int, samp0: float, additive: bool, b0: float | None = None):
    """(a0, b0, sn0 by season) as the ados compute them; x is the sample from its first value.
    ``b0`` given (s0()): the multiplicative seasonals use it."""
    n = x.size
    j = np.arange(1, n + 1)
    year = (j - 1) // period + 1
    season = (j - 1) % period + 1
    pre = (year <= samp0) & ~np.isnan(x)
    if additive:
        dummies = [(season == s).astype(float) for s in range(2, period + 1)]
        design = np.column_stack([j.astype(float), *dummies, np.ones(n)])[pre]
        coef, *_ = np.linalg.lstsq(design, x[pre], rcond=None)
        return float(coef[-1]), float(coef[0]), np.concatenate([[0.0], coef[1:-1]])
    ok = ~np.isnan(x)
    means = {int(m): x[ok & (year == m)].mean() for m in np.unique(year[ok])}
    # a samp0() that is not a whole year matches no year: the ado's mean is missing
    slope = (means.get(samp0, np.nan) - means[1]) / ((samp0 - 1) * period)
    a0 = means[1] - 0.5 * period * slope
    b0 = slope if b0 is None else b0
    ratio = np.full(n, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):  # x / 0 (a series of zeros): Stata's missing
        for t in np.flatnonzero(pre):
            ratio[t] = x[t] / (means[year[t]] - ((period + 1) * 0.5 - season[t]) * b0)
        ratio[~np.isfinite(ratio)] = np.nan
        bar = np.array([np.mean(r) if (r := ratio[pre & (season == s) & ~np.isnan(ratio)]).size else np.nan
                        for s in range(1, period + 1)])
        sn0 = bar * (period / bar[season[year == 1] - 1].sum())
    return float(a0), float(b0), sn0


def seasonal_holt_winters(x: np.ndarray, period: int, alpha: float, beta: float, gamma: float,
                          a0: float, b0: float, sn0: np.ndarray, forecast: int, additive: bool,
                          n_pre: float) -> SeasonalFit:
    """_hwsa_comp / _hwsm_comp on x (its last value present; the recursion starts at its first
    value present, the years count from x[0]), then the forecasts.  sn0 holds the first year's
    starting seasonals by position."""
    n = x.size
    start = int(np.flatnonzero(~np.isnan(x))[0])
    level, slope, seas = (np.full(n, np.nan) for _ in range(3))
    pred = np.full(n + forecast, np.nan)
    prev_a, prev_b = a0, b0
    for t in range(start, n):
        s_back = sn0[t] if t < period else seas[t - period]
        pred[t] = prev_a + prev_b + s_back if additive else (prev_a + prev_b) * s_back
        y = x[t] if not np.isnan(x[t]) else pred[t]
        if additive:
            level[t] = alpha * (y - s_back) + (1 - alpha) * (prev_a + prev_b)
            seas[t] = gamma * (y - level[t]) + (1 - gamma) * s_back
        else:
            level[t] = alpha * (y / s_back) + (1 - alpha) * (prev_a + prev_b)
            seas[t] = gamma * (y / level[t]) + (1 - gamma) * s_back
        slope[t] = beta * (level[t] - prev_a) + (1 - beta) * prev_b
        prev_a, prev_b = level[t], slope[t]
    extended = np.concatenate([seas, np.empty(forecast)])
    for tau in range(1, forecast + 1):
        t = n - 1 + tau
        extended[t] = extended[t - period]
        trend = level[-1] + slope[-1] * tau
        pred[t] = trend + extended[t - period] if additive else trend * extended[t - period]
    return SeasonalFit(pred, alpha, beta, gamma, a0, b0, float(level[-1]), float(slope[-1]), n_pre, additive, seas)


def check_seasonals(sn0: np.ndarray, additive: bool, name: str | None) -> None:
    """The ados' checks of the starting seasonals (their messages, r(498))."""
    which = f"seasonal starting value variable {name}" if name and not additive else "seasonal starting value variable"
    if np.isnan(sn0).any():
        raise StataError(f"At least one observation of the {which} is missing\n"
                         "missing is not a valid value in the seasonal starting value variable", 498)
    if not additive and np.any(np.abs(sn0) < 1e-12):
        raise StataError(f"At least one observation of the {which} is zero\n"
                         "zero is not a valid value in the seasonal starting value variable", 498)


@dataclass(frozen=True)
class OptimalWeights:
    alpha: float
    beta: float
    gamma: float
    prss: float              # the penalized sum of squares at the optimum (e(prss))
    rss: float               # its unpenalized part (double predictions)
    rmse: float


def optimal_weights(x: np.ndarray, period: int, a0: float, b0: float, sn0: np.ndarray, additive: bool,
                    start: tuple[float, float, float]) -> OptimalWeights:
    """The weights minimising _hwsa_opt_d0's / _hwsm_opt_d0's penalized sum of squares over the
    logits of (alpha, beta, gamma): sum (x - prediction)^2 plus, per observation, (|logit| - 12)^2
    for each logit beyond 12 in size.  Started from logit(start) as ml is (from(), default .5)."""
    from scipy.optimize import minimize

    present = ~np.isnan(x)
    count = int(present.sum())
    # a series past 2^480 (its squares past the double range) is searched as x / 2^j (exact; the
    # recursions are homogeneous in x, a0, b0 and additive seasonals), the penalty over 4^j
    top = float(np.max(np.abs(x[present]))) if count else 0.0
    k = math.ldexp(1.0, min(math.frexp(top)[1], 1023)) if np.isfinite(top) and top > 2.0 ** 480 else 1.0
    x, a0, b0, sn0 = x / k, a0 / k, b0 / k, (sn0 / k if additive else sn0)

    def sums(theta):
        w = 1 / (1 + np.exp(-np.clip(theta, -100, 100)))  # _hwsm_ml clamps the logits at 100
        fit = seasonal_holt_winters(x, period, *w, a0, b0, sn0, 0, additive, 0)
        err = (x - fit.predicted[: x.size])[present]
        with np.errstate(over="ignore"):
            rss = float(np.sum(err ** 2)) if np.all(np.isfinite(err)) else np.inf
        penalty = float(sum(max(abs(v) - 12, 0.0) ** 2 for v in theta)) / k / k
        return rss + count * penalty, rss, w

    theta0 = np.log(np.asarray(start) / (1 - np.asarray(start)))
    if not np.isfinite(sums(theta0)[0]):  # no search from a start that has no finite sum
        raise StataError("could not find optimal weights: the sum of squares is not finite", 430)
    best = minimize(lambda th: sums(th)[0], theta0, method="BFGS", options={"gtol": 1e-9, "maxiter": 2000})
    polished = minimize(lambda th: sums(th)[0], best.x, method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    theta = polished.x if polished.fun <= best.fun else best.x
    prss, rss, w = sums(theta)
    if not np.isfinite(prss):
        raise StataError("could not find optimal weights: the sum of squares is not finite", 430)
    return OptimalWeights(float(w[0]), float(w[1]), float(w[2]), stata_double(prss * k * k),
                          stata_double(rss * k * k), stata_double(float(np.sqrt(rss / count)) * k))
