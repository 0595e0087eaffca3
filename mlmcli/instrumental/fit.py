"""``ivregress``'s fit object (the estimation layer's interface): e(b), e(V) over the design's
coefficient names, table rows (z, or t on e(df_r) under small), predict xb/residuals/stdp/stdf,
margins' linear prediction, and the sample's columns that the estat subcommands refit."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.instrumental.estimators import IVData
from mlmcli.postest.linear_prediction import LinearIndexPredictions, prediction_se


@dataclass
class IVFit(LinearIndexPredictions):
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    df_r: float | None
    level: float
    data: IVData
    endog_names: tuple
    excluded_names: tuple
    exog_names: tuple
    rmse: float = float("nan")
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

    def predict_options(self) -> tuple:
        return (("xb", 2, "Linear prediction"), ("residuals", 1, "Residuals"),
                ("stdp", 4, "S.E. of the prediction"), ("stdf", 4, "S.E. of the forecast"))

    def predict(self, statistic: str, rows) -> np.ndarray:
        if statistic == "stdf":  # ivregress_p: sqrt(stdp^2 + e(rmse)^2)
            se = prediction_se(rows.fixed_design(), self.V)
            return np.sqrt(se * se + self.rmse ** 2)
        return super().predict(statistic, rows)

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if statistic == "xb":
            return xb
        if statistic == "residuals":
            return rows.depvar() - xb
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """e(marginsok) XB default, e(marginsnotok) Residuals SCores."""
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",), ("residuals", "scores", "stdp", "stdf"))
