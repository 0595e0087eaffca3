"""Normal multilevel models whose level-1 variance is a function of covariates (MLwiN's
"complex level-1 variation", runmlwin's ``level1(id: cons x, elements(A))``):

    y = X b + sum_l Z_l u_l + e,   u_l ~ N(0, Omega_l) per level-l unit,
    var(e_i) = z_i' Omega_1 z_i   (z_i: the level-1 random-part variables of observation i)

with some elements of each Omega held at zero.  MLwiN's IGLS converges to maximum likelihood and
RIGLS to REML; this module maximises the same (restricted) likelihood directly in the
variance/covariance parameters, by top-level group (the model's V is block diagonal by the top
level's units).  Omega_1 need not be positive definite -- only the variance function must be
positive at every observation -- as in MLwiN.  With ``z = cons`` only this is the ordinary model
mixed fits (tests/test_runmlwin.py checks the two agree).  The variance parameters' covariance is
the inverse of the observed information of the profiled (restricted) likelihood (a numerical
Hessian), the fixed part's (X'V^-1 X)^-1, as mixed reports them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG_2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True)
class RandomPart:
    """One level: unit codes per observation (unique across the data, nested in the levels
    above), its random-part variables and the (i, j) elements (i >= j) of Omega estimated."""

    units: np.ndarray
    Z: np.ndarray
    elements: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Level1VarianceFit:
    beta: np.ndarray
    theta: np.ndarray  # the estimated elements, level by level (as given), level 1 last
    V: np.ndarray  # covariance of (beta, theta)
    ll: float
    iterations: int
    converged: bool


class GroupedData:
    """The data split by the top level's units and padded to one size (padding rows: V's
    diagonal 1, nothing else), so every group's V is factored in one batched call."""

    def __init__(self, y, X, higher, level1):
        top = higher[0].units if higher else np.arange(len(y))
        order = np.argsort(top, kind="stable")
        bounds = np.flatnonzero(np.diff(top[order])) + 1
        blocks = np.split(order, bounds)
        G, m = len(blocks), max(len(b) for b in blocks)
        self.n, self.p = X.shape
        self.valid = np.zeros((G, m), bool)
        rows = np.zeros((G, m), np.int64)
        for g, idx in enumerate(blocks):
            self.valid[g, :len(idx)] = True
            rows[g, :len(idx)] = idx
        pad = ~self.valid
        self.y = np.where(pad, 0.0, y[rows])
        self.X = np.where(pad[..., None], 0.0, X[rows])
        self.Z1 = np.where(pad[..., None], 0.0, level1.Z[rows])
        self.masks = []
        for lv in higher:
            u = np.where(pad, -1, lv.units[rows])
            same = (u[:, :, None] == u[:, None, :]) & self.valid[:, :, None] & self.valid[:, None, :]
            self.masks.append((same, np.where(pad[..., None], 0.0, lv.Z[rows])))


def _omega(theta: np.ndarray, q: int, elements) -> np.ndarray:
    om = np.zeros((q, q))
    for value, (i, j) in zip(theta, elements):
        om[i, j] = om[j, i] = value
    return om


def _split(theta, higher, level1):
    out, at = [], 0
    for part in list(higher) + [level1]:
        k = len(part.elements)
        out.append(_omega(theta[at:at + k], part.Z.shape[1], part.elements))
        at += k
    return out


def _sums(theta, groups, higher, level1, keep: bool = False):
    """(sum log|V_g|, X'V^-1X, X'V^-1y, y'V^-1y) or None when some V_g is not positive definite."""
    omegas = _split(theta, higher, level1)
    h = np.sum((groups.Z1 @ omegas[-1]) * groups.Z1, axis=2)
    if np.any(h[groups.valid] <= 0):
        return None
    h = np.where(groups.valid, h, 1.0)
    V = np.zeros(groups.valid.shape + (groups.valid.shape[1],))
    for (mask, Z), om in zip(groups.masks, omegas[:-1]):
        V += np.where(mask, (Z @ om) @ Z.swapaxes(1, 2), 0.0)
    idx = np.arange(V.shape[1])
    V[:, idx, idx] += h
    try:
        L = np.linalg.cholesky(V)
    except np.linalg.LinAlgError:
        return None
    A = np.linalg.solve(L, np.concatenate([groups.X, groups.y[..., None]], axis=2))
    logdet = 2 * np.log(np.diagonal(L, axis1=1, axis2=2)).sum()
    flat = A.reshape(-1, A.shape[2])
    AX, Ay = flat[:, :-1], flat[:, -1]
    if keep:  # score() also needs the factors
        return float(logdet), AX.T @ AX, AX.T @ Ay, float(Ay @ Ay), L
    return float(logdet), AX.T @ AX, AX.T @ Ay, float(Ay @ Ay)


