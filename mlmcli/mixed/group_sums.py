"""A nested model's data as sums over its lowest-level groups (the rows are not held).

For a nested model the (RE)ML deviance depends on the data only through, per
lowest-level group g (``nested_statistics``),

    zc_g = sum_{i in g} z_i c_i'     (Q x D),   c_i = (z_i, x_i, y_i),  D = Q + p + 1
    xy_g = sum_{i in g} (x_i, y_i)(x_i, y_i)'   ((p+1) x (p+1))
    n_g  = number of rows in g,

with z_i = (z_{K-1,i}, ..., z_{0,i}) (innermost term first) and the map from each
lowest-level group to the group of every term that contains it.  These sums can be
computed where the rows are (an SQL ``GROUP BY`` in DuckDB: ``mlmcli.lazydata``; a Dask
reduction: ``mlmcli.distributed``) and handed to the engine in ``MixedSpec.group_sums``
instead of y, X and Z; the fit is then the same computation as from rows in memory.
Unweighted models only (weights enter per row).

From the sums: ``NestedStatistics`` (``zrows`` = zc; ``xx`` = sum_g xy_g; ``n`` = sum n_g;
per highest-level group ``top_xx``/``top_n`` when asked), the scale of each random-
effects column (root mean square: sqrt(sum_g diag(zc_g) / n)), the rows in each group
of each term (``estat group``), and whether the fixed part reproduces y exactly
(residual sum of squares of y on X from xx below 1e-13 y'y: the cross-products
cancel to about 1e-16 y'y, not to 0 as the residuals from rows do).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..errors import StataError
from .nested_statistics import NestedStatistics


def rows_not_held(what: str = "this") -> StataError:
    """The error of a fit computed from group sums asked for something that needs its rows."""
    return StataError(f"{what} needs the estimation data's rows, which this fit never held "
                      "(it used lazy data: use the data in memory and fit again)", 459)


@dataclass(frozen=True)
class GroupSums:
    """Per lowest-level group sums (see module docstring).

    ``zc``: (G, Q, D); ``xy``: (G, p+1, p+1); ``count``: (G,) rows; ``qs``: q_k per term,
    outermost first; ``term_groups[k]``: (G,) the code (0..n_groups[k]-1) of the term-k
    group holding each lowest-level group (the last term's is ``arange(G)``)."""

    zc: np.ndarray
    xy: np.ndarray
    count: np.ndarray
    qs: tuple[int, ...]
    term_groups: tuple[np.ndarray, ...]
    n_groups: tuple[int, ...]

    @property
    def p(self) -> int:
        return self.xy.shape[1] - 1

    @property
    def nobs(self) -> int:
        return int(round(float(self.count.sum())))

    def statistics(self, keep_top: bool = False) -> NestedStatistics:
        """The engine's ``NestedStatistics`` of these sums."""
        K = len(self.qs)
        parents: list[np.ndarray | None] = [None]
        for k in range(1, K):
            parent = np.full(self.n_groups[k], -1, np.int64)
            parent[self.term_groups[k]] = self.term_groups[k - 1]
            parents.append(parent)
        top = self.term_groups[0] if K else np.zeros(len(self.count), np.int64)
        G0 = self.n_groups[0] if K else 1
        r = self.xy.shape[1]
        top_xx = (np.stack([np.bincount(top, weights=self.xy[:, i, j], minlength=G0)
                            for i in range(r) for j in range(r)], axis=1).reshape(-1, r, r) if keep_top else None)
        top_n = np.bincount(top, weights=self.count, minlength=G0) if keep_top else None
        common = dict(xx=self.xy.sum(axis=0), n=float(self.count.sum()), qs=list(self.qs), p=self.p,
                      group_weights=[None] * K, cumulative=[None] * K, top_groups=G0)
        if "aggregators" in NestedStatistics.__dataclass_fields__:
            return self._with_aggregators(parents, common, keep_top and K, top_xx, top_n)
        # the layout of issue 16's speed work: group axis last, parent maps, top-group index per group
        stats = NestedStatistics(zrows=np.ascontiguousarray(np.moveaxis(self.zc, 0, -1)), parents=parents,
                                 n_groups=list(self.n_groups), **common)
        if keep_top and K:
            to_top = [np.arange(G0)]
            for k in range(1, K):
                to_top.append(to_top[k - 1][parents[k]])
            stats.to_top, stats.top_xx, stats.top_n = to_top, np.moveaxis(top_xx, 0, -1).copy(), top_n
        return stats

    def _with_aggregators(self, parents, common, keep_top, top_xx, top_n) -> NestedStatistics:
        """``NestedStatistics`` with sparse aggregators (main's engine before issue 16's speed work)."""
        K = len(self.qs)
        aggs: list[sp.csr_matrix | None] = [None]
        for k in range(1, K):
            aggs.append(sp.csr_matrix((np.ones(self.n_groups[k]), (parents[k], np.arange(self.n_groups[k]))),
                                      shape=(self.n_groups[k - 1], self.n_groups[k])))
        stats = NestedStatistics(zrows=self.zc, aggregators=aggs, **common)
        if hasattr(stats, "parents"):
            stats.parents = parents
        if keep_top:
            to_top = [sp.identity(self.n_groups[0], format="csr")]
            for k in range(1, K):
                to_top.append((to_top[k - 1] @ aggs[k]).tocsr())
            stats.to_top, stats.top_xx, stats.top_n = to_top, top_xx, top_n
        return stats

    def square_sums(self, k: int) -> np.ndarray:
        """sum over rows of z^2 for each column of term k (outermost-first index)."""
        start = sum(self.qs[k + 1:])  # zc holds the innermost term's columns first
        idx = np.arange(start, start + self.qs[k])
        return self.zc[:, idx, idx].sum(axis=0)

    def group_counts(self, k: int) -> np.ndarray:
        """Rows in each group of term k."""
        return np.bincount(self.term_groups[k], weights=self.count, minlength=self.n_groups[k])

    def fits_perfectly(self) -> bool:
        """The fixed part reproduces y exactly (r(1400), as ``fit._fits_perfectly``)."""
        M = self.xy.sum(axis=0)
        p = self.p
        yy = float(M[p, p])
        if not p:
            return yy <= 0.0
        A, b = M[:p, :p], M[:p, p]
        beta = np.linalg.lstsq(A, b, rcond=None)[0]
        rss = yy - float(b @ beta)
        return rss <= 1e-13 * max(1.0, yy)  # cross-products cancel to ~1e-16 y'y, not to 0
