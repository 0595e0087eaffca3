"""What ``heckman`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class HeckmanResult:
    """heckman's header (_crcshdr), equations and footer.

    ``equations``: (name, rows) of the outcome equation (named after the depvar), the selection
    equation and, two-step, ``mills`` (lambda); ``ancillary``: ML's ``/athrho`` and ``/lnsigma``
    (z and P shown); ``natural``: ML's ``rho``, ``sigma``, ``lambda`` (estimate, SE, CI);
    two-step's ``rho``, ``sigma``, ``lambda`` and its SE as ``two_step_lines`` (rho, sigma,
    lambda, se_lambda); ``independence``: ML's test of rho = 0 (kind, chi2, p)."""

    title: str
    depvar: str
    nobs: float
    n_censored: float
    chi2: float
    df_m: int
    p: float
    equations: tuple[tuple[str, tuple[CoefRow, ...]], ...]
    offsets: tuple[str, str] = ("", "")
    loglik: float | None = None
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    ancillary: tuple[CoefRow, ...] = ()
    natural: tuple[CoefRow, ...] = ()
    independence: tuple[str, float, float] | None = None
    two_step_lines: tuple[float, float, float, float] | None = None
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
    title2: str = "(regression model with sample selection)"  # heckprob: none
    comparison: float | None = None  # heckprob's "Comparison:" log likelihood (its log, before the full model)
    stat_label: str = "z"  # svy: t on the design df
    vce_label: str | None = None  # svy: "Linearized" over the Std. Err. column
    survey_header: object = None  # svy: its header (results.survey.SurveyHeader)
