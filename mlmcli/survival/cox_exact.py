"""stcox's exact treatments of tied failures (exactm also with stset fweights and iweights).

At each failure time tau the risk set R holds the records with t0 < tau <= t, D the d records
failing at tau, r_j = exp(eta_j), eta = x b (+ offset).

exactp (the exact partial likelihood, the conditional-logistic likelihood of the failures
given d of R fail):  L = exp(sum_D eta) / e_d(r_R), e_d the elementary symmetric polynomial
of degree d in the r of R, built by the recursion e_k(r_1..r_m) = e_k(r_1..r_m-1)
+ r_m e_k-1(r_1..r_m-1) carried with its gradient and Hessian in b.

exactm (the exact marginal likelihood: the probability that, in continuous time, the d
failures all precede the s = sum_{R\\D} r others):
  L = integral_0^inf exp(-t) prod_{i in D} (1 - exp(-a_i t)) dt,  a_i = r_i / s,
by Gauss-Legendre panels on a geometric grid of t (the integrand positive and smooth, no
alternating sums); its gradient and Hessian under the integral through log a_i = eta_i - log s
(d a_i = a_i (x_i - m_s), m_s and V_s the r-weighted mean and variance of x over R\\D).
With one failure both are r_i / sum_R r, Breslow's term.
With weights w (exactm only: [ST] stcox, "Weights are not supported with efron and exactp") a
failing record of weight w_i is w_i tied failures: the factor (1 - exp(-a_i t))^w_i and
s = sum_{R\\D} w r, which for fweights is the likelihood of the records repeated w times and
for iweights its extension to non-integer w.
"""
from __future__ import annotations

import numpy as np

from mlmcli.survival.cox import CoxData

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(24)

# ExactLikelihood keeps each failure time's rows of X (and the tied times' products) while they
# total fewer doubles than this (~32 MB; a risk set's rows summed over the failure times grow as
# n^2 / 2): larger data gather them again at each evaluation
CACHED_ELEMENTS = 4_000_000


class ExactLikelihood:
    """ll(b), gradient and Hessian of CoxData under exactp or exactm (module docstring)."""

    def __init__(self, data: CoxData):
        self.data = data
        dead = data.d == 1
        self.times = np.unique(data.t[dead])
        self.risk = [np.flatnonzero((data.t0 < tau) & (data.t >= tau)) for tau in self.times]
        self.dead = [np.flatnonzero(dead & (data.t == tau)) for tau in self.times]

    @staticmethod
    def value_free_of_derivatives() -> bool:
        return True  # evaluate computes the derivatives either way

    def _time_rows(self):
        """Per failure time what every evaluation reads from the data (they do not change with b):
        (R, D, X[R], X[D], the tied times' outer products of X[R] (exactp), the alive records
        R \\ D, X and log w of those); kept while their total stays under CACHED_ELEMENTS, else
        gathered again at each evaluation (None)."""
        if getattr(self, "_rows_of", None) is self.data.X:
            return self._rows
        data = self.data
        X, p = data.X, data.X.shape[1]
        tied = [len(D) > 1 or self.weighted for D in self.dead]
        size = sum(len(R) * (p + (p * p if tie and data.ties == "exactp" else 0) + (2 * p if tie else 0))
                   for R, tie in zip(self.risk, tied))
        rows = None
        if size <= CACHED_ELEMENTS:
            log_w = np.log(data.w)
            rows = []
            for R, D, tie in zip(self.risk, self.dead, tied):
                X_R = X[R]
                xx = X_R[:, :, None] * X_R[:, None, :] if tie and data.ties == "exactp" else None
                alive = np.setdiff1d(R, D, assume_unique=True) if tie and data.ties != "exactp" else None
                rows.append((R, D, X_R, X[D], xx, alive, None if alive is None else X[alive],
                             None if alive is None else log_w[alive]))
        self._rows, self._rows_of = rows, X
        return rows

    @property
    def weighted(self) -> bool:
        return bool(np.any(self.data.w != 1.0))

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        data = self.data
        X = data.X
        p = X.shape[1]
        eta = X @ b if p else np.zeros(len(data.t))
        if data.offset is not None:
            eta = eta + data.offset
        ll, grad, H = 0.0, np.zeros(p), np.zeros((p, p))
        w = data.w
        log_w = np.log(w)
        weighted = bool(np.any(w != 1.0))
        cached = self._time_rows()
        for k, (R, D) in enumerate(zip(self.risk, self.dead)):
            rows = None if cached is None else cached[k]
            X_R = X[R] if rows is None else rows[2]
            if len(D) == 1 and not weighted:  # no tie: both methods are r_i / sum_R r
                term = _single(eta[R], X_R, eta[D[0]], X[D[0]])
            elif data.ties == "exactp":
                term = _partial(eta[R], X_R, eta[D], X[D] if rows is None else rows[3], None if rows is None else rows[4])
            else:
                if rows is None:
                    alive = np.setdiff1d(R, D, assume_unique=True)
                    X_alive, log_w_alive = X[alive], log_w[alive]
                else:
                    alive, X_alive, log_w_alive = rows[5], rows[6], rows[7]
                if len(D) == 1 and len(alive):  # one weighted failure: the integral's closed form
                    term = _marginal_one(eta[D[0]], X[D[0]], eta[alive] + log_w_alive, X_alive, w[D[0]])
                else:
                    term = _marginal(eta[D], X[D] if rows is None else rows[3], eta[alive] + log_w_alive, X_alive,
                                     w[D])
            ll += term[0]
            grad = grad + term[1]
            H = H + term[2]
        return ll, grad, H



