"""The linear predictor and its standard error on any rows (``predict, xb`` / ``stdp``).

    xb_i = x_i b,    stdp_i = sqrt(x_i V x_i'),    h_i = x_i V x_i' / s^2 (regress's leverage)

with x_i a row of the fixed-effects design (estimable columns), b and V their
estimates and covariance.
"""
from __future__ import annotations

import numpy as np


def linear_prediction(X: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ b if X.shape[1] else np.zeros(X.shape[0])


def quadratic_form_rows(X: np.ndarray, V: np.ndarray) -> np.ndarray:
    """x_i V x_i' for every row."""
    return np.einsum("ij,jk,ik->i", X, V, X)


def prediction_se(X: np.ndarray, V: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(quadratic_form_rows(X, V), 0))


class LinearIndexPredictions:
    """``predict`` of a fit whose statistics are functions of the linear prediction: stdp =
    sqrt(x V x') here, every other statistic from ``predict_from_index(statistic, xb, rows)``,
    which the fit defines (``b``, ``V``: its estimable coefficients and their covariance)."""

    def predict(self, statistic: str, rows) -> np.ndarray:
        X = rows.fixed_design()
        metric = getattr(self, "fitted_metric", None)  # fitted on shifted columns: stdp in that metric
        if statistic == "stdp" and metric is not None and getattr(self, "coef_labels", None) is not None:
            return metric.prediction_se(X, [j for j, lab in enumerate(self.coef_labels)
                                            if not (lab.base or lab.omitted)])
        if statistic == "stdp":
            return prediction_se(X, self.V)
        return self.predict_from_index(statistic, linear_prediction(X, self.b), rows)
