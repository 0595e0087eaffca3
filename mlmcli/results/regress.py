"""What ``regress`` reports: pure data, filled by the ``regress`` command from the
OLS engine, rendered by ``mlmcli.render.regress_table``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class RegressResult:
    """Filled by ``regress``: the ANOVA block (SS, df, MS per Model/Residual/Total),
    the right-hand statistics and the coefficient rows (``stat`` is t).

    ``vce``: ``ols`` | ``robust`` | ``cluster``; robust and cluster fits print
    Stata's ``Linear regression`` header instead of the ANOVA block.
    """

    depvar: str
    nobs: int
    ss_model: float
    ss_resid: float
    ss_total: float
    df_model: int
    df_resid: int
    df_total: int
    ms_model: float
    ms_resid: float
    ms_total: float
    F: float
    p_F: float
    r2: float
    r2_a: float
    rmse: float
    coefs: tuple[CoefRow, ...]
    level: float = 95.0
    vce: str = "ols"
    cluster_var: str | None = None
    n_clusters: int | None = None
    # the jackknife prefix: its usable replications, title() and vcetype (mse: "Jknife *")
    replications: int | None = None
    title: str = "Linear regression"
    vcetype: str | None = None
    # jackknife's eform options: the heading of the exponentiated column (coefs already exp(b))
    eform_label: str | None = None
