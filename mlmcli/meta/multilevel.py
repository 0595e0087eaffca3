"""Multilevel meta-regression (Stata 17's meta meregress): effect sizes y with known sampling
variances v, moderators X and nested random intercepts, one variance tau2_l per level,
V = sum_l tau2_l Z_l Z_l' + diag(v), fitted by REML (or ML) over the log standard deviations.

The restricted log likelihood is mixed's: -1/2 [(n-p) log 2pi + log|V| + log|X'V^-1 X| + r'V^-1 r];
metafor's rma.mv adds 1/2 log|X'X| (its REMLf).  The standard errors of the standard deviations
come from the numerical Hessian of the likelihood in log sd (the delta method)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MultilevelFit:
    b: np.ndarray
    V: np.ndarray
    sd: np.ndarray  # one per level, outermost first
    sd_se: np.ndarray
    ll: float
    Q: float
    converged: bool


def _pieces(log_sd, y, v, X, Zs, reml: bool):
    """(log likelihood, b, (X'V^-1X)^-1) by Woodbury's identity over the groups, never an n x n
    matrix: V^-1 = D^-1 - D^-1 Z M^-1 Z' D^-1, M = G^-1 + Z' D^-1 Z, |V| = |D| |G| |M|; one level
    makes M diagonal (elementwise only)."""
    n, p = X.shape
    Z = np.hstack(Zs)
    g_var = np.concatenate([np.full(Zk.shape[1], np.exp(2 * ls)) for ls, Zk in zip(log_sd, Zs)])
    d_inv = 1.0 / v
    A = np.column_stack([X, y])
    DA = A * d_inv[:, None]
    ZtDA = Z.T @ DA
    if len(Zs) == 1:
        m = 1.0 / g_var + Z.T @ d_inv
        inner = ZtDA.T @ (ZtDA / m[:, None])
        logdet_m = float(np.sum(np.log(m)))
    else:
        M = np.diag(1.0 / g_var) + (Z.T * d_inv) @ Z
        inner = ZtDA.T @ np.linalg.solve(M, ZtDA)
        logdet_m = float(np.linalg.slogdet(M)[1])
    S = A.T @ DA - inner  # [X y]' V^-1 [X y]
    XtViX, XtViy, ytViy = S[:p, :p], S[:p, p], S[p, p]
    b = np.linalg.solve(XtViX, XtViy)
    rss = float(ytViy - XtViy @ b)
    logdet = float(np.sum(np.log(v)) + np.sum(np.log(g_var)) + logdet_m)
    if reml:
        ll = -0.5 * ((n - p) * np.log(2 * np.pi) + logdet + np.linalg.slogdet(XtViX)[1] + rss)
    else:
        ll = -0.5 * (n * np.log(2 * np.pi) + logdet + rss)
    return float(ll), b, np.linalg.inv(XtViX)


def fit_multilevel(y, v, X, groups: list[np.ndarray], reml: bool = True) -> MultilevelFit:
    """``groups``: per level (outermost first) each row's group code 0..G-1."""
    from scipy.optimize import minimize

    y = np.asarray(y, float)
    v = np.asarray(v, float)
    X = np.asarray(X, float)
    Zs = []
    for g in groups:
        Z = np.zeros((len(y), int(g.max()) + 1))
        Z[np.arange(len(y)), g] = 1.0
        Zs.append(Z)
    start = np.full(len(Zs), 0.5 * np.log(max(np.var(y) - np.mean(v), 1e-4) / max(len(Zs), 1)))

    def objective(ls):
        return -_pieces(ls, y, v, X, Zs, reml)[0]

    if len(Zs) == 1:  # one level: Brent's method on the log sd
        from scipy.optimize import minimize_scalar

        one = minimize_scalar(lambda t: objective(np.array([t])), bracket=(start[0] - 1, start[0] + 1),
                              method="brent", options={"xtol": 1e-10})
        ls, converged = np.array([one.x]), bool(one.success)
        if ls[0] < -15:  # tau at 0: the boundary
            ls = np.array([-15.0])
    else:
        best = minimize(objective, start, method="BFGS", options={"gtol": 1e-8, "maxiter": 500})
        ls, converged = best.x, bool(best.success) or abs(best.fun - objective(best.x)) < 1e-9
    ll, b, Vb = _pieces(ls, y, v, X, Zs, reml)
    # Hessian in log sd by central differences
    k = len(ls)
    h = 1e-4
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            e_i, e_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (objective(ls + e_i + e_j) - objective(ls + e_i - e_j) - objective(ls - e_i + e_j)
                       + objective(ls - e_i - e_j)) / (4 * h * h)
    try:
        cov = np.linalg.inv(H)
        se_log = np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        se_log = np.full(k, np.nan)
    sd = np.exp(ls)
    w = 1.0 / v
    XtW = X.T * w
    bf = np.linalg.solve(XtW @ X, XtW @ y)
    Q = float(np.sum(w * (y - X @ bf) ** 2))
    return MultilevelFit(b=b, V=Vb, sd=sd, sd_se=sd * se_log, ll=ll, Q=Q, converged=converged)
