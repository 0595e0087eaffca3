"""Cluster replicates of the ``vce(bootstrap)`` and ``vce(jackknife)`` that clogit and xtgee run
through Stata's prefixes (``_vce_parserun``: clogit's clusters are its groups, xtgee's its
panels -- ``(Replications based on N clusters in var)``):

- bootstrap: ``reps`` samples of G clusters drawn with replacement, a cluster drawn twice
  counting as two clusters (bootstrap's ``idcluster()``); V = the replicates' covariance
  (``panel.bootstrap.bootstrap_variance``);
- jackknife: one replicate per cluster left out (``cluster_jackknife``); with fweights
  (``frequency_jackknife``) one copy of a cluster less per replicate.  Their variance and
  e(df_r): ``mlmcli.replicate_variance``.

A replicate whose fit fails is missing (an ``x`` in the dots) and left out of V.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

_FAILED = (np.linalg.LinAlgError, ValueError, ZeroDivisionError, FloatingPointError, ArithmeticError)


def cluster_members(codes: np.ndarray) -> list[np.ndarray]:
    """The row indices of each cluster (codes 0..G-1), rows in their order."""
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0, True])
    return [order[a:z] for a, z in zip(bounds[:-1], bounds[1:])]


def _attempt(estimator, rows, new_codes, k: int | None):
    try:
        b = np.asarray(estimator(rows, new_codes), float)
    except _FAILED:
        return None
    if not np.all(np.isfinite(b)) or (k is not None and b.shape != (k,)):
        return None
    return b


def cluster_bootstrap(estimator: Callable[[np.ndarray, np.ndarray], np.ndarray], codes: np.ndarray, reps: int,
                      rng: np.random.Generator, k: int, progress: Callable[[bool], None] | None = None,
                      strata: np.ndarray | None = None, size: int | None = None) -> np.ndarray:
    """(reps x k) replicate coefficients, NaN rows where the fit failed; ``estimator(rows,
    new_codes)``: b on the rows drawn, each drawn cluster its own code.  The draws are
    ``mlmcli.replication.draws``' (``strata``: one value per row; ``size``: clusters per stratum)."""
    from mlmcli.replication.draws import bootstrap_replicates, resampling_units

    units = resampling_units(len(codes), codes, strata, size)
    return bootstrap_replicates(estimator, units, reps, rng, k, progress)


def cluster_jackknife(estimator: Callable[[np.ndarray, np.ndarray], np.ndarray], codes: np.ndarray, k: int,
                      progress: Callable[[bool], None] | None = None) -> np.ndarray:
    """(G x k) leave-one-cluster-out coefficients, NaN rows where the fit failed."""
    members = cluster_members(codes)
    out = np.full((len(members), k), np.nan)
    for g in range(len(members)):
        keep = np.concatenate([m for j, m in enumerate(members) if j != g]) if len(members) > 1 else \
            np.zeros(0, int)
        keep.sort()
        b = _attempt(estimator, keep, np.unique(codes[keep], return_inverse=True)[1], k)
        if b is not None:
            out[g] = b
        if progress is not None:
            progress(b is not None)
    return out


def frequency_jackknife(estimator: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray], codes: np.ndarray,
                        frequencies: np.ndarray, k: int, progress: Callable[[bool], None] | None = None
                        ) -> np.ndarray:
    """(G x k) coefficients with one copy of cluster g taken away (jackknife.ado's
    ``_loop_jknife_fw``: its rows' fweight less one, the cluster left out at one copy);
    ``estimator(rows, new_codes, row_frequencies)``."""
    out = np.full((len(frequencies), k), np.nan)
    for g in range(len(frequencies)):
        less = frequencies[codes] - (codes == g)
        rows = np.flatnonzero(less > 0)
        new_codes = np.unique(codes[rows], return_inverse=True)[1]
        b = _attempt(lambda r, c: estimator(r, c, less[rows]), rows, new_codes, k)
        if b is not None:
            out[g] = b
        if progress is not None:
            progress(b is not None)
    return out


def constant_within(values: np.ndarray, codes: np.ndarray) -> bool:
    """Whether ``values`` are the same on every row of each cluster (the weights' checks)."""
    order = np.argsort(codes, kind="stable")
    same = np.diff(codes[order]) == 0
    return not np.any(np.diff(values[order])[same] != 0)
