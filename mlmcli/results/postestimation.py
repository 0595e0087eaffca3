"""What postestimation commands report: pure data, filled by the commands and the
computations of ``mlmcli.postest``, rendered by ``mlmcli.render.estat_tables``,
``lrtest``, ``estimates_table``, ``hypotheses`` and ``listings``."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from mlmcli.results.mixed import GroupSummary


@dataclass(frozen=True)
class EstatGroupResult:
    """Filled by ``estat group``: one row per grouping level, outermost first."""

    groups: tuple[GroupSummary, ...]


@dataclass(frozen=True)
class IccRow:
    """One row of ``estat icc``: ``label`` is ``cntryid`` or ``region|cntryid``."""

    label: str
    icc: float
    se: float
    ci_lo: float
    ci_hi: float


@dataclass(frozen=True)
class EstatIccResult:
    """Filled by ``estat icc``.  ``residual``: the model has covariates, so Stata
    titles the table ``Residual intraclass correlation``; ``conditional``: some are
    random-effects covariates (``Conditional intraclass correlation`` and a note)."""

    rows: tuple[IccRow, ...]
    residual: bool = False
    level: float = 95.0
    conditional: bool = False


@dataclass(frozen=True)
class IcRow:
    """One model of ``estat ic`` (``model`` is ``.`` for the active estimates)."""

    model: str
    nobs: int
    ll_null: float
    ll: float
    df: int
    aic: float
    bic: float


@dataclass(frozen=True)
class EstatIcResult:
    """Filled by ``estat ic``."""

    rows: tuple[IcRow, ...]


@dataclass(frozen=True)
class ReCovMatrix:
    """One level's random-effects covariance (or correlation) matrix; ``values`` is
    square, row-major, in the order of ``names`` (``educgroupc``, ``_cons``)."""

    levelvar: str
    names: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    correlation: bool = False
    fmt: str = "%9.0g"  # matlist's format(), the display format of the cells


@dataclass(frozen=True)
class EstatRecovResult:
    """Filled by ``estat recovariance``: one matrix per random-effects equation, outermost first."""

    matrices: tuple[ReCovMatrix, ...]


@dataclass(frozen=True)
class LRTestResult:
    """Filled by ``lrtest``.  ``conservative``: the models differ in variance
    components, so Stata adds its boundary note."""

    chi2: float
    df: int
    p: float
    restricted: str
    unrestricted: str
    conservative: bool = False
    reml_note: bool = False


@dataclass(frozen=True)
class EstTableCell:
    """One coefficient of one model in ``estimates table`` (b, se, t, p)."""

    b: float
    se: float = math.nan
    t: float = math.nan
    p: float = math.nan
    omitted: bool = False
    base: bool = False


@dataclass(frozen=True)
class EstTableRow:
    """A coefficient row: ``cells[i]`` is model i's value, None when the model lacks it."""

    name: str
    cells: tuple[EstTableCell | None, ...]
    label: str = ""  # varlabel: the variable's label, shown instead of the name
    term: str | None = None  # a factor row's term (``rep#foreign``) and level text (``Fair#Foreign``,
    level: str | None = None  # ``2 1``), drawn under the term as _ms_display draws them


@dataclass(frozen=True)
class EstTableEquation:
    """An equation block (``pbw``, ``lns1_1_1``, …); ``name`` None for single-equation tables."""

    name: str | None
    rows: tuple[EstTableRow, ...]


@dataclass(frozen=True)
class EstimatesTableResult:
    """Filled by ``estimates table``.

    ``show``: which of ``b se t p`` to print per coefficient, in Stata's order;
    ``star``: significance stars after b at ``star_levels``; ``stats``: (name,
    value per model, None where the model lacks it) rows such as ``N``, ``ll``, ``aic``, ``bic``; formats are
    Stata formats (None: the default ``%10.0g`` look).
    """

    models: tuple[str, ...]
    equations: tuple[EstTableEquation, ...]
    stats: tuple[tuple[str, tuple[float | None, ...]], ...] = ()
    show: tuple[str, ...] = ("b",)
    star: bool = False
    star_levels: tuple[float, float, float] = (0.05, 0.01, 0.001)
    b_format: str | None = None
    se_format: str | None = None
    t_format: str | None = None
    p_format: str | None = None
    stats_format: str | None = None
    title: str | None = None
    extra_notes: tuple[str, ...] = field(default_factory=tuple)
    eform: bool = False  # b and se exponentiated (the legend says so)
    varwidth: int = 12  # width of the row-label column
    modelwidth: int | None = None  # width of a model's column (None: the b format's)
    newpanel: bool = False  # statistics in a table of their own
    baselevels: bool = False  # rows whose every model has a base level shown (else left out)
    fvwrap: int = 1  # lines a long level text may take, and where it breaks (fvwrapon)
    fvwrapon: str = "word"
    columns: bool = False  # style(columns): every column boxed in | (est_table's ChkStyle)


