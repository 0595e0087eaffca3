"""Covariate settings and the fixed-effects design they imply.

A margin fixes some covariates and leaves the others as observed.  A ``Setting`` says
what every variable of the fixed design is on each row of the margin's sample:

- a continuous variable v: its observed values z_v(i), or one number (``at(x=3)``,
  ``(mean)``, ``(p25)`` ...);
- a factor variable f: its indicators I_{f,l}(i) for every level l of the design --
  observed 1[f_i = l], one level 1[v = l] (``at(f=1)``, a marginlist level), or
  fractions (``atmeans``: the sample proportions; ``asbalanced``: 1/L each).

A column of X is the product of its recipe's indicators and continuous variables
(``factor_variables.ColumnRecipe``), so under a setting

    x_ij = prod_{(f,l) in recipe j} I_{f,l}(i) * prod_{v in recipe j} z_v(i),

and its derivative with respect to a continuous variable v (d eta / dv = (dX/dv) b)

    d x_ij / d v = m * z_v(i)^(m-1) * (the rest of the product),  m = times v appears in j.

Columns that involve a variable only through constants under a setting are numbers, not
arrays, until they are needed on rows: a 1,000,000-row sample with every covariate fixed
costs nothing per row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.summary_statistics import stata_percentile, weighted_percentile
from mlmcli.syntax.coefnames import parse_coef_name


@dataclass(frozen=True)
class DesignTerms:
    """The fixed design as margins needs it.

    ``recipes``: one per estimable column of e(b)'s first equation (X's columns);
    ``omitted``: recipes of the empty factor cells (omitted because no observation has
    them): a margin that puts weight on one is not estimable;
    ``factors``: factor variable -> its levels in e(b) (ascending) and its base level
    (None: no base); ``continuous``: continuous variables, in e(b) order;
    ``atoms``: the covariates in e(b) order as ``r(at)`` names them: one column per
    continuous variable and one per factor level (``0b.f``, ``1.f``).
    """

    recipes: tuple
    omitted: tuple
    factors: dict
    continuous: tuple[str, ...]
    atoms: tuple[tuple[str, str, float | None], ...]  # (name, variable, level or None)

    @property
    def variables(self) -> tuple[str, ...]:
        seen: list[str] = []
        for _, var, _ in self.atoms:
            if var not in seen:
                seen.append(var)
        return tuple(seen)

    def is_factor(self, var: str) -> bool:
        return var in self.factors

    def levels(self, var: str) -> tuple[float, ...]:
        return self.factors[var][0]

    def base(self, var: str) -> float | None:
        return self.factors[var][1]


def _operated_name(part) -> str:
    """A continuous part's covariate: ``L.x2`` (time-series operated) is a covariate of its
    own, as the design's recipes and Stata's margins (dydx(L.x2), ``L.x2 = ... (mean)``) name it."""
    from mlmcli.time_series_ops import is_time_series_operator

    op = "".join(ch for ch in (part.op or "") if ch not in "cob")  # c. and the omitted/base flags
    return f"{op}.{part.var}" if op and is_time_series_operator(op) else part.var


def _operated_factor(part) -> tuple[str, str, bool] | None:
    """``1L.x`` / ``0bL2.x`` (a factor of a time-series operated variable, [U] 11.4.4): the
    covariate ``L.x`` / ``L2.x`` -- as the design's recipes name it --, the level text and
    whether it is the base; None for any other part."""
    import re

    from mlmcli.time_series_ops import canonical_operator, is_time_series_operator

    m = re.fullmatch(r"(?P<level>\d+)(?P<marks>[bno]*)(?P<ts>[A-Za-z][A-Za-z0-9]*)", part.op or "")
    if not m or not is_time_series_operator(m.group("ts")):
        return None
    ts = canonical_operator(m.group("ts"))
    var = f"{ts}.{part.var}" if ts else part.var
    return var, m.group("level"), "b" in m.group("marks") and "n" not in m.group("marks")


def design_terms(labels, recipes, other_labels=(), dropped_empty=()) -> DesignTerms:
    """``DesignTerms`` from a ``FixedDesign``'s labels (every e(b) name of the first equation,
    base and omitted ones included) and recipes (the estimable columns); ``other_labels``: the
    other equations' names (zip's inflate, heckman's select), whose covariates margins also
    sets and differentiates (the fit's prediction reads them: ``margins.equations``);
    ``dropped_empty``: the recipes of the empty cells ``set emptycells drop`` left out of e(b)."""
    from mlmcli.factor_variables import ColumnRecipe

    levels: dict[str, set] = {}
    bases: dict[str, float] = {}
    continuous: list[str] = []
    atoms: list[tuple[str, str, float | None]] = []
    omitted = []
    seen_atoms: set = set()
    first = len(labels)
    for at, lab in enumerate(tuple(labels) + tuple(other_labels)):
        name = parse_coef_name(lab.name)
        indicators, conts = [], []
        for part in name.parts:
            if part.var == "_cons" and not part.op:
                continue
            operated = _operated_factor(part) if part.level is None else None
            if part.level is not None or operated is not None:
                fvar, ltext, is_base = operated or (part.var, part.level, part.is_base)
                lev = float(ltext)
                levels.setdefault(fvar, set()).add(lev)
                indicators.append((fvar, lev))
                if is_base and len(name.parts) == 1:
                    bases[fvar] = lev
                key = (fvar, lev)
                if key not in seen_atoms:
                    seen_atoms.add(key)
                    atoms.append((_atom_name(ltext, is_base and len(name.parts) == 1, fvar), fvar, lev))
            else:
                var = _operated_name(part)
                conts.append(var)
                if var not in continuous:
                    continuous.append(var)
                if (var, None) not in seen_atoms:
                    seen_atoms.add((var, None))
                    atoms.append((var, var, None))
        if lab.omitted and indicators and not conts and at < first:  # an empty factor cell
            omitted.append(ColumnRecipe(tuple(indicators), ()))
    factors = {f: (tuple(sorted(levs)), bases.get(f)) for f, levs in levels.items()}
    # an atom named before its base was known keeps the base marker of its first main-effect label
    atoms = [(_atom_name(_level_text(lev), var in factors and factors[var][1] == lev, var), var, lev)
             if lev is not None else (n, var, lev) for n, var, lev in atoms]
    omitted += [r for r in dropped_empty if not r.continuous]  # set emptycells drop's cells
    return DesignTerms(tuple(recipes), tuple(omitted), factors, tuple(continuous), tuple(atoms))


def _atom_name(level: str, base: bool, var: str) -> str:
    return factor_level_name(level, var, "b" if base else "")


def factor_level_name(level: str, var: str, marks: str = "") -> str:
    """``1.f``, ``0b.f``; of an operated factor ``1L.x``, ``0bL2.x`` (Stata's names)."""
    ts, dot, plain = var.rpartition(".")
    return f"{level}{marks}{ts}.{plain}" if dot else f"{level}{marks}.{var}"


def _level_text(level: float) -> str:
    return str(int(level)) if float(level).is_integer() else repr(float(level))


@dataclass(frozen=True)
class SampleValues:
    """The margins sample: each model variable's values (float arrays over the sample rows)
    and the row weights w_i (ones when unweighted)."""

    values: dict
    weights: np.ndarray

    @property
    def n(self) -> int:
        return len(self.weights)


@dataclass(frozen=True)
class Setting:
    """How every design variable is set (module docstring); a variable in none of the
    dicts is as observed.  ``fractions[f]`` maps every level of f to its indicator value."""

    values: dict = field(default_factory=dict)     # continuous variable -> number
    levels: dict = field(default_factory=dict)     # factor -> level
    fractions: dict = field(default_factory=dict)  # factor -> {level: indicator value}
    shifts: dict = field(default_factory=dict)     # continuous variable -> h added (numerical dy/dx)

    def with_level(self, var: str, level: float) -> "Setting":
        fr = {k: v for k, v in self.fractions.items() if k != var}
        return Setting(dict(self.values), {**self.levels, var: level}, fr, dict(self.shifts))

    def with_value(self, var: str, value: float) -> "Setting":
        return Setting({**self.values, var: value}, dict(self.levels), dict(self.fractions), dict(self.shifts))

    def with_shift(self, var: str, h: float) -> "Setting":
        return Setting(dict(self.values), dict(self.levels), dict(self.fractions), {**self.shifts, var: h})

    def key(self) -> tuple:
        """A hashable identity: equal keys give the same design on the same rows."""
        return (tuple(sorted(self.values.items())), tuple(sorted(self.levels.items())),
                tuple(sorted((f, tuple(sorted(fr.items()))) for f, fr in self.fractions.items())),
                tuple(sorted(self.shifts.items())))

    def fixes(self, var: str) -> bool:
        return var in self.values or var in self.levels or var in self.fractions


class DesignOnRows:
    """X and dX/dv of a setting on a subset of the sample's rows (``rows``: index array)."""

    def __init__(self, terms: DesignTerms, sample: SampleValues, rows: np.ndarray | None = None):
        self.terms = terms
        self.sample = sample
        self.rows = rows
        self.n = sample.n if rows is None else len(rows)
        self._cache: dict = {}

    def observed(self, var: str) -> np.ndarray:
        key = ("v", var)
        if key not in self._cache:
            v = self.sample.values[var]
            self._cache[key] = v if self.rows is None else v[self.rows]
        return self._cache[key]

    def indicator(self, setting: Setting, var: str, level: float):
        if var in setting.levels:
            return 1.0 if setting.levels[var] == level else 0.0
        if var in setting.fractions:
            return float(setting.fractions[var].get(level, 0.0))
        key = ("i", var, level)
        if key not in self._cache:
            self._cache[key] = (self.observed(var) == level).astype(float)
        return self._cache[key]

    def value(self, setting: Setting, var: str):
        v = float(setting.values[var]) if var in setting.values else self.observed(var)
        if var in setting.shifts:
            v = v + setting.shifts[var]
        return v

    def column(self, recipe, setting: Setting, wrt=None):
        """x_j under ``setting``, or d x_j / d wrt: ``wrt`` a continuous variable, or a factor
        level ``(f, l)`` whose indicator is differentiated (``margins, continuous``).
        A number or an array over the rows."""
        out = 1.0
        indicators = list(recipe.indicators)
        if isinstance(wrt, tuple):
            if wrt not in indicators:
                return 0.0
            indicators.remove(wrt)
        for var, lev in indicators:
            out = out * self.indicator(setting, var, lev)
            if isinstance(out, float) and out == 0.0:
                return 0.0
        conts = list(recipe.continuous)
        if isinstance(wrt, str):
            m = conts.count(wrt)
            if m == 0:
                return 0.0
            conts.remove(wrt)
            out = out * float(m)
        if recipe.constant and wrt is not None:
            return 0.0
        for var in conts:
            out = out * self.value(setting, var)
        return out

    def matrix(self, setting: Setting, recipes=None, wrt=None) -> np.ndarray:
        """The n x p matrix of ``recipes`` (default: X's columns) under the setting."""
        recipes = self.terms.recipes if recipes is None else recipes
        out = np.empty((self.n, len(recipes)))
        for j, r in enumerate(recipes):
            out[:, j] = self.column(r, setting, wrt)
        return out


# ------------------------------------------------------------------ statistics of covariates
def covariate_statistic(stat: str, x: np.ndarray, w: np.ndarray, weighted: bool) -> float:
    """``at()``'s statistic of one continuous variable over rows: mean, median, p#, min, max, zero."""
    if x.size == 0:
        return float("nan")
    if stat == "zero":
        return 0.0
    if stat == "mean":
        return float(np.sum(w * x) / np.sum(w)) if weighted else float(np.mean(x))
    if stat == "min":
        return float(np.min(x))
    if stat == "max":
        return float(np.max(x))
    p = 50 if stat == "median" else int(stat[1:])
    order = np.argsort(x, kind="stable")
    if weighted:
        return weighted_percentile(x[order], w[order], p)
    return stata_percentile(x[order], p)


def factor_proportions(x: np.ndarray, w: np.ndarray, levels, weighted: bool) -> dict:
    """The (weighted) share of the rows at each level: ``atmeans``' indicator values."""
    total = float(np.sum(w)) if weighted else float(x.size)
    if total == 0:
        raise StataError("no observations", 2000)
    out = {}
    for lev in levels:
        hit = x == lev
        out[lev] = float(np.sum(w[hit])) / total if weighted else float(np.count_nonzero(hit)) / total
    return out