def _moments(eta: np.ndarray, X: np.ndarray):
    """log sum r, the r-weighted mean and covariance of the rows of X (r = exp(eta))."""
    shift = float(eta.max())
    r = np.exp(eta - shift)
    s = r.sum()
    m = r @ X / s
    V = (X * r[:, None]).T @ X / s - np.outer(m, m)
    return np.log(s) + shift, m, V


def _single(eta_r, X_r, eta_i, x_i):
    log_s, m, V = _moments(eta_r, X_r)
    return eta_i - log_s, x_i - m, -V


def _partial(eta_r, X_r, eta_d, X_d, xx=None):
    """log of exp(sum_D eta) / e_d(r_R) with its derivatives (the recursion over R).

    e_k over R's first m records is e_k over the first m - 1 plus r_m e_{k-1} over them, so
    e_k is the running sum over m of r_m e_{k-1}(first m - 1): one cumulative sum over R per
    degree k (the same additions in the same order as record by record), gradient and Hessian
    alike."""
    d, p = len(eta_d), X_r.shape[1]
    shift = float(eta_r.max())
    r = np.exp(eta_r - shift)
    m = len(r)
    # e_{k-1}, its gradient and Hessian over the records before each one (k = 1: e_0 = 1)
    g, g1, g2 = np.ones(m), np.zeros((m, p)), np.zeros((m, p, p))
    xx = X_r[:, :, None] * X_r[:, None, :] if xx is None else xx  # (cached per failure time)
    for _ in range(d):
        t2 = r[:, None, None] * (g[:, None, None] * xx + X_r[:, :, None] * g1[:, None, :]
                                 + g1[:, :, None] * X_r[:, None, :] + g2)
        t1 = r[:, None] * (g[:, None] * X_r + g1)
        f, f1, f2 = np.cumsum(r * g), np.cumsum(t1, axis=0), np.cumsum(t2, axis=0)
        g = np.concatenate([[0.0], f[:-1]])
        g1 = np.concatenate([np.zeros((1, p)), f1[:-1]])
        g2 = np.concatenate([np.zeros((1, p, p)), f2[:-1]])
    fd, f1d, f2d = f[-1], f1[-1], f2[-1]
    mean = f1d / fd
    ll = float(eta_d.sum()) - (np.log(fd) + d * shift)
    return ll, X_d.sum(axis=0) - mean, -(f2d / fd - np.outer(mean, mean))


