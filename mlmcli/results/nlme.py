"""What a ``menl`` fit reports: pure data (the engine is ``mlmcli.nlme``, the layout
``mlmcli.render.nlme_display``).  Both metrics of the variance parameters are here
(variances, Stata's default, and standard deviations), so the renderer only lays them out."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow, VarianceRow  # noqa: F401  (VarianceRow: var(U0), sd(Residual))


@dataclass(frozen=True)
class NLMEResult:
    title: str  # Mixed-effects ML nonlinear regression
    depvar: str
    nobs: int
    group_var: str | None
    n_groups: int
    g_min: int
    g_avg: float
    g_max: int
    crit_label: str  # Linearization log likelihood
    loglik: float
    wald: tuple[float, int, float] | None  # (chi2, df, p)
    equations: tuple[tuple[str | None, tuple[CoefRow, ...]], ...]  # fixed-effects table blocks
    cov_label: str  # Identity | Independent
    variances: tuple[VarianceRow, ...]  # var(U0) ...
    residual_variance: VarianceRow
    sds: tuple[VarianceRow, ...]  # sd(U0) ...
    residual_sd: VarianceRow
    level: float
    converged: bool
    iteration_log: tuple[float, ...] = ()  # linearization log likelihood after each alternation
    method: str = "ML"
