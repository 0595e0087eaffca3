"""Censored and interval-censored normal regression by maximum likelihood: the numbers behind
``tobit``, ``intreg`` and ``cnreg`` ([R] tobit, [R] intreg).

    y*_i = x_i b + offset_i + e_i,   e_i ~ N(0, sigma^2)

Each observation is known to lie in [lo_i, hi_i]: a point (lo = hi = y), left-censored
(lo = -inf: y* <= hi), right-censored (hi = +inf: y* >= lo) or an interval (lo < hi, both
finite).  Its log likelihood is ln phi((y - x b)/sigma) - ln sigma for a point and
ln(Phi((hi - x b)/sigma) - Phi((lo - x b)/sigma)) otherwise.

Maximised, as intreg.ado does (``intrg_ll``), in the metric theta = (gamma, delta) = (b/sigma,
1/sigma), where every standardised bound delta*limit - x gamma is linear in theta and the log
likelihood is concave (Olsen 1978), by Newton-Raphson (``glm.newton``) with the analytic
gradient and Hessian; then (b, ln sigma) = (gamma/delta, -ln delta) with the covariance
J V_theta J' (the delta method, exact for the inverse information at the optimum), or the
sandwich (robust, cluster) built from the scores in the same way.  The constant-only model
gives ll_0 (the LR test and tobit's pseudo R2).  tobit's xttobit cousin
(``panel.tobit_random_effects``) integrates a random intercept over the same terms.
The engine never prints.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from .glm.censored_gaussian import log_interval_probability
from .glm.newton import NewtonResult, inverse_information, maximize

LOG_2PI = float(np.log(2 * np.pi))
POINT, LEFT, RIGHT, INTERVAL = 0, 1, 2, 3


@dataclass
class CensoredData:
    """The estimation sample: the bounds (lo = -inf, hi = +inf for an open side; lo = hi for
    a point), X (estimable columns), the offset, the weights (ones unless weighted: fweights and
    iweights as they are, aweights scaled to sum to n, pweights as iweights)."""

    lo: np.ndarray
    hi: np.ndarray
    X: np.ndarray
    offset: np.ndarray
    w: np.ndarray

    def kinds(self) -> np.ndarray:
        lo_open, hi_open = ~np.isfinite(self.lo), ~np.isfinite(self.hi)
        return np.where(lo_open, LEFT, np.where(hi_open, RIGHT, np.where(self.lo == self.hi, POINT, INTERVAL)))

    def counts(self, frequency: bool = False) -> dict[str, float]:
        """Observations by kind (fweights: summed weights): N_unc, N_lc, N_rc, N_int."""
        kind = self.kinds()
        w = self.w if frequency else np.ones(len(kind))
        return {name: float(w[kind == k].sum()) for name, k in
                (("N_unc", POINT), ("N_lc", LEFT), ("N_rc", RIGHT), ("N_int", INTERVAL))}


def censored_bounds(y: np.ndarray, censor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cnreg's observations as bounds: censor < 0 (-inf, y], 0 [y, y], > 0 [y, inf)."""
    lo = np.where(censor < 0, -np.inf, y)
    hi = np.where(censor > 0, np.inf, y)
    return lo, hi


def _open_zero(v: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(v), v, 0.0)


