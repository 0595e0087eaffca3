"""streg's maximum likelihood: a distribution of ``parametric_distributions`` with one design
matrix an equation (the _t equation, then the ancillary ones; ancillary() and strata() give
those covariates), an offset on the _t equation, weights, and (_t0, _t] records.

Derivatives: the log likelihood of a record depends on the parameters only through its m
equations' linear predictors (m <= 3), so its gradient and Hessian in those predictors are
taken by fourth-order central differences (step 1e-3 on the predictors' log scale:
truncation and rounding errors ~1e-9 relative), and chained to the coefficients, X_e' diag(w h_ef) X_f, as ml's d2
evaluators do analytically.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

STEP = 1e-3


@dataclass
class StregData:
    t0: np.ndarray
    t: np.ndarray
    d: np.ndarray
    w: np.ndarray
    designs: list                        # one n x k_e matrix an equation
    distribution: str
    aft: bool
    offset: np.ndarray | None = None
    lt: np.ndarray = field(init=False)
    lt0: np.ndarray = field(init=False)

    def __post_init__(self):
        self.lt = np.log(self.t)
        self.entered = self.t0 > 0
        self.all_entered = bool(self.entered.all())
        self.lt0 = np.log(np.where(self.entered, self.t0, 1.0))
        # designs that are the constant alone: their predictor is the coefficient itself (1 x b = b
        # exactly, without a matrix product an evaluation)
        self.constant_only = [X.shape[1] == 1 and bool(np.all(X == 1.0)) for X in self.designs]

    @property
    def sizes(self):
        return [X.shape[1] for X in self.designs]


def predictors(theta, data: StregData):
    out, at = [], 0
    for X, constant in zip(data.designs, data.constant_only):
        out.append(np.full(X.shape[0], float(theta[at])) if constant else X @ theta[at:at + X.shape[1]])
        at += X.shape[1]
    if data.offset is not None:
        out[0] = out[0] + data.offset
    return out


def record_loglik(eqs, data: StregData) -> np.ndarray:
    """Each record's contribution (unweighted), module docstring of parametric_distributions."""
    dist = DISTRIBUTIONS[data.distribution]
    fail = data.d > 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        ld = dist.log_density(data.lt, data.t, eqs, data.aft)
        ls = dist.log_survivor(data.lt, data.t, eqs, data.aft)
        out = np.where(fail, ld, ls)
        if data.entered.any():
            ls0 = dist.log_survivor(data.lt0, data.t0, eqs, data.aft)
            out = out - np.where(data.entered, ls0, 0.0)
    return out


def loglik(theta, data: StregData) -> float:
    value = float(data.w @ record_loglik(predictors(theta, data), data))
    return value if np.isfinite(value) else -np.inf


def predictor_derivatives(theta, data: StregData):
    """(g, h): each record's gradient (n x m) and Hessian (n x m x m) in its m linear predictors,
    by fourth-order central differences (the cross terms Richardson-extrapolated).  All the
    shifted predictors are evaluated in one pass, a row each (the distributions are elementwise:
    the values are those of one pass a shift, without the per-pass overhead of Newton's
    16,000 iterations when a fit cannot converge).  A predictor's step is a number or, where
    the distribution scales it by record (``Distribution.record_steps``), one a record."""
    eqs = predictors(theta, data)
    m = len(eqs)
    steps = DISTRIBUTIONS[data.distribution].record_steps(STEP, data.t, eqs, data.aft)
    U, single, cross = _shift_table(m)
    rows = record_loglik([e[None, :] + U[:, [j]] * steps[j] for j, e in enumerate(eqs)], data)
    f0 = rows[0]
    g = np.empty((len(f0), m))
    H = np.empty((len(f0), m, m))
    for a in range(m):
        h = steps[a]
        p1, m1, p2, m2 = (rows[r] for r in single[a])
        g[:, a] = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h)
        H[:, a, a] = (-p2 + 16 * p1 - 30 * f0 + 16 * m1 - m2) / (12 * h * h)
        for b in range(a):
            def crossed(scale):
                ha, hb = scale * steps[a], scale * steps[b]
                pp, pm, mp, mm = (rows[r] for r in cross[a, b, scale])
                return (pp - pm - mp + mm) / (4 * ha * hb)
            H[:, a, b] = H[:, b, a] = (4 * crossed(1) - crossed(2)) / 3
    return g, H


@functools.lru_cache(maxsize=8)
def _shift_table(m: int):
    """(U, single, cross) for the differences of m predictors: U's rows the predictors' shifts in
    units of their steps (row 0 none; then +-1, +-2 of each; then the crosses +-1 +-1 at scales
    1 and 2), single[a] and cross[a, b, scale] their rows (built once: the same for every
    iteration; the multiples are powers of two, so U times a step is c * step exactly)."""
    shifts = [np.zeros(m)]

    def shift(**by):
        row = np.zeros(m)
        for a, v in by.items():
            row[int(a[1:])] = v
        shifts.append(row)
        return len(shifts) - 1

    single = {a: [shift(**{f"s{a}": c}) for c in (1, -1, 2, -2)] for a in range(m)}
    cross = {(a, b, scale): [shift(**{f"s{a}": sa * scale, f"s{b}": sb * scale})
                             for sa, sb in ((1, 1), (1, -1), (-1, 1), (-1, -1))]
             for a in range(m) for b in range(a) for scale in (1, 2)}
    U = np.array(shifts)
    U.setflags(write=False)
    return U, single, cross


