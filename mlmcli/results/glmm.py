"""What the generalized (mixed) linear model commands report: pure data.

``GLMMResult`` is built by ``mlmcli.glmm`` for ``melogit``, ``meprobit``,
``mecloglog``, ``mepoisson``, ``menbreg``, ``meologit``, ``meoprobit`` and
``meglm``; ``GLMResult`` by ``mlmcli.glm`` for ``logit``, ``probit``,
``cloglog``, ``poisson``, ``nbreg``, ``ologit``, ``oprobit``.  Every number a
Stata table prints is here already computed (coefficients and their eform
versions, ancillary rows, random-effects rows in every metric, tests), so a
renderer only lays them out.  Row types are shared with ``mixed``
(``CoefRow``, ``VarianceRow``, ``RandomLevel``, ``GroupSummary``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .mixed import CoefRow, GroupSummary, RandomLevel, VarianceRow

# e(title) of each me command (Stata 13)
ME_TITLES = {
    ("bernoulli", "logit"): "Mixed-effects logistic regression",
    ("binomial", "logit"): "Mixed-effects logistic regression",
    ("bernoulli", "probit"): "Mixed-effects probit regression",
    ("binomial", "probit"): "Mixed-effects probit regression",
    ("bernoulli", "cloglog"): "Mixed-effects cloglog regression",
    ("binomial", "cloglog"): "Mixed-effects cloglog regression",
    ("poisson", "log"): "Mixed-effects Poisson regression",
    ("nbinomial", "log"): "Mixed-effects nbinomial regression",
    ("ordinal", "logit"): "Mixed-effects ologit regression",
    ("ordinal", "probit"): "Mixed-effects oprobit regression",
    ("gaussian", "identity"): "Mixed-effects GLM",
}
# metobit and meintreg (Stata 15): their title and e(model), the word of the LR test's line
CENSORED_MODELS = {"metobit": ("Mixed-effects tobit regression", "tobit", "Tobit regression"),
                   "meintreg": ("Mixed-effects interval regression", "interval", "Interval regression")}


def me_title(command: str, family: str, link: str, random_effects: bool = True) -> str:
    """e(title) of an me fit: meglm's, the censored commands' (without random effects their
    single-level title, as metobit.ado's ``if e(k_r)``) or the family's."""
    if command in CENSORED_MODELS:
        return CENSORED_MODELS[command][0 if random_effects else 2]
    return "Mixed-effects GLM" if command == "meglm" else ME_TITLES.get((family, link), "Mixed-effects GLM")

# title of the single-level models
GLM_TITLES = {
    "logit": "Logistic regression",
    "probit": "Probit regression",
    "cloglog": "Complementary log-log regression",
    "poisson": "Poisson regression",
    "nbreg": "Negative binomial regression",
    "ologit": "Ordered logistic regression",
    "oprobit": "Ordered probit regression",
    "ocloglog": "Ordered cloglog regression",
    "regress": "Linear regression",
}


@dataclass(frozen=True)
class IterationStep:
    """One line of an iteration log: ``Iteration 3:   log likelihood = -1206.6742``.

    ``note``: ``(not concave)`` or ``(backed up)`` or empty; ``before``: a line printed above it
    (ml's ``(setting technique to bhhh)``) or empty."""

    iteration: int
    loglik: float
    note: str = ""
    before: str = ""


@dataclass(frozen=True)
class IterationDetail:
    """What maximize's display options show at iteration ``iteration`` ([R] maximize): the
    parameter vector (trace), the gradient (gradient), the negative Hessian (hessian) there;
    ``tries``: (step length, objective) of each step tried from it (showstep); ``criteria``:
    (mreldif of b, reldif of ln L, g'(-H)^-1 g) of the step that led to it, the values ml
    compares with tolerance(), ltolerance() and nrtolerance() (showtolerance; None at 0)."""

    iteration: int
    b: object
    gradient: object
    neg_hessian: object
    tries: tuple = ()
    criteria: tuple | None = None


@dataclass(frozen=True)
class IterationPhase:
    """A block of the log under a heading (``Fitting fixed-effects model:``,
    ``Refining starting values:``, ``Fitting full model:``; empty for a plain log).
    ``label`` is ``Iteration`` or ``Grid node``."""

    heading: str
    steps: tuple[IterationStep, ...]
    label: str = "Iteration"
    details: tuple = ()  # IterationDetail per iteration, when recorded (maximize's display options)
    names: tuple[str, ...] = ()  # the parameters' names, the details' columns
    notes: tuple[str, ...] = ()  # lines under the heading, before the iterations (heckprob's B=0 note)


@dataclass(frozen=True)
class IterationLog:
    phases: tuple[IterationPhase, ...] = ()


@dataclass(frozen=True)
class LRTestSingle:
    """``LR test vs. logistic regression: chibar2(01) = ... Prob >= chibar2 = ...``.

    ``kind``: ``chibar2(01)`` (one random-effects parameter) or ``chi2``
    (several; ``conservative`` then True: Stata adds "Note: LR test is conservative
    and provided only for reference.").  ``model``: Stata's e(model) word
    (``logistic``, ``probit``, ``cloglog``, ``Poisson``, ``nbinomial``, ``ologit``,
    ``oprobit``, ``linear``); ``label`` the full text before the statistic."""

    chi2: float
    df: int
    p: float
    kind: str
    ll_single: float
    model: str
    label: str
    conservative: bool = False


@dataclass(frozen=True)
class GroupInfo:
    """A row of the me group table: a GroupSummary plus its integration points."""

    summary: GroupSummary
    integration_points: int


@dataclass(frozen=True)
class GLMMResult:
    """Everything an ``me*`` command prints (Stata 13 layout), plus e() inputs.

    ``fixed``: coefficient rows (``depvar`` equation); ``fixed_eform``: the same
    rows exponentiated (coef = exp(b), se = exp(b) se, CI exp of the bounds, z and
    P unchanged) for ``or``/``irr``/``eform``, with ``eform_label`` (``Odds Ratio``,
    ``IRR``, ``exp(b)``).  ``ancillary``: ``/cut1``... or ``/lnalpha`` (``/lndelta``,
    ``/lnsigma``) rows in the estimation metric (z and P NaN: not printed);
    ``ancillary_natural``: ``alpha`` / ``delta`` / ``sigma`` rows (exp of the
    estimate and CI, delta-method SE), empty for ordinal models.
    ``random``: metric -> blocks, metric ``variance`` (default display) or ``sd``
    (``stddeviations``); in ``variance`` covariances have symmetric CIs and
    variances log-scale CIs, in ``sd`` correlations tanh-of-atanh CIs.
    ``integration``: ``mvaghermite``, ``mcaghermite``, ``ghermite`` or ``laplace``.
    Covariance rows of the ``variance`` metric carry z and P (Stata's me tables print
    them for covariances, which are not bounded).  ``random_labels``: each block's
    level as the table labels it, nested levels ``school>class``.
    """

    title: str
    command: str
    family: str
    link: str
    depvar: str
    nobs: int
    groups: tuple[GroupInfo, ...]
    integration: str
    integration_points: int
    fixed: tuple[CoefRow, ...]
    fixed_eform: tuple[CoefRow, ...]
    eform_label: str
    ancillary: tuple[CoefRow, ...]
    ancillary_natural: tuple[VarianceRow, ...]
    random: dict[str, tuple[RandomLevel, ...]]
    loglik: float
    wald_chi2: float
    wald_df: int
    wald_p: float
    lr_test: LRTestSingle | None
    level: float = 95.0
    binomial_label: str | None = None
    offset_name: str | None = None
    dispersion: str | None = None
    pseudo: bool = False
    vce: str = "oim"  # oim | robust | bootstrap | jackknife (the bootstrap/jackknife prefixes)
    cluster_var: str | None = None
    n_clusters: int | None = None
    converged: bool = True
    crossed: bool = False
    iteration_log: IterationLog = field(default_factory=IterationLog)
    notes: tuple[str, ...] = ()
    vce_label: str | None = None  # the prefixes' e(vcetype) over Std. Err. (Bootstrap, Jackknife)
    constraint_labels: tuple[str, ...] = ()
    random_labels: tuple[str, ...] = ()  # per block of ``random``: Stata's level label (``school>class``)
    residual: VarianceRow | None = None  # gaussian family: ``var(e.depvar)`` (then no ``/lnsigma`` row)
    # metobit/meintreg: ((label, count) rows of the header's censoring summary, lower limit, upper limit)
    censoring: tuple | None = None


@dataclass(frozen=True)
class GLMResult:
    """Everything ``logit``/``probit``/``cloglog``/``poisson``/``nbreg``/``ologit``/
    ``oprobit`` print.

    ``chi2_type``: ``LR`` (model vs constant-only, df = k - k_0) or ``Wald`` (robust).
    ``pseudo_r2``: 1 - ll/ll_0 (McFadden), as Stata prints it.
    ``lr_alpha``: nbreg's ``LR test of alpha=0`` (chibar2(01), vs Poisson), else None.
    ``n_zero``/``n_nonzero``: cloglog's ``Zero outcomes`` / ``Nonzero outcomes``.
    """

    title: str
    command: str
    depvar: str
    nobs: int
    fixed: tuple[CoefRow, ...]
    fixed_eform: tuple[CoefRow, ...]
    eform_label: str
    ancillary: tuple[CoefRow, ...]
    ancillary_natural: tuple[VarianceRow, ...]
    loglik: float
    ll_0: float
    chi2: float
    chi2_type: str
    df_m: int
    p: float
    pseudo_r2: float
    lr_alpha: LRTestSingle | None = None
    level: float = 95.0
    pseudo: bool = False
    vce: str = "oim"
    cluster_var: str | None = None
    n_clusters: int | None = None
    n_zero: int | None = None
    n_nonzero: int | None = None
    offset_name: str | None = None
    dispersion: str | None = None
    converged: bool = True
    iteration_log: IterationLog = field(default_factory=IterationLog)
    notes: tuple[str, ...] = ()
    constraint_labels: tuple[str, ...] = ()
    vce_label: str | None = None  # vce(bootstrap|jackknife): Bootstrap/Jackknife over Std. Err.
    n_reps: int | None = None  # the header's Replications
    df_r: float | None = None  # vce(jackknife): F(df_m, df_r), t statistics
    replications: tuple | None = None  # (G, v): cluster() of vce(bootstrap|jackknife), "(Replications based on ...)"
