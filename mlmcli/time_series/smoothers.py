"""The numbers of ``tssmooth ma`` and ``tssmooth exponential`` ([TS] tssmooth ma, [TS] tssmooth
exponential; tssmooth.ado 1.5.5 and _ts_exp.ado 1.1.13 of the Stata 16 tree).

Both work on one series laid on its regular time grid (one slot per period from the first to the
last period; a period with no observation is a gap, NaN).

Moving average: each slot's value is the weighted mean of the terms in its window that are not
missing, the weights rescaled over those terms (so the ends of a series use fewer terms).

Exponential: the series stored is the one-step-ahead prediction of _ts_exp.ado: S at the first
non-missing slot is s0 and S[t] = a*x[t-1] + (1-a)*S[t-1], or S[t-1] when x[t-1] is missing; an
observation excluded by if/in breaks the chain (missing from there on, as Stata's lagged
``replace`` does).  ``parms()`` omitted: the coefficient that minimises the sum of squared
one-step errors, found by _ts_exp.ado's own bisection (same steps, so the same answer).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


def moving_average(x: np.ndarray, weights: dict[int, float]) -> np.ndarray:
    """Weighted mean of x[t + offset] over the offsets whose term is present (NaN: none)."""
    n = x.size
    num = np.zeros(n)
    den = np.zeros(n)
    seen = np.zeros(n, bool)
    for offset, w in weights.items():
        shifted = np.full(n, np.nan)
        if offset >= 0:
            shifted[: n - offset] = x[offset:] if offset else x
        else:
            shifted[-offset:] = x[: n + offset]
        ok = ~np.isnan(shifted)
        num[ok] += w * shifted[ok]
        den[ok] += w
        seen |= ok
    out = np.full(n, np.nan)
    good = seen & (den != 0)
    out[good] = num[good] / den[good]
    return out


@dataclass(frozen=True)
class ExponentialFit:
    smoothed: np.ndarray   # S on the grid (plus forecast slots)
    alpha: float
    s0: float
    n: int                 # squared errors summed
    rss: float
    rmse: float
    n_pre: int | None      # observations averaged for s0 (None when s0() was given)


def _float32(v: float) -> float:
    return float(np.float32(v))


def exponential_path(x: np.ndarray, excluded: np.ndarray, a: float, s0: float, *, single: bool = False) -> np.ndarray:
    """S on the grid, starting at the first non-missing x; ``single`` stores each S as a float
    (the new variable is float and the recursion reads it back through L.)."""
    n = x.size
    out = np.full(n, np.nan)
    present = np.flatnonzero(~np.isnan(x))
    if not present.size:
        return out
    first = int(present[0])
    out[first] = _float32(s0) if single else s0
    for k in range(first + 1, n):
        if excluded[k]:
            continue  # stays missing, and so does every later slot
        prev = out[k - 1]
        value = a * x[k - 1] + (1 - a) * prev if not np.isnan(x[k - 1]) else prev
        out[k] = _float32(value) if single and not np.isnan(value) else value
    return out


def start_value(x: np.ndarray, samp0: int | None) -> tuple[float, int]:
    """(s0, N_pre): the mean of the first samp0 non-missing values; samp0 defaults to half the
    slots from the first non-missing value to the last one."""
    present = np.flatnonzero(~np.isnan(x))
    if samp0 is None:
        samp0 = int(0.5 * (present[-1] - present[0] + 1))
    if samp0 < 1:  # _ts_exp.ado's regress on no observation
        raise StataError("no observations", 2000)
    return float(np.mean(x[present[:samp0]])), samp0


def _errors(x: np.ndarray, path: np.ndarray, rows: np.ndarray) -> tuple[int, float, float]:
    e = (x - path)[rows]
    e = e[~np.isnan(e)]
    if not e.size:
        return 0, float("nan"), float("nan")
    return int(e.size), float(np.sum(e * e)), float(np.sqrt(np.mean(e * e)))


def exponential_smooth(x: np.ndarray, excluded: np.ndarray, *, alpha: float | None, s0: float | None,
                       samp0: int | None, forecast: int, single: bool) -> ExponentialFit:
    """One series on its grid; ``alpha`` None: the SSE-minimising coefficient."""
    n_pre = None
    if s0 is None:
        s0, n_pre = start_value(x, samp0)
    rows = ~excluded

    def fit(a: float, store_single: bool):
        path = exponential_path(x, excluded, a, s0, single=store_single)
        return path, _errors(x, path, rows)

    if alpha is None:
        alpha, rss = _bisection(lambda a: fit(a, False)[1][1])
        path, (n, _, rmse) = fit(alpha, False)
        if samp0 is None:
            n_pre = None  # _ts_exp.ado returns r(N_pre) on this path only when samp0() was typed
    else:
        path, (n, rss, rmse) = fit(alpha, single)
    if forecast:
        last = int(np.flatnonzero(~np.isnan(x))[-1])
        value = alpha * x[last] + (1 - alpha) * path[last]
        if single:
            value = _float32(value)
        extra = last + 1 + forecast - path.size
        if extra > 0:
            path = np.concatenate([path, np.full(extra, np.nan)])
        path[last + 1: last + 1 + forecast] = value
    return ExponentialFit(path, alpha, s0, n, rss, rmse, n_pre)


def _bisection(rss) -> tuple[float, float]:
    """_ts_exp.ado's search on (0, 1): halve both sides of the middle point until the bracket is
    narrower than 1e-4; returns (coefficient, its sum of squares)."""
    x_left, x_mid, x_right = 0.0001, 0.5, 0.9999
    y_mid = _missing_high(rss(x_mid))
    while abs(x_right - x_left) > 1e-4:
        for rightwards in (True, False):  # the half above the middle point, then the one below
            trial = 0.5 * (x_mid + (x_right if rightwards else x_left))
            y = _missing_high(rss(trial))
            if y_mid < y:
                x_right, x_left = (trial, x_left) if rightwards else (x_right, trial)
            elif rightwards:
                x_left, x_mid, y_mid = x_mid, trial, y
            else:
                x_right, x_mid, y_mid = x_mid, trial, y
    return x_mid, y_mid


def _missing_high(value: float) -> float:
    """Stata orders a missing sum of squares above every number."""
    return float("inf") if np.isnan(value) else value


@dataclass(frozen=True)
class DoubleExponentialFit:
    smoothed: np.ndarray   # S2 on the grid, or the one-step forecasts (forecast() typed)
    alpha: float
    s1_0: float
    s2_0: float
    constant: float        # level at the last value: 2 S1 - S2
    linear: float          # slope at the last value: a/(1-a) (S1 - S2)
    n: int
    rss: float
    rmse: float
    n_pre: int | None


def _double_path(x: np.ndarray, excluded: np.ndarray, a: float, s1_0: float, s2_0: float):
    """(S1, S2, one-step forecasts F) of _ts_dexp.ado; a missing x is replaced by its forecast."""
    n = x.size
    s1, s2, f = (np.full(n, np.nan) for _ in range(3))
    first = int(np.flatnonzero(~np.isnan(x))[0])
    ratio = a / (1 - a)
    s1[first] = a * x[first] + (1 - a) * s1_0
    s2[first] = a * s1[first] + (1 - a) * s2_0
    f[first] = (2 + ratio) * s1_0 - (1 + ratio) * s2_0
    for k in range(first + 1, n):
        if excluded[k]:
            continue
        p1, p2 = s1[k - 1], s2[k - 1]
        value = x[k] if not np.isnan(x[k]) else 2 * p1 - p2 + ratio * (p1 - p2)
        s1[k] = a * value + (1 - a) * p1
        s2[k] = a * s1[k] + (1 - a) * p2
        f[k] = (2 + ratio) * p1 - (1 + ratio) * p2
    return s1, s2, f


def double_start(x: np.ndarray, a: float, samp0: int | None) -> tuple[float, float, int]:
    """(S1_0, S2_0, N_pre): the regression of the first samp0 values on their running count 1, 2, ...
    (samp0 default: half the slots from the first to the last value)."""
    present = np.flatnonzero(~np.isnan(x))
    if samp0 is None:
        samp0 = int(0.5 * (present[-1] - present[0] + 1))
    rows = present[:samp0]
    _check_regression_rows(rows.size)
    j = rows - present[0] + 1.0  # j counts the sample's slots
    slope, intercept = np.polyfit(j, x[rows], 1)
    ratio = (1 - a) / a
    return float(intercept - ratio * slope), float(intercept - 2 * ratio * slope), samp0


def double_exponential_smooth(x: np.ndarray, excluded: np.ndarray, *, alpha: float | None,
                              s0: tuple[float, float] | None, samp0: int | None, forecast: int,
                              single: bool) -> DoubleExponentialFit:
    """One series on its grid; ``alpha`` None: _ts_dexp.ado's bisection on the forecasts' SSE."""
    rows = ~excluded

    def fit(a: float, forecasts: bool):
        s1_0, s2_0, n_pre = (*s0, None) if s0 is not None else double_start(x, a, samp0)
        s1, s2, f = _double_path(x, excluded, a, s1_0, s2_0)
        path = f if forecasts else s2
        if single:
            path = np.where(np.isnan(path), path, path.astype(np.float32).astype(float))
        return (s1, s2, path, s1_0, s2_0, n_pre), _errors(x, path, rows)

    optimal = alpha is None
    if optimal:
        alpha, _ = _bisection(lambda a: fit(a, True)[1][1])
    (s1, s2, path, s1_0, s2_0, n_pre), (n, rss, rmse) = fit(alpha, forecast > 0)
    if optimal and samp0 is None:
        n_pre = None  # returned on this path only when samp0() was typed
    last = int(np.flatnonzero(~np.isnan(x))[-1])
    ratio = alpha / (1 - alpha)
    constant, linear = 2 * s1[last] - s2[last], ratio * (s1[last] - s2[last])
    if forecast:
        extra = last + 1 + forecast - path.size
        if extra > 0:
            path = np.concatenate([path, np.full(extra, np.nan)])
        path[last + 1: last + 1 + forecast] = constant + linear * np.arange(1, forecast + 1)
    return DoubleExponentialFit(path, alpha, s1_0, s2_0, constant, linear, n, rss, rmse, n_pre)


@dataclass(frozen=True)
class HoltWintersFit:
    smoothed: np.ndarray   # one-step predictions a(t-1) + b(t-1) up to the last value, then forecasts
    alpha: float
    beta: float
    a0: float
    b0: float
    constant: float        # a at the last value
    linear: float          # b at the last value
    n: int
    rss: float
    rmse: float
    n_pre: int | None


def holt_start(x: np.ndarray, samp0: int | None, diff: bool) -> tuple[float, float, int]:
    """(a0, b0, N_pre) of _ts_hw.ado: the regression of the first samp0 values on their count
    (diff: b0 the mean of the first samp0 first differences, a0 the first value minus b0)."""
    present = np.flatnonzero(~np.isnan(x))
    first = int(present[0])
    if samp0 is None:
        samp0 = int(0.5 * (present[-1] - first + 1))
    if diff:
        d = x[1:] - x[:-1]
        d = d[first:]  # D.x from the slot after the first value
        d = d[~np.isnan(d)][:samp0]
        if not d.size:
            raise StataError("no observations", 2000)
        b0 = float(np.mean(d))
        return float(x[first] - b0), b0, samp0
    rows = present[:samp0]
    _check_regression_rows(rows.size)
    slope, intercept = np.polyfit(rows - first + 1.0, x[rows], 1)
    return float(intercept), float(slope), samp0


def holt_winters(x: np.ndarray, excluded: np.ndarray, *, alpha: float, beta: float, a0: float, b0: float,
                 forecast: int, single: bool, n_pre: int | None) -> HoltWintersFit:
    """_hw_comp.ado's recursion from the first to the last value (a missing x: its prediction)."""
    present = np.flatnonzero(~np.isnan(x))
    first, last = int(present[0]), int(present[-1])
    size = max(x.size, last + 1 + forecast)
    pred = np.full(size, np.nan)
    a = alpha * x[first] + (1 - alpha) * (a0 + b0)
    b = beta * (a - a0) + (1 - beta) * b0
    pred[first] = a0 + b0
    broken = False
    for k in range(first + 1, last + 1):
        broken = broken or bool(excluded[k])
        if broken:
            a = b = float("nan")
            continue
        pred[k] = a + b
        new_a = alpha * x[k] + (1 - alpha) * (a + b) if not np.isnan(x[k]) else a + b
        b = beta * (new_a - a) + (1 - beta) * b
        a = new_a
    pred[last + 1: last + 1 + forecast] = a + b * np.arange(1, forecast + 1)
    if single:
        pred = np.where(np.isnan(pred), pred, pred.astype(np.float32).astype(float))
    n, rss, rmse = _errors(np.concatenate([x, np.full(size - x.size, np.nan)]), pred,
                           np.concatenate([~excluded, np.zeros(size - x.size, bool)]))
    return HoltWintersFit(pred, alpha, beta, a0, b0, a, b, n, rss, rmse, n_pre)


def _check_regression_rows(n: int) -> None:
    """The start-value regression on time needs two observations (regress's errors)."""
    if n == 0:
        raise StataError("no observations", 2000)
    if n == 1:
        raise StataError("insufficient observations", 2001)
