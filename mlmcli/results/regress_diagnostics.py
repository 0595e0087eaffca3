"""What the diagnostics after ``regress`` report ([R] regress postestimation): estat vif,
hettest, ovtest, imtest, szroeter, dwatson, bgodfrey, durbinalt and dfbeta.  Pure data filled
by ``mlmcli.postest.ols_diagnostics`` and ``mlmcli.postest.serial_correlation``;
``mlmcli.render.regress_diagnostics`` lays them out as Stata's ado files print them."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class VifRow:
    name: str  # the coefficient name, or "intercept" (uncentered)
    vif: float
    row: CoefRow | None = None  # the coefficient's row (factor-variable headings), None: plain name


@dataclass(frozen=True)
class VifResult:
    rows: tuple[VifRow, ...]

    @property
    def mean(self) -> float:
        return sum(r.vif for r in self.rows) / len(self.rows)


@dataclass(frozen=True)
class HettestNumbers:
    """hettest's simultaneous test and, with mtest, each variable's."""

    statistic: str  # chi2 (normal, iid) or F (fstat)
    value: float
    df: int
    df_r: float | None
    p: float
    each: tuple[tuple[float, int, float], ...] = ()  # mtest: (chi2, df, p) per variable


@dataclass(frozen=True)
class MultipleTestRow:
    row: CoefRow  # the variable's name as _ms_display shows it
    chi2: float
    df: int
    p: float  # adjusted unless the method is noadjust


@dataclass(frozen=True)
class HettestResult:
    test: HettestNumbers
    variables_text: str  # "fitted values of y" or the variables
    method: str | None = None  # mtest's adjustment (None: no mtest table)
    rows: tuple[MultipleTestRow, ...] = ()


@dataclass(frozen=True)
class ResetNumbers:
    F: float
    df: int
    df_r: float
    p: float
    dropped: tuple[str, ...]  # the power columns omitted as collinear (ovtest's notes)


@dataclass(frozen=True)
class ResetResult:
    test: ResetNumbers
    subline: str  # "fitted values of y" | "independent variables"


@dataclass(frozen=True)
class InformationMatrixNumbers:
    rows: tuple[tuple[str, float, int, float], ...]  # (source, chi2, df, p): heteroskedasticity, skewness, kurtosis
    total: tuple[float, int, float]
    white: tuple[float, int, float] | None  # White's chi2, df and p


@dataclass(frozen=True)
class SzroeterResult:
    rows: tuple[MultipleTestRow, ...]
    method: str | None  # None with one variable (no table)
    name: str  # the variable's name with one variable


@dataclass(frozen=True)
class DurbinWatsonResult:
    k: float  # e(N) - e(df_r) (missing without e(df_r))
    N: int
    dw: float


@dataclass(frozen=True)
class SerialTestRow:
    lags: int
    statistic: float  # chi2, or F with small
    df: int
    df_r: float | None  # with small
    p: float


@dataclass(frozen=True)
class SerialCorrelationResult:
    """estat bgodfrey's and estat durbinalt's table."""

    title: str
    rows: tuple[SerialTestRow, ...]
    small: bool
    footer: str  # "H0: no serial correlation"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DfbetaLine:
    name: str
    variable: str


@dataclass(frozen=True)
class EsizeRow:
    name: str  # r(esize)'s row name: Model, or the term's first coefficient name
    label: str  # what the Source column shows
    eta2: float
    lb_eta2: float
    ub_eta2: float
    omega2: float
    lb_omega2: float
    ub_omega2: float
    df_num: float
    df_den: float
    F: float


@dataclass(frozen=True)
class EsizeResult:
    rows: tuple[EsizeRow, ...]  # the model first
    level: float
    omega: bool
