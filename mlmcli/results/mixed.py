"""What a ``mixed`` fit reports: pure data, no behaviour.

The engine (``mlmcli.mixed``) builds a MixedResult; ``mlmcli.render`` turns it
into Stata's text.  Every number the tables print is already computed here,
in every metric Stata can show (variance, standard deviation, estimation
metric), so renderers only lay numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CoefRow:
    """One row of a coefficient table.

    ``name``: Stata's full coefficient name (``educgroupc``, ``2.schgend``,
    ``1.weurope#c.educgroupc``, ``_cons``, ``o.x``).
    ``term``: the factor-variable term the row belongs to (``schgend``,
    ``weurope#c.educgroupc``) or ``None`` for a plain variable/constant.
    ``level``: the level text shown under the term heading (``2``, ``1``,
    ``1#2``) or ``None``.
    ``base``/``omitted``: printed as ``(base)`` / ``(omitted)`` with no numbers.
    ``stat`` is z (or t for regress, and for mixed with dfmethod()); ``df``: the
    t distribution's degrees of freedom under dfmethod() (NaN otherwise).
    """

    name: str
    coef: float
    se: float
    stat: float
    p: float
    ci_lo: float
    ci_hi: float
    term: str | None = None
    level: str | None = None
    base: bool = False
    omitted: bool = False
    df: float = float("nan")
    empty: bool = False  # an empty interaction cell (omitted; printed ``(empty)``)
    constrained: bool = False  # fixed by constraints(): printed ``b  (constrained)``


@dataclass(frozen=True)
class VarianceRow:
    """One row of the random-effects table: label as Stata prints it before
    abbreviation (``var(_cons)``, ``cov(educgroupc,_cons)``, ``sd(days)``,
    ``corr(days,_cons)``, ``var(R.plate)``, ``var(Residual)``,
    ``lns1_1_1`` …), the estimate, its SE and CI.  ``se``/CI may be NaN
    (printed ``.``), e.g. on the boundary.  ``z``/``p``: only for the
    estimation-metric rows (``lns1_1_1`` …), which ``estmetric`` shows as a
    coefficient table."""

    label: str
    estimate: float
    se: float
    ci_lo: float
    ci_hi: float
    z: float = float("nan")
    p: float = float("nan")
    constrained: bool = False  # fixed by constraints() (the me commands): ``.5  (constrained)``


@dataclass(frozen=True)
class RandomLevel:
    """One block of the random-effects table: ``levelvar: Covariance`` and its rows.

    ``levelvar`` is the grouping variable (``cntryid``) or ``_all``;
    ``covariance`` is Stata's display name: ``Identity``, ``Independent``,
    ``Exchangeable``, ``Unstructured``.  A level typed several times
    (``|| id: x || id: z``) gives several RandomLevel blocks with the same
    levelvar, in model order.
    """

    levelvar: str
    covariance: str
    rows: tuple[VarianceRow, ...]
    empty: bool = False  # a level without random effects (``|| id:, noconstant``): ``id: (empty)``


@dataclass(frozen=True)
class ResidualGroup:
    """The rows of one by() group of a residual structure: ``label`` is the group's text
    (value label or value; empty without by()), ``rows`` carry labels without the group."""

    label: str
    rows: tuple[VarianceRow, ...]


@dataclass(frozen=True)
class ResidualBlock:
    """The ``Residual: <structure>`` block of a fit with a residuals() structure.

    ``structure``: Stata's title (``Independent``, ``Exchangeable``, ``AR(1)``,
    ``MA(2)``, ``Toeplitz(2)``, ``Banded(1)``, ``Unstructured``, ``Exponential``);
    ``by``: the by() variable (the title then reads ``Residual: AR(1),`` and the next
    line ``by <var>``) or None.  ``rows``: in display order, each group's rows
    prefixed ``<group label>: `` under by() (``boy: var(e)``); labels as Stata 12-16's
    ``_xtmixed_display`` prints them: ``var(e)``, ``cov(e)`` (exchangeable), ``rho``
    (ar 1, exponential), ``phi1``.. (ar p > 1), ``theta1``.. (ma), ``cov1``.. (toeplitz;
    ``rho1``.. in the sd metric), ``var(e<t>)``/``cov(e<t1>,e<t2>)`` named by the t()
    values (unstructured, banded); ``sd(..)``/``corr(..)`` in the sd metric; e(b) names
    in the estimation metric (in e(b)'s order).  ``groups`` holds the same rows per by()
    group without the prefix, for the layout with a group label beside the first row.
    """

    structure: str
    by: str | None
    rows: tuple[VarianceRow, ...]
    kind: str = ""  # e(rstructure): independent, ar, ...
    groups: tuple[ResidualGroup, ...] = ()  # the rows per by() group (one group without by())
    label_width: int = 0  # Stata's width of the parameter labels beside a group's label


@dataclass(frozen=True)
class GroupSummary:
    """A row of the ``No. of / Observations per Group`` table."""

    levelvar: str
    n_groups: int
    min: int
    avg: float
    max: int


@dataclass(frozen=True)
class LRTestLinear:
    """``LR test vs. linear regression``: kind is ``chibar2(01)`` or ``chi2``."""

    chi2: float
    df: int
    p: float
    kind: str
    undetermined: bool = False  # every random-effects equation empty (a residuals()-only model)


@dataclass(frozen=True)
class IterationLog:
    """Lines of the iteration log as (phase, iteration, value) plus messages.

    phase: ``em`` or ``gradient``; value: the (restricted) log likelihood.
    """

    em: tuple[float, ...] = ()
    gradient: tuple[float, ...] = ()
    backed_up: tuple[int, ...] = ()  # gradient iterations Stata marks "(backed up)"
    not_concave: tuple[int, ...] = ()  # gradient iterations marked "(not concave)"


@dataclass(frozen=True)
class SmallSample:
    """Small-sample inference of the fixed effects (Stata 14's ``dfmethod()``): ``rows``
    with t, its DF, P>|t| and the t-based CI; the header's DF summary (min/avg/max over the
    coefficients) and the model F test of all fixed effects but the constant, F(df_m, ddf_m);
    ``oim``: DFs from the observed information (a note says so)."""

    method: str  # kroger | satterthwaite | residual | repeated | anova
    title: str  # Kenward-Roger ...
    rows: tuple[CoefRow, ...]
    df_min: float
    df_avg: float
    df_max: float
    F: float
    df_m: int
    ddf_m: float
    p: float
    oim: bool = False


@dataclass(frozen=True)
class MixedResult:
    """Everything ``mixed`` prints, plus the e() scalars postestimation needs.

    ``random``: metric -> blocks, for metric in ``variance`` (Stata's default),
    ``sd`` (``stddeviations``) and ``est`` (``estmetric``: ``lns1_1_1`` …).
    ``residual``: the same per metric (``var(Residual)`` / ``sd(Residual)`` /
    ``lnsig_e``).
    ``fixed_est``: the fixed-effects rows in estimation metric (identical to
    ``fixed`` and kept for symmetry with the ``estmetric`` display).
    """

    method: str  # "ML" | "REML"
    depvar: str
    nobs: int
    groups: tuple[GroupSummary, ...]
    fixed: tuple[CoefRow, ...]
    random: dict[str, tuple[RandomLevel, ...]]
    residual: dict[str, VarianceRow]
    loglik: float
    wald_chi2: float  # NaN when df == 0
    wald_df: int
    wald_p: float
    lr_test: LRTestLinear | None
    level: float = 95.0
    pseudo: bool = False  # pweights: "Log pseudolikelihood", no LR test
    vce: str = "oim"  # oim | robust | bootstrap | jackknife (the bootstrap/jackknife prefixes)
    vce_label: str | None = None  # e(vcetype) over Std. Err. under the prefixes (Bootstrap, Jknife *)
    cluster_var: str | None = None
    n_clusters: int | None = None
    converged: bool = True
    crossed: bool = False
    iteration_log: IterationLog = field(default_factory=IterationLog)
    notes: tuple[str, ...] = ()  # e.g. omitted-term notes printed before the header
    # residuals() structure: metric -> block (None: i.i.d. errors, ``residual`` applies).
    # When set, ``residual`` holds the reference variance (by() group 1) only.
    residual_blocks: dict[str, ResidualBlock] | None = None
    small: SmallSample | None = None  # dfmethod(): t/F inference of the fixed effects
    linear: bool = False  # no random effects at all (no iteration log, no LR test)
    empty_cells: tuple[str, ...] = ()  # factor-variable cells the sample lacks (noemptycells)
    title: str | None = None  # e(title) when the bootstrap/jackknife prefixes' title() set it


def keep_empty_levels(new: dict, old: dict) -> dict:
    """The blocks at a new level with the stored (empty) blocks in place."""
    out = {}
    for metric, blocks in new.items():
        it = iter(blocks)
        out[metric] = tuple(b if b.empty else next(it, b) for b in old.get(metric, blocks))
    return out
