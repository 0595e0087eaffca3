"""Conditional fixed-effects multinomial logit (``xtmlogit, fe``, Stata 17, [XT] xtmlogit).

With panel effects alpha_ik in every non-base outcome's index, the counts n_ik of each outcome
in panel i are sufficient for them; conditioning on the counts leaves

    Pr(y_i | n_i) = exp(sum_t x_it beta_{y_it}) / sum_{d in D_i} exp(sum_t x_it beta_{d_t}),

D_i the distinct sequences with the panel's outcome counts (the multiset permutations of
y_i).  Panels whose outcome never changes contribute nothing and are dropped.  With
F_d = sum_t x_it (x) e_{d_t} (the free outcomes' columns) log L_i = F_obs theta -
logsumexp_d F_d theta, the gradient F_obs - sum_d pi_d F_d and the Hessian -Cov_pi(F_d):
Newton-Raphson (``glm.newton``) from theta = 0, whose log likelihood is e(ll_0).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import special

ENUMERATED = 2_000  # panels with more distinct sequences: the recursion over outcome counts
# the stacked sequences of all enumerated panels are at most this many rows (x k doubles): past
# it a panel goes to the recursion too, which gives the same sums (to 1e-15) in less memory
ENUMERATED_ROWS = 1_000_000


def multiset_permutations(values) -> np.ndarray:
    """Every distinct ordering of ``values`` (rows), the given order first."""
    first = list(values)
    items = sorted(first)
    out = [first]
    n = len(items)
    while True:  # the next permutation in lexicographic order
        i = n - 2
        while i >= 0 and items[i] >= items[i + 1]:
            i -= 1
        if i < 0:
            break
        j = n - 1
        while items[j] <= items[i]:
            j -= 1
        items[i], items[j] = items[j], items[i]
        items[i + 1:] = reversed(items[i + 1:])
        if items != first:
            out.append(list(items))
    if sorted(first) != first:
        out.append(sorted(first))
    return np.array(out, int)


def sequence_count(counts) -> int:
    total = int(np.sum(counts))
    v = special.factorial(total, exact=True)
    for c in counts:
        v //= special.factorial(int(c), exact=True)
    return v


class ConditionalLikelihood:
    """The stacked sequences' features: F (sum of sequences x k), each sequence's panel, the
    observed sequence's row of each panel."""

    def __init__(self, y: np.ndarray, K: int, base: int, X: np.ndarray, group: np.ndarray):
        free = [k for k in range(K) if k != base]
        self.p, self.d = X.shape[1], len(free)
        col = {k: j for j, k in enumerate(free)}
        blocks, owner, observed, at, self.large = [], [], [], 0, []
        enum_ids, large_ids = [], []
        self.free, self.X = free, X
        n_groups = int(group.max()) + 1
        by_group = np.argsort(group, kind="stable")  # each panel's rows in data order, one pass
        bounds = np.searchsorted(group[by_group], np.arange(n_groups + 1))
        for g in range(n_groups):
            rows = by_group[bounds[g]:bounds[g + 1]]
            counts = np.bincount(y[rows], minlength=K)
            sequences = sequence_count(counts)
            if sequences > ENUMERATED or at + sequences > ENUMERATED_ROWS:
                self.large.append(CountRecursion(y[rows], counts, rows))
                large_ids.append(g)
                continue
            enum_ids.append(g)
            D = multiset_permutations(y[rows])
            F = np.zeros((len(D), self.p * self.d))
            for t, r in enumerate(rows):
                for k, j in col.items():
                    hit = D[:, t] == k
                    if hit.any():
                        F[hit, j * self.p:(j + 1) * self.p] += X[r]
            blocks.append(F)
            owner.append(np.full(len(D), len(observed)))
            observed.append(at)
            at += len(D)
        blocks = blocks or [np.zeros((0, self.p * self.d))]
        owner = owner or [np.zeros(0, int)]
        self.F = np.concatenate(blocks)
        self.owner = np.concatenate(owner)
        self.observed = np.array(observed, int)
        self.G = len(observed)
        self.k = self.p * self.d
        self.K = K
        self.order = np.argsort(np.array(enum_ids + large_ids, int))  # back to the panels' order
        self.n_panels = len(enum_ids) + len(large_ids)

    def _eta(self, theta, rows) -> np.ndarray:
        """rows x K: every outcome's index (the base's 0)."""
        eta = np.zeros((len(rows), self.K))
        B = np.asarray(theta, float).reshape(self.d, self.p)
        for j, k in enumerate(self.free):
            eta[:, k] = self.X[rows] @ B[j]
        return eta

    def _large_scores(self, theta) -> np.ndarray:
        out = np.zeros((len(self.large), self.k))
        for i, panel in enumerate(self.large):
            q = panel.marginals(self._eta(theta, panel.rows))
            resid = (panel.y[:, None] == np.arange(self.K)[None, :]) - q
            for j, k in enumerate(self.free):
                out[i, j * self.p:(j + 1) * self.p] = self.X[panel.rows].T @ resid[:, k]
        return out

    def _pi(self, theta):
        s = self.F @ theta
        top = np.full(self.G, -np.inf)
        np.maximum.at(top, self.owner, s)
        e = np.exp(s - top[self.owner])
        tot = np.bincount(self.owner, weights=e, minlength=self.G)
        return s, top + np.log(tot), e / tot[self.owner]

    def panel_loglik(self, theta) -> np.ndarray:
        s, lse, _ = self._pi(theta)
        large = [p.loglik(self._eta(theta, p.rows)) for p in self.large]
        return np.concatenate([s[self.observed] - lse, large])[self.order]

    def loglik(self, theta) -> float:
        v = float(np.sum(self.panel_loglik(theta)))
        return v if np.isfinite(v) else -np.inf

    def panel_scores(self, theta) -> np.ndarray:
        _, _, pi = self._pi(theta)
        mean = np.zeros((self.G, self.k))
        np.add.at(mean, self.owner, self.F * pi[:, None])
        return np.concatenate([self.F[self.observed] - mean, self._large_scores(theta)])[self.order]

    def grad_hess(self, theta):
        _, _, pi = self._pi(theta)
        mean = np.zeros((self.G, self.k))
        np.add.at(mean, self.owner, self.F * pi[:, None])
        g = (self.F[self.observed] - mean).sum(axis=0)
        H = -(self.F * pi[:, None]).T @ self.F + mean.T @ mean
        if self.large:
            g = g + self._large_scores(theta).sum(axis=0)
            theta = np.asarray(theta, float)
            for j in range(self.k):
                h = 1e-5 * max(1.0, abs(theta[j]))
                up, dn = theta.copy(), theta.copy()
                up[j] += h
                dn[j] -= h
                H[:, j] += (self._large_scores(up).sum(axis=0) - self._large_scores(dn).sum(axis=0)) / (2 * h)
            H = (H + H.T) / 2
        return g, H


