"""Survey results (pure data): svyset's settings, svydescribe's table and the svy: prefix's
estimates."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    su: str = "_n"  # a variable, or _n (the observations)
    strata: str | None = None
    fpc: str | None = None
    weight: str | None = None  # the stage-level sampling weight, weight() ([SVY] svyset)


@dataclass(frozen=True)
class SurveySettings:
    wtype: str | None = None  # pweight | iweight
    wvar: str | None = None
    vce: str = "linearized"
    singleunit: str = "missing"
    stages: tuple[Stage, ...] = field(default_factory=tuple)
    typed: tuple[str, ...] = ()  # the global options typed (vce, singleunit): only they are stored
    mse: bool = False  # replication methods: deviations from the full-sample estimate
    brrweight: tuple[str, ...] = ()
    fay: float | None = None
    jkrweight: tuple[str, ...] = ()
    sdrweight: tuple[str, ...] = ()
    sdrfpc: float | None = None
    dof: float | None = None
    # stages after a with-replacement stage, kept (not used for the variance) because a later
    # one has a weight(): svyset.ado stores the stages up to _svy_stages_wt
    weight_only_stages: tuple[Stage, ...] = ()

    @property
    def all_stages(self) -> tuple[Stage, ...]:
        return self.stages + self.weight_only_stages

    @property
    def stage_weights(self) -> tuple[str, ...]:
        """The stage-level weight() variables in stage order (svyset's hidden r(wlist))."""
        return tuple(st.weight for st in self.all_stages if st.weight)

    @property
    def stages_wt(self) -> int:
        """The last stage with a weight() (r(stages_wt)); 0 without one."""
        return max((i for i, st in enumerate(self.all_stages, start=1) if st.weight), default=0)

    @property
    def weight_type(self) -> str | None:
        """The observation-level weight type: the svyset pweight/iweight, or pweight for the
        product of the stage-level weights (_svy_setup.ado)."""
        return self.wtype or ("pweight" if self.stage_weights else None)

    @property
    def weight_exp(self) -> str | None:
        """The weight expression without "= ": the weight variable or w1*w2*... ."""
        return self.wvar or ("*".join(self.stage_weights) or None)

    @property
    def weight_vars(self) -> tuple[str, ...]:
        return (self.wvar,) if self.wvar else self.stage_weights

    @property
    def replicate_weights(self) -> tuple[str, ...]:
        """The replicate-weight variables of the svyset vce (none for linearized)."""
        return {"brr": self.brrweight, "jackknife": self.jkrweight, "sdr": self.sdrweight}.get(self.vce, ())

    def global_settings(self) -> list[str]:
        """svyset.ado's Get order of the global options after the stages (singleunit and vce last)."""
        out = [f"brrweight({' '.join(self.brrweight)})"] if self.brrweight else []
        if self.fay not in (None, 0):
            out.append(f"fay({_num(self.fay)})")
        if self.jkrweight:
            out.append(f"jkrweight({' '.join(self.jkrweight)})")
        if self.sdrweight:
            fpc = f", fpc({_num(self.sdrfpc)})" if self.sdrfpc is not None else ""
            out.append(f"sdrweight({' '.join(self.sdrweight)}{fpc})")
        if self.dof is not None:
            out.append(f"dof({_num(self.dof)})")
        return out + [f"singleunit({self.singleunit})", f"vce({self.vce})"] + ["mse"] * self.mse

    def settings_text(self) -> str:
        """r(settings): the svyset arguments that reproduce these settings."""
        parts = []
        weight = f" [{self.wtype}= {self.wvar}]" if self.wtype else ""  # svyset.ado: [`wtype'`wexp']
        stages = self.all_stages or (Stage(),)
        for i, st in enumerate(stages):
            text = (" || " if i else "") + st.su + (weight if i == 0 else "")
            opts = [f"strata({st.strata})" if st.strata else "", f"weight({st.weight})" if st.weight else "",
                    f"fpc({st.fpc})" if st.fpc else ""]
            opts = [o for o in opts if o]
            if i == len(stages) - 1:
                opts += self.global_settings()
            parts.append(text + (", " + " ".join(opts) if opts else ""))
        return "".join(parts)


def _num(value: float) -> str:
    """A number as Stata's display shows it (.5, 2, 1.5)."""
    text = f"{value:.15g}"
    return text[1:] if text.startswith("0.") else text.replace("-0.", "-.")


@dataclass(frozen=True)
class StratumRow:
    """One line of svydescribe: the stratum's value as shown, its units and observations."""

    label: str
    units: int
    obs: int
    min_obs: int
    max_obs: int


@dataclass(frozen=True)
class SurveyDescription:
    settings: SurveySettings
    strata: tuple[StratumRow, ...]
    n_strata: int
    n_units: int
    n_obs: int
    min_obs: int
    max_obs: int
    n_missing_design: int  # observations dropped for missing design variables
    n_total: int  # _N


@dataclass(frozen=True)
class SurveyHeader:
    """The svy header: ``title`` ("Survey: Linear regression"), the design counts and the
    model test.  ``narrow``: the header of mean/total/ratio (as wide as their table)."""

    title: str
    n_strata: int
    n_psu: int
    n_obs: int
    population: float
    design_df: int
    subpop_obs: int | None = None
    subpop_size: float | None = None
    F: float | None = None
    df1: float | None = None
    df2: float | None = None
    p_F: float | None = None
    r2: float | None = None
    narrow: bool = False
    replications: int | None = None  # BRR, jackknife, SDR: the replicates used
    show_psus: bool = True  # False: replicate-weight variables (the PSUs are not known)


@dataclass(frozen=True)
class SurveyEstimates:
    """What svy: prints: its header, then either ``rows`` (mean/total/ratio: estimate, SE and
    interval under the heading ``column``) or ``coef_rows`` (a regression's coefficient table)."""

    header: SurveyHeader
    depvar: str = ""
    column: str = "Mean"
    rows: tuple = ()  # CoefRow (stat and p unused)
    coef_rows: tuple = ()
    legend: tuple[tuple[str, str], ...] = ()  # ratio's "_ratio_1: y/x" lines
    level: float = 95.0
    missing_se: bool = False  # singleunit(missing) met a stratum with one PSU
    strata_omitted: int = 0  # subpop(): strata without a subpopulation member
    coef_label: str = "Coef."
    vce_label: str = "Linearized"  # BRR, Jackknife, SDR over the Std. Err. column
    eform: bool = False
    ancillary: tuple = ()  # ologit's /cut# rows (CoefRow), below a + rule
    derived: tuple = ()  # nbreg's alpha (CoefRow), below a + rule of its own
    equations: tuple[str, ...] = ()  # proportion, over(): each row's variable (a heading row before each block)
    over: bool = False  # over(): "Over" heads the name column


@dataclass(frozen=True)
class DesignEffects:
    """estat effects: (label, estimate, SE, DEFF, DEFT) rows; which of DEFF/DEFT to show;
    ``fpc``: the design has an fpc (the note on the weights' scale follows)."""

    rows: tuple
    column: str = "Coef."
    depvar: str = ""
    deff: bool = True
    deft: bool = True
    fpc: bool = False
    vce_label: str = "Linearized"
    meff: bool = False  # MEFF and MEFT columns (rows' 6th and 7th entries)
    meft: bool = False
    equations: tuple = ()  # each row's equation where rows come in blocks (over(), proportion)


@dataclass(frozen=True)
class TableItem:
    """One display item of svy: tabulate: ``kind`` (count, cell, row, column, se, cv, ci,
    deff, deft, obs) and its values per table row (the categories, then the Total row), per
    column (the categories, then the Total column); NaN shows as a blank.  ``upper``: ci's
    upper bounds (``values`` the lower)."""

    kind: str
    values: tuple[tuple[float, ...], ...]
    upper: tuple[tuple[float, ...], ...] = ()


@dataclass(frozen=True)
class TableTest:
    """One line of a test block: label ("Uncorrected"), statistic ("chi2" or "F"), its
    degrees of freedom, value and p (None: no p shown)."""

    label: str
    stat: str
    df1: float
    df2: float | None
    value: float
    p: float | None = None


@dataclass(frozen=True)
class SurveyTabulation:
    """What svy: tabulate prints: the header, the table (tabdisp's layout), the key, the
    tests ((title, lines) blocks), the generalized deff summary and notes."""

    header: SurveyHeader
    row_title: str
    col_title: str | None  # None: a one-way table
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    items: tuple[TableItem, ...]
    item_of: str  # what se/ci/deff describe: "cell proportions", "weighted counts" ...
    margins: bool = True
    vertical: bool = False
    percent: bool = False
    level: float = 95.0
    fmt: str = "%6.0g"
    vce: str = "linearized"
    cellwidth: int | None = None
    csepwidth: int | None = None
    stubwidth: int | None = None
    table: bool = True
    tests: tuple[tuple[str, tuple[TableTest, ...]], ...] = ()
    messages: tuple[str, ...] = ()  # "Table contains a zero in the marginals." ...
    deff_summary: tuple[float, float] | None = None  # mean generalized deff, its CV
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyMultinomial:
    """svy: mlogit's output: the survey header and mlogit's table (Linearized, t on the
    design df); ``eform``: rrr."""

    header: SurveyHeader
    table: object  # results.multinomial.MultinomialResult
    eform: bool = False


@dataclass(frozen=True)
class EstimateColumns:
    """estat cv and estat size: (label, estimate, SE, *values) rows beside the extra columns'
    (title, width, display format); ``notes``: lines printed under the table."""

    rows: tuple
    columns: tuple
    column: str = "Coef."
    depvar: str = ""
    over: bool = False
    equations: tuple = ()  # mean/total/ratio/proportion: each row's variable, a line where it changes
    vce_label: str = "Linearized"
    notes: tuple = ()


@dataclass(frozen=True)
class StrataCounts:
    """estat strata: per stage (singleton, certainty, total strata, scale factor or None)."""

    stages: tuple
    scaled: bool = False
    notes: tuple = ()
