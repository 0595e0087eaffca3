"""stcrreg's output (``CompetingRisksResult``): the iteration log, the header's counts and
events, the Wald test and the coefficient table."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class CompetingRisksResult:
    description: object             # StDescription
    steps: tuple                    # IterationStep of ml's log
    failure: object                 # EventText
    compete: object                 # EventText
    nobs: int
    n_subjects: float
    n_failed: float
    n_competing: float
    n_censored: float
    df_m: int
    chi2: float
    p: float
    loglik: float
    coefs: tuple[CoefRow, ...]      # coefficients
    coefs_shr: tuple[CoefRow, ...]  # subhazard ratios
    level: float
    n_clusters: int | None = None
    cluster_var: str | None = None
    n_tvc: int = 0                  # tvc(): the rows of the tvc equation (the last n_tvc)
    texp: str | None = None
    constraint_labels: tuple = ()   # constraints(): `` ( 1)  [_t]x = 1`` above the table
    chi2_type: str = "Wald"         # F after vce(jackknife) (e(F) on e(df_r))
    df_r: float | None = None       # vce(jackknife): the replicates' clusters less one
    vce_label: str | None = None    # Bootstrap, Jackknife, Jknife * over Std. Err.
    replications: tuple | None = None  # (N, v): "(Replications based on N clusters in v)"
    n_reps: int | None = None       # vce(bootstrap|jackknife): DiHeader's Replications line
