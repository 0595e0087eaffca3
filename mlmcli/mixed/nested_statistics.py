"""Per-group sufficient statistics of a nested linear mixed model.

Terms k = 0..K-1 (outermost first) are *nested* when every group of term k
lies inside one group of term k-1.  Then the data enter the (RE)ML deviance
only through, for each lowest-level group g, the rows of the weighted
cross-product that belong to the random-effects columns,

    Zrows_g = sum_{i in g} w_i z_i c_i',   z_i = (z_{K-1,i}, ..., z_{0,i}),  c_i = (z_i, x_i, y_i)

(Q x (Q + p + 1), Q = sum_k q_k), the global cross-product of (x, y)

    XX = sum_i w_i f_i (x_i, y_i)(x_i, y_i)',

the weighted number of observations and the maps from each term's groups to
their parent groups.  Computed once; every deviance evaluation then costs
O(G q^2 (Q + p) + G q p^2), independent of N, and memory is O(G Q (Q + p)),
not O(G p^2).

``w_i`` is the level-1 frequency weight (or scaled sampling weight); a
higher-level weight f_{k,g} multiplies the whole contribution of group g of
term k (a frequency weight replicates the group with all it contains);
f_i / ``cumulative[k]`` is the product of the weights of a group and all its
ancestors.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .spec import MixedSpec


def parent_map(child: np.ndarray, n_child: int, parent: np.ndarray) -> np.ndarray | None:
    """parent code of each child group, or None when children are not nested."""
    out = np.full(n_child, -1, dtype=np.int64)
    out[child] = parent
    if np.any(out[child] != parent):
        return None
    return out


def is_nested(spec: MixedSpec) -> bool:
    """True when each term's groups nest within the previous term's groups."""
    terms = spec.terms
    for k in range(1, len(terms)):
        if parent_map(terms[k].group, terms[k].n_groups, terms[k - 1].group) is None:
            return False
    return True


@dataclass
class NestedStatistics:
    """Sufficient statistics of a nested model (see module docstring).

    ``zrows``: (G_low, Q, Q + p + 1); ``xx``: (p+1, p+1); ``n``: weighted N;
    ``qs``: q_k per term, outermost first; ``aggregators[k]``: sparse
    (G_{k-1} x G_k) 0/1 matrix summing term-k groups into their parents
    (k >= 1); ``parents[k]``: the parent group (of term k-1) of each group of
    term k (None for k = 0); ``group_weights[k]``: multiplier per group of term k or None;
    ``cumulative[k]``: product of the weights of a term-k group and its
    ancestors (None when there are no group weights).  With ``keep_top``:
    ``to_top[k]`` (G_0 x G_k) and per highest-level group ``top_xx``, ``top_n``.
    """

    zrows: np.ndarray
    xx: np.ndarray
    n: float
    qs: list[int]
    p: int
    aggregators: list[sp.csr_matrix | None]
    group_weights: list[np.ndarray | None]
    cumulative: list[np.ndarray | None]
    top_groups: int
    parents: list[np.ndarray | None] | None = None
    to_top: list[sp.csr_matrix] | None = None
    top_xx: np.ndarray | None = None
    top_n: np.ndarray | None = None

    @classmethod
    def build(cls, spec: MixedSpec, obs_weight: np.ndarray | None,
              group_weights: list[np.ndarray | None], keep_top: bool = False) -> "NestedStatistics":
        terms = spec.terms
        n = len(spec.y)
        X = np.asarray(spec.X, float).reshape(n, -1)
        XY = np.column_stack([X, np.asarray(spec.y, float)])
        Zc = [np.asarray(t.Z, float).reshape(n, -1) for t in reversed(terms)]
        Zall = np.column_stack(Zc) if Zc else np.zeros((n, 0))
        Q = Zall.shape[1]
        if terms:
            codes, G = np.asarray(terms[-1].group, np.int64), terms[-1].n_groups
        else:
            codes, G = np.zeros(n, np.int64), 1
        w = np.ones(n) if obs_weight is None else np.asarray(obs_weight, float)
        D = Q + XY.shape[1]
        zrows = np.empty((G, Q, D))
        for i in range(Q):
            wi = w * Zall[:, i]
            for j in range(D):
                if j < Q and j < i:
                    zrows[:, i, j] = zrows[:, j, i]
                else:
                    cj = Zall[:, j] if j < Q else XY[:, j - Q]
                    zrows[:, i, j] = np.bincount(codes, weights=wi * cj, minlength=G)
        aggs: list[sp.csr_matrix | None] = [None]
        parents: list[np.ndarray | None] = [None]
        for k in range(1, len(terms)):
            par = parent_map(terms[k].group, terms[k].n_groups, terms[k - 1].group)
            if par is None:
                raise ValueError("terms are not nested")
            parents.append(par)
            Gk = terms[k].n_groups
            aggs.append(sp.csr_matrix((np.ones(Gk), (par, np.arange(Gk))),
                                      shape=(terms[k - 1].n_groups, Gk)))
        gw = list(group_weights) if terms else []
        cumulative: list[np.ndarray | None] = []
        if any(f is not None for f in gw):
            for k, t in enumerate(terms):
                own = gw[k] if gw[k] is not None else np.ones(t.n_groups)
                cumulative.append(own if k == 0 else own * (aggs[k].T @ cumulative[k - 1]))
        else:
            cumulative = [None] * len(terms)
        wc = w if not terms or cumulative[-1] is None else w * cumulative[-1][codes]
        unweighted = obs_weight is None and (not cumulative or cumulative[-1] is None)
        xx = XY.T @ XY if unweighted else XY.T @ (wc[:, None] * XY)
        top = terms[0].n_groups if terms else 1
        stats = cls(zrows, xx, float(wc.sum()), [z.shape[1] for z in reversed(Zc)], X.shape[1],
                    aggs, gw, cumulative, top, parents)
        if keep_top and terms:
            to_top = [sp.identity(top, format="csr")]
            for k in range(1, len(terms)):
                to_top.append((to_top[k - 1] @ aggs[k]).tocsr())
            top_codes = np.asarray(terms[0].group, np.int64)
            r = XY.shape[1]
            top_xx = np.empty((top, r, r))
            for i in range(r):
                for j in range(i, r):
                    top_xx[:, i, j] = top_xx[:, j, i] = np.bincount(
                        top_codes, weights=wc * XY[:, i] * XY[:, j], minlength=top)
            stats.to_top, stats.top_xx = to_top, top_xx
            stats.top_n = np.bincount(top_codes, weights=wc, minlength=top)
        return stats
