"""What ``zip`` and ``zinb`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .censored_regression import ModelTest
from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class ZeroInflatedResult:
    """A zero-inflated count model's header, two-equation table and footer lines.

    ``equations``: (name, rows) of the count equation (named after the depvar) and ``inflate``;
    ``offsets``: each equation's offset text (``ln(t)`` for exposure(); "" for none);
    ``ancillary``: zinb's ``/lnalpha`` row (z and P shown), ``natural`` its ``alpha`` row;
    ``vuong``: the Vuong statistic or None (``vuong_p`` its upper tail); ``alpha_test``: zinb's LR test against zip
    (chi2, p) or None; ``eform_rows``: the count equation as incidence-rate ratios (irr)."""

    command: str
    title: str
    depvar: str
    nobs: float
    n_zero: float
    inflation: str  # logit | probit
    equations: tuple[tuple[str, tuple[CoefRow, ...]], ...]
    offsets: tuple[str, str]
    loglik: float
    test: ModelTest
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    ancillary: tuple[CoefRow, ...] = ()
    natural: CoefRow | None = None
    vuong: float | None = None
    vuong_p: float = float("nan")  # Pr(Z > vuong)
    alpha_test: tuple[float, float] | None = None
    eform_rows: tuple[CoefRow, ...] = ()
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
