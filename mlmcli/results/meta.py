"""What the meta commands show, as pure data: the declared settings (meta set, meta esize, meta
query), a meta summarize table, meta bias's tests, meta trimfill's summary and meta regress's
header (its coefficient rows are the shared coefficient-table rows)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MetaSettings:
    """The meta data declaration, as kept in the dataset's characteristics.

    ``datatype``: generic (meta set es se), generic_ci (meta set es cil ciu), continuous or
    binary (meta esize); ``estype``: the effect size (``generic`` for meta set); ``esvar``/
    ``sevar``: the user's variables named in the header; ``summary_vars``: meta esize's inputs."""

    datatype: str
    estype: str
    eslabel: str
    esvar: str
    sevar: str
    model: str
    method: str
    level: float = 95.0
    studylabel: str = ""
    studysize: str = ""
    K: int = 0
    cil: str = ""
    ciu: str = ""
    civarlevel: float = 95.0
    summary_vars: tuple[str, ...] = ()
    esize_options: tuple[tuple[str, str], ...] = ()  # (name, value): exact, holkinse, unequal, zerocells
    declared_with: str = ""  # "set" or "esize": the command meta update runs again
    variables: tuple[str, ...] = ()  # its variables
    typed_options: tuple[tuple[str, str | None], ...] = ()  # its options as typed (name, argument)

    def option(self, name: str, default: str = "") -> str:
        return dict(self.esize_options).get(name, default)


@dataclass(frozen=True)
class StudyRow:
    label: str
    es: float
    lo: float
    hi: float
    weight: float  # percent; NaN when not shown


@dataclass(frozen=True)
class PooledRow:
    """One overall estimate: ``label`` is theta (or a group's), with its interval and test."""

    label: str
    theta: float
    lo: float
    hi: float
    stat: float
    p: float
    df: float | None


@dataclass(frozen=True)
class Heterogeneity:
    label: str
    df: int
    Q: float
    p: float
    tau2: float | None
    I2: float
    H2: float


@dataclass(frozen=True)
class SummaryTable:
    settings: MetaSettings
    model: str
    method: str
    level: float
    K: int
    heterogeneity: Heterogeneity
    groups: tuple[tuple[str, tuple[StudyRow, ...], PooledRow | None, Heterogeneity | None], ...]
    overall: PooledRow
    column_label: str
    theta_label: str
    se_adjustment: str = ""
    predinterval: tuple[float, float, float] | None = None  # level, lo, hi
    subgroup_var: str = ""
    group_test: tuple[float, int, float] | None = None  # Q_b, df, p
    show_studies: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    sorted_by: str = ""  # sort()'s variables, named under the table


@dataclass(frozen=True)
class BiasTest:
    settings: MetaSettings
    test: str  # egger harbord peters begg
    model: str
    method: str
    K: int
    se_adjustment: str = ""
    beta1: float = float("nan")
    se: float = float("nan")
    stat: float = float("nan")
    p: float = float("nan")
    df: int | None = None
    score: float = float("nan")
    traditional: bool = False
    moderators: str = ""


@dataclass(frozen=True)
class TrimFillSummary:
    settings: MetaSettings
    estimator: str
    side: str
    K: int
    k0: int
    iter_model: str
    iter_method: str
    pool_model: str
    pool_method: str
    level: float
    observed: tuple[float, float, float]
    filled: tuple[float, float, float]
    column_label: str


@dataclass(frozen=True)
class MetaRegressionHeader:
    settings: MetaSettings
    model: str
    method: str
    K: int
    tau2: float | None
    I2: float
    H2: float
    R2: float
    chi2: float
    chi2_df: int
    chi2_p: float
    Q_res: float
    Q_df: int
    Q_p: float
    se_adjustment: str = ""
    fstat: bool = False  # Knapp-Hartung: F(df, K-p) and t tests
    f_df2: int = 0


@dataclass(frozen=True)
class MultilevelTable:
    """meta meregress's output: ``groups`` (levelvar, groups, min, mean, max) per level;
    ``parameters`` (levelvar, label, estimate, se, lo, hi) per level; ``coefficients``: the
    coefficient table's text."""

    title: str
    N: int
    groups: tuple
    ll: float
    reml: bool
    chi2: float
    df_m: int
    p: float
    Q: float
    Q_df: int
    Q_p: float
    level: float
    parameters: tuple
    coefficients: str
    show_groups: bool = True
    show_header: bool = True
