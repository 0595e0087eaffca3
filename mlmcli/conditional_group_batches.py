"""The conditional-logit group terms (l_g, s_g, H_g) of many groups at once.

The conditional logit's denominator is the recursion

    f(t, j) = f(t-1, j) + w_t f(t-1, j-1),   w_t = exp(eta_t),   f(t, 0) = 1,

with its gradient and Hessian, for one group; here it is carried in log space
(``stacked_terms``), groups of one size T and one count k of positive outcomes stacked,
(G, T, p), and run once over t for all of them: ``clogit_group_terms`` is the same code on a
stack of one, so a Python round per group becomes one per (T, k) class.  Groups are taken in
chunks that bound the (G, k+1, p, p) Hessian rows.
"""
from __future__ import annotations

import numpy as np

_CHUNK_ELEMENTS = 1 << 21  # Hessian-row elements per stacked class (16 MB of float64)


def clogit_terms_of_groups(X: np.ndarray, y: np.ndarray, order: np.ndarray, starts: np.ndarray, b: np.ndarray):
    """Per group (``order[starts[j]:starts[j+1]]`` its rows): log likelihoods (G,), scores
    (G, p) and Hessians (G, p, p) of the conditional logit at ``b``."""
    n_groups, p = len(starts) - 1, X.shape[1]
    sizes = np.diff(starts)
    if n_groups == 0:
        return np.empty(0), np.empty((0, p)), np.empty((0, p, p))
    # starts may be a slice of a longer grouping: reduce over these groups' rows only
    positives = np.rint(np.add.reduceat(y[order[starts[0]:starts[-1]]], starts[:-1] - starts[0])).astype(np.int64)
    lls, scores, hessians = np.empty(n_groups), np.empty((n_groups, p)), np.empty((n_groups, p, p))
    classes = sizes * (int(positives.max()) + 1) + positives
    by_class = np.argsort(classes, kind="stable")
    bounds = np.r_[0, np.flatnonzero(np.diff(classes[by_class])) + 1, n_groups]
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        members = by_class[lo:hi]
        size, k = int(sizes[members[0]]), int(positives[members[0]])
        step = max(1, _CHUNK_ELEMENTS // ((k + 1) * p * p + 1))
        for c in range(0, members.size, step):
            part = members[c:c + step]
            rows = order[starts[part][:, None] + np.arange(size)]
            lls[part], scores[part], hessians[part] = stacked_terms(X[rows], y[rows], k, b)
    return lls, scores, hessians


def stacked_terms(X: np.ndarray, y: np.ndarray, k: int, b: np.ndarray):
    """(l_g, s_g, H_g) of groups stacked as X (G, T, p), y (G, T), each with k positives.

    The recursion is carried in log space: ln f(t, j) = logaddexp(ln f(t-1, j), eta_t +
    ln f(t-1, j-1)), with m = g / f and M = H / f (the subset sums' first and second moments)
    mixed in the two terms' shares a + c = 1.  No product of k weights is formed, so a
    separating fit's huge coefficients (k positives whose weights' products pass below the
    smallest double) keep a finite ln L and derivatives, as ml's evaluator does.  l_g, s_g and
    H_g are free of a shift of x within the group, so each group is measured from its first row:
    a regressor far from 0 (near 1e9) keeps its differences' digits in the shares."""
    n_groups, size, p = X.shape
    X = X - X[:, :1]
    eta = X @ b
    lf = np.full((n_groups, k + 1), -np.inf)
    lf[:, 0] = 0.0
    m = np.zeros((n_groups, k + 1, p))
    M = np.zeros((n_groups, k + 1, p, p))
    for t in range(size):
        x = X[:, t]
        upper = min(t + 1, k)
        # rows 1..upper from rows 0..upper-1: every right side is built before it is stored
        same, lower = lf[:, 1:upper + 1], lf[:, :upper] + eta[:, t][:, None]
        both = np.logaddexp(same, lower)
        a, c = np.exp(same - both), np.exp(lower - both)
        m1, M1 = m[:, :upper], M[:, :upper]
        outer = x[:, :, None] * x[:, None, :]
        M[:, 1:upper + 1] = a[:, :, None, None] * M[:, 1:upper + 1] + c[:, :, None, None] * (
            outer[:, None] + x[:, None, :, None] * m1[:, :, None, :] + m1[:, :, :, None] * x[:, None, None, :] + M1)
        m[:, 1:upper + 1] = a[:, :, None] * m[:, 1:upper + 1] + c[:, :, None] * (x[:, None, :] + m1)
        lf[:, 1:upper + 1] = both
    mean = m[:, k]
    ll = np.einsum("gt,gt->g", y, eta) - lf[:, k]
    score = np.einsum("gt,gtp->gp", y, X) - mean
    hess = -(M[:, k] - mean[:, :, None] * mean[:, None, :])
    return ll, score, hess


def clogit_sums(X: np.ndarray, y: np.ndarray, order: np.ndarray, starts: np.ndarray, b: np.ndarray):
    """sum_g (l_g, s_g, H_g), added group by group in group order (the per-group loop's
    order), the groups taken in chunks of at most ~16 MB of Hessians."""
    p = X.shape[1]
    ll, score, hess = 0.0, np.zeros(p), np.zeros((p, p))
    step = max(1, _CHUNK_ELEMENTS // (p * p + 1))
    for lo in range(0, len(starts) - 1, step):
        a, sc, h = clogit_terms_of_groups(X, y, order, starts[lo:lo + step + 1], b)
        ll = float(np.cumsum(np.r_[ll, a])[-1])  # cumsum adds in sequence, as ``+=`` did
        score = np.cumsum(np.concatenate([score[None], sc]), axis=0)[-1]
        hess = np.cumsum(np.concatenate([hess[None], h]), axis=0)[-1]
    return ll, score, hess
