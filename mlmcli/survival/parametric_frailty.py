"""streg's frailty models ([ST] streg, frailty(gamma|invgaussian) [shared(v)]): each record's
hazard is multiplied by a frailty z with mean 1 and variance theta, integrated out in closed form.

With h_j, H_j = -ln S(t_j), H0_j = -ln S(t0_j) the records' hazards and cumulative hazards of the
distribution without frailty and M(D, s) = E[z^D exp(-z s)] (M(0, s) the Laplace transform), an
unshared record contributes (the frailty integrated given survival to t0)

    ll_j = d_j (ln h_j + ln t_j) + ln M(d_j, H_j) - ln M(0, H0_j),

and a shared() group with D_g = sum d_j failures (its records' hazards accumulated from entry,
as Stata's *het_glf_sh evaluators sum exp(xb) (t0^p - t^p))

    ll_g = sum_j d_j (ln h_j + ln t_j) + ln M(D_g, sum_j (H_j - H0_j)),

    gamma (shape 1/theta, scale theta):  M = Gamma(1/theta + D) / Gamma(1/theta) theta^D (1 + theta s)^-(1/theta + D)
    inverse Gaussian (mean 1, shape 1/theta):  M = sqrt(2 / (pi theta)) e^(1/theta) (1 + 2 theta s)^-(D/2 - 1/4)
                                               K_(D - 1/2)(sqrt(1 + 2 theta s) / theta)

(the IG one from the integral of z^(nu-1) exp(-a z - b/z), 2 (b/a)^(nu/2) K_nu(2 sqrt(a b)));
the term ln t keeps Stata's log likelihood of ln t (``parametric_distributions``; the Weibull
evaluators' d (xb + ln p + p ln t)).  Unshared, ln M(1, H) - ln M(0, H) = ln [S_theta(t)^theta]
(gamma) or -ln sqrt(1 + 2 theta H) (IG): the manual's h_theta(t) = h(t) S_theta(t)^theta and
h(t) / sqrt(1 - 2 theta ln S(t)).  As the evaluators do, ln_the is taken as -20 below -20.

The parameters are the equations' coefficients then ln_the; the derivatives are differenced in
them (fourth-order central differences of ll, then of its gradient), on standardised designs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.survival.parametric_distributions import DISTRIBUTIONS
from mlmcli.survival.parametric_fit import StregData, predictors, standardizer, unscaled

FRAILTY_TITLES = {"gamma": "Gamma", "invgaussian": "Inverse-Gaussian"}
STEP = 1e-3
BOUNDARY = -12.0  # ln_the below which theta's curvature comes from its expansion at 0 (boundary_hessian)


def log_mixture(kind: str, D: np.ndarray, s: np.ndarray, theta: float) -> np.ndarray:
    """ln M(D, s) = ln E[z^D exp(-z s)] of the module docstring (s >= 0, D >= 0 integers)."""
    import scipy.special as sc

    D = np.asarray(D, float)
    s = np.asarray(s, float)
    if kind != "gamma" and D.shape == s.shape and not D.any():
        return _ig_no_failure(s, theta)
    root = np.sqrt(1 + 2 * theta * s)
    if kind == "gamma":
        k = 1.0 / theta
        return sc.gammaln(k + D) - sc.gammaln(k) + D * np.log(theta) - (k + D) * np.log1p(theta * s)
    # 1/theta - x, x = root / theta, without cancellation: -2 s / (1 + root)
    D, s, root = np.broadcast_arrays(D, s, root)
    tail = -2 * s / (1 + root)
    # D = 0, 1 (every unshared record): K_(+-1/2)(x) = sqrt(pi / (2x)) e^-x, so ln M(0, s) is the
    # Laplace transform's (1 - root) / theta and ln M(1, s) = ln M(0, s) - ln root -- the same
    # values without the Bessel function, which dominated the fits' time
    out = tail - np.where(D == 1, 0.5 * np.log1p(2 * theta * s), 0.0)
    other = (D != 0) & (D != 1)
    if np.any(other):
        nu = D[other] - 0.5
        with np.errstate(divide="ignore"):
            lk = np.log(sc.kve(nu, root[other] / theta))
        out[other] = (0.5 * np.log(2 / (np.pi * theta)) - (0.5 * nu) * np.log1p(2 * theta * s[other]) + lk
                      + tail[other])
    return out


def _ig_no_failure(s: np.ndarray, theta: float) -> np.ndarray:
    """``log_mixture``'s inverse Gaussian ln M(0, s), the Laplace transform (1 - root) / theta
    written -2 s / (1 + root): its operations alone (minus the 0 of the D = 1 term: the same bits)."""
    return -2 * s / (1 + np.sqrt(1 + 2 * theta * s))


def _ig_at_most_one(failed: np.ndarray, H: np.ndarray, theta: float) -> np.ndarray:
    """ln M(d, H) of unshared records (d 0 or 1; ``failed`` the indices of the 1s), inverse
    Gaussian: ``log_mixture``'s operations (bit for bit), its log1p taken only where d = 1."""
    correction = np.zeros(len(H))
    correction[failed] = 0.5 * np.log1p(2 * theta * H[failed])
    return _ig_no_failure(H, theta) - correction


