"""``clogit``'s weights, offset and robust variance ([R] clogit; Methods and formulas of
[R] maximize and [P] _robust) on the conditional likelihood of ``mlmcli.conditional_likelihood``.

- offset o: eta = x b + o (an extra column whose coefficient is held at 1);
- weights w_g (constant within group): the log likelihood sum_g w_g l_g, its score and
  Hessian weighted alike (fweights, iweights and pweights give the same estimates);
- robust variance: the groups are the likelihood's independent units, so the sandwich is
  V = (-H)^-1 M (-H)^-1 with M = c/(c-1) sum_j u_j u_j' over clusters j, u_j the sum of
  the weighted group scores w_g s_g of cluster j (each group its own cluster unless
  ``vce(cluster v)``; v must not split a group); fweights count a group w_g times instead
  (M = sum w_g s_g s_g', c = sum w_g).
"""
from __future__ import annotations

import numpy as np

from mlmcli.conditional_group_batches import clogit_terms_of_groups
from mlmcli.conditional_likelihood import Groups


def group_terms(X: np.ndarray, y: np.ndarray, groups: Groups, b: np.ndarray, off: np.ndarray | None):
    """Per group: (log likelihoods (G,), scores (G, k), Hessians (G, k, k))."""
    k = X.shape[1]
    if off is not None:
        X, b = np.column_stack([X, off]), np.r_[b, 1.0]
    lls, scores, hessians = clogit_terms_of_groups(X, y, groups.order, groups.starts, b)
    return lls, scores[:, :k], hessians[:, :k, :k]


def group_values(values: np.ndarray, groups: Groups) -> np.ndarray:
    """The value of each group's first row (a weight or a cluster code constant within group)."""
    return values[groups.order[groups.starts[:-1]]]


def weighted_derivatives(w_group: np.ndarray | None, off: np.ndarray | None):
    """maximise()'s ``derivatives``: sum_g w_g (l_g, s_g, H_g)."""

    def derivatives(X, y, groups, b):
        lls, scores, hessians = group_terms(X, y, groups, b, off)
        w = np.ones(groups.n) if w_group is None else w_group
        return float(w @ lls), w @ scores, np.einsum("g,gij->ij", w, hessians)

    return derivatives


def robust_variance(V: np.ndarray, scores: np.ndarray, w_group: np.ndarray | None, weight_kind: str | None,
                    cluster_of_group: np.ndarray | None) -> tuple[np.ndarray, int]:
    """(the sandwich, the number of clusters) from the model variance V = (-H)^-1."""
    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    w = np.ones(len(scores)) if w_group is None else w_group
    codes, G = (None, len(scores)) if cluster_of_group is None else cluster_index(cluster_of_group)
    out = cluster_sandwich(V, w[:, None] * scores, codes, fweight=w if weight_kind == "fweight" else None)
    return (out + out.T) / 2, int(G)


def score_index(X: np.ndarray, y: np.ndarray, groups: Groups, b: np.ndarray, off: np.ndarray | None) -> np.ndarray:
    """Each row's u_t = d l_g / d eta_t = y_t - pi_t, pi_t the conditional probability that t is
    among its group's k cases (clogit's ``score()``; the group's score is sum_t u_t x_t)."""
    eta = X @ b + (0.0 if off is None else off)
    u = np.zeros(len(y))
    for s, e in zip(groups.starts[:-1], groups.starts[1:]):
        rows = groups.order[s:e]
        u[rows] = y[rows] - _inclusion_probabilities(eta[rows], int(round(y[rows].sum())))
    return u


def _inclusion_probabilities(eta: np.ndarray, k: int) -> np.ndarray:
    """d ln f(T, k) / d eta_t for f the sum over the size-k subsets of exp(sum eta)."""
    w = np.exp(eta - eta.max())
    T = len(eta)
    f = np.zeros(k + 1)
    g = np.zeros((k + 1, T))
    f[0] = 1.0
    for t in range(T):
        for j in range(min(t + 1, k), 0, -1):  # high to low: f[j-1] is still the previous row
            g[j] += w[t] * g[j - 1]
            g[j, t] += w[t] * f[j - 1]
            f[j] += w[t] * f[j - 1]
    return g[k] / f[k]


def opg_variance(scores: np.ndarray, w_group: np.ndarray | None) -> np.ndarray:
    """ml's vce(opg): (sum_g w_g s_g s_g')^-1 over the groups' scores."""
    w = np.ones(len(scores)) if w_group is None else w_group
    return np.linalg.inv((scores * w[:, None]).T @ scores)


def poisson_fe_robust_variance(V: np.ndarray, X: np.ndarray, y: np.ndarray, groups: Groups, b: np.ndarray,
                               off: np.ndarray | None) -> np.ndarray:
    """``xtpoisson, fe vce(robust)``: Wooldridge's (1999) variance V (sum_i s_i s_i') V over the
    panels, s_i = sum_t x_t (y_t - n_i p_t) with n_i = sum_t y_t and p_t = exp(eta_t) / sum_s
    exp(eta_s) in panel i; no c/(c-1) factor (xtpoisson.ado's XTPOISSON_FE_ROBUST: ``_robust``
    on y - mu ybar/mubar with ``cluster(ivar) minus(0)``)."""
    eta = X @ b + (0.0 if off is None else off)
    scores = np.zeros((groups.n, X.shape[1]))
    for j, (s, e) in enumerate(zip(groups.starts[:-1], groups.starts[1:])):
        rows = groups.order[s:e]
        w = np.exp(eta[rows] - eta[rows].max())
        scores[j] = (y[rows] - y[rows].sum() * w / w.sum()) @ X[rows]
    out = V @ (scores.T @ scores) @ V
    return (out + out.T) / 2
