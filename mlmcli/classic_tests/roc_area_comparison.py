"""roccomp's test that correlated ROC areas are equal (roccomp.ado 7.4.3's COMparea and MYTEst:
DeLong, DeLong and Clarke-Pearson 1988), for k ratings of the same n1 positive and n0 negative
observations with fweights w:

    V10_ri = (sum_j w_j psi(C_ri, C_rj)) / n0 - A_r   for each positive i (rating r),
    V01_rj = (sum_i w_i psi(C_ri, C_rj)) / n1 - A_r   for each negative j,
    S10 = sum_i w_i V10_i V10_i' / (n1 - 1),  S01 likewise over the negatives / (n0 - 1),
    S = S10 / n1 + S01 / n0;

for a contrast matrix L (default: every pair's difference, (1,2), (1,3), ..., (2,3), ...) the
statistic (LA)' (L S L')^- (LA) is chi2 with rank(L S L') degrees of freedom, the generalized
inverse that of Stata's syminv (a row dependent on the rows before it is left out).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AreaComparison:
    chi2: float
    df: int
    p: float
    covariance: np.ndarray   # S, k x k


def pairwise_contrasts(k: int) -> np.ndarray:
    rows = []
    for i in range(k):
        for j in range(i + 1, k):
            row = np.zeros(k)
            row[i], row[j] = 1.0, -1.0
            rows.append(row)
    return np.array(rows)


def _placements(d: np.ndarray, c: np.ndarray, w: np.ndarray, area: float) -> tuple[np.ndarray, np.ndarray]:
    """(V10 - A on every row, V01 - A on every row): each positive's and each negative's placement."""
    n1, n0 = w[d == 1].sum(), w[d == 0].sum()
    pos, neg = c[d == 1], c[d == 0]
    wpos, wneg = w[d == 1], w[d == 0]
    v10 = np.array([(wneg * ((neg < x) + 0.5 * (neg == x))).sum() for x in c]) / n0 - area
    v01 = np.array([(wpos * ((pos > x) + 0.5 * (pos == x))).sum() for x in c]) / n1 - area
    return v10, v01


def compare_areas(d: np.ndarray, ratings: list[np.ndarray], w: np.ndarray, areas: list[float],
                  contrast: np.ndarray | None = None) -> AreaComparison:
    n1, n0 = w[d == 1].sum(), w[d == 0].sum()
    placed = [_placements(d, c, w, a) for c, a in zip(ratings, areas)]
    V10 = np.column_stack([p[0] for p in placed])[d == 1]
    V01 = np.column_stack([p[1] for p in placed])[d == 0]
    with np.errstate(divide="ignore", invalid="ignore"):  # one positive or negative: Stata's missing
        S10 = (V10 * w[d == 1][:, None]).T @ V10 / (n1 - 1) if n1 > 1 else np.full((len(areas),) * 2, np.nan)
        S01 = (V01 * w[d == 0][:, None]).T @ V01 / (n0 - 1) if n0 > 1 else np.full((len(areas),) * 2, np.nan)
    return contrast_test(areas, S10 / n1 + S01 / n0, contrast)


def contrast_test(areas, S: np.ndarray, contrast: np.ndarray | None = None) -> AreaComparison:
    """The chi2 of L A = 0 with the areas' covariance S (default L: every pair's difference)."""
    from scipy.stats import chi2

    L = pairwise_contrasts(len(areas)) if contrast is None else np.asarray(contrast, float)
    diff = L @ np.asarray(areas, float)
    V = L @ S @ L.T
    if not np.all(np.isfinite(V)):  # an area's se missing (one positive or negative): syminv of
        # missing values is missing, diag0cnt 0, so chi2(rows of L) = . as the ado's MYTEst shows it
        return AreaComparison(float("nan"), L.shape[0], float("nan"), S)
    kept = _independent_rows(V)
    sub = V[np.ix_(kept, kept)]
    stat = float(diff[kept] @ np.linalg.solve(sub, diff[kept])) if kept else 0.0
    df = len(kept)
    return AreaComparison(stat, df, float(chi2.sf(stat, df)) if df else float("nan"), S)


def _independent_rows(V: np.ndarray, tol: float = 1e-13) -> list[int]:
    """The rows syminv keeps: in order, each not (numerically) a combination of those before."""
    kept: list[int] = []
    scale = max(float(np.max(np.abs(np.diag(V)))), 1e-300) if V.size else 1.0
    for i in range(V.shape[0]):
        trial = kept + [i]
        block = V[np.ix_(trial, trial)]
        if np.linalg.matrix_rank(block, tol=tol * scale * len(trial)) == len(trial):
            kept = trial
    return kept


def logistic_slope(d: np.ndarray, c: np.ndarray, w: np.ndarray) -> float:
    """The slope of ``logistic d c [fw=w]`` (Newton-Raphson): roccomp.ado turns a rating's curve
    over (sensitivity and specificity to one minus themselves) when it is negative."""
    from scipy.special import expit

    X = np.column_stack([c, np.ones(c.size)])
    b = np.zeros(2)
    for _ in range(50):  # with separated data b runs off; its sign is what is read
        p = expit(X @ b)
        grad = X.T @ (w * (d - p))
        hess = (X * (w * p * (1 - p))[:, None]).T @ X
        try:
            with np.errstate(all="ignore"):
                step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            break
        b = b + step
        if np.max(np.abs(step)) < 1e-10 or not np.all(np.isfinite(b)):
            break
    return float(b[0])
