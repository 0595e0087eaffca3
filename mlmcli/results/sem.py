"""Results of ``sem`` and ``gsem``: the header numbers and the coefficient table's blocks,
every number already computed (mlmcli/render/sem_display.py prints them)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SEMRow:
    """One table row.  ``constrained``: a path fixed at its value (``1  (constrained)``);
    ``variance``: no z and p (a variance, whose interval is computed on the log scale)."""

    label: str
    coef: float
    se: float
    z: float
    p: float
    lo: float
    hi: float
    constrained: bool = False
    variance: bool = False
    note: str = "constrained"  # a constrained row's parenthesis: constrained, exposure, offset
    header: bool = False  # sem with group(): a parameter's label line, its groups' rows below it


@dataclass(frozen=True)
class SEMResult:
    command: str  # sem | gsem
    n: int
    loglik: float
    level: float
    endogenous: tuple[str, ...]
    exogenous: tuple[str, ...]
    iterations: tuple[float, ...]
    equations: tuple[tuple[str, tuple[SEMRow, ...]], ...]  # (depvar, rows)
    variance_groups: tuple[tuple[SEMRow, ...], ...]  # latent (co)variances, error variances
    vcetype: str | None = None  # None (OIM) or Robust
    cluster: tuple[int, str] | None = None  # (N clusters, variable)
    lr_saturated: tuple[float, int, float] | None = None  # chi2, df, p (sem)
    nolog: bool = False
    constraints: tuple[str, ...] = ()  # the loadings gsem fixes at 1: ``[write]M1[cid] = 1``
    fixed_loglik: float | None = None  # gsem with latent variables: the fixed-effects start
    fixed_iterations: tuple[float, ...] = ()  # that fit's log when it iterated (a multinomial response)
    converged: bool = True  # False: the log ends in ml's ``convergence not achieved``
    pseudo: bool = False  # ``Log pseudolikelihood =`` (gsem's generalized fits under vce(robust|cluster))
    # sem with latent variables: the equations of the Measurement section (after the Structural
    # ones), the header's lists ((heading, ((kind, names), ...)), ...), standardized estimates
    measurement: tuple[str, ...] = ()
    variable_lists: tuple | None = None
    standardized: bool = False
    method: str = "ml"  # sem's ``Estimation method  =`` (mlmv: ML with missing values)
    iteration_notes: tuple[str, ...] = ()  # ml's ``(not concave)`` beside an iteration
    grouping: tuple[str, int] | None = None  # sem with group(): (group variable, number of groups)
