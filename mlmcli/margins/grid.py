"""The cells of a ``margins`` table: at() scenarios x over() groups x within() levels x
marginlist levels, each a covariate setting and a set of rows.

``at()`` (Stata's atspec): items in order, a later one overriding an earlier one --
``x=#``, ``x=(numlist)`` (one scenario per value; several such items give every
combination, the first item varying slowest), ``(stat) varlist`` with stat one of
``mean median p# min max zero base asobserved asbalanced`` and varlist possibly
``_all``, ``_factor``, ``_continuous``.  ``atmeans`` and ``asbalanced`` set the default
for the variables no at() names (continuous at their mean; factors at their level
proportions, or at 1/L each).  Statistics are computed over the cell's rows (within an
over() group, over that group's rows), weighted when the estimation was.

``over(varlist)``: the margins are computed within each group of rows; ``within(varlist)``:
the within variables are fixed at each of their levels for every row and only the
marginlist levels observed within that level are computed (nested designs).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.margins.covariates import DesignTerms, SampleValues, Setting, covariate_statistic, factor_proportions

STATS = ("mean", "median", "min", "max", "zero", "base", "asobserved", "asbalanced")


def is_statistic(word: str) -> bool:
    w = word.lower()
    return w in STATS or (w.startswith("p") and w[1:].isdecimal() and 1 <= int(w[1:]) <= 99)


@dataclass(frozen=True)
class AtItem:
    """One element of an at() spec: ``var=values`` or ``(stat) var`` (var may be ``_all``,
    ``_factor``, ``_continuous``)."""

    var: str
    values: tuple[float, ...] | None = None
    stat: str | None = None
    listed: bool = False  # values typed as a numlist, ``var=(1 2 3)``: e(atstats#) says "values"


@dataclass(frozen=True)
class AtScenario:
    """One at() row: how each variable it names is set: ("value", v) or ("stat", s)."""

    specs: tuple[tuple[str, tuple], ...]
    listed: tuple[str, ...] = ()  # the variables set from a numlist (their statistic "values")

    def as_dict(self) -> dict:
        return dict(self.specs)


def _targets(var: str, terms: DesignTerms) -> list[str]:
    if var == "_all":
        return list(terms.variables)
    if var == "_factor":
        return [v for v in terms.variables if terms.is_factor(v)]
    if var == "_continuous":
        return [v for v in terms.variables if not terms.is_factor(v)]
    return [var]


def expand_scenarios(at_specs: list[tuple[AtItem, ...]], terms: DesignTerms, *, atmeans: bool,
                     asbalanced: bool) -> list[AtScenario]:
    """Every at() row of every at() option, with the atmeans/asbalanced defaults filled in."""
    default: dict[str, tuple] = {}
    for v in terms.variables:
        if atmeans:
            default[v] = ("stat", "mean")
        elif asbalanced and terms.is_factor(v):
            default[v] = ("stat", "asbalanced")
    if asbalanced:
        for v in terms.variables:
            if terms.is_factor(v):
                default[v] = ("stat", "asbalanced")
    out: list[AtScenario] = []
    for spec in at_specs or [()]:
        fixed: dict[str, tuple] = dict(default)
        choices: list[tuple[str, tuple[float, ...]]] = []
        listed: set[str] = set()
        for item in spec:
            if item.values is not None:
                for v in _targets(item.var, terms):
                    fixed.pop(v, None)
                    choices = [c for c in choices if c[0] != v]
                    choices.append((v, item.values))
                    (listed.add if item.listed else listed.discard)(v)
            else:
                for v in _targets(item.var, terms):
                    listed.discard(v)
                    choices = [c for c in choices if c[0] != v]
                    if item.stat == "asobserved":
                        fixed[v] = ("stat", "asobserved")
                    elif item.stat == "asbalanced" and not terms.is_factor(v):
                        continue  # asbalanced concerns factors only
                    else:
                        fixed[v] = ("stat", item.stat)
        for combo in itertools.product(*[vals for _, vals in choices]):
            specs = dict(fixed)
            for (v, _), val in zip(choices, combo):
                specs[v] = ("value", float(val))
            order = [v for v in terms.variables if v in specs]
            out.append(AtScenario(tuple((v, specs[v]) for v in order), tuple(v for v in order if v in listed)))
    return out


@dataclass(frozen=True)
class AtRecord:
    """One row of r(at) and its legend: a value per atom (NaN: as observed) and its statistic."""

    values: tuple[float, ...]
    stats: tuple[str, ...]  # per atom: "asobserved", "value", "mean", "p25", "asbalanced" ...


def resolve_scenario(scenario: AtScenario, terms: DesignTerms, sample: SampleValues, rows: np.ndarray,
                     weighted: bool) -> tuple[Setting, AtRecord]:
    """The setting of one at() row on ``rows`` (statistics computed over them)."""
    setting = Setting()
    values: dict[str, float] = {}
    levels: dict[str, float] = {}
    fractions: dict[str, dict] = {}
    w = sample.weights[rows]
    for var, (kind, what) in scenario.specs:
        x = sample.values[var][rows]
        if terms.is_factor(var):
            levs = terms.levels(var)
            if kind == "value":
                if what not in levs:
                    raise StataError(f"invalid at() specification for factor {var}; level {_num(what)} "
                                     f"not found", 198)
                levels[var] = what
            elif what == "asobserved":
                continue
            elif what == "mean":
                fractions[var] = factor_proportions(x, w, levs, weighted)
            elif what == "asbalanced":
                fractions[var] = {lev: 1.0 / len(levs) for lev in levs}
            elif what == "base":
                base = terms.base(var)
                levels[var] = base if base is not None else levs[0]
            else:
                raise StataError(f"statistic ({what}) not allowed with factor variable {var}", 198)
        else:
            if kind == "value":
                values[var] = what
            elif what in ("asobserved", "asbalanced"):
                continue
            elif what == "base":
                raise StataError(f"statistic (base) not allowed with continuous variable {var}", 198)
            else:
                values[var] = covariate_statistic(what, x, w, weighted)
    setting = Setting(values, levels, fractions)
    stats = dict(scenario.specs)
    atom_values, atom_stats = [], []
    for name, var, lev in terms.atoms:
        kind, what = stats.get(var, ("stat", "asobserved"))
        # _marg_at's words: "values" for a numlist (var=(1 2 3)), "value" for one number
        set_to = "values" if var in scenario.listed else "value"
        if lev is None:
            atom_values.append(values.get(var, np.nan))
            atom_stats.append(set_to if kind == "value" else what)
        elif var in levels:
            atom_values.append(1.0 if levels[var] == lev else 0.0)
            atom_stats.append(set_to if kind == "value" else what)
        elif var in fractions:
            atom_values.append(fractions[var][lev])
            atom_stats.append(what)
        else:
            atom_values.append(np.nan)
            atom_stats.append("asobserved")
    return setting, AtRecord(tuple(atom_values), tuple(atom_stats))


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def groups_of(columns: list[np.ndarray], rows: np.ndarray) -> list[tuple[tuple[float, ...], np.ndarray]]:
    """(values, rows) of every combination of the columns' values among ``rows`` (missing
    values excluded), in ascending order of the values (first column slowest).  Hash-coded
    (pandas.factorize), then one stable sort of the combined codes: fast on millions of rows."""
    import pandas as pd

    if not columns:
        return [((), rows)]
    vals = [np.asarray(c[rows], float) for c in columns]
    ok = np.ones(len(rows), bool)
    for v in vals:
        ok &= ~np.isnan(v)
    rows = rows[ok]
    if not len(rows):
        return []
    code = np.zeros(len(rows), np.int64)
    uniques = []
    for v in vals:
        c, u = pd.factorize(v[ok], sort=True)
        uniques.append(u)
        code = code * len(u) + c
    inverse, keys = pd.factorize(code, sort=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(keys) + 1))
    out = []
    for g, k in enumerate(keys):
        parts, rest = [], int(k)
        for u in reversed(uniques):
            parts.append(float(u[rest % len(u)]))
            rest //= len(u)
        out.append((tuple(reversed(parts)), rows[order[bounds[g]:bounds[g + 1]]]))
    return out


@dataclass(frozen=True)
class Cell:
    """One margin: its labels and how to compute it (setting, rows)."""

    at: int | None            # at() row number (1-based) when there are several, else None
    over: tuple[float, ...]   # values of the over() variables
    within: tuple[float, ...]  # values of the within() variables
    term: int | None          # marginlist term index
    levels: tuple[float, ...]  # the term's levels
    setting: Setting
    rows: np.ndarray
    record: AtRecord | None = None


@dataclass
class CellPlan:
    """Every cell of a margins table in Stata's order (term, then at, over, within, levels)."""

    cells: list[Cell] = field(default_factory=list)
    records: list[tuple[int | None, tuple[float, ...], AtRecord]] = field(default_factory=list)
    n_at: int = 0