@dataclass(frozen=True)
class EstimatesDirRow:
    """One stored result set in ``estimates dir``: ``npar`` is colsof(e(b))."""

    name: str
    command: str
    depvar: str  # the dependent variable, ``no depvar`` or ``mult. depvar``
    npar: int
    title: str


@dataclass(frozen=True)
class EstimatesDirResult:
    """Filled by ``estimates dir``; titles wrap at ``title_width`` characters."""

    rows: tuple[EstimatesDirRow, ...]
    title_width: int = 8


@dataclass(frozen=True)
class MtestRow:
    """One constraint of test's ``mtest``: its own statistic (chi2(1), or F(1, ddf)), p, the
    _mtest-adjusted p (None under noadjust) and, with ``small`` (mixed's dfmethod()), the
    row's own denominator DF (WaldTest_ddf's ddf column; None: the common df_r or chi2)."""

    stat: float
    p: float
    adjusted_p: float | None = None
    ddf: float | None = None
    df: int = 1


@dataclass(frozen=True)
class WaldTestResult:
    """Filled by ``test`` (r(chi2) r(df) r(p), or r(F) r(df) r(df_r) r(p))."""

    constraints: tuple[str, ...]  # display text of each constraint
    chi2: float
    df: int
    p: float
    F: float | None = None
    df_r: float | None = None
    dropped: tuple[int, ...] = ()  # indices of constraints dropped as redundant
    # mtest: one row per constraint, and the method (noadjust, bonferroni, holm, sidak)
    mtest: tuple[MtestRow, ...] | None = None
    mtest_method: str | None = None
    heading: str | None = None  # "Adjusted Wald test" after svy


@dataclass(frozen=True)
class LincomResult:
    """Filled by ``lincom``: c'b - r, its SE, z (t with ``df_r``), p and CI."""

    constraint: str
    estimate: float
    se: float
    stat: float
    p: float
    ci_lo: float
    ci_hi: float
    df_r: float | None = None
    level: float = 95.0
    depvar: str = ""  # the table's heading


@dataclass(frozen=True)
class EstatVceResult:
    """Filled by ``estat vce``: the title, e(V)'s (or the correlations') names and values."""

    title: str
    names: tuple[str, ...]  # ``eq:name`` or ``name``
    values: object  # k x k
    fmt: str = "%10.0g"
    lines: bool = True  # rules between equations


@dataclass(frozen=True)
class EstatSummarizeResult:
    """Filled by ``estat summarize``: (name, mean, sd, min, max) per variable over e(sample)."""

    cmd: str
    nobs: int
    rows: tuple
    header: bool = True
    labels: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NlcomResult:
    """Filled by ``nlcom``: each transformation's name and expression as typed, and the
    coefficient rows of their estimates (delta-method standard errors)."""

    names: tuple[str, ...]
    expressions: tuple[str, ...]
    rows: tuple  # CoefRow per transformation
    depvar: str = ""
    level: float = 95.0
    stat_label: str = "z"  # "t" with df(#)
    header: bool = True
    cformat: str | None = None  # display options (_get_diopts)
    sformat: str | None = None
    pformat: str | None = None
    nolstretch: bool = False


@dataclass(frozen=True)
class ResultsListing:
    """``ereturn list`` (prefix ``e``) / ``return list`` (``r``): names -> values, in order."""

    prefix: str
    scalars: dict
    macros: dict
    matrices: dict
    functions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatrixListing:
    """``matrix list``: the matrix as typed (``e(V)``), its values and names, in ``fmt``."""

    name: str
    values: object
    rownames: tuple[str, ...]
    colnames: tuple[str, ...]
    symmetric: bool = False
    fmt: str = "%10.0g"
    title: str = ""  # title(): after the name and dimensions
    header: bool = True  # noheader: no "name[r,c]" line
    half: bool = True  # nohalf: a symmetric matrix in full, not its lower triangle
    names: bool = True  # nonames: no row and column names
    blank: bool = True  # noblank: no blank line first
    linesize: int = 80  # columns that do not fit continue in a further panel


@dataclass(frozen=True)
class MatrixDisplay:
    """A matrix as ``matlist`` shows it: ``title`` above, ``rowtitle`` in the corner,
    row and column names, the values (``lower``: only the lower triangle of a symmetric
    matrix), the display format."""

    title: str
    rowtitle: str
    rownames: tuple[str, ...]
    colnames: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    lower: bool = False
    fmt: str = "%6.3f"


@dataclass(frozen=True)
class WcorrelationResult:
    """``estat wcorrelation``: the heading (``Standard deviations and correlations for id =
    1:``), the matrices, and the data rows ``list`` shows (done by the command)."""

    heading: str
    matrices: tuple[MatrixDisplay, ...]
    note: str = ""  # linear regression: no matrices, a note instead


@dataclass(frozen=True)
class DFTableResult:
    """``estat df``: the DF of each fixed effect under one or more methods."""

    rownames: tuple[str, ...]
    methods: tuple[str, ...]  # titles: Kenward-Roger ...
    values: tuple[tuple[float, ...], ...]  # rows x methods
    note: str = ""
