"""What ``xtlogit, re``, ``xtprobit, re`` and ``xtpoisson, re`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .panel import AncillaryRow as ParameterRow  # label, estimate, se, ci_lo, ci_hi (no z, P)

__all__ = ["ParameterRow", "RandomInterceptResult"]


@dataclass(frozen=True)
class RandomInterceptResult:
    """The xt random-effects header and table.  ``distribution``: ``Gaussian`` or ``Gamma``;
    ``intmethod``/``intpoints``: the quadrature (None for the gamma model, which needs none);
    ``estimation``: the rows in the estimation metric (``/lnsig2u`` or ``/lnalpha``),
    ``natural``: ``sigma_u`` and ``rho``, or ``alpha``; ``lr_parameter``: what the LR test
    sets to zero (``rho``, ``sigma_u``, ``alpha``) with its chibar2(01) and p."""

    title: str
    depvar: str
    ivar: str
    nobs: int
    n_groups: int
    g_min: float
    g_avg: float
    g_max: float
    distribution: str
    fixed: tuple[CoefRow, ...]
    estimation: tuple[ParameterRow, ...]
    natural: tuple[ParameterRow, ...]
    wald_chi2: float
    wald_df: int
    wald_p: float
    loglik: float
    level: float = 95.0
    intmethod: str | None = None
    intpoints: int | None = None
    lr_parameter: str | None = None
    lr_chi2: float = float("nan")
    lr_p: float = float("nan")
    # e(ll_c), e(chi2_c): the comparison model's log likelihood and the LR statistic, posted also
    # where no LR test is shown (vce(robust): the ados' ``if "`llprob'" != ""``)
    ll_c: float = float("nan")
    chi2_c: float = float("nan")
    eform: str | None = None
    robust: bool = False
    cluster: tuple[int, str] | None = None
    vce_label: str | None = None  # Jackknife, Jknife * or Bootstrap over Std. Err.
    df_r: float | None = None  # jackknife: F(df_m, df_r) in the header, t statistics
    replications: tuple[int, str] | None = None  # (clusters, their variable) over the table
    constraint_labels: tuple[str, ...] = ()  # constraints(): listed above the table
