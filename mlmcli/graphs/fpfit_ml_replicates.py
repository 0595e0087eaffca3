"""fpfit's ``estopts(vce(jackknife|bootstrap))`` after the maximum-likelihood commands (logit,
logistic, probit, poisson, nbreg, ologit, oprobit, glm).

The commands run under the prefix (``_vce_parserun``): every fit fracpoly makes is the command on
the full sample with its replicates around it.  jackknife.ado copies the command's e() back but
for F, chi2, df_r and df_m (``_e2r, xsca(F chi2 df_r df_m)``), so frac_dv's -2 e(ll) is the
full-sample fit's and fracpoly's search is unchanged; only the final model's variance is the
replicates':

- jackknife (_jk_sum): one replicate per observation (per cluster with ``cluster()``) left out,
  V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)' over the n replicates that fit (``mse``: about b
  instead of bbar), e(df_r) = n - 1 (_jk_sum's ``df_r``, copied into e()); with fweights,
  pweights and iweights jackknife.ado's weighted loops and sums (``mlmcli.replicate_variance``:
  fweights one copy less per replicate, e(df_r) the copies less one); so fpfitci's band is
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


def replicate_variance(vce, b: np.ndarray, fit_rows: Callable[..., np.ndarray], n: int, cluster, rng,
                       weights: np.ndarray | None = None, weight_kind: str | None = None,
                       boot=None) -> tuple[np.ndarray, float]:
    """(V, e(df_r)) of the final model's b by vce(jackknife|bootstrap) (module docstring);
    ``fit_rows(rows[, row_fweights])``: b refitted on those rows (an exception when the command
    fails), with fweights each row's frequency in the replicate.  ``weights`` (the command's,
    over its n rows) with fweights, pweights or iweights: jackknife.ado's weighted loops
    (``replicate_rows``), V by ``mlmcli.replicate_variance``.  ``boot``: bootstrap's prefix
    (``graphs.fpfit_bootstrap_prefix.CommandPrefix``: strata(), cluster(), size(), mse,
    reject(), saving())."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.replicate_variance import jackknife_variance

    def attempt(rows, *frequencies):
        try:
            out = np.asarray(fit_rows(rows, *frequencies), float)
        except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError):
            return None
        return out if out.shape == b.shape and np.all(np.isfinite(out)) else None

    if vce.kind == "bootstrap" and boot is not None:  # the prefix's options (graphs.fpfit_bootstrap_prefix)
        return boot.fp_variance(b, lambda rows, numbers=None: fit_rows(rows), rng), float("nan")
    if vce.kind == "bootstrap":
        draws = [attempt(rng.integers(0, n, size=n)) for _ in range(vce.reps)]
        good = np.array([d for d in draws if d is not None])
        if len(good) < 2:
            raise FracpolyFailed("insufficient observations to compute bootstrap standard errors")
        return np.atleast_2d(np.cov(good, rowvar=False, ddof=1)), float("nan")
    codes = replicate_groups(n, cluster)
    groups = int(codes.max()) + 1
    kind = weight_kind if weights is not None else None
    frequencies = replicate_frequencies(weights, codes) if kind == "fweight" else None
    replicates = np.full((groups, b.size), np.nan)
    for g in range(groups):
        fitted = attempt(*replicate_rows(codes, g, weights, kind))
        if fitted is not None:
            replicates[g] = fitted
    summary = jackknife_variance(replicates, b, mse=vce.mse, weight_kind=kind, frequencies=frequencies)
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r


def replicate_rows(codes: np.ndarray, g: int, weights: np.ndarray | None, weight_kind: str | None) -> tuple:
    """Replicate g's (rows[, their fweights]): the rows without g's (``_loop_jknife``; with
    pweights and iweights ``_loop_jknife_iw``, whose rescaling of the others' weights by
    G/(G-1) changes no estimate), or with fweights every row, g's one copy less
    (``_loop_jknife_fw``), those left with none dropped."""
    if weight_kind != "fweight":
        return (np.flatnonzero(codes != g),)
    less = np.asarray(weights, float) - (codes == g)
    rows = np.flatnonzero(less > 0)
    return rows, less[rows]


def replicate_frequencies(weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Each replicate's fweight: its row's, or its cluster's (constant within it, else
    jackknife.ado's r(198): the command failing inside fracpoly)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.ols_jackknife import cluster_frequencies

    try:
        return cluster_frequencies(np.asarray(weights, float), codes, None)
    except StataError:
        raise FracpolyFailed("fweights must be constant within cluster") from None


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


def ml_allowed(boot, command: str, y_c, w_c, weight_kind, glm_c, ml, offset_c, x, rows, fp_settings: dict):
    """The candidates fracpoly with an ML command, glm or cnreg may choose from under bootstrap's
    prefix ``boot`` (``CommandPrefix.allowed``: reject() in each fit before the final one); None:
    all.  ``y_c`` ... on the command's ``rows`` among the plot's (x over those); ologit and oprobit
    fit the cutpoints alone first."""
    from mlmcli.graphs.fpfit_command_sample import subset, without_missing_denominators
    from mlmcli.graphs.fpfit_models import ORDINAL_COMMANDS, ml_fit

    if boot is None or not boot.settings.get("reject"):
        return None
    constant = fp_settings["constant"]

    def fit_on(X_c, r):
        return ml_fit(command, y_c[r], X_c[r], subset(w_c, r), weight_kind, "ols", None,
                      without_missing_denominators(glm_c, r), ml, subset(offset_c, r), constant=constant,
                      ancillary=True)[0]
    every = np.arange(len(y_c))
    return boot.allowed(x, fp_settings, lambda X: fit_on(subset(X, rows), every),
                        lambda X: (lambda r, numbers=None: fit_on(subset(X, rows), r)),
                        constant or command in ORDINAL_COMMANDS)
