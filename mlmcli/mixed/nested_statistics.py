"""Per-group sufficient statistics of a nested linear mixed model.

Terms k = 0..K-1 (outermost first) are *nested* when every group of term k
lies inside one group of term k-1.  Then the data enter the (RE)ML deviance
only through, for each lowest-level group g, the rows of the weighted
cross-product that belong to the random-effects columns,

    Zrows_g = sum_{i in g} w_i z_i c_i',   z_i = (z_{K-1,i}, ..., z_{0,i}),  c_i = (z_i, x_i, y_i)

(Q x (Q + p + 1), Q = sum_k q_k; stored group axis last, ``small_blocks``), the global cross-product of (x, y)

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

from .spec import MixedSpec


def parent_map(child: np.ndarray, n_child: int, parent: np.ndarray) -> np.ndarray | None:
    """parent code of each child group, or None when children are not nested."""
    out = np.full(n_child, -1, dtype=np.int64)
    out[child] = parent
    if np.any(out[child] != parent):
        return None
    return out


def _cross_products(X: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """[X y]'W[X y] without stacking [X y]."""
    p = X.shape[1]
    Xw = X if w is None else X * w[:, None]
    yw = y if w is None else y * w
    out = np.empty((p + 1, p + 1))
    out[:p, :p] = Xw.T @ X
    out[:p, p] = out[p, :p] = Xw.T @ y
    out[p, p] = yw @ y
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
    """Sufficient statistics of a nested model (see module docstring), group axis last.

    ``zrows``: (Q, Q + p + 1, G_low); ``xx``: (p+1, p+1); ``n``: weighted N;
    ``qs``: q_k per term, outermost first; ``parents[k]``: the parent group (of term
    k-1) of each group of term k (None for k = 0); ``group_weights[k]``: multiplier per
    group of term k or None; ``cumulative[k]``: product of the weights of a term-k group
    and its ancestors (None when there are no group weights).  With ``keep_top``:
    ``to_top[k]``, the highest-level group of each group of term k, and per highest-level
    group ``top_xx`` ((p+1, p+1, G_0)) and ``top_n``.
    """

    zrows: np.ndarray
    xx: np.ndarray
    n: float
    qs: list[int]
    p: int
    parents: list[np.ndarray | None]
    group_weights: list[np.ndarray | None]
    cumulative: list[np.ndarray | None]
    top_groups: int
    n_groups: list[int]
    to_top: list[np.ndarray] | None = None
    top_xx: np.ndarray | None = None
    top_n: np.ndarray | None = None

    @classmethod
    def build(cls, spec: MixedSpec, obs_weight: np.ndarray | None,
              group_weights: list[np.ndarray | None], keep_top: bool = False) -> "NestedStatistics":
        terms = spec.terms
        n = len(spec.y)
        X = np.asarray(spec.X, float).reshape(n, -1)
        y = np.asarray(spec.y, float)
        # columns as views (no n x (Q + p + 1) copy): Z of each term, innermost first, X, y
        zcols = [Z[:, c] for Z in (np.asarray(t.Z, float).reshape(n, -1) for t in reversed(terms))
                 for c in range(Z.shape[1])]
        cols = zcols + [X[:, c] for c in range(X.shape[1])] + [y]
        Q = len(zcols)
        if terms:
            codes, G = np.asarray(terms[-1].group, np.int64), terms[-1].n_groups
        else:
            codes, G = np.zeros(n, np.int64), 1
        w = None if obs_weight is None else np.asarray(obs_weight, float)
        D = len(cols)
        zrows = np.empty((Q, D, G))
        for i in range(Q):
            wi = np.ascontiguousarray(zcols[i]) if w is None else w * zcols[i]
            for j in range(D):
                if j < Q and j < i:
                    zrows[i, j] = zrows[j, i]
                else:
                    zrows[i, j] = np.bincount(codes, weights=wi * cols[j], minlength=G)
            del wi
        parents: list[np.ndarray | None] = [None]
        for k in range(1, len(terms)):
            par = parent_map(terms[k].group, terms[k].n_groups, terms[k - 1].group)
            if par is None:
                raise ValueError("terms are not nested")
            parents.append(par)
        gw = list(group_weights) if terms else []
        cumulative: list[np.ndarray | None] = []
        if any(f is not None for f in gw):
            for k, t in enumerate(terms):
                own = gw[k] if gw[k] is not None else np.ones(t.n_groups)
                cumulative.append(own if k == 0 else own * cumulative[k - 1][parents[k]])
        else:
            cumulative = [None] * len(terms)
        wc = w if not terms or cumulative[-1] is None else (
            (1.0 if w is None else w) * cumulative[-1][codes])
        xx = _cross_products(X, y, wc)
        n_w = float(n if wc is None else np.sum(wc))
        top = terms[0].n_groups if terms else 1
        stats = cls(zrows, xx, n_w, [np.asarray(t.Z).reshape(n, -1).shape[1] for t in terms], X.shape[1],
                    parents, gw, cumulative, top, [t.n_groups for t in terms])
        if keep_top and terms:
            to_top = [np.arange(top)]
            for k in range(1, len(terms)):
                to_top.append(to_top[k - 1][parents[k]])
            top_codes = np.asarray(terms[0].group, np.int64)
            wt = np.ones(n) if wc is None else wc
            xy = cols[Q:]
            r = len(xy)
            top_xx = np.empty((r, r, top))
            for i in range(r):
                for j in range(i, r):
                    top_xx[i, j] = top_xx[j, i] = np.bincount(
                        top_codes, weights=wt * xy[i] * xy[j], minlength=top)
            stats.to_top, stats.top_xx = to_top, top_xx
            stats.top_n = np.bincount(top_codes, weights=wt, minlength=top)
        return stats
