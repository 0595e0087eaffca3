"""One imputation of one or more variables: a univariate model ([MI] mi impute regress, pmm,
...) or chained equations ([MI] mi impute chained, Methods and formulas).

Chained equations: the imputation variables are visited from the most to the least observed
(unless orderasis).  Initialization (monotone): each is imputed from the independent
variables and the imputation variables visited before it.  Then ``burnin`` iterations: each
is imputed again from the independent variables and all the other imputation variables
(their current values).  The values after the last iteration are the imputation; every
imputation runs its own chain.  A monotone missing-value pattern needs no iteration (the
initialization is the monotone imputation).  Categorical imputation variables (logit, ologit,
mlogit) enter the other equations as factor variables (i.name) unless ascontinuous.

Each model is fitted on the rows of the imputation sample where its variable was observed
and its predictors are not missing; rows whose predictors are missing get no value (counted
so the command can stop or, with force, go on).  Pure computation on a working copy of the
m = 0 data: no output.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.factor_terms import parse_terms
from mlmcli.collinear_columns import independent_candidates
from mlmcli.errors import StataError
from mlmcli.factor_variables import build_design
from mlmcli.mi.posterior_draws import CATEGORICAL, draw


@dataclass
class Equation:
    """The model of one imputation variable."""

    method: str
    target: str
    knn: int = 0
    augment: bool = False
    ascontinuous: bool = False
    noimputed: bool = False
    include: tuple[str, ...] = ()
    omit: tuple[str, ...] = ()
    rows_if: str = ""  # a (method if) restriction as typed
    rows: np.ndarray | None = None  # ... and its rows among the m = 0 rows
    missing: np.ndarray = field(default=None)  # where the m = 0 value is . (soft missing)

    def predictor_text(self, indepvars: list[str], others: list["Equation"]) -> list[str]:
        """The predictors as typed in a varlist, in Stata's order (imputed ones first)."""
        words = []
        if not self.noimputed:
            for o in others:
                if o.target in self.omit:
                    continue
                words.append(f"i.{o.target}" if o.method in CATEGORICAL and not o.ascontinuous else o.target)
        words += [w for w in indepvars if _base_name(w) not in self.omit]
        words += [w for w in self.include if w not in words]
        return words


def _base_name(word: str) -> str:
    return word.split(".")[-1]


def is_monotone(equations: list[Equation], sample: np.ndarray) -> bool:
    """In visiting order, a row missing one variable misses every later one too."""
    for a, b in zip(equations, equations[1:]):
        if np.any(a.missing & ~b.missing & sample):
            return False
    return True


