"""pwmean's numbers ([R] pwmean, Methods and formulas): the means of y in each cell of the over()
variables (cells in sort order), their common-variance standard errors and every pairwise
difference mean_j - mean_i (i < j) with the multiple-comparison adjustment of
``mlmcli.margins.contrasts.Adjustment`` (m = k(k-1)/2 comparisons of rank k - 1):

    s^2 = sum_cells sum (y - mean_cell)^2 / (N - k),   se(mean_i) = s / sqrt(n_i),
    se(mean_j - mean_i) = s sqrt(1/n_i + 1/n_j),      t on N - k degrees of freedom.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import unique_rows


@dataclass(frozen=True)
class PairwiseMeans:
    cells: tuple[tuple[float, ...], ...]
    counts: np.ndarray
    means: np.ndarray
    V_means: np.ndarray
    pairs: tuple[tuple[int, int], ...]  # (j, i): mean_j - mean_i
    diffs: np.ndarray
    V_diffs: np.ndarray
    df_r: float
    N: float


def pairwise_means(y: np.ndarray, groups: np.ndarray) -> PairwiseMeans:
    """``groups``: one column per over() variable, rows of the sample.  A depvar near the largest
    double is computed as y / 2^j (exact) and scaled back, as regress's fit: the means and their
    differences are the finite numbers they are, a variance past the largest double missing."""
    from mlmcli.missing import MAX_DOUBLE
    from mlmcli.ols import depvar_scale

    y = np.asarray(y, float)
    ys = depvar_scale(y)
    if ys == 1.0:
        return _pairwise_means(y, groups)
    out = _pairwise_means(y / ys, groups)
    with np.errstate(over="ignore", invalid="ignore"):
        def big(v, power):
            v = np.asarray(v, float) * ys if power == 1 else np.asarray(v, float) * ys * ys
            return np.where(np.abs(v) <= MAX_DOUBLE, v, np.nan)

        return replace(out, means=big(out.means, 1), diffs=big(out.diffs, 1), V_means=big(out.V_means, 2),
                       V_diffs=big(out.V_diffs, 2))


def _pairwise_means(y: np.ndarray, groups: np.ndarray) -> PairwiseMeans:
    cells, inverse = unique_rows(groups, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    k = len(cells)
    counts = np.bincount(inverse, minlength=k).astype(float)
    means = np.bincount(inverse, weights=y, minlength=k) / counts
    N = float(y.size)
    df_r = N - k
    if df_r <= 0:
        raise StataError("insufficient observations", 2001)
    s2 = float(((y - means[inverse]) ** 2).sum()) / df_r
    pairs = tuple((j, i) for i in range(k) for j in range(i + 1, k))
    L = np.zeros((len(pairs), k))
    for r, (j, i) in enumerate(pairs):
        L[r, j], L[r, i] = 1.0, -1.0
    V = np.diag(s2 / counts)
    return PairwiseMeans(tuple(tuple(float(v) for v in c) for c in cells), counts, means, V, pairs,
                         L @ means, L @ V @ L.T, df_r, N)
