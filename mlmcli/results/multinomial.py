"""What ``mlogit`` prints: the header (the fields ``render.glm_table.render_header`` reads),
one block of coefficient rows per outcome (the base outcome's block empty) and the iteration
log."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.glmm import IterationLog
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class OutcomeEquation:
    """One outcome's block: its equation name, rows (coefficients; ``eform_rows`` the
    relative-risk ratios) and whether it is the base outcome (``(base outcome)``)."""

    name: str
    rows: tuple[CoefRow, ...]
    eform_rows: tuple[CoefRow, ...]
    base: bool = False


@dataclass(frozen=True)
class MultinomialResult:
    title: str
    depvar: str
    nobs: int
    equations: tuple[OutcomeEquation, ...]
    loglik: float
    ll_0: float
    chi2: float
    chi2_type: str
    df_m: int
    p: float
    pseudo_r2: float
    level: float
    vce: str  # oim or robust
    pseudo: bool  # pweights: a pseudolikelihood
    cluster_var: str | None
    n_clusters: int | None
    converged: bool
    iteration_log: IterationLog
    constraint_labels: tuple[str, ...] = ()  # constraints(): the report's ``[2]x = 0`` lines
    n_zero: None = None  # (render_header's cloglog block: not mlogit's)
    n_reps: int | None = None       # vce(bootstrap|jackknife): the header's Replications
    vce_label: str | None = None    # Bootstrap / Jackknife / Jknife * over Std. Err.
    df_r: float | None = None       # jackknife: F(df_m, df_r) and t statistics
    replications: tuple | None = None  # (clusters, variable) of the replicates, over the table
    dispersion: None = None
