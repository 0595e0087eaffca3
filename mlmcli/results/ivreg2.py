"""What ``ivreg2`` reports: pure data, rendered by ``mlmcli.render.ivreg2``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class IVReg2Result:
    """The title block (title, k and lambda after LIML, the efficiency and VCE subtitles), the
    statistics block, the coefficient rows, the identification/overidentification footer (``stats``:
    ivreg2's e() scalars) and the variable lists."""

    title: str
    model: str  # ols, iv, liml, gmm2s
    depvar: str
    subtitle_b: str
    subtitle_v: str
    stats: dict
    coefs: tuple[CoefRow, ...]
    instd: tuple[str, ...]
    inexog: tuple[str, ...]
    exexog: tuple[str, ...]
    robust: bool = False  # e(vcetype) Robust (robust, cluster(), pweights)
    cluster: tuple[int, str] | None = None  # (clusters, variable); two-way: the first variable's
    cluster2: tuple[int, str] | None = None  # two-way clustering's second variable
    small: bool = False
    level: float = 95.0
    endog_tested: tuple[str, ...] = ()  # endog()'s variables
    orthog_tested: tuple[str, ...] = ()  # orthog()'s instruments
    orthog_reduced: tuple = ()  # (J, df, p) of the equation without them
    partialled: tuple[str, ...] = ()  # partial()'s variables (and _cons)
    critical: tuple[tuple[str, float], ...] = ()  # Stock-Yogo (label, value) rows
    kernel: tuple | None = None  # bw()/kernel(): (name, bw, time variable, panel variable or None)
    panel: tuple | None = None  # xtivreg2: (title, N_g, g_min, g_avg, g_max)
    first: dict | None = None  # ffirst: ivreg2_first.first_stage_summary's statistics
    first_tables: tuple = ()  # first: (endogenous variable, its CoefRows)
    critical_single: tuple[tuple[str, float], ...] = ()  # Stock-Yogo rows for one endogenous regressor
    absorbed: tuple = ()  # ivreghdfe: results.hdfe.AbsorbedEffect per absorbed variable

    @property
    def nonhomoskedastic(self) -> bool:
        """ivreg2's ``vcetype'`kernel'' test: Kleibergen-Paap statistics and the i.i.d. notes."""
        return self.robust or self.kernel is not None


@dataclass(frozen=True)
class IVReg2FirstStage:
    """A first-stage regression kept by ``savefirst`` (DispSFirst replays it): the endogenous
    variable, the VCE subtitle, N (``stats``), the clusters and kernel of the main fit, the rows."""

    depvar: str
    subtitle_v: str
    stats: dict
    coefs: tuple[CoefRow, ...]
    robust: bool = False
    cluster: tuple[int, str] | None = None
    cluster2: tuple[int, str] | None = None
    kernel: tuple | None = None
    level: float = 95.0
    df_r: float | None = None
