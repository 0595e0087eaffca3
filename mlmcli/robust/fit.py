"""The fit objects of ``qreg`` and ``rreg`` (the estimation layer's interface): e(b), e(V) over
the design's coefficient names, the t table's rows on e(df_r), predict xb/stdp/residuals."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import LinearIndexPredictions


@dataclass
class RobustLinearFit(LinearIndexPredictions):
    """b and V over the estimable columns of ``coef_labels``; ``engine_fit`` the engine's record
    (QuantileFit or BiweightFit)."""

    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    df_r: float
    level: float
    engine_fit: object
    result_object: object = None
    # sqreg: its equations (q25, q50 ...) and their stacked coefficients and covariance; b and V
    # (what predict uses) are then the first equation's
    equation_names: tuple = ()
    b_all: np.ndarray | None = None
    V_all: np.ndarray | None = None

    predict_default_note = "(option xb assumed; fitted values)"

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        if not self.equation_names:
            return coefficient_matrices(self.coef_labels, self.b, self.V)
        from mlmcli.results.matrix import Matrix

        names = [lab.name for lab in self.coef_labels]
        estimable = [j for j, lab in enumerate(self.coef_labels) if not (lab.base or lab.omitted)]
        m = len(names)
        full = [e * m + j for e in range(len(self.equation_names)) for j in estimable]
        b = np.zeros(m * len(self.equation_names))
        V = np.zeros((b.size, b.size))
        b[full] = self.b_all
        V[np.ix_(full, full)] = self.V_all
        columns = tuple(f"{eq}:{name}" for eq in self.equation_names for name in names)
        return Matrix(b[None, :], ("y1",), columns), Matrix(V, columns, columns)

    def equation_rows(self) -> tuple:
        """sqreg's table blocks: (equation, rows) of each quantile's coefficients."""
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        k = self.b.size
        return tuple((eq, rows_from_estimates(self.coef_labels, self.b_all[j * k:(j + 1) * k],
                                              self.V_all[j * k:(j + 1) * k, j * k:(j + 1) * k], self.level,
                                              self.df_r))
                     for j, eq in enumerate(self.equation_names))

    def coef_rows(self) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, self.level, self.df_r)

    def result(self):
        return self.result_object

    def margins_prediction(self, options: str):
        """margins' hook: x b (qreg's e(marginsnotok) stdp stddp residuals, rreg's marginsok XB)."""
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",), ("stdp", "stddp", "residuals"))

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if statistic == "xb":
            return xb
        if statistic == "residuals":
            return rows.depvar() - xb
        raise StataError(f"option {statistic} not allowed", 198)
