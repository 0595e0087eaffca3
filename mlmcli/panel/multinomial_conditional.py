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

from ..errors import StataError

MAX_SEQUENCES = 500_000  # a panel's distinct sequences mlmcli enumerates


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
        blocks, owner, observed, at = [], [], [], 0
        for g in range(int(group.max()) + 1):
            rows = np.flatnonzero(group == g)
            counts = np.bincount(y[rows], minlength=K)
            if sequence_count(counts) > MAX_SEQUENCES:
                raise StataError(f"panel with {len(rows)} observations has too many outcome sequences for "
                                 "mlmcli's conditional likelihood", 1400)
            D = multiset_permutations(y[rows])
            F = np.zeros((len(D), self.p * self.d))
            for t, r in enumerate(rows):
                for k, j in col.items():
                    hit = D[:, t] == k
                    if hit.any():
                        F[hit, j * self.p:(j + 1) * self.p] += X[r]
            blocks.append(F)
            owner.append(np.full(len(D), g))
            observed.append(at)
            at += len(D)
        self.F = np.concatenate(blocks)
        self.owner = np.concatenate(owner)
        self.observed = np.array(observed, int)
        self.G = len(observed)
        self.k = self.p * self.d

    def _pi(self, theta):
        s = self.F @ theta
        top = np.full(self.G, -np.inf)
        np.maximum.at(top, self.owner, s)
        e = np.exp(s - top[self.owner])
        tot = np.bincount(self.owner, weights=e, minlength=self.G)
        return s, top + np.log(tot), e / tot[self.owner]

    def panel_loglik(self, theta) -> np.ndarray:
        s, lse, _ = self._pi(theta)
        return s[self.observed] - lse

    def loglik(self, theta) -> float:
        v = float(np.sum(self.panel_loglik(theta)))
        return v if np.isfinite(v) else -np.inf

    def panel_scores(self, theta) -> np.ndarray:
        _, _, pi = self._pi(theta)
        mean = np.zeros((self.G, self.k))
        np.add.at(mean, self.owner, self.F * pi[:, None])
        return self.F[self.observed] - mean

    def grad_hess(self, theta):
        _, _, pi = self._pi(theta)
        mean = np.zeros((self.G, self.k))
        np.add.at(mean, self.owner, self.F * pi[:, None])
        g = (self.F[self.observed] - mean).sum(axis=0)
        H = -(self.F * pi[:, None]).T @ self.F + mean.T @ mean
        return g, H


@dataclass
class ConditionalFit:
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    ll_0: float
    converged: bool
    steps: list = field(default_factory=list)
    robust: bool = False
    n_clusters: int | None = None
    limit_reached: bool = False


def fit_conditional(model: ConditionalLikelihood, *, iterate: int = 300, tolerance: float = 1e-6,
                    ltolerance: float = 1e-7, nrtolerance: float = 1e-5, robust: bool = False,
                    cluster: np.ndarray | None = None) -> ConditionalFit:
    from ..glm.fit import sandwich
    from ..glm.newton import maximize
    from ..mixed.inference import invert_negative_hessian

    x0 = np.zeros(model.k)
    ll0 = model.loglik(x0)
    res = maximize(model.loglik, model.grad_hess, x0, iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance, f0=ll0)
    theta = res.x
    H = model.grad_hess(theta)[1]
    n_clusters = None
    if robust:
        codes = np.arange(model.G) if cluster is None else np.unique(cluster, return_inverse=True)[1]
        V = sandwich(H, model.panel_scores(theta), codes)
        n_clusters = int(codes.max()) + 1 if cluster is not None else None
    else:
        V = invert_negative_hessian(H)
    return ConditionalFit(theta, (V + V.T) / 2, float(res.f), float(ll0), bool(res.converged), list(res.steps),
                          robust, n_clusters, bool(res.limit_reached))
