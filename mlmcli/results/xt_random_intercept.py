"""What ``xtlogit, re``, ``xtprobit, re`` and ``xtpoisson, re`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .panel import AncillaryRow as ParameterRow  # label, estimate, se, ci_lo, ci_hi (no z, P)
from .panel import PanelSample

__all__ = ["ParameterRow", "RandomEffectsHeader", "RandomInterceptResult"]


@dataclass(frozen=True, kw_only=True)
class RandomEffectsHeader(PanelSample):
    """What the xt random-effects models (xtlogit/xtprobit/xtpoisson re, xtologit/xtoprobit,
    xttobit) share beyond their PanelSample: the rest of the header ``random_effects_header``
    (render.xt_random_intercept) prints (u_i's ``distribution``, the quadrature when
    ``intmethod``, Wald chi2 -- F(wald_df, df_r) after the jackknife -- and the log
    (pseudo)likelihood when ``robust``), the table's level, and the LR test of the random
    effect below it (``lr_chi2``/``lr_p``, NaN when none is shown)."""

    wald_chi2: float
    wald_df: int
    wald_p: float
    loglik: float
    distribution: str = "Gaussian"
    intmethod: str | None = None
    intpoints: int | None = None
    level: float = 95.0
    robust: bool = False
    df_r: float | None = None  # jackknife: F(df_m, df_r) in the header, t statistics
    lr_chi2: float = float("nan")
    lr_p: float = float("nan")


@dataclass(frozen=True, kw_only=True)
class RandomInterceptResult(RandomEffectsHeader):
    """The xt random-effects header and table.  ``distribution``: ``Gaussian`` or ``Gamma``;
    ``intmethod``/``intpoints``: the quadrature (None for the gamma model, which needs none);
    ``estimation``: the rows in the estimation metric (``/lnsig2u`` or ``/lnalpha``),
    ``natural``: ``sigma_u`` and ``rho``, or ``alpha``; ``lr_parameter``: what the LR test
    sets to zero (``rho``, ``sigma_u``, ``alpha``) with its chibar2(01) and p."""

    title: str
    fixed: tuple[CoefRow, ...]
    estimation: tuple[ParameterRow, ...]
    natural: tuple[ParameterRow, ...]
    lr_parameter: str | None = None
    # e(ll_c), e(chi2_c): the comparison model's log likelihood and the LR statistic, posted also
    # where no LR test is shown (vce(robust): the ados' ``if "`llprob'" != ""``)
    ll_c: float = float("nan")
    chi2_c: float = float("nan")
    eform: str | None = None
    cluster: tuple[int, str] | None = None
    vce_label: str | None = None  # Jackknife, Jknife * or Bootstrap over Std. Err.
    replications: tuple[int, str] | None = None  # (clusters, their variable) over the table
    constraint_labels: tuple[str, ...] = ()  # constraints(): listed above the table