def loglik(theta, groups, higher, level1, reml: bool, beta=None) -> float:
    """The (restricted) log likelihood at theta, beta profiled out (ML: at ``beta`` if given)."""
    sums = _sums(theta, groups, higher, level1)
    if sums is None:
        return -np.inf
    logdet, XVX, XVy, yVy = sums
    try:
        b = np.linalg.solve(XVX, XVy) if beta is None else beta
    except np.linalg.LinAlgError:
        return -np.inf
    quad = yVy - 2 * b @ XVy + b @ XVX @ b
    if not reml:
        return -0.5 * (groups.n * LOG_2PI + logdet + quad)
    sign, xdet = np.linalg.slogdet(XVX)
    if sign <= 0:
        return -np.inf
    return -0.5 * ((groups.n - groups.p) * LOG_2PI + logdet + xdet + quad)


def _derivatives(groups, higher, level1) -> list[np.ndarray]:
    """dV/dtheta_k by group (G x m x m), in theta's order (they do not depend on theta)."""
    out = []
    for part, (mask, Z) in zip(higher, groups.masks):
        for i, j in part.elements:
            zi, zj = Z[:, :, i], Z[:, :, j]
            outer = zi[:, :, None] * zj[:, None, :]
            out.append(np.where(mask, outer if i == j else outer + outer.swapaxes(1, 2), 0.0))
    m = groups.valid.shape[1]
    for i, j in level1.elements:
        d = groups.Z1[:, :, i] * groups.Z1[:, :, j] * (1.0 if i == j else 2.0)
        out.append(d[:, :, None] * np.eye(m))
    return out


def score_information(theta, groups, higher, level1, reml: bool, derivs=None):
    """(score, expected information) of the (restricted) log likelihood in theta, beta
    profiled out, or None where V is not positive definite.  score_k = -tr(P V_k)/2 +
    r'V^-1 V_k V^-1 r/2 (ML: P -> V^-1); information_kl = tr(P V_k P V_l)/2, P = V^-1 -
    V^-1 X C X'V^-1 (ML: V^-1), C = (X'V^-1 X)^-1 -- IGLS's own weights."""
    sums = _sums(theta, groups, higher, level1, keep=True)
    if sums is None:
        return None
    _, XVX, XVy, _, L = sums
    beta = np.linalg.solve(XVX, XVy)
    C = np.linalg.inv(XVX)
    m = L.shape[1]
    Linv = np.linalg.solve(L, np.broadcast_to(np.eye(m), L.shape))
    W = Linv.swapaxes(1, 2) @ Linv  # V^-1 by group
    r = groups.y - groups.X @ beta
    a = (W @ r[..., None])[..., 0]
    B = W @ groups.X
    derivs = _derivatives(groups, higher, level1) if derivs is None else derivs
    WD = [W @ D for D in derivs]
    K = len(derivs)
    s = np.zeros(K)
    info = np.zeros((K, K))
    Q = [(B.swapaxes(1, 2) @ D @ B).sum(axis=0) for D in derivs]  # X'W D_k W X
    for k in range(K):
        tr_k = float(np.trace(WD[k], axis1=1, axis2=2).sum())
        s[k] = -0.5 * tr_k + 0.5 * float(np.sum(a * (derivs[k] @ a[..., None])[..., 0]))
        if reml:
            s[k] += 0.5 * float(np.sum(C * Q[k]))
        for l in range(k + 1):
            value = float(np.sum(WD[k] * WD[l].swapaxes(1, 2)))
            if reml:
                cross = (B.swapaxes(1, 2) @ derivs[k] @ WD[l] @ B).sum(axis=0)
                value += -2 * float(np.sum(C * cross)) + float(np.sum((C @ Q[k]) * (C @ Q[l]).T))
            info[k, l] = info[l, k] = 0.5 * value
    return s, info


def score(theta, groups, higher, level1, reml: bool) -> np.ndarray | None:
    """d loglik / d theta (beta profiled out)."""
    out = score_information(theta, groups, higher, level1, reml)
    return None if out is None else out[0]


def loglik_at(theta, y, X, higher, level1, reml: bool) -> float:
    """``loglik`` on the raw data (-inf where theta gives a V that is not positive definite)."""
    return loglik(np.asarray(theta, float), GroupedData(np.asarray(y, float), np.asarray(X, float), higher, level1),
                  higher, level1, reml)