def censored_log_p(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ln P of the censored observations; 0 at the points, whose every result takes the
    density's branch (ln P of [y, y] is -inf there, and was computed only to be dropped)."""
    log_p = np.zeros(a.shape)
    keep = ~point
    log_p[keep] = log_interval_probability(a[keep], b[keep])
    return log_p


def observation_derivatives(data: CensoredData, theta: np.ndarray):
    """Per observation: ln L_i and its first and second derivatives with respect to the
    index m = x gamma and delta -> (ll, d_m, d_d, h_mm, h_md, h_dd)."""
    p = data.X.shape[1]
    gamma, delta = theta[:p], np.float64(theta[p])  # numpy: a diverging delta overflows to inf, not OverflowError
    m = data.X @ gamma
    lo, hi = data.lo - data.offset, data.hi - data.offset
    kind = data.kinds()
    point = kind == POINT
    lo0, hi0 = _open_zero(lo), _open_zero(hi)
    a = np.where(np.isfinite(lo), delta * lo0 - m, -np.inf)
    b = np.where(np.isfinite(hi), delta * hi0 - m, np.inf)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # ln P, P = Phi(b) - Phi(a), from the tail that keeps its digits
        log_p = censored_log_p(point, a, b)
        log_phi = lambda t: -0.5 * t * t - 0.5 * LOG_2PI  # noqa: E731
        la = np.where(np.isfinite(a), np.exp(log_phi(np.where(np.isfinite(a), a, 0.0)) - log_p), 0.0)
        lb = np.where(np.isfinite(b), np.exp(log_phi(np.where(np.isfinite(b), b, 0.0)) - log_p), 0.0)
        a0, b0 = np.where(np.isfinite(a), a, 0.0), np.where(np.isfinite(b), b, 0.0)
        h_aa, h_bb, h_ab = a0 * la - la * la, -b0 * lb - lb * lb, la * lb
        r = delta * lo0 - m  # the point's standardised residual (lo = hi = y)
        ll = np.where(point, np.log(delta) - 0.5 * LOG_2PI - 0.5 * r * r, log_p)
        d_m = np.where(point, r, la - lb)
        d_d = np.where(point, 1.0 / delta - r * lo0, -la * lo0 + lb * hi0)
        h_mm = np.where(point, -1.0, h_aa + h_bb + 2 * h_ab)
        h_md = np.where(point, lo0, -(lo0 * (h_aa + h_ab) + hi0 * (h_ab + h_bb)))
        h_dd = np.where(point, -1.0 / delta ** 2 - lo0 * lo0, h_aa * lo0 * lo0 + 2 * h_ab * lo0 * hi0 + h_bb * hi0 * hi0)
    return ll, d_m, d_d, h_mm, h_md, h_dd


class CensoredNormalLikelihood:
    """ln L(theta) with its gradient and Hessian in theta = (gamma, delta)."""

    def __init__(self, data: CensoredData):
        self.data = data

    def loglik(self, theta) -> float:
        if not np.isfinite(theta[-1]) or theta[-1] <= 0:
            return -np.inf
        v = float(self.data.w @ observation_derivatives(self.data, np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        """n x (p+1): each observation's gradient (unweighted)."""
        _, d_m, d_d, *_ = observation_derivatives(self.data, np.asarray(theta, float))
        return np.column_stack([self.data.X * d_m[:, None], d_d])

    def grad_hess(self, theta):
        X, w = self.data.X, self.data.w
        _, d_m, d_d, h_mm, h_md, h_dd = observation_derivatives(self.data, np.asarray(theta, float))
        g = np.concatenate([X.T @ (w * d_m), [w @ d_d]])
        p = X.shape[1]
        H = np.empty((p + 1, p + 1))
        H[:p, :p] = X.T @ (X * (w * h_mm)[:, None])
        H[:p, p] = H[p, :p] = X.T @ (w * h_md)
        H[p, p] = w @ h_dd
        return g, H


@dataclass
class CensoredNormalFit:
    """b, ln sigma and their covariance (``V``: (p+1) square, ln sigma last), the log
    likelihoods of the model and of the constant-only model (NaN when not fitted), the
    iteration records of both (Newton on theta)."""

    b: np.ndarray
    lnsigma: float
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    full: NewtonResult
    constant_only: NewtonResult | None
    ll_0: float
    rank: int
    # fitted on shifted columns: (ColumnRescaling, (b', ln sigma), V', Olsen's theta') of that metric
    fitted: tuple | None = None


def start_from_regression(data: CensoredData, shift: float = 0.0) -> np.ndarray:
    """intreg.ado's starting values: regress the midpoints (or the finite bound) on X; theta =
    (b/rmse, 1/rmse) (``shift`` taken off y first: intreg's centring)."""
    z = np.where(np.isfinite(data.lo) & np.isfinite(data.hi), (data.lo + data.hi) / 2,
                 np.where(np.isfinite(data.lo), data.lo, data.hi)) - data.offset - shift
    X, w = data.X, data.w
    sw = np.sqrt(w)
    beta = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)[0]
    resid = z - X @ beta
    df = max(float(w.sum()) - np.linalg.matrix_rank(X), 1.0)
    rmse = float(np.sqrt(max(w @ (resid * resid) / df, 1e-300)))
    return np.concatenate([beta / rmse, [1.0 / rmse]])


def fit_censored_normal(data: CensoredData, **options) -> CensoredNormalFit:
    """The fit.  Regressors past 2^+-128 (near 1e307 or 1e-300) are fitted as X times a power of
    two per column (exact; mlmcli.collinear_columns), b and V scaled back (V missing past the
    largest double), as regress's fit; constraints R b = r become R S b_S = r.  A regressor near
    1e9 with a constant (in the user's units its Newton steps stall, b's SE missing) is fitted on
    shifted columns (``glm.rescaled_fit.shifted_design``), b and V mapped back by T (the Olsen
    metric's (gamma, delta) too: gamma is linear in b for a given sigma)."""
    from .glm.rescaled_fit import mapped_back, shifted_design

    X = np.asarray(data.X, float)
    p = X.shape[1]
    rescaling = None
    if options.get("constraints") is None and options.get("constant_index") == p - 1:
        rescaling = shifted_design(X, True)
    if rescaling is None:
        return _fit_scaled_columns(data, **options)
    fit = _fit_scaled_columns(dataclasses.replace(data, X=rescaling.apply(X)), **options)
    T = rescaling.parameter_map(1)
    params, V = mapped_back(T, np.append(fit.b, fit.lnsigma), fit.V)
    H = fit.full.hessian
    full = dataclasses.replace(fit.full, x=mapped_back(T, fit.full.x),
                               hessian=None if H is None else rescaling.hessian_to_user(H))
    return dataclasses.replace(fit, b=params[:p], V=V, full=full,
                               fitted=(rescaling, np.append(fit.b, fit.lnsigma), fit.V, fit.full.x))


def _fit_scaled_columns(data: CensoredData, **options) -> CensoredNormalFit:
    from mlmcli.collinear_columns import power_of_two_column_scales

    scale = power_of_two_column_scales(data.X)
    if np.all(scale == 1.0):
        return _fit_scaled_bounds(data, **options)
    if options.get("constraints") is not None:
        R = np.atleast_2d(np.asarray(options["constraints"][0], float)).copy()
        R[:, :scale.size] *= scale
        options = {**options, "constraints": (R, options["constraints"][1])}
    fit = _fit_scaled_bounds(CensoredData(data.lo, data.hi, data.X * scale, data.offset, data.w), **options)
    D = np.append(scale, 1.0)
    with np.errstate(over="ignore", invalid="ignore"):
        V = fit.V * D[:, None] * D[None, :]
        b = fit.b * scale
    return dataclasses.replace(fit, b=np.where(np.abs(b) <= 8.988465674311579e307, b, np.nan),
                               V=np.where(np.abs(V) <= 8.988465674311579e307, V, np.nan))


def _fit_scaled_bounds(data: CensoredData, **options) -> CensoredNormalFit:
    """The fit (``_fit_censored_normal``).  Bounds past 2^480 (a depvar near 1e307, whose
    squares pass the largest double) are fitted as bound / 2^j and scaled back: b times 2^j,
    ln sigma plus ln 2^j, V's b rows and columns times 2^j (missing past the largest double),
    ln L (and each iteration's) less sum(w) ln 2^j over the uncensored observations (each one's
    density has a 1/sigma; the probabilities of the censored ones do not change)."""
    bounds = np.concatenate([data.lo, data.hi, data.offset])
    top = float(np.max(np.abs(bounds[np.isfinite(bounds)]), initial=0.0))
    if top <= 2.0 ** 480:
        return _fit_censored_normal(data, **options)
    k = math.ldexp(1.0, min(math.frexp(top)[1], 1023))
    if options.get("constraints") is not None:  # R (b, sigma) = r: b and sigma scale with the bounds
        options = {**options, "constraints": (options["constraints"][0], np.asarray(options["constraints"][1]) / k)}
    fit = _fit_censored_normal(CensoredData(data.lo / k, data.hi / k, data.X, data.offset / k, data.w), **options)
    shift = float(np.sum(data.w[data.kinds() == POINT])) * math.log(k)
    D = np.append(np.full(len(fit.b), k), 1.0)
    with np.errstate(over="ignore", invalid="ignore"):
        V = fit.V * D[:, None] * D[None, :]

    def moved(result):
        if result is None:
            return None
        steps = [dataclasses.replace(step, loglik=step.loglik - shift) for step in result.steps]
        return dataclasses.replace(result, f=result.f - shift, steps=steps)

    return dataclasses.replace(fit, b=fit.b * k, lnsigma=fit.lnsigma + math.log(k),
                               V=np.where(np.abs(V) <= 8.988465674311579e307, V, np.nan),
                               loglik=fit.loglik - shift, ll_0=fit.ll_0 - shift, full=moved(fit.full),
                               constant_only=moved(fit.constant_only))


def _fit_censored_normal(data: CensoredData, *, constant_index: int | None, cluster=None, robust: bool = False,
                        frequency: bool = False,
                        iterate: int = 16000, tolerance: float = 1e-6, ltolerance: float = 1e-7,
                        nrtolerance: float = 1e-5, fit_constant_only: bool = True,
                        constraints=None) -> CensoredNormalFit:
    """The model (``constant_index``: the column of the constant, None without one; then no
    constant-only model), centred as intreg.ado centres it (the constant absorbs the mean of
    the midpoints), with OIM or sandwich (``robust``; ``cluster``: group codes) covariance
    (``frequency``: the weights are fweights).  ``constraints``: (R, r), R (b, sigma) = r
    (tobit's constraints() over e(b)), linear in Olsen's metric too (``olsen_constraints``):
    maximised over the free parameters, those they fix without variance; the constant-only
    model stays unconstrained (Stata 13's _tobit still reports its LR test: tobit_14.ado)."""
    X = data.X
    p = X.shape[1]
    shift = 0.0
    if constant_index is not None:
        z = np.where(np.isfinite(data.lo) & np.isfinite(data.hi), (data.lo + data.hi) / 2,
                     np.where(np.isfinite(data.lo), data.lo, data.hi)) - data.offset
        shift = float(data.w @ z / data.w.sum())
    centred = CensoredData(data.lo - shift, data.hi - shift, X, data.offset, data.w)
    model = CensoredNormalLikelihood(centred)
    options = dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance, nrtolerance=nrtolerance)
    constant_only = None
    ll_0 = float("nan")
    if constant_index is not None and fit_constant_only:
        ones = CensoredData(centred.lo, centred.hi, np.ones((len(data.w), 1)), data.offset, data.w)
        z = np.where(np.isfinite(ones.lo) & np.isfinite(ones.hi), (ones.lo + ones.hi) / 2,
                     np.where(np.isfinite(ones.lo), ones.lo, ones.hi)) - data.offset
        var = float(data.w @ (z - data.w @ z / data.w.sum()) ** 2 / max(data.w.sum() - 1, 1.0))
        m0 = CensoredNormalLikelihood(ones)
        constant_only = maximize(m0.loglik, m0.grad_hess, np.array([0.0, 1.0 / np.sqrt(max(var, 1e-300))]), **options)
        ll_0 = constant_only.f
    start = start_from_regression(centred)
    if constraints is not None:
        from .glm.inference import constrained_maximize

        full, V_theta = constrained_maximize(model.loglik, model.grad_hess, start,
                                             *olsen_constraints(*constraints, constant_index, shift), **options)
        theta = full.x
    else:
        full = maximize(model.loglik, model.grad_hess, start, **options)
        theta = full.x
        H = full.hessian if full.hessian is not None else model.grad_hess(theta)[1]
        V_theta = inverse_information(H)
    gamma, delta = theta[:p], np.float64(theta[p])  # numpy: a diverging delta overflows to inf, not OverflowError
    if robust or cluster is not None:
        V_theta = _sandwich(V_theta, model.scores(theta), centred.w, cluster, frequency)
    J = np.zeros((p + 1, p + 1))  # d(b, ln sigma) / d(gamma, delta)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # delta diverged (sigma -> 0)
        J[:p, :p] = np.eye(p) / delta
        J[:p, p] = -gamma / delta ** 2
        J[p, p] = -1.0 / delta
        b = gamma / delta
    if constant_index is not None:
        b = b.copy()
        b[constant_index] += shift
    V = J @ V_theta @ J.T
    V = (V + V.T) / 2
    if constraints is not None:  # a parameter the constraints fix: exactly no variance (sigma fixed: ln sigma)
        from .glm.inference import ConstraintMap

        V = ConstraintMap(p + 1, *constraints).exactly_fixed(V)
    return CensoredNormalFit(b, -float(np.log(delta)), V, full.f, full.converged, full.limit_reached, full,
                             constant_only, ll_0, int(np.linalg.matrix_rank(V)) if np.all(np.isfinite(V)) else p + 1)


def olsen_constraints(R, r, constant_index: int | None, shift: float):
    """R (b, sigma) = r in Olsen's metric (gamma, delta) = (b, 1) / sigma of the centred data
    (b_cons less ``shift``): R_b b + R_s sigma = r times delta is R_b gamma - r' delta = -R_s,
    r' = r - R_cons shift -- linear, so ml's b = T a + k carries over."""
    R = np.atleast_2d(np.asarray(R, float))
    r = np.asarray(r, float).ravel()
    if constant_index is not None:
        r = r - R[:, constant_index] * shift
    return np.column_stack([R[:, :-1], -r]), -R[:, -1]


def _sandwich(V, scores, w, cluster, frequency: bool):
    """V (sum of score outer products) V times n/(n-1), n the clusters or the observations
    (fweights: their sum; an fweighted observation's score counts w times, a pweighted one's
    is w times the score); one cluster: the meat unscaled.  ``robust.cluster_sandwich``."""
    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    codes = None if cluster is None else cluster_index(cluster)[0]
    return cluster_sandwich(V, scores * w[:, None], codes, fweight=w if frequency and cluster is None else None,
                            one_cluster=1.0)


# ------------------------------------------------- intreg, het(): ln sigma_i = z_i g
def heteroskedastic_derivatives(data: CensoredData, eta: np.ndarray, lns: np.ndarray):
    """Per observation: ln L_i and its derivatives in (eta, ln sigma) -> (ll, d_e, d_s, h_ee,
    h_es, h_ss), through the standardised bounds A = (lo - eta)/sigma, B = (hi - eta)/sigma."""
    s = np.exp(lns)
    lo, hi = data.lo - data.offset, data.hi - data.offset
    point = data.kinds() == POINT
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        A = np.where(np.isfinite(lo), (_open_zero(lo) - eta) / s, -np.inf)
        B = np.where(np.isfinite(hi), (_open_zero(hi) - eta) / s, np.inf)
        log_p = censored_log_p(point, A, B)
        A0, B0 = np.where(np.isfinite(A), A, 0.0), np.where(np.isfinite(B), B, 0.0)
        la = np.where(np.isfinite(A), np.exp(-0.5 * A0 * A0 - 0.5 * LOG_2PI - log_p), 0.0)
        lb = np.where(np.isfinite(B), np.exp(-0.5 * B0 * B0 - 0.5 * LOG_2PI - log_p), 0.0)
        h_aa, h_bb, h_ab = A0 * la - la * la, -B0 * lb - lb * lb, la * lb
        r = (_open_zero(lo) - eta) / s
        ll = np.where(point, -lns - 0.5 * LOG_2PI - 0.5 * r * r, log_p)
        d_e = np.where(point, r / s, (la - lb) / s)
        d_s = np.where(point, r * r - 1, la * A0 - lb * B0)
        h_ee = np.where(point, -1 / s ** 2, (h_aa + 2 * h_ab + h_bb) / s ** 2)
        h_es = np.where(point, -2 * r / s, (h_aa * A0 + h_ab * (A0 + B0) + h_bb * B0 + lb - la) / s)
        h_ss = np.where(point, -2 * r * r, h_aa * A0 * A0 + 2 * h_ab * A0 * B0 + h_bb * B0 * B0 - la * A0 + lb * B0)
    return ll, d_e, d_s, h_ee, h_es, h_ss


class HeteroskedasticLikelihood:
    """ln L(b, g) of intreg's het(): sigma_i = exp(z_i g)."""

    def __init__(self, data: CensoredData, Z: np.ndarray):
        self.data, self.Z = data, Z
        self.p = data.X.shape[1]

    def _parts(self, theta):
        theta = np.asarray(theta, float)
        return heteroskedastic_derivatives(self.data, self.data.X @ theta[:self.p], self.Z @ theta[self.p:])

    def loglik(self, theta) -> float:
        v = float(self.data.w @ self._parts(theta)[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        _, d_e, d_s, *_ = self._parts(theta)
        return np.column_stack([self.data.X * d_e[:, None], self.Z * d_s[:, None]])

    def grad_hess(self, theta):
        X, Z, w = self.data.X, self.Z, self.data.w
        _, d_e, d_s, h_ee, h_es, h_ss = self._parts(theta)
        g = np.concatenate([X.T @ (w * d_e), Z.T @ (w * d_s)])
        H = np.block([[X.T @ (X * (w * h_ee)[:, None]), X.T @ (Z * (w * h_es)[:, None])],
                      [Z.T @ (X * (w * h_es)[:, None]), Z.T @ (Z * (w * h_ss)[:, None])]])
        return g, H


@dataclass
class HeteroskedasticFit:
    """(b, g) and their covariance, the log likelihood and the Newton record."""

    b: np.ndarray
    g: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    full: NewtonResult
    rank: int


def fit_heteroskedastic(data: CensoredData, Z: np.ndarray, start: np.ndarray, *, cluster=None, robust: bool = False,
                        frequency: bool = False, iterate: int = 16000, tolerance: float = 1e-6,
                        ltolerance: float = 1e-7, nrtolerance: float = 1e-5) -> HeteroskedasticFit:
    """intreg, het(): Newton in (b, g) from ``start`` (intreg.ado: the homoskedastic b and g
    from regressing its ln sigma on z)."""
    model = HeteroskedasticLikelihood(data, Z)
    res = maximize(model.loglik, model.grad_hess, start, iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance)
    H = res.hessian if res.hessian is not None else model.grad_hess(res.x)[1]
    V = inverse_information(H)
    if robust or cluster is not None:
        V = _sandwich(V, model.scores(res.x), data.w, cluster, frequency)
    V = (V + V.T) / 2
    p = data.X.shape[1]
    return HeteroskedasticFit(res.x[:p], res.x[p:], V, res.f, res.converged, res.limit_reached, res,
                              int(np.linalg.matrix_rank(V)) if np.all(np.isfinite(V)) else len(res.x))
