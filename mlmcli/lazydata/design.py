"""The fixed-effects design of a model on lazy data, answered in SQL.

``factor_variables.design_layout`` needs, over the estimation sample, each factor's
distinct values with their counts and which combinations of a term's factors occur
(``SqlFactors``).  A column recipe (indicators of factor levels times continuous
variables) becomes the SQL product ``(f = level) * ... * x * ...`` (``recipe_sql``),
multiplied in the order ``factor_variables.evaluate_recipes`` multiplies, so the values
are the same to the last bit.
"""
from __future__ import annotations

import numpy as np

from mlmcli.lazydata import store
from mlmcli.lazydata.store import quote


def recipe_sql(recipe) -> str:
    """One design column (``factor_variables.ColumnRecipe``) as SQL over the variables."""
    if recipe.constant:
        return "1"
    parts = [f"CAST(({quote(var)} = {float(level)!r}) AS DOUBLE)" for var, level in recipe.indicators]
    parts += [quote(var) for var in recipe.continuous]
    return " * ".join(parts) if parts else "1"


class SqlFactors:
    """``factor_variables.SampleFactors`` over a relation and a sample condition."""

    def __init__(self, source: str, sample: str):
        self.source, self.sample = source, sample

    def levels(self, var: str) -> tuple[np.ndarray, np.ndarray]:
        rows = store.fetchall(f"SELECT {quote(var)}, count(*) FROM {self.source} WHERE {self.sample} "
                              f"GROUP BY {quote(var)} ORDER BY {quote(var)}")
        return (np.array([float(r[0]) for r in rows], dtype=float),
                np.array([int(r[1]) for r in rows], dtype=np.int64))

    def cells(self, variables: tuple[str, ...]) -> set[tuple[float, ...]]:
        cols = ", ".join(quote(v) for v in variables)
        rows = store.fetchall(f"SELECT DISTINCT {cols} FROM {self.source} WHERE {self.sample}")
        return {tuple(float(x) for x in r) for r in rows}
