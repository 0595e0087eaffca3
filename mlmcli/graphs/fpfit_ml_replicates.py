"""fpfit's ``estopts(vce(jackknife|bootstrap))`` after the maximum-likelihood commands (logit,
logistic, probit, poisson, nbreg, ologit, oprobit, glm).

The commands run under the prefix (``_vce_parserun``): every fit fracpoly makes is the command on
the full sample with its replicates around it.  jackknife.ado copies the command's e() back but
for F, chi2, df_r and df_m (``_e2r, xsca(F chi2 df_r df_m)``), so frac_dv's -2 e(ll) is the
full-sample fit's and fracpoly's search is unchanged; only the final model's variance is the
replicates':

- jackknife (_jk_sum): one replicate per observation (per cluster with ``cluster()``) left out,
  V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)' over the n replicates that fit (``mse``: about b
  instead of bbar), e(df_r) = n - 1 (_jk_sum's ``df_r``, copied into e()), so fpfitci's band is
  fit -/+ invttail(e(df_r), .) stdp; two clusters or fewer: "jackknife requires more than 2
  clusters" r(459), the command failing inside fracpoly;
- bootstrap: ``reps()`` samples of the observations drawn with replacement (``seed()``, else the
  session's stream; Stata's own draws cannot be reproduced), V the replicates' covariance, no
  e(df_r): the normal quantile, as after regress's vce(bootstrap) in fpfit.

A replicate the command fails on is missing (jackknife: left out of n; bootstrap: of the
covariance); fewer than two usable replicates is the command failing (r(2000)/r(2001)).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError


def replicate_variance(vce, b: np.ndarray, fit_rows: Callable[[np.ndarray], np.ndarray], n: int, cluster, rng
                       ) -> tuple[np.ndarray, float]:
    """(V, e(df_r)) of the final model's b by vce(jackknife|bootstrap) (module docstring);
    ``fit_rows(rows)``: b refitted on those rows (an exception when the command fails)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    def attempt(rows):
        try:
            out = np.asarray(fit_rows(rows), float)
        except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError):
            return None
        return out if out.shape == b.shape and np.all(np.isfinite(out)) else None

    if vce.kind == "bootstrap":
        draws = [attempt(rng.integers(0, n, size=n)) for _ in range(vce.reps)]
        good = np.array([d for d in draws if d is not None])
        if len(good) < 2:
            raise FracpolyFailed("insufficient observations to compute bootstrap standard errors")
        return np.atleast_2d(np.cov(good, rowvar=False, ddof=1)), float("nan")
    codes = replicate_groups(n, cluster)
    replicates = [attempt(np.flatnonzero(codes != g)) for g in range(int(codes.max()) + 1)]
    return jackknife_variance(b, np.array([r for r in replicates if r is not None]), vce.mse)


def replicate_groups(n: int, cluster) -> np.ndarray:
    """Each observation's replicate (0 ..): its own, or its cluster's; two clusters or fewer is
    jackknife's r(459), the command failing inside fracpoly."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if cluster is None:
        return np.arange(n)
    codes = np.unique(np.asarray(cluster), return_inverse=True)[1]
    if codes.max() + 1 <= 2:
        raise FracpolyFailed("jackknife requires more than 2 clusters")
    return codes


def jackknife_variance(b: np.ndarray, good: np.ndarray, mse: bool) -> tuple[np.ndarray, float]:
    """(V, e(df_r)) from the usable replicates ``good`` (one row each): (m-1)/m sum d d', d about
    their mean (``mse``: about b), df_r = m - 1; fewer than two is r(2000)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if len(good) < 2:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    d = good - (b if mse else good.mean(axis=0))
    m = len(good)
    return (m - 1) / m * d.T @ d, float(m - 1)
