"""``nl``: nonlinear least squares by Gauss-Newton, as Stata's ``nl`` (nl.ado, Estimate) runs it.

Each iteration takes forward-difference derivatives of the mean function (increment
``delta*(|b_j| + delta)``, default delta 4e-7), regresses the residuals on them, and steps
by the regression coefficients, halving the step while the residual sum of squares does not
fall.  Convergence: every parameter's step within ``eps*(|b_j| + 1e-3)`` and the change of
the residual SS within ``eps*(rss + 1e-3)`` (eps 1e-5; Gallant 1987, p. 28).  The variance is
the one of the last residuals-on-derivatives regression (derivatives of the last iteration):
conventional ``s^2 (J'J)^-1``, or the HC1 sandwich (``robust``) or its cluster form.

A parameter whose derivative column is constant (sd below ``eps*(|mean| + 1e-3)``) is the
model's constant term: the total SS is then about the mean and df lose one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError

TAU = 1e-3


@dataclass
class NLSFit:
    b: np.ndarray
    V: np.ndarray
    V_modelbased: np.ndarray | None
    rss: float
    tss: float
    df_m: int
    df_r: int
    df_t: int
    n: int
    constant_index: int  # 1-based, 0 when none
    converged: bool
    iterations: list = field(default_factory=list)  # residual SS printed at each iteration
    derivatives: np.ndarray | None = None  # the last derivative columns (leave)
    n_clusters: int | None = None

    @property
    def msr(self) -> float:
        from mlmcli.missing import stata_ratio

        return stata_ratio(self.rss, self.df_r)  # N = k (df_r 0): missing, as regress's MSE

    @property
    def rmse(self) -> float:
        return float(np.sqrt(self.msr))

    @property
    def r2(self) -> float:
        return 1 - self.rss / self.tss

    @property
    def r2_a(self) -> float:
        from mlmcli.missing import stata_ratio

        return 1 - (1 - self.r2) * stata_ratio(self.df_t, self.df_r)

    @property
    def mss(self) -> float:
        return self.tss - self.rss

    @property
    def ll(self) -> float:
        s2 = self.rss / self.n
        return -self.n / 2 * np.log(2 * np.pi) - self.n / 2 * np.log(s2) - self.rss / (2 * s2)

    @property
    def dev(self) -> float:
        return self.n * (1 + np.log(2 * np.pi * self.rss / self.n))


def _derivatives(mean, b: np.ndarray, yhat: np.ndarray, delta: float) -> np.ndarray:
    J = np.empty((len(yhat), len(b)))
    for j in range(len(b)):
        step = delta * (abs(b[j]) + delta)
        trial = b.copy()
        trial[j] += step
        f = mean(trial)
        if not np.all(np.isfinite(f)):
            raise StataError("cannot calculate derivatives", 481)
        J[:, j] = (f - yhat) / step
    return J


def _lstsq(J: np.ndarray, r: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(J, r, rcond=None)[0]


def fit_nls(mean, y: np.ndarray, start: np.ndarray, *, eps: float = 1e-5, delta: float = 4e-7,
            iterate: int = 300, vce: str = "gnr", cluster: np.ndarray | None = None,
            noconstant: bool = False, hasconstant: int | None = None) -> NLSFit:
    """``mean(b)``: the fitted values over the sample at parameters b; ``hasconstant``: the
    0-based index of the parameter named the constant term (no search)."""
    b = np.asarray(start, float).copy()
    n, k = len(y), len(b)
    if n < k:
        raise StataError("cannot have fewer observations than parameters", 2001)
    if np.min(y) == np.max(y):
        raise StataError("depvar has zero variance", 498)
    yhat = mean(b)
    if not np.all(np.isfinite(yhat)):
        raise StataError("starting values invalid or some RHS variables have missing values", 480)
    old = float(np.sum((y - yhat) ** 2))
    iterations, its, done, converged = [], 0, False, False
    while not done:
        J = _derivatives(mean, b, yhat, delta)
        step = _lstsq(J, y - yhat)
        ssr, f, old_b = np.inf, 1.0, b.copy()
        while not ssr <= old:  # backing up: halve the step
            converged = True
            b = old_b + f * step
            if np.any(f * np.abs(step) > eps * (np.abs(old_b) + TAU)):
                converged = False
            trial = mean(b)
            if np.all(np.isfinite(trial)):
                yhat = trial
                ssr = float(np.sum((y - yhat) ** 2))
            f /= 2
            if f < 1e-300:
                raise StataError("nl: the residual sum of squares cannot be reduced", 430)
        iterations.append(ssr)
        if abs(old - ssr) > eps * (old + TAU):
            converged = False
        old = ssr
        its += 1
        done = converged or its >= iterate
    resid = y - yhat
    const = 0 if hasconstant is None else hasconstant + 1
    if not noconstant and hasconstant is None:
        for j in range(k):
            if np.std(J[:, j], ddof=1) < eps * (abs(np.mean(J[:, j])) + TAU):
                const = j + 1
    if const:
        df_t = n - 1
        tss = float(np.var(y, ddof=1) * df_t)
    else:
        df_t = n
        tss = float(np.sum(y ** 2))
    # the last residuals-on-derivatives regression (nl.ado: reg RESID J*, nocons)
    JtJ_inv = np.linalg.pinv(J.T @ J)
    g = JtJ_inv @ J.T @ resid
    u = resid - J @ g
    rank = int(np.linalg.matrix_rank(J))
    V_mb = JtJ_inv * float(u @ u) / (n - rank)
    V, n_clusters = V_mb, None
    df_m = rank - (1 if const else 0)
    df_r = df_t - df_m
    if vce in ("robust", "cluster"):
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        groups, n_clusters = cluster_index(cluster) if vce == "cluster" else (None, None)
        # G/(G-1) (n-1)/(n-rank); robust: n/(n-rank)
        V = cluster_sandwich(JtJ_inv, J * u[:, None], groups, extra=(n - 1) / (n - rank), n_clusters=n_clusters)
    return NLSFit(b=b, V=V, V_modelbased=V_mb if vce != "gnr" else None, rss=old, tss=tss, df_m=df_m,
                  df_r=df_r, df_t=df_t, n=n, constant_index=const, converged=converged,
                  iterations=iterations, derivatives=J, n_clusters=n_clusters)