def plan_cells(terms: DesignTerms, sample: SampleValues, *, scenarios: list[AtScenario], has_at: bool,
               marginlist: list[tuple[str, ...]], over: list[np.ndarray], within: list[str],
               weighted: bool, term_levels: dict | None = None) -> CellPlan:
    """Enumerate the cells.  ``marginlist``: terms as tuples of factor variables (``()`` for
    the overall margin); ``over``: the over() variables' values on the sample rows;
    ``within``: within() factor variables.  ``term_levels`` restricts a factor's levels."""
    plan = CellPlan(n_at=len(scenarios))
    all_rows = np.arange(sample.n)
    over_groups = groups_of(over, all_rows)
    if over and not over_groups:
        raise StataError("no observations", 2000)
    several_at = has_at and len(scenarios) > 1
    resolved: dict[tuple[int, tuple], tuple[Setting, AtRecord]] = {}
    for k, scenario in enumerate(scenarios):
        for okey, orows in over_groups:
            resolved[(k, okey)] = resolve_scenario(scenario, terms, sample, orows, weighted)
            plan.records.append((k + 1 if several_at else None, okey, resolved[(k, okey)][1]))
    within_groups = groups_of([sample.values[v] for v in within], all_rows) if within else [((), all_rows)]
    for t, term in enumerate(marginlist):
        level_sets = [(term_levels or {}).get(f, terms.levels(f)) for f in term]
        for k in range(len(scenarios)):
            for okey, orows in over_groups:
                base_setting, record = resolved[(k, okey)]
                for wkey, wrows in within_groups:
                    setting = base_setting
                    for v, val in zip(within, wkey):
                        setting = setting.with_level(v, val)
                    present = None
                    if within and term:
                        inside = np.intersect1d(orows, wrows)
                        present = {tuple(float(sample.values[f][i]) for f in term) for i in inside}
                    for combo in itertools.product(*level_sets):
                        if present is not None and tuple(combo) not in present:
                            continue
                        s = setting
                        for f, lev in zip(term, combo):
                            s = s.with_level(f, lev)
                        plan.cells.append(Cell(k + 1 if several_at else None, okey, wkey, t if term else None,
                                               tuple(combo), s, orows, record))
    return plan
