"""What ``margins``, ``contrast`` and ``pwcompare`` report: pure data, every number computed,
rendered by ``mlmcli.render.margins`` and drawn by ``marginsplot``.

A margins table has a header (``MarginsHeader``: title, Number of obs, Model VCE,
Expression, dy/dx w.r.t., at legend) and rows (``MarginRow``): each row is one column
of r(b) with its equation (the dy/dx variable, or ""), its factor-variable heading
(``weurope``, ``_at``, ``_at#weurope``; None for a plain row such as ``_cons``), its
level text and its estimate, SE, z/t, P, CI.  ``dims`` gives a row's coordinates for
``marginsplot``: (dimension name, numeric value, label) for ``_at``, the at() variables
that vary, over() variables, marginlist factors and the dy/dx variable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NAN = float("nan")


@dataclass(frozen=True)
class LegendLine:
    """One line of the header's legend: ``title`` (``at``, ``1._at``, ``Expression``; "" for a
    continuation line) and the text after ``: ``."""

    title: str
    text: str


@dataclass(frozen=True)
class MarginsHeader:
    title: str
    n_obs: int
    model_vce: str
    legend: tuple[LegendLine, ...] = ()  # Expression, dy/dx w.r.t., over, within, Margins
    at_blocks: tuple[tuple[LegendLine, ...], ...] = ()  # one block per at() row
    squish_at: bool = True  # no blank line between at blocks (a single at row; vsquish)
    survey: object = None  # results.survey.SurveyHeader: after svy, the design's block in place of Number of obs


@dataclass(frozen=True)
class MarginRow:
    name: str  # the r(b) column name (``eq:name`` with an equation)
    eq: str  # equation shown above the rows (dy/dx variable), "" for none
    term: str | None  # heading, or None for a plain row
    label: str  # level text, or the plain row's label
    b: float
    se: float = NAN
    stat: float = NAN
    p: float = NAN
    lo: float = NAN
    hi: float = NAN
    estimable: bool = True
    base: bool = False  # a dy/dx base level (0, not shown)
    omitted: bool = False  # the dy/dx of an omitted covariate: ``0  (omitted)``
    dims: tuple[tuple[str, float, str], ...] = ()
    operated: tuple[str, str] | None = None  # L.x2: its heading x2 and row L1., as coefficient tables show it
    df: float = NAN  # the row's own DF (``small`` after mixed, dfmethod())


@dataclass(frozen=True)
class MarginsResult:
    header: MarginsHeader
    rows: tuple[MarginRow, ...]
    column_title: str = "Margin"  # Margin | dy/dx | ey/ex | dy/ex | ey/dx | Contrast
    vce_title: str = "Delta-method"  # "" with nose
    stat_label: str = "z"
    level: float = 95.0
    nose: bool = False
    notes: tuple[str, ...] = ()
    cformat: str | None = None
    pformat: str | None = None
    sformat: str | None = None
    ylabel: str = ""  # marginsplot's y title: "Linear Prediction, Fixed Portion", "Effects on ..."
    dims: tuple[tuple[str, str], ...] = ()  # (dimension, its name in Stata's margins file: _at1 _m1 _by1 ...)
    # in marginsplot's default order
    at_vars: tuple[str, ...] = ()  # at() variables that take several values
    plot_title: str = ""  # marginsplot's title before " with 95% CIs": "Predictive Margins of weurope"
    mctitle: str = ""  # mcompare(): "Bonferroni" | "Sidak" | "Scheffe" over the adjusted columns
    counts: tuple[tuple[str, int], ...] = ()  # mcompare(): (term, number of margins it adjusts for)
    at_options: tuple[str, ...] = ()  # the at() options as typed (the margins file's _dta[atopt#])
    at_legend: tuple[tuple[LegendLine, ...], ...] = ()  # the at() blocks, kept under noatlegend (a replay shows them)
    predict_legend: tuple[LegendLine, ...] = ()  # several predict(): ``k._predict`` lines, kept under nopredictlegend
    cluster: tuple[int, str] | None = None  # vce(unconditional) over clusters: (N clusters, variable) for the note
    columns: str = "full"  # noci: "pv"; nopvalues: "ci"; both: "se" (render.margins.estimates_table)


@dataclass(frozen=True)
class WaldRow:
    """One row of the ANOVA-style table of ``contrast``: a term (or a level within ``@``) and
    its joint test; ``denominator`` rows carry only df (F tests after regress)."""

    term: str | None
    label: str
    df: int
    stat: float = NAN
    p: float = NAN
    adjusted_p: float | None = None
    note: str = ""  # "(omitted)", "(not testable)"
    ddf: float | None = None  # the F test's denominator DF (shown with ``small``)


@dataclass(frozen=True)
class ContrastResult:
    """``contrast``, ``margins`` with contrast operators: the Wald table and the contrasts."""

    header: MarginsHeader | None
    title: str  # "Contrasts of marginal linear predictions", "Contrasts of predictive margins"
    margins_line: str  # "asbalanced" (the ``Margins      :`` line of contrast), "" for none
    wald: tuple[WaldRow, ...]
    denominator: float | None  # residual df (F tests)
    contrasts: tuple[MarginRow, ...]
    show_wald: bool = True
    columns: str = "ci"  # the contrasts' table: ci (SE, CI) | pv (SE, z, P) | full (``effects``)
    stat_label: str = "chi2"  # chi2 | F
    row_stat_label: str = "z"
    level: float = 95.0
    mctitle: str = ""  # Bonferroni, Sidak, Scheffe
    vce_title: str = "Delta-method"
    column_title: str = "Contrast"
    notes: tuple[str, ...] = ()
    cformat: str | None = None
    pformat: str | None = None
    sformat: str | None = None
    small: bool = False  # ``small``: a ddf column in the Wald table, df in the contrasts'


@dataclass(frozen=True)
class PairwiseResult:
    """``pwcompare``, ``margins, pwcompare``: comparisons and (``cimargins``) the margins."""

    header: MarginsHeader | None
    title: str
    margins_line: str
    comparisons: tuple[MarginRow, ...]
    counts: tuple[tuple[str, int], ...]  # (term, number of comparisons)
    margins: tuple[MarginRow, ...] = ()
    columns: str = "ci"  # ci | pv | full (``effects``)
    show_margins: bool = False
    row_stat_label: str = "z"
    level: float = 95.0
    mctitle: str = ""
    vce_title: str = "Delta-method"
    notes: tuple[str, ...] = field(default_factory=tuple)
    cformat: str | None = None
    pformat: str | None = None
    sformat: str | None = None
    small: bool = False  # ``small``: a df column in the tables without t and CI together
    show_groups: bool = False  # ``groups``: the margins table with group letters
    groups: tuple[str, ...] | None = ()  # each margin's code (``margins`` order); None: too many letters
