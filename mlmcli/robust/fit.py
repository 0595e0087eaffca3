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

    predict_default_note = "(option xb assumed; fitted values)"

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

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
