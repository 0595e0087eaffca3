"""margins after ``streg``: streg_p's statistics as functions of the _t equation's linear
predictor eta = x b (+ the offset) and the constant ancillary parameters a (``ln_p``,
``ln_sig``, ``gamma``, ``kappa``; ``ln_the`` when the predictions integrate over a frailty):

    median time (predict's default), median lntime, mean time, mean lntime, hazard (at each
    row's _t), surv (S(_t)/S(_t0)), hr (hazard form), xb.

Stata marks streg's results ``marginsprop nochainrule``: margins differentiates the
prediction numerically rather than through the chain rule of the linear predictors.  So does
this hook (``numeric_derivatives``): dp/deta and dp/da per row by Richardson-extrapolated
central differences, D = (4 D(h/2) - D(h)) / 3 (error O(h^4)); the engine then takes
derivatives in the covariates numerically too.  The residuals (csnell, mgale, deviance and
their cumulative forms), csurv (a product over a subject's records), stdp and the scores are
refused as stochastic predictions; a model whose ancillary parameters have covariates
(ancillary(), anc2(), strata()) is refused (its ancillary parameters vary by row, which this
hook's constant a cannot express).
"""
from __future__ import annotations

import copy

import numpy as np

STOCHASTIC_STATISTICS = ("stdp", "csurv", "csnell", "ccsnell", "mgale", "cmgale", "deviance")
STEP = 1e-3  # difference step in eta and in the (log-scale) ancillary parameters


class StregResponse:
    """margins' prediction (``estimation.interface.MarginsPrediction``) of one streg_p statistic."""

    linear = False
    numeric_derivatives = True  # streg's marginsprop nochainrule

    def __init__(self, model, statistic: str, label: str, ancillary: tuple[str, ...], offset_var: str | None):
        self.model, self.statistic, self.label = model, statistic, label
        self.ancillary = ancillary
        self.offset_var = offset_var
        self.n_aux = len(model.dist.aux)  # the distribution's ancillary equations (then ln_the)

    def value(self, eta, a, t=None, t0=None) -> np.ndarray:
        """The statistic on every row at linear predictor ``eta`` and ancillary values ``a``."""
        model = self.model
        a = np.asarray(a, float)
        eta = np.asarray(eta, float)
        if len(a) > self.n_aux:  # the frailty variance enters unconditional predictions
            model = copy.copy(model)
            model.frailty_theta = float(np.exp(a[self.n_aux]))
        eqs = [eta] + [np.full(eta.shape, a[k]) for k in range(self.n_aux)]
        stat = self.statistic
        with np.errstate(all="ignore"):
            if stat == "xb":
                return eta
            if stat == "hr":
                return np.exp(eta)
            if stat in ("median time", "median lntime"):
                out = model.median(eqs)
                return np.log(out) if stat == "median lntime" else out
            if stat == "mean time":
                return model.dist.mean_time(eqs, model.aft)
            if stat == "mean lntime":
                return model.dist.mean_log_time(eqs, model.aft)
            if stat == "hazard":
                return np.exp(model.log_hazard(t, eqs))
            ls = model.log_survivor(t, eqs)  # surv
            ls0 = np.where(t0 > 0, model.log_survivor(np.where(t0 > 0, t0, 1.0), eqs), 0.0)
            return np.exp(ls - ls0)

    def response(self, eta, a=None):
        return self._derivatives(eta, a, None, None)

    def row_response(self, design, setting, eta, a):
        """The statistic and its derivatives on the rows (their _t, _t0 and offset)."""
        eta = np.asarray(eta, float)
        if self.offset_var:
            eta = eta + np.asarray(design.observed(self.offset_var), float)
        t = t0 = None
        if self.statistic in ("hazard", "surv"):
            t = np.asarray(design.observed("_t"), float)
            t0 = np.asarray(design.observed("_t0"), float)
        return self._derivatives(eta, a, t, t0)

    def _derivatives(self, eta, a, t, t0):
        a = np.zeros(0) if a is None else np.asarray(a, float)
        eta = np.asarray(eta, float)
        # a number when every covariate is fixed (atmeans) and the statistic reads no rows' times:
        # computed on one row, returned as a number, as the engine averages numbers
        shape = eta.shape if t is None else np.broadcast_shapes(eta.shape, np.shape(t))
        eta = np.broadcast_to(eta, shape if shape else (1,)).astype(float)
        p, d1, _, da, _ = self._on_rows(eta, a, t, t0)
        if not shape:
            return p[0], d1[0], None, (None if da is None else da[0]), None
        return p, d1, None, da, None

    def _on_rows(self, eta, a, t, t0):
        p = self.value(eta, a, t, t0)

        def central(shift_eta, shift_a):
            def diff(h):
                return (self.value(eta + h * shift_eta, a + h * shift_a, t, t0)
                        - self.value(eta - h * shift_eta, a - h * shift_a, t, t0)) / (2 * h)
            return (4 * diff(STEP / 2) - diff(STEP)) / 3

        d1 = central(1.0, np.zeros(len(a)))
        da = None
        if len(a):
            da = np.column_stack([central(0.0, np.eye(len(a))[k]) for k in range(len(a))])
        return p, d1, None, da, None
