"""Per-group sufficient statistics of a nested linear mixed model.

Terms k = 0..K-1 (outermost first) are *nested* when every group of term k
lies inside one group of term k-1.  Then the data enter the (RE)ML deviance
only through, for each lowest-level group g, the weighted cross-product

    M_g = sum_{i in g} w_i  c_i c_i',   c_i = (z_{K-1,i}, ..., z_{0,i}, x_i, y_i)

(dimension D = sum_k q_k + p + 1), the weighted number of observations
n_g = sum_{i in g} w_i, and the maps from each term's groups to their parent
groups.  Computed once; every deviance evaluation then costs
O(G q^3 + p^3), independent of N.

``w_i`` is the level-1 frequency weight (or scaled sampling weight); a
higher-level weight f_{k,g} multiplies the whole contribution of group g of
term k (a frequency weight replicates the group with all it contains).
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

    ``moments``: (G_low, D, D); ``nobs``: (G_low,) weighted counts;
    ``qs``: q_k per term, outermost first; ``aggregators[k]``: sparse
    (G_{k-1} x G_k) 0/1 matrix summing term-k groups into their parents
    (k >= 1); ``group_weights[k]``: multiplier per group of term k or None.
    """

    moments: np.ndarray
    nobs: np.ndarray
    qs: list[int]
    p: int
    aggregators: list[sp.csr_matrix | None]
    group_weights: list[np.ndarray | None]
    top_groups: int

    @classmethod
    def build(cls, spec: MixedSpec, obs_weight: np.ndarray | None,
              group_weights: list[np.ndarray | None]) -> "NestedStatistics":
        terms = spec.terms
        n = len(spec.y)
        X = np.asarray(spec.X, float).reshape(n, -1)
        cols = [np.asarray(t.Z, float).reshape(n, -1) for t in reversed(terms)]
        C = np.column_stack(cols + [X, np.asarray(spec.y, float)])
        if terms:
            low = terms[-1]
            codes, G = np.asarray(low.group, np.int64), low.n_groups
        else:
            codes, G = np.zeros(n, np.int64), 1
        w = np.ones(n) if obs_weight is None else np.asarray(obs_weight, float)
        D = C.shape[1]
        M = np.empty((G, D, D))
        for i in range(D):
            wi = w * C[:, i]
            for j in range(i, D):
                M[:, i, j] = M[:, j, i] = np.bincount(codes, weights=wi * C[:, j], minlength=G)
        nobs = np.bincount(codes, weights=w, minlength=G)
        aggs: list[sp.csr_matrix | None] = [None]
        for k in range(1, len(terms)):
            par = parent_map(terms[k].group, terms[k].n_groups, terms[k - 1].group)
            if par is None:
                raise ValueError("terms are not nested")
            Gk = terms[k].n_groups
            aggs.append(sp.csr_matrix((np.ones(Gk), (par, np.arange(Gk))),
                                      shape=(terms[k - 1].n_groups, Gk)))
        top = terms[0].n_groups if terms else 1
        return cls(M, nobs, [t.Z.reshape(n, -1).shape[1] for t in terms], X.shape[1],
                   aggs, list(group_weights) if terms else [], top)
