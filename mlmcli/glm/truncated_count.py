"""Left-truncated Poisson and negative binomial regression ([R] tpoisson, [R] tnbreg; the older
ztp and ztnb): the numbers behind those commands.

A count is observed only above its truncation point t_i (t_i = 0: zero-truncated):

    ln L_i = ln f(y_i) - ln S(t_i),   S(t) = Pr(Y > t) = 1 - sum_{k=0}^{t} f(k)

with f Poisson(mu) or NB2(mu, alpha), mu = exp(x b + offset).  ln f and its derivatives in the
indices (m = x b + offset, a = ln alpha) are ``zero_inflated``'s count part; those of S are the
sums of f(k) (f_m = f lf_m, f_mm = f (lf_mm + lf_m^2), ...) over k <= t.  Gradient and Hessian
are X' (w d) blocks, maximised by ``newton.maximize``.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .zero_inflated import LikelihoodFit, count_log_density, maximize_with_variance


@dataclass
class TruncatedCountData:
    y: np.ndarray
    X: np.ndarray
    point: np.ndarray  # the truncation point of each observation (y > point)
    offset: np.ndarray
    w: np.ndarray


def observation_derivatives(d: TruncatedCountData, m, a):
    """ln L_i and its derivatives in (m, a): (ll, g (n x 2), H (n x 2 x 2)); a None: Poisson."""
    lf, fm, fa, fmm, fma, faa = count_log_density(d.y, m, a)
    n = len(m)
    F = np.zeros(n)
    Fm, Fa, Fmm, Fma, Faa = (np.zeros(n) for _ in range(5))
    top = int(np.max(d.point)) if n else -1
    for k in range(0, top + 1):
        active = d.point >= k
        if not active.any():
            continue
        kk = np.full(n, float(k))
        lk, km, ka, kmm, kma, kaa = count_log_density(kk, m, a)
        f = np.where(active, np.exp(lk), 0.0)
        F += f
        Fm += f * km
        Fa += f * ka
        Fmm += f * (kmm + km * km)
        Fma += f * (kma + km * ka)
        Faa += f * (kaa + ka * ka)
    with np.errstate(divide="ignore", invalid="ignore"):
        S = 1.0 - F
        log_s = np.where(F < 0.5, np.log1p(-F), np.log(S))
        sm, sa = -Fm / S, -Fa / S
        smm, sma, saa = -Fmm / S - sm * sm, -Fma / S - sm * sa, -Faa / S - sa * sa
    g = np.column_stack([fm - sm, fa - sa])
    H = np.empty((n, 2, 2))
    H[:, 0, 0], H[:, 0, 1], H[:, 1, 0], H[:, 1, 1] = fmm - smm, fma - sma, fma - sma, faa - saa
    return lf - log_s, g, H


class TruncatedCountLikelihood:
    def __init__(self, data: TruncatedCountData, negative_binomial: bool):
        self.data, self.nb = data, negative_binomial

    def _parts(self, theta):
        d = self.data
        k = d.X.shape[1]
        m = d.X @ theta[:k] + d.offset
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return observation_derivatives(d, m, float(theta[k]) if self.nb else None)

    def loglik(self, theta) -> float:
        v = float(self.data.w @ self._parts(np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta):
        _, g, _ = self._parts(theta)
        parts = [self.data.X * g[:, [0]]] + ([g[:, [1]]] if self.nb else [])
        return np.hstack(parts)

    def grad_hess(self, theta):
        _, g, H = self._parts(theta)
        X, w = self.data.X, self.data.w
        grad = X.T @ (w * g[:, 0])
        Hm = (X * (w * H[:, 0, 0])[:, None]).T @ X
        if not self.nb:
            return grad, Hm
        k = X.shape[1]
        full = np.zeros((k + 1, k + 1))
        full[:k, :k] = Hm
        full[:k, k] = full[k, :k] = X.T @ (w * H[:, 0, 1])
        full[k, k] = w @ H[:, 1, 1]
        return np.concatenate([grad, [w @ g[:, 1]]]), full


def fit_truncated_count(d: TruncatedCountData, start, *, negative_binomial: bool, iterate=300, tolerance=1e-6,
                        ltolerance=1e-7, nrtolerance=1e-5, robust=False, cluster=None,
                        frequency=False) -> LikelihoodFit:
    res, V = maximize_with_variance(TruncatedCountLikelihood(d, negative_binomial), start, d.w,
                                    dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                         nrtolerance=nrtolerance), robust=robust, cluster=cluster, frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