class ChainedImputer:
    """Imputations of ``equations`` on ``work`` (the m = 0 data, a Dataset this object owns).

    Speed: the independent variables' columns (factor variables expanded once on the
    imputation sample) are built once per equation; the imputation variables' columns are
    numpy arrays updated in place; collinear columns are dropped on each fit's rows."""

    def __init__(self, work, equations: list[Equation], indepvars: list[str], sample: np.ndarray,
                 burnin: int, monotone: bool):
        self.work, self.equations, self.indepvars = work, equations, indepvars
        self.sample, self.burnin, self.monotone = sample, burnin, monotone
        self.original = {eq.target: work.numeric(eq.target).astype(float).copy() for eq in equations}
        self.current = {name: values.copy() for name, values in self.original.items()}
        self._static: dict = {}
        self.failed = None

    def conditional_models(self) -> list[tuple[str, str]]:
        """(variable, its model as Stata lists it) for the final (or only) step."""
        out = []
        for i, eq in enumerate(self.equations):
            others = self.equations[:i] if self.monotone else [o for o in self.equations if o is not eq]
            words = eq.predictor_text(self.indepvars, others)
            spec = " ".join([eq.method, eq.target] + words)
            if eq.rows_if:
                spec += f" if {eq.rows_if}"
            if eq.method == "pmm":
                spec += f", knn({eq.knn})"
            out.append((eq.target, spec))
        return out

    def _static_columns(self, eq: Equation) -> np.ndarray:
        """The independent variables' (and include()'s) columns on every row, NaN where missing."""
        if eq.target not in self._static:
            words = [w for w in self.indepvars if _base_name(w) not in eq.omit]
            words += [w for w in eq.include if w not in words]
            if words:
                design = build_design(self.work, parse_terms(self.work, " ".join(words)), self.sample & _complete(
                    self.work, words), constant=False)
                self._static[eq.target] = design.columns(self.work) if design.recipes else np.empty((self.work.nobs, 0))
            else:
                self._static[eq.target] = np.empty((self.work.nobs, 0))
        return self._static[eq.target]

    def _imputed_columns(self, eq: Equation, others: list[Equation]) -> list[np.ndarray]:
        cols = []
        if eq.noimputed:
            return cols
        for o in others:
            if o.target in eq.omit:
                continue
            values = self.current[o.target]
            if o.method in CATEGORICAL and not o.ascontinuous:  # i.name: the levels but the lowest
                levels = np.unique(values[self.sample & ~np.isnan(values)])
                for level in levels[1:]:
                    col = (values == level).astype(float)
                    col[np.isnan(values)] = np.nan
                    cols.append(col)
            else:
                cols.append(values)
        return cols

    def _impute(self, rng, eq: Equation, others: list[Equation]) -> None:
        y = self.original[eq.target]
        rows = self.sample if eq.rows is None else (self.sample & eq.rows)
        C = np.column_stack(self._imputed_columns(eq, others) + [self._static_columns(eq)])
        complete = ~np.isnan(C).any(axis=1)
        fit = rows & ~np.isnan(y) & complete
        target = rows & eq.missing  # soft missing only: .a ... .z stay (hard missing)
        if not target.any():
            return
        keep = _independent(C[fit])
        X = np.column_stack([C[:, keep], np.ones(len(y))])
        values = np.full(int(target.sum()), np.nan)
        ok = complete[target]
        if ok.any() and not fit.any():  # the imputation model's estimation sample is empty
            raise StataError("no observations", 2000)
        if ok.any():
            values[ok] = draw(rng, eq.method, X[fit], y[fit], X[target][ok], knn=eq.knn, augment=eq.augment)
        self.current[eq.target][target] = values

    def impute(self, rng, trace: list | None = None) -> dict[str, np.ndarray]:
        """One imputation: {variable: values over the m = 0 rows}; when a model fails, the
        equation being fitted is ``self.failed``.  ``trace``: gets, after the initial pass
        (iteration 0) and after each burn-in iteration, {variable: (mean, sd)} of its values
        on the observations being imputed (savetrace())."""
        for eq in self.equations:
            self.current[eq.target] = self.original[eq.target].copy()
        passes = [[(eq, self.equations[:i]) for i, eq in enumerate(self.equations)]]
        if not self.monotone:
            for _ in range(self.burnin):
                passes.append([(eq, [o for o in self.equations if o is not eq]) for eq in self.equations])
        for steps in passes:
            for eq, others in steps:
                self.failed = eq
                self._impute(rng, eq, others)
            if trace is not None:
                trace.append({eq.target: _mean_sd(self.current[eq.target][self.sample & eq.missing])
                              for eq in self.equations})
        return {eq.target: self.current[eq.target].copy() for eq in self.equations}


def _mean_sd(values: np.ndarray) -> tuple[float, float]:
    v = values[~np.isnan(values)]
    return (float(v.mean()) if v.size else np.nan, float(v.std(ddof=1)) if v.size > 1 else np.nan)


def _independent(C: np.ndarray) -> np.ndarray:
    """Columns to keep with a constant: all when of full rank (the quick answer), else _rmcoll's."""
    if C.shape[1] == 0:
        return np.zeros(0, dtype=bool)
    with_constant = np.column_stack([C, np.ones(len(C))])
    if len(C) > C.shape[1] and np.linalg.matrix_rank(with_constant) == with_constant.shape[1]:
        return np.ones(C.shape[1], dtype=bool)
    return independent_candidates(C, True)


def _complete(ds, words: list[str]) -> np.ndarray:
    rows = np.ones(ds.nobs, dtype=bool)
    for w in words:
        for part in w.replace("#", " ").split():
            rows &= ~np.isnan(ds.numeric(ds.resolve(_base_name(part).strip("()"))))
    return rows
