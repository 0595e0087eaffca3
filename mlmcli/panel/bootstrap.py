"""The panel bootstrap of ``xtreg, vce(bootstrap)``: B replicates, each drawing G panels with
replacement (a panel drawn twice counts as two panels), refitting the estimator and keeping
its coefficients (the draws: ``mlmcli.replication.draws``).  The bootstrap variance is the sample covariance of the replicates,

    V_boot = 1/(B - 1) sum_r (b_r - bbar)(b_r - bbar)',

and the normal-based interval b +/- z_(1-a/2) sqrt(diag V_boot) ([R] bootstrap).  A replicate
whose fit fails (or is not of full rank) is missing; the variance uses the others.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def panel_bootstrap(estimator: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray], y: np.ndarray,
                    X: np.ndarray, codes: np.ndarray, reps: int, rng: np.random.Generator,
                    progress: Callable[[bool], None] | None = None) -> np.ndarray:
    """(reps x k) replicate coefficients (NaN rows for failed replicates); ``estimator(y, X,
    codes)`` returns the coefficients of one fit; ``progress(ok)`` is called after each."""
    from mlmcli.replication.draws import FAILED_FIT, draw, resampling_units

    units = resampling_units(len(codes), codes)
    out = []
    for _ in range(reps):
        sample = draw(units, rng)
        try:
            b = np.asarray(estimator(y[sample.rows], X[sample.rows], sample.codes), float)
            ok = bool(np.all(np.isfinite(b)))
        except FAILED_FIT:
            b, ok = None, False
        out.append(b if ok else None)
        if progress is not None:
            progress(ok)
    k = next((len(b) for b in out if b is not None), 0)
    return np.array([b if b is not None else np.full(k, np.nan) for b in out]).reshape(reps, k)


def bootstrap_variance(B: np.ndarray) -> np.ndarray:
    good = B[np.all(np.isfinite(B), axis=1)]
    if len(good) < 2:
        return np.full((B.shape[1], B.shape[1]), np.nan)
    return np.atleast_2d(np.cov(good, rowvar=False, ddof=1))

