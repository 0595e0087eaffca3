"""What the data commands report (``describe``, ``list``, ``summarize``, ``tabulate``,
``fre``, ``tabstat``, ``merge``, ``reshape``): pure data, filled by the commands, rendered
by ``mlmcli.render.data_list``, ``data_tables`` and ``data_combine``.  Texts (value labels,
formatted cells) are already what the table shows; renderers only lay them out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field


# ----------------------------------------------------------------------------- describe / list
@dataclass(frozen=True)
class DescribeRow:
    name: str
    vtype: str
    fmt: str
    value_label: str
    var_label: str
    has_notes: bool = False  # flagged `*` before its label


@dataclass(frozen=True)
class DescribeHeader:
    """``Contains data from f.dta`` and the obs/vars/size lines."""

    source: str | None
    nobs: int
    nvars: int
    size: int
    data_label: str
    stamp: str
    dta_notes: bool = False  # "(_dta has notes)" on the size line


@dataclass(frozen=True)
class DescribeTable:
    """The variable table of ``describe`` (``fullnames``: no abbreviated names)."""

    rows: tuple[DescribeRow, ...]
    with_header_rule: bool = True
    fullnames: bool = False


@dataclass(frozen=True)
class DescribeFooter:
    """``Sorted by:`` and the changed-data note (after a rule unless ``short``)."""

    sorted_by: tuple[str, ...]
    changed: bool
    rule: bool = True


@dataclass(frozen=True)
class ListColumn:
    header: str
    cells: list[str]
    left: bool = False  # left-aligned (string formats with ``-``)
    min_width: int = 0  # ``nocompress``: the display format's width


@dataclass(frozen=True)
class ListTable:
    """``list``: columns of formatted cells for the observations ``obs_numbers``; a separator
    line every ``separator`` rows and before each row index in ``breaks`` (``sepby()``);
    ``nobs`` the dataset's number of observations (digits of the numbers); names abbreviated
    to the wider of the column and ``abbreviate``."""

    columns: tuple[ListColumn, ...]
    obs_numbers: tuple[int, ...]
    show_obs: bool = True
    clean: bool = False
    separator: int = 5
    header: bool = True
    breaks: frozenset[int] = frozenset()
    nobs: int | None = None
    abbreviate: int = 8
    divider: bool = False  # ``|`` between the columns (``+`` where they meet a rule)


# ----------------------------------------------------------------------------- summarize
@dataclass(frozen=True)
class SummaryRow:
    name: str
    n: int
    mean: float = math.nan
    sd: float = math.nan
    min: float = math.nan
    max: float = math.nan
    sum_w: float = math.nan
    kind: str = "row"  # "row"; factor variables: "heading" (term name, no numbers), "level" (indented)


@dataclass(frozen=True)
class SummarizeTable:
    """``summarize``: one row per variable, a separator every ``separator`` rows, a display
    format per row (``format`` option), the ``Weight`` column with aweights/iweights."""

    rows: tuple[SummaryRow, ...]
    separator: int = 5
    formats: tuple[str, ...] | None = None
    weighted: bool = False


@dataclass(frozen=True)
class DetailStats:
    title: str
    n: int
    sum_w: float
    mean: float
    sd: float
    var: float
    skewness: float
    kurtosis: float
    percentiles: tuple[float, ...]  # p1 p5 p10 p25 p50 p75 p90 p95 p99
    smallest: tuple[float, ...]
    largest: tuple[float, ...]


# ----------------------------------------------------------------------------- tabulate / fre
@dataclass(frozen=True)
class OneWayTable:
    """One-way ``tabulate``: category texts and their frequencies."""

    title: str
    labels: tuple[str, ...]
    freqs: tuple[int | float, ...]  # aweighted or iweighted: sums, not whole


@dataclass(frozen=True)
class TwoWayTable:
    """Two-way ``tabulate``: counts[row][col]; ``show``: which figures each cell holds
    (``freq``, ``row``, ``col``, ``cell``) in Stata's order (the key box lists them)."""

    row_title: str
    col_title: str
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    counts: tuple[tuple[int | float, ...], ...]
    show: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SummaryCell:
    """One cell of ``tabulate, summarize()``: mean, standard deviation, frequency (the sum of
    the weights) and number of observations of the summarized variable."""

    mean: float
    sd: float
    freq: float
    obs: int


@dataclass(frozen=True)
class SummaryBreakdown:
    """``tabulate, summarize()``: cells[row][col] (one column when one-way, ``col_title``
    None), the margins and the grand total; ``show``: which of ``means standard freq obs``
    each cell prints, in that order."""

    variable_label: str
    row_title: str
    row_labels: tuple[str, ...]
    col_title: str | None
    col_labels: tuple[str, ...]
    cells: tuple[tuple[SummaryCell, ...], ...]
    row_totals: tuple[SummaryCell, ...]
    col_totals: tuple[SummaryCell, ...]
    total: SummaryCell
    show: tuple[str, ...]


@dataclass(frozen=True)
class PearsonChi2:
    chi2: float
    df: int
    p: float


@dataclass(frozen=True)
class FreTable:
    """Ben Jann's ``fre``: (value text, label or None, frequency) rows, valid then missing."""

    name: str
    var_label: str
    valid: tuple[tuple[str, str | None, int], ...]
    missing: tuple[tuple[str, str | None, int], ...]
    decimals: int = 2


@dataclass(frozen=True)
class TabstatTable:
    """``tabstat``: per group (label, values[var][stat]) and the total; a display format per
    variable; statistics as columns or rows."""

    varnames: tuple[str, ...]
    stats: tuple[str, ...]
    groups: tuple[tuple[str, list[list[float]]], ...]
    total: list[list[float]] | None
    by_name: str | None
    by_label: str
    formats: tuple[str, ...]
    stats_in_columns: bool
    longstub: bool = False  # with by(): a second stub column naming the statistic (or variable)


# ----------------------------------------------------------------------------- merge / reshape
@dataclass(frozen=True)
class MergeSummary:
    """``merge``'s table: _merge code (1 master only, 2 using only, 3 matched, 4 missing
    updated, 5 nonmissing conflict) -> observations; ``genvar`` False without _merge."""

    counts: dict[int, int]
    genvar: str | bool | None
    update: bool = False


@dataclass(frozen=True)
class ReshapeSummary:
    """``reshape``'s summary: sizes before and after, the j values, the xij variables as
    (left text, right text) pairs (``("inc80 inc81", "inc")`` going long)."""

    direction: str  # long | wide
    j_values: tuple[str, ...]
    n_before: int
    n_after: int
    k_before: int
    k_after: int
    jvar: str
    xij: tuple[tuple[str, str], ...] = field(default_factory=tuple)