def fit(y, X, higher: list[RandomPart], level1: RandomPart, theta0, reml: bool,
        maxiter: int = 200) -> Level1VarianceFit:
    """Maximise the (restricted) likelihood from ``theta0`` by Fisher scoring (IGLS's steps for
    the random part: theta += I^-1 score, halved until the likelihood rises), the higher levels'
    variances kept at or above zero (as mixed's; one reset to zero takes its covariances with it),
    until the step is below 1e-10 relative."""
    groups = GroupedData(np.asarray(y, float), np.asarray(X, float), higher, level1)
    derivs = _derivatives(groups, higher, level1)
    bounded = np.array([i == j for part in higher for i, j in part.elements] + [False] * len(level1.elements))
    ties = _ties(higher)

    def project(t):
        """A higher level's variance below zero is reset to zero with its covariances (runmlwin's
        reset(all))."""
        t = t.copy()
        for k in np.flatnonzero(bounded & (t <= 0)):
            t[[k] + ties[k]] = 0.0
        return t

    theta = project(np.asarray(theta0, float))
    ll = loglik(theta, groups, higher, level1, reml)
    if not np.isfinite(ll):
        raise ValueError("starting values give a variance that is not positive")
    converged, iterations = False, 0
    for iterations in range(1, maxiter + 1):
        s, info = score_information(theta, groups, higher, level1, reml, derivs)
        held = bounded & (theta <= 0) & (s <= 0)  # held at zero: the likelihood wants it lower
        for k in np.flatnonzero(held):
            held[ties[k]] = True
        free = np.flatnonzero(~held)
        step = np.zeros_like(theta)
        try:
            step[free] = np.linalg.solve(info[np.ix_(free, free)], s[free])
        except np.linalg.LinAlgError:
            break
        change = float(np.max(np.abs(step) / np.maximum(np.abs(theta), 1e-6)))
        t = 1.0
        while t > 1e-8:
            trial = project(theta + t * step)
            new = loglik(trial, groups, higher, level1, reml)
            if np.isfinite(new) and new >= ll - 1e-10 * abs(ll):
                break
            t /= 2
        else:  # no step raises the likelihood: at the optimum when the step is already tiny
            converged = change < 1e-6
            break
        theta, ll = trial, new
        if change < 1e-10:
            converged = True
            break
    sums = _sums(theta, groups, higher, level1)
    XVX, XVy = sums[1], sums[2]
    beta = np.linalg.solve(XVX, XVy)
    p, k = len(beta), len(theta)
    # as mixed: (X'V^-1 X)^-1 for the fixed part, the profiled (restricted) likelihood's
    # observed information for the variance parameters, nothing between them; a variance held
    # at zero has no standard error here (0)
    held = bounded & (theta <= 0)
    for q in np.flatnonzero(held):
        held[ties[q]] = True
    idx = np.flatnonzero(~held)
    V = np.zeros((p + k, p + k))
    V[:p, :p] = np.linalg.inv(XVX)
    if idx.size:
        V[np.ix_(p + idx, p + idx)] = _inverse(_information(theta, idx, groups, higher, level1, reml, derivs))
    return Level1VarianceFit(beta, theta, V, float(ll), iterations, converged)


def _information(theta, idx, groups, higher, level1, reml: bool, derivs) -> np.ndarray:
    """The observed information of the free parameters ``idx`` (central differences of the
    score); where a difference step leaves V not positive definite (a level-1 variance function
    at zero for some observation at the optimum), the expected information at theta itself,
    IGLS's own (a TypeError on the missing score before)."""
    def negative_score(t):
        s = score(_put(theta, idx, t), groups, higher, level1, reml)
        if s is None:
            raise np.linalg.LinAlgError("V is not positive definite at a difference step")
        return -s[idx]

    try:
        return _jacobian(negative_score, theta[idx])
    except np.linalg.LinAlgError:
        return score_information(theta, groups, higher, level1, reml, derivs)[1][np.ix_(idx, idx)]


def _ties(higher) -> dict[int, list[int]]:
    """For each higher-level variance's position in theta, the positions of its covariances."""
    ties, at = {}, 0
    for part in higher:
        pos = {e: at + k for k, e in enumerate(part.elements)}
        for (i, j), k in pos.items():
            if i == j:
                ties[k] = [q for (a, b), q in pos.items() if a != b and i in (a, b)]
        at += len(part.elements)
    return ties


def _jacobian(f, x):
    """Central differences of a vector function, symmetrised (a Hessian from a gradient)."""
    h = 1e-5 * np.maximum(np.abs(x), 1e-2)
    cols = [(f(x + h[i] * e) - f(x - h[i] * e)) / (2 * h[i]) for i, e in enumerate(np.eye(len(x)))]
    J = np.column_stack(cols)
    return (J + J.T) / 2


def _put(x, idx, values):
    out = np.array(x, float)
    out[idx] = values
    return out


def _inverse(H):
    try:
        return np.linalg.inv(H)
    except np.linalg.LinAlgError:
        return np.full(H.shape, np.nan)