@dataclass
class FrailtyData:
    """A streg problem (``StregData``) with its frailty: ``kind`` (gamma|invgaussian), each
    record's group code 0..G-1 (each record its own group when unshared) and ``shared``."""
    base: StregData
    kind: str
    groups: np.ndarray
    shared: bool = True

    def __post_init__(self):
        self.n_groups = int(self.groups.max()) + 1
        self.D = np.bincount(self.groups, weights=self.base.d, minlength=self.n_groups)
        # a group's weight (its records' weights are equal: unshared, or iweights constant within groups)
        self.gw = np.bincount(self.groups, weights=self.base.w, minlength=self.n_groups) / np.bincount(
            self.groups, minlength=self.n_groups)
        # unshared inverse Gaussian with d 0/1: the records' ln M without the Bessel function's branch
        self.failed = np.flatnonzero(self.D == 1) if (not self.shared and self.kind == "invgaussian"
                                        and np.all((self.D == 0) | (self.D == 1))) else None
        base = self.base
        self.weibull_fused = (self.failed is not None and base.distribution == "weibull"
                              and len(base.designs) == 2 and base.constant_only[1])


def record_parts(eqs, data: StregData):
    """(d (ln h + ln t), H, H0) of each record, without frailty."""
    dist = DISTRIBUTIONS[data.distribution]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        ld, ls = dist.density_and_survivor(data.lt, data.t, eqs, data.aft)
        if data.entered.any():
            ls0 = np.where(data.entered, dist.log_survivor(data.lt0, data.t0, eqs, data.aft), 0.0)
        else:
            ls0 = np.zeros(len(data.t))
        fail = data.d > 0
        return np.where(fail, ld - ls, 0.0), -ls, -ls0  # inf - inf far from the data: nan, ll -inf


def _weibull_unshared_ig(params, fd: FrailtyData, theta: float) -> np.ndarray:
    """``group_loglik`` of unshared inverse-Gaussian Weibull records with a constant ln_p (the
    plant-exit fits: 100,000 evaluations), record_parts' operations in one pass and the same
    bits: p = exp(ln_p) taken once (numpy's exp of the one value is each element's), H = -ln S
    is exp(ls + p ln t) itself (a negation is exact) and ld - ln S is ld + H."""
    b = fd.base
    xb, lnp = predictors(params[:-1], b)[0], np.float64(params[-2])
    p = np.exp(lnp)
    with np.errstate(all="ignore"):
        ls = -p * xb if b.aft else xb
        plt = p * b.lt
        H = np.exp(ls + plt)
        lnh = np.where(b.d > 0, ls + lnp + plt - H + H, 0.0)
        if b.all_entered:
            H0 = np.exp(ls + p * b.lt0)
        elif b.entered.any():
            H0 = np.where(b.entered, np.exp(ls + p * b.lt0), -0.0)
        else:
            H0 = np.full(len(xb), -0.0)
        return lnh + _ig_at_most_one(fd.failed, H, theta) - _ig_no_failure(H0, theta)


def group_loglik(params, fd: FrailtyData) -> np.ndarray:
    """Each group's ll_g (module docstring); params: the coefficients, then ln_the."""
    theta = float(np.exp(max(params[-1], -20.0)))
    if fd.weibull_fused:
        return _weibull_unshared_ig(params, fd, theta)
    lnh, H, H0 = record_parts(predictors(params[:-1], fd.base), fd.base)
    G = fd.n_groups
    with np.errstate(all="ignore"):
        if fd.failed is not None:
            return lnh + _ig_at_most_one(fd.failed, H, theta) - _ig_no_failure(H0, theta)
        if not fd.shared:  # records in order, each its own group
            return lnh + log_mixture(fd.kind, fd.D, H, theta) - log_mixture(fd.kind, np.zeros(G), H0, theta)
        s = np.bincount(fd.groups, weights=H - H0, minlength=G)
        return np.bincount(fd.groups, weights=lnh, minlength=G) + log_mixture(fd.kind, fd.D, s, theta)


