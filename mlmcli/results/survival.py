"""Result types of the survival commands: the st settings (stset's characteristics) and
stset's summary of the records; stcox's fit summary (``CoxResult``)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.glmm import IterationLog
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class StDescription:
    """The st characteristics the st displays read (_dta[st_*] texts, "" when unset)."""

    bt: str                 # st_bt: the base time variable
    failvar: str = ""       # st_bd
    events: str = ""        # st_ev: the failure numlist, expanded ("1 2")
    id: str = ""            # st_id
    bt0: str = ""           # st_bt0
    enter: str = ""         # st_enter ("time x", "v==1 2")
    exit: str = ""          # st_exit
    origin: str = ""        # st_orig
    scale: str = "1"        # st_bs
    weight: str = ""        # st_w ("[fweight=w]")
    ifexp: str = ""         # st_ifexp


@dataclass(frozen=True)
class Exclusion:
    count: int
    text: str
    probable_error: bool = False
    continuation: tuple[str, ...] = ()  # lines below it (13 spaces in)


@dataclass(frozen=True)
class StSetSummary:
    """stset's counts (st_set.ado's display)."""

    description: StDescription
    n_total: int
    exclusions: tuple[Exclusion, ...]
    remaining: int
    weighted_total: float | None    # fweights: the weighted observations
    subjects: float | None          # with id()
    failures: float
    failure_data: str               # "single-record/single-failure", ...
    at_risk_after_failure: float | None
    time_at_risk: float
    earliest_entry: float
    last_exit: float


@dataclass(frozen=True, kw_only=True)
class StEstimationHeader:
    """What stcox's and streg's header (render.survival.st_header) reports: the subjects,
    failures, time at risk and observations, the model test (``chi2_type`` LR, Wald or F on
    ``df_m``, ``df_r``) and the log (pseudo, ``pseudo``) likelihood; with the st settings
    (``description``) and the table's level, clusters and replicates' legend."""

    description: StDescription
    n_subjects: float
    n_failures: float
    time_at_risk: float
    nobs: int
    df_m: int
    chi2: float
    p: float
    loglik: float
    level: float
    chi2_type: str = "LR"           # LR | Wald (after a robust variance or noconstant) | F (jackknife)
    pseudo: bool = False            # robust: "Log pseudolikelihood"
    n_clusters: int | None = None
    cluster_var: str | None = None
    df_r: float | None = None       # vce(jackknife): F(df_m, df_r) in the header, t statistics
    vce_label: str | None = None    # "Jackknife"/"Bootstrap"/"OPG" over Std. Err.
    replications: tuple | None = None  # (clusters, variable) of the replicates, over the table


@dataclass(frozen=True)
class CoxResult(StEstimationHeader):
    """stcox's output: settings line, iteration log, header and the table."""

    ties: str                       # breslow | efron | exactm | exactp | none
    iteration_log: IterationLog
    refining_loglik: float
    coefs: tuple[CoefRow, ...]      # log hazard ratios
    coefs_hr: tuple[CoefRow, ...]   # hazard ratios
    vce: str                        # oim | robust
    strata: str | None = None       # strata(): the title's "Stratified Cox regr." and the footnote
    texp: str | None = None         # tvc(): the tvc equation's multiplier (its rows the last n_tvc)
    n_tvc: int = 0


@dataclass(frozen=True)
class StregResult(StEstimationHeader):
    """streg's output: the st settings, the two-phase log, the header and the table."""

    title: str                      # "Weibull regression -- log relative-hazard form"
    iteration_log: IterationLog
    coefs: tuple[CoefRow, ...]      # the _t equation, coefficient metric
    coefs_hr: tuple[CoefRow, ...]   # hazard ratios (empty in the time metric)
    ancillary: tuple[CoefRow, ...]  # /ln_p
    natural: tuple[CoefRow, ...]    # p, 1/p (estimate, SE, CI)
    aux_equations: tuple = ()       # (name, rows) of ancillary equations with covariates
    offset_name: str | None = None
    frailty: dict | None = None     # streg_frailty.frailty_summary: title, shared, groups, chi2_c, p_c
    constraint_labels: tuple = ()   # constraints(): `` ( 1)  [_t]x = 1`` above the table
