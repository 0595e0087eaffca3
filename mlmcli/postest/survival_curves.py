"""stcurve's curves (Stata 13's _stcurv.ado): survivor, cumulative hazard or hazard of the
last stcox or streg fit, the cumulative incidence or cumulative subhazard of the last stcrreg fit with the covariates at their means over e(sample) (weighted by the
stset weights), those named in at() at the values given.

After stcox the curves are the Breslow baseline of predict basesurv/basechazard/basehc
(predict_stcox.cox_baseline, passed in by the command) at each e(sample) record's _t:
S0(t)^exp(xb), H0(t) exp(xb); the hazard is the kernel smooth of the contributions
1 - (1 - basehc)^exp(xb) at 101 equally spaced points from the first to the last failure time
(restricted to [L + h, R - h] against the boundary bias, CoxPlot's default; with the kernels
epan2, biweight and rectangle the points within h of L or R take Mueller and Wang's (1994)
boundary kernels instead).  After stcrreg: CrrPlot's 1 - exp(-H0(t) exp(xb)) and H0(t) exp(xb)
from the Fine-Gray baseline cumulative subhazard (predict's basecshazard).  After streg they
are the fitted distribution's S, -ln S and h (StregModel, streg's predict) at 101 equally spaced
times over range() or [min _t, max _t] of e(sample).  Engines never print.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mlmcli.errors import StataError

LABELS = {"survival": "Survival", "cumhaz": "Cumulative Hazard", "hazard": "Hazard function",
          "cif": "Cumulative Incidence"}
SMOOTHED = "Smoothed hazard function"
SUBHAZARD = "Cumulative Subhazard"  # CrrPlot's label of cumhaz after stcrreg
# the kernels CoxPlot corrects at the boundaries (Mata's _sts_bndkdensity); the others are cut
BOUNDARY_KERNELS = ("epan2", "biweight", "rectangle")
# _stcurv's r(bb): the graph's title by e(cmd) (the *het frailty variants share their model's)
TITLES = {"cox": "Cox proportional hazards regression", "stcox_fr": "Cox proportional hazards regression",
          "ereg": "Exponential regression", "weibull": "Weibull regression", "lnormal": "Lognormal regression",
          "llogistic": "Loglogistic regression", "gompertz": "Gompertz regression",
          "gamma": "Generalized gamma regression", "stcrreg": "Competing-risks regression"}


@dataclass(frozen=True)
class Curve:
    t: np.ndarray
    y: np.ndarray
    label: str  # the variable label: the at() text as typed, else the statistic's label


def parse_at(session, e, text: str) -> dict:
    """``varname=# [varname=# ...]`` (commas allowed between): {variable: value}, checked as
    _stcurv's CheckVar does (confirm var, confirm number, in the model, a factor's level seen)."""
    words = text.replace(",", " ").replace("=", " = ").split()
    data, at = session.data, {}
    model_vars, factor_vars = _model_variables(e)
    while words:
        if len(words) < 3 or words[1] != "=":
            raise StataError("invalid syntax", 198)
        name, value = data.resolve(words[0]), words[2]
        try:
            number = float(value)
        except ValueError:
            raise StataError(f"'{value}' found where number expected", 7) from None
        if name not in model_vars:
            raise StataError(f"at() variable {name} not in the estimated model", 198)
        if name in factor_vars and not np.any(data.numeric(name) == number):
            raise StataError(f"{value} is not a valid level for factor {name}", 198)
        at[name] = number
        words = words[3:]
    return at


def _model_variables(e) -> tuple[set, set]:
    recipes = e.design.recipes
    factors = {v for r in recipes for v, _ in r.indicators}
    return factors | {v for r in recipes for v in r.continuous}, factors


def _weights(data, sample) -> np.ndarray:
    wvar = data.chars.get("st_wv", "") if data.chars.get("st_wt", "") else ""
    return data.numeric(wvar)[sample] if wvar else np.ones(int(sample.sum()))


def covariate_means(session, e, sample, at: dict) -> np.ndarray:
    """The first equation's columns at their (weighted) means over e(sample); a column that
    involves an at() variable is evaluated with it set (its mean then: c.x#c.z at x = # is
    # times the mean of z, as _stcurv sets z to its mean)."""
    data, design = session.data, e.design
    X = np.asarray(design.columns(data), float)[sample]
    if at:
        frame = data.df.copy()
        for name, value in at.items():
            frame[name] = value
        X_at = np.asarray(design.columns(replace(data, df=frame)), float)[sample]
        changed = np.any(~np.isclose(X_at, X, equal_nan=True), axis=0)
        X[:, changed] = X_at[:, changed]
    return np.average(X, axis=0, weights=_weights(data, sample))


def sample_of(session, e) -> np.ndarray:
    sample = e.sample_mask(session.data)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    return sample


def cox_curve(session, e, baseline, statistic: str, at: dict, label: str, begin=None, end=None,
              kernel_name: str = "epanechnikov", width: float | None = None, boundary: bool = True,
              *, left_boundary: float | None = None) -> Curve:
    sample, base = baseline  # (e(sample), predict's basesurv|basechazard|basehc on it)
    xb = float(covariate_means(session, e, sample, at) @ e.model.b[:len(e.design.recipes)])
    t = session.data.numeric("_t")[sample]
    if statistic != "hazard":
        keep = np.ones(len(t), bool)
        if begin is not None:
            keep &= (t >= begin) & (t <= end)
        y = base * np.exp(xb) if statistic == "cumhaz" else base ** np.exp(xb)
        order = np.argsort(t[keep], kind="stable")
        return Curve(t[keep][order], y[keep][order], label)
    return smoothed_hazard(t, base, xb, label, begin, end, kernel_name, width, boundary,
                            left_boundary=left_boundary)


def crr_curve(session, e, statistic: str, at: dict, label: str, begin=None, end=None) -> Curve:
    """CrrPlot: at each e(sample) record's _t, H0(t) exp(xb) (cumhaz) or 1 - exp(-H0(t) exp(xb))
    (cif), H0 the baseline cumulative subhazard (predict basecshazard), range() keeping the
    records in it."""
    sample = sample_of(session, e)
    xbar = covariate_means(session, e, sample, at)
    xb = float(xbar @ e.model.b[:len(xbar)])
    t = session.data.numeric("_t")[sample]
    H = e.model.baseline_at(t) * np.exp(xb)
    y = H if statistic == "cumhaz" else 1.0 - np.exp(-H)
    keep = ~np.isnan(t)
    if begin is not None:
        keep &= (t >= begin) & (t <= end)
    order = np.argsort(t[keep], kind="stable")
    return Curve(t[keep][order], y[keep][order], label)


def smoothed_hazard(t, base, xb, label, begin, end, kernel_name, width, boundary, *,
                     left_boundary: float | None = None) -> Curve:
    """CoxPlot: one contribution per distinct failure time, kdensity t [iw = 1 - (1 - basehc)^exp(xb)]
    at 101 points; the smooth is sum_j K((a - t_j)/h) c_j / h (iweights: not rescaled).
    ``left_boundary`` (leftboundary(#), undocumented): L, and the grid's start without range()."""
    from mlmcli.graphs.smoothers import kernel, silverman_bandwidth

    failed = ~np.isnan(base)
    times, first = np.unique(t[failed], return_index=True)
    contrib = 1 - (1 - base[failed][first]) ** np.exp(xb)
    L = float(times.min()) if left_boundary is None else float(left_boundary)
    R = float(times.max())
    lo = begin if begin is not None else L
    hi = end if end is not None else R
    grid = lo + (hi - lo) * np.arange(101) / 100
    h = float(width) if width is not None else silverman_bandwidth(times, contrib, "iweight")
    y = kernel(kernel_name, (grid[:, None] - times[None, :]) / h) @ contrib / h
    keep = np.ones(101, bool)
    if boundary:
        if L + h >= R - h:
            raise StataError("left and right boundary regions overlap;\nspecify a smaller bandwidth in width()", 198)
        near = (grid < L + h) | (grid > R - h)
        if kernel_name in BOUNDARY_KERNELS:
            y[near] = boundary_smooth(grid[near], times, contrib, h, L, R, kernel_name)
        else:
            keep = ~near
    return Curve(grid[keep], np.maximum(y[keep], 0.0), label)


def left_boundary_option(text) -> float | None:
    """leftboundary(#) (undocumented; stcurve's CoxPlot and sts's Graph_wrk: LEFTBOUNDARY(real -1),
    -1 none): the hazard's left boundary L, or None."""
    if text is None or text is False:
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("option leftboundary() incorrectly specified", 198) from None
    return None if value == -1 else value


def boundary_smooth(points, times, weights, h: float, L: float, R: float, kernel_name: str) -> np.ndarray:
    """sum_j K_q((x - t_j)/h) w_j / h at points x within h of L (q = (x - L)/h, the kernel's
    support [-1, q]) or of R (q = (R - x)/h, the mirror image), K_q Mueller and Wang's boundary
    kernel of ``kernel_name``; q is held in [0, 1] (a point outside [L, R] takes q = 0)."""
    points = np.asarray(points, float)
    left = points < (L + R) / 2
    q = np.clip(np.where(left, points - L, R - points) / h, 0.0, 1.0)
    u = (points[:, None] - np.asarray(times, float)[None, :]) / h
    u = np.where(left[:, None], u, -u)  # the right boundary's kernel is the left's mirror image
    return boundary_kernel(kernel_name, u, q[:, None]) @ np.asarray(weights, float) / h


def boundary_kernel(name: str, u, q) -> np.ndarray:
    """Mueller and Wang's (1994, table 1) left boundary kernels K_q(u) on -1 <= u <= q, 0 <= q <= 1:
    the polynomials of least degree with int K_q = 1 and int u K_q = 0 that are the interior kernel
    at q = 1 (rectangle 1/2, epan2 3/4 (1 - u^2), biweight 15/16 (1 - u^2)^2)."""
    u, q = np.asarray(u, float), np.asarray(q, float)
    if name == "rectangle":
        k = (4 * (1 - q + q * q) + 6 * (1 - q) * u) / (1 + q) ** 3
    elif name == "epan2":
        k = 12 * (u + 1) * ((1 - 2 * q) * u + (3 * q * q - 2 * q + 1) / 2) / (1 + q) ** 4
    elif name == "biweight":
        k = (15 * (1 + u) ** 2 * (q - u) / (1 + q) ** 5
             * (2 * u * (5 * (1 - q) / (1 + q) - 1) + 3 * q - 1 + 5 * (1 - q) ** 2 / (1 + q)))
    else:
        raise ValueError(name)
    return np.where((u >= -1) & (u <= q), k, 0.0)


def curve_times(session, e, begin=None, end=None):
    """(e(sample), the 101 times of a parametric curve: range() or the smallest to the largest _t)."""
    sample = sample_of(session, e)
    if begin is None:
        t_obs = session.data.numeric("_t")[sample]
        begin, end = float(t_obs.min()), float(t_obs.max())
    return sample, begin + (end - begin) * np.arange(101) / 100


def streg_curve(session, e, statistic: str, at: dict, label: str, begin=None, end=None,
                unconditional: bool | None = None) -> Curve:
    model = e.model
    sample, t = curve_times(session, e, begin, end)
    xbar = covariate_means(session, e, sample, at)
    k = len(xbar)
    eqs = [np.full(len(t), float(xbar @ model.theta[:k]))]
    eqs += [np.full(len(t), float(model.theta[k + j])) for j in range(len(model.designs) - 1)]
    saved = model.unconditional
    try:
        if unconditional is not None:
            model.unconditional = unconditional
        with np.errstate(all="ignore"):
            if statistic == "hazard":
                y = np.exp(model.log_hazard(t, eqs))
            else:
                ls = model.log_survivor(t, eqs)
                y = np.exp(ls) if statistic == "survival" else -ls
    finally:
        model.unconditional = saved
    return Curve(t, y, label)


def at_label(text: str) -> str:
    """The legend's text: the at() contents as typed (label var `prim' "`at`i''")."""
    return text.strip()