def loglik(params, fd: FrailtyData) -> float:
    value = float(fd.gw @ group_loglik(params, fd))
    return value if np.isfinite(value) else -np.inf


def _gradient(f, x, h=STEP):
    g = np.empty(len(x))
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = h
        g[j] = (f(x - 2 * e) - 8 * f(x - e) + 8 * f(x + e) - f(x + 2 * e)) / (12 * h)
    return g


def gradient_hessian(f, x, h=STEP):
    """f's gradient and Hessian at x by fourth-order central differences (the Hessian
    differencing the gradient, then symmetrised): the variance's."""
    k = len(x)
    H = np.empty((k, k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = h
        H[:, j] = (_gradient(f, x - 2 * e) - 8 * _gradient(f, x - e) + 8 * _gradient(f, x + e)
                   - _gradient(f, x + 2 * e)) / (12 * h)
    return _gradient(f, x), 0.5 * (H + H.T)


def newton_gradient_hessian(f, x, h=STEP):
    """The fourth-order gradient and a second-order Hessian of f (2k^2 evaluations instead of
    16k^2): Newton's steps, whose optimum the gradient alone decides."""
    k = len(x)
    f0 = f(x)
    H = np.empty((k, k))
    E = np.eye(k) * h
    plus = [f(x + E[j]) for j in range(k)]
    minus = [f(x - E[j]) for j in range(k)]
    for j in range(k):
        H[j, j] = (plus[j] - 2 * f0 + minus[j]) / (h * h)
        for i in range(j):
            H[i, j] = H[j, i] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                                 + f(x - E[i] - E[j])) / (4 * h * h)
    return _gradient(f, x), H


def _scaled(fd: FrailtyData):
    """(M, the problem on standardised designs): parameters x = M x_scaled (ln_the unscaled; a
    parameter on the scale of 1/t, gompertz's gamma, in units of 1/max(t))."""
    from scipy.linalg import block_diag

    base = fd.base
    scales = DISTRIBUTIONS[base.distribution].steps(1.0, base.t, len(base.designs))
    mats = [standardizer(X) * c for X, c in zip(base.designs, scales)]
    scaled = FrailtyData(StregData(base.t0, base.t, base.d, base.w, [X @ m for X, m in zip(base.designs, mats)],
                                   base.distribution, base.aft, base.offset), fd.kind, fd.groups, fd.shared)
    return block_diag(*mats, np.eye(1)), scaled


def _remembered(f, size: int = 40_000):
    """f keeping its values by the exact bits of x: the differenced derivatives revisit points
    (the Hessian's x + e_i + e_j is x + e_j + e_i bit for bit, Newton's x +- e_j are the
    gradient's, its x the step's), about half of the variance's 16 k^2 evaluations and 2k + 1 of
    each Newton iteration's.  Forgets all at ``size`` values (memory)."""
    values: dict[bytes, float] = {}

    def remembered(x):
        key = np.asarray(x, float).tobytes()
        value = values.get(key)
        if value is None:
            if len(values) >= size:
                values.clear()
            value = values[key] = f(x)
        return value

    return remembered


def fit_frailty(fd: FrailtyData, start: np.ndarray, variance: bool = True, constraints=None, **control):
    """(result, V) of the marginal likelihood's maximum from ``start`` (the coefficients, e.g.
    of the fit without frailty; ln_the is started at the best of a few values), Newton-Raphson
    on standardised designs; result.x and V in the original coefficients and ln_the (V None
    without ``variance``).  ``constraints`` (R, r) over the coefficients and ln_the: ml's
    constrained fit (``glm.inference.constrained_maximize``), R x = r being (R M) x_scaled = r,
    V = M N (N'(-H)N)^-1 N' M' (a parameter the constraints fix has no variance)."""
    from mlmcli.glm.inference import ConstraintMap, constrained_maximize
    from mlmcli.glm.newton import NOT_CONCAVE_STALL, maximize

    # no maximum (no failures: the hazard's scale -> 0, ln L -> 0 "(not concave)" for all of
    # iterate()'s 16,000 steps): stop, not converged, as the fit without frailty does
    control.setdefault("stall", NOT_CONCAVE_STALL)
    M, scaled = _scaled(fd)
    R, r = (None, None) if constraints is None else (np.asarray(constraints[0], float) @ M, constraints[1])
    cmap = ConstraintMap(M.shape[0], R, r)
    coefs = np.linalg.solve(M[:-1, :-1], np.asarray(start, float))
    # each try projected onto the constraints, as the steps will see it
    tries = [cmap.theta(cmap.gamma(np.r_[coefs, v])) for v in (-3.0, -1.5, 0.0, 1.0)]
    x0 = max(tries, key=lambda x: loglik(x, scaled))
    f = _remembered(lambda x: loglik(x, scaled))

    def curvature(x):  # the variance's Hessian (accurate differences; theta's expansion near 0)
        _, H = gradient_hessian(f, x)
        return boundary_hessian(scaled, x, H) if x[-1] < BOUNDARY else H

    if cmap.active:
        res, Vs = constrained_maximize(f, lambda x: newton_gradient_hessian(f, x), x0, R, r,
                                       hessian=curvature if variance else (lambda x: np.zeros((len(x), len(x)))),
                                       **control)
        res.x = M @ res.x
        return res, (M @ Vs @ M.T if variance else None)
    res = maximize(f, lambda x: newton_gradient_hessian(f, x), x0, **control)
    if not variance:
        res.x = M @ res.x
        return res, None
    return unscaled(res, curvature(res.x), M)


def theta_slope(coefs, fd: FrailtyData) -> float:
    """d ll / d theta at theta = 0, from ln M(D, s) = -s + theta (D(D-1)/2 - D s + s^2/2) + O(theta^2)
    (the term in the frailty's variance alone: the same for gamma and inverse Gaussian)."""
    _, H, H0 = record_parts(predictors(coefs, fd.base), fd.base)
    if fd.shared:
        s, D = np.bincount(fd.groups, weights=H - H0, minlength=fd.n_groups), fd.D
        return float(fd.gw @ (D * (D - 1) / 2 - D * s + s * s / 2))
    d = fd.base.d
    return float(fd.base.w @ (d * (d - 1) / 2 - d * H + (H * H - H0 * H0) / 2))


def boundary_hessian(fd: FrailtyData, x, H):
    """H with its ln_the row as the expansion at theta -> 0 gives it: d2 ll / d ln_the^2 = theta
    slope, d2 ll / d ln_the d b = theta d slope / d b (theta = exp(max(ln_the, -20)), as the
    evaluators clamp it).  Differencing ll cannot resolve a curvature of order theta there, and
    Stata's analytic derivatives give ln_the a huge standard error, not 0; a slope >= 0 (no
    maximum on the boundary) leaves ln_the's variance missing (``unscaled`` -> NaN)."""
    theta = float(np.exp(max(x[-1], -20.0)))
    coefs = np.asarray(x[:-1], float)
    cross = np.empty(len(coefs))
    for j in range(len(coefs)):
        e = np.zeros(len(coefs))
        e[j] = STEP
        cross[j] = (theta_slope(coefs + e, fd) - theta_slope(coefs - e, fd)) / (2 * STEP)
    H = H.copy()
    H[-1, :-1] = H[:-1, -1] = theta * cross
    H[-1, -1] = theta * theta_slope(coefs, fd)
    return H


def group_scores(fd: FrailtyData, params) -> np.ndarray:
    """Each group's score (G x K, unweighted) at ``params`` (differenced on the standardised designs, then
    back to the original parameters: g = M'^-1 g_scaled)."""
    M, scaled = _scaled(fd)
    x = np.linalg.solve(M, np.asarray(params, float))
    S = np.empty((fd.n_groups, len(x)))
    h = STEP
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = h
        S[:, j] = (group_loglik(x - 2 * e, scaled) - 8 * group_loglik(x - e, scaled)
                   + 8 * group_loglik(x + e, scaled) - group_loglik(x + 2 * e, scaled)) / (12 * h)
    return np.linalg.solve(M.T, S.T).T


def robust_variance(fd: FrailtyData, params, V, clusters, fweight):
    """V (sum over clusters of the weighted group scores' sums' outer products, times G/(G-1))
    V (``robust.cluster_sandwich``); unshared, each record its own group."""
    from mlmcli.robust.cluster_sandwich import cluster_sandwich

    return cluster_sandwich(V, group_scores(fd, params) * fd.gw[:, None], clusters, fweight=fweight)


def opg_variance(fd: FrailtyData, params, constraints=None) -> np.ndarray:
    """vce(opg): (sum_g w_g s_g s_g')^-1 over the groups' scores (ml's outer product of the
    gradient); under ``constraints`` (R, r) N (N' (sum w s s') N)^-1 N', as ml's constrained V."""
    from mlmcli.glm.inference import ConstraintMap

    S = group_scores(fd, params)
    return ConstraintMap(S.shape[1], *(constraints or (None, None))).information_inverse((S * fd.gw[:, None]).T @ S)


def population_log_survivor(kind: str, ls: np.ndarray, theta: float) -> np.ndarray:
    """ln S_theta = ln M(0, -ln S): the survivor function integrated over the frailty."""
    return log_mixture(kind, np.zeros(np.shape(ls)), -ls, theta)
