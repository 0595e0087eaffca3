"""What ``xtivreg`` reports (pure data; ``mlmcli.render.panel_iv`` lays it out)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow
from mlmcli.results.panel import PanelSample


@dataclass(frozen=True, kw_only=True)
class XtivregResult(PanelSample):
    """``model``: fe | fd | be | re; ``test_*``: the header's model test; ``F_f``...: fe's F
    test that all u_i = 0 (conventional VCE); ``instd``/``insts``: the footer's lists."""

    model: str
    title: str
    tvar: str
    r2_w: float
    r2_b: float
    r2_o: float
    test_label: str
    test_value: float
    test_p: float
    coefs: tuple[CoefRow, ...]
    stat_label: str = "z"
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None
    corr: float = float("nan")
    rmse: float = float("nan")
    sigma_u: float = float("nan")
    sigma_e: float = float("nan")
    rho: float = float("nan")
    F_f: float | None = None
    df_a: int = 0
    df_rz: int = 0
    p_f: float = float("nan")
    lm: tuple[float, float] | None = None  # fe, lm: the LM test that all u_i = 0 (statistic, p)
    theta: float | None = None
    theta_quantiles: tuple[float, ...] | None = None
    instd: str = ""
    insts: str = ""
    replications: tuple[int, str] | None = None  # vce(bootstrap): (panels, the panel variable)
    vce_label: str | None = None  # Bootstrap
