"""What the panel-data commands report: ``xtreg`` (fe, be, re, mle), ``hausman``,
``xttest0``.  Pure data filled by the engines (``mlmcli.panel``,
``mlmcli.postest.hausman``); ``mlmcli.render.panel_regression`` and
``mlmcli.render.panel_tests`` lay them out as Stata 13 does."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True, kw_only=True)
class PanelSample:
    """What an xt model's header says of its sample: the dependent variable, N, the panels of
    ``ivar`` and their sizes (min, average, max) -- xtreg's, xtgee's, xthtaylor's and the xt
    random-effects models' (``xt_random_intercept.RandomEffectsHeader``)."""

    depvar: str
    ivar: str
    nobs: int
    n_groups: int
    g_min: float
    g_avg: float
    g_max: float


@dataclass(frozen=True)
class AncillaryRow:
    """``/sigma_u``, ``/sigma_e``, ``rho`` below the coefficients of ``xtreg, mle``."""

    label: str
    estimate: float
    se: float
    ci_lo: float
    ci_hi: float


@dataclass(frozen=True)
class XtregResult(PanelSample):
    """``model``: fe | be | re | ml.  ``test_label``/``test_value``/``test_p``: the model
    test of the header (``F(8,23386)``, ``Wald chi2(10)``, ``LR chi2(10)``); ``corr``:
    corr(u_i, Xb) (fe); ``rmse``: sd(u_i + avg(e_i.)) (be); ``ll``: the log likelihood
    (ml).  ``theta``/``theta_quantiles``: re's theta (balanced / unbalanced panels),
    printed with the ``theta`` option.  ``F_f``...: the F test that all u_i = 0 (fe with
    the conventional VCE); ``chibar2``/``chibar2_p``: ml's LR test of sigma_u = 0."""

    model: str
    title: str
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
    ll: float = float("nan")
    sigma_u: float = float("nan")
    sigma_e: float = float("nan")
    rho: float = float("nan")
    ancillary: tuple[AncillaryRow, ...] = ()
    theta: float | None = None
    theta_quantiles: tuple[float, ...] | None = None
    F_f: float | None = None
    df_a: int = 0
    df_r: int = 0
    p_f: float = float("nan")
    chibar2: float | None = None
    chibar2_p: float = float("nan")
    pseudo: bool = False
    replications: tuple[int, str] | None = None  # vce(bootstrap|jackknife): (clusters, their variable)
    vce_label: str | None = None  # Bootstrap, Jackknife or Jknife * over Std. Err. (e(vcetype))


@dataclass(frozen=True)
class HausmanRow:
    name: str  # Stata's coefficient name (``age``, ``2.race``, ``c.age#c.age``)
    b: float
    B: float
    se: float  # sqrt(diag(V_b - V_B)); NaN when negative
    term: str | None = None
    level: str | None = None
    equation: str | None = None


@dataclass(frozen=True)
class HausmanResult:
    consistent_name: str
    efficient_name: str
    consistent_cmd: str
    efficient_cmd: str
    rows: tuple[HausmanRow, ...]
    df: int
    chi2: float
    p: float
    positive_definite: bool
    rank: int
    n_coefs: int


@dataclass(frozen=True)
class BreuschPaganResult:
    depvar: str
    ivar: str
    var_y: float
    var_e: float
    var_u: float
    lm: float
    p: float


@dataclass(frozen=True)
class GroupwiseHetResult:
    """``xttest3``'s modified Wald test (``mlmcli.panel.groupwise_het``); ``fgls``: after xtgls."""
    fgls: bool
    df: int
    chi2: float
    p: float


@dataclass(frozen=True)
class XtsumRow:
    """One variable of ``xtsum`` (numbers of ``mlmcli.panel.description.decomposition``)."""

    name: str
    N: int
    n: int
    Tbar: float
    balanced: bool
    mean: float
    sd: float
    min: float
    max: float
    sd_b: float
    min_b: float
    max_b: float
    sd_w: float
    min_w: float
    max_w: float


@dataclass(frozen=True)
class XttabRow:
    label: str  # value label (8 characters) or the value
    freq: int
    percent: float
    panels: int
    panel_percent: float
    within: float


@dataclass(frozen=True)
class XttabResult:
    name: str
    rows: tuple[XttabRow, ...]
    N: int
    n: int
    total_panels: int
    total_within: float
    labelled: bool


@dataclass(frozen=True)
class XtdescribeResult:
    ivar: str
    tvar: str
    ivals: tuple[str, str, str]  # displayed first, second and last panel values
    tvals: tuple[str, str, str]
    n: int
    T: int
    delta: str
    span: str
    unique: bool
    t_distribution: tuple[float, ...]
    patterns: tuple[tuple[int, str], ...]
    shown: int  # patterns listed (the rest as "(other patterns)")
    overall: str
    step: float


