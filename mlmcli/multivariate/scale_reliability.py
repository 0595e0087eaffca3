"""Cronbach's alpha of an additive scale, as Stata's alpha.ado computes it.

The items' covariances (or correlations, ``std``) are those of the complete cases when every
selected row is complete, else pairwise (each pair over the rows where both items are
present, weighted by that count in the averages).  alpha = k c / (v + (k - 1) c), with c the
average interitem covariance (correlation) over pairs and v the average variance (1 with
``std``); a negative alpha is missing.  The test score is the mean of the (signed,
standardized with ``std``) items a row has.  With ``item``: each item's item-test and
item-rest correlations and the average interitem covariance and alpha of the scale without it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.multivariate.eigen import (correlation_and_sds, correlation_from_covariance, covariance_matrix,
                                       symmetric_eigen)


@dataclass(frozen=True)
class AlphaNumbers:
    C: np.ndarray          # signed interitem covariances (correlations with std)
    obs: np.ndarray        # pairwise numbers of observations (k x k)
    average: float         # average interitem covariance (correlation)
    alpha: float           # nan when negative
    test: np.ndarray       # the test score of each selected row
    item_test: np.ndarray | None = None
    item_rest: np.ndarray | None = None
    item_average: np.ndarray | None = None
    item_alpha: np.ndarray | None = None


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation over the rows where both are present (nan when undefined)."""
    ok = ~(np.isnan(a) | np.isnan(b))
    a, b = a[ok], b[ok]
    if len(a) < 2:
        return float("nan")
    da, db = a - a.mean(), b - b.mean()
    denominator = np.sqrt((da @ da) * (db @ db))
    return float(da @ db / denominator) if denominator > 0 else float("nan")


def empirical_signs(x: np.ndarray) -> np.ndarray | None:
    """alpha's automatic signs: -1 for an item correlating negatively with the first
    principal-factor score of the complete rows (as alpha.ado: ``factor``, ``score``,
    ``corr``).  That correlation has the sign of the item's loading on the first factor
    (cov(x, R^-1 L) = L), so the signs are those of the first eigenvector of the reduced
    correlation matrix (R with the squared multiple correlations on its diagonal), signed
    as Stata signs eigenvectors.  None when the factor cannot be computed (Stata's r(459))."""
    complete = x[~np.isnan(x).any(axis=1)]
    if complete.shape[0] < 2:
        return None
    R, _ = correlation_and_sds(complete)
    try:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            smc = 1.0 - 1.0 / np.diag(np.linalg.inv(R))
    except np.linalg.LinAlgError:
        return None
    if not np.isfinite(smc).all():  # R singular (as many items as rows): the factor fails
        return None
    reduced = R.copy()
    np.fill_diagonal(reduced, smc)
    values, vectors = symmetric_eigen(reduced)
    if not np.isfinite(values).all() or values[0] <= 0:
        return None
    return np.where(vectors[:, 0] < 0, -1.0, 1.0)


def interitem_matrices(x: np.ndarray, signs: np.ndarray, std: bool, complete: bool, names):
    """(C, obs, means, variances): signed covariances or correlations and pairwise counts."""
    k = x.shape[1]
    if complete:
        cov = covariance_matrix(x)
        means, variances = x.mean(axis=0), np.diag(cov).copy()
        C = cov * np.outer(signs, signs)
        if std:
            C = correlation_from_covariance(C)
        return C, np.full((k, k), float(x.shape[0])), means, variances
    present = ~np.isnan(x)
    obs = present.T.astype(float) @ present.astype(float)
    means = np.array([np.nanmean(x[:, i]) if present[:, i].any() else np.nan for i in range(k)])
    variances = np.array([np.nanvar(x[:, i], ddof=1) if present[:, i].sum() > 1 else np.nan for i in range(k)])
    C = np.zeros((k, k))
    for i in range(k):
        C[i, i] = 1.0 if std else variances[i]
        for j in range(i):
            both = present[:, i] & present[:, j]
            if not both.any():
                raise StataError(f"no simultaneous obs on {names[i]} and {names[j]}", 498)
            a, b = x[both, i], x[both, j]
            if std:
                value = _correlation(a, b)
            else:
                value = float((a - a.mean()) @ (b - b.mean()) / (len(a) - 1)) if len(a) > 1 else np.nan
            C[i, j] = C[j, i] = signs[i] * signs[j] * value
    return C, obs, means, variances


def cronbach_alpha(x: np.ndarray, signs: np.ndarray, names, *, std: bool, item: bool) -> AlphaNumbers:
    """alpha over the selected rows ``x`` (n x k, nan = missing).  Items near the largest double:
    the products past it are missing, as alpha.ado's ``matrix accum`` leaves them."""
    with np.errstate(over="ignore", invalid="ignore"):
        numbers = _cronbach_alpha(x, signs, names, std=std, item=item)
    missing = {name: float("nan") for name in ("average", "alpha") if not np.isfinite(getattr(numbers, name))}
    return dataclasses.replace(numbers, C=np.where(np.isfinite(numbers.C), numbers.C, np.nan),
                               test=np.where(np.isfinite(numbers.test), numbers.test, np.nan), **missing)


def _cronbach_alpha(x: np.ndarray, signs: np.ndarray, names, *, std: bool, item: bool) -> AlphaNumbers:
    k = x.shape[1]
    complete = not np.isnan(x).any()
    C, obs, means, variances = interitem_matrices(x, signs, std, complete, names)
    present = ~np.isnan(x)
    scaled = (x - means) / np.sqrt(variances) if std else x
    signed = np.where(present, scaled * signs, 0.0)
    count = present.sum(axis=1)
    test = signed.sum(axis=1) / count
    if std:
        avar = nvar = 1.0
    else:
        avar, nvar = float(np.sum(np.diag(obs) * np.diag(C))), float(np.sum(np.diag(obs)))
    lower = np.tril_indices(k, -1)
    acor, ncor = float(np.sum(obs[lower] * C[lower])), float(np.sum(obs[lower]))
    average = acor / ncor
    alpha = k * average / (avar / nvar + (k - 1) * average)
    numbers = dict(C=C, obs=obs, average=average, alpha=alpha if alpha >= 0 else float("nan"), test=test)
    if not item:
        return AlphaNumbers(**numbers)
    item_test, item_rest = np.empty(k), np.empty(k)
    item_average, item_alpha = np.empty(k), np.empty(k)
    av, nv = avar, nvar
    for i in range(k):
        others = np.arange(k) != i
        ac = acor - float(np.sum(obs[i, others] * C[i, others]))
        nc = ncor - float(np.sum(obs[i, others]))
        if not std:
            av, nv = avar - obs[i, i] * C[i, i], nvar - obs[i, i]
        item_average[i] = ac / nc
        value = ((k - 1) * ac / nc) / (av / nv + (k - 2) * ac / nc)
        item_alpha[i] = value if value >= 0 else np.nan
        item_test[i] = signs[i] * _correlation(x[:, i], test)
        own = np.where(present[:, i], signs[i] * scaled[:, i], np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            rest = np.where(present[:, i] & (count > 1), (count * test - own) / (count - 1), np.nan)
        item_rest[i] = signs[i] * _correlation(x[:, i], rest)
    return AlphaNumbers(**numbers, item_test=item_test, item_rest=item_rest, item_average=item_average,
                        item_alpha=item_alpha)
