"""Result types of the classic hypothesis tests (prtest, bitest, signtest, sdtest, robvar,
ksmirnov, median): every number the renderers print, computed by ``mlmcli.classic_tests``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.anova import OnewaySummaryRow
from mlmcli.results.statistics import TTestRow


@dataclass(frozen=True)
class Tails:
    """A statistic's two-sided and one-sided p-values (p_l: lower tail, p_u: upper tail)."""
    statistic: float
    p: float
    p_l: float
    p_u: float


@dataclass(frozen=True)
class ProportionRow:
    name: str
    n: int
    p: float  # the observed proportion
    se: float
    lb: float
    ub: float


@dataclass(frozen=True)
class ProportionTest:
    """prtest/prtesti: one sample against p0 (``rows`` of one, ``p0`` set) or two samples."""
    rows: tuple[ProportionRow, ...]
    z: Tails
    level: float
    p0: float | None = None
    diff: ProportionRow | None = None  # two samples: p1 - p2, se unpooled, CI
    se_null: float = float("nan")  # two samples: the pooled se under Ho
    p_null: float = float("nan")  # two samples: 2 Pr(Z > |diff/se_null|)
    first_column: str = ""  # "Variable", "   Group" or blank


@dataclass(frozen=True)
class BinomialTest:
    """bitest/bitesti: k successes in n trials against p."""
    name: str  # blank without xname()
    n: int
    k: int
    p0: float
    p_u: float  # Pr(k >= observed)
    p_l: float  # Pr(k <= observed)
    p: float  # two-sided
    k_opp: int | None  # the opposite tail's k; None when that tail is empty
    empty_tail: str = ""  # "lower" / "upper" when the opposite tail is empty
    detail: tuple[tuple[int, float, str], ...] = ()  # (k, Pr(k == k), note) with detail


@dataclass(frozen=True)
class SignTest:
    name: str  # the variable, abbreviated to 10
    expression: str
    n_pos: int
    n_neg: int
    n_zero: int
    p_pos: float
    p_neg: float
    p_two: float


@dataclass(frozen=True)
class VarianceTest:
    """sdtest/sdtesti: one sample (chi2 against sd0) or the variance ratio of two."""
    rows: tuple[TTestRow, ...]  # ttest's rows: n, mean, se, sd and the t interval
    combined: TTestRow | None
    statistic: Tails  # chi2 or F
    df: tuple[float, ...]  # (n - 1,) or (df_1, df_2)
    level: float
    sd0: float | None = None
    first_column: str = ""


@dataclass(frozen=True)
class LeveneTest:
    """robvar: Levene's W0 (centred at the mean) and Brown-Forsythe's W50 (median) and W10
    (10% trimmed mean), each F on (groups - 1, N - groups) df, beside tabulate's summary."""
    variable_label: str
    group_label: str
    groups: tuple[OnewaySummaryRow, ...]
    total: OnewaySummaryRow
    w: tuple[float, float, float]  # W0, W50, W10
    p: tuple[float, float, float]
    df: tuple[int, int]


@dataclass(frozen=True)
class KolmogorovSmirnov:
    """ksmirnov: D of each direction (named for the group or variable it favours), combined."""
    title: tuple[str, ...]
    names: tuple[str, str]
    d: tuple[float, float]  # D_1 (max of F1 - F2), D_2 (min, <= 0)
    p: tuple[float, float]
    d_combined: float
    p_combined: float
    p_corrected: float  # corrected (asymptotic) or exact
    exact: bool
