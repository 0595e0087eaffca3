"""What ``tobit`` and ``intreg`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class ModelTest:
    """The header's model test: ``kind`` ``LR``/``Wald`` (chi2(df)) or ``F`` (F(df, df_r))."""

    kind: str
    stat: float
    df: int
    p: float
    df_r: float = float("nan")


@dataclass(frozen=True)
class CensoredRegressionResult:
    """A censored-normal regression's header, table and footer.

    ``command``: ``tobit`` or ``intreg``; ``depvar``: the table's corner (intreg: blank);
    ``stat_label``: ``t`` (tobit, e(df_r)) or ``z``; ``ancillary``: the rows below the first rule
    (tobit's ``/sigma``; intreg's ``/lnsigma`` or, with het(), the ``lnsigma`` equation);
    ``natural``: intreg's ``sigma`` row (estimate, SE, CI only) or None; ``counts``: N_unc,
    N_lc, N_rc, N_int; ``limits``: tobit's (ll, ul) as the footer prints them ("" when not
    set)."""

    command: str
    title: str
    depvar: str
    nobs: int
    rows: tuple[CoefRow, ...]
    ancillary: tuple[CoefRow, ...]
    natural: CoefRow | None
    loglik: float
    test: ModelTest
    pseudo_r2: float
    counts: dict
    level: float = 95.0
    stat_label: str = "z"
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    limits: tuple[str, str] = ("", "")
    het_rows: tuple[CoefRow, ...] = ()
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
    vce_label: str | None = None  # the bootstrap/jackknife prefixes' e(vcetype) over Std. Err.
    n_reps: int | None = None  # the prefixes' e(N_reps): _coef_table_header's Replications line
    constraint_labels: tuple = ()  # tobit's constraints(): `` ( 1)  [model]x1 - [model]x2 = 0`` over the table