def _grid(a: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes and weights on [0, T] for the exactm integrand: geometric panels from
    the scale of the fastest factor (1 / max a) to the tail of exp(-t) t^d (d: the failures'
    total weight)."""
    top = d + 12.0 * np.sqrt(d) + 45.0
    low = min(1e-3, 1e-3 / float(a.max()))
    edges = np.concatenate([[0.0], np.geomspace(low, top, int(np.ceil(np.log(top / low) / np.log(1.4))) + 1)])
    lo, hi = edges[:-1, None], edges[1:, None]
    t = (lo + hi) / 2 + (hi - lo) / 2 * _NODES[None, :]
    wt = (hi - lo) / 2 * _WEIGHTS[None, :]
    return t.ravel(), wt.ravel()


def _marginal_one(eta_i, x_i, eta_a, X_a, w_i):
    """The exactm term of one failing record of weight w: integral exp(-t) (1 - exp(-a t))^w dt
    = B(1/a, w + 1) / a (u = exp(-a t)); as a function of l = log a = eta_i - log s,
    f = -l + log B(u, w + 1), u = 1/a, f' = -1 - u (psi(u) - psi(u + w + 1)),
    f'' = u (psi(u) - psi(u + w + 1)) + u^2 (psi'(u) - psi'(u + w + 1))."""
    from scipy.special import betaln, digamma, polygamma

    log_s, m_s, V_s = _moments(eta_a, X_a)
    ell = eta_i - log_s
    u = float(np.exp(-ell))
    dpsi = digamma(u) - digamma(u + w_i + 1)
    f1 = -1.0 - u * dpsi
    f2 = u * dpsi + u * u * (polygamma(1, u) - polygamma(1, u + w_i + 1))
    c = x_i - m_s
    return -ell + float(betaln(u, w_i + 1)), f1 * c, f2 * np.outer(c, c) - f1 * V_s


def _marginal(eta_d, X_d, eta_a, X_a, w_d):
    """log of the exact marginal term (module docstring) with its gradient and Hessian; eta_a
    carries the alive records' log weights, w_d the failing records' weights (exponents)."""
    p = X_d.shape[1]
    if len(eta_a) == 0:  # every record at risk fails here: the ordering is certain
        return 0.0, np.zeros(p), np.zeros((p, p))
    log_s, m_s, V_s = _moments(eta_a, X_a)
    a = np.exp(eta_d - log_s)
    c = X_d - m_s                   # d log a_i / d b
    G = a[:, None] * c              # d a_i / d b
    t, wt = _grid(a, float(w_d.sum()))
    at = t[:, None] * a[None, :]
    q = -np.expm1(-at)              # 1 - exp(-a t)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        h = np.where(at > 0, t[:, None] / np.expm1(at), 1.0 / a[None, :])   # d log q / d a
        h = np.where(np.isfinite(h), h, 0.0)
        dh = np.where(q > 0, -h * t[:, None] / q, -0.5 * t[:, None] ** 2)   # d h / d a
    log_g = -t + np.log(np.where(q > 0, q, 1.0)) @ w_d
    log_g[(q <= 0).any(axis=1)] = -np.inf
    top = float(log_g.max())
    wg = wt * np.exp(log_g - top)
    L = float(wg.sum())
    h, dh = h * w_d[None, :], dh * w_d[None, :]    # d log g / d a_i = w_i h_i
    u = h @ G                       # d log g / d b at each node
    grad = (wg @ u) / L
    second = (u * wg[:, None]).T @ u
    second += (G * (wg @ dh)[:, None]).T @ G
    ha = wg @ (h * a[None, :])      # sum over nodes of wg h_i a_i
    second += (c * ha[:, None]).T @ c - ha.sum() * V_s
    return np.log(L) + top, grad, second / L - np.outer(grad, grad)
