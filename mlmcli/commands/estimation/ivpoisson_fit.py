"""``ivpoisson``'s fit object (the estimation layer's interface): e(b), e(V), the table's rows
(exponentiated under irr) and the linear index predict (``predict_ivpoisson``) and margins read."""
from __future__ import annotations

import numpy as np


class IVPoissonMarginsHook:
    """margins' hook of both ivpoisson estimators (``ivpoisson_margins``): n or xb of depvar's
    equation, with the fit's ``offset_var``/``exposure``."""
    offset_var: str | None = None
    exposure: bool = False

    def margins_prediction(self, options: str):
        from mlmcli.commands.estimation.ivpoisson_margins import ivpoisson_margins_prediction

        return ivpoisson_margins_prediction(self.offset_var, self.exposure, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.estimation.ivpoisson_margins import ivpoisson_margins_variables

        return ivpoisson_margins_variables(self.offset_var)


class IVPoissonFit(IVPoissonMarginsHook):
    """The gmm fit: one equation (depvar's), predict's pieces for ``predict_ivpoisson``."""

    def __init__(self, coef_labels, b, V, depvar: str, offset_var: str | None, exposure: bool):
        self.coef_labels, self.b, self.V = coef_labels, np.asarray(b, float), np.asarray(V, float)
        self.depvar, self.offset_var, self.exposure = depvar, offset_var, exposure
        self.result_object = None

    def e_matrices(self):
        """e(b), e(V) named ``depvar:name`` (ivpoisson.ado renames gmm's parameters so), base and
        omitted columns included."""
        from mlmcli.postest.coefficient_rows import coefficient_matrices
        from mlmcli.results.matrix import Matrix

        b, V = coefficient_matrices(self.coef_labels, self.b, self.V)
        names = tuple(f"{self.depvar}:{n}" for n in b.colnames)
        return Matrix(b.values, b.rownames, names), Matrix(V.values, names, names)

    def rows(self, level: float, eform: bool = False) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, level, None, eform=eform)

    def coef_rows(self) -> tuple:
        return self.result_object.rows if self.result_object is not None else self.rows(95.0)

    def result(self):
        return self.result_object

    @property
    def equations(self) -> tuple[str, ...]:
        return (self.depvar,)

    def equation_index(self, k: int, X, Zinst) -> np.ndarray:
        """x b (no offset) on the rows of X (the estimable columns, in e(b)'s order)."""
        return X @ self.b

    def control_term(self, X, Zinst):
        return 0.0
