"""``predict`` after ``tobit`` and ``intreg`` (tobit_p, intreg_p): every statistic is a function of
the linear prediction x b (+ the offset) and sigma:

    xb, stdp = sqrt(x V x'), stdf = sqrt(stdp^2 + sigma^2),
    pr(a,b), e(a,b), ystar(a,b) of y* ~ N(x b, sigma^2) (``regression_diagnostics.truncated_statistic``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.postest.linear_prediction import LinearIndexPredictions


class CensoredPredictions(LinearIndexPredictions):
    """The fit ``predict`` and ``margins`` see: b (estimable coefficients), V, sigma."""

    def __init__(self, b, V, sigma: float, offset_var: str | None, coef_labels, het=None):
        self.b, self.V, self.sigma = np.asarray(b, float), np.asarray(V, float), float(sigma)
        self.offset_var, self.coef_labels = offset_var, tuple(coef_labels)
        self.het = het  # intreg's het(): (its design, g); sigma_i = exp(z_i g)

    def sigma_at(self, data):
        """sigma at every row of ``data`` (a number without het())."""
        if self.het is None:
            return self.sigma
        design, g = self.het
        Z = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        return np.exp(Z @ g)

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def result(self):
        return None  # the command keeps the result object

    def index(self, xb: np.ndarray, rows, offset: bool = True) -> np.ndarray:
        """x b plus the offset variable (``offset`` False: nooffset)."""
        if offset and self.offset_var:
            return xb + rows.variable(self.offset_var)
        return xb

    def predict_from_index(self, statistic: str, xb, rows):
        from mlmcli.errors import StataError

        if statistic == "xb":
            return self.index(xb, rows)
        raise StataError(f"option {statistic} not allowed", 198)

    def statistic(self, name: str, xb: np.ndarray, stdp, sigma, lo=np.nan, hi=np.nan) -> np.ndarray:
        """stdf, pr, e or ystar at the linear predictions ``xb`` with ``sigma`` (a number or
        one per row; bounds: numbers or arrays, NaN for an open side)."""
        from mlmcli.postest.regression_diagnostics import truncated_statistic

        if name == "stdf":
            return np.sqrt(stdp * stdp + sigma ** 2)
        return truncated_statistic(name, xb, sigma, lo, hi)