@dataclass(frozen=True)
class AregResult:
    """``areg``: header statistics, coefficients and the absorbed variable's F test
    (conventional VCE only; ``None`` prints ``absorbed``)."""

    depvar: str
    absvar: str
    nobs: int
    df_m: int
    df_r: int
    F: float
    p: float
    r2: float
    r2_a: float
    rmse: float
    coefs: tuple[CoefRow, ...]
    categories: int
    df_a: int
    F_absorb: float | None
    p_absorb: float
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None


@dataclass(frozen=True)
class MLHeaderResult:
    """A maximum-likelihood model's header and table (``clogit``, ``xtlogit, fe``,
    ``xtpoisson, fe``).  ``ivar`` set: the xt header (group variable, obs per group);
    else Stata's standard ml header with Pseudo R2.  ``eform``: the coefficient column's
    heading when the coefficients are shown exponentiated (``Odds Ratio``, ``IRR``)."""

    title: str
    depvar: str
    nobs: int
    test_label: str
    test_value: float
    test_p: float
    ll: float
    coefs: tuple[CoefRow, ...]
    ivar: str | None = None
    n_groups: int = 0
    g_min: float = float("nan")
    g_avg: float = float("nan")
    g_max: float = float("nan")
    pseudo_r2: float = float("nan")
    eform: str | None = None
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None
    pseudo: bool = False
    offset_label: str | None = None  # clogit's offset(): its ``(offset)`` row
    vce_label: str | None = None  # OPG, Bootstrap, Jackknife over Std. Err.
    replications: tuple[int, str] | None = None  # (clusters, variable) of vce(bootstrap|jackknife)
    n_reps: int | None = None  # the header's Replications
    t_stats: bool = False  # vce(jackknife): t and P>|t| (e(df_r))
    constraint_labels: tuple[str, ...] = ()  # constraints(): `` ( 1)  x1 + x2 = 0`` above the table


@dataclass(frozen=True)
class GEEResult(PanelSample):
    """``xtgee`` (and ``xtreg, pa``, ``xtlogit, pa``, ``xtpoisson, pa``): the GEE header
    (group variable, link, family, working correlation, scale) and the table.
    ``scale``: the number shown after ``Scale parameter:``; ``eform``: the coefficient
    column's heading when exponentiated (``Odds Ratio``, ``IRR``, ``exp(b)``)."""

    link: str
    family: str
    correlation: str
    scale: float
    df_m: int
    chi2: float
    p: float
    coefs: tuple[CoefRow, ...]
    robust: bool = False
    eform: str | None = None
    level: float = 95.0
    vce_label: str | None = None  # Bootstrap, Jackknife over Std. Err.
    replications: tuple[int, str] | None = None  # (clusters, panel variable) of vce(bootstrap|jackknife)
    df_r: float | None = None  # vce(jackknife): F(df_m, df_r) in the header, t statistics
    offset_name: str | None = None  # ln(exposure) or the offset variable: its row under the table
    # independent working correlation: (df_pear, Pearson sum, deviance, Pearson / df, deviance / df)
    fit_statistics: tuple | None = None
    scale_note: str | None = None  # "(Standard errors scaled using square root of ...)" under the table


@dataclass(frozen=True)
class NegativeBinomialREResult(MLHeaderResult):
    """``xtnbreg, re``: the xt ML header (``Random effects u_i ~ Beta``), the coefficients,
    /ln_r and /ln_s, r and s, and the LR test against the pooled model."""

    ln_params: tuple[AncillaryRow, ...] = ()
    params: tuple[AncillaryRow, ...] = ()
    chibar2: float = float("nan")
    chibar2_p: float = float("nan")


@dataclass(frozen=True)
class ErrorComponentStatistics:
    """Sosa-Escudero and Bera's statistics (``mlmcli.panel.error_component_tests``): LM and
    adjusted (ALM) tests of Var(u)=0 (two- and one-sided), of lambda=0, and the joint test."""
    lm_re: float        # LM(Var(u)=0), chi2(1)
    alm_re: float       # ALM(Var(u)=0), chi2(1)
    lm_re_one: float    # one-sided LM(Var(u)=0), N(0,1)
    alm_re_one: float   # one-sided ALM(Var(u)=0), N(0,1)
    lm_sc: float        # LM(lambda=0), chi2(1)
    alm_sc: float       # ALM(lambda=0), chi2(1)
    lm_joint: float     # LM(Var(u)=0,lambda=0), chi2(2)


@dataclass(frozen=True)
class ErrorComponentResult:
    """``xttest1``'s report: the variances of its "Estimated results" block, the statistics with
    their p-values (chi2 upper tails; the one-sided ones 1 - Phi), and ``unadjusted`` (the LM
    tests shown beside the adjusted ones)."""
    depvar: str
    ivar: str
    var_y: float
    var_e: float
    var_u: float
    stats: ErrorComponentStatistics
    p: dict
    unadjusted: bool