def scores(theta, data: StregData) -> np.ndarray:
    """Each record's score in the coefficients (n x K, unweighted)."""
    with np.errstate(invalid="ignore", over="ignore"):  # a diverging fit (one record): inf - inf, as gradient_hessian
        g, _ = predictor_derivatives(theta, data)
    return np.hstack([X * g[:, [e]] for e, X in enumerate(data.designs)])


def gradient_hessian(theta, data: StregData):
    with np.errstate(invalid="ignore", over="ignore"):  # a diverging fit (one record): inf - inf
        g, H = predictor_derivatives(theta, data)
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
        from mlmcli.errors import derivatives_missing  # ml's r(430)

        raise derivatives_missing()
    w = data.w
    grad = np.concatenate([X.T @ (w * g[:, e]) for e, X in enumerate(data.designs)])
    at = np.cumsum([0] + data.sizes)
    hess = np.empty((at[-1], at[-1]))  # np.block's layout, filled in place
    for a, Xa in enumerate(data.designs):
        for b, Xb in enumerate(data.designs):
            hess[at[a]:at[a + 1], at[b]:at[b + 1]] = Xa.T @ (Xb * (w * H[:, a, b])[:, None])
    return grad, hess


def start_values(data: StregData) -> np.ndarray:
    """Zero slopes, the constants of ``Distribution.start`` (on each equation's last column
    when it is the constant)."""
    dist = DISTRIBUTIONS[data.distribution]
    rate = float((data.w * data.d).sum() / (data.w * (data.t - data.t0)).sum())
    return constants_start(data, dist.start(rate, float(np.average(data.lt, weights=data.w)), data.aft))


def constants_start(data: StregData, consts) -> np.ndarray:
    """Zero slopes and ``consts`` (one an equation) on each equation's last column when it is
    the constant."""
    theta = []
    for X, c in zip(data.designs, consts):
        part = np.zeros(X.shape[1])
        if X.shape[1] and np.allclose(X[:, -1], 1.0):
            part[-1] = c
        theta.append(part)
    return np.concatenate(theta)


def standardizer(X: np.ndarray) -> np.ndarray:
    """M with X M's non-constant columns centred (when the last column is the constant) and
    scaled to unit spread: Newton's steps are the same in either parameterisation, but the
    differenced derivatives stay accurate in the coefficients of the well-conditioned one."""
    k = X.shape[1]
    M = np.eye(k)
    has_const = k > 0 and np.all(X[:, -1] == 1.0)
    for j in range(k - 1 if has_const else k):
        mean = X[:, j].mean() if has_const else 0.0
        dev = X[:, j] - mean
        top = float(np.max(np.abs(dev), initial=0.0))
        if top < 1e150:
            spread = np.sqrt(np.mean(dev ** 2))
        else:  # near 1e300 (c.huge#c.x): over its largest, no square past the double range
            spread = top * np.sqrt(np.mean((dev / top) ** 2)) if np.isfinite(top) else 0.0
        if spread > 0:
            M[j, j] = 1.0 / spread
            if has_const:
                M[k - 1, j] = -mean / spread
    return M


def _via_time_form(data: StregData) -> bool:
    """A proportional-hazards exponential or Weibull fit without offset or ancillary covariates
    is the AFT fit re-expressed (b_ph = -p b_aft): fitted so, as the AFT form is the better
    conditioned one (ln t - xb is centred; in the PH form the constant and ln_p are nearly
    collinear and the optimum's last digits are lost)."""
    return (data.distribution in ("exponential", "weibull") and not data.aft and data.offset is None
            and all(X.shape[1] == 1 and np.all(X == 1.0) for X in data.designs[1:]))


def fit(data: StregData, theta0=None, constraints=None, **control):
    """(result, V) of the ML fit (``_fit``); PH exponential/Weibull through the AFT form, the
    variance by the delta method (exact at the optimum, where the gradient is zero).
    ``constraints``: (R, r), R theta = r imposed as ml does (``_fit_constrained``)."""
    if constraints is not None:
        return _fit_constrained(data, theta0, *constraints, **control)
    if not _via_time_form(data):
        return _fit(data, theta0, **control)
    k = data.designs[0].shape[1]
    aft = StregData(data.t0, data.t, data.d, data.w, data.designs, data.distribution, True, None)
    if theta0 is not None:
        theta0 = np.asarray(theta0, float).copy()
        theta0[:k] = -theta0[:k] / (np.exp(theta0[k]) if len(theta0) > k else 1.0)
    res, V = _fit(aft, theta0, **control)
    b = res.x[:k]
    p = float(np.exp(res.x[k])) if len(res.x) > k else 1.0
    J = np.eye(len(res.x))
    J[:k, :k] *= -p
    if len(res.x) > k:
        J[:k, k] = -p * b
    res.x = np.r_[-p * b, res.x[k:]]
    return res, J @ V @ J.T


