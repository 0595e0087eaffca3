"""margins' hook after ``arima`` (arima_p; e(marginsok) ``xb y default``, e(marginsnotok) ``stdp mse
Residuals YResiduals``):

    xb (the default) [structural]    the one-step prediction of the (differenced) depvar   "xb prediction, one-step"
    y [structural]                   the same in the undifferenced depvar (+ L.y after D.y) "y prediction, one-step"

The one-step prediction at period t is x_t b plus the Kalman filter's prediction of the ARMA
disturbance from u_s = depvar_s - x_s b of the periods before: it depends on every earlier row's
covariates and on the ARMA parameters, so it is no function of one row's x b.  margins' linear
index is therefore empty (every e(b) parameter is ancillary, differentiated numerically as after
nl), and the prediction is computed over the fit's whole time grid under margins' setting -- at()
and dydx()'s shifts set a regressor in every period, as Stata's margins sets the variable in the
data before calling predict -- then read at each margins row's period (its time value, one of
margins' variables).  The regressors as e(b) names them (``x``, ``L.x``, ``D.x``) are margins'
covariates.  ``structural`` leaves the ARMA part out (x b).  stdp, mse, residuals and yresiduals
depend on more than e(b) (r(498)); dynamic() and t0() are refused as predict refuses them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.margins_nl import parameter_derivatives
from mlmcli.errors import StataError

_NOT_OK = (("stdp", 4), ("mse", 3), ("residuals", 1), ("yresiduals", 3))


def arima_margins_prediction(model, options: str, names):
    """The hook of arima's fit (``ArimaModel``); ``names``: e(b)'s column names."""
    from mlmcli.commands.postestimation.predict_arima import read_statistic
    from mlmcli.syntax.options import read_options

    stat, structural = read_statistic(read_options(options), _NOT_OK)
    if stat in ("residuals", "yresiduals"):  # abbreviations read_statistic let through
        from mlmcli.margins.response import STOCHASTIC

        raise StataError(STOCHASTIC, 498)
    return ArimaPrediction(model, stat or "xb", structural, names)


def arima_covariate_labels(model) -> tuple:
    """The regressors as e(b) names them: margins' covariates."""
    from mlmcli.mixed.spec import CoefLabel

    return tuple(CoefLabel(r) for r in model.data.regressors)


def arima_margins_variables(model) -> tuple[str, ...]:
    """The time variable (each margins row's period) and, after D.y, y and D.y (predict y's offset)."""
    d = model.data
    level = d.depvar.rpartition(".")[2]
    return tuple(dict.fromkeys([d.tvar] + ([level, d.depvar] if level != d.depvar else [])))


class ArimaPrediction:
    """The one-step (or structural) prediction as margins sees it (``row_response``)."""

    linear = False
    numeric_derivatives = True

    def __init__(self, model, statistic: str, structural: bool, names):
        self.model, self.statistic, self.structural = model, statistic, structural
        kind = "structural" if structural else "one-step"
        self.label = f"{statistic} prediction, {kind}"
        self.ancillary = tuple(names)

    def response(self, eta, a=None):
        raise ValueError("arima's prediction reads the rows: call row_response")

    def _grid(self, setting, params) -> np.ndarray:
        """The prediction at every period of the fit's time grid under ``setting``."""
        from mlmcli.time_series.arima_kalman import one_step_disturbances

        d = self.model.data
        X = np.array(d.X, float)
        for j, name in enumerate(d.regressors):
            if name in setting.values:
                X[:, j] = float(setting.values[name])
            if name in setting.shifts:
                X[:, j] = X[:, j] + setting.shifts[name]
        k = X.shape[1]
        grid = X @ params[:k] if k else np.zeros(len(d.y))
        if not self.structural:
            grid = grid + one_step_disturbances(params, d.y, X, self.model.spec)
        return grid

    def row_response(self, design, setting, eta, a):
        d = self.model.data
        delta = _delta(d)
        t = np.asarray(design.observed(d.tvar), float)
        idx = np.rint((t - d.tmin) / delta).astype(int)
        offset = 0.0
        if self.statistic == "y":  # the undifferenced series: + (y - depvar), L.y after D.y
            level = d.depvar.rpartition(".")[2]
            if level != d.depvar:
                offset = np.asarray(design.observed(level), float) - np.asarray(design.observed(d.depvar), float)
        a = np.asarray(a, float)
        with np.errstate(all="ignore"):
            p = self._grid(setting, a)[idx] + offset
            da = parameter_derivatives(lambda b: self._grid(setting, b)[idx], a, design.n)
        return p, np.zeros(design.n), None, da, None


def _delta(d) -> float:
    """The time grid's step: the fit's periods are tmin, tmin + delta, ..."""
    n = len(d.y)
    return (d.tmax - d.tmin) / (n - 1) if n > 1 else 1.0
