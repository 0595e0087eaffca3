"""The bootstrap's summary statistics (pure data): what bootstrap.ado's ``_bs_sum`` returns and
``estat bootstrap`` shows.  Computed by ``mlmcli.replication.summary``; vectors have one entry
per statistic (coefficient), the intervals are 2 x k (lower row 0, upper row 1), NaN where
Stata leaves a missing value."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BootstrapStatistics:
    observed: np.ndarray  # e(b): the statistics on the data as they are
    b_bs: np.ndarray  # e(b_bs): the replicates' means
    V: np.ndarray  # e(V): their covariance (mse: about ``observed``, divided by the count)
    reps: np.ndarray  # e(reps): the replicates used for each statistic
    bias: np.ndarray  # e(bias) = b_bs - observed
    se: np.ndarray  # e(se): the replicates' standard deviation (n - 1), also under mse
    z0: np.ndarray  # e(z0): invnormal(#{replicate <= observed} / n), missing at 0 or n
    ci_normal: np.ndarray  # observed -/+ invnormal((100+level)/200) se
    ci_percentile: np.ndarray  # the replicates' (100-level)/2 and (100+level)/2 percentiles
    ci_bc: np.ndarray  # bias-corrected percentiles
    ci_bca: np.ndarray | None  # bias-corrected and accelerated (bca only)
    accel: np.ndarray | None  # e(accel): the jackknife's acceleration (bca only)
    level: float
    n_reps: int  # e(N_reps): replicates with every statistic present
    n_misreps: int  # e(N_misreps): the others
    mse: bool
    ties: bool

    @property
    def vcetype(self) -> str:
        return "Bstrap *" if self.mse else "Bootstrap"