def robust_variance(data: StregData, theta, V, clusters, fweight):
    """V (sum of the clusters' score sums' outer products, times G/(G-1)) V."""
    from mlmcli.robust.cluster_sandwich import cluster_sandwich

    return cluster_sandwich(V, scores(theta, data) * data.w[:, None], clusters, fweight=fweight)


def opg_variance(data: StregData, theta, constraints=None) -> np.ndarray:
    """vce(opg): (sum_i w_i s_i s_i')^-1, s_i the record's score (ml's outer product of the
    gradient, records as streg's lf evaluators see them; the pseudo-inverse when singular);
    under ``constraints`` (R, r) N (N' (sum w s s') N)^-1 N', as ml's constrained V."""
    from mlmcli.glm.inference import ConstraintMap

    S = scores(theta, data)
    return ConstraintMap(S.shape[1], *(constraints or (None, None))).information_inverse((S * data.w[:, None]).T @ S)


def _fit(data: StregData, theta0=None, *, iterate: int = 16000, tolerance: float = 1e-6,
         ltolerance: float = 1e-7, nrtolerance: float = 1e-5, technique=None):
    """Newton-Raphson from ``theta0`` (default ``start_values``): (result, V = (-H)^-1), both in
    the coefficients of ``data.designs`` (fitted on the standardised designs).  ``technique``:
    ml's technique() schedule [(nr|bhhh|dfp|bfgs, #), ...] (``_technique_fit``), None for nr."""
    from scipy.linalg import block_diag

    from mlmcli.glm.newton import NOT_CONCAVE_STALL, maximize

    M = block_diag(*[standardizer(X) for X in data.designs]) if data.designs else np.eye(0)
    scaled = StregData(data.t0, data.t, data.d, data.w, [X @ standardizer(X) for X in data.designs],
                       data.distribution, data.aft, data.offset)
    x0 = start_values(data) if theta0 is None else np.asarray(theta0, float)
    if technique is not None:
        res = _technique_fit(scaled, np.linalg.solve(M, x0), technique, iterate, (tolerance, ltolerance, nrtolerance))
    else:
        res = maximize(lambda th: loglik(th, scaled), lambda th: gradient_hessian(th, scaled),
                       np.linalg.solve(M, x0), iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                       nrtolerance=nrtolerance, stall=NOT_CONCAVE_STALL)  # no maximum (t all equal: scale -> 0)
    _, H = gradient_hessian(res.x, scaled)
    return unscaled(res, H, M)


def _technique_fit(data: StregData, x0, schedule, iterate, tolerances):
    """ml's technique() (``conditional_techniques.maximise_techniques``: bhhh's matrix the
    records' weighted score outer product sum_i w_i s_i s_i', dfp/bfgs quasi-Newton, in turns)
    from x0: a ``NewtonResult`` whose log carries ``(setting|switching technique to t)``."""
    from mlmcli.conditional_techniques import maximise_techniques
    from mlmcli.glm.newton import NewtonResult
    from mlmcli.results.glmm import IterationStep

    def derivatives(_X, _y, _groups, th):
        g, H = gradient_hessian(th, data)
        return loglik(th, data), g, H

    def outer_product(_X, _y, _groups, th):
        S = scores(th, data)
        return (S * data.w[:, None]).T @ S

    b, ll, _, log, converged = maximise_techniques(derivatives, outer_product, np.empty((0, len(x0))), None, None,
                                                   schedule, max_iter=iterate, start=x0, tolerances=tolerances)
    steps = [IterationStep(i, v, note, before[0] if before else "") for i, (v, note, *before) in enumerate(log)]
    return NewtonResult(np.asarray(b, float), ll, converged, steps, limit_reached=not converged and len(log) > iterate)


def _fit_constrained(data: StregData, theta0, R, r, **control):
    """ml's constrained maximisation (``glm.inference.constrained_maximize``) from ``theta0``
    (default ``start_values``) on the designs as they are."""
    from mlmcli.glm.inference import constrained_maximize

    x0 = start_values(data) if theta0 is None else np.asarray(theta0, float)
    return constrained_maximize(lambda th: loglik(th, data), lambda th: gradient_hessian(th, data), x0, R, r,
                                **control)


def unscaled(res, H, M):
    """(res with x = M x_scaled, V = M (-H)^-1 M'): a fit on standardised designs (x = M x_scaled)
    back in the original parameters (the pseudo-inverse when -H is singular)."""
    from mlmcli.glm.newton import inverse_information

    Vs = inverse_information(H, pseudo_inverse=True)
    res.x = M @ res.x
    return res, M @ Vs @ M.T
