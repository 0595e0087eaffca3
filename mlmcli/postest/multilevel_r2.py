"""Rights and Sterba's (2019, Psychological Methods 24(3); Rights 2023) R-squared framework for
a two-level linear mixed model y = X gamma + Z u + e, u ~ N(0, T), e ~ N(0, sigma2):

- each predictor column x of X (the constant left out) is split into its cluster mean
  x_b and the deviation x_w = x - x_b; f1 = var(X_w gamma), f2 = var(X_b gamma)
  (f1 + f2 = var(X gamma), as the two parts are orthogonal);
- with S = cov(Z) and mu = mean(Z) over the estimation sample, v = tr(T S) (random-slope
  variation) and m = mu' T mu (intercept variation: tau00 when the slope covariates are
  cluster-mean-centred);
- total = f1 + f2 + v + m + sigma2.  Total measures: each of f1 f2 v m, f = f1 + f2,
  fv = f + v, fvm = f + v + m, over the total; within: f1, v, f1 + v over f1 + v + sigma2;
  between: f2 and m over f2 + m.

Variances and covariances use the n - 1 divisor, as the framework's R package (r2mlm).
The within/between measures are exact when the slope covariates are cluster-mean-centred
and every predictor varies at one level only; otherwise the predictors that vary at both
levels under one fixed slope, and the random-slope covariates that vary between clusters,
are reported as at risk of conflation (Rights 2023).
"""
from __future__ import annotations

import numpy as np

from mlmcli.results.multilevel_r2 import MultilevelR2

_TOL = 1e-10  # relative variance below which a part counts as absent


def cluster_means(x: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Each row's cluster mean of each column of x (n x k)."""
    counts = np.bincount(group, minlength=n_groups).astype(float)
    sums = np.zeros((n_groups, x.shape[1]))
    np.add.at(sums, group, x)
    return (sums / counts[:, None])[group]


def _var(x: np.ndarray) -> float:
    return float(np.var(x, ddof=1)) if x.size > 1 else 0.0


def decompose(depvar: str, levelvar: str, X: np.ndarray, names: list[str], gamma: np.ndarray,
              Z: np.ndarray, z_names: list[str], group: np.ndarray, n_groups: int, T: np.ndarray,
              sigma2: float) -> MultilevelR2:
    group = np.asarray(group, int)
    keep = [k for k, nm in enumerate(names) if nm != "_cons"]
    Xp, g = X[:, keep], gamma[keep]
    between = cluster_means(Xp, group, n_groups)
    within = Xp - between
    f1, f2 = _var(within @ g), _var(between @ g)
    S = np.atleast_2d(np.cov(Z, rowvar=False, ddof=1)) if Z.shape[0] > 1 else np.zeros((Z.shape[1],) * 2)
    mu = Z.mean(axis=0)
    v, m = float(np.trace(T @ S)), float(mu @ T @ mu)
    total = f1 + f2 + v + m + sigma2
    fixed_conflated = tuple(names[k] for j, k in enumerate(keep)
                            if _var(within[:, j]) > _TOL * max(_var(Xp[:, j]), 1e-300)
                            and _var(between[:, j]) > _TOL * max(_var(Xp[:, j]), 1e-300))
    zb = cluster_means(Z, group, n_groups)
    random_conflated = tuple(nm for j, nm in enumerate(z_names)
                             if nm != "_cons" and _var(zb[:, j]) > _TOL * max(_var(Z[:, j]), 1e-300))
    w_total, b_total = f1 + v + sigma2, f2 + m
    return MultilevelR2(
        depvar, levelvar, {"f1": f1, "f2": f2, "v": v, "m": m, "sigma2": sigma2},
        {"f1": f1 / total, "f2": f2 / total, "v": v / total, "m": m / total, "f": (f1 + f2) / total,
         "fv": (f1 + f2 + v) / total, "fvm": (f1 + f2 + v + m) / total},
        {"f1": f1 / w_total, "v": v / w_total, "fv": (f1 + v) / w_total},
        {"f2": f2 / b_total if b_total > 0 else np.nan, "m": m / b_total if b_total > 0 else np.nan},
        fixed_conflated, random_conflated)
