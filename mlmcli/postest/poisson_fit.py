"""Numbers of ``estat gof`` after ``poisson`` (poisgof.ado): the deviance and Pearson
goodness-of-fit statistics and their chi2(N - df_m - 1) tail probabilities."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln


@dataclass(frozen=True)
class PoissonGof:
    deviance: float
    pearson: float
    df: int
    p_deviance: float
    p_pearson: float


def chi2_tail(df: int, chi2: float) -> float:
    """Stata's chiprob(df, x): missing unless df > 0."""
    from scipy.stats import chi2 as chi2_dist

    if df <= 0 or not np.isfinite(chi2):
        return float("nan")
    return float(chi2_dist.sf(chi2, df))


def poisson_gof(y: np.ndarray, mu: np.ndarray, w: np.ndarray, ll: float, df: int) -> PoissonGof:
    """poisgof's sums over e(sample): the deviance as -2*(e(ll) - ll of the saturated model)
    (the ado's route, equal to 2*sum w*(y*ln(y/mu) - (y - mu)) at the maximum), the Pearson
    statistic sum w*(y - mu)^2/mu.  ``w`` is e()'s weight (1 without one), as poisgof uses it."""
    with np.errstate(divide="ignore", invalid="ignore"):
        y_log_y = np.where(y == 0, 0.0, y * (np.log(np.where(y > 0, y, 1.0)) - 1))
    ll_perfect = float(np.sum(w * y_log_y) - np.sum(w * gammaln(1 + y)))
    deviance = -2 * (ll - ll_perfect)
    pearson = float(np.sum(w * (y - mu) ** 2 / mu))
    return PoissonGof(deviance, pearson, df, chi2_tail(df, deviance), chi2_tail(df, pearson))