class CountRecursion:
    """One panel's sum over the sequences with its outcome counts, by a recursion over the
    counts used so far (an array with an axis an outcome, 0..n_k each)."""

    def __init__(self, y: np.ndarray, counts: np.ndarray, rows: np.ndarray):
        self.y, self.counts, self.rows = np.asarray(y, int), np.asarray(counts, int), rows
        self.shape = tuple(int(c) + 1 for c in counts)

    def _shift(self, a: np.ndarray, k: int, forward: bool) -> np.ndarray:
        """forward: out[n] = a[n - e_k]; backward: out[n] = a[n + e_k] (-inf outside)."""
        out = np.full_like(a, -np.inf)
        src, dst = [slice(None)] * a.ndim, [slice(None)] * a.ndim
        if forward:
            src[k], dst[k] = slice(0, -1), slice(1, None)
        else:
            src[k], dst[k] = slice(1, None), slice(0, -1)
        out[tuple(dst)] = a[tuple(src)]
        return out

    def _forward(self, eta):
        alpha = [np.full(self.shape, -np.inf)]
        alpha[0][(0,) * len(self.shape)] = 0.0
        for t in range(len(self.y)):
            terms = [self._shift(alpha[-1], k, True) + eta[t, k] for k in range(len(self.shape))]
            alpha.append(np.logaddexp.reduce(np.array(terms), axis=0))
        return alpha

    def loglik(self, eta) -> float:
        logz = self._forward(eta)[-1][tuple(self.counts)]
        return float(eta[np.arange(len(self.y)), self.y].sum() - logz)

    def marginals(self, eta) -> np.ndarray:
        """T x K: Pr(d_t = k) over the sequences weighted by exp(sum_t eta_{t,d_t})."""
        alpha = self._forward(eta)
        T, K = eta.shape
        beta = [None] * (T + 1)
        beta[T] = np.full(self.shape, -np.inf)
        beta[T][tuple(self.counts)] = 0.0
        for t in range(T - 1, -1, -1):
            terms = [self._shift(beta[t + 1], k, False) + eta[t, k] for k in range(K)]
            beta[t] = np.logaddexp.reduce(np.array(terms), axis=0)
        logz = alpha[T][tuple(self.counts)]
        q = np.zeros((T, K))
        for t in range(T):
            for k in range(K):
                joint = self._shift(alpha[t], k, True) + eta[t, k] + beta[t + 1]
                q[t, k] = np.exp(np.logaddexp.reduce(joint.ravel()) - logz)
        return q


@dataclass
class PanelEstimates:
    """What the xtmlogit fits hand back: theta (re: its covariance parameters last), V, the
    log likelihood, ll_0 (fe: at theta = 0), the iteration log and the variance's kind."""

    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    steps: list = field(default_factory=list)
    robust: bool = False
    n_clusters: int | None = None
    limit_reached: bool = False
    ll_0: float = float("nan")


def fit_conditional(model: ConditionalLikelihood, *, iterate: int = 300, tolerance: float = 1e-6,
                    ltolerance: float = 1e-7, nrtolerance: float = 1e-5, robust: bool = False,
                    cluster: np.ndarray | None = None) -> PanelEstimates:
    from ..glm.fit import sandwich
    from ..glm.newton import maximize
    from ..mixed.inference import invert_negative_hessian
    from ..robust.cluster_sandwich import cluster_index

    x0 = np.zeros(model.k)
    ll0 = model.loglik(x0)
    res = maximize(model.loglik, model.grad_hess, x0, iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance, f0=ll0)
    theta = res.x
    H = model.grad_hess(theta)[1]
    n_clusters = None
    if robust:
        codes = np.arange(model.n_panels) if cluster is None else cluster_index(cluster)[0]
        V = sandwich(H, model.panel_scores(theta), codes)
        n_clusters = int(codes.max()) + 1 if cluster is not None else None
    else:
        V = invert_negative_hessian(H)
    return PanelEstimates(theta, (V + V.T) / 2, float(res.f), bool(res.converged), list(res.steps), robust,
                          n_clusters, bool(res.limit_reached), float(ll0))
