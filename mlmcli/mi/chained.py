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
    missing: np.ndarray = field(default=None)  # where the m = 0 value is missing

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
    """Imputations of ``equations`` on ``work`` (the m = 0 data, a Dataset this object owns)."""

    def __init__(self, work, equations: list[Equation], indepvars: list[str], sample: np.ndarray,
                 burnin: int, monotone: bool):
        self.work, self.equations, self.indepvars = work, equations, indepvars
        self.sample, self.burnin, self.monotone = sample, burnin, monotone
        self.original = {eq.target: work.numeric(eq.target).astype(float).copy() for eq in equations}
        self.types = {eq.target: work.types.get(eq.target, "double") for eq in equations}
        self._terms: dict = {}
        self.unfilled = 0

    def conditional_models(self) -> list[tuple[str, str]]:
        """(variable, its model as Stata lists it) for the final (or only) step."""
        out = []
        for i, eq in enumerate(self.equations):
            others = self.equations[:i] if self.monotone else [o for o in self.equations if o is not eq]
            words = eq.predictor_text(self.indepvars, others)
            spec = " ".join([eq.method, eq.target] + words)
            if eq.method == "pmm":
                spec += f", knn({eq.knn})"
            out.append((eq.target, spec))
        return out

    def _design(self, eq: Equation, words: list[str], fit: np.ndarray, predict: np.ndarray):
        key = (eq.target, tuple(words))
        terms = self._terms.get(key)
        if terms is None:
            terms = parse_terms(self.work, " ".join(words)) if words else []
            self._terms[key] = terms
        design = build_design(self.work, terms, fit, constant=True)
        return design.X, design.columns(self.work, predict)

    def _impute(self, rng, eq: Equation, others: list[Equation]) -> None:
        words = eq.predictor_text(self.indepvars, others)
        y = self.original[eq.target]
        rows = self.sample if eq.rows is None else (self.sample & eq.rows)
        used = {_base_name(w) for w in words}
        complete = np.ones(len(y), dtype=bool)
        for name in used:
            complete &= ~np.isnan(self.work.numeric(name))
        fit = rows & ~np.isnan(y) & complete
        target = rows & np.isnan(y)
        if not target.any():
            return
        X, Xmis = self._design(eq, words, fit, target)
        values = np.full(int(target.sum()), np.nan)
        ok = ~np.isnan(Xmis).any(axis=1)
        if ok.any():
            values[ok] = draw(rng, eq.method, X, y[fit], Xmis[ok], knn=eq.knn, augment=eq.augment)
        current = self.work.numeric(eq.target).astype(float).copy()
        current[target] = values
        self.work.set_variable(eq.target, current, self.types[eq.target])

    def impute(self, rng) -> dict[str, np.ndarray]:
        """One imputation: {variable: values over the m = 0 rows}.  PerfectPrediction
        propagates with the variable's name in ``self.failed``."""
        for eq in self.equations:
            self.work.set_variable(eq.target, self.original[eq.target].copy(), self.types[eq.target])
        steps = [(eq, self.equations[:i]) for i, eq in enumerate(self.equations)]
        if not self.monotone:
            for _ in range(self.burnin):
                steps += [(eq, [o for o in self.equations if o is not eq]) for eq in self.equations]
        for eq, others in steps:
            self.failed = eq  # named in the perfect-prediction error
            self._impute(rng, eq, others)
        return {eq.target: self.work.numeric(eq.target).astype(float).copy() for eq in self.equations}
